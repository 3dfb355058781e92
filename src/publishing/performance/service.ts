/** Best times to post from the workspace's own published posts (best-times.ts), for /schedule and "next best slot". */
import { providersWith } from '../../../integrations/provider.js';
import { PROVIDERS } from '../../../integrations/registry.js';
import type { Db } from '../../db/client.js';
import { type BestTimes, bestTimes, nextBestSlot } from './best-times.js';

/** The networks whose posts' figures are read back: best times are computed for these. */
export const FIGURE_CHANNELS = providersWith(PROVIDERS, 'postFigures').map((p) => p.id) as [string, ...string[]];

/** Own posts older than this no longer describe the audience. */
const LOOKBACK_DAYS = 365;

export class PerformanceService {
  constructor(private readonly db: Db) {}

  async bestTimes(workspaceId: number, channel: string, now: Date, zone: string): Promise<BestTimes> {
    const posts = await this.db.scheduledPost.findMany({
      where: {
        workspaceId,
        channel,
        status: 'published',
        impressions: { gt: 0 },
        engagements: { not: null },
        publishAt: { gte: new Date(now.getTime() - LOOKBACK_DAYS * 86_400_000), lte: now },
      },
      select: { publishAt: true, impressions: true, engagements: true },
    });
    return bestTimes(
      channel,
      posts.map((p) => ({ publishAt: p.publishAt, impressions: p.impressions ?? 0, engagements: p.engagements ?? 0 })),
      now,
      zone,
    );
  }

  /** "next best slot": the next start of a top hour after `after`; undefined with nothing to go by. */
  async nextBestSlot(workspaceId: number, channel: string, after: Date, zone: string): Promise<Date | undefined> {
    return nextBestSlot(await this.bestTimes(workspaceId, channel, after, zone), after, zone);
  }
}
