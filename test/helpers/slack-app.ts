/**
 * An app whose jobs post through the real Slack notifier against the local fake. Apart from the
 * Discord one (role-digests.ts): loading @slack/bolt and discord.js's REST in one test file breaks
 * discord.js's uploads (undici: "action is not a function").
 */
import { SlackAdapter } from '../../src/adapters/slack/adapter.js';
import { FakeSlack } from '../fakes/slack.js';
import { createTestApp } from './app.js';
import { asPlatform, type PlatformApp } from './role-digests.js';

export async function slackApp(): Promise<PlatformApp & { fake: FakeSlack }> {
  const fake = await new FakeSlack().start();
  const app = await createTestApp({
    SLACK_BOT_TOKEN: fake.botToken,
    SLACK_SIGNING_SECRET: 's',
    SLACK_API_URL: fake.apiUrl,
  });
  const adapter = new SlackAdapter({
    config: app.services.config,
    router: app.router,
    services: app.services,
    http: app.http,
    log: app.log,
    clientOptions: { retryConfig: { retries: 0 } },
  });
  app.recorder.forward = asPlatform('slack', adapter.notifier);
  return {
    app,
    fake,
    posted: (channel) =>
      fake
        .callsTo('chat.postMessage')
        .filter((c) => c.args.channel === channel)
        .map((c) => JSON.stringify([c.args.text, c.args.blocks])),
    async stop() {
      await app.cleanup();
      await fake.stop();
    },
  };
}
