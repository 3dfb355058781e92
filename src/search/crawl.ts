/**
 * A polite crawl of one site for SEO monitoring (/seo watch): robots.txt first (its rules for our
 * user agent are obeyed), then the sitemap's pages, then links found on the pages, same host only,
 * at most `maxPages` pages and one request per `delayMs` (1 s by default). Each page goes through
 * the same audit as /seo audit; what is kept of it is what the next crawl compares against.
 */
import { parseDocument } from 'htmlparser2';
import { OutboundError, type SafeResponse } from '../net/safe-fetch.js';
import {
  NotHtmlError,
  parseRobots,
  ROBOTS_MAX_BYTES,
  type Robots,
  type SeoService,
  SITEMAP_MAX_BYTES,
  type SiteCache,
} from './audit.js';

/** What a watch keeps of each page (stored as JSON in SeoCrawl.pages). */
export interface CrawledPage {
  url: string;
  /** HTTP status, or 0 when the page could not be fetched at all. */
  status: number;
  noindex: boolean;
  title: string;
  description: string;
  /** Time to the whole response, ms. */
  ms: number;
  score: number;
  /** Checks that cost points, by rule id. */
  failing: string[];
  /** Why a page could not be fetched (an OutboundError code). */
  error?: string;
}

const EMPTY: CrawledPage = {
  url: '',
  status: 0,
  noindex: false,
  title: '',
  description: '',
  ms: 0,
  score: 0,
  failing: [],
};

export interface CrawlOptions {
  maxPages: number;
  keyword?: string;
  /** Between two requests to the site (politeness). */
  delayMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** Who we are to robots.txt: rules for "mktbot" apply, else those for every crawler. */
export const CRAWLER_AGENT = 'mktbot';

export async function crawlSite(seo: SeoService, start: string, o: CrawlOptions): Promise<CrawledPage[]> {
  const delayMs = o.delayMs ?? 1000;
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const origin = new URL(start).origin;
  const site: SiteCache = new Map();
  let last = 0;
  const polite = async () => {
    const wait = last + delayMs - Date.now();
    if (wait > 0) await sleep(wait);
    last = Date.now();
  };

  await polite();
  const robots = await side(seo, `${origin}/robots.txt`, ROBOTS_MAX_BYTES, site);
  const rules: Robots | undefined = robots && robots.status === 200 ? parseRobots(robots) : undefined;
  const allowed = (url: string) => rules?.isAllowed(url, CRAWLER_AGENT) ?? true;
  const sitemapUrl = rules?.getSitemaps()[0] ?? `${origin}/sitemap.xml`;
  if (new URL(sitemapUrl).origin === origin) await polite();
  const sitemap =
    new URL(sitemapUrl).origin === origin ? await side(seo, sitemapUrl, SITEMAP_MAX_BYTES, site) : undefined;

  const queue: string[] = [];
  const seen = new Set<string>();
  const enqueue = (raw: string) => {
    const url = sameSite(raw, origin);
    if (!url || seen.has(url) || !allowed(url)) return;
    seen.add(url);
    queue.push(url);
  };
  enqueue(start);
  if (sitemap?.status === 200) for (const loc of sitemapLocs(sitemap.body.toString('utf8'))) enqueue(loc);

  const pages: CrawledPage[] = [];
  while (queue.length > 0 && pages.length < o.maxPages) {
    const url = queue.shift() as string;
    await polite();
    try {
      const r = await seo.audit(url, o.keyword, site);
      const noindex = r.groups.some((g) => g.results.some((x) => x.id === 'noindex' && x.status === 'fail'));
      pages.push({
        url,
        status: r.status,
        noindex,
        title: (r.page.titles[0] ?? '').trim(),
        description: (r.page.metas.get('description')?.[0] ?? '').trim(),
        ms: Math.round(r.totalMs),
        score: r.score,
        failing: r.fixes.map((f) => f.id),
      });
      if (r.status < 400) for (const a of r.page.anchors) if (a.url) enqueue(a.url.href);
    } catch (err) {
      if (err instanceof NotHtmlError) {
        // A missing page answers with a plain-text 404 on many servers: still a broken page.
        if (err.status >= 400) pages.push({ ...EMPTY, url, status: err.status });
        continue;
      }
      if (!(err instanceof OutboundError)) throw err;
      pages.push({
        url,
        status: 0,
        noindex: false,
        title: '',
        description: '',
        ms: 0,
        score: 0,
        failing: [],
        error: err.code,
      });
    }
  }
  return pages;
}

/** The site's score: the average of its HTML pages that answered (0 when none did). */
export function siteScore(pages: readonly CrawledPage[]): number {
  const ok = pages.filter((p) => p.status > 0 && p.status < 400);
  return ok.length === 0 ? 0 : Math.round(ok.reduce((s, p) => s + p.score, 0) / ok.length);
}

async function side(
  seo: SeoService,
  url: string,
  maxBytes: number,
  site: SiteCache,
): Promise<SafeResponse | undefined> {
  try {
    return await seo.fetchSide(url, 5000, maxBytes, site);
  } catch (err) {
    if (err instanceof OutboundError) return undefined;
    throw err;
  }
}

/** The URL without its fragment, when it is on the crawled site (http or https, same host). */
function sameSite(raw: string, origin: string): string | undefined {
  try {
    const u = new URL(raw, origin);
    if (u.origin !== origin) return undefined;
    u.hash = '';
    return u.href;
  } catch {
    return undefined;
  }
}

/** The <loc> of each <url> in a sitemap (a sitemap index's child sitemaps are not followed). */
export function sitemapLocs(xml: string): string[] {
  const out: string[] = [];
  const walk = (nodes: ReturnType<typeof parseDocument>['children']) => {
    for (const n of nodes) {
      if (n.type !== 'tag') continue;
      const el = n as unknown as { name: string; children: typeof nodes };
      if (el.name.split(':').pop()?.toLowerCase() === 'loc') {
        const text = el.children
          .map((c) => (c.type === 'text' ? (c as unknown as { data: string }).data : ''))
          .join('')
          .trim();
        if (text) out.push(text);
      } else walk(el.children);
    }
  };
  walk(parseDocument(xml, { xmlMode: true }).children);
  return out;
}
