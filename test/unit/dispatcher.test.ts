import type { ScheduledPost } from '@prisma/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PublishError, type Publisher } from '../../integrations/publisher.js';
import { actionsOf } from '../../src/core/reply.js';
import { openDatabase } from '../../src/db/client.js';
import { createLogger } from '../../src/log.js';
import { Dispatcher, type PublisherFactory } from '../../src/publishing/dispatcher.js';
import { createTestApp, identity, type TestApp, textOf } from '../helpers/app.js';

const log = createLogger('silent');

/** A publisher scripted per call: each step may answer, throw, or never return. */
function scripted(steps: Array<(post: ScheduledPost) => Promise<{ externalId: string; url?: string }>>) {
  const calls: number[] = [];
  const factory: PublisherFactory = async (post) => {
    const publisher: Publisher = {
      publish: async () => {
        calls.push(post.id);
        const step = steps[Math.min(calls.length - 1, steps.length - 1)];
        if (!step) throw new Error('no step');
        return step(post);
      },
    };
    return { publisher };
  };
  return { calls, factory };
}

const ok = async (post: ScheduledPost) => ({ externalId: `ext-${post.id}`, url: `https://example.com/p/${post.id}` });

/** Resolves when `cond` holds, polling every few milliseconds. */
async function until(cond: () => boolean | Promise<boolean>, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** A gate a test opens by hand. */
function gate() {
  let open: () => void = () => {};
  const opened = new Promise<void>((r) => {
    open = r;
  });
  return { opened, open };
}

describe('Dispatcher', () => {
  let app: TestApp;
  let workspaceId: number;

  beforeEach(async () => {
    app = await createTestApp();
    app.clock.set('2026-11-26T09:00:00Z');
    await app.say('/config');
    workspaceId = (await app.services.db.workspace.findFirstOrThrow()).id;
  });
  afterEach(async () => {
    await app.cleanup();
  });

  const dispatcher = (factory: PublisherFactory, over: Partial<ConstructorParameters<typeof Dispatcher>[0]> = {}) =>
    new Dispatcher({
      db: app.services.db,
      clock: app.clock,
      notifier: app.recorder,
      integrations: app.services.integrations,
      log,
      publishers: factory,
      sleep: async () => {},
      ...over,
    });

  async function post(at: string, over: Partial<ScheduledPost> = {}): Promise<ScheduledPost> {
    return app.services.db.scheduledPost.create({
      data: {
        workspaceId,
        channel: 'facebook',
        content: `hello ${Math.random()}`,
        publishAt: new Date(at),
        idempotencyKey: `k-${Math.random()}`,
        ...(over.status ? { status: over.status } : {}),
        ...(over.channel ? { channel: over.channel } : {}),
      },
    });
  }

  const statusOf = async (id: number) =>
    (await app.services.db.scheduledPost.findUniqueOrThrow({ where: { id } })).status;

  it('publishes a due post once and confirms it with the link in the team channel', async () => {
    const p = await post('2026-11-26T09:10:00Z');
    const { calls, factory } = scripted([ok]);
    const d = dispatcher(factory);
    await d.tick();
    expect(calls).toEqual([]); // not due yet
    app.clock.set('2026-11-26T09:10:00Z');
    await d.tick();
    await d.tick();
    expect(calls).toEqual([p.id]);
    const row = await app.services.db.scheduledPost.findUniqueOrThrow({ where: { id: p.id } });
    expect(row).toMatchObject({ status: 'published', externalId: `ext-${p.id}`, url: `https://example.com/p/${p.id}` });
    expect(app.recorder.notices).toHaveLength(1);
    expect(app.recorder.notices[0]?.to).toBe('team');
    expect(textOf(app.recorder.notices[0]?.reply ?? { blocks: [] })).toContain(`https://example.com/p/${p.id}`);
  });

  it('two dispatchers on one SQLite database publish each post exactly once', async () => {
    const posts = await Promise.all(Array.from({ length: 40 }, () => post('2026-11-26T08:59:00Z')));
    const second = await openDatabase(app.services.config.DATABASE_URL, { migrate: false });
    try {
      const { calls, factory } = scripted([
        async (p) => {
          await new Promise((r) => setTimeout(r, Math.random() * 5));
          return ok(p);
        },
      ]);
      // Several dispatchers per connection, small batches: their claims interleave at every await.
      const ds = ['A', 'B', 'C', 'D'].map((owner, i) =>
        dispatcher(factory, { owner, batch: 3, ...(i % 2 ? { db: second.prisma } : {}) }),
      );
      await Promise.all(ds.map((d) => d.tick()));
      expect([...calls].sort((x, y) => x - y)).toEqual(posts.map((p) => p.id).sort((x, y) => x - y));
      const published = await app.services.db.scheduledPost.count({ where: { status: 'published' } });
      expect(published).toBe(40);
    } finally {
      await second.close();
    }
  });

  it('a claim re-checks each row: ids listed by two processes go to the first claimer only', async () => {
    // Created concurrently: on PostgreSQL the ids need not follow the array order.
    const posts = (await Promise.all(Array.from({ length: 5 }, () => post('2026-11-26T08:59:00Z')))).sort(
      (x, y) => x.id - y.id,
    );
    const a = dispatcher(scripted([ok]).factory, { owner: 'A' });
    const b = dispatcher(scripted([ok]).factory, { owner: 'B' });
    // Both list the same due posts before either claims: the worst interleaving.
    const [seenByA, seenByB] = await Promise.all([a.candidates(), b.candidates()]);
    expect(seenByB).toEqual(seenByA);
    const wonByA = await a.claimIds(seenByA.slice(0, 3));
    const wonByB = await b.claimIds(seenByB);
    expect(wonByA.map((p) => p.id)).toEqual(posts.slice(0, 3).map((p) => p.id));
    expect(wonByB.map((p) => p.id)).toEqual(posts.slice(3).map((p) => p.id));
    expect(wonByA.every((p) => p.leaseOwner?.startsWith('A:'))).toBe(true);
  });

  it('a process that dies after the irreversible call leaves the post unknown, never re-sent', async () => {
    const p = await post('2026-11-26T08:59:00Z');
    const sent: number[] = [];
    // The first process sends, then dies before it can record anything.
    const dying: PublisherFactory = async (row) => ({
      publisher: {
        publish: () => {
          sent.push(row.id);
          return new Promise(() => {});
        },
      },
    });
    void dispatcher(dying, { owner: 'dead', leaseMs: 60_000 }).tick();
    await new Promise((r) => setTimeout(r, 50));
    expect(sent).toEqual([p.id]);
    expect(await statusOf(p.id)).toBe('publishing');

    const { calls, factory } = scripted([ok]);
    const survivor = dispatcher(factory, { owner: 'alive' });
    await survivor.tick();
    expect(calls).toEqual([]); // lease still valid: hands off
    app.clock.advance(61_000);
    const report = await survivor.tick();
    expect(report.unknown).toBe(1);
    expect(await statusOf(p.id)).toBe('unknown');
    app.clock.advance(3_600_000);
    await survivor.tick();
    expect(calls).toEqual([]);
    expect(sent).toEqual([p.id]);

    const notice = app.recorder.notices.find((n) => /outcome unknown/.test(n.reply.title ?? ''));
    expect(notice).toBeDefined();
    const buttons = actionsOf(notice?.reply ?? { blocks: [] });
    expect(buttons.map((b) => b.payload)).toEqual([`${p.id}:published`, `${p.id}:retry`]);
    // Another workspace cannot settle it.
    const stranger = await app.router.press('schedule.resolve', `${p.id}:retry`, identity({ workspace: 'T2' }));
    expect(stranger.tone).toBe('error');
    expect(await statusOf(p.id)).toBe('unknown');
    // A person checked the page: it was not posted, so it goes out again, once.
    const r = await app.router.press('schedule.resolve', `${p.id}:retry`, identity());
    expect(r.tone).toBe('success');
    await survivor.tick();
    expect(calls).toEqual([p.id]);
    expect(await statusOf(p.id)).toBe('published');
  });

  it('an unknown outcome reported by the publisher is announced once and never retried', async () => {
    const p = await post('2026-11-26T08:59:00Z');
    const { calls, factory } = scripted([
      async () => {
        throw PublishError.unknown('POST graph timed out after the request was sent');
      },
    ]);
    const d = dispatcher(factory);
    await d.tick();
    app.clock.advance(3_600_000);
    await d.tick();
    expect(calls).toEqual([p.id]);
    expect(await statusOf(p.id)).toBe('unknown');
    expect(app.recorder.notices.filter((n) => /outcome unknown/.test(n.reply.title ?? ''))).toHaveLength(1);
  });

  it('honours Retry-After on a known failure, then publishes', async () => {
    const p = await post('2026-11-26T08:59:00Z');
    const { calls, factory } = scripted([
      async () => {
        throw PublishError.retry('429 Too Many Requests', 120_000);
      },
      ok,
    ]);
    const d = dispatcher(factory);
    await d.tick();
    const row = await app.services.db.scheduledPost.findUniqueOrThrow({ where: { id: p.id } });
    expect(row.status).toBe('pending');
    expect(row.nextAttemptAt?.toISOString()).toBe('2026-11-26T09:02:00.000Z');
    app.clock.advance(60_000);
    await d.tick();
    expect(calls).toHaveLength(1);
    app.clock.advance(61_000);
    await d.tick();
    expect(calls).toHaveLength(2);
    expect(await statusOf(p.id)).toBe('published');
  });

  it('gives up after the last attempt and says why', async () => {
    const p = await post('2026-11-26T08:59:00Z');
    const { calls, factory } = scripted([
      async () => {
        throw PublishError.retry('503 Service Unavailable');
      },
    ]);
    const d = dispatcher(factory);
    for (let i = 0; i < 8; i++) {
      await d.tick();
      app.clock.advance(3_600_000);
    }
    expect(calls).toHaveLength(5);
    expect(await statusOf(p.id)).toBe('failed');
    const failed = app.recorder.notices.find((n) => /failed/.test(n.reply.title ?? ''));
    expect(textOf(failed?.reply ?? { blocks: [] })).toContain('503 Service Unavailable');
  });

  it("a network's posting limit waits for it to renew without using up the post's attempts, for three days", async () => {
    const capped = async () => {
      throw PublishError.retry('spam_risk_too_many_posts', 3_600_000).because(
        'postingLimit',
        { provider: 'tiktok' },
        'The daily post cap from the API is reached for the current user.',
      );
    };
    const p = await post('2026-11-26T08:59:00Z');
    // TikTok's cap frees within a day: refused hourly for 20 hours, then published (it used to fail
    // after the fifth hour).
    const { calls, factory } = scripted([...Array.from({ length: 20 }, () => capped), ok]);
    const d = dispatcher(factory);
    for (let i = 0; i < 21; i++) {
      await d.tick();
      app.clock.advance(3_600_000);
    }
    expect(calls).toHaveLength(21);
    expect(await statusOf(p.id)).toBe('published');

    // Past three days after its time, limit refusals count like any other: five more, then failed.
    const late = await post('2026-11-23T08:00:00Z');
    const refused = scripted([capped]);
    const d2 = dispatcher(refused.factory);
    for (let i = 0; i < 8; i++) {
      await d2.tick();
      app.clock.advance(3_600_000);
    }
    expect(refused.calls).toHaveLength(5);
    expect(await statusOf(late.id)).toBe('failed');
  });

  it('a limit that lasts is asked about every quarter of an hour, not at every short Retry-After', async () => {
    const { factory } = scripted([
      async () => {
        throw PublishError.retry('429 Too Many Requests', 1_000).because('postingLimit', { provider: 'x' });
      },
    ]);
    const d = dispatcher(factory);
    const fresh = await post('2026-11-26T08:59:40Z');
    const lasting = await post('2026-11-26T07:00:00Z');
    await d.tick();
    const next = async (id: number) =>
      (await app.services.db.scheduledPost.findUniqueOrThrow({ where: { id } })).nextAttemptAt?.toISOString();
    // Just due: the network's own short wait (the 30 s backoff floor). Two hours late: 15 minutes,
    // not a request every 30 s for three days.
    expect(await next(fresh.id)).toBe('2026-11-26T09:00:30.000Z');
    expect(await next(lasting.id)).toBe('2026-11-26T09:15:00.000Z');
  });

  it('announces an overdue post once', async () => {
    const p = await post('2026-11-26T09:00:00Z', { status: 'awaiting_approval' });
    const { factory } = scripted([ok]);
    const d = dispatcher(factory);
    app.clock.set('2026-11-26T09:04:00Z');
    await d.tick();
    expect(app.recorder.notices).toHaveLength(0);
    app.clock.set('2026-11-26T09:06:00Z');
    await d.tick();
    await d.tick();
    const overdue = app.recorder.notices.filter((n) => /overdue/.test(n.reply.title ?? ''));
    expect(overdue).toHaveLength(1);
    expect(textOf(overdue[0]?.reply ?? { blocks: [] })).toMatch(new RegExp(`#${p.id}[\\s\\S]*waiting for a manager`));
    // The due time as the reader writes dates, not ISO.
    expect(textOf(overdue[0]?.reply ?? { blocks: [] })).toMatch(
      /due at Thu,? 26 Nov 2026, 09:00 .*\(26 Nov 2026, 09:00 UTC\)/,
    );
  });

  it('a tick with nothing to do runs plain statements only: no Prisma query to compile every second', async () => {
    await post('2026-11-26T10:00:00Z');
    await post('2026-11-26T08:58:00Z', { status: 'awaiting_approval' }); // waiting, not yet overdue
    const { calls, factory } = scripted([ok]);
    const d = dispatcher(factory);
    const db = app.services.db;
    const models = [
      vi.spyOn(db.scheduledPost, 'findMany'),
      vi.spyOn(db.scheduledPost, 'findFirst'),
      vi.spyOn(db.workspace, 'findMany'),
    ];
    await d.tick();
    for (const spy of models) expect(spy).not.toHaveBeenCalled();
    expect(calls).toEqual([]);
    // The same tick still finds the work once there is some: an expired lease and an overdue post.
    app.clock.set('2026-11-26T09:04:00Z');
    const held = await post('2026-11-26T08:00:00Z');
    await db.scheduledPost.update({
      where: { id: held.id },
      data: { status: 'publishing', leaseOwner: 'gone:1', leaseExpiresAt: new Date('2026-11-26T09:03:59Z') },
    });
    await d.tick();
    expect(await statusOf(held.id)).toBe('published');
    expect(app.recorder.notices.filter((n) => /overdue/.test(n.reply.title ?? ''))).toHaveLength(1);
  });

  it('a cancel that loses the race to the dispatcher is refused, one that wins stops the post', async () => {
    const a = await post('2026-11-26T08:59:00Z');
    const b = await post('2026-11-26T08:59:00Z');
    const d = dispatcher(scripted([ok]).factory);
    expect((await app.say(`/schedule cancel ${b.id}`)).tone).toBe('success');
    const claimed = await d.claim();
    expect(claimed.map((c) => c.id)).toEqual([a.id]);
    const late = await app.say(`/schedule cancel ${a.id}`);
    expect(textOf(late)).toMatch(/can no longer be changed: it is publishing/);
    expect(await statusOf(b.id)).toBe('cancelled');
  });
  describe('leases: claim what is sent, keep it alive, re-queue what never left (issue 24)', () => {
    const held = () =>
      app.services.db.scheduledPost.findMany({ where: { status: 'publishing' }, orderBy: { id: 'asc' } });

    it('claims only as many posts as it sends at once, with a short lease', async () => {
      await Promise.all(Array.from({ length: 30 }, () => post('2026-11-26T08:59:00Z')));
      const started: number[] = [];
      // Every send hangs: the process is busy with 4 and must hold no more than those.
      const hanging: PublisherFactory = async (row) => ({
        publisher: {
          publish: () => {
            started.push(row.id);
            return new Promise(() => {});
          },
        },
      });
      void dispatcher(hanging, { owner: 'busy', concurrency: 4 }).tick();
      await until(() => started.length === 4);
      await new Promise((r) => setTimeout(r, 50));
      const rows = await held();
      expect(rows).toHaveLength(4);
      expect(started).toHaveLength(4);
      // Leases are a minute, not twenty.
      for (const r of rows) expect(r.leaseExpiresAt?.getTime()).toBe(Date.parse('2026-11-26T09:01:00Z'));
      expect(await app.services.db.scheduledPost.count({ where: { status: 'pending', attempts: 0 } })).toBe(26);
    });

    it('a process that dies before sending leaves its post to be re-queued and published once by another', async () => {
      const p = await post('2026-11-26T08:59:00Z');
      // Dies while still downloading the media, before its irreversible call.
      const dying: PublisherFactory = async () => ({
        publisher: { marksSending: true, publish: () => new Promise(() => {}) },
      });
      void dispatcher(dying, { owner: 'dead' }).tick();
      await until(async () => (await statusOf(p.id)) === 'publishing');
      const row = await app.services.db.scheduledPost.findUniqueOrThrow({ where: { id: p.id } });
      expect(row.sentAt).toBeNull();

      const { calls, factory } = scripted([ok]);
      const survivor = dispatcher(factory, { owner: 'alive' });
      expect((await survivor.tick()).requeued).toBe(0); // lease still valid: hands off
      app.clock.advance(61_000);
      const report = await survivor.tick();
      expect(report).toMatchObject({ requeued: 1, unknown: 0, published: 1 });
      expect(calls).toEqual([p.id]);
      expect(await statusOf(p.id)).toBe('published');
      expect(app.recorder.notices.filter((n) => /outcome unknown/.test(n.reply.title ?? ''))).toHaveLength(0);
    });

    it('a process that dies after marking the send leaves the post unknown; its other claims go back', async () => {
      const posts = await Promise.all(Array.from({ length: 6 }, () => post('2026-11-26T08:59:00Z')));
      const marked: number[] = [];
      // Two sends get past the mark and hang there; the others die before it.
      const dying: PublisherFactory = async (row) => ({
        publisher: {
          marksSending: true,
          publish: async (_p, io) => {
            if (marked.length < 2) {
              marked.push(row.id);
              await io.sending();
            }
            return new Promise(() => {});
          },
        },
      });
      void dispatcher(dying, { owner: 'dead', concurrency: 6 }).tick();
      await until(async () => (await held()).filter((r) => r.sentAt).length === 2);
      const { calls, factory } = scripted([ok]);
      app.clock.advance(61_000);
      const report = await dispatcher(factory, { owner: 'alive' }).tick();
      expect(report).toMatchObject({ unknown: 2, requeued: 4, published: 4 });
      expect([...calls].sort()).toEqual(
        posts
          .map((p) => p.id)
          .filter((id) => !marked.includes(id))
          .sort(),
      );
      for (const id of marked) expect(await statusOf(id)).toBe('unknown');
    });

    it('the heartbeat keeps a long send (a YouTube upload) from being taken over', async () => {
      const p = await post('2026-11-26T08:59:00Z');
      const upload = gate();
      const slow: PublisherFactory = async (row) => ({
        publisher: {
          publish: async () => {
            await upload.opened;
            return ok(row);
          },
        },
      });
      const owner = dispatcher(slow, { owner: 'uploader', heartbeatMs: 5 });
      const ticking = owner.tick();
      const { calls, factory } = scripted([ok]);
      const other = dispatcher(factory, { owner: 'other' });
      // Five minutes of upload, five times the lease: the owner is alive and says so.
      for (let i = 0; i < 10; i++) {
        app.clock.advance(30_000);
        const renewed = app.clock.now().getTime() + 60_000;
        await until(async () => (await held())[0]?.leaseExpiresAt?.getTime() === renewed);
        expect(await other.tick()).toMatchObject({ unknown: 0, requeued: 0, claimed: 0 });
      }
      upload.open();
      expect(await ticking).toMatchObject({ published: 1 });
      expect(calls).toEqual([]);
      expect(await statusOf(p.id)).toBe('published');
    });

    it('an unknown failure before the mark is retried: nothing left', async () => {
      const p = await post('2026-11-26T08:59:00Z');
      const failing: PublisherFactory = async () => ({
        publisher: {
          marksSending: true,
          publish: async () => {
            throw PublishError.unknown('POST /media timed out (creating the container)');
          },
        },
      });
      expect(await dispatcher(failing).tick()).toMatchObject({ retried: 1, unknown: 0 });
      const row = await app.services.db.scheduledPost.findUniqueOrThrow({ where: { id: p.id } });
      expect(row).toMatchObject({ status: 'pending', sentAt: null });
      expect(row.nextAttemptAt).not.toBeNull();
    });

    it('a post that takes down every process before it is sent fails after the last attempt', async () => {
      const p = await post('2026-11-26T08:59:00Z');
      await app.services.db.scheduledPost.update({
        where: { id: p.id },
        data: {
          status: 'publishing',
          attempts: 5,
          leaseOwner: 'gone',
          leaseExpiresAt: new Date('2026-11-26T08:59:30Z'),
        },
      });
      const { calls, factory } = scripted([ok]);
      expect(await dispatcher(factory).tick()).toMatchObject({ failed: 1, requeued: 0 });
      expect(calls).toEqual([]);
      expect(await statusOf(p.id)).toBe('failed');
      expect(textOf(app.recorder.notices.at(-1)?.reply ?? { blocks: [] })).toMatch(
        /stopped before it sent this post, on its last attempt \(5 of 5\)/,
      );
    });
  });

  describe('stop (issue 24): no new claims, in-flight sends finish, unsent claims go back', () => {
    it('stops claiming at once and lets the sends in flight finish', async () => {
      await Promise.all(Array.from({ length: 30 }, () => post('2026-11-26T08:59:00Z')));
      const sends = gate();
      const started: number[] = [];
      const slow: PublisherFactory = async (row) => ({
        publisher: {
          publish: async () => {
            started.push(row.id);
            await sends.opened;
            return ok(row);
          },
        },
      });
      const d = dispatcher(slow, { concurrency: 4 });
      const ticking = d.tick();
      await until(() => started.length === 4);
      const stopping = d.stop();
      sends.open();
      await stopping;
      const report = await ticking;
      expect(report).toMatchObject({ claimed: 4, published: 4, released: 0 });
      expect(started).toHaveLength(4);
      expect(await app.services.db.scheduledPost.count({ where: { status: 'published' } })).toBe(4);
      expect(await app.services.db.scheduledPost.count({ where: { status: 'pending', attempts: 0 } })).toBe(26);
      // A stopped dispatcher claims nothing more.
      expect((await d.tick()).claimed).toBe(0);
      expect(started).toHaveLength(4);
    });

    it('gives back, unsent, the claims that had not reached their irreversible call', async () => {
      const posts = await Promise.all(Array.from({ length: 3 }, () => post('2026-11-26T08:59:00Z')));
      const download = gate();
      const reached: number[] = [];
      const sent: number[] = [];
      const publisher: PublisherFactory = async (row) => ({
        publisher: {
          marksSending: true,
          publish: async (_p, io) => {
            reached.push(row.id);
            await download.opened;
            await io.sending();
            sent.push(row.id);
            return ok(row);
          },
        },
      });
      const d = dispatcher(publisher);
      const ticking = d.tick();
      await until(() => reached.length === 3);
      const stopping = d.stop();
      download.open();
      await stopping;
      expect(await ticking).toMatchObject({ released: 3, published: 0 });
      expect(sent).toEqual([]);
      for (const p of posts) {
        const row = await app.services.db.scheduledPost.findUniqueOrThrow({ where: { id: p.id } });
        expect(row).toMatchObject({ status: 'pending', attempts: 0, sentAt: null, leaseOwner: null });
      }
    });

    it('does not wait past the grace period for a send that hangs; unsent claims are released then', async () => {
      const [hung, waiting] = await Promise.all([post('2026-11-26T08:59:00Z'), post('2026-11-26T08:59:00Z')]);
      const publisher: PublisherFactory = async (row) => ({
        publisher: {
          marksSending: true,
          // One hangs after the mark (on the wire), one before it (still downloading).
          publish: async (_p, io) => {
            if (row.id === hung?.id) await io.sending();
            return new Promise(() => {});
          },
        },
      });
      const d = dispatcher(publisher, { graceMs: 100 });
      const ticking = d.tick();
      await until(async () => (await app.services.db.scheduledPost.count({ where: { sentAt: { not: null } } })) === 1);
      const t0 = Date.now();
      await d.stop();
      expect(Date.now() - t0).toBeLessThan(2_000);
      expect(await ticking).toMatchObject({ released: 1 });
      expect(await statusOf(waiting?.id ?? 0)).toBe('pending');
      // The one on the wire keeps its lease; when it expires a person is asked, it is never re-sent.
      expect(await statusOf(hung?.id ?? 0)).toBe('publishing');
      app.clock.advance(61_000);
      const { calls, factory } = scripted([ok]);
      expect(await dispatcher(factory, { owner: 'next' }).tick()).toMatchObject({ unknown: 1, published: 1 });
      expect(calls).toEqual([waiting?.id]);
      expect(await statusOf(hung?.id ?? 0)).toBe('unknown');
    });
  });
});
