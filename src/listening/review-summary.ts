/**
 * Review-tier comments (likely negative, or questions waiting for an answer) are not posted one by
 * one: every Workspace.reviewSummaryMinutes they are collected into one summary message in the
 * alerts channel (summary-message.ts). Once, as every job here (docs/alerts.md):
 * - a batch is due when its oldest comment has waited the interval and no summary went out in the
 *   interval before;
 * - a batch is claimed by inserting a ProcessedEvent key named after its oldest comment, so of
 *   several replicas only one builds it; a key whose holder died (older than STALE_LOCK_MS) is
 *   cleared, and the next tick tries again;
 * - its comments are then claimed with a conditional update (reviewedAt null -> now) before the
 *   post; a post that throws releases them, so they go in the next summary, never twice.
 * With an LLM configured, each likely-negative comment gets its second opinion first (unless a
 * person already judged the same text here): a comment the model calls neutral or positive leaves
 * the summary (its label is updated, it raises nothing).
 */
import { type Comment, Prisma, type Workspace } from '@prisma/client';
import { isLocale, type Locale } from '../core/i18n.js';
import type { Notifier } from '../core/notifier.js';
import type { Reply } from '../core/reply.js';
import type { Db } from '../db/client.js';
import type { AppMetrics } from '../http/metrics.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../log.js';
import { membersWithJobRole } from '../workspace/job-roles.js';
import type { AlertView } from './alert-message.js';
import type { SentimentSecondOpinion } from './second-opinion.js';
import { settle } from './sentiment/adapt.js';
import type { Sentiment, SentimentClassifier } from './sentiment/index.js';
import { renderReviewSummary, type SummaryItem } from './summary-message.js';

/** At most this many comments in one summary (Slack shows 50 blocks a message); the rest wait for the next. */
export const SUMMARY_BATCH = 15;
/** A batch key older than this belongs to a process that died before posting. */
export const STALE_LOCK_MS = 10 * 60_000;
const OPEN = ['new', 'escalated'];

export interface ReviewDeps {
  db: Db;
  clock: Clock;
  notifier: Notifier;
  sentiment: SentimentClassifier;
  log: Logger;
  telemetry?: Pick<AppMetrics, 'alerts'> | undefined;
  secondOpinion?: SentimentSecondOpinion | undefined;
  /** The latest feedback press on a comment (CommentService.feedbackOf). */
  feedbackOf(workspace: Pick<Workspace, 'id'>, commentId: number): Promise<AlertView['feedback']>;
  /** Whether a person already judged this very text in this workspace (then the model is not asked). */
  judged(workspaceId: number, text: string): Promise<boolean>;
}

export class ReviewSummaries {
  constructor(private readonly deps: ReviewDeps) {}

  private pending(workspaceId: number): Prisma.CommentWhereInput {
    return { workspaceId, alertTier: 'review', reviewedAt: null, status: { in: OPEN } };
  }

  /** Posts every workspace's due summary; returns how many were posted. */
  async runDue(): Promise<number> {
    const { db, log } = this.deps;
    const ids = await db.comment.findMany({
      where: { alertTier: 'review', reviewedAt: null, status: { in: OPEN } },
      distinct: ['workspaceId'],
      select: { workspaceId: true },
    });
    if (ids.length === 0) return 0;
    const workspaces = await db.workspace.findMany({ where: { id: { in: ids.map((r) => r.workspaceId) } } });
    let posted = 0;
    for (const workspace of workspaces) {
      try {
        if (await this.summarise(workspace)) posted++;
      } catch (err) {
        // One workspace's failure must not keep the others' summaries back.
        log.error({ err, workspaceId: workspace.id }, 'review summary failed; will retry');
      }
    }
    return posted;
  }

  private async summarise(workspace: Workspace): Promise<boolean> {
    const { db, clock, notifier, log } = this.deps;
    const now = clock.now();
    const interval = Math.max(1, workspace.reviewSummaryMinutes) * 60_000;
    const pending = await db.comment.findMany({
      where: this.pending(workspace.id),
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: SUMMARY_BATCH + 1,
    });
    const oldest = pending[0];
    if (!oldest || oldest.createdAt.getTime() > now.getTime() - interval) return false;
    const last = await db.comment.aggregate({
      where: { workspaceId: workspace.id, alertTier: 'review', reviewedAt: { not: null } },
      _max: { reviewedAt: true },
    });
    const lastAt = last._max.reviewedAt?.getTime();
    if (lastAt !== undefined && lastAt > now.getTime() - interval) return false;
    const key = `review-summary:${workspace.id}:${oldest.id}`;
    if (!(await this.lock(key, now))) return false;
    let batch = pending.slice(0, SUMMARY_BATCH);
    const more = pending.length > SUMMARY_BATCH;
    batch = await this.secondOpinions(workspace, batch, now);
    const ids = batch.map((c) => c.id);
    if (ids.length > 0) {
      await db.comment.updateMany({
        where: { id: { in: ids }, workspaceId: workspace.id, reviewedAt: null },
        data: { reviewedAt: now, alertedAt: now },
      });
    }
    // Only what this claim marked: a comment someone closed meanwhile stays out.
    const claimed = await db.comment.findMany({
      where: { id: { in: ids }, reviewedAt: now, alertTier: 'review' },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    if (claimed.length === 0) return false;
    try {
      // Addressed like an urgent alert: the social media managers are named (docs/alerts.md, "Who is told").
      const mention = await membersWithJobRole(db, workspace.id, 'social');
      const summary = renderReviewSummary({
        items: await this.items(workspace, claimed),
        locale: localeOf(workspace),
        timezone: workspace.timezone,
        minutes: workspace.reviewSummaryMinutes,
        ...(more ? { more: (await db.comment.count({ where: this.pending(workspace.id) })) || 0 } : {}),
      });
      const posted = await notifier.post(workspace, 'alerts', mention.length > 0 ? { ...summary, mention } : summary);
      await db.comment.updateMany({
        where: { id: { in: claimed.map((c) => c.id) } },
        data: { alertMessageId: posted.messageId ?? null, alertChannel: posted.channel ?? null },
      });
      for (const c of claimed) this.deps.telemetry?.alerts.inc({ provider: c.provider });
      return true;
    } catch (err) {
      log.error({ err, workspaceId: workspace.id }, 'review summary could not be posted; will retry');
      await db.comment.updateMany({
        where: { id: { in: claimed.map((c) => c.id) }, reviewedAt: now },
        data: { reviewedAt: null, alertedAt: null },
      });
      await db.processedEvent.deleteMany({ where: { key } });
      return false;
    }
  }

  /** The batch's key, once; a key left by a process that died long ago is cleared for the next tick. */
  private async lock(key: string, now: Date): Promise<boolean> {
    const { db } = this.deps;
    try {
      await db.processedEvent.create({ data: { key, createdAt: now } });
      return true;
    } catch (err) {
      if (!(err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002')) throw err;
    }
    await db.processedEvent.deleteMany({
      where: { key, createdAt: { lt: new Date(now.getTime() - STALE_LOCK_MS) } },
    });
    return false;
  }

  /** The model's view on each likely-negative comment; those it does not call negative leave the batch. */
  private async secondOpinions(workspace: Workspace, batch: Comment[], now: Date): Promise<Comment[]> {
    const { secondOpinion, sentiment, db } = this.deps;
    if (!secondOpinion) return batch;
    const kept: Comment[] = [];
    for (const c of batch) {
      if (c.sentiment !== 'negative' || (await this.deps.judged(workspace.id, c.text))) {
        kept.push(c);
        continue;
      }
      const opinion = await secondOpinion.opinion(workspace.id, c.text);
      if (!opinion || opinion.label === 'negative') {
        kept.push(c);
        continue;
      }
      const base = sentiment.classify(c.text);
      const s = settle({ ...base, score: c.score ?? base.score }, opinion.label, sentiment);
      await db.comment.updateMany({
        where: { id: c.id, reviewedAt: null },
        data: { sentiment: s.label, score: s.score, alertTier: null, reviewedAt: now },
      });
    }
    return kept;
  }

  private async items(
    workspace: Workspace,
    comments: Comment[],
    notes?: Map<number, string[]>,
  ): Promise<SummaryItem[]> {
    const out: SummaryItem[] = [];
    for (const c of comments) {
      const s: Sentiment = this.deps.sentiment.classify(c.text);
      out.push({
        comment: c,
        complaint: s.complaint,
        feedback: await this.deps.feedbackOf(workspace, c.id),
        ...(notes?.has(c.id) ? { notes: notes.get(c.id) as string[] } : {}),
      });
    }
    return out;
  }

  /**
   * The summary a comment went out in, re-rendered with every comment's state now (a press on one
   * of its buttons); `notes` go under that comment. Undefined when it was in no summary.
   */
  async render(
    workspace: Workspace,
    commentId: number,
    locale?: Locale,
    notes: string[] = [],
  ): Promise<Reply | undefined> {
    const { db } = this.deps;
    const c = await db.comment.findFirst({ where: { id: commentId, workspaceId: workspace.id } });
    if (!c?.reviewedAt) return undefined;
    const batch = await db.comment.findMany({
      where: { workspaceId: workspace.id, alertTier: 'review', reviewedAt: c.reviewedAt },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    return renderReviewSummary({
      items: await this.items(workspace, batch, new Map([[commentId, notes]])),
      locale: locale ?? localeOf(workspace),
      timezone: workspace.timezone,
      minutes: workspace.reviewSummaryMinutes,
      replaceOriginal: true,
    });
  }
}

function localeOf(workspace: Workspace): Locale {
  return isLocale(workspace.locale) ? workspace.locale : 'en';
}
