import { describe, expect, it } from 'vitest';
import { AfterAckQueue } from '../../src/adapters/slack/after-ack-queue.js';

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

const settle = () => new Promise((r) => setTimeout(r, 60));

describe('AfterAckQueue', () => {
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
