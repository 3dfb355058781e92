/**
 * Figures of single videos: `GET /youtube/v3/videos?part=statistics&id=a,b,…` (up to 50 ids a call,
 * 1 quota unit; developers.google.com/youtube/v3/docs/videos/list). The Data API has no impressions:
 * `viewCount` stands for them, and likes plus comments for the interactions, so a video's engagement
 * rate is (likes + comments) / views. A video not found (deleted, private to another channel) is left out.
 */
import { z } from 'zod';
import { sendAuthorized, type TokenSource } from '../google/oauth.js';
import { classifyStatus, type HttpCall, joinUrl, parseJson } from '../http.js';
import type { PostFigures } from '../post-figures.js';

/** The Data API's limit on ids per videos.list call. */
export const VIDEOS_PER_CALL = 50;

const count = z.coerce.number().int().nonnegative().optional();
const list = z.object({
  items: z
    .array(
      z.object({
        id: z.string(),
        statistics: z.object({ viewCount: count, likeCount: count, commentCount: count }).optional(),
      }),
    )
    .default([]),
});

export async function readVideos(
  base: string,
  tokens: TokenSource,
  ids: readonly string[],
): Promise<Map<string, PostFigures>> {
  const out = new Map<string, PostFigures>();
  for (let i = 0; i < ids.length; i += VIDEOS_PER_CALL) {
    const url = new URL(joinUrl(base, 'youtube/v3/videos'));
    url.searchParams.set('part', 'statistics');
    url.searchParams.set('id', ids.slice(i, i + VIDEOS_PER_CALL).join(','));
    const call: HttpCall = { method: 'GET', url: url.toString(), idempotent: true };
    const res = await sendAuthorized(tokens, call);
    if (res.status !== 200) throw classifyStatus(res, call, `YouTube answered ${res.status}`, new Date());
    for (const v of list.parse(parseJson(res.text)).items) {
      const s = v.statistics;
      if (s?.viewCount === undefined) continue;
      out.set(v.id, { impressions: s.viewCount, engagements: (s.likeCount ?? 0) + (s.commentCount ?? 0) });
    }
  }
  return out;
}
