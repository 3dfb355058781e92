/**
 * A small Meta Graph API client (Facebook Pages and Instagram share it). The token goes in the
 * Authorization header, never in a URL that proxies might log. Graph errors are sorted by their
 * documented codes, not by searching the body for digits (Postiz's "490" bug).
 */
import type { z } from 'zod';
import { type HttpCall, joinUrl, parseJson, retryAfterMs, send } from '../http.js';
import { PublishError } from '../publisher.js';

export const GRAPH_VERSION = 'v21.0';
/** Rate limiting: app, user, page, custom and business-use-case throttles. */
const RATE_LIMIT_CODES = new Set([4, 17, 32, 613, 80001, 80002, 80003, 80004, 80005, 80006, 80008, 80014]);
const DEFAULT_RATE_LIMIT_WAIT_MS = 5 * 60_000;

export interface GraphError {
  message?: string;
  type?: string;
  code?: number;
  error_subcode?: number;
}

export class GraphClient {
  constructor(
    private readonly base: string,
    private readonly token: string,
    private readonly now: () => Date = () => new Date(),
    private readonly timeoutMs?: number,
  ) {}

  async get<T>(path: string, params: Record<string, string>, schema: z.ZodType<T>): Promise<T> {
    const url = new URL(joinUrl(this.base, `${GRAPH_VERSION}/${path}`));
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    return this.call({ method: 'GET', url: url.toString(), idempotent: true }, schema);
  }

  /** `idempotent`: repeating the call cannot create anything visible (an unpublished container). */
  async post<T>(path: string, params: Record<string, string>, schema: z.ZodType<T>, idempotent: boolean): Promise<T> {
    return this.call(
      {
        method: 'POST',
        url: joinUrl(this.base, `${GRAPH_VERSION}/${path}`),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(params).toString(),
        idempotent,
      },
      schema,
    );
  }

  private async call<T>(call: HttpCall, schema: z.ZodType<T>): Promise<T> {
    const res = await send({
      ...call,
      headers: { ...call.headers, authorization: `Bearer ${this.token}` },
      ...(this.timeoutMs ? { timeoutMs: this.timeoutMs } : {}),
    });
    const body = parseJson(res.text);
    if (res.status >= 200 && res.status < 300) {
      const parsed = schema.safeParse(body);
      if (parsed.success) return parsed.data;
      // The call succeeded but said something we do not understand: a write may have happened.
      const service = { service: 'Meta' };
      if (call.idempotent)
        throw PublishError.retry('unexpected answer from the Graph API').because('unexpectedAnswer', service);
      throw PublishError.unknown('unexpected answer from the Graph API after a write').because(
        'unexpectedAnswer',
        service,
      );
    }
    const error = ((body as { error?: GraphError } | undefined)?.error ?? {}) as GraphError;
    throw graphError(error, res.status, res.headers, call.idempotent, this.now());
  }
}

export function graphError(
  e: GraphError,
  status: number,
  headers: Headers,
  idempotent: boolean,
  now: Date,
): PublishError {
  const message = `Graph API error ${e.code ?? status}${e.error_subcode ? `/${e.error_subcode}` : ''}: ${e.message ?? 'no message'}`;
  if (e.code === 190 || e.code === 102 || status === 401) return PublishError.reauth(message);
  if ((e.code !== undefined && RATE_LIMIT_CODES.has(e.code)) || status === 429) {
    return PublishError.retry(message, retryAfterMs(headers, now) ?? DEFAULT_RATE_LIMIT_WAIT_MS);
  }
  // Codes 1 and 2 are Meta's "unknown/temporary" errors: safe to repeat a read, not a write.
  if (e.code === 1 || e.code === 2 || status >= 500) {
    return idempotent ? PublishError.retry(message, retryAfterMs(headers, now)) : PublishError.unknown(message);
  }
  return PublishError.fatal(message);
}
