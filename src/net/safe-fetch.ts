/**
 * The one way the bot fetches a URL that a user typed (SEO audits, media). The host is resolved
 * here, every address is checked against the policy, and the connection goes to the address that
 * was checked (a custom `lookup`), so a DNS answer that changes between check and connect cannot
 * smuggle the request to an internal address. Each redirect is checked the same way. The body is
 * streamed against a size limit, decompressed under the same limit, and the whole exchange has one
 * deadline.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { isIP } from 'node:net';
import { performance } from 'node:perf_hooks';
import zlib from 'node:zlib';
import { type AllowList, refusedRange } from './address-policy.js';

export type OutboundErrorCode =
  | 'bad_url'
  | 'scheme'
  | 'blocked'
  | 'dns'
  | 'too_many_redirects'
  | 'redirect_loop'
  | 'too_large'
  | 'timeout'
  | 'network';

/** A refusal or failure, with a code that commands turn into a sentence in the user's language. */
export class OutboundError extends Error {
  override readonly name = 'OutboundError';
  constructor(
    readonly code: OutboundErrorCode,
    message: string,
    readonly url: string,
    readonly redirects: readonly Hop[] = [],
  ) {
    super(message);
  }
}

export interface Hop {
  url: string;
  status: number;
}

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

export type Resolver = (host: string) => Promise<ResolvedAddress[]>;

export interface FetchOptions {
  method?: 'GET' | 'HEAD';
  headers?: Record<string, string>;
  /** Most bytes of (decompressed) body accepted. */
  maxBytes?: number;
  /** Over the limit: fail with `too_large` (default), or keep the first maxBytes and say so. */
  onTooLarge?: 'error' | 'truncate';
  /** One deadline for DNS, connect, redirects and body. */
  timeoutMs?: number;
  maxRedirects?: number;
}

export interface SafeResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  /** True when the body was cut at maxBytes (onTooLarge: 'truncate'). */
  truncated: boolean;
  /** Bytes received on the wire for the final response (compressed, if it was). */
  transferBytes: number;
  url: string;
  /** Every redirect followed, in order, with the status that sent it on. */
  redirects: Hop[];
  /** The address the final request connected to. */
  address: string;
  timing: { totalMs: number; firstByteMs: number };
}

export interface SafeFetchDefaults {
  allow: AllowList;
  /** Replaces DNS (tests: a name that resolves to a private address). */
  resolve?: Resolver;
  userAgent?: string;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

const systemResolver: Resolver = async (host) => {
  const answers = await dnsLookup(host, { all: true, verbatim: true });
  return answers.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

export class SafeFetch {
  private readonly resolve: Resolver;
  private readonly userAgent: string;

  constructor(private readonly defaults: SafeFetchDefaults) {
    this.resolve = defaults.resolve ?? systemResolver;
    this.userAgent = defaults.userAgent ?? 'mktbot/0.1 (+https://github.com/mktbot)';
  }

  async fetch(rawUrl: string, o: FetchOptions = {}): Promise<SafeResponse> {
    const maxRedirects = o.maxRedirects ?? 5;
    const started = performance.now();
    const deadline = started + (o.timeoutMs ?? 15_000);
    const redirects: Hop[] = [];
    const seen = new Set<string>();
    let url = parseUrl(rawUrl, rawUrl);
    for (;;) {
      seen.add(url.href);
      const target = await this.check(url, deadline, redirects);
      const res = await this.exchange(url, target, o, deadline, redirects);
      const location = res.headers.location;
      if (!REDIRECTS.has(res.status) || !location || o.method === 'HEAD') {
        return { ...res, url: url.href, redirects, timing: { ...res.timing, totalMs: performance.now() - started } };
      }
      redirects.push({ url: url.href, status: res.status });
      const next = parseUrl(location, url.href, url);
      if (seen.has(next.href)) {
        throw new OutboundError('redirect_loop', `redirect loop back to ${next.href}`, next.href, redirects);
      }
      if (redirects.length > maxRedirects) {
        throw new OutboundError('too_many_redirects', `more than ${maxRedirects} redirects`, next.href, redirects);
      }
      url = next;
    }
  }

  /** Resolves the host and checks every address; returns the one to connect to. */
  private async check(url: URL, deadline: number, redirects: Hop[]): Promise<ResolvedAddress> {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const hostAllowed = this.defaults.allow.hasHost(host);
    let addresses: ResolvedAddress[];
    const literal = isIP(host);
    if (literal) {
      addresses = [{ address: host, family: literal === 6 ? 6 : 4 }];
    } else {
      try {
        addresses = await withDeadline(this.resolve(host), deadline, url.href, redirects);
      } catch (err) {
        if (err instanceof OutboundError) throw err;
        throw new OutboundError('dns', `could not resolve ${host}`, url.href, redirects);
      }
      if (addresses.length === 0) throw new OutboundError('dns', `no address for ${host}`, url.href, redirects);
    }
    // All of them, not just the first: the socket layer may try any of them.
    for (const a of addresses) {
      if (hostAllowed || this.defaults.allow.hasAddress(a.address)) continue;
      const why = refusedRange(a.address);
      if (why) {
        throw new OutboundError('blocked', `${host} resolves to ${a.address} (${why})`, url.href, redirects);
      }
    }
    const first = addresses[0];
    if (!first) throw new OutboundError('dns', `no address for ${host}`, url.href, redirects);
    return first;
  }

  private exchange(
    url: URL,
    target: ResolvedAddress,
    o: FetchOptions,
    deadline: number,
    redirects: Hop[],
  ): Promise<Omit<SafeResponse, 'url' | 'redirects'>> {
    const maxBytes = o.maxBytes ?? 5 * 1024 * 1024;
    const started = performance.now();
    // Pinned: whatever name the request carries, the socket goes to the checked address.
    const pinned: LookupFunction = (_host, options, cb) => {
      if (options.all) cb(null, [{ address: target.address, family: target.family }]);
      else cb(null, target.address, target.family);
    };
    const client = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      let settled = false;
      const fail = (err: OutboundError) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        req.destroy();
        reject(err);
      };
      const remaining = deadline - performance.now();
      const timer = setTimeout(
        () => fail(new OutboundError('timeout', 'the site took too long to answer', url.href, redirects)),
        Math.max(0, remaining),
      );
      const req = client.request(
        url,
        {
          method: o.method ?? 'GET',
          lookup: pinned,
          // A fresh connection each time: a pooled socket would skip the pinned lookup entirely.
          agent: false,
          headers: {
            'user-agent': this.userAgent,
            accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
            'accept-encoding': 'gzip, deflate, br',
            ...o.headers,
          },
        },
        (res) => {
          const firstByteMs = performance.now() - started;
          const status = res.statusCode ?? 0;
          if (REDIRECTS.has(status) && res.headers.location) {
            res.resume();
            settled = true;
            clearTimeout(timer);
            resolve(done(Buffer.alloc(0), false, 0));
            return;
          }
          let transferBytes = 0;
          res.on('data', (c: Buffer) => {
            transferBytes += c.length;
          });
          const decoded = decoder(res.headers['content-encoding']);
          const source = decoded ? res.pipe(decoded) : res;
          const chunks: Buffer[] = [];
          let size = 0;
          let truncated = false;
          source.on('data', (chunk: Buffer) => {
            if (settled) return;
            const room = maxBytes - size;
            if (chunk.length > room) {
              if (o.onTooLarge !== 'truncate') {
                fail(new OutboundError('too_large', `more than ${maxBytes} bytes`, url.href, redirects));
                return;
              }
              chunks.push(chunk.subarray(0, room));
              size = maxBytes;
              truncated = true;
              settled = true;
              clearTimeout(timer);
              req.destroy();
              resolve(done(Buffer.concat(chunks), true, transferBytes));
              return;
            }
            chunks.push(chunk);
            size += chunk.length;
          });
          source.on('end', () => {
            if (settled) return;
            settled = true;
            clearTimeout(timer);
            resolve(done(Buffer.concat(chunks), truncated, transferBytes));
          });
          source.on('error', (err: Error) =>
            fail(new OutboundError('network', `could not read the answer: ${err.message}`, url.href, redirects)),
          );
          function done(body: Buffer, cut: boolean, wire: number) {
            return {
              status,
              headers: res.headers,
              body,
              truncated: cut,
              transferBytes: wire,
              address: target.address,
              timing: { firstByteMs, totalMs: performance.now() - started },
            };
          }
        },
      );
      req.on('error', (err) => fail(new OutboundError('network', err.message, url.href, redirects)));
      req.end();
    });
  }
}

function decoder(encoding: string | undefined) {
  switch (encoding?.trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip();
    case 'deflate':
      return zlib.createInflate();
    case 'br':
      return zlib.createBrotliDecompress();
    default:
      return undefined;
  }
}

function parseUrl(raw: string, shown: string, base?: URL): URL {
  let url: URL;
  try {
    url = base ? new URL(raw, base) : new URL(raw);
  } catch {
    throw new OutboundError('bad_url', `not a valid URL: ${raw}`, shown);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new OutboundError('scheme', `only http and https are fetched, not ${url.protocol}`, url.href);
  }
  if (url.username || url.password) {
    // Credentials in a user-typed URL would be sent to the site and end up in logs.
    throw new OutboundError('bad_url', 'addresses with a user name or password are not fetched', url.origin);
  }
  url.hash = '';
  return url;
}

async function withDeadline<T>(work: Promise<T>, deadline: number, url: string, redirects: Hop[]): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new OutboundError('timeout', 'the name took too long to resolve', url, redirects)),
      Math.max(0, deadline - performance.now()),
    );
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
