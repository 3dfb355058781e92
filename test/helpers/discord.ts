/**
 * The Discord adapter as the Discord tests start it: the app's commands (plus any test-only ones)
 * behind a real Router, REST calls to the fake without retries, started and ready.
 */
import { commands } from '../../commands/index.js';
import { createDiscordAdapter, type DiscordAdapter } from '../../src/adapters/discord/adapter.js';
import type { Command } from '../../src/core/command.js';
import { Router } from '../../src/core/router.js';
import { createLogger } from '../../src/log.js';
import type { TestApp } from './app.js';

export async function startDiscordAdapter(
  app: TestApp,
  options: { extraCommands?: Command[]; budgetMs?: number; router?: Router } = {},
): Promise<DiscordAdapter> {
  const log = createLogger(process.env.TEST_LOG ?? 'silent');
  const router = options.router ?? new Router([...commands, ...(options.extraCommands ?? [])], app.services, log);
  const adapter = createDiscordAdapter({
    config: app.services.config,
    router,
    db: app.services.db,
    http: app.http,
    log,
    rest: { retries: 0, timeout: 3000 },
    ...(options.budgetMs === undefined ? {} : { budgetMs: options.budgetMs }),
  });
  await adapter.start();
  return adapter;
}
