/**
 * The scheduler's media download goes through the one outbound helper: the same address policy,
 * DNS pinning and redirect checks as every user-supplied URL, with its own size and time limits,
 * and each refusal classified as worth retrying or not.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchMedia } from '../../../integrations/media.js';
import { PublishError } from '../../../integrations/publisher.js';
import { AllowList } from '../../../src/net/address-policy.js';
import { SafeFetch } from '../../../src/net/safe-fetch.js';

let server: http.Server;
let base: string;
let port: number;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === '/clip.mp4') {
      res.writeHead(200, { 'content-type': 'video/mp4' });
      res.end(Buffer.alloc(1000, 7));
    } else if (req.url === '/big.mp4') {
      res.writeHead(200, { 'content-type': 'video/mp4' });
      res.end(Buffer.alloc(5000, 1));
    } else if (req.url === '/to-metadata') {
      res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' });
      res.end();
    } else if (req.url === '/busy') {
      res.writeHead(503);
      res.end();
    } else if (req.url === '/slow') {
      setTimeout(() => res.end('late'), 2000);
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});
afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

const limits = { maxBytes: 2000, timeoutMs: 1000 };
const loopbackAllowed = new SafeFetch({ allow: new AllowList(['127.0.0.1']) });
const strict = new SafeFetch({ allow: new AllowList([]) });

async function failure(work: Promise<unknown>): Promise<PublishError> {
  const err = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof PublishError)) throw new Error(`expected a PublishError, got ${String(err)}`);
  return err;
}

describe('fetchMedia', () => {
  it('downloads within the limits from an allowed host', async () => {
    const media = await fetchMedia(loopbackAllowed, `${base}/clip.mp4`, limits);
    expect(media.bytes.byteLength).toBe(1000);
    expect(media.contentType).toBe('video/mp4');
  });

  it('refuses loopback, link-local, private and IPv6 loopback addresses unless allowed, without retrying', async () => {
    for (const url of [
      `${base}/clip.mp4`,
      'http://169.254.169.254/latest/meta-data/',
      'http://10.0.0.8/a.mp4',
      'http://[::1]/a.mp4',
    ]) {
      const err = await failure(fetchMedia(strict, url, limits));
      expect(err.message).toMatch(/private address/);
      expect(err.retryable).toBe(false);
    }
  });

  it('refuses a name that resolves to a private address', async () => {
    const lying = new SafeFetch({
      allow: new AllowList([]),
      resolve: async () => [{ address: '192.168.1.10', family: 4 }],
    });
    const err = await failure(fetchMedia(lying, 'https://cdn.example.com/a.mp4', limits));
    expect(err.message).toMatch(/cdn\.example\.com points to a private address/);
  });

  it('re-checks a redirect and refuses one to the metadata address', async () => {
    const err = await failure(fetchMedia(loopbackAllowed, `${base}/to-metadata`, limits));
    expect(err.message).toMatch(/private address/);
  });

  it('refuses non-http schemes', async () => {
    const err = await failure(fetchMedia(loopbackAllowed, 'file:///etc/passwd', limits));
    expect(err.message).toMatch(/http\(s\)/);
  });

  it('keeps its size limit (fatal) and time limit (retry)', async () => {
    const big = await failure(fetchMedia(loopbackAllowed, `${base}/big.mp4`, limits));
    expect(big.message).toMatch(/larger than 2000 bytes/);
    expect(big.retryable).toBe(false);
    const slow = await failure(fetchMedia(loopbackAllowed, `${base}/slow`, { ...limits, timeoutMs: 200 }));
    expect(slow.message).toMatch(/took too long/);
    expect(slow.retryable).toBe(true);
  });

  it('retries a busy server and gives up on a missing file', async () => {
    expect((await failure(fetchMedia(loopbackAllowed, `${base}/busy`, limits))).retryable).toBe(true);
    expect((await failure(fetchMedia(loopbackAllowed, `${base}/missing`, limits))).retryable).toBe(false);
  });
});
