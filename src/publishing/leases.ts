/**
 * Publishing leases (docs/architecture.md §5): a claimed post carries its owner and a short expiry
 * (LEASE_MS). While a send is in flight its owner's heartbeat pushes the expiry forward, so only a
 * process that died (or lost the database for a whole lease) lets a lease run out. What happens to
 * an expired lease depends on the send mark (`sentAt`, written just before the irreversible request):
 * - no mark: nothing left this process, so the post goes back to `pending` and another replica
 *   publishes it (the claim still counts as an attempt: on its last one the post fails instead, so
 *   a post that crashes every process that takes it cannot go round forever);
 * - a mark: the request may have gone out, so the post becomes `unknown` and a person is asked.
 */
import type { Workspace } from '@prisma/client';
import { PublishError } from '../../integrations/publisher.js';
import type { Locale } from '../core/i18n.js';
import type { Reply } from '../core/reply.js';
import type { Db } from '../db/client.js';
import type { AppMetrics } from '../http/metrics.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../log.js';
import { MAX_ATTEMPTS, postsWhere } from './due-posts.js';
import { reasonOf, storedReason } from './failure-reason.js';
import { failedNotice, m, unknownNotice } from './publish-notices.js';

/** How long a claim lasts without a heartbeat. Replicas' clocks must agree well within it (NTP). */
export const LEASE_MS = 60_000;

export const DIED_AFTER_SENDING = reasonOf('diedAfterSending');

export interface LeaseDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  telemetry?: Pick<AppMetrics, 'publishes'> | undefined;
  notify(workspace: Workspace, r: Reply): Promise<void>;
}

export interface ExpiryReport {
  requeued: number;
  unknown: number;
  failed: number;
}

/** Settles every post whose lease ran out: re-queued when nothing was sent, `unknown` otherwise. */
export async function settleExpiredLeases(d: LeaseDeps): Promise<ExpiryReport> {
  const now = d.clock.now();
  const report: ExpiryReport = { requeued: 0, unknown: 0, failed: 0 };
  const stale = await postsWhere(
    d.db,
    [
      { column: 'status', op: '=', value: 'publishing' },
      { column: 'leaseExpiresAt', op: '<', value: now },
    ],
    { limit: 500 },
  );
  for (const post of stale) {
    const expired = { id: post.id, status: 'publishing', leaseExpiresAt: { lt: now } };
    if (post.sentAt === null && post.attempts < MAX_ATTEMPTS) {
      const { count } = await d.db.scheduledPost.updateMany({
        where: { ...expired, sentAt: null },
        data: { status: 'pending', leaseOwner: null, leaseExpiresAt: null, nextAttemptAt: null },
      });
      if (count !== 1) continue;
      report.requeued++;
      d.telemetry?.publishes.inc({ channel: post.channel, outcome: 'requeued' });
      d.log.warn({ post: post.id, owner: post.leaseOwner }, 'publishing lease expired before sending: re-queued');
    } else if (post.sentAt === null) {
      const stopped = { attempts: post.attempts, max: MAX_ATTEMPTS };
      const failure = PublishError.fatal('stopped before sending, on the last attempt').because(
        'stoppedBeforeSending',
        stopped,
      );
      const reason = storedReason(failure);
      const { count } = await d.db.scheduledPost.updateMany({
        where: { ...expired, sentAt: null },
        data: { status: 'failed', leaseOwner: null, leaseExpiresAt: null, lastError: reason, notifiedAt: now },
      });
      if (count !== 1) continue;
      report.failed++;
      d.telemetry?.publishes.inc({ channel: post.channel, outcome: 'failed' });
      await d.notify(post.workspace, failedNotice(post, failure, locale(post.workspace)));
    } else {
      const { count } = await d.db.scheduledPost.updateMany({
        where: { ...expired, sentAt: { not: null } },
        data: {
          status: 'unknown',
          lastError: DIED_AFTER_SENDING,
          leaseOwner: null,
          leaseExpiresAt: null,
          notifiedAt: now,
        },
      });
      if (count !== 1) continue;
      report.unknown++;
      d.telemetry?.publishes.inc({ channel: post.channel, outcome: 'unknown' });
      const t = m[locale(post.workspace)] ?? m.en;
      await d.notify(post.workspace, unknownNotice(post, DIED_AFTER_SENDING, locale(post.workspace), t.overdueStuck));
    }
  }
  return report;
}

/**
 * Keeps the leases of the posts this process is working on alive: every `everyMs`, one UPDATE
 * moves their expiry to now + `leaseMs`, for the rows it still owns (a lease taken over by another
 * replica is left alone; that post's send mark or outcome will then find it is no longer ours).
 */
export class Heartbeat {
  /** Post id -> the lease token it was claimed with. */
  readonly leased = new Map<number, string>();
  private timer: NodeJS.Timeout | undefined;
  private beating: Promise<void> | undefined;

  constructor(
    private readonly d: Pick<LeaseDeps, 'db' | 'clock' | 'log'>,
    private readonly leaseMs: number,
    private readonly everyMs: number,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.beat(), this.everyMs);
    // A heartbeat must never keep a stopping process alive.
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  async beat(): Promise<void> {
    if (this.beating || this.leased.size === 0) return;
    const ids = [...this.leased.keys()];
    const tokens = [...new Set(this.leased.values())];
    const until = new Date(this.d.clock.now().getTime() + this.leaseMs);
    this.beating = this.d.db.scheduledPost
      .updateMany({
        where: { id: { in: ids }, leaseOwner: { in: tokens }, status: 'publishing' },
        data: { leaseExpiresAt: until },
      })
      .then(
        ({ count }) => {
          if (count < ids.length)
            this.d.log.warn({ held: ids.length, renewed: count }, 'some publishing leases were lost');
        },
        (err: unknown) => this.d.log.warn({ err }, 'could not renew the publishing leases'),
      )
      .finally(() => {
        this.beating = undefined;
      });
    await this.beating;
  }
}

/**
 * Send marks (`sentAt`), each a conditional update on the lease this process holds, written before
 * the irreversible request leaves. Marks asked for while one is being written share the next
 * statement (group commit), so a busy process writes one mark per batch, not one per post.
 */
export class SendMarks {
  private readonly queue: Array<{
    id: number;
    token: string;
    done: (marked: boolean) => void;
    fail: (e: unknown) => void;
  }> = [];
  private flushing: Promise<void> | undefined;

  constructor(
    private readonly d: Pick<LeaseDeps, 'db' | 'clock'>,
    private readonly leaseMs: number,
  ) {}

  /** True once the mark is durable; false when the post is no longer this process's to send. */
  mark(id: number, token: string): Promise<boolean> {
    return new Promise((done, fail) => {
      this.queue.push({ id, token, done, fail });
      // The sends of one claim ask within the same turn: let them all in before writing.
      this.flushing ??= new Promise((r) => setImmediate(r)).then(() =>
        this.flush().finally(() => {
          this.flushing = undefined;
        }),
      );
    });
  }

  private async flush(): Promise<void> {
    const db = this.d.db;
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, 64);
      try {
        const now = this.d.clock.now();
        const mine = {
          id: { in: batch.map((b) => b.id) },
          leaseOwner: { in: [...new Set(batch.map((b) => b.token))] },
          status: 'publishing',
        };
        const { count } = await db.scheduledPost.updateMany({
          where: { ...mine, sentAt: null },
          data: { sentAt: now, leaseExpiresAt: new Date(now.getTime() + this.leaseMs) },
        });
        // Rarely short (a lease lost meanwhile): then read which rows carry this mark.
        const marked =
          count === batch.length
            ? new Set(batch.map((b) => b.id))
            : new Set(
                (await db.scheduledPost.findMany({ where: { ...mine, sentAt: now }, select: { id: true } })).map(
                  (r) => r.id,
                ),
              );
        for (const b of batch) b.done(marked.has(b.id));
      } catch (err) {
        for (const b of batch) b.fail(err);
      }
    }
  }
}

/**
 * Puts back in the queue the posts this process claimed but never marked sent (a stop that came
 * before their send): the claim did not count as an attempt. Returns how many went back.
 */
export async function releaseUnsent(db: Db, leased: ReadonlyMap<number, string>): Promise<number> {
  if (leased.size === 0) return 0;
  const { count } = await db.scheduledPost.updateMany({
    where: {
      id: { in: [...leased.keys()] },
      leaseOwner: { in: [...new Set(leased.values())] },
      status: 'publishing',
      sentAt: null,
    },
    data: { status: 'pending', leaseOwner: null, leaseExpiresAt: null, attempts: { decrement: 1 } },
  });
  return count;
}

function locale(ws: Workspace): Locale {
  return ws.locale as Locale;
}
