/**
 * SEO monitoring: sites the team watches (/seo watch) are crawled once a week (src/search/crawl.ts),
 * each crawl is kept, and the SEO people hear what changed since the last one. A crawl is claimed by
 * moving `lastRunAt` conditionally, so with several replicas one of them crawls a site per week.
 */
import type { Prisma, SeoCrawl, SeoWatch, Workspace } from '@prisma/client';
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
}

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
    return { watch, crawl, pages, changes, position: await this.positionMove(watch.workspaceId, startedAt) };
  }

  /** Average position from Search Console imports (channel organic-search), this week against last. */
  private async positionMove(workspaceId: number, now: Date): Promise<WatchRun['position']> {
    const day = (offset: number) => new Date(now.getTime() - offset * 86_400_000).toISOString().slice(0, 10);
    const avg = async (from: string, to: string) => {
      const r = await this.db.metricDaily.aggregate({
        where: { workspaceId, channel: 'organic-search', date: { gte: from, lte: to } },
        _sum: { searchPositionSum: true, searchImpressions: true },
      });
      const w = r._sum.searchImpressions ?? 0;
      return w > 0 ? (r._sum.searchPositionSum ?? 0) / w : undefined;
    };
    const after = await avg(day(7), day(1));
    const before = await avg(day(14), day(8));
    if (after === undefined || before === undefined || Math.abs(after - before) <= POSITION_NEWS) return undefined;
    return { before: Math.round(before * 10) / 10, after: Math.round(after * 10) / 10 };
  }
}
