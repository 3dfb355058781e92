/**
 * Work after the ack runs from a small queue, each item started on its own turn of the event loop,
 * and only once acks have stopped arriving for a moment. The database driver is synchronous: run
 * straight after each ack, a burst of commands would hold the loop and delay the acks of the
 * requests still arriving past Slack's 3 seconds.
 *
 * The queue has lanes, each with its own workers, so one person's slow work never delays another
 * person's answer (docs/operations.md, "Slack: work after the ack"):
 * - `interactive`: button presses and form submissions (a press that opens a form has 3 seconds
 *   before its trigger expires);
 * - `fast`: commands whose sub-action is not declared `slow` (`/help`, `/config`), and commands that
 *   open a form for missing options;
 * - `slow`: sub-actions declared `slow` (model calls, audits, reports), at most one in flight per
 *   person, so one person cannot fill the pool; their next slow command waits for their previous one.
 * Within a lane the next item is the oldest of the person with the least work running, so a burst
 * from one person does not hold back everyone else's.
 */

import { nextTurn, withYieldGate } from '../../db/yield-point.js';

export type Lane = 'interactive' | 'fast' | 'slow';

export interface LaneLimits {
  /** Items of the lane worked on at once. */
  workers: number;
  /** Items of one person worked on at once in the lane. */
  perPerson: number;
}

export const LANES: Readonly<Record<Lane, LaneLimits>> = {
  interactive: { workers: 2, perPerson: 2 },
  fast: { workers: 2, perPerson: 2 },
  slow: { workers: 3, perPerson: 1 },
};

/** Whose work it is, for the per-person limits: the Slack team and user ids. */
export function personOf(team: string | undefined, user: string | undefined): string {
  return `${team ?? '?'}:${user ?? '?'}`;
}

/**
 * Work starts only once every Slack request that has arrived is answered and none has come or been
 * answered for this long, so a burst is acknowledged first.
 */
export const QUIET_MS = 10;
/**
 * ...but when requests never pause, waiting work still starts after this long without progress
 * (modal triggers expire in 3 s), so a steady stream of requests cannot starve it.
 */
export const MAX_DEFER_MS = 400;
/**
 * Work already running pauses before each database query while requests arrive (yield-point.ts), for
 * at most this long per query, so it gives way to acks without ever standing still.
 */
export const MAX_PAUSE_MS = 200;

interface Item {
  lane: Lane | (() => Lane);
  person: string;
  work: () => Promise<void>;
}

/**
 * An item's lane; one given as a function (reading the command line) is read once, off the ack path.
 * If reading it fails, the item goes in the fast lane, where its own work meets the same failure and
 * reports it to the person: nothing that throws may stop the queue.
 */
function laneOf(item: Item): Lane {
  if (typeof item.lane === 'function') {
    try {
      item.lane = item.lane();
    } catch {
      item.lane = 'fast';
    }
  }
  return item.lane;
}

export class AfterAckQueue {
  private readonly waiting: Item[] = [];
  private readonly runningIn: Record<Lane, number> = { interactive: 0, fast: 0, slow: 0 };
  /** `lane person` -> items of that person running in that lane. */
  private readonly runningFor = new Map<string, number>();
  private running = 0;
  private readonly drained: Array<() => void> = [];
  private pumpTimer: NodeJS.Timeout | undefined;
  /** When a Slack request last arrived or was answered. */
  private lastArrival = Number.NEGATIVE_INFINITY;
  /** Slack requests that have arrived and are not answered yet. */
  private unanswered = 0;
  /** Since when waiting work has started nothing (undefined: nothing is waiting). */
  private stalledSince: number | undefined;

  constructor(private readonly lanes: Readonly<Record<Lane, LaneLimits>> = LANES) {}

  /**
   * A Slack request has arrived: work that has not started yet waits for the next quiet moment, and
   * work already running pauses before its next database query (src/db/client.ts); nothing new starts,
   * not even when an item finishes, so acks are not queued behind the next item's work.
   */
  arrived(): void {
    this.lastArrival = Date.now();
  }

  /**
   * A Slack request has arrived and will be answered: until `answered` is called (once), nothing new
   * starts and running work stays paused, however long the wait between two requests looks (on a
   * busy machine the process itself can be descheduled for longer than the quiet window).
   */
  request(): { answered: () => void } {
    this.arrived();
    this.unanswered++;
    let open = true;
    return {
      answered: () => {
        if (!open) return;
        open = false;
        this.unanswered--;
        this.arrived();
        if (this.unanswered === 0) this.schedule();
      },
    };
  }

  /** When work may go on: now when nothing is unanswered and the quiet window has passed. */
  private quietAt(): number {
    return this.unanswered > 0 ? Date.now() + QUIET_MS : this.lastArrival + QUIET_MS;
  }

  /**
   * Queues `work` for `person` (`team:user`) in `lane`; it starts once requests pause and the lane has
   * room. A lane that takes work to find (parsing the command) can be given as a function: it is
   * called when the queue next looks for work to start, not while acks are being sent.
   */
  add(lane: Lane | (() => Lane), person: string, work: () => Promise<void>): void {
    this.arrived();
    this.stalledSince ??= Date.now();
    this.waiting.push({ lane, person, work });
    this.schedule();
  }

  /** Resolves once everything queued so far has run (requests already acknowledged get their answer). */
  async idle(): Promise<void> {
    if (this.running > 0 || this.waiting.length > 0) await new Promise<void>((r) => this.drained.push(r));
  }

  /** Starts what may start now, or comes back when requests have paused (or waiting work is overdue). */
  private schedule(): void {
    clearTimeout(this.pumpTimer);
    this.pumpTimer = undefined;
    if (this.waiting.length === 0) return;
    const now = Date.now();
    const quietAt = this.quietAt();
    const overdueAt = (this.stalledSince ?? now) + MAX_DEFER_MS;
    const at = Math.min(quietAt, overdueAt);
    if (at <= now) this.pump();
    else this.pumpTimer = setTimeout(() => this.schedule(), at - now);
  }

  private pump(): void {
    let started = false;
    for (let i = this.nextIndex(); i >= 0; i = this.nextIndex()) {
      const [item] = this.waiting.splice(i, 1) as [Item];
      this.start(item);
      started = true;
    }
    // Progress resets the starvation clock; work still waiting (lanes full) waits for a finish.
    if (started || this.waiting.length === 0) this.stalledSince = this.waiting.length > 0 ? Date.now() : undefined;
  }

  /** Where running work may go on: the next turn of the loop, once requests have paused (or it has waited long enough). */
  private async turn(): Promise<void> {
    const since = Date.now();
    for (;;) {
      // After a timer, too: timers run before the loop reads sockets, and a request waiting there
      // (the process was descheduled) must be seen before the work goes on.
      await nextTurn();
      const wait = Math.min(this.quietAt(), since + MAX_PAUSE_MS) - Date.now();
      if (wait <= 0) return;
      await new Promise((r) => setTimeout(r, wait));
    }
  }

  /** The waiting item to start next: in a lane with room, of a person under the lane's limit, least busy first. */
  private nextIndex(): number {
    let best = -1;
    let bestLoad = Number.POSITIVE_INFINITY;
    for (const [i, item] of this.waiting.entries()) {
      const lane = laneOf(item);
      const limits = this.lanes[lane];
      if (this.runningIn[lane] >= limits.workers) continue;
      const load = this.runningFor.get(`${lane} ${item.person}`) ?? 0;
      if (load >= limits.perPerson || load >= bestLoad) continue;
      best = i;
      bestLoad = load;
      if (load === 0) break;
    }
    return best;
  }

  private start(item: Item): void {
    const lane = laneOf(item);
    const key = `${lane} ${item.person}`;
    this.running++;
    this.runningIn[lane]++;
    this.runningFor.set(key, (this.runningFor.get(key) ?? 0) + 1);
    setImmediate(() => {
      void withYieldGate(() => this.turn(), item.work)
        .catch(() => {
          // Each item reports its own failures (ReplySender.safely); nothing may stop the queue.
        })
        .finally(() => {
          this.running--;
          this.runningIn[lane]--;
          const left = (this.runningFor.get(key) ?? 1) - 1;
          if (left > 0) this.runningFor.set(key, left);
          else this.runningFor.delete(key);
          this.schedule();
          if (this.running === 0 && this.waiting.length === 0) for (const r of this.drained.splice(0)) r();
        });
    });
  }
}
