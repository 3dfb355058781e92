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

/** Which network a Graph call is for: the reasons people read name it. */
export type GraphNetwork = 'facebook' | 'instagram';

export class GraphClient {
  constructor(
    private readonly base: string,
    private readonly token: string,
    private readonly now: () => Date = () => new Date(),
    private readonly timeoutMs?: number,
    private readonly network: GraphNetwork = 'facebook',
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
    throw graphError(error, res.status, res.headers, call.idempotent, this.now(), this.network);
  }
}

/** The content publishing limit's rolling 24 hours: an hour later some of it has usually come back. */
export const PUBLISHING_LIMIT_WAIT_MS = 3_600_000;
const MEDIA_NOT_READY_WAIT_MS = 60_000;

/**
 * Sorted by Meta's documented codes: the Graph API's (developers.facebook.com/docs/graph-api/guides/error-handling:
 * 190 and 102 a refused token, 10 and 200-299 a missing permission, 506 a duplicate post) and
 * Instagram content publishing's (developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/error-codes:
 * 9007/2207027 media not ready to publish yet, 9/2207042 the publishing limit reached, 36003/2207009
 * an image aspect ratio Instagram does not take).
 */
export function graphError(
  e: GraphError,
  status: number,
  headers: Headers,
  idempotent: boolean,
  now: Date,
  network: GraphNetwork = 'facebook',
): PublishError {
  const message = `Graph API error ${e.code ?? status}${e.error_subcode ? `/${e.error_subcode}` : ''}: ${e.message ?? 'no message'}`;
  const said = e.message;
  const named = { provider: network };
  if (e.code === 190 || e.code === 102 || status === 401) {
    return PublishError.reauth(message).because('needsReconnect', named, said);
  }
  if ((e.code !== undefined && RATE_LIMIT_CODES.has(e.code)) || status === 429) {
    const wait = retryAfterMs(headers, now) ?? untilRegained(headers) ?? DEFAULT_RATE_LIMIT_WAIT_MS;
    return PublishError.retry(message, wait);
  }
  // Codes 1 and 2 are Meta's "unknown/temporary" errors: safe to repeat a read, not a write.
  if (e.code === 1 || e.code === 2 || status >= 500) {
    return idempotent ? PublishError.retry(message, retryAfterMs(headers, now)) : PublishError.unknown(message);
  }
  // Refused before anything was published: waiting is all it takes.
  if (e.code === 9007 || e.error_subcode === 2207027) {
    return PublishError.retry(message, MEDIA_NOT_READY_WAIT_MS).because('mediaNotReady', named, said);
  }
  if (e.error_subcode === 2207042) {
    return PublishError.retry(message, PUBLISHING_LIMIT_WAIT_MS).because('postingLimit', named, said);
  }
  if (e.code === 36003 || e.error_subcode === 2207009)
    return PublishError.fatal(message).because('imageShape', named, said);
  if (e.code === 506) return PublishError.fatal(message).because('duplicatePost', named, said);
  if (e.code === 10 || (e.code !== undefined && e.code >= 200 && e.code <= 299)) {
    return PublishError.fatal(message).because('missingPermission', named, said);
  }
  return PublishError.fatal(message);
}

/**
 * When a business use case throttle lifts, as Meta says it: `X-Business-Use-Case-Usage` is
 * `{"<id>": [{type, call_count, total_cputime, total_time, estimated_time_to_regain_access}]}`, the
 * last in minutes (developers.facebook.com/docs/graph-api/overview/rate-limiting; Pages with a page
 * token and the Instagram platform are throttled this way). The longest wait of those it names.
 */
function untilRegained(headers: Headers): number | undefined {
  const raw = headers.get('x-business-use-case-usage');
  if (!raw) return undefined;
  let usage: unknown;
  try {
    usage = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof usage !== 'object' || usage === null) return undefined;
  const minutes = Object.values(usage)
    .flatMap((entries: unknown) => (Array.isArray(entries) ? entries : []))
    .map((entry: unknown) =>
      Number((entry as { estimated_time_to_regain_access?: unknown }).estimated_time_to_regain_access),
    )
    .filter((m) => Number.isFinite(m) && m > 0);
  return minutes.length > 0 ? Math.max(...minutes) * 60_000 : undefined;
}
