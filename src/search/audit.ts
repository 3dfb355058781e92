/**
 * The SEO audit: fetch the page (and its site's robots.txt and sitemap) through the safe outbound
 * helper, run every rule, and weigh the results into a score out of 100 with fixes ordered by how
 * many points each is worth.
 */
import { parseDocument } from 'htmlparser2';
import * as robotsModule from 'robots-parser';
import { type Hop, OutboundError, type SafeFetch, type SafeResponse } from '../net/safe-fetch.js';
import { type Page, parsePage } from './page.js';
import type { AuditInput, FetchFacts, Finding, Group, RobotsInfo, Rule, SitemapInfo } from './rule.js';
import { offPageRules } from './rules/offpage.js';
import { onPageRules } from './rules/onpage.js';
import { technicalRules } from './rules/technical.js';

export interface Robots {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getMatchingLineNumber(url: string, ua?: string): number;
  getSitemaps(): string[];
}

// robots-parser is CommonJS with a declaration file whose default export TypeScript cannot see under
// nodenext; at run time Node hands the function over as `default`.
const robotsParser = (robotsModule as unknown as { default: (url: string, text: string) => Robots }).default;

export const RULES: readonly Rule[] = [...onPageRules, ...technicalRules, ...offPageRules];
export const GROUPS: readonly Group[] = ['onpage', 'technical', 'offpage'];

export interface RuleResult extends Finding {
  id: string;
  group: Group;
  weight: number;
  /** Points of the overall score this rule costs now (0 when it passes or is advisory). */
  lost: number;
}

export interface GroupResult {
  group: Group;
  /** Out of 100; undefined for a group with nothing scored (off-page). */
  score: number | undefined;
  results: RuleResult[];
}

export interface Evaluation {
  score: number;
  groups: GroupResult[];
  /** Everything short of a pass, the most valuable fix first. */
  fixes: RuleResult[];
}

export interface AuditReport extends Evaluation {
  /** What the page says (title, links, meta tags), for a crawl that follows it. */
  page: Page;
  requestedUrl: string;
  finalUrl: string;
  keyword: string | undefined;
  status: number;
  redirects: Hop[];
  bodyBytes: number;
  totalMs: number;
}

/** Runs the rules on what was fetched. Pure: the same input always gives the same report. */
export function evaluate(input: AuditInput, rules: readonly Rule[] = RULES): Evaluation {
  const findings = rules.map((rule) => ({ rule, finding: rule.check(input) }));
  const scored = findings.filter((f) => f.finding.status !== 'info' && f.rule.weight > 0);
  const total = scored.reduce((s, f) => s + f.rule.weight, 0);
  const results: RuleResult[] = findings.map(({ rule, finding }) => {
    const counts = finding.status !== 'info' && rule.weight > 0;
    const earned = Math.min(1, Math.max(0, finding.earned));
    return {
      ...finding,
      earned,
      id: rule.id,
      group: rule.group,
      weight: rule.weight,
      lost: counts && total > 0 ? (100 * rule.weight * (1 - earned)) / total : 0,
    };
  });
  const points = (rs: RuleResult[]) => {
    const counted = rs.filter((r) => r.status !== 'info' && r.weight > 0);
    const w = counted.reduce((s, r) => s + r.weight, 0);
    return w === 0 ? undefined : Math.round((100 * counted.reduce((s, r) => s + r.weight * r.earned, 0)) / w);
  };
  const groups = GROUPS.map((group) => {
    const rs = results.filter((r) => r.group === group);
    return { group, score: points(rs), results: rs };
  });
  const order = new Map(rules.map((r, i) => [r.id, i]));
  const fixes = results
    .filter((r) => r.lost > 0)
    // Ties keep declaration order, so the list is stable for a fixed page.
    .sort((a, b) => b.lost - a.lost || (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  return { score: points(results) ?? 0, groups, fixes };
}

/**
 * robots.txt and sitemap answers shared by the pages of one crawl, so each is fetched once per site
 * rather than once per page (a crawl is polite: one request per page).
 */
export type SiteCache = Map<string, Promise<SafeResponse>>;

export interface SeoOptions {
  /** Deadline for the page itself (the side fetches get a third of it, at most 5 s). */
  timeoutMs?: number;
  /** Most HTML read; a larger page is audited on its first part and flagged. */
  maxBytes?: number;
}

export class NotHtmlError extends Error {
  override readonly name = 'NotHtmlError';
  constructor(
    readonly contentType: string,
    /** The HTTP status of the answer (a crawl records a 404 whatever its body). */
    readonly status = 200,
  ) {
    super(`not an HTML page: ${contentType}`);
  }
}

export class SeoService {
  private readonly timeoutMs: number;
  private readonly maxBytes: number;

  constructor(
    private readonly http: SafeFetch,
    o: SeoOptions = {},
  ) {
    this.timeoutMs = o.timeoutMs ?? 15_000;
    this.maxBytes = o.maxBytes ?? 5 * 1024 * 1024;
  }

  async audit(url: string, keyword?: string, site?: SiteCache): Promise<AuditReport> {
    const res = await this.http.fetch(url, {
      timeoutMs: this.timeoutMs,
      maxBytes: this.maxBytes,
      onTooLarge: 'truncate',
    });
    const type = String(res.headers['content-type'] ?? 'text/html');
    if (!/html|xml/i.test(type) && res.body.length > 0) throw new NotHtmlError(type, res.status);
    const final = new URL(res.url);
    const sideTimeout = Math.min(5_000, Math.ceil(this.timeoutMs / 3));
    const robots = await this.robots(final, sideTimeout, site);
    const sitemap = await this.sitemap(final, robots, sideTimeout, site);
    const page = parsePage(decode(res), final);
    const input: AuditInput = {
      page,
      fetch: facts(url, res),
      robots,
      sitemap,
      keyword: keyword?.trim() || undefined,
    };
    return {
      ...evaluate(input),
      page,
      requestedUrl: url,
      finalUrl: res.url,
      keyword: input.keyword,
      status: res.status,
      redirects: res.redirects,
      bodyBytes: res.body.length,
      totalMs: res.timing.totalMs,
    };
  }

  /** A side file (robots.txt, sitemap), from the crawl's cache when one is given. */
  fetchSide(url: string, timeoutMs: number, maxBytes: number, site?: SiteCache): Promise<SafeResponse> {
    const cached = site?.get(url);
    if (cached) return cached;
    const pending = this.http.fetch(url, { timeoutMs, maxBytes, onTooLarge: 'truncate' });
    site?.set(url, pending);
    return pending;
  }

  private async robots(page: URL, timeoutMs: number, site?: SiteCache): Promise<RobotsInfo> {
    const robotsUrl = new URL('/robots.txt', page).href;
    let res: SafeResponse;
    try {
      // Google reads the first 500 KiB of robots.txt and ignores the rest.
      res = await this.fetchSide(robotsUrl, timeoutMs, ROBOTS_MAX_BYTES, site);
    } catch (err) {
      if (err instanceof OutboundError)
        return { state: 'unreachable', allowed: undefined, line: undefined, sitemaps: [] };
      throw err;
    }
    if (res.status >= 400 && res.status < 500)
      return { state: 'missing', allowed: true, line: undefined, sitemaps: [] };
    if (res.status !== 200) return { state: 'unreachable', allowed: undefined, line: undefined, sitemaps: [] };
    const robots = parseRobots(res);
    const allowed = robots.isAllowed(page.href, 'Googlebot');
    const line = robots.getMatchingLineNumber(page.href, 'Googlebot');
    return {
      state: 'found',
      allowed: allowed ?? true,
      line: line > 0 ? line : undefined,
      sitemaps: robots.getSitemaps(),
    };
  }

  private async sitemap(page: URL, robots: RobotsInfo, timeoutMs: number, site?: SiteCache): Promise<SitemapInfo> {
    const url = robots.sitemaps[0] ?? new URL('/sitemap.xml', page).href;
    let res: SafeResponse;
    try {
      res = await this.fetchSide(url, timeoutMs, SITEMAP_MAX_BYTES, site);
    } catch (err) {
      if (err instanceof OutboundError) return { found: false, url };
      throw err;
    }
    if (res.status !== 200) return { found: false, url };
    // A gzipped sitemap file (sitemap.xml.gz) is fine; there is nothing more to look at here.
    if (new URL(res.url).pathname.endsWith('.gz')) return { found: true, url: res.url };
    return isSitemap(res.body.toString('utf8'))
      ? { found: true, url: res.url }
      : { found: true, url: res.url, invalid: true };
  }
}

export const ROBOTS_MAX_BYTES = 500 * 1024;
export const SITEMAP_MAX_BYTES = 1024 * 1024;

export function parseRobots(res: SafeResponse): Robots {
  return robotsParser(res.url, res.body.toString('utf8'));
}

/** A sitemap document has a <urlset> or <sitemapindex> root, namespaced or not. */
export function isSitemap(xml: string): boolean {
  const doc = parseDocument(xml, { xmlMode: true });
  return doc.children.some((n) => {
    if (n.type !== 'tag') return false;
    const local = (n as { name: string }).name.split(':').pop()?.toLowerCase();
    return local === 'urlset' || local === 'sitemapindex';
  });
}

function facts(requestedUrl: string, res: SafeResponse): FetchFacts {
  return {
    requestedUrl,
    status: res.status,
    headers: res.headers,
    redirects: res.redirects,
    bodyBytes: res.body.length,
    transferBytes: res.transferBytes,
    truncated: res.truncated,
    firstByteMs: res.timing.firstByteMs,
    totalMs: res.timing.totalMs,
  };
}

/** The body as text in the charset the server declared (windows-1256 Arabic pages exist). */
function decode(res: SafeResponse): string {
  const charset = /charset\s*=\s*"?([\w-]+)/i.exec(String(res.headers['content-type'] ?? ''))?.[1];
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(res.body);
  } catch {
    return new TextDecoder('utf-8').decode(res.body);
  }
}
