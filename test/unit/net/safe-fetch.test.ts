import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AllowList } from '../../../src/net/address-policy.js';
import { OutboundError, type Resolver, SafeFetch } from '../../../src/net/safe-fetch.js';
import { type FakeSite, startSite } from '../../fakes/site.js';

let site: FakeSite;

beforeAll(async () => {
  site = await startSite({
    '/': { body: '<html><title>home</title></html>' },
    '/gz': { body: 'x'.repeat(10_000), gzip: true },
    '/bomb': { body: gzipSync(Buffer.alloc(2_000_000)), headers: { 'content-encoding': 'gzip' } },
    '/big': { streamBytes: 3_000_000 },
    '/slow': { delayMs: 1500, body: 'late' },
    '/r1': { status: 301, headers: { location: '/r2' } },
    '/r2': { status: 302, headers: { location: '/' } },
    '/loop-a': { status: 302, headers: { location: '/loop-b' } },
    '/loop-b': { status: 302, headers: { location: '/loop-a' } },
    '/to-metadata': { status: 302, headers: { location: 'http://169.254.169.254/latest/meta-data/' } },
    '/to-file': { status: 302, headers: { location: 'file:///etc/passwd' } },
  });
  for (let i = 0; i < 8; i++) site.routes.set(`/hop${i}`, { status: 307, headers: { location: `/hop${i + 1}` } });
});

afterAll(async () => {
  await site.close();
});

const fetcher = (allow: string[], resolve?: Resolver) =>
  new SafeFetch({ allow: new AllowList(allow), ...(resolve ? { resolve } : {}) });

async function refusal(work: Promise<unknown>): Promise<OutboundError> {
  try {
    await work;
  } catch (err) {
    if (err instanceof OutboundError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('SafeFetch refusals', () => {
  it('refuses loopback when nothing is allowed, before anything reaches the site', async () => {
    const before = site.hits.length;
    const err = await refusal(fetcher([]).fetch(`${site.origin}/`));
    expect(err.code).toBe('blocked');
    expect(err.message).toContain('loopback');
    expect(site.hits.length).toBe(before);
  });

  it.each([
    ['http://169.254.169.254/latest/meta-data/', 'link-local'],
    ['http://10.0.0.5/', 'private'],
    ['http://192.168.0.1/', 'private'],
    ['http://100.64.1.1/', 'carrier-grade NAT'],
    ['http://[::1]/', 'loopback'],
    ['http://[::ffff:127.0.0.1]/', 'IPv4-mapped'],
    ['http://[fe80::1]/', 'link-local'],
    ['http://0.0.0.0/', 'unspecified'],
    ['http://224.0.0.1/', 'multicast'],
    ['http://2130706433/', 'loopback'],
    ['http://0x7f.1/', 'loopback'],
  ])('refuses %s', async (url, why) => {
    const err = await refusal(fetcher([]).fetch(url));
    expect(err.code).toBe('blocked');
    expect(err.message).toContain(why);
  });

  it.each(['file:///etc/passwd', 'ftp://example.com/', 'gopher://example.com/', 'javascript:alert(1)'])(
    'refuses the scheme of %s',
    async (url) => {
      expect((await refusal(fetcher([]).fetch(url))).code).toBe('scheme');
    },
  );

  it('refuses a malformed URL and one carrying credentials', async () => {
    expect((await refusal(fetcher([]).fetch('not a url'))).code).toBe('bad_url');
    const err = await refusal(fetcher(['127.0.0.1']).fetch(`http://user:secret@127.0.0.1:${site.port}/`));
    expect(err.code).toBe('bad_url');
    expect(err.message).not.toContain('secret');
  });

  it('refuses a DNS name that resolves to a private address', async () => {
    const resolve: Resolver = async () => [{ address: '10.1.2.3', family: 4 }];
    const err = await refusal(fetcher([], resolve).fetch('http://innocent.example/'));
    expect(err.code).toBe('blocked');
    expect(err.message).toContain('innocent.example resolves to 10.1.2.3');
  });

  it('refuses a name when any one of its addresses is private', async () => {
    const resolve: Resolver = async () => [
      { address: '93.184.216.34', family: 4 },
      { address: '127.0.0.1', family: 4 },
    ];
    expect((await refusal(fetcher([], resolve).fetch('http://mixed.example/'))).code).toBe('blocked');
  });

  it('reports a name that does not resolve', async () => {
    const resolve: Resolver = async () => {
      throw new Error('ENOTFOUND');
    };
    expect((await refusal(fetcher([], resolve).fetch('http://nowhere.example/'))).code).toBe('dns');
  });

  it('re-checks every redirect: an allowed site cannot bounce the bot to the metadata address', async () => {
    const err = await refusal(fetcher(['127.0.0.1']).fetch(`${site.origin}/to-metadata`));
    expect(err.code).toBe('blocked');
    expect(err.redirects.map((h) => h.status)).toEqual([302]);
  });

  it('refuses a redirect to another scheme', async () => {
    expect((await refusal(fetcher(['127.0.0.1']).fetch(`${site.origin}/to-file`))).code).toBe('scheme');
  });

  it('stops a redirect loop and a chain longer than the limit', async () => {
    const loop = await refusal(fetcher(['127.0.0.1']).fetch(`${site.origin}/loop-a`));
    expect(loop.code).toBe('redirect_loop');
    expect(loop.redirects).toHaveLength(2);
    const long = await refusal(fetcher(['127.0.0.1']).fetch(`${site.origin}/hop0`, { maxRedirects: 3 }));
    expect(long.code).toBe('too_many_redirects');
    expect(long.redirects).toHaveLength(4);
  });

  it('aborts a body over the size limit, and a compressed body that inflates past it', async () => {
    const f = fetcher(['127.0.0.1']);
    expect((await refusal(f.fetch(`${site.origin}/big`, { maxBytes: 1_000_000 }))).code).toBe('too_large');
    expect((await refusal(f.fetch(`${site.origin}/bomb`, { maxBytes: 1_000_000 }))).code).toBe('too_large');
  });

  it('gives up at the deadline', async () => {
    const started = Date.now();
    const err = await refusal(fetcher(['127.0.0.1']).fetch(`${site.origin}/slow`, { timeoutMs: 200 }));
    expect(err.code).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(1200);
  });
});

describe('SafeFetch allow list and answers', () => {
  it('reaches loopback when its address is allowed, with status, headers, body and timing', async () => {
    const res = await fetcher(['127.0.0.1']).fetch(`${site.origin}/`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body.toString()).toContain('<title>home</title>');
    expect(res.url).toBe(`${site.origin}/`);
    expect(res.address).toBe('127.0.0.1');
    expect(res.timing.firstByteMs).toBeGreaterThanOrEqual(0);
    expect(res.timing.totalMs).toBeGreaterThanOrEqual(res.timing.firstByteMs);
  });

  it('reaches loopback when a CIDR range holds it', async () => {
    expect((await fetcher(['127.0.0.0/8']).fetch(`${site.origin}/`)).status).toBe(200);
  });

  it('reaches a host named in the list, connecting to the address that was checked', async () => {
    let asked = 0;
    const resolve: Resolver = async (host) => {
      asked++;
      expect(host).toBe('intranet.test');
      return [{ address: '127.0.0.1', family: 4 }];
    };
    const res = await fetcher(['intranet.test'], resolve).fetch(`http://intranet.test:${site.port}/`);
    expect(res.status).toBe(200);
    expect(asked).toBe(1);
  });

  it('a listed host does not open other private hosts', async () => {
    const resolve: Resolver = async () => [{ address: '127.0.0.1', family: 4 }];
    expect((await refusal(fetcher(['intranet.test'], resolve).fetch('http://other.test/'))).code).toBe('blocked');
  });

  it('follows redirects, recording the chain and the final URL', async () => {
    const res = await fetcher(['127.0.0.1']).fetch(`${site.origin}/r1`);
    expect(res.status).toBe(200);
    expect(res.url).toBe(`${site.origin}/`);
    expect(res.redirects).toEqual([
      { url: `${site.origin}/r1`, status: 301 },
      { url: `${site.origin}/r2`, status: 302 },
    ]);
  });

  it('decompresses gzip and counts the wire bytes apart', async () => {
    const res = await fetcher(['127.0.0.1']).fetch(`${site.origin}/gz`);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.body.length).toBe(10_000);
    expect(res.transferBytes).toBeLessThan(1_000);
  });

  it('can keep the first bytes of a huge body instead of failing', async () => {
    const res = await fetcher(['127.0.0.1']).fetch(`${site.origin}/big`, { maxBytes: 100_000, onTooLarge: 'truncate' });
    expect(res.truncated).toBe(true);
    expect(res.body.length).toBe(100_000);
  });
});
