/**
 * The shared HTTP server: health and (later) metrics, webhooks and platform endpoints. Routes are
 * registered by the parts that own them; bodies are size-limited before anyone parses them.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../log.js';

export interface HttpRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  /** The exact bytes received, for signature checks. */
  body: Buffer;
}

export interface HttpResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer | object;
}

export type RouteHandler = (req: HttpRequest) => HttpResponse | Promise<HttpResponse>;

/** Webhook bodies larger than this are refused with 413 before they are read further. */
export const MAX_BODY_BYTES = 1024 * 1024;

export class HttpServer {
  private readonly routes = new Map<string, RouteHandler>();
  private readonly server: Server;
  /** Requests a platform library answers itself (Slack's receiver), tried before the routes. */
  private readonly passthrough: Array<(req: IncomingMessage, res: ServerResponse) => boolean> = [];

  constructor(private readonly log: Logger) {
    this.server = createServer((req, res) => {
      void this.dispatch(req, res);
    });
    this.route('GET', '/healthz', () => ({ status: 200, body: { status: 'ok' } }));
  }

  route(method: string, path: string, handler: RouteHandler): void {
    this.routes.set(`${method} ${path}`, handler);
  }

  /** Lets an adapter answer requests itself; return true when it took the request. */
  use(handler: (req: IncomingMessage, res: ServerResponse) => boolean): void {
    this.passthrough.push(handler);
  }

  async listen(port: number, host = '0.0.0.0'): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => resolve());
    });
    return (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      for (const p of this.passthrough) if (p(req, res)) return;
      const url = new URL(req.url ?? '/', 'http://localhost');
      const handler = this.routes.get(`${req.method ?? 'GET'} ${url.pathname}`);
      if (!handler) {
        const known = [...this.routes.keys()].some((k) => k.endsWith(` ${url.pathname}`));
        send(
          res,
          known
            ? { status: 405, body: { error: 'method not allowed' } }
            : { status: 404, body: { error: 'not found' } },
        );
        return;
      }
      const body = await readBody(req);
      if (body === undefined) {
        send(res, { status: 413, body: { error: `body larger than ${MAX_BODY_BYTES} bytes` } });
        return;
      }
      const out = await handler({
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body,
      });
      send(res, out);
    } catch (err) {
      this.log.error({ err, path: req.url }, 'http handler failed');
      if (!res.headersSent) send(res, { status: 500, body: { error: 'internal error' } });
    }
  }
}

/** The body, or undefined when it is larger than MAX_BODY_BYTES (the rest is drained). */
export async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) {
    req.resume();
    return undefined;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) {
      req.resume();
      return undefined;
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, out: HttpResponse): void {
  const isJson = out.body !== undefined && typeof out.body === 'object' && !Buffer.isBuffer(out.body);
  const payload = isJson ? JSON.stringify(out.body) : (out.body as string | Buffer | undefined);
  res.writeHead(out.status, {
    ...(isJson ? { 'content-type': 'application/json; charset=utf-8' } : {}),
    ...out.headers,
  });
  res.end(payload);
}
