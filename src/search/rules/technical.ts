/** Technical rules: how the server answers, and whether search engines may crawl and index the page. */
import { type AuditInput, fail, info, pass, type Rule, warn } from '../rule.js';

const header = (input: AuditInput, name: string): string[] => {
  const v = input.fetch.headers[name];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
};

const KB = 1024;

export const status: Rule = {
  id: 'status',
  group: 'technical',
  weight: 15,
  check({ fetch }) {
    const n = fetch.status;
    if (n === 200) return pass('statusOk', { n });
    if (n >= 200 && n < 300) return warn(0.5, 'statusOdd', { n });
    return fail('statusBad', { n });
  },
};

export const redirects: Rule = {
  id: 'redirects',
  group: 'technical',
  weight: 4,
  check({ fetch }) {
    const hops = fetch.redirects;
    if (hops.length === 0) return pass('redirectsNone');
    const chain = [...hops.map((h) => `${h.url} (${h.status})`), 'final'].join(' → ');
    if (hops.length >= 2) return warn(hops.length >= 3 ? 0.3 : 0.5, 'redirectsChain', { n: hops.length, list: chain });
    // One temporary redirect tells search engines to keep the old address indexed.
    if (hops[0]?.status === 302 || hops[0]?.status === 307) return warn(0.7, 'redirectsTemporary', { list: chain });
    return pass('redirectsOne', { list: chain });
  },
};

export const https: Rule = {
  id: 'https',
  group: 'technical',
  weight: 8,
  check({ page }) {
    return page.url.protocol === 'https:' ? pass('httpsOk') : fail('httpsMissing');
  },
};

export const mixedContent: Rule = {
  id: 'mixed-content',
  group: 'technical',
  weight: 4,
  check({ page }) {
    if (page.url.protocol !== 'https:') return info('mixedNotHttps');
    const insecure = page.resources.filter((r) => r.startsWith('http:'));
    if (insecure.length === 0) return pass('mixedOk');
    return fail('mixedFound', { n: insecure.length, v: insecure[0] ?? '' });
  },
};

export const robots: Rule = {
  id: 'robots',
  group: 'technical',
  weight: 10,
  check({ robots: r }) {
    if (r.state === 'missing') return pass('robotsMissing');
    // Google stops crawling a site whose robots.txt answers 5xx; that is worth knowing at once.
    if (r.state === 'unreachable') return warn(0.3, 'robotsUnreachable');
    if (r.allowed === false) return fail('robotsBlocked', r.line === undefined ? undefined : { n: r.line });
    return pass('robotsAllowed');
  },
};

export const sitemap: Rule = {
  id: 'sitemap',
  group: 'technical',
  weight: 3,
  check({ sitemap: s, robots: r }) {
    if (s.found && s.invalid) return warn(0.4, 'sitemapInvalid', { v: s.url });
    if (s.found) return pass(r.sitemaps.length > 0 ? 'sitemapInRobots' : 'sitemapFound', { v: s.url });
    return warn(0.2, 'sitemapMissing');
  },
};

function noindexIn(directives: string): boolean {
  return directives
    .toLowerCase()
    .split(',')
    .map((d) => d.trim())
    .some((d) => d === 'noindex' || d === 'none');
}

export const noindex: Rule = {
  id: 'noindex',
  group: 'technical',
  weight: 15,
  check(input) {
    const metas = [...(input.page.metas.get('robots') ?? []), ...(input.page.metas.get('googlebot') ?? [])];
    if (metas.some(noindexIn)) return fail('noindexMeta');
    // X-Robots-Tag may name a crawler ("googlebot: noindex") or apply to all ("noindex").
    for (const value of header(input, 'x-robots-tag')) {
      const [maybeAgent = '', ...rest] = value.split(':');
      const agent = rest.length > 0 ? maybeAgent.trim().toLowerCase() : '';
      const directives = rest.length > 0 ? rest.join(':') : value;
      if ((agent === '' || agent === 'googlebot' || agent === '*') && noindexIn(directives))
        return fail('noindexHeader');
    }
    return pass('noindexOk');
  },
};

export const pageWeight: Rule = {
  id: 'page-weight',
  group: 'technical',
  weight: 3,
  check({ fetch }) {
    const kb = Math.round(fetch.bodyBytes / KB);
    if (fetch.truncated) return fail('weightTruncated', { n: kb });
    if (fetch.bodyBytes <= 200 * KB) return pass('weightOk', { n: kb });
    if (fetch.bodyBytes <= 1024 * KB) return warn(0.5, 'weightHeavy', { n: kb, max: 200 });
    return fail('weightHuge', { n: kb, max: 200 }, 0.1);
  },
};

const COMPRESSED = new Set(['gzip', 'x-gzip', 'br', 'deflate', 'zstd']);

export const compression: Rule = {
  id: 'compression',
  group: 'technical',
  weight: 3,
  check(input) {
    const enc = header(input, 'content-encoding').join(',').trim().toLowerCase();
    if (COMPRESSED.has(enc)) {
      const saved =
        input.fetch.bodyBytes > 0 ? Math.round(100 * (1 - input.fetch.transferBytes / input.fetch.bodyBytes)) : 0;
      return pass('compressionOk', { v: enc, n: Math.max(0, saved) });
    }
    if (input.fetch.bodyBytes < 1400) return info('compressionTiny');
    return fail('compressionMissing', { n: Math.round(input.fetch.bodyBytes / KB) });
  },
};

export const cacheHeaders: Rule = {
  id: 'cache-headers',
  group: 'technical',
  weight: 2,
  check(input) {
    const cc = header(input, 'cache-control').join(',').toLowerCase();
    const validators = header(input, 'etag').length > 0 || header(input, 'last-modified').length > 0;
    if (cc.includes('no-store')) return warn(0.5, 'cacheNoStore');
    if (cc && validators) return pass('cacheOk', { v: cc });
    if (cc || validators) return warn(0.7, cc ? 'cacheNoValidator' : 'cacheNoPolicy', { v: cc });
    return warn(0.2, 'cacheNone');
  },
};

export const responseTime: Rule = {
  id: 'response-time',
  group: 'technical',
  weight: 4,
  check({ fetch }) {
    const n = Math.round(fetch.firstByteMs);
    if (n <= 800) return pass('ttfbOk', { n });
    if (n <= 1800) return warn(0.5, 'ttfbSlow', { n, max: 800 });
    return fail('ttfbVerySlow', { n, max: 800 }, 0.1);
  },
};

export const technicalRules: readonly Rule[] = [
  status,
  noindex,
  robots,
  https,
  redirects,
  mixedContent,
  responseTime,
  sitemap,
  compression,
  pageWeight,
  cacheHeaders,
];
