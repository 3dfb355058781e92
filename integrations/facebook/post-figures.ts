/**
 * Figures of single Page posts:
 * - views: `GET /{post-id}/insights?metric=post_media_view` (lifetime). The post_impressions family is
 *   deprecated ("impressions" replaced by "views", developers.facebook.com/blog/post/2025/08/15/
 *   page-insights-api-updates; post_impressions_unique -> post_total_media_view_unique in the
 *   deprecated-metrics list); permissions read_insights + pages_read_engagement.
 * - interactions: `GET /{post-id}?fields=reactions.summary(total_count).limit(0),
 *   comments.summary(total_count).limit(0),shares` (reactions + comments + shares; `shares` is absent
 *   when nobody shared).
 * A post Meta has no views for yet (under 24 hours, a Page under 100 likes) is left out.
 */
import { z } from 'zod';
import type { PostFigures } from '../post-figures.js';
import { GraphClient } from './graph.js';
import type { FacebookCredentials } from './publisher.js';

/** A Graph `/insights` answer, the same shape for Page posts and Instagram media. */
export const insights = z.object({
  data: z.array(z.object({ name: z.string(), values: z.array(z.object({ value: z.number().nonnegative() })) })),
});

const total = z.object({ summary: z.object({ total_count: z.number().int().nonnegative() }) }).optional();
const fields = z.object({ reactions: total, comments: total, shares: z.object({ count: z.number() }).optional() });

export async function readPagePosts(
  base: string,
  creds: FacebookCredentials,
  ids: readonly string[],
  now?: () => Date,
): Promise<Map<string, PostFigures>> {
  const graph = new GraphClient(base, creds.token, now);
  const out = new Map<string, PostFigures>();
  for (const id of ids) {
    const views = (await graph.get(`${id}/insights`, { metric: 'post_media_view' }, insights)).data.find(
      (m) => m.name === 'post_media_view',
    )?.values[0]?.value;
    if (views === undefined) continue;
    const f = await graph.get(
      id,
      { fields: 'reactions.summary(total_count).limit(0),comments.summary(total_count).limit(0),shares' },
      fields,
    );
    const engagements =
      (f.reactions?.summary.total_count ?? 0) + (f.comments?.summary.total_count ?? 0) + (f.shares?.count ?? 0);
    out.set(id, { impressions: Math.round(views), engagements });
  }
  return out;
}
