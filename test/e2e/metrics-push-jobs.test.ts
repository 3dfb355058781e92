/**
 * Large metrics pushes (POST /webhooks/metrics over LARGE_PUSH_ROWS rows) are answered at once with a
 * job and stored in the background, without holding up the bot; a busy SQLite database gets 503
 * with Retry-After (docs/reports.md, "Large pushes").
 */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { usePostgres } from '../helpers/pg.js';

const SECRET = 'a-long-webhook-secret-123';
const AUTH = { authorization: `Bearer ${SECRET}` };

let app: TestApp | undefined;
let base: string;
afterEach(async () => {
  await app?.cleanup();
  app = undefined;
});

async function start() {
  app = await createTestApp({ PORT: '0', WEBHOOK_SECRET: SECRET });
  base = `http://127.0.0.1:${await app.listen()}`;
  return app;
}

/** `n` rows: 33 campaigns a day from 2025-01-01, as a year of daily exports looks. */
function rows(n: number, extra: Record<string, unknown> = {}) {
  return Array.from({ length: n }, (_, i) => ({
    date: new Date(Date.UTC(2025, 0, 1) + Math.floor(i / 33) * 86_400_000).toISOString().slice(0, 10),
    channel: 'facebook',
    campaign: `Campaign ${i % 33}`,
    spend: 12.5,
    clicks: 40,
    impressions: 1000,
    ...extra,
  }));
}

const push = (body: unknown) =>
  fetch(`${base}/webhooks/metrics`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...AUTH },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

const jobState = async (id: string, headers: Record<string, string> = AUTH) =>
  fetch(`${base}/webhooks/metrics/jobs/${id}`, { headers });

async function until<T>(check: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const finished = (id: string, timeoutMs = 90_000) =>
  until(async () => {
    const state = (await (await jobState(id)).json()) as Record<string, unknown>;
    return state.status === 'done' || state.status === 'failed' ? state : undefined;
  }, timeoutMs);

describe('large metrics pushes', () => {
  it('answers a 12,000-row push at once with a job, keeps the bot responsive while storing it, and reports at the job URL', async () => {
    const a = await start();
    const body = JSON.stringify(rows(12_000));
    // Over the 1 MiB every other webhook accepts.
    expect(body.length).toBeGreaterThan(1024 * 1024);
    const res = await push(body);
    expect(res.status).toBe(202);
    const accepted = (await res.json()) as { job: string };
    expect(accepted).toEqual({ job: expect.stringMatching(/^[0-9a-f-]{36}$/), status: 'queued', rows: 12_000 });
    expect(res.headers.get('location')).toBe(`/webhooks/metrics/jobs/${accepted.job}`);

    // While it stores: a comment push is answered, and the loop never stalls for long.
    const sent = performance.now();
    const comment = await fetch(`${base}/webhooks/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...AUTH },
      body: JSON.stringify({ platform: 'facebook', id: 'c-1', text: 'Love it', author: 'Sam' }),
    });
    expect(comment.status).toBe(202);
    expect(performance.now() - sent).toBeLessThan(1000);
    let slowest = 0;
    let state: Record<string, unknown> | undefined;
    while (state?.status !== 'done' && state?.status !== 'failed') {
      const asked = performance.now();
      state = (await (await jobState(accepted.job)).json()) as Record<string, unknown>;
      slowest = Math.max(slowest, performance.now() - asked);
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(slowest).toBeLessThan(1000);

    expect(state).toMatchObject({
      job: accepted.job,
      status: 'done',
      rows: 12_000,
      stored: 12_000,
      inserted: 12_000,
      replaced: 0,
      from: '2025-01-01',
      to: '2025-12-30',
      channels: ['facebook'],
    });
    expect(await a.services.db.metricDaily.count()).toBe(12_000);
    expect(await a.services.db.comment.count()).toBe(1);
  }, 120_000);

  it('checks a large push before answering: 400 with every problem, nothing stored, no job', async () => {
    const a = await start();
    const body: Array<Record<string, unknown>> = rows(1500);
    body[10] = { ...body[10], clicks: 'ten' };
    body[1400] = { ...body[1400], date: '2025-13-01' };
    const res = await push(body);
    expect(res.status).toBe(400);
    const answer = (await res.json()) as { error: string; errors: Array<{ item: number; message: string }> };
    expect(answer.error).toBe('nothing stored');
    expect(answer.errors.map((e) => e.item)).toEqual([11, 1401]);
    expect(await a.services.db.metricDaily.count()).toBe(0);
  });

  it('keeps a small push synchronous, and stores it after a large push to the same workspace still running', async () => {
    const a = await start();
    const large = await push(rows(1500));
    const { job } = (await large.json()) as { job: string };
    // The same day, channel and campaign as the large push's first row, newer figures.
    const small = await push([{ date: '2025-01-01', channel: 'facebook', campaign: 'Campaign 0', spend: 99 }]);
    expect(small.status).toBe(202);
    expect(await small.json()).toEqual({ stored: 1, inserted: 0, replaced: 1 });
    expect(await finished(job)).toMatchObject({ status: 'done', stored: 1500 });
    const row = await a.services.db.metricDaily.findFirstOrThrow({
      where: { date: '2025-01-01', channel: 'facebook', campaign: 'Campaign 0' },
    });
    expect(row.spendMinor).toBe(9900);
  });

  it('answers the job URL only with the bearer secret, and 404 for a job it does not know', async () => {
    await start();
    const { job } = (await (await push(rows(1001))).json()) as { job: string };
    expect((await jobState(job, {})).status).toBe(401);
    expect((await jobState(job, { authorization: 'Bearer wrong-secret-of-some-length' })).status).toBe(401);
    expect((await jobState('00000000-0000-0000-0000-000000000000')).status).toBe(404);
    expect((await fetch(`${base}/webhooks/metrics/jobs/${job}/more`, { headers: AUTH })).status).toBe(404);
    expect(await finished(job)).toMatchObject({ status: 'done', rows: 1001 });
  });
});

// While another process holds the lock, each of the bot's own writes (the dispatcher's tick) can stall
// the process for SQLite's busy timeout (5 s): hence the long timeouts.
describe.skipIf(usePostgres)('a busy SQLite database (another process writing)', { timeout: 60_000 }, () => {
  /** Another connection holds the write lock, as `mktbot import-metrics` does while it imports. */
  function holdWriteLock(a: TestApp) {
    const holder = new Database(a.db.location);
    holder.prepare('BEGIN IMMEDIATE').run();
    holder.prepare("UPDATE Workspace SET name = name || ''").run();
    return () => {
      holder.prepare('ROLLBACK').run();
      holder.close();
    };
  }

  it('answers a small push 503 with Retry-After and stores nothing, then 202 once the lock is free', async () => {
    const a = await start();
    expect((await push(rows(1))).status).toBe(202);
    const release = holdWriteLock(a);
    let res: Response;
    try {
      res = await push(rows(3));
    } finally {
      release();
    }
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(((await res.json()) as { error: string }).error).toMatch(/database is busy.*nothing stored/);
    expect(await a.services.db.metricDaily.count()).toBe(1);
    const again = await push(rows(3));
    expect(again.status).toBe(202);
    expect(await again.json()).toEqual({ stored: 3, inserted: 2, replaced: 1 });
  });

  it('lets a large push wait out the busy database and finish', async () => {
    const a = await start();
    expect((await push(rows(1))).status).toBe(202);
    const release = holdWriteLock(a);
    let job: string;
    try {
      const res = await push(rows(1200));
      expect(res.status).toBe(202);
      job = ((await res.json()) as { job: string }).job;
      await new Promise((r) => setTimeout(r, 1500));
      expect(await (await jobState(job)).json()).toMatchObject({ status: 'running', stored: 0 });
    } finally {
      release();
    }
    expect(await finished(job, 30_000)).toMatchObject({ status: 'done', stored: 1200, inserted: 1199, replaced: 1 });
    expect(a.recorder.besidesDigests()).toHaveLength(0);
  });
});
