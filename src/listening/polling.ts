/**
 * Comment polling: for every connected integration whose network reads comments (its provider's
 * `comments` capability, integrations/registry.ts: Facebook, Instagram, YouTube), read the comments
 * written since its cursor and feed them to the one listening pipeline (stored and alerted once,
 * whichever path saw them first). The cursor moves only after every comment read is stored, and
 * only forwards (a conditional update), so a crash or a failed store means the next poll reads
 * them again and the unique key drops the ones already kept. One integration failing is recorded
 * on it and does not stop the others.
 */
import type { Integration, Workspace } from '@prisma/client';
import { type KnownPost, QuotaExhausted } from '../../integrations/comments.js';
import { PublishError } from '../../integrations/publisher.js';
import type { Notifier } from '../core/notifier.js';
import type { Db } from '../db/client.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../log.js';
import { COMMENT_PROVIDERS, type IntegrationService } from '../workspace/integrations.js';
import type { CommentService } from './comments.js';
import type { PollBudget } from './poll-budget.js';
import { pausedMessage, pausedUntil, pauseNotice } from './quota-pause.js';

/** Published posts older than this are no longer read one by one (recent ones come from the API). */
const KNOWN_POST_DAYS = 30;
const KNOWN_POST_LIMIT = 50;

export interface PollResult {
  integrationId: number;
  provider: string;
  ok: boolean;
  /** Not called: paused until the quota resets, or ahead of the day's quota budget. */
  skipped?: 'paused' | 'budget';
  read: number;
  stored: number;
  alerted: number;
  error?: string;
}

export class CommentPoller {
  constructor(
    private readonly deps: {
      db: Db;
      clock: Clock;
      integrations: IntegrationService;
      comments: CommentService;
      notifier: Notifier;
      log: Logger;
      /** Daily quota budgets of the networks that meter calls (YouTube), by provider. */
      budgets?: Partial<Record<string, PollBudget>>;
    },
  ) {}

  /** One pass over every workspace's comment integrations. Ones waiting for a new token are skipped. */
  async pollAll(): Promise<PollResult[]> {
    const targets = await this.deps.db.integration.findMany({
      where: { provider: { in: [...COMMENT_PROVIDERS] }, NOT: { status: 'reauth' } },
      orderBy: { id: 'asc' },
    });
    const results: PollResult[] = [];
    for (const integration of targets) results.push(await this.pollOne(integration));
    return results;
  }

  async pollOne(integration: Integration): Promise<PollResult> {
    const { db, clock, integrations, comments, log } = this.deps;
    const base = { integrationId: integration.id, provider: integration.provider, read: 0, stored: 0, alerted: 0 };
    const now = clock.now();
    const paused = pausedUntil(integration);
    if (paused && paused > now) return { ...base, ok: true, skipped: 'paused' };
    const budget = this.deps.budgets?.[integration.provider];
    if (budget && !budget.allows(integration.id, now)) return { ...base, ok: true, skipped: 'budget' };
    const workspace = await db.workspace.findUniqueOrThrow({ where: { id: integration.workspaceId } });
    try {
      const source = integrations.commentsFor(integration, await this.knownPosts(integration));
      const batch = await source.fetchSince(integration.cursor ?? undefined);
      budget?.spend(integration.id, batch.units ?? 0, now);
      let stored = 0;
      let alerted = 0;
      // Oldest first, so alerts arrive in the order the comments were written.
      const ordered = [...batch.comments].sort((a, b) => a.postedAt.getTime() - b.postedAt.getTime());
      for (const c of ordered) {
        if (!c.text.trim()) continue;
        const r = await comments.ingest(workspace, { provider: integration.provider, ...c });
        if (!r.duplicate) stored++;
        if (r.alerted) alerted++;
      }
      await db.integration.updateMany({
        where: { id: integration.id, workspaceId: integration.workspaceId, cursor: integration.cursor },
        data: {
          cursor: batch.cursor,
          lastSyncAt: clock.now(),
          status: 'ok',
          // A message left by a failure is stale now; the account name from /connect stays.
          ...(integration.status === 'ok' ? {} : { statusMessage: null }),
        },
      });
      return { ...base, ok: true, read: batch.comments.length, stored, alerted };
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      if (err instanceof QuotaExhausted) {
        await this.pause(workspace, integration, reason, err.resetsAt);
        return { ...base, ok: false, skipped: 'paused', error: reason };
      }
      const status = err instanceof PublishError && err.reauth ? 'reauth' : 'error';
      log.warn(
        { integrationId: integration.id, provider: integration.provider, status, reason },
        'comment poll failed',
      );
      if (status === 'reauth') await integrations.markReauth(integration, err);
      else await integrations.markFailed(integration, reason);
      return { ...base, ok: false, error: reason };
    }
  }

  /** Stops polling until the quota resets; the team hears of it once per pause. */
  private async pause(workspace: Workspace, integration: Integration, reason: string, resetsAt: Date): Promise<void> {
    const { integrations, notifier, log } = this.deps;
    const already = pausedUntil(integration)?.getTime() === resetsAt.getTime();
    log.warn({ integrationId: integration.id, provider: integration.provider, resetsAt }, 'comment poll paused: quota');
    await integrations.markFailed(integration, pausedMessage(reason, resetsAt));
    if (already) return;
    try {
      await notifier.post(workspace, 'team', pauseNotice(workspace, integration.provider, resetsAt));
    } catch (err) {
      log.warn({ workspaceId: workspace.id, err: (err as Error).message }, 'comment poll: quota notice not posted');
    }
  }

  /** The brand's posts on this integration's channel that the bot published recently. */
  private async knownPosts(integration: Integration): Promise<KnownPost[]> {
    const since = new Date(this.deps.clock.now().getTime() - KNOWN_POST_DAYS * 86_400_000);
    const posts = await this.deps.db.scheduledPost.findMany({
      where: {
        workspaceId: integration.workspaceId,
        channel: integration.provider,
        status: 'published',
        externalId: { not: null },
        publishedAt: { gte: since },
      },
      orderBy: { publishedAt: 'desc' },
      take: KNOWN_POST_LIMIT,
      select: { externalId: true, url: true },
    });
    return posts.flatMap((p) => (p.externalId ? [{ externalId: p.externalId, url: p.url }] : []));
  }
}
