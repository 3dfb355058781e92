import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AllowList } from '../../src/net/address-policy.js';
import { OutboundError, SafeFetch } from '../../src/net/safe-fetch.js';
import { type AuditReport, SeoService } from '../../src/search/audit.js';
import { type FakeSite, startSite } from '../fakes/site.js';
import { createTestApp, identity, type TestApp, textOf } from '../helpers/app.js';
import { words } from '../helpers/seo.js';

let site: FakeSite;

const fixture = (name: string, origin: string, fill: number, word = 'coffee') =>
  readFileSync(new URL(`../fixtures/seo/${name}`, import.meta.url), 'utf8')
    .replaceAll('https://shop.example', origin)
    .replace('WORDS', words(fill, word));

beforeAll(async () => {
  site = await startSite();
  const o = site.origin;
  const cached = { 'cache-control': 'public, max-age=600', etag: '"v1"' };
  const routes = {
    '/robots.txt': {
      headers: { 'content-type': 'text/plain' },
      body: `User-agent: *\nDisallow: /private/\n\nSitemap: ${o}/sitemap.xml\n`,
    },
    '/sitemap.xml': {
      headers: { 'content-type': 'application/xml' },
      body: `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>${o}/coffee/cold-brew</loc></url></urlset>`,
    },
    '/coffee/cold-brew': { body: fixture('good-en.html', o, 400), gzip: true, headers: cached },
    '/ar/coffee/cold-brew': { body: fixture('arabic.html', o, 320, 'قهوة'), gzip: true, headers: cached },
    '/flawed': { body: fixture('flawed.html', o, 0), headers: { 'x-robots-tag': 'noindex' } },
    '/private/page': { body: fixture('good-en.html', o, 400), gzip: true, headers: cached },
    '/old': { status: 301, headers: { location: '/older' } },
    '/older': { status: 302, headers: { location: '/coffee/cold-brew' } },
    '/loop-a': { status: 302, headers: { location: '/loop-b' } },
    '/loop-b': { status: 302, headers: { location: '/loop-a' } },
    '/huge': { streamBytes: 3 * 1024 * 1024 },
    '/slow': { delayMs: 3000, body: '<html></html>' },
    '/logo.png': { headers: { 'content-type': 'image/png' }, body: Buffer.from([0x89, 0x50, 0x4e, 0x47]) },
  };
  for (const [path, route] of Object.entries(routes)) site.routes.set(path, route);
});

afterAll(async () => {
  await site.close();
});

const service = (allow = ['127.0.0.1'], o: ConstructorParameters<typeof SeoService>[1] = {}) =>
  new SeoService(new SafeFetch({ allow: new AllowList(allow) }), o);

const byId = (r: AuditReport) => new Map(r.groups.flatMap((g) => g.results).map((x) => [x.id, x]));

describe('SEO audit against a local site', () => {
  it('audits a good page: robots.txt, sitemap, gzip and cache all found; the score is stable', async () => {
    const r = await service().audit(`${site.origin}/coffee/cold-brew`, 'cold brew');
    const rules = byId(r);
    expect(rules.get('robots')?.msg.key).toBe('robotsAllowed');
    expect(rules.get('sitemap')?.msg.key).toBe('sitemapInRobots');
    expect(rules.get('compression')?.status).toBe('pass');
    expect(rules.get('cache-headers')?.status).toBe('pass');
    expect(rules.get('canonical')?.status).toBe('pass');
    expect(rules.get('keyword')?.status).toBe('pass');
    // Served over plain http on loopback: HTTPS is the one thing it cannot pass here.
    expect(r.fixes.map((f) => f.id)).toEqual(['https']);
    expect(r.score).toBeGreaterThanOrEqual(90);
    const again = await service().audit(`${site.origin}/coffee/cold-brew`, 'cold brew');
    expect(again.score).toBe(r.score);
    expect(again.fixes.map((f) => f.id)).toEqual(r.fixes.map((f) => f.id));
  });

  it('finds every flaw of a bad page and puts noindex first', async () => {
    const r = await service().audit(`${site.origin}/flawed`, 'cold brew');
    expect(r.score).toBeLessThan(45);
    expect(r.fixes[0]?.id).toBe('noindex');
    const failing = new Set(r.fixes.map((f) => f.id));
    for (const id of [
      'title',
      'meta-description',
      'keyword',
      'h1',
      'heading-order',
      'image-alt',
      'canonical',
      'json-ld',
    ]) {
      expect(failing, id).toContain(id);
    }
    for (const id of ['lang-dir', 'hreflang', 'open-graph', 'twitter-card', 'word-count', 'viewport']) {
      expect(failing, id).toContain(id);
    }
  });

  it('audits an Arabic right-to-left page', async () => {
    const r = await service().audit(`${site.origin}/ar/coffee/cold-brew`, 'القهوة الباردة');
    const rules = byId(r);
    expect(rules.get('lang-dir')?.msg.key).toBe('langDirOkRtl');
    expect(rules.get('hreflang')?.status).toBe('pass');
    expect(rules.get('word-count')?.status).toBe('pass');
  });

  it('follows and reports a redirect chain', async () => {
    const r = await service().audit(`${site.origin}/old`);
    expect(r.finalUrl).toBe(`${site.origin}/coffee/cold-brew`);
    expect(r.redirects.map((h) => h.status)).toEqual([301, 302]);
    expect(byId(r).get('redirects')?.msg.key).toBe('redirectsChain');
  });

  it('fails a page that robots.txt disallows, naming the line', async () => {
    const r = await service().audit(`${site.origin}/private/page`);
    expect(byId(r).get('robots')?.msg).toEqual({ key: 'robotsBlocked', params: { n: 2 } });
  });

  it('audits the first part of a huge page and flags its weight', async () => {
    const r = await service(['127.0.0.1'], { maxBytes: 1024 * 1024 }).audit(`${site.origin}/huge`);
    expect(byId(r).get('page-weight')?.msg.key).toBe('weightTruncated');
  });

  it('stops at a redirect loop and at a slow page', async () => {
    await expect(service().audit(`${site.origin}/loop-a`)).rejects.toMatchObject({ code: 'redirect_loop' });
    const started = Date.now();
    await expect(service(['127.0.0.1'], { timeoutMs: 300 }).audit(`${site.origin}/slow`)).rejects.toMatchObject({
      code: 'timeout',
    });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('is refused without the allow list, before the site sees a request', async () => {
    const before = site.hits.length;
    const err = await service([])
      .audit(`${site.origin}/coffee/cold-brew`)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OutboundError);
    expect((err as OutboundError).code).toBe('blocked');
    expect(site.hits.length).toBe(before);
  });
});

describe('/seo audit', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({ OUTBOUND_ALLOW_HOSTS: '127.0.0.1' });
  });
  afterAll(async () => {
    await app.cleanup();
  });

  it('answers with the score, the three groups and the fixes in order', async () => {
    const r = await app.say(`/seo audit url:${site.origin}/flawed keyword:"cold brew"`);
    const shown = textOf(r);
    expect(r.title).toMatch(/^SEO audit: \d+\/100$/);
    expect(shown).toContain('On-page: ');
    expect(shown).toContain('Technical: ');
    expect(shown).toContain('Off-page (needs outside data)');
    expect(shown).toContain('Google Search Console');
    expect(shown).toContain('Fixes, most valuable first');
    const fixes = r.blocks.filter((b) => b.kind === 'list' && b.ordered);
    expect(fixes).toHaveLength(1);
    const first = fixes[0]?.kind === 'list' ? fixes[0].items[0] : '';
    expect(first).toMatch(/^Indexing \(\+\d+ points\)$/);
  });

  it('takes the address as a bare word and answers in Arabic', async () => {
    const r = await app.say(`/seo audit ${site.origin}/ar/coffee/cold-brew`, identity({ locale: 'ar' }));
    expect(r.rtl).toBe(true);
    expect(r.title).toContain('تدقيق SEO');
    expect(textOf(r)).toContain('داخل الصفحة');
    expect(textOf(r)).toContain('lang=');
  });

  it('treats /seo with just an address as an audit', async () => {
    const r = await app.say(`/seo ${site.origin}/coffee/cold-brew keyword:"cold brew"`);
    expect(r.title).toMatch(/^SEO audit: 9\d\/100$/);
  });

  it('explains a redirect loop and a non-HTML address', async () => {
    const loop = await app.say(`/seo audit ${site.origin}/loop-a`);
    expect(loop.tone).toBe('error');
    expect(textOf(loop)).toContain('redirects in a loop');
    const png = await app.say(`/seo audit ${site.origin}/logo.png`);
    expect(textOf(png)).toContain('not a web page (it sends image/png)');
  });

  it('refuses a non-web address with the option error', async () => {
    const r = await app.say('/seo audit url:file:///etc/passwd');
    expect(r.tone).toBe('error');
    expect(textOf(r)).toContain('http:// or https://');
  });
});

describe('/seo audit without OUTBOUND_ALLOW_HOSTS', () => {
  it('refuses loopback, link-local metadata and private addresses, in the user language', async () => {
    const app = await createTestApp();
    try {
      const before = site.hits.length;
      const r = await app.say(`/seo audit ${site.origin}/coffee/cold-brew`);
      expect(r.tone).toBe('error');
      expect(textOf(r)).toContain('private, local or reserved network address');
      expect(site.hits.length).toBe(before);
      const meta = await app.say('/seo audit http://169.254.169.254/latest/meta-data/', identity({ locale: 'ar' }));
      expect(textOf(meta)).toContain('OUTBOUND_ALLOW_HOSTS');
      expect(meta.rtl).toBe(true);
      expect(textOf(await app.say('/seo audit http://[::1]:8080/'))).toContain('private, local');
      expect(textOf(await app.say('/seo audit http://10.0.0.1/'))).toContain('private, local');
    } finally {
      await app.cleanup();
    }
  });
});
