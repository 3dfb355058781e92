// Comment bursts (issue 25): comments that arrive together are stored in batches (a few statements,
// not a few per comment), yet each is stored once, alerted once, and a failing one costs only
// itself. Runs on SQLite, and on PostgreSQL with `npm run test:pg -- test/e2e/comment-bursts.test.ts`.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { IncomingComment } from '../../src/listening/comments.js';
import { RETRY_JOB } from '../../src/listening/feature.js';
import { SentimentClassifier } from '../../src/listening/sentiment/index.js';
import { createTestApp, type TestApp, textOf } from '../helpers/app.js';

const SECRET = 'test-webhook-secret-0123456789';

let app: TestApp | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await app?.cleanup();
  app = undefined;
});

/** Urgent (a scam accusation, English or Arabic) on even n, calm on odd n; each text names its n. */
function comment(n: number): { platform: string; id: string; text: string } {
  const urgent = n % 4 === 0 ? `You scammed me, refund my order ${n} now!` : `نصابين، رجعوا فلوسي، الطلب رقم ${n}.`;
  return { platform: 'instagram', id: `burst-${n}`, text: n % 2 === 0 ? urgent : `Thanks, lovely packaging ${n}` };
}

const push = (base: string, body: unknown) =>
  fetch(`${base}/webhooks/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${SECRET}` },
    body: JSON.stringify(body),
  });

async function listening() {
  app = await createTestApp({ PORT: '0', WEBHOOK_SECRET: SECRET });
  const port = await app.listen();
  return { app, base: `http://127.0.0.1:${port}` };
}

describe('a burst of comment webhooks', () => {
  it('N webhooks at once, each urgent one also redelivered: N comments, one alert each', async () => {
    const { app, base } = await listening();
    const N = 60;
    const sent = Array.from({ length: N }, (_, n) => comment(n));
    const redelivered = sent.filter((_, n) => n % 2 === 0);
    const answers = await Promise.all([...sent, ...redelivered].map((c) => push(base, c)));
    const bad = answers.filter((r) => r.status !== 202);
    expect(await Promise.all(bad.map(async (r) => `${r.status} ${await r.text()}`))).toEqual([]);
    const bodies = (await Promise.all(answers.map((r) => r.json()))) as Array<{ stored: number; alerted: number }>;
    expect(bodies.reduce((sum, b) => sum + b.stored, 0)).toBe(N);
    expect(bodies.reduce((sum, b) => sum + b.alerted, 0)).toBe(N / 2);

    expect(await app.services.db.comment.count()).toBe(N);
    const alerts = app.recorder.besidesDigests();
    expect(alerts).toHaveLength(N / 2);
    for (const c of redelivered) {
      expect(
        alerts.filter((a) => textOf(a.reply).includes(c.text)),
        c.text,
      ).toHaveLength(1);
    }
    const stored = await app.services.db.comment.findMany({ where: { alertTier: 'urgent' } });
    expect(stored).toHaveLength(N / 2);
    expect(stored.every((c) => c.alertedAt && c.alertMessageId && c.alertChannel === 'alerts')).toBe(true);
  });

  it('comments that arrive together cost one insert and one alert claim, not one each', async () => {
    const { app, base } = await listening();
    const raw = vi.spyOn(app.services.db, '$queryRaw');
    const statements = (start: string) =>
      raw.mock.calls.filter(([sql]) => String((sql as TemplateStringsArray)[0]).startsWith(start)).length;
    const inserts = () => statements('INSERT INTO "Comment"');
    const claims = () => statements('UPDATE "Comment"\n    SET "alertedAt"');
    const creates = vi.spyOn(app.services.db.comment, 'create');
    const batch = Array.from({ length: 40 }, (_, n) => comment(n));
    const r = await push(base, batch);
    expect(r.status).toBe(202);
    expect(await r.json()).toEqual({ stored: 40, duplicates: 0, alerted: 20 });
    expect(inserts()).toBe(1);
    expect(claims()).toBe(1);
    expect(creates).not.toHaveBeenCalled();
    // The same batch again: all duplicates (the insert skips them all, one read finds them); nothing alerted.
    const again = await push(base, batch);
    expect(await again.json()).toEqual({ stored: 0, duplicates: 40, alerted: 0 });
    expect(inserts()).toBe(2);
    expect(claims()).toBe(1);
    expect(creates).not.toHaveBeenCalled();
    expect(app.recorder.besidesDigests()).toHaveLength(20);
  });

  it('a comment that cannot be stored costs only itself; the others of its batch are stored and alerted', async () => {
    app = await createTestApp();
    const services = app.services;
    const ws = await services.comments.consoleWorkspace();
    // A workspace removed while its comment was on the way: the database refuses that row (foreign key).
    const gone = await services.db.workspace.create({ data: { platform: 'slack', externalId: 'T-gone' } });
    await services.db.workspace.delete({ where: { id: gone.id } });
    const incoming = (n: number): IncomingComment => ({ provider: 'instagram', ...comment(n), externalId: `c-${n}` });
    const outcomes = await Promise.allSettled([
      ...Array.from({ length: 10 }, (_, n) => services.comments.ingest(ws, incoming(n))),
      services.comments.ingest(gone, incoming(100)),
      ...Array.from({ length: 10 }, (_, n) => services.comments.ingest(ws, incoming(n + 10))),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual([
      ...Array(10).fill('fulfilled'),
      'rejected',
      ...Array(10).fill('fulfilled'),
    ]);
    expect(await services.db.comment.count()).toBe(20);
    expect(app.recorder.besidesDigests()).toHaveLength(10);
  });

  it('a comment another replica stored first, in a batch of new ones: a duplicate; the others stored and alerted once', async () => {
    app = await createTestApp();
    const services = app.services;
    const ws = await services.comments.consoleWorkspace();
    const incoming = (n: number): IncomingComment => ({ provider: 'instagram', ...comment(n), externalId: `c-${n}` });
    const theirs = await services.db.comment.create({
      data: {
        workspaceId: ws.id,
        provider: 'instagram',
        externalId: 'c-4',
        text: comment(4).text,
        alertedAt: new Date(),
      },
    });
    const results = await Promise.all([0, 2, 4, 6].map((n) => services.comments.ingest(ws, incoming(n))));
    expect(results.map((r) => r.duplicate)).toEqual([false, false, true, false]);
    expect(results[2]?.comment.id).toBe(theirs.id);
    expect(await services.db.comment.count()).toBe(4);
    // Its alert is the other replica's to post: three here.
    expect(app.recorder.besidesDigests()).toHaveLength(3);
  });

  it('an alert that cannot be posted is released for the sweep; the rest of the burst is alerted once', async () => {
    app = await createTestApp();
    const { services, recorder } = app;
    const ws = await services.comments.consoleWorkspace();
    const post = recorder.post.bind(recorder);
    recorder.post = async (w, to, reply) => {
      if (textOf(reply).includes('order 8 ')) throw new Error('Slack is down for this one');
      return post(w, to, reply);
    };
    const results = await Promise.all(
      Array.from({ length: 16 }, (_, n) =>
        services.comments.ingest(ws, { provider: 'instagram', ...comment(n), externalId: `c-${n}` }),
      ),
    );
    expect(results.filter((r) => r.alerted)).toHaveLength(7);
    const failed = results[8];
    expect(failed).toMatchObject({ alerted: false, duplicate: false });
    expect((await services.db.comment.findUniqueOrThrow({ where: { id: failed?.comment.id } })).alertedAt).toBeNull();
    recorder.post = post;
    app.clock.advance(5 * 60_000);
    await app.jobs.runNow(RETRY_JOB);
    await app.jobs.runNow(RETRY_JOB);
    const alerts = recorder.besidesDigests();
    expect(alerts).toHaveLength(8);
    expect(alerts.filter((a) => textOf(a.reply).includes('order 8 '))).toHaveLength(1);
  });
});

describe('the sentiment model loads at start when comments can arrive', () => {
  it('warms the classifier right after listening with WEBHOOK_SECRET, not on the first comment', async () => {
    const warm = vi.spyOn(SentimentClassifier.prototype, 'warm');
    await listening();
    await new Promise((r) => setImmediate(r));
    expect(warm).toHaveBeenCalledTimes(1);
  });

  it('leaves it for the first comment in console mode with no webhook (start-up stays light)', async () => {
    const warm = vi.spyOn(SentimentClassifier.prototype, 'warm');
    app = await createTestApp({ PORT: '0' });
    await app.listen();
    await new Promise((r) => setImmediate(r));
    expect(warm).not.toHaveBeenCalled();
  });
});
