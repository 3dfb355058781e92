/**
 * Group commit: callers add one item each and get its own result, while the work runs over all the
 * items waiting at that moment, one batch at a time. With nothing waiting, an item starts on the
 * next turn of the loop (no timer, so a quiet system adds no delay); under a burst, the items that
 * arrive while a batch runs form the next one, so a thousand comments cost a few dozen database
 * round trips instead of thousands.
 *
 * `run` settles the batch's shared part (its promise), and gives each item its own outcome: a
 * value, an Error for that item alone, or a promise of either (work that may go on while the next
 * batch starts, such as posting alerts). A `run` that throws fails every item of its batch.
 */
export type Outcome<R> = R | Error | Promise<R>;

interface Waiting<T, R> {
  item: T;
  resolve: (r: R) => void;
  reject: (err: unknown) => void;
}

export class GroupCommit<T, R> {
  private waiting: Array<Waiting<T, R>> = [];
  private running = false;

  constructor(
    private readonly run: (items: T[]) => Promise<Array<Outcome<R>>>,
    /** At most this many items a batch; the rest wait for the next. */
    private readonly max = 200,
  ) {}

  add(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (!this.running) {
        this.running = true;
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.max);
      try {
        const outcomes = await this.run(batch.map((w) => w.item));
        for (const [i, w] of batch.entries()) {
          const o = outcomes[i] as Outcome<R>;
          if (i >= outcomes.length) w.reject(new Error('group commit: no outcome for an item'));
          else if (o instanceof Error) w.reject(o);
          else Promise.resolve(o).then(w.resolve, w.reject);
        }
      } catch (err) {
        for (const w of batch) w.reject(err);
      }
    }
    this.running = false;
  }
}
