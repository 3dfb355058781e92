/**
 * Recording what became of each publishing attempt (docs/architecture.md §5). Every outcome is a
 * conditional update (it applies only while this process still owns the post). Outcomes are written
 * together (group commit: one transaction, one fsync, for many posts): a batch goes when `flushAt`
 * outcomes wait, or `delayMs` after the first, and outcomes that come in while one is being written
 * join the next. Waiting costs nothing but a few milliseconds of "publishing" on a post already
 * sent: its send slot is free, and its lease is kept by the heartbeat. The notices that follow a
 * recorded outcome are posted in order, after the commit, without holding up the next batch.
 */
import type { Prisma } from '@prisma/client';
import type { Db } from '../db/client.js';
import type { Logger } from '../log.js';

export type Outcome = 'published' | 'retried' | 'failed' | 'unknown' | 'released';

export interface Settlement {
  kind: Outcome;
  where: Prisma.ScheduledPostWhereInput;
  data: Prisma.ScheduledPostUpdateManyMutationInput;
  /** Runs only if the update changed the row (this process still owned the outcome). */
  after?: () => Promise<void>;
}

/** Outcomes recorded per transaction at most. */
const RECORD_BATCH = 32;

export class OutcomeRecorder {
  private readonly queue: Array<{ s: Settlement; done: () => void }> = [];
  private flushing: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private notices: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
    private readonly flushAt = RECORD_BATCH,
    private readonly delayMs = 10,
  ) {}

  /** Resolves once the outcome is committed (or could not be: the lease then decides, see leases.ts). */
  record(s: Settlement): Promise<void> {
    return new Promise((resolve) => {
      this.queue.push({ s, done: resolve });
      if (this.queue.length >= this.flushAt) this.flushNow();
      else this.timer ??= setTimeout(() => this.flushNow(), this.delayMs);
    });
  }

  private flushNow(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.flushing ??= this.flush().finally(() => {
      this.flushing = undefined;
      // Outcomes that came in during the last batch and did not fill one wait for their timer.
      if (this.queue.length > 0) this.timer ??= setTimeout(() => this.flushNow(), this.delayMs);
    });
  }

  /** Resolves when every notice of the outcomes recorded so far has been posted (or has failed). */
  noticesPosted(): Promise<void> {
    return this.notices;
  }

  private async flush(): Promise<void> {
    const db = this.db;
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, RECORD_BATCH);
      try {
        const results = await db.$transaction(
          batch.map(({ s }) => db.scheduledPost.updateMany({ where: s.where, data: s.data })),
        );
        for (const [i, { s }] of batch.entries()) {
          const after = s.after;
          if (results[i]?.count === 1 && after) {
            this.notices = this.notices.then(after).catch((err: unknown) => {
              this.log.error({ err }, 'could not finish after a publishing outcome');
            });
          }
        }
      } catch (err) {
        // The leases are left to expire: unmarked posts go back in the queue, marked ones to a person.
        this.log.error({ err, posts: batch.length }, 'could not record publishing outcomes');
      } finally {
        for (const { done } of batch) done();
      }
    }
  }
}
