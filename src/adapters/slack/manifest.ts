/**
 * The Slack app manifest, generated from the command specs so Slack always knows every command:
 * each command's own slash command plus `/mkt`, the scopes the adapter uses, and the request URLs
 * (or Socket Mode). Paste the JSON at api.slack.com/apps -> Create New App -> From a manifest.
 *
 * Every slash command has `should_escape: true`: Slack then sends people, channels and links as
 * <@U123|sara>, <#C123|general> and <https://…>, so a person or channel typed after a command
 * arrives with its id (roles are stored by user id; files.uploadV2 and conversations.join take
 * channel ids). typed-input.ts reads that text back.
 */
import type { Command } from '../../core/command.js';
import { SLACK_EVENTS_PATH, UMBRELLA_COMMAND } from './paths.js';

export interface ManifestOptions {
  /** Public base URL of this server, e.g. https://mktbot.example.com (HTTP mode). */
  url?: string;
  socketMode?: boolean;
  name?: string;
}

/** Scopes the adapter calls need, and why. */
export const BOT_SCOPES = [
  'commands', // slash commands
  'chat:write', // replies, notices, alerts, digests
  'chat:write.public', // post to public channels the bot has not joined
  'channels:join', // join a public channel configured for notices
  'files:write', // charts and exports (files.uploadV2)
  'users:read', // Slack admins and owners become admins here
  'app_mentions:read', // "@mktbot config" in a channel
  'im:history', // a direct message to the bot with files (docs/media.md)
  'files:read', // download those files (url_private with the bot token)
] as const;

function usageHint(c: Command): string {
  const named = c.subcommands.filter((s) => s.name);
  if (named.length > 0) return `[${named.map((s) => s.name).join('|')}] …`.slice(0, 1000);
  const sub = c.subcommands[0];
  const parts = Object.entries(sub?.options ?? {}).map(([key, o]) => {
    const shown = o.positional ? key : `${key}:…`;
    return o.required ? shown : `[${shown}]`;
  });
  return parts.join(' ').slice(0, 1000);
}

export function buildManifest(commands: readonly Command[], o: ManifestOptions): Record<string, unknown> {
  const base = o.url?.replace(/\/+$/, '');
  if (!o.socketMode && !base) throw new Error('a public --url is needed unless --socket is given');
  const requestUrl = base ? `${base}${SLACK_EVENTS_PATH}` : undefined;
  const withUrl = <T extends object>(x: T) => (o.socketMode || !requestUrl ? x : { ...x, url: requestUrl });
  const slash = [
    ...commands.map((c) =>
      withUrl({
        command: `/${c.name}`,
        description: c.description.en.slice(0, 100),
        usage_hint: usageHint(c),
        should_escape: true,
      }),
    ),
    withUrl({
      command: `/${UMBRELLA_COMMAND}`,
      description: 'Any mktbot command, e.g. /mkt config lang ar',
      usage_hint: `[${commands.map((c) => c.name).join('|')}] …`.slice(0, 1000),
      should_escape: true,
    }),
  ];
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name: o.name ?? 'mktbot',
      description: 'A digital marketer for your team: plans, schedules, listens and reports.',
      background_color: '#2c2d30',
    },
    features: {
      bot_user: { display_name: (o.name ?? 'mktbot').slice(0, 80), always_online: true },
      // The Home tab shows /home (listeners/home.ts); people send the bot files with a command in a
      // direct message, the Messages tab (docs/media.md).
      app_home: { home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: false },
      slash_commands: slash,
    },
    oauth_config: { scopes: { bot: [...BOT_SCOPES] } },
    settings: {
      event_subscriptions: {
        ...(o.socketMode || !requestUrl ? {} : { request_url: requestUrl }),
        bot_events: ['app_mention', 'message.im', 'app_home_opened'],
      },
      interactivity: {
        is_enabled: true,
        ...(o.socketMode || !requestUrl ? {} : { request_url: requestUrl }),
      },
      org_deploy_enabled: false,
      socket_mode_enabled: o.socketMode === true,
      token_rotation_enabled: false,
    },
  };
}
