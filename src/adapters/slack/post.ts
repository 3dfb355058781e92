/**
 * The one way this adapter posts into a channel (notices, alerts, digests, charts). It deals with
 * what Slack answers in practice: 429 with Retry-After, not_in_channel (join a public channel, or
 * say who must invite the bot), channel_not_found, and blocks refused for their size.
 */
import type { webApi } from '@slack/bolt';
import type { Locale } from '../../core/i18n.js';
import type { Reply } from '../../core/reply.js';
import type { Logger } from '../../log.js';
import { slackText } from './messages.js';
import { plainFallback, renderReply, type SlackMessage, type SlackUpload } from './render.js';

type WebClient = webApi.WebClient;

/** A post that cannot succeed until someone changes something; the message says what. */
export class SlackDeliveryError extends Error {
  override readonly name = 'SlackDeliveryError';
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/** Slack's error code from a Web API failure ("not_in_channel"), if it is one. */
export function slackErrorCode(err: unknown): string | undefined {
  const e = err as { code?: string; data?: { error?: unknown } };
  if (e?.code === 'slack_webapi_platform_error' && typeof e.data?.error === 'string') return e.data.error;
  if (e?.code === 'slack_webapi_rate_limited_error') return 'ratelimited';
  return undefined;
}

const SIZE_ERRORS = new Set(['invalid_blocks', 'msg_too_long', 'msg_blocks_too_long', 'invalid_blocks_format']);
const MAX_RATE_LIMIT_WAITS = 3;
const MAX_WAIT_SECONDS = 60;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs a Web API call, waiting out 429s (the client is built with rejectRateLimitedCalls). */
export async function withRateLimit<T>(call: () => Promise<T>, log?: Logger): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      const retryAfter = (err as { retryAfter?: unknown }).retryAfter;
      if (slackErrorCode(err) !== 'ratelimited' || attempt >= MAX_RATE_LIMIT_WAITS) throw err;
      const seconds = Math.min(typeof retryAfter === 'number' && retryAfter > 0 ? retryAfter : 1, MAX_WAIT_SECONDS);
      log?.warn({ seconds }, 'slack rate limit: waiting before retrying');
      await sleep(seconds * 1000);
    }
  }
}

export interface Posted {
  channel: string;
  ts?: string;
}

export async function postReply(
  client: WebClient,
  channel: string,
  reply: Reply,
  o: { locale?: Locale; log?: Logger } = {},
): Promise<Posted> {
  const rendered = renderReply(reply, o.locale ? { locale: o.locale } : {});
  let joined = false;
  let first: Posted | undefined;
  const send = async (message: SlackMessage): Promise<string | undefined> => {
    try {
      const args = { channel, text: message.text, ...(message.blocks.length > 0 ? { blocks: message.blocks } : {}) };
      const res = await withRateLimit(() => client.chat.postMessage(args), o.log);
      return typeof res.ts === 'string' ? res.ts : undefined;
    } catch (err) {
      const code = slackErrorCode(err);
      if (code === 'not_in_channel' && !joined) {
        joined = true;
        await join(client, channel, o.locale ?? 'en', o.log);
        return send(message);
      }
      if (code && SIZE_ERRORS.has(code) && message.blocks.length > 0) {
        o.log?.warn({ code, channel }, 'slack refused the blocks; sending plain text');
        return send(plainFallback(reply));
      }
      throw explain(err, channel, o.locale ?? 'en');
    }
  };
  for (const message of rendered.messages) {
    const ts = await send(message);
    first ??= { channel, ...(ts ? { ts } : {}) };
  }
  for (const u of rendered.uploads) await uploadFile(client, channel, u, o.log, o.locale);
  return first ?? { channel };
}

async function join(client: WebClient, channel: string, locale: Locale, log?: Logger): Promise<void> {
  try {
    await withRateLimit(() => client.conversations.join({ channel }), log);
  } catch (err) {
    // Private channels (and DMs) cannot be joined; only a member can invite the bot.
    log?.warn({ channel, code: slackErrorCode(err) }, 'could not join channel');
    throw new SlackDeliveryError(slackText[locale].cannotJoin({ channel }), 'not_in_channel');
  }
}

/** What Slack refused, in the language of whoever reads it (the post's last error, a log line). */
function explain(err: unknown, channel: string, locale: Locale): Error {
  const code = slackErrorCode(err);
  const t = slackText[locale];
  if (code === 'channel_not_found') return new SlackDeliveryError(t.unknownChannel({ channel }), code);
  if (code === 'not_in_channel') return new SlackDeliveryError(t.notInChannel({ channel }), code);
  if (code === 'is_archived') return new SlackDeliveryError(t.archived({ channel }), code);
  return err instanceof Error ? err : new Error(String(err));
}

/** files.uploadV2: get an upload URL, send the bytes, complete the upload into the channel. */
export async function uploadFile(
  client: WebClient,
  channel: string,
  u: SlackUpload,
  log?: Logger,
  locale: Locale = 'en',
): Promise<void> {
  try {
    await withRateLimit(
      () =>
        client.filesUploadV2({
          channel_id: channel,
          file: u.content,
          filename: u.filename,
          title: u.title,
          ...(u.altText ? { alt_text: u.altText.slice(0, 1000) } : {}),
        }),
      log,
    );
  } catch (err) {
    throw explain(err, channel, locale);
  }
}
