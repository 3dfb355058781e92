/**
 * A tiny HTTP server for fakes of outside APIs, on 127.0.0.1 port 0, with scriptable failures:
 * answer a request with a canned error (nothing happens), or let the fake act on a request and
 * then never answer (the "timeout after sending" case).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: Buffer;
  /** Form or JSON body fields, whichever the request carried. */
  json(): unknown;
  form(): URLSearchParams;
}

export interface FakeResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler = (req: FakeRequest) => FakeResponse | Promise<FakeResponse>;

interface Script {
  method: string;
  path: RegExp;
  times: number;
  /** Answer with this instead of acting. */
  respond?: FakeResponse;
  /** Act, then never answer. */
  hang?: boolean;
  /** Close the connection without acting or answering (a connection dropped mid-upload). */
  drop?: boolean;
}

export class FakeServer {
  private readonly scripts: Script[] = [];
  private readonly sockets = new Set<Socket>();
  readonly requests: Array<{ method: string; path: string }> = [];
  url = '';
  /** Wait this long before acting on each request: keeps calls in flight (e.g. to kill a caller mid-call). */
  delayMs = 0;
  private readonly server = createServer((req, res) => void this.handle(req, res));

  constructor(private readonly handler: Handler) {
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The next `times` matching requests get `respond` and change nothing. */
  failNext(method: string, path: RegExp, respond: FakeResponse, times = 1): void {
    this.scripts.push({ method, path, times, respond });
  }

  /** Forgets scripted failures and hangs not used yet, so one test's leftovers never reach the next. */
  clearScripts(): void {
    this.scripts.length = 0;
  }

  /** The next matching request is carried out but never answered. */
  hangAfterActing(method: string, path: RegExp, times = 1): void {
    this.scripts.push({ method, path, times, hang: true });
  }

  /** The next matching request is neither carried out nor answered: its connection is dropped. */
  dropNext(method: string, path: RegExp, times = 1): void {
    this.scripts.push({ method, path, times, drop: true });
  }

  count(method: string, path: RegExp): number {
    return this.requests.filter((r) => r.method === method && path.test(r.path)).length;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = req.method ?? 'GET';
    this.requests.push({ method, path: url.pathname });
    const fr: FakeRequest = {
      method,
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
      json: () => {
        try {
          return JSON.parse(body.toString('utf8'));
        } catch {
          return undefined;
        }
      },
      form: () => new URLSearchParams(body.toString('utf8')),
    };
    const script = this.scripts.find((s) => s.times > 0 && s.method === method && s.path.test(url.pathname));
    if (script) script.times--;
    if (script?.respond) return send(res, script.respond);
    if (script?.drop) {
      req.socket.destroy();
      return;
    }
    if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
    let out: FakeResponse;
    try {
      out = await this.handler(fr);
    } catch (err) {
      out = { status: 500, body: { error: String(err) } };
    }
    if (script?.hang) return; // acted, never answers
    send(res, out);
  }
}

function send(res: ServerResponse, r: FakeResponse): void {
  const isBytes = r.body instanceof Uint8Array;
  const payload = r.body === undefined ? '' : isBytes ? (r.body as Uint8Array) : JSON.stringify(r.body);
  res.writeHead(r.status, {
    ...(r.body === undefined || isBytes ? {} : { 'content-type': 'application/json' }),
    ...r.headers,
  });
  res.end(payload);
}
