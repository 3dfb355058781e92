/**
 * Slack through a real Bolt 5 app, over HTTP (Bolt's HTTPReceiver mounted on the shared HTTP server
 * at /slack/events, so /healthz and webhooks share the port) or Socket Mode. Every slash command,
 * `/mkt <command>`, button and modal goes to the core router; no marketing logic lives here.
 *
 * The rule for every request: acknowledge first (Slack gives 3 seconds), then claim the delivery
 * (retries must not repeat side effects), then work and answer through response_url. The listeners
 * live in listeners/ by the kind of request Slack sends (commands, actions, views, mentions).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { App, type Logger as BoltLogger, HTTPReceiver, LogLevel, SocketModeReceiver, type webApi } from '@slack/bolt';
import type { Config } from '../../config.js';
import type { Notifier } from '../../core/notifier.js';
import type { Router } from '../../core/router.js';
import type { HttpServer } from '../../http/server.js';
import { MAX_BODY_BYTES } from '../../http/server.js';
import type { Logger } from '../../log.js';
import type { Services } from '../../services.js';
import type { Adapter } from '../adapter.js';
import { AfterAckQueue } from './after-ack-queue.js';
import { SlackIdentities } from './identity.js';
import { registerActions } from './listeners/actions.js';
import { registerCommands } from './listeners/commands.js';
import type { ListenerDeps } from './listeners/deps.js';
import { HomeTabs, registerHome } from './listeners/home.js';
import { registerMentions } from './listeners/mentions.js';
import { registerViews } from './listeners/views.js';
import { SlackNotifier } from './notifier.js';
import { SLACK_EVENTS_PATH, UMBRELLA_COMMAND } from './paths.js';
import { ReplySender } from './reply-sender.js';
import { guardSlackBody } from './request-guard.js';

export { SLACK_EVENTS_PATH, UMBRELLA_COMMAND };

export interface SlackAdapterOptions {
  config: Pick<Config, 'SLACK_BOT_TOKEN' | 'SLACK_SIGNING_SECRET' | 'SLACK_APP_TOKEN' | 'SLACK_API_URL' | 'slack'>;
  router: Router;
  services: Services;
  /** The shared server that carries /slack/events in HTTP mode. */
  http?: HttpServer;
  log: Logger;
  /** Overrides for the Web API client (tests: no retries). */
  clientOptions?: webApi.WebClientOptions;
  /** Socket Mode reconnects by default; tests turn it off. */
  autoReconnect?: boolean;
}

/**
 * Bolt's conversation store is on by default: before every listener, for every request, it looks the
 * conversation up in memory and, not finding it, builds and catches an Error. The bot keeps no state
 * there (the database holds it), so the lookup is only a cost on the way to each ack.
 */
const BOLT_DEFAULTS_OFF = { convoStore: false } as const;

export class SlackAdapter implements Adapter {
  readonly platform = 'slack' as const;
  readonly notifier: Notifier;
  private readonly homes: HomeTabs;
  readonly app: App;
  private readonly receiver: HTTPReceiver | undefined;
  private readonly log: Logger;
  private readonly queue = new AfterAckQueue();
  private active = false;

  constructor(private readonly o: SlackAdapterOptions) {
    const { config } = o;
    if (!config.SLACK_BOT_TOKEN) throw new Error('SLACK_BOT_TOKEN is required for Slack');
    this.log = o.log.child({ adapter: 'slack' });
    const logger = boltLogger(this.log);
    const clientOptions: webApi.WebClientOptions = {
      slackApiUrl: config.SLACK_API_URL,
      // 429s are waited out explicitly (post.ts) so one slow channel cannot stall every call.
      rejectRateLimitedCalls: true,
      ...o.clientOptions,
    };
    if (config.SLACK_APP_TOKEN) {
      const receiver = new SocketModeReceiver({
        appToken: config.SLACK_APP_TOKEN,
        logger,
        autoReconnectEnabled: o.autoReconnect ?? true,
        installerOptions: { clientOptions },
      });
      this.app = new App({
        token: config.SLACK_BOT_TOKEN,
        receiver,
        logger,
        clientOptions,
        deferInitialization: true,
        ...BOLT_DEFAULTS_OFF,
      });
    } else {
      if (!config.SLACK_SIGNING_SECRET) throw new Error('SLACK_SIGNING_SECRET is required for Slack over HTTP');
      this.receiver = new HTTPReceiver({
        signingSecret: config.SLACK_SIGNING_SECRET,
        endpoints: SLACK_EVENTS_PATH,
        logger,
        // The same limit as every other endpoint on the shared server (413 above it).
        bodyLimit: MAX_BODY_BYTES,
      });
      this.app = new App({
        token: config.SLACK_BOT_TOKEN,
        receiver: this.receiver,
        logger,
        clientOptions,
        deferInitialization: true,
        ...BOLT_DEFAULTS_OFF,
      });
    }
    const client = () => this.app.client;
    const notices = new SlackNotifier(client, this.log);
    const identities = new SlackIdentities(client, o.services, this.log);
    const deps: ListenerDeps = {
      app: this.app,
      router: o.router,
      services: o.services,
      log: this.log,
      queue: this.queue,
      identities,
      replies: new ReplySender(client, identities, this.log),
    };
    const homes = new HomeTabs(deps);
    this.homes = homes;
    // A notice posted to the team (an alert, an approval request, a publish result) changes its Home.
    this.notifier = {
      post: async (workspace, to, reply) => {
        const posted = await notices.post(workspace, to, reply);
        homes.changed(workspace.externalId);
        return posted;
      },
    };
    registerCommands(deps);
    registerActions(deps, homes);
    registerViews(deps);
    registerMentions(deps);
    registerHome(deps, homes);
  }

  async start(): Promise<void> {
    // auth.test: a wrong token stops start-up here with Slack's own error (invalid_auth).
    await this.app.init();
    if (this.receiver) {
      const http = this.o.http;
      if (!http) throw new Error('Slack over HTTP needs the shared HTTP server');
      const listener = this.receiver.requestListener;
      const guard = { signingSecret: this.o.config.SLACK_SIGNING_SECRET ?? '', log: this.log };
      http.use((req: IncomingMessage, res: ServerResponse) => {
        if (!this.active || req.method !== 'POST') return false;
        if (new URL(req.url ?? '/', 'http://localhost').pathname !== SLACK_EVENTS_PATH) return false;
        // Its ack goes before work after earlier acks (after-ack-queue.ts).
        const request = this.queue.request();
        res.once('close', request.answered);
        guardSlackBody(req, res, guard).then(
          (answered) => {
            if (!answered) listener(req, res);
          },
          (err: unknown) => {
            this.log.warn({ err }, 'slack: could not read a request');
            if (!res.headersSent) res.writeHead(400).end();
          },
        );
        return true;
      });
      this.active = true;
      this.log.info({ path: SLACK_EVENTS_PATH }, 'slack listening over HTTP');
    } else {
      await this.app.start();
      this.active = true;
      this.log.info('slack connected over Socket Mode');
    }
  }

  async stop(): Promise<void> {
    if (!this.active) return;
    this.active = false;
    this.homes.stop();
    if (!this.receiver) await this.app.stop();
    // Requests already acknowledged still get their answer.
    await this.queue.idle();
  }
}

/** Bolt logs through pino, at debug for its chatter. */
function boltLogger(log: Logger): BoltLogger {
  const child = log.child({ component: 'bolt' });
  const line = (msg: unknown[]) => msg.map((m) => (typeof m === 'string' ? m : JSON.stringify(m))).join(' ');
  return {
    debug: (...msg: unknown[]) => child.debug(line(msg)),
    info: (...msg: unknown[]) => child.debug(line(msg)),
    warn: (...msg: unknown[]) => child.warn(line(msg)),
    error: (...msg: unknown[]) => child.error(line(msg)),
    setLevel: () => {},
    getLevel: () => LogLevel.INFO,
    setName: () => {},
  };
}
