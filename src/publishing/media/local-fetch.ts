/**
 * The outbound fetch the providers get: a URL of a file the bot stores itself (PUBLIC_URL/media/<id>
 * or media:<id>) is read from disk, so X, LinkedIn and YouTube upload an attached file without a
 * round trip through the public address (which may not exist, or may be this very process behind
 * a private address); any other URL goes through SafeFetch with all its checks.
 */
import { AllowList } from '../../net/address-policy.js';
import { type FetchOptions, OutboundError, SafeFetch, type SafeResponse } from '../../net/safe-fetch.js';
import type { MediaService } from './store.js';

export class LocalMediaFetch extends SafeFetch {
  constructor(
    private readonly outbound: SafeFetch,
    private readonly media: MediaService,
  ) {
    // Its own checks are never used: every other URL goes to `outbound`, which has the real ones.
    super({ allow: new AllowList([]) });
  }

  override async fetch(rawUrl: string, o: FetchOptions = {}): Promise<SafeResponse> {
    const id = this.media.idOf(rawUrl);
    if (!id) return this.outbound.fetch(rawUrl, o);
    const started = performance.now();
    const found = await this.media.find(id);
    if (!found) return response(rawUrl, 404, 'text/plain', Buffer.from('not found'), started);
    if (o.maxBytes !== undefined && found.size > o.maxBytes) {
      throw new OutboundError('too_large', `stored file larger than ${o.maxBytes} bytes`, rawUrl);
    }
    const body = found.size === 0 ? Buffer.alloc(0) : await this.media.slice(found.file, 0, found.size - 1);
    return response(rawUrl, 200, found.row.mime, body, started);
  }
}

function response(url: string, status: number, type: string, body: Buffer, started: number): SafeResponse {
  const ms = performance.now() - started;
  return {
    status,
    headers: { 'content-type': type, 'content-length': String(body.length) },
    body,
    truncated: false,
    transferBytes: body.length,
    url,
    redirects: [],
    address: 'local',
    timing: { totalMs: ms, firstByteMs: ms },
  };
}
