/**
 * Daily Facebook Page insights: `GET /{page-id}/insights?metric=...&period=day&since&until`, read
 * with the page token. Only metrics Meta documents as current are asked for; the impression and
 * page-fans families answer "(#100) invalid metric" since their deprecation:
 * - https://developers.facebook.com/documentation/pages-api/platforminsights/page/deprecated-metrics
 *   (page_impressions_unique -> page_total_media_view_unique, page_fans -> page_follows)
 * - https://developers.facebook.com/blog/post/2025/08/15/page-insights-api-updates/ ("impressions"
 *   replaced by "views": page_media_view)
 * - https://developers.facebook.com/documentation/pages-api/platforminsights/page.md (permissions
 *   read_insights + pages_read_engagement; daily values: the first end_time is `since` plus one day)
 * - https://developers.facebook.com/docs/graph-api/reference/v19.0/insights ("only 90 days of insights
 *   can be viewed at one time when using the since and until parameters")
 */
import { z } from 'zod';
import type { InsightDay, MetricFigure } from '../insights.js';
import { GraphClient } from './graph.js';
import type { FacebookCredentials } from './publisher.js';

export type { InsightDay };

/** The MetricDaily figures an insights reader can fill (a figure it did not read is left out). */
export type InsightFigure = Extract<MetricFigure, 'reach' | 'impressions' | 'engagements' | 'followers'>;
export type DayFigures = { date: string } & Partial<Record<InsightFigure, number>>;

/** What the daily pull needs from a Page or an Instagram account. */
export interface DailyInsights {
  fetchDays(days: readonly InsightDay[]): Promise<DayFigures[]>;
}

/**
 * Page metric -> column. page_follows is the audience at the end of the day (the documented
 * replacement of page_fans); the others are that day's counts.
 */
export const PAGE_METRICS = {
  page_total_media_view_unique: 'reach',
  page_media_view: 'impressions',
  page_post_engagements: 'engagements',
  page_follows: 'followers',
} as const satisfies Record<string, InsightFigure>;

/** Insights' `paging.next` points at the following date window, not at more of this one: bounded. */
const MAX_PAGES = 4;
const HALF_DAY_MS = 12 * 3_600_000;

const pageInsights = z.object({
  data: z.array(
    z.object({
      name: z.string(),
      period: z.string(),
      values: z.array(z.object({ value: z.unknown(), end_time: z.string() })),
    }),
  ),
  paging: z.object({ next: z.string().optional() }).optional(),
});

/**
 * The calendar day a daily value covers. Graph's `end_time` is the midnight that ends the day in
 * Meta's reporting zone (08:00 or 07:00 UTC, Pacific time, in the documented examples); twelve hours
 * earlier is inside that day for any zone within UTC±12, so its UTC date names the day.
 */
export function dayOfEndTime(endTime: string): string | undefined {
  const t = new Date(endTime).getTime();
  return Number.isNaN(t) ? undefined : new Date(t - HALF_DAY_MS).toISOString().slice(0, 10);
}

const unix = (d: Date) => String(Math.floor(d.getTime() / 1000));

export class FacebookInsights implements DailyInsights {
  private readonly graph: GraphClient;

  constructor(
    base: string,
    private readonly creds: FacebookCredentials,
    now?: () => Date,
    timeoutMs?: number,
  ) {
    this.graph = new GraphClient(base, creds.token, now, timeoutMs);
  }

  async fetchDays(days: readonly InsightDay[]): Promise<DayFigures[]> {
    const first = days[0];
    const last = days[days.length - 1];
    if (!first || !last) return [];
    const wanted = new Set(days.map((d) => d.date));
    const byDate = new Map<string, DayFigures>();
    const until = unix(last.end);
    let since = unix(first.start);
    for (let page = 0; page < MAX_PAGES; page++) {
      const r = await this.graph.get(
        `${this.creds.pageId}/insights`,
        { metric: Object.keys(PAGE_METRICS).join(','), period: 'day', since, until },
        pageInsights,
      );
      for (const metric of r.data) {
        const column = PAGE_METRICS[metric.name as keyof typeof PAGE_METRICS];
        if (!column || metric.period !== 'day') continue;
        for (const v of metric.values) {
          const date = dayOfEndTime(v.end_time);
          if (!date || !wanted.has(date) || typeof v.value !== 'number' || !(v.value >= 0)) continue;
          const row = byDate.get(date) ?? { date };
          row[column] = Math.round(v.value);
          byDate.set(date, row);
        }
      }
      // Follow `next` only while Graph split the asked range; its next window past `until` is the future.
      const next = r.paging?.next ? new URL(r.paging.next).searchParams.get('since') : null;
      if (!next || !/^\d+$/.test(next) || Number(next) >= Number(until) || Number(next) <= Number(since)) break;
      since = next;
    }
    return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
  }
}
