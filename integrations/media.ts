/**
 * Fetches a user-supplied media URL for upload (YouTube takes bytes, not a URL) through the one
 * outbound helper (src/net/safe-fetch.ts): public addresses only unless the host is in
 * OUTBOUND_ALLOW_HOSTS, DNS pinned, each redirect re-checked, a byte limit and a time limit.
 * Its refusals become PublishErrors: a refused address or an oversize file will not get better on
 * a retry; a network failure or a busy server may.
 */
import { OutboundError, type SafeFetch } from '../src/net/safe-fetch.js';
import { PublishError } from './publisher.js';

export interface MediaLimits {
  maxBytes: number;
  timeoutMs: number;
}

export interface FetchedMedia {
  bytes: Uint8Array;
  contentType: string;
}

const RETRYABLE = new Set(['dns', 'timeout', 'network']);

export async function fetchMedia(outbound: SafeFetch, raw: string, limits: MediaLimits): Promise<FetchedMedia> {
  let res: Awaited<ReturnType<SafeFetch['fetch']>>;
  try {
    res = await outbound.fetch(raw, {
      maxBytes: limits.maxBytes,
      timeoutMs: limits.timeoutMs,
      maxRedirects: 3,
      headers: { accept: '*/*', 'accept-encoding': 'identity' },
    });
  } catch (err) {
    if (!(err instanceof OutboundError)) throw err;
    const message = mediaMessage(err, limits.maxBytes);
    throw RETRYABLE.has(err.code) ? PublishError.retry(message) : PublishError.fatal(message);
  }
  if (res.status < 200 || res.status >= 300) {
    const message = `media URL answered ${res.status}`;
    const e = res.status >= 500 || res.status === 429 ? PublishError.retry(message) : PublishError.fatal(message);
    throw e.because('mediaUnavailable', { status: res.status });
  }
  const type = res.headers['content-type'];
  return { bytes: res.body, contentType: (Array.isArray(type) ? type[0] : type) ?? 'application/octet-stream' };
}

function mediaMessage(err: OutboundError, maxBytes: number): string {
  const host = hostOf(err.url);
  switch (err.code) {
    case 'blocked':
      return `media URL ${host} points to a private address`;
    case 'scheme':
    case 'bad_url':
      return 'media URL must be a plain http(s) address';
    case 'too_large':
      return `media is larger than ${maxBytes} bytes`;
    case 'too_many_redirects':
    case 'redirect_loop':
      return 'media URL redirects too many times';
    case 'timeout':
      return `downloading the media from ${host} took too long`;
    default:
      return `could not download the media from ${host}`;
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the media URL';
  }
}
