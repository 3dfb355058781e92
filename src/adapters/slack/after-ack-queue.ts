/**
 * Work after the ack runs from a small queue, each item started on its own turn of the event loop,
 * and only once acks have stopped arriving for a moment. The database driver is synchronous: run
 * straight after each ack, a burst of commands would hold the loop and delay the acks of the
 * requests still arriving past Slack's 3 seconds.
 */

/** Requests worked on at once after their ack; the rest wait their turn. */
const AFTER_ACK_WORKERS = 2;
/** Work waits until no ack has arrived for this long, so a burst is acknowledged before any of it runs. */
const QUIET_MS = 10;
/** ...but never longer than this after the first queued item (modal triggers expire in 3 s). */
const MAX_DEFER_MS = 150;

export class AfterAckQueue {
  private readonly queue: Array<() => Promise<void>> = [];
  private running = 0;
  private drained: (() => void) | undefined;
  private pumpTimer: NodeJS.Timeout | undefined;
  private queuedSince = 0;

  add(work: () => Promise<void>): void {
    const now = Date.now();
    if (this.queue.length === 0) this.queuedSince = now;
    this.queue.push(work);
    clearTimeout(this.pumpTimer);
    const overdue = now - this.queuedSince >= MAX_DEFER_MS;
    this.pumpTimer = setTimeout(() => this.pump(), overdue ? 0 : QUIET_MS);
  }

  /** Resolves once everything queued so far has run (requests already acknowledged get their answer). */
  async idle(): Promise<void> {
    if (this.running > 0 || this.queue.length > 0) await new Promise<void>((r) => (this.drained = r));
  }

  private pump(): void {
    while (this.running < AFTER_ACK_WORKERS && this.queue.length > 0) {
      const next = this.queue.shift() as () => Promise<void>;
      this.running++;
      setImmediate(() => {
        void next().finally(() => {
          this.running--;
          if (this.running === 0 && this.queue.length === 0) this.drained?.();
          this.pump();
        });
      });
    }
  }
}
