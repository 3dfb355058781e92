/**
 * The shared HTTP server: health and (later) metrics, webhooks and platform endpoints. Routes are
 * registered by the parts that own them; bodies are size-limited before anyone parses them.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../log.js';
import type { AppMetrics } from './metrics.js';

export interface HttpRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  /** The exact bytes received, for signature checks. */
  body: Buffer;
  /** The request id (the caller's X-Request-Id when sane, else a new one), echoed in the response. */
  id: string;
  /** The server's logger with the request id attached. */
  log: Logger;
}

export interface HttpResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer | object;
}

export type RouteHandler = (req: HttpRequest) => HttpResponse | Promise<HttpResponse>;

export interface RouteOptions {
  /** Bodies larger than this are refused with 413 (default MAX_BODY_BYTES). */
  maxBodyBytes?: number;
}

interface Route {
  handler: RouteHandler;
  maxBodyBytes: number;
}

/** Webhook bodies larger than this are refused with 413 before they are read further (unless a route says otherwise). */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Logged at debug level only: paths that probes and scrapers call every few seconds, and requests a
 * platform library answers itself (`adapter`: Slack's, a hundred at once when a team runs commands;
 * what each did is in the commands metric and the audit log, and a line each cost their acks time).
 */
const QUIET_ROUTES = new Set(['/healthz', '/readyz', '/metrics', 'adapter']);
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** A load balancer's or caller's id is kept when it looks like one, so logs join up across hops. */
export function requestId(header: string | string[] | undefined): string {
  const given = Array.isArray(header) ? header[0] : header;
  return given && /^[A-Za-z0-9._:-]{1,128}$/.test(given) ? given : randomUUID();
}

export class HttpServer {
  private readonly routes = new Map<string, Route>();
  private readonly server: Server;
  /** Requests a platform library answers itself (Slack's receiver), tried before the routes. */
  private readonly passthrough: Array<(req: IncomingMessage, res: ServerResponse) => boolean> = [];

  constructor(
    private readonly log: Logger,
    private readonly metrics?: AppMetrics,
  ) {
    this.server = createServer((req, res) => {
      void this.dispatch(req, res);
    });
    this.route('GET', '/healthz', () => ({ status: 200, body: { status: 'ok' } }));
  }

  /**
   * Answers `method path` with `handler`. A path ending in `/*` matches every path under it
   * (`/webhooks/metrics/jobs/*` takes `/webhooks/metrics/jobs/ID`; the handler reads `req.path`).
   */
  route(method: string, path: string, handler: RouteHandler, options: RouteOptions = {}): void {
    this.routes.set(`${method} ${path}`, { handler, maxBodyBytes: options.maxBodyBytes ?? MAX_BODY_BYTES });
  }

  /** The route for a request and its label (the registered path), or undefined. */
  private find(method: string, path: string): { route: Route; label: string } | undefined {
    const exact = this.routes.get(`${method} ${path}`);
    if (exact) return { route: exact, label: path };
    for (const [key, route] of this.routes) {
      const pattern = key.slice(key.indexOf(' ') + 1);
      if (key.startsWith(`${method} `) && pattern.endsWith('/*') && underPrefix(path, pattern.slice(0, -1))) {
        return { route, label: pattern };
      }
    }
    return undefined;
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
    const id = requestId(req.headers['x-request-id']);
    res.setHeader('x-request-id', id);
    const url = parseUrl(req.url);
    const method = METHODS.has(req.method ?? '') ? (req.method as string) : 'OTHER';
    // A label from a fixed set (registered paths), never the raw path: unknown URLs are unbounded.
    let route = 'unmatched';
    const timer = this.metrics?.httpSeconds;
    const started = performance.now();
    res.once('finish', () => {
      const seconds = (performance.now() - started) / 1000;
      timer?.observe({ route }, seconds);
      this.metrics?.httpRequests.inc({ method, route, status: String(res.statusCode) });
      // The query string is left out: it can carry verification tokens.
      const fields = { reqId: id, method, path: url.pathname, status: res.statusCode, ms: Math.round(seconds * 1000) };
      if (QUIET_ROUTES.has(route)) this.log.debug(fields, 'http request');
      else this.log.info(fields, 'http request');
    });
    try {
      for (const p of this.passthrough) {
        if (p(req, res)) {
          route = 'adapter';
          return;
        }
      }
      const found = this.find(req.method ?? 'GET', url.pathname);
      if (found) route = found.label;
      if (!found) {
        const known = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'].some((m) => this.find(m, url.pathname));
        send(
          res,
          known
            ? { status: 405, body: { error: 'method not allowed' } }
            : { status: 404, body: { error: 'not found' } },
        );
        return;
      }
      const log = this.log.child({ reqId: id });
      const { maxBodyBytes } = found.route;
      const body = await readBody(req, maxBodyBytes);
      if (body === undefined) {
        send(res, { status: 413, body: { error: `body larger than ${maxBodyBytes} bytes` } });
        return;
      }
      const out = await found.route.handler({
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body,
        id,
        log,
      });
      send(res, out);
    } catch (err) {
      this.log.error({ err, reqId: id, path: url.pathname }, 'http handler failed');
      if (!res.headersSent) send(res, { status: 500, body: { error: 'internal error' } });
    }
  }
}

function parseUrl(raw: string | undefined): URL {
  try {
    return new URL(raw ?? '/', 'http://localhost');
  } catch {
    return new URL('/', 'http://localhost');
  }
}

/** `/a/b/ID` is under the prefix `/a/b/` when ID is one non-empty segment. */
function underPrefix(path: string, prefix: string): boolean {
  return path.startsWith(prefix) && path.length > prefix.length && !path.slice(prefix.length).includes('/');
}

/** The body, or undefined when it is larger than `max` bytes (the rest is drained). */
export async function readBody(req: IncomingMessage, max = MAX_BODY_BYTES): Promise<Buffer | undefined> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > max) {
    req.resume();
    return undefined;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) {
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
