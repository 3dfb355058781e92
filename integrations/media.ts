/**
 * Fetches a user-supplied media URL for upload (YouTube takes bytes, not a URL): public addresses
 * only unless the host is in OUTBOUND_ALLOW_HOSTS, a byte limit, a time limit, and redirects
 * followed by hand so each hop is checked again.
 */
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { PublishError } from './publisher.js';

export interface MediaLimits {
  maxBytes: number;
  timeoutMs: number;
  /** Hosts (or IP literals) allowed although private or loopback. */
  allowHosts: readonly string[];
}

export interface FetchedMedia {
  bytes: Uint8Array;
  contentType: string;
}

const PRIVATE = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['224.0.0.0', 4],
] as const) {
  PRIVATE.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::1', 128],
  ['::', 128],
  ['fc00::', 7],
  ['fe80::', 10],
] as const) {
  PRIVATE.addSubnet(net, prefix, 'ipv6');
}

export async function assertPublicHost(url: URL, allowHosts: readonly string[]): Promise<void> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (allowHosts.includes(host) || allowHosts.includes(url.host)) return;
  const addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await lookup(host, { all: true });
  for (const a of addresses) {
    if (PRIVATE.check(a.address, a.family === 6 ? 'ipv6' : 'ipv4')) {
      throw PublishError.fatal(`media URL ${url.host} points to a private address`);
    }
  }
}

export async function fetchMedia(raw: string, limits: MediaLimits): Promise<FetchedMedia> {
  const deadline = AbortSignal.timeout(limits.timeoutMs);
  let url = new URL(raw);
  for (let hop = 0; hop < 4; hop++) {
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw PublishError.fatal('media URL must be http(s)');
    await assertPublicHost(url, limits.allowHosts);
    let res: Response;
    try {
      res = await fetch(url, { redirect: 'manual', signal: deadline });
    } catch {
      throw PublishError.retry(`could not download the media from ${url.host}`);
    }
    const next = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && next) {
      url = new URL(next, url);
      continue;
    }
    if (!res.ok || !res.body) {
      const retry = res.status >= 500 || res.status === 429;
      const message = `media URL answered ${res.status}`;
      throw retry ? PublishError.retry(message) : PublishError.fatal(message);
    }
    const declared = Number(res.headers.get('content-length') ?? '0');
    if (declared > limits.maxBytes) throw PublishError.fatal(`media is larger than ${limits.maxBytes} bytes`);
    const chunks: Uint8Array[] = [];
    let size = 0;
    try {
      for await (const chunk of res.body) {
        size += chunk.byteLength;
        if (size > limits.maxBytes) throw PublishError.fatal(`media is larger than ${limits.maxBytes} bytes`);
        chunks.push(chunk);
      }
    } catch (err) {
      if (err instanceof PublishError) throw err;
      throw PublishError.retry(`downloading the media from ${url.host} failed or took too long`);
    }
    return { bytes: Buffer.concat(chunks), contentType: res.headers.get('content-type') ?? 'application/octet-stream' };
  }
  throw PublishError.fatal('media URL redirects too many times');
}
