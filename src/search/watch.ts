/**
 * SEO monitoring: sites the team watches (/seo watch) are crawled once a week (src/search/crawl.ts),
 * each crawl is kept, and the SEO people hear what changed since the last one. A crawl is claimed by
 * moving `lastRunAt` conditionally, so with several replicas one of them crawls a site per week.
 */
import type { Prisma, SeoCrawl, SeoWatch, Workspace } from '@prisma/client';
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Db } from '../db/client.js';
import type { Clock } from '../lib/clock.js';
import type { SeoService } from './audit.js';
import { type CrawledPage, crawlSite, siteScore } from './crawl.js';
import { diffCrawls, type SiteChanges } from './watch-diff.js';

export const WEEK_MS = 7 * 86_400_000;
export const MAX_WATCHES = 10;
export const MAX_PAGES = 100;
/** Search Console's average position moving more than this many places is news. */
export const POSITION_NEWS = 3;

export interface WatchRun {
  watch: SeoWatch & { workspace: Workspace };
  crawl: SeoCrawl;
  pages: CrawledPage[];
  /** Undefined on the first crawl: nothing to compare with yet. */
  changes: SiteChanges | undefined;
  /** Search Console's average position, last 7 days against the 7 before, when it moved. */
  position: { before: number; after: number } | undefined;
  /** Search queries whose position moved more than POSITION_NEWS places (the watched keyword first). */
  queries: QueryMove[];
}

export interface QueryMove {
  query: string;
  before: number;
  after: number;
}

/** Fewer impressions than this in either week and a query's average position is noise. */
export const QUERY_MIN_IMPRESSIONS = 20;
/** Moved queries named in one message, the biggest moves first. */
export const QUERIES_SHOWN = 5;

const storedPages = z.array(
  z.object({
    url: z.string(),
    status: z.number(),
    noindex: z.boolean(),
    title: z.string(),
    description: z.string(),
    ms: z.number(),
    score: z.number(),
    failing: z.array(z.string()),
    error: z.string().optional(),
  }),
);

export function pagesOf(crawl: Pick<SeoCrawl, 'pages'>): CrawledPage[] {
  const parsed = storedPages.safeParse(crawl.pages);
  return parsed.success ? (parsed.data as CrawledPage[]) : [];
}

export type AddResult = { ok: true; watch: SeoWatch; created: boolean } | { ok: false; reason: 'tooMany' };

export class SeoWatchService {
  constructor(
    private readonly db: Db,
    private readonly seo: SeoService,
    private readonly clock: Clock,
    private readonly crawl: { delayMs?: number } = {},
  ) {}

  /** Watches `url` (or updates its page limit and keyword when already watched). */
  async add(
    workspaceId: number,
    url: string,
    maxPages: number,
    keyword: string | null,
    by: string,
  ): Promise<AddResult> {
    const existing = await this.db.seoWatch.findUnique({ where: { workspaceId_url: { workspaceId, url } } });
    if (existing) {
      const watch = await this.db.seoWatch.update({ where: { id: existing.id }, data: { maxPages, keyword } });
      return { ok: true, watch, created: false };
    }
    if ((await this.db.seoWatch.count({ where: { workspaceId } })) >= MAX_WATCHES)
      return { ok: false, reason: 'tooMany' };
    const watch = await this.db.seoWatch.create({ data: { workspaceId, url, maxPages, keyword, createdById: by } });
    return { ok: true, watch, created: true };
  }

  list(workspaceId: number): Promise<Array<SeoWatch & { crawls: SeoCrawl[] }>> {
    return this.db.seoWatch.findMany({
      where: { workspaceId },
      include: { crawls: { orderBy: { startedAt: 'desc' }, take: 1 } },
      orderBy: { id: 'asc' },
    });
  }

  async remove(workspaceId: number, id: number): Promise<SeoWatch | undefined> {
    const watch = await this.db.seoWatch.findFirst({ where: { id, workspaceId } });
    if (!watch) return undefined;
    await this.db.seoWatch.delete({ where: { id: watch.id } });
    return watch;
  }

  /** Crawls every watch whose week is up (new ones at once), one after another; returns what ran. */
  async runDue(onRun: (run: WatchRun) => Promise<void>, shouldStop: () => boolean = () => false): Promise<number> {
    const now = this.clock.now();
    const due = await this.db.seoWatch.findMany({
      where: { OR: [{ lastRunAt: null }, { lastRunAt: { lte: new Date(now.getTime() - WEEK_MS) } }] },
      include: { workspace: true },
      orderBy: [{ lastRunAt: 'asc' }, { id: 'asc' }],
      take: 20,
    });
    let ran = 0;
    for (const watch of due) {
      if (shouldStop()) break;
      const claimed = await this.db.seoWatch.updateMany({
        where: { id: watch.id, lastRunAt: watch.lastRunAt },
        data: { lastRunAt: now },
      });
      if (claimed.count !== 1) continue; // another replica took it
      await onRun(await this.run(watch));
      ran++;
    }
    return ran;
  }

  async run(watch: SeoWatch & { workspace: Workspace }): Promise<WatchRun> {
    const startedAt = this.clock.now();
    const pages = await crawlSite(this.seo, watch.url, {
      maxPages: watch.maxPages,
      ...(watch.keyword ? { keyword: watch.keyword } : {}),
      ...(this.crawl.delayMs === undefined ? {} : { delayMs: this.crawl.delayMs }),
    });
    const previous = await this.db.seoCrawl.findFirst({ where: { watchId: watch.id }, orderBy: { startedAt: 'desc' } });
    const score = siteScore(pages);
    const crawl = await this.db.seoCrawl.create({
      data: {
        watchId: watch.id,
        startedAt,
        finishedAt: this.clock.now(),
        score,
        pages: pages as unknown as Prisma.InputJsonValue,
      },
    });
    const changes = previous
      ? diffCrawls(pagesOf(previous), pages, { before: previous.score, after: score })
      : undefined;
    return {
      watch,
      crawl,
      pages,
      changes,
      ...(await this.positionMove(watch.workspaceId, watch.workspace.timezone, startedAt, watch.keyword)),
    };
  }

  /**
   * Average position from Search Console imports (channel organic-search), the last 7 complete days of
   * the workspace's calendar against the 7 before (metric dates are workspace-local). Rows with a query
   * (stored as the campaign) also give each query's move; the site's figure is taken from the rows
   * without a query when there are any, so a site export and a query export are not counted twice.
   */
  private async positionMove(
    workspaceId: number,
    timezone: string,
    now: Date,
    keyword: string | null,
  ): Promise<Pick<WatchRun, 'position' | 'queries'>> {
    const today = DateTime.fromJSDate(now, { zone: timezone }).startOf('day');
    const day = (offset: number) => today.minus({ days: offset }).toISODate() ?? '';
    const weeks = await Promise.all(
      [
        [day(7), day(1)],
        [day(14), day(8)],
      ].map(([from, to]) =>
        this.db.metricDaily.groupBy({
          by: ['campaign'],
          where: { workspaceId, channel: 'organic-search', date: { gte: from, lte: to } },
          _sum: { searchPositionSum: true, searchImpressions: true },
        }),
      ),
    );
    const [after, before] = weeks.map((rows) => {
      const byQuery = new Map(rows.map((r) => [r.campaign, r._sum] as const));
      const site = byQuery.has('') ? [byQuery.get('')] : [...byQuery.values()];
      const sum = (k: 'searchPositionSum' | 'searchImpressions') => site.reduce((a, r) => a + (r?.[k] ?? 0), 0);
      return { byQuery, site: average(sum('searchPositionSum'), sum('searchImpressions')) };
    }) as [Week, Week];
    const moved = (b: number | undefined, a: number | undefined) =>
      a !== undefined && b !== undefined && Math.abs(a - b) > POSITION_NEWS;
    const position = moved(before.site, after.site)
      ? { before: round1(before.site as number), after: round1(after.site as number) }
      : undefined;
    const wanted = keyword?.trim().toLowerCase();
    const queries: QueryMove[] = [];
    for (const [query, a] of after.byQuery) {
      const b = before.byQuery.get(query);
      if (query === '' || !b) continue;
      if ((a.searchImpressions ?? 0) < QUERY_MIN_IMPRESSIONS || (b.searchImpressions ?? 0) < QUERY_MIN_IMPRESSIONS)
        continue;
      const was = average(b.searchPositionSum ?? 0, b.searchImpressions ?? 0);
      const is = average(a.searchPositionSum ?? 0, a.searchImpressions ?? 0);
      if (moved(was, is)) queries.push({ query, before: round1(was as number), after: round1(is as number) });
    }
    const isWanted = (q: QueryMove) => (q.query.toLowerCase() === wanted ? 0 : 1);
    queries.sort((x, y) => isWanted(x) - isWanted(y) || Math.abs(y.after - y.before) - Math.abs(x.after - x.before));
    return { position, queries: queries.slice(0, QUERIES_SHOWN) };
  }
}

interface Week {
  byQuery: Map<string, { searchPositionSum: number | null; searchImpressions: number | null }>;
  site: number | undefined;
}

const average = (positionSum: number, impressions: number) => (impressions > 0 ? positionSum / impressions : undefined);
const round1 = (n: number) => Math.round(n * 10) / 10;
