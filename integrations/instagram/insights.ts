/**
 * Daily Instagram account insights (Instagram API with Facebook Login, graph.facebook.com):
 * `GET /{ig-user-id}/insights?metric=reach,views,total_interactions&metric_type=total_value&period=day
 * &since&until`, one call per day because a total_value answer is one total over the asked window,
 * and `GET /{ig-user-id}?fields=followers_count` for the audience now.
 * - https://developers.facebook.com/docs/instagram-platform/api-reference/instagram-user/insights
 *   (permissions instagram_basic, instagram_manage_insights, pages_read_engagement; `impressions`
 *   deprecated for all versions since 2025-04-21, replaced by `views` with metric_type=total_value;
 *   an empty data set instead of 0 when there is no data; data delayed up to 48 hours)
 * The account-level follower_count metric is new followers per day (and absent under 100 followers),
 * not the audience size the `followers` column holds, so it is not used.
 */
import { z } from 'zod';
import { GraphClient } from '../facebook/graph.js';
import type { DailyInsights, DayFigures, InsightDay, InsightFigure } from '../facebook/insights.js';
import type { InstagramCredentials } from './publisher.js';

/** Account metric -> column; all three are daily counts read as total_value. */
export const IG_METRICS = {
  reach: 'reach',
  views: 'impressions',
  total_interactions: 'engagements',
} as const satisfies Record<string, InsightFigure>;

const totals = z.object({
  data: z.array(
    z.object({
      name: z.string(),
      total_value: z.object({ value: z.number().nonnegative() }).optional(),
    }),
  ),
});

const account = z.object({ id: z.string(), followers_count: z.number().int().nonnegative().optional() });

const unix = (d: Date) => String(Math.floor(d.getTime() / 1000));

export class InstagramInsights implements DailyInsights {
  private readonly graph: GraphClient;

  constructor(
    base: string,
    private readonly creds: InstagramCredentials,
    now?: () => Date,
    timeoutMs?: number,
  ) {
    this.graph = new GraphClient(base, creds.token, now, timeoutMs, 'instagram');
  }

  async fetchDays(days: readonly InsightDay[]): Promise<DayFigures[]> {
    const out: DayFigures[] = [];
    for (const day of days) {
      const r = await this.graph.get(
        `${this.creds.igUserId}/insights`,
        {
          metric: Object.keys(IG_METRICS).join(','),
          metric_type: 'total_value',
          period: 'day',
          since: unix(day.start),
          until: unix(day.end),
        },
        totals,
      );
      const row: DayFigures = { date: day.date };
      for (const m of r.data) {
        const column = IG_METRICS[m.name as keyof typeof IG_METRICS];
        if (column && m.total_value) row[column] = Math.round(m.total_value.value);
      }
      if (Object.keys(row).length > 1) out.push(row);
    }
    const last = days[days.length - 1];
    if (last) {
      // The audience now is the nearest reading of the audience at the end of the last full day.
      const me = await this.graph.get(this.creds.igUserId, { fields: 'id,followers_count' }, account);
      if (me.followers_count !== undefined) {
        const row = out.find((r) => r.date === last.date) ?? { date: last.date };
        row.followers = me.followers_count;
        if (!out.includes(row)) out.push(row);
      }
    }
    return out;
  }
}
