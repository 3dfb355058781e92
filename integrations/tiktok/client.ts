/**
 * A small client for TikTok's Open API v2 (`open.tiktokapis.com/v2/...`). Every answer carries an
 * `error: {code, message, log_id}` object, `code: "ok"` on success; failures are sorted by that
 * code first (it says more than the HTTP status), then by status. The token goes in the
 * Authorization header only.
 */
import { z } from 'zod';
import { classifyStatus, type HttpCall, joinUrl, parseJson, retryAfterMs, send } from '../http.js';
import { PublishError } from '../publisher.js';

const envelope = z.object({
  error: z.object({ code: z.string(), message: z.string().optional(), log_id: z.string().optional() }).optional(),
});

const BARE_POST_IDS = /("publicaly_available_post_id"\s*:\s*\[)([\d\s,]*)\]/g;

/** TikTok caps posts per creator per day (spam_risk_*); try again in an hour. */
const SPAM_WAIT_MS = 60 * 60_000;
const RATE_LIMIT_WAIT_MS = 60_000;

export class TiktokClient {
  constructor(
    private readonly base: string,
    private readonly token: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async call<T>(
    c: { method: 'GET' | 'POST'; path: string; query?: Record<string, string>; body?: unknown; idempotent: boolean },
    schema: z.ZodType<T>,
  ): Promise<T> {
    const url = new URL(joinUrl(this.base, c.path));
    for (const [k, v] of Object.entries(c.query ?? {})) url.searchParams.set(k, v);
    const call: HttpCall = {
      method: c.method,
      url: url.toString(),
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(c.body === undefined ? {} : { 'content-type': 'application/json; charset=UTF-8' }),
      },
      ...(c.body === undefined ? {} : { body: JSON.stringify(c.body) }),
      idempotent: c.idempotent,
    };
    const res = await send(call);
    // Post ids are bare 64-bit numbers, which JSON.parse would round: read them as strings.
    const body = parseJson(
      res.text.replace(BARE_POST_IDS, (_m, head: string, ids: string) => `${head}${ids.replace(/\d+/g, '"$&"')}]`),
    );
    const error = envelope.safeParse(body).data?.error;
    const code = error?.code ?? (res.status >= 200 && res.status < 300 ? 'ok' : 'unknown');
    if (code === 'ok' && res.status >= 200 && res.status < 300) {
      const parsed = schema.safeParse(body);
      if (parsed.success) return parsed.data;
      const what = `unexpected answer from TikTok to ${c.path}`;
      throw c.idempotent ? PublishError.retry(what) : PublishError.unknown(what);
    }
    const message = `TikTok error ${res.status} ${code}: ${error?.message || 'no message'}`;
    // TikTok's message, with its code: the code is what TikTok's documentation and support go by.
    const said = error?.message ? `${error.message} (${code})` : code;
    const tiktok = { provider: 'tiktok' };
    // The error code says more than the status (a missing scope also answers 401): codes first.
    // Codes and their meaning: developers.tiktok.com/doc/content-posting-api-reference-direct-post
    // (errors of the init call) and /doc/tiktok-api-v2-error-handling; the unaudited app's limits:
    // /doc/content-sharing-guidelines ("Direct Post API - Developer Guidelines").
    if (code === 'scope_not_authorized') {
      throw PublishError.fatal(`${message} (the token needs video.publish)`).because('missingPermission', tiktok, said);
    }
    if (code === 'url_ownership_unverified') {
      throw PublishError.fatal(
        `${message} (TikTok pulls media only from a domain or URL prefix the app has verified)`,
      ).because('mediaSourceUnverified', tiktok, said);
    }
    if (code === 'unaudited_client_can_only_post_to_private_accounts') {
      throw PublishError.fatal(message).because('privateAccountsOnly', tiktok, said);
    }
    // The bot read the options just before; TikTok refusing them will not change on its own.
    if (code === 'privacy_level_option_mismatch') {
      throw PublishError.fatal(message).because('privacyOptionRefused', tiktok, said);
    }
    if (code === 'rate_limit_exceeded' || res.status === 429) {
      throw PublishError.retry(message, retryAfterMs(res.headers, this.now()) ?? RATE_LIMIT_WAIT_MS);
    }
    // A creator barred from posting stays barred: trying again only repeats the refusal.
    if (code === 'spam_risk_user_banned_from_posting') {
      throw PublishError.fatal(message).because('postingBlocked', tiktok, said);
    }
    if (code === 'spam_risk_too_many_posts') {
      throw PublishError.retry(message, SPAM_WAIT_MS).because('postingLimit', tiktok, said);
    }
    if (code.startsWith('spam_risk')) throw PublishError.retry(message, SPAM_WAIT_MS);
    if (code === 'access_token_invalid' || code === 'access_token_expired' || res.status === 401) {
      throw PublishError.reauth(message).because('needsReconnect', tiktok, said);
    }
    throw classifyStatus(res, call, message, this.now());
  }
}
