/**
 * A small client for the X API v2 with a user's OAuth 2.0 access token. X answers errors as RFC 7807
 * problem details (`{title, detail, type, status}`, validation errors with `errors[]`), and rate
 * limits with 429 and `x-rate-limit-reset` (epoch seconds) rather than Retry-After. The token goes
 * in the Authorization header only.
 */
import type { z } from 'zod';
import { classifyStatus, type HttpCall, type HttpResponse, joinUrl, parseJson, retryAfterMs, send } from '../http.js';
import { PublishError } from '../publisher.js';

interface Problem {
  title?: string;
  detail?: string;
  type?: string;
  errors?: Array<{ message?: string }>;
}

/** Without a reset time, a quarter of an hour (X's limits are per 15-minute window or per day). */
const DEFAULT_RATE_LIMIT_WAIT_MS = 15 * 60_000;

export class XClient {
  constructor(
    private readonly base: string,
    private readonly token: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async json<T>(
    c: { method: HttpCall['method']; path: string; body?: unknown; idempotent: boolean },
    schema: z.ZodType<T>,
  ): Promise<T> {
    const call: HttpCall = {
      method: c.method,
      url: joinUrl(this.base, c.path),
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(c.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(c.body === undefined ? {} : { body: JSON.stringify(c.body) }),
      idempotent: c.idempotent,
      timeoutMs: 60_000,
    };
    const res = await send(call);
    if (res.status >= 200 && res.status < 300) {
      const parsed = schema.safeParse(parseJson(res.text));
      if (parsed.success) return parsed.data;
      const what = `unexpected answer from X to ${c.method} ${c.path}`;
      throw c.idempotent ? PublishError.retry(what) : PublishError.unknown(what);
    }
    throw xError(res, call, this.now());
  }
}

/** The network's own words for people, without our additions: X's problem detail and its errors' messages. */
function saidBy(p: Problem): string {
  return [p.detail, ...(p.errors ?? []).map((e) => e.message)].filter(Boolean).join('; ');
}

/**
 * X's 403 for a second post with the same text (docs.x.com, POST /2/tweets: "You are not allowed to
 * create a Tweet with duplicate content."; the problem detail is all there is, `type: about:blank`).
 * X's other 403s share vaguer words ("Forbidden", "You are not permitted to perform this action.")
 * across a missing scope, an app's access tier and a restricted account, so they are quoted, not coded.
 */
const DUPLICATE = /duplicate content/i;

export function xError(res: HttpResponse, call: HttpCall, now: Date): PublishError {
  const p = (parseJson(res.text) ?? {}) as Problem;
  const detail = saidBy(p);
  const message = `X API error ${res.status}${p.title ? ` ${p.title}` : ''}: ${detail || 'no detail'}`;
  const x = { provider: 'x' };
  if (res.status === 429) {
    return PublishError.retry(message, retryAfterMs(res.headers, now) ?? untilReset(res.headers, now)).because(
      'postingLimit',
      x,
      detail,
    );
  }
  if (res.status === 403) {
    if (DUPLICATE.test(detail)) return PublishError.fatal(message).because('duplicatePost', x, detail);
    return PublishError.fatal(
      `${message} (a missing scope such as tweet.write or media.write, or an account X restricts)`,
    );
  }
  if (res.status === 401) return PublishError.reauth(message).because('needsReconnect', x, detail);
  return classifyStatus(res, call, message, now);
}

/**
 * When X lets this account post again. Besides the 15-minute window (`x-rate-limit-*`), posting has
 * 24-hour limits per user and per app, with their own headers (`x-user-limit-24hour-*`,
 * `x-app-limit-24hour-*`; docs.x.com/x-api/fundamentals/rate-limits: "usually 15 minutes or 24
 * hours"): the wait is until the latest reset of the windows that are spent, so a spent daily limit
 * is not retried every quarter of an hour until the attempts run out.
 */
function untilReset(headers: Headers, now: Date): number {
  const windows = ['x-rate-limit', 'x-user-limit-24hour', 'x-app-limit-24hour'].map((w) => ({
    remaining: headers.get(`${w}-remaining`),
    reset: Number(headers.get(`${w}-reset`)),
  }));
  const known = windows.filter((w) => Number.isFinite(w.reset) && w.reset > 0);
  const spent = known.filter((w) => w.remaining !== null && Number(w.remaining) <= 0);
  // None says it is spent: the 15-minute window's reset, as before the daily ones were read.
  const chosen = spent.length > 0 ? spent : known.filter((w) => w === windows[0]);
  const resets = chosen.map((w) => Math.max(0, w.reset * 1000 - now.getTime()));
  return resets.length > 0 ? Math.max(...resets) : DEFAULT_RATE_LIMIT_WAIT_MS;
}
