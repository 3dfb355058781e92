/**
 * A small website on 127.0.0.1 (port 0) for tests that fetch pages: each path answers with a status,
 * headers and a body, optionally gzip-compressed, delayed or streamed endlessly.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';

export interface Route {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
  gzip?: boolean;
  /** Waits this long before answering (a slow site). */
  delayMs?: number;
  /** Streams this many bytes of filler instead of `body` (a huge page), in 64 KiB chunks. */
  streamBytes?: number;
}

export interface FakeSite {
  /** http://127.0.0.1:PORT */
  origin: string;
  port: number;
  routes: Map<string, Route>;
  /** Paths requested, in order (with query). */
  hits: string[];
  close(): Promise<void>;
}

export async function startSite(routes: Record<string, Route> = {}): Promise<FakeSite> {
  const table = new Map(Object.entries(routes));
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    hits.push(path);
    const route = table.get(path) ?? table.get(path.split('?')[0] ?? path);
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const send = () => {
      const headers = { 'content-type': 'text/html; charset=utf-8', ...route.headers };
      if (route.streamBytes !== undefined) {
        res.writeHead(route.status ?? 200, headers);
        const chunk = Buffer.alloc(64 * 1024, 'a');
        let left = route.streamBytes;
        const pump = () => {
          while (left > 0 && !res.destroyed) {
            const part = chunk.subarray(0, Math.min(chunk.length, left));
            left -= part.length;
            if (!res.write(part)) {
              res.once('drain', pump);
              return;
            }
          }
          res.end();
        };
        pump();
        return;
      }
      let body = typeof route.body === 'string' ? Buffer.from(route.body) : (route.body ?? Buffer.alloc(0));
      const gzipped = route.gzip === true && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
      if (gzipped) body = gzipSync(body);
      res.writeHead(route.status ?? 200, {
        ...headers,
        ...(gzipped ? { 'content-encoding': 'gzip' } : {}),
        'content-length': String(body.length),
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (route.delayMs) setTimeout(send, route.delayMs);
    else send();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    routes: table,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
