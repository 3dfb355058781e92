/**
 * The Discord adapter: gateway mode (DISCORD_TOKEN) through a discord.js Client, or HTTP interactions
 * mode (DISCORD_PUBLIC_KEY) on the shared HTTP server; both route through the same code and post
 * notices through the same REST notifier.
 */
import { REST, type RESTOptions } from 'discord.js';
import type { Config } from '../../config.js';
import type { Router } from '../../core/router.js';
import type { Db } from '../../db/client.js';
import type { HttpServer } from '../../http/server.js';
import type { Logger } from '../../log.js';
import type { Adapter } from '../adapter.js';
import { DiscordGateway } from './gateway.js';
import { registerHttpInteractions } from './http-interactions.js';
import { DEFAULT_BUDGET_MS } from './interactions.js';
import { DiscordNotifier } from './notifier.js';

export interface DiscordAdapterParts {
  config: Config;
  router: Router;
  db: Db;
  http: HttpServer;
  log: Logger;
  /** Tests shorten retries and timeouts and the defer budget. */
  rest?: Partial<RESTOptions>;
  budgetMs?: number;
}

export interface DiscordAdapter extends Adapter {
  /** The gateway connection (gateway mode only). */
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
    const gateway = new DiscordGateway({
      token: config.DISCORD_TOKEN as string,
      api: config.DISCORD_API_URL,
      router: p.router,
      db: p.db,
      log: dlog,
      budgetMs,
      ...(p.rest ? { rest: p.rest } : {}),
    });
    return {
      platform: 'discord',
      gateway,
      notifier: new DiscordNotifier(gateway.client.rest, dlog),
      start: () => gateway.start(),
      stop: () => gateway.stop(),
      idle: () => gateway.idle(),
    };
  }

  const rest = new REST({ api: config.DISCORD_API_URL, ...p.rest });
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
