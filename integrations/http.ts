/**
 * The one HTTP helper the integrations share: a time limit on every call, and failures sorted into
 * known (nothing happened) and unknown (the request may have been acted on). A call is `idempotent`
 * when repeating it cannot duplicate anything (reads, PUT of the same content); only then is a
 * timeout or a server error safe to retry.
 */
import { PublishError } from './publisher.js';

export interface HttpCall {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  url: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  timeoutMs?: number;
  idempotent: boolean;
  /**
   * A 3xx is the API's own answer, returned and never followed: YouTube's resumable upload answers
   * 308 ("bytes missing") with a Range header and no Location. Other calls refuse redirects.
   */
  redirectIsAnswer?: boolean;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const REFUSED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

export async function send(call: HttpCall): Promise<HttpResponse> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), call.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  try {
    const res = await fetch(call.url, {
      method: call.method,
      ...(call.headers ? { headers: call.headers } : {}),
      ...(call.body === undefined ? {} : { body: call.body }),
      signal: controller.signal,
      redirect: call.redirectIsAnswer ? 'manual' : 'error',
    });
    return { status: res.status, headers: res.headers, text: await res.text() };
  } catch (err) {
    const code = errorCode(err);
    // The connection never opened: the request cannot have reached the service.
    const host = hostOf(call.url);
    if (code && REFUSED.has(code)) {
      throw PublishError.retry(`cannot reach ${host} (${code})`).because('unreachable', { host });
    }
    const aborted = controller.signal.aborted;
    const what = aborted ? 'timed out' : `failed (${code ?? 'network error'})`;
    if (call.idempotent) {
      const e = PublishError.retry(`${call.method} ${host} ${what}`);
      throw aborted ? e.because('timedOut', { host }) : e.because('connectionFailed', { host }, code);
    }
    throw PublishError.unknown(`${call.method} ${host} ${what} after the request was sent`).because(
      'noAnswerAfterSend',
      { host },
      aborted ? undefined : code,
    );
  } finally {
    clearTimeout(timer);
  }
}

/** Retry-After as seconds or an HTTP date, in milliseconds from `now`. */
export function retryAfterMs(headers: Headers, now: Date): number | undefined {
  const value = headers.get('retry-after');
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

/**
 * The classification common to every API: 429/503 are "try later", 401 is a refused token, other
 * 4xx mean the request was rejected as a whole, and other 5xx leave a write in doubt.
 */
export function classifyStatus(res: HttpResponse, call: HttpCall, message: string, now: Date): PublishError {
  if (res.status === 429 || res.status === 503) return PublishError.retry(message, retryAfterMs(res.headers, now));
  if (res.status === 401) return PublishError.reauth(message);
  if (res.status >= 500) return call.idempotent ? PublishError.retry(message) : PublishError.unknown(message);
  return PublishError.fatal(message);
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function errorCode(err: unknown): string | undefined {
  const cause = (err as { cause?: { code?: unknown } } | undefined)?.cause;
  return typeof cause?.code === 'string' ? cause.code : undefined;
}

export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the service';
  }
}

/** Joins a configured base (with or without a trailing slash) and a path. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
