/**
 * Composition: config -> database -> services -> router -> adapters (+ HTTP, jobs), and a graceful
 * shutdown that undoes it in reverse.
 */
import { commands } from '../commands/index.js';
import { ConsoleNotifier, consoleIdentity, runConsole } from './adapters/console/console.js';
import type { Config } from './config.js';
import type { Locale } from './core/i18n.js';
import { Router } from './core/router.js';
import { type OpenDatabase, openDatabase } from './db/client.js';
import { HttpServer } from './http/server.js';
import type { Logger } from './log.js';
import { AuditService } from './services/audit.js';
import { type Clock, systemClock } from './services/clock.js';
import type { Services } from './services/index.js';
import type { Notifier } from './services/notifier.js';
import { WorkspaceService } from './services/workspaces.js';

export interface App {
  db: OpenDatabase;
  services: Services;
  router: Router;
  http?: HttpServer;
  port?: number;
  stop(): Promise<void>;
}

export interface AppOptions {
  config: Config;
  log: Logger;
  notifier: Notifier;
  clock?: Clock;
}

export async function createApp(o: AppOptions): Promise<App> {
  const db = await openDatabase(o.config.DATABASE_URL);
  if (db.migrated.applied.length > 0) o.log.info({ applied: db.migrated.applied }, 'database migrated');
  const services: Services = {
    db: db.prisma,
    config: o.config,
    clock: o.clock ?? systemClock,
    workspaces: new WorkspaceService(db.prisma),
    audit: new AuditService(db.prisma),
    notifier: o.notifier,
    commands,
  };
  const router = new Router(commands, services, o.log);
  let http: HttpServer | undefined;
  let port: number | undefined;
  if (o.config.PORT !== undefined) {
    http = new HttpServer(o.log);
    port = await http.listen(o.config.PORT);
    o.log.info({ port }, 'http server listening');
  }
  let stopped = false;
  return {
    db,
    services,
    router,
    ...(http ? { http } : {}),
    ...(port === undefined ? {} : { port }),
    async stop() {
      if (stopped) return;
      stopped = true;
      await http?.close();
      await db.close();
    },
  };
}

export interface StartOptions {
  config: Config;
  log: Logger;
  /** Force the console even when Slack or Discord is configured. */
  console?: boolean;
  lang?: Locale;
  input?: NodeJS.ReadableStream;
  write?: (text: string) => void;
}

/** Runs until the console input ends or a signal arrives. */
export async function start(o: StartOptions): Promise<void> {
  const write = o.write ?? ((t: string) => void process.stdout.write(t));
  const useConsole = o.console === true || (!o.config.slack && !o.config.discord);
  if (!useConsole) {
    throw new Error(
      'Slack and Discord adapters are not part of this build yet. Unset the SLACK_* and DISCORD_* variables to use console mode.',
    );
  }
  const app = await createApp({ config: o.config, log: o.log, notifier: new ConsoleNotifier(write) });
  const stop = onShutdown(o.log, () => app.stop());
  try {
    const input = o.input ?? process.stdin;
    await runConsole({
      router: app.router,
      identity: consoleIdentity(o.lang),
      input,
      write,
      interactive: input === process.stdin && process.stdin.isTTY === true,
    });
  } finally {
    await stop();
  }
}

/** SIGINT/SIGTERM stop the app once; a second signal exits at once. */
function onShutdown(log: Logger, stop: () => Promise<void>): () => Promise<void> {
  let stopping: Promise<void> | undefined;
  const run = () => {
    stopping ??= stop().catch((err: unknown) => log.error({ err }, 'shutdown failed'));
    return stopping;
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(130);
    log.info({ signal }, 'shutting down');
    void run().then(() => process.exit(0));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return async () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await run();
  };
}
