/**
 * SIGTERM during a backlog (issue 24): the real bot (`mktbot start`, its production shutdown path)
 * works through 3,000 due posts to a fake Graph API; the signal must stop its claiming at once, let
 * the requests already sent finish, put the unsent claims back, and end the process within seconds.
 * Before, the dispatcher tick in progress went on claiming until the backlog was empty. The same
 * run with three PostgreSQL replicas is in test/e2e/replicas-pg.test.ts; the full counts, in
 * bench/dispatch-faults.mjs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { termRun } from '../fixtures/fault-run.mjs';
import { testDatabase } from '../helpers/app.js';
import { usePostgres } from '../helpers/pg.js';

describe(`SIGTERM with a 3,000-post backlog (${usePostgres ? 'PostgreSQL' : 'SQLite'})`, () => {
  it('stops claiming at once, finishes what was sent, gives back the rest and exits within seconds', {
    timeout: 90_000,
  }, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mktbot-term-'));
    const database = await testDatabase(dir);
    try {
      const r = await termRun({ url: database.url, posts: 3000, replicas: 1, delayMs: 20, signalAfter: 100 });
      console.log(
        `SIGTERM run: exit ${r.exitCode} after ${r.exitMs} ms; held at the signal ${r.heldAtSignal}, given back ${r.heldBack}; claimed after it ${r.claimedAfterSignal}; requests after it ${r.requestsAfterSignal}; published ${r.published}, pending ${r.pending}, unknown ${r.unknown}, duplicates ${r.duplicates}`,
      );
      expect(r.errors).toEqual([]);
      expect(r.exitCode).toBe(0);
      expect(r.exitMs).toBeLessThan(3000);
      // No claim starts after the signal; one whose statement was already running completes (seen in
      // CI on SQLite: 4), and its posts are given back unsent (pendingAttempts 0 below).
      expect(r.claimedAfterSignal).toBeLessThanOrEqual(8);
      // Only the sends already in flight (at most `concurrency`, 8) may still reach the network.
      expect(r.requestsAfterSignal).toBeLessThanOrEqual(8);
      expect(r.leftHeld).toBe(0);
      expect(r.publishing).toBe(0);
      expect(r.unknown).toBe(0);
      expect(r.duplicates).toBe(0);
      expect(r.publishedNotSent).toBe(0);
      expect(r.sentButPending).toBe(0);
      expect(r.published + r.pending).toBe(3000);
      expect(r.pending).toBeGreaterThan(1500);
      // Claims given back do not count as attempts.
      expect(r.pendingAttempts).toBe(0);
    } finally {
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
