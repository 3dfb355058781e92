/**
 * How an acknowledged request gets its answer: through the command's response_url (valid 30
 * minutes, five uses), split over several messages when long, with uploads (charts, files) posted
 * into the channel after; a "working on it" note first for slow work; and a reference id to the
 * person when something fails after the ack.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { webApi } from '@slack/bolt';
import type { Command, Subcommand } from '../../core/command.js';
import type { Identity } from '../../core/context.js';
import { newReferenceId } from '../../core/errors.js';
import type { Locale } from '../../core/i18n.js';
import type { Reply } from '../../core/reply.js';
import type { Logger } from '../../log.js';
import type { SlackIdentities } from './identity.js';
import { slackText } from './messages.js';
import { postReply, SlackDeliveryError, uploadFile } from './post.js';
import { plainFallback, renderReply, type SlackMessage } from './render.js';

type WebClient = webApi.WebClient;

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

/** How long Slack gets to answer a response_url post before it counts as failed. */
const RESPOND_TIMEOUT_MS = 10_000;
/** Connections to hooks.slack.com kept open between answers (idle ones never hold the process up). */
const agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };

/**
 * POSTs to a response_url (valid 30 minutes, five uses); non-2xx answers throw. Through node:http
 * rather than fetch: every command is answered this way, and fetch's Request and Response objects
 * cost about 0.4 ms of CPU an answer against under 0.1 ms (bench/slack-ack, its CPU per command).
 */
export function respond(url: string, body: ResponseBody, timeoutMs = RESPOND_TIMEOUT_MS): Promise<void> {
  const target = new URL(url);
  const secure = target.protocol === 'https:';
  if (!secure && target.protocol !== 'http:') {
    return Promise.reject(new Error(`response_url must be an http(s) address, not ${target.protocol}`));
  }
  const payload = Buffer.from(JSON.stringify(body), 'utf8');
  return new Promise((resolve, reject) => {
    const options = {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', 'content-length': payload.length },
      timeout: timeoutMs,
    };
    const answered = (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 300) resolve();
        else reject(new ResponseUrlError(status, Buffer.concat(chunks).toString('utf8')));
      });
    };
    const req = secure
      ? httpsRequest(target, { ...options, agent: agents.https }, answered)
      : httpRequest(target, { ...options, agent: agents.http }, answered);
    req.on('timeout', () => req.destroy(new Error(`response_url did not answer within ${timeoutMs / 1000} s`)));
    req.on('error', reject);
    req.end(payload);
  });
}

export interface AnswerOptions {
  channel?: string | undefined;
  replace?: boolean;
  replaceWorking?: boolean;
  locale?: Locale;
}

export class ReplySender {
  constructor(
    private readonly client: () => WebClient,
    private readonly identities: SlackIdentities,
    private readonly log: Logger,
  ) {}

  /** Runs the work, showing "working on it" first for slow sub-actions, and answers. */
  async run(
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
      const m = slackText[await this.identities.localeOf(who)];
      await respond(responseUrl, { response_type: 'ephemeral', text: m.working({ command: name }) });
    }
    // The reply is written in the person's language already (the router's forLocale marks Arabic
    // replies rtl), and answer() renders its buttons in that language: no second lookup.
    const reply = await work();
    await this.answer(responseUrl, reply, { channel, replaceWorking: slow });
  }

  /**
   * Sends a Reply through response_url: split over several messages when long (response_url takes
   * five), with uploads (charts, files) posted into the channel after.
   */
  async answer(responseUrl: string | undefined, reply: Reply, o: AnswerOptions): Promise<void> {
    const locale = o.locale ?? (reply.rtl ? 'ar' : 'en');
    if (!responseUrl) {
      if (o.channel) await postReply(this.client(), o.channel, reply, { locale, log: this.log });
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
        await uploadFile(this.client(), o.channel, u, this.log);
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

  /**
   * A request that names no Slack workspace is refused: nothing runs and no workspace is created.
   * Slack still gets its 200 (the caller has acknowledged), and the person is told why, in both
   * languages since no workspace means no language setting.
   */
  async refuseWithoutWorkspace(responseUrl: string | undefined, facts: Record<string, unknown>): Promise<void> {
    this.log.warn(facts, 'slack: refused a request that names no workspace (team)');
    if (!responseUrl) return;
    const text = `${slackText.en.noWorkspace}\n${slackText.ar.noWorkspace}`;
    await respond(responseUrl, { response_type: 'ephemeral', replace_original: false, text });
  }

  /** Failures after the ack still reach the person, with a reference id for the logs. */
  async safely(responseUrl: string | undefined, channel: string | undefined, work: () => Promise<void>): Promise<void> {
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
}
