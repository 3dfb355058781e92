/**
 * The Discord adapter: gateway mode (DISCORD_TOKEN) through a discord.js Client, or HTTP interactions
 * mode (DISCORD_PUBLIC_KEY) on the shared HTTP server; both route through the same code and post
 * notices through the same REST notifier.
 */
import { DiscordAPIError, REST, type RESTOptions, Routes } from 'discord.js';
import type { Config } from '../../config.js';
import type { Router } from '../../core/router.js';
import { type Db, databaseKind } from '../../db/client.js';
import { createLeaderLock } from '../../db/leader.js';
import type { HttpServer } from '../../http/server.js';
import type { Logger } from '../../log.js';
import type { Adapter } from '../adapter.js';
import { DiscordGateway, TOKEN_REFUSED } from './gateway.js';
import { registerHttpInteractions } from './http-interactions.js';
import { DEFAULT_BUDGET_MS } from './interactions.js';
import { DiscordNotifier } from './notifier.js';
import { restOptions } from './rest-options.js';

export interface DiscordAdapterParts {
  config: Config;
  router: Router;
  db: Db;
  http: HttpServer;
  log: Logger;
  /** Tests shorten retries and timeouts and the defer budget. */
  rest?: Partial<RESTOptions>;
  budgetMs?: number;
  /** How often a follower replica tries to take the gateway over (tests shorten it). */
  leaderCheckMs?: number;
}

/** The leader lock's name: one gateway connection across every replica on one database. */
export const GATEWAY_LOCK = 'discord-gateway';

export interface DiscordAdapter extends Adapter {
  /** The gateway connection (gateway mode, and only on the replica that leads). */
  gateway: DiscordGateway | undefined;
  /** Waits until every interaction received so far is fully answered. */
  idle(): Promise<void>;
}

export function createDiscordAdapter(p: DiscordAdapterParts): DiscordAdapter {
  const { config, log } = p;
  const mode = config.discord?.mode;
  if (!mode) throw new Error('Discord is not configured: set DISCORD_TOKEN or DISCORD_PUBLIC_KEY with DISCORD_APP_ID');
  const budgetMs = p.budgetMs ?? DEFAULT_BUDGET_MS;
  const dlog = log.child({ platform: 'discord' });

  if (mode === 'gateway') {
    const token = config.DISCORD_TOKEN as string;
    const options = {
      token,
      api: config.DISCORD_API_URL,
      router: p.router,
      db: p.db,
      log: dlog,
      budgetMs,
      ...(p.rest ? { rest: p.rest } : {}),
    };
    // Discord sends each interaction to one gateway session, so with several replicas only the
    // leader connects (a PostgreSQL advisory lock; on SQLite the one process leads). Every replica
    // still posts notices, over REST, which needs no gateway connection.
    let gateway: DiscordGateway | undefined;
    const rest = new REST(restOptions(config.DISCORD_API_URL, p.rest)).setToken(token);
    /** Why connecting failed during start(): then start-up stops, as it would with one replica. */
    let startError: unknown;
    let starting = false;
    const lock = createLeaderLock(
      { kind: databaseKind(config.DATABASE_URL), url: config.DATABASE_URL },
      {
        name: GATEWAY_LOCK,
        log: dlog,
        ...(p.leaderCheckMs ? { checkMs: p.leaderCheckMs } : {}),
        // A fresh client each time: a destroyed discord.js Client is not meant to log in again.
        onAcquire: async () => {
          const g = new DiscordGateway(options);
          gateway = g;
          try {
            await g.start();
          } catch (err) {
            gateway = undefined;
            if (starting) startError = err;
            throw err;
          }
        },
        onLose: async () => {
          const g = gateway;
          gateway = undefined;
          await g?.stop();
        },
      },
    );
    return {
      platform: 'discord',
      get gateway() {
        return gateway;
      },
      notifier: new DiscordNotifier(rest, dlog),
      async start() {
        starting = true;
        try {
          await lock.start();
        } finally {
          starting = false;
        }
        if (startError !== undefined) {
          await lock.stop();
          throw startError;
        }
        if (lock.isLeader) return;
        // A follower does not connect yet; a wrong token must still stop it now, not at failover.
        try {
          await rest.get(Routes.gatewayBot());
        } catch (err) {
          if (err instanceof DiscordAPIError && err.status === 401) {
            await lock.stop();
            throw new Error(TOKEN_REFUSED);
          }
          dlog.warn({ err }, 'discord: could not check the token; will connect on failover');
        }
        dlog.info('discord: another replica holds the gateway connection; taking over if it stops');
      },
      stop: () => lock.stop(),
      idle: async () => {
        await gateway?.idle();
      },
    };
  }

  const rest = new REST(restOptions(config.DISCORD_API_URL, p.rest));
  if (config.DISCORD_TOKEN) rest.setToken(config.DISCORD_TOKEN);
  const endpoint = registerHttpInteractions(p.http, {
    publicKey: config.DISCORD_PUBLIC_KEY as string,
    rest,
    router: p.router,
    db: p.db,
    log: dlog,
    budgetMs,
  });
  return {
    platform: 'discord',
    gateway: undefined,
    notifier: new DiscordNotifier(config.DISCORD_TOKEN ? rest : undefined, dlog),
    async start() {
      if (config.PORT === undefined) {
        throw new Error(
          'DISCORD_PUBLIC_KEY (HTTP interactions) needs PORT: Discord must reach POST /discord/interactions',
        );
      }
      dlog.info('discord: HTTP interactions at POST /discord/interactions');
    },
    stop: () => endpoint.idle(),
    idle: () => endpoint.idle(),
  };
}
