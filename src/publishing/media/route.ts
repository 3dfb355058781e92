/**
 * GET (and HEAD) PUBLIC_URL/media/<id>: the bytes of a file attached in chat, for the networks that download
 * media themselves (Instagram, Facebook, TikTok). Only an exact unguessable id answers; there is no
 * listing and no other path. The Content-Type is the one read from the file's magic bytes, and
 * byte ranges are served (206) so a network can fetch a video in parts or resume.
 */
import type { HttpRequest, HttpResponse, HttpServer } from '../../http/server.js';
import type { MediaService } from './store.js';

export const MEDIA_ROUTE = '/media/*';

export function registerMediaRoute(http: HttpServer, media: MediaService): void {
  http.route('GET', MEDIA_ROUTE, (req) => serveMedia(req, media));
  // HEAD is GET without the body (RFC 9110): some downloaders ask for the size and type first.
  http.route('HEAD', MEDIA_ROUTE, async (req) => {
    const { body: _body, ...head } = await serveMedia(req, media);
    return head;
  });
}

const NOT_FOUND: HttpResponse = { status: 404, body: { error: 'not found' } };

export async function serveMedia(req: HttpRequest, media: MediaService): Promise<HttpResponse> {
  const id = req.path.slice('/media/'.length);
  const found = await media.find(id);
  if (!found) return NOT_FOUND;
  const { row, file, size } = found;
  const headers: Record<string, string> = {
    'content-type': row.mime,
    'accept-ranges': 'bytes',
    // The id names one file forever; nobody but the networks needs it, so no shared caches.
    'cache-control': 'private, max-age=86400',
    'x-content-type-options': 'nosniff',
    'content-disposition': 'inline',
  };
  const range = parseRange(req.headers.range, size);
  if (range === 'unsatisfiable') {
    return { status: 416, headers: { ...headers, 'content-range': `bytes */${size}` }, body: '' };
  }
  const [start, end] = range ?? [0, size - 1];
  const body = size === 0 ? Buffer.alloc(0) : await media.slice(file, start, end);
  return {
    status: range ? 206 : 200,
    headers: {
      ...headers,
      'content-length': String(body.length),
      ...(range ? { 'content-range': `bytes ${start}-${end}/${size}` } : {}),
    },
    body,
  };
}

/**
 * One range of `bytes=a-b`, `bytes=a-` or `bytes=-n` (RFC 9110 §14.1.2). Several ranges, or a
 * header we cannot read, are answered with the whole file, as the RFC allows.
 */
export function parseRange(header: string | undefined, size: number): [number, number] | 'unsatisfiable' | undefined {
  const m = header?.trim().match(/^bytes=(\d*)-(\d*)$/);
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return 'unsatisfiable';
    return [Math.max(0, size - suffix), size - 1];
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return [start, end];
}
