/**
 * Reads back the figures of the posts the bot published (ScheduledPost.impressions, engagements,
 * metricsAt), once a day, for the last FIGURES_DAYS days: a post's views and interactions keep
 * growing for weeks, and best times to post (best-times.ts) compare posts by them. Networks that
 * expose single-post figures declare `postFigures` (integrations/post-figures.ts): Facebook, Instagram,
 * YouTube. A refused token marks the account for reconnecting (as the metrics pull does); a rate
 * limit or outage leaves that account's posts as they were until the next run; one account's failure
 * never stops the others. People can also import figures from a CSV (importFigures).
 */
import type { Integration, ScheduledPost } from '@prisma/client';
import { providersWith } from '../../../integrations/provider.js';
import { PublishError } from '../../../integrations/publisher.js';
import { PROVIDERS } from '../../../integrations/registry.js';
import type { Db } from '../../db/client.js';
import type { Logger } from '../../log.js';
import type { IntegrationService } from '../../workspace/integrations.js';

/** How far back posts are read again: four weeks, the window Meta's own post reports use. */
export const FIGURES_DAYS = 28;

export interface FiguresResult {
  posts: number;
  updated: number;
  failedAccounts: number;
}

export interface FiguresDeps {
  db: Db;
  integrations: IntegrationService;
  log: Logger;
}

/** The networks that can read single posts back, by channel id. */
const READERS = new Set(providersWith(PROVIDERS, 'postFigures').map((p) => p.id));

export async function readPostFigures(deps: FiguresDeps, now: Date): Promise<FiguresResult> {
  const result: FiguresResult = { posts: 0, updated: 0, failedAccounts: 0 };
  const posts = await deps.db.scheduledPost.findMany({
    where: {
      channel: { in: [...READERS] },
      status: 'published',
      externalId: { not: null },
      publishAt: { gte: new Date(now.getTime() - FIGURES_DAYS * 86_400_000), lte: now },
    },
    orderBy: { publishAt: 'asc' },
  });
  result.posts = posts.length;
  const accounts = await deps.db.integration.findMany({
    where: { provider: { in: [...READERS] }, status: { not: 'reauth' } },
    orderBy: { updatedAt: 'desc' },
  });
  for (const [integration, group] of byAccount(posts, accounts)) {
    try {
      const reader = deps.integrations.postFiguresFor(integration);
      for (let i = 0; i < group.length; i += reader.batch) {
        const slice = group.slice(i, i + reader.batch);
        const figures = await reader.read(slice.map((p) => p.externalId as string));
        for (const p of slice) {
          const f = figures.get(p.externalId as string);
          if (!f) continue;
          await deps.db.scheduledPost.updateMany({
            where: { id: p.id, workspaceId: p.workspaceId },
            data: { impressions: f.impressions, engagements: f.engagements, metricsAt: now },
          });
          result.updated++;
        }
      }
      await deps.integrations.markOk(integration);
    } catch (err) {
      result.failedAccounts++;
      const message = err instanceof Error ? err.message : String(err);
      const where = { workspaceId: integration.workspaceId, provider: integration.provider };
      if (err instanceof PublishError && err.reauth) {
        await deps.integrations.markReauth(integration, err);
        deps.log.warn({ ...where, err: message }, 'post figures: token refused; paused until /connect again');
      } else {
        deps.log.warn({ ...where, err: message }, 'post figures: not read; the next run tries again');
      }
    }
  }
  return result;
}

/**
 * Each post with the account it went out through: the one it names, or for a post that names none the
 * network's most recently updated account in its workspace (as the dispatcher chose). Posts whose
 * account is gone or needs reconnecting are left out.
 */
function byAccount(
  posts: readonly ScheduledPost[],
  accounts: readonly Integration[],
): Map<Integration, ScheduledPost[]> {
  const out = new Map<Integration, ScheduledPost[]>();
  for (const p of posts) {
    const account = accounts.find(
      (a) =>
        a.workspaceId === p.workspaceId && a.provider === p.channel && (!p.accountId || a.accountId === p.accountId),
    );
    if (!account) continue;
    out.set(account, [...(out.get(account) ?? []), p]);
  }
  return out;
}
