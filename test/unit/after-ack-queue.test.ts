import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AfterAckQueue, MAX_DEFER_MS, MAX_PAUSE_MS } from '../../src/adapters/slack/after-ack-queue.js';
import { yieldPoint } from '../../src/db/yield-point.js';

/** A piece of work that records its start and finishes when the test says so. */
function held(log: string[], name: string) {
  let finish: () => void = () => {};
  const done = new Promise<void>((r) => {
    finish = r;
  });
  return {
    work: async () => {
      log.push(name);
      await done;
    },
    finish: () => finish(),
  };
}

class Deferred {
  resolve: () => void = () => {};
  readonly promise = new Promise<void>((r) => {
    this.resolve = r;
  });
}

const settle = () => new Promise((r) => setTimeout(r, 60));

describe('AfterAckQueue', () => {
  it('reads a lane given as a function once, when it looks for work, and a lane that fails to read stops nothing', async () => {
    const q = new AfterAckQueue();
    const log: string[] = [];
    let reads = 0;
    const request = q.request();
    q.add(
      () => {
        reads++;
        return 'slow';
      },
      'T:a',
      async () => void log.push('report a'),
    );
    q.add(
      () => {
        throw new Error('unreadable line');
      },
      'T:b',
      async () => void log.push('broken b'),
    );
    q.add('fast', 'T:c', async () => void log.push('help c'));
    // While a request is unanswered nothing is read or started (the ack goes first).
    await settle();
    expect(reads).toBe(0);
    request.answered();
    await q.idle();
    expect(reads).toBe(1);
    expect(log.sort()).toEqual(['broken b', 'help c', 'report a']);
  });

  it('keeps fast and interactive work moving while the slow lane is full', async () => {
    const q = new AfterAckQueue();
    const log: string[] = [];
    const slow = ['a', 'b', 'c', 'd'].map((p) => held(log, `slow ${p}`));
    for (const [i, s] of slow.entries()) q.add('slow', `T:${'abcd'[i]}`, s.work);
    q.add('fast', 'T:e', async () => void log.push('help e'));
    q.add('interactive', 'T:e', async () => void log.push('press e'));
    await settle();
    // Three slow workers, so d waits; e's work does not.
    expect(log.sort()).toEqual(['help e', 'press e', 'slow a', 'slow b', 'slow c']);
    slow[0]?.finish();
    await settle();
    expect(log).toContain('slow d');
    for (const s of slow) s.finish();
    await q.idle();
  });

  it("runs one slow item per person, taking another person's before the same person's next", async () => {
    const q = new AfterAckQueue();
    const log: string[] = [];
    const anna = [1, 2, 3].map((n) => held(log, `anna ${n}`));
    for (const a of anna) q.add('slow', 'T:anna', a.work);
    const bilal = held(log, 'bilal 1');
    q.add('slow', 'T:bilal', bilal.work);
    await settle();
    expect(log).toEqual(['anna 1', 'bilal 1']);
    anna[0]?.finish();
    await settle();
    expect(log).toEqual(['anna 1', 'bilal 1', 'anna 2']);
    for (const h of [...anna, bilal]) h.finish();
    await q.idle();
    expect(log).toEqual(['anna 1', 'bilal 1', 'anna 2', 'anna 3']);
  });

  it('serves the least busy person first within a lane', async () => {
    const q = new AfterAckQueue({
      interactive: { workers: 1, perPerson: 1 },
      fast: { workers: 2, perPerson: 2 },
      slow: { workers: 1, perPerson: 1 },
    });
    const log: string[] = [];
    const burst = [1, 2, 3, 4].map((n) => held(log, `anna ${n}`));
    for (const b of burst) q.add('fast', 'T:anna', b.work);
    await settle();
    expect(log).toEqual(['anna 1', 'anna 2']);
    const cara = held(log, 'cara');
    q.add('fast', 'T:cara', cara.work);
    burst[0]?.finish();
    await settle();
    // Cara has nothing running, Anna has one: Cara goes before Anna's third.
    expect(log).toEqual(['anna 1', 'anna 2', 'cara']);
    for (const h of [...burst, cara]) h.finish();
    await q.idle();
  });

  it('resolves every idle() waiter, and a failing item does not stop the queue', async () => {
    const q = new AfterAckQueue();
    const log: string[] = [];
    q.add('fast', 'T:a', async () => {
      throw new Error('boom');
    });
    q.add('fast', 'T:a', async () => void log.push('after'));
    const waiters = Promise.all([q.idle(), q.idle()]);
    await expect(waiters).resolves.toBeDefined();
    expect(log).toEqual(['after']);
  });
});

describe('AfterAckQueue while Slack requests keep arriving', () => {
  // Fake clock: the quiet window (10 ms) and the starvation bounds are checked exactly.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** A request every `every` ms for `forMs` ms, as a burst of acks looks to the queue. */
  async function requests(q: AfterAckQueue, every: number, forMs: number) {
    for (let t = 0; t < forMs; t += every) {
      q.arrived();
      await vi.advanceTimersByTimeAsync(every);
    }
  }

  it('starts work only after requests pause', async () => {
    const q = new AfterAckQueue();
    const log: string[] = [];
    q.add('fast', 'T:a', async () => void log.push('work'));
    await requests(q, 5, 100);
    expect(log).toEqual([]);
    await vi.advanceTimersByTimeAsync(11);
    expect(log).toEqual(['work']);
  });

  it('waits while a request is still unanswered, however long since it arrived, but not for ever', async () => {
    const q = new AfterAckQueue();
    const log: string[] = [];
    q.add('fast', 'T:a', async () => void log.push('first'));
    // A request whose ack is still being worked on (a descheduled process sees no arrivals for a while).
    const request = q.request();
    await vi.advanceTimersByTimeAsync(100);
    expect(log).toEqual([]);
    request.answered();
    await vi.advanceTimersByTimeAsync(15);
    expect(log).toEqual(['first']);
    // A request that is never answered holds work back only up to the starvation bound.
    const stuck = q.request();
    q.add('fast', 'T:a', async () => void log.push('second'));
    await vi.advanceTimersByTimeAsync(MAX_DEFER_MS - 20);
    expect(log).toEqual(['first']);
    await vi.advanceTimersByTimeAsync(30);
    expect(log).toEqual(['first', 'second']);
    stuck.answered();
    stuck.answered(); // twice ('close' after an error) counts once
    q.add('fast', 'T:a', async () => void log.push('third'));
    await vi.advanceTimersByTimeAsync(15);
    expect(log).toEqual(['first', 'second', 'third']);
    await q.idle();
  });

  it('does not start the next item when one finishes while requests are arriving', async () => {
    const q = new AfterAckQueue({
      interactive: { workers: 1, perPerson: 1 },
      fast: { workers: 1, perPerson: 1 },
      slow: { workers: 1, perPerson: 1 },
    });
    const log: string[] = [];
    const first = held(log, 'first');
    q.add('fast', 'T:a', first.work);
    q.add('fast', 'T:b', async () => void log.push('second'));
    await vi.advanceTimersByTimeAsync(11);
    expect(log).toEqual(['first']);
    // A burst arrives; the first item finishes in the middle of it.
    q.arrived();
    first.finish();
    await requests(q, 2, 60);
    expect(log).toEqual(['first']);
    await vi.advanceTimersByTimeAsync(11);
    expect(log).toEqual(['first', 'second']);
    await q.idle();
  });

  it('pauses running work at its next database query while requests arrive, at most MAX_PAUSE_MS each time', async () => {
    const q = new AfterAckQueue();
    const log: string[] = [];
    // Each step waits on something outside (a Slack call) and then queries the database, which awaits
    // yieldPoint() first (src/db/client.ts).
    const outside = [new Deferred(), new Deferred()];
    q.add('fast', 'T:a', async () => {
      await yieldPoint();
      log.push('query 1');
      for (const [i, call] of outside.entries()) {
        await call.promise;
        await yieldPoint();
        log.push(`query ${i + 2}`);
      }
    });
    await vi.advanceTimersByTimeAsync(15);
    expect(log).toEqual(['query 1']);
    q.arrived();
    outside[0]?.resolve();
    await requests(q, 2, 60);
    expect(log).toEqual(['query 1']);
    await vi.advanceTimersByTimeAsync(15);
    expect(log).toEqual(['query 1', 'query 2']);
    // Requests without a pause: the work goes on after MAX_PAUSE_MS anyway.
    q.arrived();
    outside[1]?.resolve();
    await requests(q, 2, MAX_PAUSE_MS - 20);
    expect(log).toEqual(['query 1', 'query 2']);
    await requests(q, 2, 40);
    expect(log).toEqual(['query 1', 'query 2', 'query 3']);
    await q.idle();
  });

  it('never starves: with requests arriving without a pause, work still starts and every item is answered', async () => {
    const q = new AfterAckQueue();
    const done: number[] = [];
    const t0 = Date.now();
    for (let n = 0; n < 20; n++)
      q.add(n % 3 ? 'fast' : 'slow', `T:${n % 5}`, async () => void done.push(Date.now() - t0));
    // Three seconds of requests 1 ms apart: never 10 ms of quiet.
    await requests(q, 1, 3000);
    expect(done.length).toBe(20);
    // The first items started at the starvation bound, not at the end of the stream.
    expect(Math.min(...done)).toBeLessThanOrEqual(MAX_DEFER_MS + 1);
    await q.idle();
  });
});
