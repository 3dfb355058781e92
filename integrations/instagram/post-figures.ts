/**
 * Figures of single Instagram media: `GET /{ig-media-id}/insights?metric=views,total_interactions`
 * (lifetime; developers.facebook.com/documentation/instagram-platform/reference/instagram-media/insights:
 * `impressions` deprecated for all versions since 2025-04-21 and replaced by `views`; total_interactions
 * is likes, saves, comments and shares; an empty data set instead of 0 when there is no data yet; data
 * delayed up to 48 hours; permissions instagram_basic, instagram_manage_insights, pages_read_engagement).
 */
import { GraphClient } from '../facebook/graph.js';
import { insights } from '../facebook/post-figures.js';
import type { PostFigures } from '../post-figures.js';
import type { InstagramCredentials } from './publisher.js';

export async function readMedia(
  base: string,
  creds: InstagramCredentials,
  ids: readonly string[],
  now?: () => Date,
): Promise<Map<string, PostFigures>> {
  const graph = new GraphClient(base, creds.token, now, undefined, 'instagram');
  const out = new Map<string, PostFigures>();
  for (const id of ids) {
    const r = await graph.get(`${id}/insights`, { metric: 'views,total_interactions' }, insights);
    const value = (name: string) => r.data.find((m) => m.name === name)?.values[0]?.value;
    const views = value('views');
    if (views === undefined) continue;
    out.set(id, { impressions: Math.round(views), engagements: Math.round(value('total_interactions') ?? 0) });
  }
  return out;
}
