import { describe, expect, it } from 'vitest';
import { backlinks, mentions, searchPerformance } from '../../../src/search/rules/offpage.js';
import {
  cacheHeaders,
  compression,
  https,
  mixedContent,
  noindex,
  pageWeight,
  redirects,
  responseTime,
  robots,
  sitemap,
  status,
} from '../../../src/search/rules/technical.js';
import { inputFor, page } from '../../helpers/seo.js';

const blank = page('', '<p>x</p>');

describe('status', () => {
  it('passes 200, warns other 2xx, fails errors', () => {
    expect(status.check(inputFor(blank)).status).toBe('pass');
    expect(status.check(inputFor(blank, { fetch: { status: 203 } })).status).toBe('warn');
    expect(status.check(inputFor(blank, { fetch: { status: 404 } })).msg).toMatchObject({
      key: 'statusBad',
      params: { n: 404 },
    });
    expect(status.check(inputFor(blank, { fetch: { status: 503 } })).earned).toBe(0);
  });
});

describe('redirects', () => {
  const hop = (url: string, s: number) => ({ url, status: s });
  it('passes none or one permanent redirect', () => {
    expect(redirects.check(inputFor(blank)).status).toBe('pass');
    expect(redirects.check(inputFor(blank, { fetch: { redirects: [hop('http://a/', 301)] } })).msg.key).toBe(
      'redirectsOne',
    );
  });
  it('warns about a temporary redirect and about chains, showing the chain', () => {
    expect(redirects.check(inputFor(blank, { fetch: { redirects: [hop('http://a/', 302)] } })).msg.key).toBe(
      'redirectsTemporary',
    );
    const f = redirects.check(
      inputFor(blank, { fetch: { redirects: [hop('http://a/', 301), hop('https://a/', 301)] } }),
    );
    expect(f).toMatchObject({ status: 'warn', msg: { key: 'redirectsChain', params: { n: 2 } } });
    expect(f.msg.params?.list).toContain('http://a/ (301) → https://a/ (301)');
  });
});

describe('https and mixed content', () => {
  it('fails a plain-http page', () => {
    expect(https.check(inputFor(blank, { url: 'http://shop.example/' })).status).toBe('fail');
    expect(https.check(inputFor(blank)).status).toBe('pass');
  });
  it('finds http:// scripts, images, srcset and stylesheets on an https page', () => {
    const html = page(
      '<link rel="stylesheet" href="http://cdn.example/a.css">',
      '<script src="http://cdn.example/t.js"></script><img src="/ok.png" srcset="http://cdn.example/b.png 2x"><a href="http://fine.example/">links are fine</a>',
    );
    const f = mixedContent.check(inputFor(html));
    expect(f).toMatchObject({ status: 'fail', msg: { params: { n: 3 } } });
  });
  it('resolves relative resources against the page, and skips plain-http pages', () => {
    expect(mixedContent.check(inputFor(page('', '<img src="/a.png">'))).status).toBe('pass');
    expect(mixedContent.check(inputFor(blank, { url: 'http://shop.example/' })).status).toBe('info');
  });
});

describe('robots', () => {
  it('fails a page robots.txt forbids, naming the line', () => {
    const f = robots.check(inputFor(blank, { robots: { allowed: false, line: 3 } }));
    expect(f).toMatchObject({ status: 'fail', msg: { key: 'robotsBlocked', params: { n: 3 } } });
  });
  it('passes an allowed page and a site without robots.txt, warns when robots.txt fails', () => {
    expect(robots.check(inputFor(blank)).status).toBe('pass');
    expect(robots.check(inputFor(blank, { robots: { state: 'missing' } })).msg.key).toBe('robotsMissing');
    expect(robots.check(inputFor(blank, { robots: { state: 'unreachable', allowed: undefined } })).status).toBe('warn');
  });
});

describe('sitemap', () => {
  it('says where the sitemap was found', () => {
    expect(sitemap.check(inputFor(blank, { robots: { sitemaps: ['https://shop.example/s.xml'] } })).msg.key).toBe(
      'sitemapInRobots',
    );
    expect(sitemap.check(inputFor(blank)).msg.key).toBe('sitemapFound');
  });
  it('warns when missing or not a sitemap', () => {
    expect(sitemap.check(inputFor(blank, { sitemap: { found: false } })).msg.key).toBe('sitemapMissing');
    expect(sitemap.check(inputFor(blank, { sitemap: { invalid: true } })).msg.key).toBe('sitemapInvalid');
  });
});

describe('noindex', () => {
  it('fails a robots or googlebot meta tag with noindex or none', () => {
    expect(noindex.check(inputFor(page('<meta name="robots" content="noindex, follow">', ''))).msg.key).toBe(
      'noindexMeta',
    );
    expect(noindex.check(inputFor(page('<meta name="googlebot" content="none">', ''))).status).toBe('fail');
  });
  it('fails an X-Robots-Tag header for everyone or for Googlebot, not for another crawler', () => {
    const headers = (v: string | string[]) => ({ fetch: { headers: { 'x-robots-tag': v } } });
    expect(noindex.check(inputFor(blank, headers('noindex'))).msg.key).toBe('noindexHeader');
    expect(noindex.check(inputFor(blank, headers(['nosnippet', 'googlebot: noindex']))).status).toBe('fail');
    expect(noindex.check(inputFor(blank, headers('bingbot: noindex'))).status).toBe('pass');
  });
  it('passes an indexable page', () => {
    expect(noindex.check(inputFor(page('<meta name="robots" content="index, follow">', ''))).status).toBe('pass');
  });
});

describe('page-weight, compression, cache, response time', () => {
  it('grades the HTML size and flags a page cut at the limit', () => {
    expect(pageWeight.check(inputFor(blank, { fetch: { bodyBytes: 50_000 } })).status).toBe('pass');
    expect(pageWeight.check(inputFor(blank, { fetch: { bodyBytes: 500_000 } })).status).toBe('warn');
    expect(pageWeight.check(inputFor(blank, { fetch: { bodyBytes: 3_000_000 } })).msg.key).toBe('weightHuge');
    expect(pageWeight.check(inputFor(blank, { fetch: { bodyBytes: 5_242_880, truncated: true } })).msg.key).toBe(
      'weightTruncated',
    );
  });
  it('passes gzip and Brotli, fails a large uncompressed answer, ignores a tiny one', () => {
    const f = compression.check(inputFor(blank, { fetch: { bodyBytes: 40_000, transferBytes: 10_000 } }));
    expect(f.msg).toMatchObject({ key: 'compressionOk', params: { v: 'gzip', n: 75 } });
    const none = { 'content-type': 'text/html' };
    expect(compression.check(inputFor(blank, { fetch: { headers: none, bodyBytes: 40_000 } })).status).toBe('fail');
    expect(compression.check(inputFor(blank, { fetch: { headers: none, bodyBytes: 500 } })).status).toBe('info');
  });
  it('wants a cache policy and a validator', () => {
    expect(cacheHeaders.check(inputFor(blank)).status).toBe('pass');
    expect(cacheHeaders.check(inputFor(blank, { fetch: { headers: {} } })).msg.key).toBe('cacheNone');
    expect(cacheHeaders.check(inputFor(blank, { fetch: { headers: { 'cache-control': 'max-age=60' } } })).msg.key).toBe(
      'cacheNoValidator',
    );
    expect(cacheHeaders.check(inputFor(blank, { fetch: { headers: { 'cache-control': 'no-store' } } })).msg.key).toBe(
      'cacheNoStore',
    );
  });
  it('grades the time to first byte', () => {
    expect(responseTime.check(inputFor(blank, { fetch: { firstByteMs: 200 } })).status).toBe('pass');
    expect(responseTime.check(inputFor(blank, { fetch: { firstByteMs: 1200 } })).status).toBe('warn');
    expect(responseTime.check(inputFor(blank, { fetch: { firstByteMs: 4000 } })).status).toBe('fail');
  });
});

describe('off-page', () => {
  it('recommends the data sources to connect, without scoring', () => {
    for (const rule of [backlinks, mentions, searchPerformance]) {
      const f = rule.check(inputFor(blank));
      expect(f.status).toBe('info');
      expect(rule.weight).toBe(0);
    }
    expect(backlinks.check(inputFor(blank)).msg).toMatchObject({
      key: 'backlinksConnect',
      params: { v: 'shop.example' },
    });
  });
});
