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

export function xError(res: HttpResponse, call: HttpCall, now: Date): PublishError {
  const p = (parseJson(res.text) ?? {}) as Problem;
  const detail = [p.detail, ...(p.errors ?? []).map((e) => e.message)].filter(Boolean).join('; ');
  const message = `X API error ${res.status}${p.title ? ` ${p.title}` : ''}: ${detail || 'no detail'}`;
  if (res.status === 429) {
    const reset = Number(res.headers.get('x-rate-limit-reset'));
    const untilReset = Number.isFinite(reset) && reset > 0 ? Math.max(0, reset * 1000 - now.getTime()) : undefined;
    return PublishError.retry(message, retryAfterMs(res.headers, now) ?? untilReset ?? DEFAULT_RATE_LIMIT_WAIT_MS);
  }
  if (res.status === 403)
    return PublishError.fatal(
      `${message} (a missing scope such as tweet.write or media.write, a duplicate post, or an account X restricts)`,
    );
  return classifyStatus(res, call, message, now);
}
