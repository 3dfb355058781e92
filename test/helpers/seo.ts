import { parsePage } from '../../src/search/page.js';
import type { AuditInput, FetchFacts, RobotsInfo, SitemapInfo } from '../../src/search/rule.js';

/** An audit input for one page, with a healthy server answer unless the test says otherwise. */
export function inputFor(
  html: string,
  over: {
    url?: string;
    keyword?: string;
    fetch?: Partial<FetchFacts>;
    robots?: Partial<RobotsInfo>;
    sitemap?: Partial<SitemapInfo>;
  } = {},
): AuditInput {
  const url = over.url ?? 'https://shop.example/coffee/cold-brew';
  return {
    page: parsePage(html, url),
    keyword: over.keyword,
    fetch: {
      requestedUrl: url,
      status: 200,
      headers: {
        'content-type': 'text/html; charset=utf-8',
        'content-encoding': 'gzip',
        'cache-control': 'max-age=300',
        etag: '"1"',
      },
      redirects: [],
      bodyBytes: Buffer.byteLength(html),
      transferBytes: Math.ceil(Buffer.byteLength(html) / 4),
      truncated: false,
      firstByteMs: 120,
      totalMs: 150,
      ...over.fetch,
    },
    robots: { state: 'found', allowed: true, line: undefined, sitemaps: [], ...over.robots },
    sitemap: { found: true, url: 'https://shop.example/sitemap.xml', ...over.sitemap },
  };
}

/** A page body of `n` words of filler prose. */
export const words = (n: number, word = 'coffee'): string => Array.from({ length: n }, () => word).join(' ');

/** `<html>` wrapper with a head and a body. */
export const page = (head: string, body: string, htmlAttrs = 'lang="en"'): string =>
  `<!doctype html><html ${htmlAttrs}><head>${head}</head><body>${body}</body></html>`;
