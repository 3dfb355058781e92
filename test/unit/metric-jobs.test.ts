import type { Workspace } from '@prisma/client';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { type JobView, MetricsPushJobs } from '../../src/reporting/metric-jobs.js';
import type { MetricRow } from '../../src/reporting/metrics.js';
import { RecordingNotifier } from '../helpers/app.js';

const log = createLogger('silent');
const workspace = (locale = 'en') => ({ id: 7, locale, platform: 'slack', externalId: 'T1' }) as Workspace;
const rows = (n: number) =>
  Array.from(
    { length: n },
    (_, i) =>
      ({ date: `2026-01-${String((i % 28) + 1).padStart(2, '0')}`, channel: 'x', campaign: `c${i}` }) as MetricRow,
  );
/** SQLite's refusal as Prisma reports it (P1008 with the driver's SQLITE_BUSY). */
const busy = () =>
  Object.assign(new Error('Operation has timed out'), {
    code: 'P1008',
    meta: { driverAdapterError: { cause: { originalCode: 'SQLITE_BUSY', originalMessage: 'database is locked' } } },
  });

async function settle(jobs: MetricsPushJobs, id: string): Promise<JobView> {
  for (;;) {
    const v = jobs.get(id) as JobView;
    if (v.status === 'done' || v.status === 'failed') return v;
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('MetricsPushJobs', () => {
  it('stores slice by slice and counts what was inserted and replaced', async () => {
    const sizes: number[] = [];
    const jobs = new MetricsPushJobs({
      metrics: {
        store: async (_ws, part) => {
          sizes.push(part.length);
          return { inserted: part.length - 1, replaced: 1 };
        },
      },
      notifier: new RecordingNotifier(),
      log,
      sliceRows: 10,
    });
    const accepted = jobs.submit(workspace(), rows(25)) as JobView;
    expect(accepted).toMatchObject({ status: 'queued', rows: 25, stored: 0 });
    const done = await settle(jobs, accepted.job);
    expect(sizes).toEqual([10, 10, 5]);
    expect(done).toMatchObject({ status: 'done', stored: 25, inserted: 22, replaced: 3, channels: ['x'] });
  });

  it('tries a slice again while the database is busy, then fails, keeps the count and tells the team', async () => {
    let calls = 0;
    const notifier = new RecordingNotifier();
    const jobs = new MetricsPushJobs({
      metrics: {
        store: async (_ws, part) => {
          calls++;
          if (calls > 2) throw busy();
          return { inserted: part.length, replaced: 0 };
        },
      },
      notifier,
      log,
      sliceRows: 10,
      retryDelaysMs: [1, 1, 1],
    });
    const failed = await settle(jobs, (jobs.submit(workspace('ar'), rows(35)) as JobView).job);
    // Two slices stored, the third tried four times.
    expect(calls).toBe(6);
    expect(failed).toMatchObject({ status: 'failed', rows: 35, stored: 20 });
    expect(failed.error).toContain('stopped after 20 were stored: the database stayed busy');
    expect(failed.error).toContain('Send the same push again');
    expect(notifier.notices).toHaveLength(1);
    const [notice] = notifier.notices;
    expect(notice?.to).toBe('team');
    expect(notice?.reply.tone).toBe('error');
    expect(JSON.stringify(notice?.reply)).toContain('بقيت قاعدة البيانات مشغولة');
  });

  it('fails at once on any other error, and runs the next job', async () => {
    const notifier = new RecordingNotifier();
    let first = true;
    const jobs = new MetricsPushJobs({
      metrics: {
        store: async (_ws, part) => {
          if (first) {
            first = false;
            throw new Error('disk full');
          }
          return { inserted: part.length, replaced: 0 };
        },
      },
      notifier,
      log,
    });
    const a = jobs.submit(workspace(), rows(5)) as JobView;
    const b = jobs.submit(workspace(), rows(5)) as JobView;
    expect((await settle(jobs, a.job)).error).toContain('an internal error');
    expect(await settle(jobs, b.job)).toMatchObject({ status: 'done', stored: 5 });
    expect(notifier.notices).toHaveLength(1);
  });

  it('refuses jobs beyond the waiting limit and after stop, and stops between slices', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const jobs = new MetricsPushJobs({
      metrics: {
        store: async (_ws, part) => {
          await gate;
          return { inserted: part.length, replaced: 0 };
        },
      },
      notifier: new RecordingNotifier(),
      log,
      sliceRows: 2,
    });
    const running = jobs.submit(workspace(), rows(6)) as JobView;
    await new Promise((r) => setTimeout(r, 20));
    const waiting = Array.from({ length: 5 }, () => jobs.submit(workspace(), rows(2)));
    expect(waiting.every((w) => w?.status === 'queued')).toBe(true);
    expect(jobs.submit(workspace(), rows(2))).toBeUndefined();
    const stopped = jobs.stop();
    release();
    await stopped;
    expect(jobs.get(running.job)).toMatchObject({ status: 'failed', stored: 2 });
    expect(jobs.get(running.job)?.error).toContain('the bot stopped before it finished');
    for (const w of waiting) expect(jobs.get(w?.job ?? '')?.status).toBe('failed');
    expect(jobs.submit(workspace(), rows(2))).toBeUndefined();
  });
});
