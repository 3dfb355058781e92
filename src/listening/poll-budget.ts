/**
 * A daily budget of quota units for comment polling, per connected account, for networks that
 * meter every call against a daily quota (YouTube: 10,000 units a day for the whole Google project,
 * reset at midnight Pacific Time). Polling gets only a share of it, so replies (50 units each) and
 * the daily figures still fit, and the share is paced over the day: at any moment an account may
 * have spent the share of the day gone by plus an hour's worth, so a burst of pages in the morning
 * cannot leave the evening unread. A poll skipped for the budget loses nothing: the cursor stays
 * where it was and the next poll reads from there.
 *
 * The counts live in memory (one poller runs, under the leader lock). After a restart the day starts
 * from zero, which can overspend by what was spent before it; a `quotaExceeded` answer still pauses
 * polling until the reset (polling.ts).
 */
import { DateTime } from 'luxon';

export interface DailyBudget {
  /** Units polling may spend per account per quota day. */
  units: number;
  /** The zone whose midnight starts a quota day. */
  zone: string;
}

const DAY_MS = 86_400_000;
/** Headroom over the straight pro-rata line: an hour's worth, so the first polls of a day can run. */
const HEADROOM_MS = 3_600_000;

export class PollBudget {
  private readonly spent = new Map<number, { day: string; units: number }>();

  constructor(private readonly budget: DailyBudget) {}

  /** Units this account spent in the current quota day. */
  spentToday(accountId: number, now: Date): number {
    const entry = this.spent.get(accountId);
    return entry && entry.day === this.dayOf(now) ? entry.units : 0;
  }

  /** Whether a poll may run now without getting ahead of the day's pace. */
  allows(accountId: number, now: Date): boolean {
    const start = DateTime.fromJSDate(now, { zone: this.budget.zone }).startOf('day').toMillis();
    const share = Math.min(1, (now.getTime() - start + HEADROOM_MS) / DAY_MS);
    return this.spentToday(accountId, now) < Math.floor(this.budget.units * share);
  }

  spend(accountId: number, units: number, now: Date): void {
    const day = this.dayOf(now);
    this.spent.set(accountId, { day, units: this.spentToday(accountId, now) + units });
  }

  private dayOf(now: Date): string {
    return DateTime.fromJSDate(now, { zone: this.budget.zone }).toISODate() ?? '';
  }
}
