/** Where Slack sends commands, interactivity and events (HTTP mode). */
export const SLACK_EVENTS_PATH = '/slack/events';
/** The umbrella command: `/mkt schedule ...` when `/schedule` clashes with another app. */
export const UMBRELLA_COMMAND = 'mkt';
