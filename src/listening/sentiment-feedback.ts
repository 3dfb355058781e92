/**
 * "Not negative" / "Correct" presses on alerts: stored one row per comment (the latest press wins)
 * and turned into each workspace's Adaptation (sentiment/adapt.ts), kept in memory per workspace.
 * A press in this process drops that workspace's entry at once; presses on other replicas are seen
 * through a cheap check (row count and latest update) made at most every RECHECK_MS per workspace.
 */
import { performance } from 'node:perf_hooks';
import type { SentimentFeedback } from '@prisma/client';
import { Prisma } from '@prisma/client';
import type { Db } from '../db/client.js';
import { type Adaptation, buildAdaptation, EMPTY_ADAPTATION, type FeedbackLabel } from './sentiment/adapt.js';

/** How stale another replica's presses may be here. */
export const RECHECK_MS = 5_000;
/** The newest rows a workspace's adaptation is built from (a bound on memory and build time). */
export const MAX_EXAMPLES = 5_000;

export interface FeedbackPress {
  workspaceId: number;
  commentId: number;
  label: FeedbackLabel;
  text: string;
  byUser: string;
  at: Date;
}

/** What a press did: a first verdict, a changed one, or the same verdict again (nothing changed). */
export type RecordOutcome = 'created' | 'changed' | 'same';

interface Cached {
  stamp: string;
  checkedAt: number;
  adaptation: Adaptation;
}

export class SentimentFeedbackService {
  private readonly cache = new Map<number, Cached>();

  constructor(
    private readonly deps: {
      db: Db;
      /** Scores a word alone (the offline classifier), so adapt.ts can tell sentiment words from others. */
      wordScore: (word: string) => number;
      /** Monotonic milliseconds; tests replace it. */
      now?: () => number;
    },
  ) {}

  async record(p: FeedbackPress): Promise<{ outcome: RecordOutcome; row: SentimentFeedback }> {
    const { db } = this.deps;
    const where = { commentId: p.commentId };
    const data = { label: p.label, text: p.text, byUser: p.byUser, createdAt: p.at };
    const previous = await db.sentimentFeedback.findFirst({ where: { ...where, workspaceId: p.workspaceId } });
    let row: SentimentFeedback;
    try {
      row = await db.sentimentFeedback.upsert({
        where,
        create: { workspaceId: p.workspaceId, commentId: p.commentId, ...data },
        update: data,
      });
    } catch (err) {
      // Two presses at once both tried to create: the loser updates the winner's row.
      if (!(err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002')) throw err;
      row = await db.sentimentFeedback.update({ where, data });
    }
    this.cache.delete(p.workspaceId);
    const outcome: RecordOutcome = !previous ? 'created' : previous.label === p.label ? 'same' : 'changed';
    return { outcome, row };
  }

  /** The stored verdict on a comment of this workspace, if any (for the alert's note). */
  of(workspaceId: number, commentId: number): Promise<SentimentFeedback | null> {
    return this.deps.db.sentimentFeedback.findFirst({ where: { workspaceId, commentId } });
  }

  /** The workspace's adaptation, rebuilt only when its feedback changed. */
  async adaptationFor(workspaceId: number): Promise<Adaptation> {
    const now = (this.deps.now ?? performance.now.bind(performance))();
    const cached = this.cache.get(workspaceId);
    if (cached && now - cached.checkedAt < RECHECK_MS) return cached.adaptation;
    const stamp = await this.stamp(workspaceId);
    if (cached && cached.stamp === stamp) {
      cached.checkedAt = now;
      return cached.adaptation;
    }
    const adaptation = stamp === EMPTY_STAMP ? EMPTY_ADAPTATION : await this.build(workspaceId);
    this.cache.set(workspaceId, { stamp, checkedAt: now, adaptation });
    return adaptation;
  }

  private async stamp(workspaceId: number): Promise<string> {
    const a = await this.deps.db.sentimentFeedback.aggregate({
      where: { workspaceId },
      _count: { _all: true },
      _max: { updatedAt: true },
    });
    return a._count._all === 0 ? EMPTY_STAMP : `${a._count._all}:${a._max.updatedAt?.getTime() ?? 0}`;
  }

  private async build(workspaceId: number): Promise<Adaptation> {
    const rows = await this.deps.db.sentimentFeedback.findMany({
      where: { workspaceId },
      orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }],
      take: MAX_EXAMPLES,
      select: { text: true, label: true },
    });
    const examples = rows
      .reverse()
      .flatMap((r) => (isFeedbackLabel(r.label) ? [{ text: r.text, label: r.label }] : []));
    const scores = new Map<string, number>();
    return buildAdaptation(examples, (w) => {
      let s = scores.get(w);
      if (s === undefined) {
        s = this.deps.wordScore(w);
        scores.set(w, s);
      }
      return s;
    });
  }
}

const EMPTY_STAMP = '0';

export function isFeedbackLabel(s: string): s is FeedbackLabel {
  return s === 'negative' || s === 'not-negative';
}
