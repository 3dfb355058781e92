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

/** Work waits until no ack has arrived for this long, so a burst is acknowledged before any of it runs. */
const QUIET_MS = 10;
/** ...but never longer than this after the first item queued since the last start (modal triggers expire in 3 s). */
const MAX_DEFER_MS = 150;

interface Item {
  lane: Lane;
  person: string;
  work: () => Promise<void>;
}

export class AfterAckQueue {
  private readonly waiting: Item[] = [];
  private readonly runningIn: Record<Lane, number> = { interactive: 0, fast: 0, slow: 0 };
  /** `lane person` -> items of that person running in that lane. */
  private readonly runningFor = new Map<string, number>();
  private running = 0;
  private readonly drained: Array<() => void> = [];
  private pumpTimer: NodeJS.Timeout | undefined;
  /** When the first item since the last pump was queued (undefined: none is waiting for a pump). */
  private deferringSince: number | undefined;

  constructor(private readonly lanes: Readonly<Record<Lane, LaneLimits>> = LANES) {}

  /** Queues `work` for `person` (`team:user`) in `lane`; it starts once acks pause and the lane has room. */
  add(lane: Lane, person: string, work: () => Promise<void>): void {
    const now = Date.now();
    this.deferringSince ??= now;
    this.waiting.push({ lane, person, work });
    clearTimeout(this.pumpTimer);
    const overdue = now - this.deferringSince >= MAX_DEFER_MS;
    this.pumpTimer = setTimeout(() => this.pump(), overdue ? 0 : QUIET_MS);
  }

  /** Resolves once everything queued so far has run (requests already acknowledged get their answer). */
  async idle(): Promise<void> {
    if (this.running > 0 || this.waiting.length > 0) await new Promise<void>((r) => this.drained.push(r));
  }

  private pump(): void {
    this.deferringSince = undefined;
    for (let i = this.nextIndex(); i >= 0; i = this.nextIndex()) {
      const [item] = this.waiting.splice(i, 1) as [Item];
      this.start(item);
    }
  }

  /** The waiting item to start next: in a lane with room, of a person under the lane's limit, least busy first. */
  private nextIndex(): number {
    let best = -1;
    let bestLoad = Number.POSITIVE_INFINITY;
    for (const [i, item] of this.waiting.entries()) {
      const limits = this.lanes[item.lane];
      if (this.runningIn[item.lane] >= limits.workers) continue;
      const load = this.runningFor.get(`${item.lane} ${item.person}`) ?? 0;
      if (load >= limits.perPerson || load >= bestLoad) continue;
      best = i;
      bestLoad = load;
      if (load === 0) break;
    }
    return best;
  }

  private start(item: Item): void {
    const key = `${item.lane} ${item.person}`;
    this.running++;
    this.runningIn[item.lane]++;
    this.runningFor.set(key, (this.runningFor.get(key) ?? 0) + 1);
    setImmediate(() => {
      void item
        .work()
        .catch(() => {
          // Each item reports its own failures (ReplySender.safely); nothing may stop the queue.
        })
        .finally(() => {
          this.running--;
          this.runningIn[item.lane]--;
          const left = (this.runningFor.get(key) ?? 1) - 1;
          if (left > 0) this.runningFor.set(key, left);
          else this.runningFor.delete(key);
          this.pump();
          if (this.running === 0 && this.waiting.length === 0) for (const r of this.drained.splice(0)) r();
        });
    });
  }
}
