/**
 * Slack through a real Bolt 5 app, over HTTP (Bolt's HTTPReceiver mounted on the shared HTTP server
 * at /slack/events, so /healthz and webhooks share the port) or Socket Mode. Every slash command,
 * `/mkt <command>`, button and modal goes to the core router; this file holds no marketing logic.
 *
 * The rule for every request: acknowledge first (Slack gives 3 seconds), then claim the delivery
 * (retries must not repeat side effects), then work and answer through response_url.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Workspace } from '@prisma/client';
import { App, type Logger as BoltLogger, HTTPReceiver, LogLevel, SocketModeReceiver, type webApi } from '@slack/bolt';
import type { z } from 'zod';
import type { Config } from '../../config.js';
import { bind, findSubcommand } from '../../core/bind.js';
import type { Command, Subcommand } from '../../core/command.js';
import type { Identity } from '../../core/context.js';
import { newReferenceId } from '../../core/errors.js';
import { isLocale, type Locale } from '../../core/i18n.js';
import { type ChannelRole, channelFor, type Notifier, type PostedMessage } from '../../core/notifier.js';
import { splitCommand, tokenize } from '../../core/parse.js';
import { formAsText, type Reply } from '../../core/reply.js';
import type { Router } from '../../core/router.js';
import { claimOnce } from '../../db/processed-events.js';
import type { HttpServer } from '../../http/server.js';
import { MAX_BODY_BYTES } from '../../http/server.js';
import type { Logger } from '../../log.js';
import type { Services } from '../../services.js';
import type { Adapter } from '../adapter.js';
import { guardSlackBody } from './body-guard.js';
import { slackText } from './messages.js';
import {
  buildFormModal,
  buildModal,
  FORM_CALLBACK_ID,
  formMetadata,
  MODAL_CALLBACK_ID,
  modalMetadata,
  readModal,
  type ViewState,
} from './modal.js';
import { SLACK_EVENTS_PATH, UMBRELLA_COMMAND } from './paths.js';
import { postReply, SlackDeliveryError, uploadFile } from './post.js';
import { actionIdOf, plainFallback, renderReply, type SlackMessage } from './render.js';

export { SLACK_EVENTS_PATH, UMBRELLA_COMMAND };

type WebClient = webApi.WebClient;

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

/** Requests worked on at once after their ack; the rest wait their turn (see afterAck). */
const AFTER_ACK_WORKERS = 2;
/** Work waits until no ack has arrived for this long, so a burst is acknowledged before any of it runs. */
const QUIET_MS = 10;
/** ...but never longer than this after the first queued item (modal triggers expire in 3 s). */
const MAX_DEFER_MS = 150;
/** How long a user's Slack admin status is trusted before users.info is asked again. */
const ADMIN_CACHE_MS = 10 * 60 * 1000;

export class SlackAdapter implements Adapter {
  readonly platform = 'slack' as const;
  readonly notifier: Notifier;
  readonly app: App;
  private readonly receiver: HTTPReceiver | undefined;
  private readonly log: Logger;
  private readonly people = new Map<string, { admin: boolean; name?: string; at: number }>();
  private active = false;
  private readonly queue: Array<() => Promise<void>> = [];
  private running = 0;
  private drained: (() => void) | undefined;
  private pumpTimer: NodeJS.Timeout | undefined;
  private queuedSince = 0;

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
      });
    }
    this.notifier = new SlackNotifier(() => this.app.client, this.log);
    this.register();
  }

  async start(): Promise<void> {
    // auth.test: a wrong token stops start-up here with Slack's own error (invalid_auth).
    await this.app.init();
    if (this.receiver) {
      const http = this.o.http;
      if (!http) throw new Error('Slack over HTTP needs the shared HTTP server');
      const listener = this.receiver.requestListener;
      const signingSecret = this.o.config.SLACK_SIGNING_SECRET ?? '';
      http.use((req: IncomingMessage, res: ServerResponse) => {
        if (!this.active || req.method !== 'POST') return false;
        if (new URL(req.url ?? '/', 'http://localhost').pathname !== SLACK_EVENTS_PATH) return false;
        guardSlackBody(req, res, signingSecret).then(
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
    if (!this.receiver) await this.app.stop();
    // Requests already acknowledged still get their answer.
    if (this.running > 0 || this.queue.length > 0) await new Promise<void>((r) => (this.drained = r));
  }

  /**
   * Work after the ack runs from a small queue, each item started on its own turn of the event loop,
   * and only once acks have stopped arriving for a moment. The database driver is synchronous: run
   * straight after each ack, a burst of commands would hold the loop and delay the acks of the
   * requests still arriving past Slack's 3 seconds.
   */
  private afterAck(work: () => Promise<void>): void {
    const now = Date.now();
    if (this.queue.length === 0) this.queuedSince = now;
    this.queue.push(work);
    clearTimeout(this.pumpTimer);
    const overdue = now - this.queuedSince >= MAX_DEFER_MS;
    this.pumpTimer = setTimeout(() => this.pump(), overdue ? 0 : QUIET_MS);
  }

  private pump(): void {
    while (this.running < AFTER_ACK_WORKERS && this.queue.length > 0) {
      const next = this.queue.shift() as () => Promise<void>;
      this.running++;
      setImmediate(() => {
        void next().finally(() => {
          this.running--;
          if (this.running === 0 && this.queue.length === 0) this.drained?.();
          this.pump();
        });
      });
    }
  }

  private register(): void {
    this.app.command(/^\/.+/, async ({ command, ack }) => {
      await ack();
      this.afterAck(() => this.safely(command.response_url, undefined, () => this.onCommand(command)));
    });

    this.app.action(/.+/, async ({ body, action, ack }) => {
      await ack();
      if (body.type !== 'block_actions' || action.type !== 'button' || !('action_id' in action)) return;
      this.afterAck(() =>
        this.safely(body.response_url, undefined, async () => {
          if (!(await claimOnce(this.o.services.db, `slack:action:${body.trigger_id}`))) return;
          const who = await this.identity(body.team?.id ?? body.user.team_id ?? '', body.user.id, body.channel?.id, {
            domain: body.team?.domain,
            name: body.user.name ?? body.user.username,
          });
          const reply = await this.o.router.press(actionIdOf(action.action_id), action.value, who);
          if (reply.form) {
            const meta = {
              action: reply.form.action,
              ...(reply.form.payload === undefined ? {} : { payload: reply.form.payload }),
              ...(body.channel?.id ? { channel: body.channel.id } : {}),
              responseUrl: body.response_url,
            };
            const view = buildFormModal(reply.form, reply.rtl ? 'ar' : 'en', meta);
            try {
              await this.app.client.views.open({ trigger_id: body.trigger_id, view });
              return;
            } catch (err) {
              // An expired trigger: the reply's blocks say how to do the same by typing.
              this.log.warn({ err }, 'could not open the form; answering in text');
            }
          }
          await this.answer(body.response_url, formAsText(reply), {
            channel: body.channel?.id,
            replace: reply.replaceOriginal,
          });
        }),
      );
    });

    this.app.view(MODAL_CALLBACK_ID, async ({ ack, body, view }) => {
      const meta = parseMetadata(view.private_metadata);
      const command = meta && this.o.router.find(meta.command);
      const sub = command && findSubcommand(command, meta.sub);
      if (!meta || !command || !sub) {
        await ack();
        return;
      }
      const who = await this.identity(body.team?.id ?? view.team_id, body.user.id, meta.channel, {
        domain: body.team?.domain,
        name: body.user.name,
      });
      const raw = readModal(view.state as ViewState);
      const checked = this.o.router.validate(sub, raw, await this.localeOf(who));
      if (!checked.ok) {
        // Errors are keyed by option name, which is each input's block_id.
        await ack({ response_action: 'errors', errors: checked.errors });
        return;
      }
      await ack();
      this.afterAck(() =>
        this.safely(meta.responseUrl, meta.channel, async () => {
          if (!(await claimOnce(this.o.services.db, `slack:view:${view.id}:${view.hash}`))) return;
          await this.run(meta.responseUrl, meta.channel, command, sub, who, () =>
            this.o.router.handleStructured(command.name, sub.name, raw, who),
          );
        }),
      );
    });

    this.app.view(FORM_CALLBACK_ID, async ({ ack, body, view }) => {
      const meta = parseWith(formMetadata, view.private_metadata);
      if (!meta) {
        await ack();
        return;
      }
      const who = await this.identity(body.team?.id ?? view.team_id, body.user.id, meta.channel, {
        domain: body.team?.domain,
        name: body.user.name,
      });
      const values = readModal(view.state as ViewState);
      const errors = this.o.router.checkForm(meta.action, values, await this.localeOf(who));
      if (errors) {
        // Errors are keyed by field key, which is each input's block_id.
        await ack({ response_action: 'errors', errors });
        return;
      }
      await ack();
      this.afterAck(() =>
        this.safely(meta.responseUrl, meta.channel, async () => {
          if (!(await claimOnce(this.o.services.db, `slack:view:${view.id}:${view.hash}`))) return;
          const reply = await this.o.router.submit(meta.action, meta.payload, values, who);
          await this.answer(meta.responseUrl, reply, {
            channel: meta.channel,
            replace: reply.replaceOriginal,
            locale: await this.localeOf(who),
          });
        }),
      );
    });

    this.app.event('app_mention', async ({ event, body, client }) => {
      const eventId = (body as { event_id?: string }).event_id ?? `${event.channel}:${event.ts}`;
      if (!(await claimOnce(this.o.services.db, `slack:event:${eventId}`))) return;
      const line = event.text.replace(/<@[A-Z0-9]+>/g, '').trim() || '/help';
      const who = await this.identity(body.team_id ?? '', event.user ?? '', event.channel, {});
      const reply = await this.o.router.handleText(line.startsWith('/') ? line : `/${line}`, who);
      await postReply(client, event.channel, reply, { locale: await this.localeOf(who), log: this.log }).catch(
        (err: unknown) => this.log.warn({ err }, 'could not answer a mention'),
      );
    });
  }

  private async onCommand(c: {
    command: string;
    text: string;
    trigger_id: string;
    response_url: string;
    team_id: string;
    team_domain: string;
    user_id: string;
    user_name: string;
    channel_id: string;
  }): Promise<void> {
    if (!(await claimOnce(this.o.services.db, `slack:command:${c.trigger_id}`))) return;
    const typed = c.command.replace(/^\//, '').toLowerCase();
    const line = typed === UMBRELLA_COMMAND ? `/${c.text.trim() || 'help'}` : `/${typed} ${c.text}`;
    const who = await this.identity(c.team_id, c.user_id, c.channel_id, { domain: c.team_domain, name: c.user_name });
    const { name, rest } = splitCommand(line);
    const command = this.o.router.find(name);
    const bound = command ? bind(command, tokenize(rest)) : undefined;
    if (command && bound?.ok && missingRequired(bound.sub, bound.raw)) {
      const locale = await this.localeOf(who);
      const view = buildModal(command, bound.sub, bound.raw, locale, {
        command: command.name,
        sub: bound.sub.name,
        channel: c.channel_id,
        responseUrl: c.response_url,
      });
      try {
        await this.app.client.views.open({ trigger_id: c.trigger_id, view });
        return;
      } catch (err) {
        // An expired trigger or a refused view: the typed path below still explains what is missing.
        this.log.warn({ err }, 'could not open the modal; answering in text');
      }
    }
    await this.run(c.response_url, c.channel_id, command, bound?.ok ? bound.sub : undefined, who, () =>
      this.o.router.handleText(line, who),
    );
  }

  /** Runs the work, showing "working on it" first for slow sub-actions, and answers. */
  private async run(
    responseUrl: string | undefined,
    channel: string | undefined,
    command: Command | undefined,
    sub: Subcommand | undefined,
    who: Identity,
    work: () => Promise<Reply>,
  ): Promise<void> {
    const slow = sub?.slow === true;
    if (slow && responseUrl && command) {
      const name = `/${command.name}${sub?.name ? ` ${sub.name}` : ''}`;
      const m = slackText[await this.localeOf(who)];
      await respond(responseUrl, { response_type: 'ephemeral', text: m.working({ command: name }) });
    }
    const reply = await work();
    await this.answer(responseUrl, reply, { channel, replaceWorking: slow, locale: await this.localeOf(who) });
  }

  /**
   * Sends a Reply through response_url: split over several messages when long (response_url takes
   * five), with uploads (charts, files) posted into the channel after.
   */
  private async answer(
    responseUrl: string | undefined,
    reply: Reply,
    o: { channel?: string | undefined; replace?: boolean; replaceWorking?: boolean; locale?: Locale },
  ): Promise<void> {
    const locale = o.locale ?? (reply.rtl ? 'ar' : 'en');
    if (!responseUrl) {
      if (o.channel) await postReply(this.app.client, o.channel, reply, { locale, log: this.log });
      return;
    }
    const responseType: 'ephemeral' | 'in_channel' = reply.ephemeral ? 'ephemeral' : 'in_channel';
    const rendered = renderReply(reply, { maxMessages: 3, locale });
    // The "working" note is ephemeral: an ephemeral result replaces it in place; a public one
    // cannot, so the note is removed and the result posted.
    if (o.replaceWorking && !reply.ephemeral) await respond(responseUrl, { delete_original: true });
    const replaceFirst = o.replace === true || (o.replaceWorking === true && reply.ephemeral === true);
    for (const [i, message] of rendered.messages.entries()) {
      const body = {
        response_type: responseType,
        ...message,
        ...(i === 0 && replaceFirst ? { replace_original: true } : { replace_original: false }),
      };
      try {
        await respond(responseUrl, body);
      } catch (err) {
        if (!(err instanceof ResponseUrlError) || err.status >= 500 || message.blocks.length === 0) throw err;
        this.log.warn({ status: err.status, reason: err.body }, 'slack refused the blocks; sending plain text');
        await respond(responseUrl, { ...body, ...plainFallback(reply) });
        break;
      }
    }
    for (const u of rendered.uploads) {
      try {
        if (!o.channel) throw new SlackDeliveryError('no channel to upload into', 'channel_not_found');
        await uploadFile(this.app.client, o.channel, u, this.log);
      } catch (err) {
        this.log.warn({ err, file: u.filename }, 'slack upload failed');
        await respond(responseUrl, {
          response_type: 'ephemeral',
          replace_original: false,
          text: slackText[locale].uploadFailed({ file: u.filename }),
        });
      }
    }
  }

  /** Failures after the ack still reach the person, with a reference id for the logs. */
  private async safely(
    responseUrl: string | undefined,
    channel: string | undefined,
    work: () => Promise<void>,
  ): Promise<void> {
    try {
      await work();
    } catch (err) {
      const ref = newReferenceId();
      this.log.error({ err, ref }, 'slack request failed after the ack');
      if (!responseUrl) return;
      const message = `${slackText.en.failedAfterAck({ ref })}\n${slackText.ar.failedAfterAck({ ref })}`;
      await respond(responseUrl, { response_type: 'ephemeral', replace_original: false, text: message }).catch(
        (e: unknown) => this.log.error({ err: e, ref, channel }, 'could not report the failure to the user'),
      );
    }
  }

  /** Who is asking; Slack workspace admins and owners are admins here (users.info, cached). */
  private async identity(
    teamId: string,
    userId: string,
    channel: string | undefined,
    extra: { domain?: string | undefined; name?: string | undefined },
  ): Promise<Identity> {
    const key = `${teamId}:${userId}`;
    let person = this.people.get(key);
    if (!person || Date.now() - person.at > ADMIN_CACHE_MS) {
      try {
        const res = await this.app.client.users.info({ user: userId });
        const u = res.user;
        person = {
          admin: u?.is_admin === true || u?.is_owner === true || u?.is_primary_owner === true,
          ...(u?.real_name || u?.name ? { name: u.real_name || u.name } : {}),
          at: Date.now(),
        };
        this.people.set(key, person);
      } catch (err) {
        // Without users:read nobody is a Slack admin by default; roles from /config still apply.
        this.log.warn({ err }, 'users.info failed; treating the user as a regular member');
        person = { admin: false, at: 0 };
      }
    }
    const name = person.name ?? extra.name;
    return {
      platform: 'slack',
      workspace: { externalId: teamId, ...(extra.domain ? { name: extra.domain } : {}) },
      user: { externalId: userId, ...(name ? { name } : {}), platformAdmin: person.admin },
      ...(channel ? { channel } : {}),
    };
  }

  private async localeOf(who: Identity): Promise<Locale> {
    const { workspace, member } = await this.o.services.workspaces.resolve(who);
    const l = member.locale ?? workspace.locale;
    return isLocale(l) ? l : 'en';
  }
}

function missingRequired(sub: Subcommand, raw: Record<string, string>): boolean {
  return Object.entries(sub.options).some(([key, spec]) => spec.required && (raw[key] ?? '').trim() === '');
}

function parseMetadata(s: string) {
  return parseWith(modalMetadata, s);
}

function parseWith<T>(schema: z.ZodType<T>, s: string): T | undefined {
  try {
    const parsed = schema.safeParse(JSON.parse(s));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export class ResponseUrlError extends Error {
  override readonly name = 'ResponseUrlError';
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`response_url answered ${status}: ${body.slice(0, 200)}`);
  }
}

type ResponseBody =
  | (Partial<SlackMessage> & {
      response_type?: 'ephemeral' | 'in_channel';
      replace_original?: boolean;
      delete_original?: boolean;
    })
  | { delete_original: true };

/** POSTs to a response_url (valid 30 minutes, five uses); non-2xx answers throw. */
export async function respond(url: string, body: ResponseBody): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(body),
  });
  const answer = await res.text();
  if (!res.ok) throw new ResponseUrlError(res.status, answer);
}

/** Jobs' notices into the workspace's configured channel for each purpose (team channel by default). */
export class SlackNotifier implements Notifier {
  constructor(
    private readonly client: () => WebClient,
    private readonly log: Logger,
  ) {}

  async post(workspace: Workspace, to: ChannelRole, reply: Reply): Promise<PostedMessage> {
    const channel = channelFor(workspace, to);
    if (!channel) {
      throw new SlackDeliveryError(
        `No Slack channel is set for ${to} notices in workspace ${workspace.name || workspace.externalId}. An admin can set one with /config channel ${to} #channel (or /config channel team #channel for everything).`,
        'not_configured',
      );
    }
    const locale = isLocale(workspace.locale) ? workspace.locale : 'en';
    const posted = await postReply(this.client(), channel, reply, { locale, log: this.log });
    return { channel, ...(posted.ts ? { messageId: posted.ts } : {}) };
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
