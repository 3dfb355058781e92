import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { claim } from '../../src/db/claim.js';
import { type OpenDatabase, openDatabase } from '../../src/db/client.js';
import { createLeaderLock } from '../../src/db/leader.js';
import { createLogger } from '../../src/log.js';
import { createApp } from '../../src/main.js';
import { packageRoot } from '../../src/paths.js';
import { createTestApp, identity, RecordingNotifier, testDatabase } from '../helpers/app.js';
import { describePg, usePostgres } from '../helpers/pg.js';

const dir = mkdtempSync(path.join(tmpdir(), 'mktbot-jobs-'));
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
  rmSync(dir, { recursive: true, force: true });
});

async function freshDatabase(): Promise<OpenDatabase> {
  const database = await testDatabase(path.join(mkdtempSync(path.join(dir, 'db-'))));
  const db = await openDatabase(database.url);
  cleanups.push(async () => {
    await db.close();
    await database.drop();
  });
  return db;
}

async function seedPosts(db: OpenDatabase, count: number, publishAt: (i: number) => Date): Promise<number> {
  const ws = await db.prisma.workspace.create({ data: { platform: 'slack', externalId: `T${Date.now()}` } });
  await db.prisma.scheduledPost.createMany({
    data: Array.from({ length: count }, (_, i) => ({
      workspaceId: ws.id,
      channel: 'facebook',
      content: `post ${i}`,
      publishAt: publishAt(i),
      idempotencyKey: `${ws.id}:${i}`,
    })),
  });
  return ws.id;
}

function run(file: string, args: string[]): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [path.join(packageRoot, 'test/fixtures', file), ...args], { cwd: packageRoot });
}

function output(child: ChildProcessWithoutNullStreams): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      err += d;
    });
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`exit ${code}: ${err}`))));
  });
}

describe(`claim (${usePostgres ? 'PostgreSQL' : 'SQLite'})`, () => {
  it('takes only due rows in the given state, oldest first, and never the same row twice', async () => {
    const db = await freshDatabase();
    const base = Date.parse('2026-11-26T09:00:00Z');
    await seedPosts(db, 5, (i) => new Date(base + (4 - i) * 60_000));
    const now = new Date(base + 2 * 60_000 + 1);
    const spec = {
      model: 'ScheduledPost' as const,
      where: [
        { column: 'status' as const, op: '=' as const, value: 'pending' },
        { column: 'publishAt' as const, op: '<=' as const, value: now },
      ],
      orderBy: 'publishAt' as const,
      limit: 2,
      set: { status: 'publishing', leaseOwner: 'me', leaseExpiresAt: new Date(now.getTime() + 30_000) },
      increment: ['attempts' as const],
    };
    const first = await claim(db, spec);
    const second = await claim(db, spec);
    const third = await claim(db, spec);
    const rows = await db.prisma.scheduledPost.findMany({ orderBy: { publishAt: 'asc' } });
    // Posts 4, 3, 2 are due (publishAt <= now); the oldest two go first.
    expect(first).toEqual([rows[0]?.id, rows[1]?.id].sort((a, b) => (a ?? 0) - (b ?? 0)));
    expect(second).toEqual([rows[2]?.id]);
    expect(third).toEqual([]);
    expect(rows.map((r) => [r.status, r.attempts, r.leaseOwner])).toEqual([
      ['publishing', 1, 'me'],
      ['publishing', 1, 'me'],
      ['publishing', 1, 'me'],
      ['pending', 0, null],
      ['pending', 0, null],
    ]);
    expect(rows[0]?.leaseExpiresAt?.toISOString()).toBe(new Date(now.getTime() + 30_000).toISOString());

    // An expired lease can be claimed again by another owner (takeover), a live one cannot.
    const later = new Date(now.getTime() + 60_000);
    const takeover = await claim(db, {
      model: 'ScheduledPost',
      where: [
        { column: 'status', op: '=', value: 'publishing' },
        {
          anyOf: [
            { column: 'leaseExpiresAt', op: 'is null' },
            { column: 'leaseExpiresAt', op: '<', value: later },
          ],
        },
      ],
      limit: 10,
      set: { status: 'unknown', leaseOwner: 'watchdog' },
    });
    expect(takeover).toHaveLength(3);
    // The documented dispatcher shape: due pending posts, or expired leases of posts being published.
    const again = await claim(db, {
      model: 'ScheduledPost',
      where: [
        {
          anyOf: [
            { column: 'status', op: '=', value: 'pending' },
            {
              allOf: [
                { column: 'status', op: '=', value: 'unknown' },
                { column: 'leaseOwner', op: '=', value: 'watchdog' },
              ],
            },
          ],
        },
        { column: 'publishAt', op: '<=', value: new Date(base + 3 * 60_000 + 1) },
      ],
      limit: 10,
      set: { status: 'publishing' },
    });
    // The three taken over, plus post 1, which became due a minute later.
    expect(again).toHaveLength(4);
    expect(
      await claim(db, {
        model: 'ScheduledPost',
        where: [{ column: 'leaseOwner', op: 'in', value: ['me'] }],
        limit: 10,
        set: { status: 'x' },
      }),
    ).toEqual([]);
  });

  it('refuses names that are not identifiers instead of building SQL from them', async () => {
    const db = await freshDatabase();
    await expect(
      claim(db, {
        model: 'ScheduledPost',
        where: [{ column: 'status" OR 1=1 --' as 'status', op: '=', value: 'x' }],
        limit: 1,
        set: { status: 'y' },
      }),
    ).rejects.toThrow(/not a column or model name/);
  });

  it('three processes claiming 1,000 due posts claim each exactly once', async () => {
    const db = await freshDatabase();
    await seedPosts(db, 1000, (i) => new Date(Date.parse('2026-01-01T00:00:00Z') + i * 1000));
    const startAt = String(Date.now() + 1500);
    const results = await Promise.all(
      ['a', 'b', 'c'].map(async (owner) => JSON.parse(await output(run('claim-worker.mjs', [db.url, startAt, owner])))),
    );
    const all = (results as number[][]).flat();
    expect(all).toHaveLength(1000);
    expect(new Set(all).size).toBe(1000);
    const rows = await db.prisma.scheduledPost.groupBy({ by: ['leaseOwner', 'attempts', 'status'], _count: true });
    expect(rows.every((r) => r.attempts === 1 && r.status === 'publishing')).toBe(true);
    expect(rows.reduce((n, r) => n + r._count, 0)).toBe(1000);
    // With SKIP LOCKED the replicas share the work instead of queueing behind one another.
    if (usePostgres) expect(results.filter((r) => r.length > 0).length).toBeGreaterThan(1);
  }, 60_000);
});

/** Collects a worker's lines and lets a test wait for the next one that matches. */
function lines(child: ChildProcessWithoutNullStreams) {
  const seen: string[] = [];
  let notify: () => void = () => {};
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    seen.push(...d.split('\n').filter(Boolean));
    notify();
  });
  return {
    seen,
    async waitFor(line: string, timeoutMs = 10_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (!seen.includes(line)) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for "${line}" (saw ${seen.join(', ')})`);
        await new Promise<void>((r) => {
          notify = r;
          setTimeout(r, 100);
        });
      }
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describePg('leader lock (PostgreSQL)', () => {
  it('has one leader among three processes, and another takes over when it is killed or stops', async () => {
    const db = await freshDatabase();
    const workers = [0, 1, 2].map(() => run('leader-worker.mjs', [db.url, 'discord-gateway']));
    cleanups.push(async () => {
      for (const w of workers) w.kill('SIGKILL');
    });
    const outs = workers.map(lines);
    await Promise.all(outs.map((o) => o.waitFor('started')));
    await sleep(600);
    const leaders = () =>
      outs.filter((o) => o.seen.filter((l) => l === 'leader').length > o.seen.filter((l) => l === 'lost').length);
    expect(leaders()).toHaveLength(1);

    const first = outs.indexOf(leaders()[0] as (typeof outs)[number]);
    workers[first]?.kill('SIGKILL');
    const rest = [0, 1, 2].filter((i) => i !== first);
    await Promise.race(rest.map((i) => outs[i]?.waitFor('leader')));
    await sleep(600);
    expect(leaders().filter((o) => o !== outs[first])).toHaveLength(1);

    const second = rest.find((i) => outs[i]?.seen.includes('leader')) as number;
    workers[second]?.stdin.end();
    const last = rest.find((i) => i !== second) as number;
    await outs[last]?.waitFor('leader');
    expect(outs[second]?.seen.at(-1)).toBe('lost');
  }, 60_000);

  it('in one process: the second contender waits, and leads once the first stops', async () => {
    const db = await freshDatabase();
    const events: string[] = [];
    const make = (who: string) =>
      createLeaderLock(db, {
        name: 'test-lock',
        checkMs: 100,
        log: createLogger('silent'),
        onAcquire: () => void events.push(`${who}+`),
        onLose: () => void events.push(`${who}-`),
      });
    const a = make('a');
    const b = make('b');
    await a.start();
    await b.start();
    await sleep(300);
    expect([a.isLeader, b.isLeader]).toEqual([true, false]);
    await a.stop();
    await sleep(400);
    expect(b.isLeader).toBe(true);
    await b.stop();
    expect(events).toEqual(['a+', 'a-', 'b+', 'b-']);
  });
});

describe('leader lock (SQLite)', () => {
  it('leads at once: one process is the whole deployment', async () => {
    const lock = createLeaderLock(
      { kind: 'sqlite', url: 'file:unused.db' },
      { name: 'x', log: createLogger('silent'), onAcquire: () => {}, onLose: () => {} },
    );
    await lock.start();
    expect(lock.isLeader).toBe(true);
    await lock.stop();
    expect(lock.isLeader).toBe(false);
  });
});

describe(`first contact (${usePostgres ? 'PostgreSQL' : 'SQLite'})`, () => {
  it('resolves one workspace and one member when the same person arrives several times at once', async () => {
    const app = await createTestApp();
    cleanups.push(() => app.cleanup());
    const who = identity({ workspace: 'TNEW', user: 'U9', admin: false });
    const results = await Promise.all([1, 2, 3, 4, 5].map(() => app.services.workspaces.resolve(who)));
    expect(new Set(results.map((r) => r.workspace.id)).size).toBe(1);
    expect(new Set(results.map((r) => r.member.id)).size).toBe(1);
    expect(results.map((r) => r.role)).toEqual(['admin', 'admin', 'admin', 'admin', 'admin']);
    expect(await app.services.db.member.count()).toBe(1);
  });

  it('makes exactly one admin when several people make first contact at the same moment', async () => {
    const app = await createTestApp();
    cleanups.push(() => app.cleanup());
    const people = ['U1', 'U2', 'U3', 'U4', 'U5'].map((user) => identity({ workspace: 'TRACE', user, admin: false }));
    const results = await Promise.all(people.map((who) => app.services.workspaces.resolve(who)));
    expect(results.filter((r) => r.role === 'admin')).toHaveLength(1);
    const stored = await app.services.db.member.findMany({ where: { workspaceId: results[0]?.workspace.id } });
    expect(stored.filter((m) => m.role === 'admin')).toHaveLength(1);
  });

  // Replicas share PostgreSQL; SQLite is one process (two clients in one thread would wait on each other).
  it.skipIf(!usePostgres)(
    'makes exactly one admin when several people make first contact at once on two replicas',
    async () => {
      const app = await createTestApp();
      // A second replica on the same database, with its own connections.
      const other = await createApp({
        config: loadConfig({
          DATABASE_URL: app.services.config.DATABASE_URL,
          ENCRYPTION_KEY: randomBytes(32).toString('hex'),
          LOG_LEVEL: 'silent',
        }),
        notifier: new RecordingNotifier(),
        log: createLogger('silent'),
      });
      cleanups.push(async () => {
        await other.stop();
        await app.cleanup();
      });
      const people = ['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8'].map((user) =>
        identity({ workspace: 'TRACE', user, admin: false }),
      );
      const results = await Promise.all(people.map((who, i) => (i % 2 ? other : app).services.workspaces.resolve(who)));
      expect(results.filter((r) => r.role === 'admin')).toHaveLength(1);
      const stored = await app.services.db.member.findMany({ where: { workspaceId: results[0]?.workspace.id } });
      expect(stored).toHaveLength(people.length);
      expect(stored.filter((m) => m.role === 'admin')).toHaveLength(1);
    },
  );
});
