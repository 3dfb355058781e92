/**
 * mktbot's real Slack adapter (Bolt over signed HTTP) on the test app's server, started, with the
 * URL Slack would post events to. No Web API retries, so a refusal from the fake shows at once.
 */
import { commands } from '../../commands/index.js';
import { SlackAdapter } from '../../src/adapters/slack/adapter.js';
import { Router } from '../../src/core/router.js';
import { createLogger, type Logger } from '../../src/log.js';
import type { TestApp } from './app.js';

export async function startSlack(
  app: TestApp,
  log: Logger = createLogger('silent'),
): Promise<{ adapter: SlackAdapter; events: string }> {
  const adapter = new SlackAdapter({
    config: app.services.config,
    router: new Router(commands, app.services, app.log),
    services: app.services,
    http: app.http,
    log,
    clientOptions: { retryConfig: { retries: 0 } },
  });
  await adapter.start();
  return { adapter, events: `http://127.0.0.1:${await app.listen()}/slack/events` };
}
