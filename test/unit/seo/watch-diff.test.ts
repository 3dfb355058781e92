import { describe, expect, it } from 'vitest';
import { AllowList } from '../../../src/net/address-policy.js';
import { SafeFetch } from '../../../src/net/safe-fetch.js';
import { SeoService } from '../../../src/search/audit.js';
import { type CrawledPage, crawlSite, sitemapLocs } from '../../../src/search/crawl.js';
import { diffCrawls, nothingChanged } from '../../../src/search/watch-diff.js';
import { startSite } from '../../fakes/site.js';
import { page as htmlPage } from '../../helpers/seo.js';

const p = (url: string, over: Partial<CrawledPage> = {}): CrawledPage => ({
  url,
  status: 200,
  noindex: false,
  title: 'T',
  description: 'D',
  ms: 200,
  score: 80,
  failing: [],
  ...over,
});

describe('what changed between two crawls', () => {
  it('finds new and fixed problems, noindex, broken pages, wording changes and slower pages', () => {
    const before = [
      p('/a', { failing: ['title'] }),
      p('/b'),
      p('/c', { ms: 400 }),
      p('/d'),
      p('/gone'),
      p('/e', { ms: 400 }),
    ];
    const after = [
      p('/a', { failing: ['h1'] }),
      p('/b', { noindex: true, title: 'T2', description: 'D2' }),
      p('/c', { ms: 750 }),
      p('/d', { status: 500 }),
      p('/new'),
      p('/new-broken', { status: 404 }),
      p('/e', { ms: 650 }),
    ];
    const c = diffCrawls(before, after, { before: 80, after: 75 });
    expect(c.newProblems).toEqual([{ url: '/a', rule: 'h1' }]);
    expect(c.fixedProblems).toEqual([{ url: '/a', rule: 'title' }]);
    expect(c.turnedNoindex).toEqual(['/b']);
    expect(c.titleChanged).toEqual([{ url: '/b', before: 'T', after: 'T2' }]);
    expect(c.descriptionChanged).toEqual([{ url: '/b', before: 'D', after: 'D2' }]);
    // 400 -> 750 ms is slower (x1.5 and +300 ms); 400 -> 650 ms is not (+250 ms).
    expect(c.slower).toEqual([{ url: '/c', beforeMs: 400, afterMs: 750 }]);
    expect(c.broken).toEqual([
      { url: '/d', status: 500 },
      { url: '/new-broken', status: 404 },
    ]);
    expect(c.newPages).toEqual(['/new']);
    expect(c.gonePages).toEqual(['/gone']);
    expect(nothingChanged(c)).toBe(false);
    expect(nothingChanged(diffCrawls(before, before, { before: 80, after: 80 }))).toBe(true);
  });
});

describe('the crawl', () => {
  it('waits between requests, stops at the page limit and reads sitemap locations', async () => {
    const site = await startSite();
    try {
      const links = Array.from({ length: 8 }, (_, i) => `<a href="/p${i}">p${i}</a>`).join('');
      site.routes.set('/', { body: htmlPage('<title>Home</title>', links) });
      for (let i = 0; i < 8; i++)
        site.routes.set(`/p${i}`, { body: htmlPage(`<title>P${i}</title>`, '<a href="/">home</a>') });
      const waits: number[] = [];
      const seo = new SeoService(new SafeFetch({ allow: new AllowList(['127.0.0.1']) }));
      const pages = await crawlSite(seo, `${site.origin}/`, {
        maxPages: 4,
        delayMs: 1000,
        sleep: async (ms) => {
          waits.push(ms);
        },
      });
      expect(pages.map((x) => new URL(x.url).pathname)).toEqual(['/', '/p0', '/p1', '/p2']);
      // robots.txt, sitemap.xml (both 404 here) and 4 pages: a wait before every request but the first.
      expect(site.hits).toEqual(['/robots.txt', '/sitemap.xml', '/', '/p0', '/p1', '/p2']);
      expect(waits).toHaveLength(5);
      for (const w of waits) expect(w).toBeGreaterThan(900);
    } finally {
      await site.close();
    }
  });

  it('reads <loc> from a namespaced sitemap', () => {
    expect(
      sitemapLocs(
        '<?xml version="1.0"?><s:urlset xmlns:s="http://www.sitemaps.org/schemas/sitemap/0.9"><s:url><s:loc> https://a.example/x </s:loc></s:url><s:url><s:loc>https://a.example/y</s:loc></s:url></s:urlset>',
      ),
    ).toEqual(['https://a.example/x', 'https://a.example/y']);
  });
});
