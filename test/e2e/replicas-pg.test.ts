/**
 * Several bot replicas on one PostgreSQL database (issue 9): real processes running the built
 * dispatcher against the fake Graph API in this process. Every post is published once however the
 * replicas race, and a replica killed with SIGKILL mid-run never causes a second publish: its
 * leased posts are settled by the survivors (published, or `unknown` for a person to check).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { FakeMetaGraph } from '../fakes/meta-graph.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { describePg } from '../helpers/pg.js';

const root = path.resolve(import.meta.dirname, '../..');
const PAGE_TOKEN = 'EAAGpage-token-replicas';
const POSTS = 1000;

interface Replica {
  child: ChildProcess;
  lines: Array<Record<string, unknown>>;
  err: string;
  done: Promise<number | null>;
}

function replica(env: NodeJS.ProcessEnv): Replica {
  const child = spawn('node', ['test/fixtures/dispatch-replica.mjs'], { cwd: root, env });
  const r: Replica = { child, lines: [], err: '', done: Promise.resolve(null) };
  let buf = '';
  child.stdout?.on('data', (d) => {
    buf += d;
    const parts = buf.split('\n');
    buf = parts.pop() ?? '';
    for (const l of parts) if (l) r.lines.push(JSON.parse(l));
  });
  child.stderr?.on('data', (d) => {
    r.err += d;
  });
  r.done = new Promise((resolve) => child.on('close', (code) => resolve(code)));
  return r;
}

async function until(cond: () => boolean | Promise<boolean>, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describePg('several replicas on PostgreSQL', () => {
  const meta = new FakeMetaGraph();
  let app: TestApp;

  beforeAll(async () => {
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'pipe' });
    await meta.start();
    meta.addPage('111', PAGE_TOKEN, 'Cold Brew Co');
  });
  afterAll(async () => {
    await meta.close();
  });
  beforeEach(async () => {
    meta.posts.length = 0;
    meta.server.requests.length = 0;
    meta.server.delayMs = 0;
    app = await createTestApp({ META_GRAPH_URL: meta.url, OUTBOUND_ALLOW_HOSTS: '127.0.0.1' });
    expect((await app.say(`/connect facebook account:111 token:${PAGE_TOKEN}`)).tone).not.toBe('error');
    const ws = await app.services.db.workspace.findFirstOrThrow();
    const due = new Date(Date.now() - 30_000);
    await app.services.db.scheduledPost.createMany({
      data: Array.from({ length: POSTS }, (_, i) => ({
        workspaceId: ws.id,
        channel: 'facebook',
        content: `replica post ${i}`,
        publishAt: due,
        idempotencyKey: `replicas-${i}`,
      })),
    });
  });
  afterEach(async () => {
    await app.cleanup();
  });

  const env = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
    ...process.env,
    DATABASE_URL: app.services.config.DATABASE_URL,
    ...(app.services.config.ENCRYPTION_KEY ? { ENCRYPTION_KEY: app.services.config.ENCRYPTION_KEY } : {}),
    META_GRAPH_URL: meta.url,
    OUTBOUND_ALLOW_HOSTS: '127.0.0.1',
    LOG_LEVEL: 'silent',
    GO_FILE: path.join(app.dir, 'go'),
    ...extra,
  });

  /** Publishes of each post at the fake, by message. */
  const publishesAtFake = () => {
    const by = new Map<string, number>();
    for (const p of meta.posts) by.set(p.message ?? '', (by.get(p.message ?? '') ?? 0) + 1);
    return by;
  };

  it('three replicas publish 1,000 due posts exactly once each', { timeout: 180_000 }, async () => {
    const e = env();
    const replicas = [replica(e), replica(e), replica(e)];
    await until(() => replicas.every((r) => r.lines.some((l) => l.ready)));
    writeFileSync(e.GO_FILE as string, '');
    const codes = await Promise.all(replicas.map((r) => r.done));
    for (const r of replicas) expect(r.err, r.err).toBe('');
    expect(codes).toEqual([0, 0, 0]);

    expect(meta.server.count('POST', /\/111\/feed$/)).toBe(POSTS);
    const byMessage = publishesAtFake();
    expect(byMessage.size).toBe(POSTS);
    expect([...byMessage.values()].every((n) => n === 1)).toBe(true);

    const rows = await app.services.db.scheduledPost.findMany();
    expect(rows.filter((p) => p.status === 'published')).toHaveLength(POSTS);
    const fakeIds = new Set(meta.posts.map((p) => p.id));
    expect(rows.every((p) => p.externalId !== null && fakeIds.has(p.externalId))).toBe(true);
    // The replicas shared the work: proof that they really raced.
    const published = replicas.map((r) => r.lines.reduce((n, l) => n + Number(l.published ?? 0), 0));
    expect(published.reduce((a, b) => a + b, 0)).toBe(POSTS);
    expect(published.filter((n) => n > 0).length).toBeGreaterThan(1);
  });

  it('a replica killed with SIGKILL mid-run causes no duplicate: its leased posts are settled', {
    timeout: 180_000,
  }, async () => {
    // Slow answers keep calls in flight, so the victim surely dies holding leases.
    meta.server.delayMs = 15;
    const e = env({ LEASE_MS: '3000' });
    const replicas = [replica(e), replica(e), replica(e)];
    await until(() => replicas.every((r) => r.lines.some((l) => l.ready)));
    const [victim, ...survivors] = replicas as [Replica, Replica, Replica];
    const victimOwner = `replica-${victim.child.pid}:`;
    const victimLeases = () =>
      app.services.db.scheduledPost.findMany({
        where: { status: 'publishing', leaseOwner: { startsWith: victimOwner } },
        select: { id: true },
      });
    writeFileSync(e.GO_FILE as string, '');
    await until(async () => meta.posts.length >= 150 && (await victimLeases()).length > 0);
    victim.child.kill('SIGKILL');
    await victim.done;
    // Whatever the victim had committed before it died.
    const leased = (await victimLeases()).map((p) => p.id);
    expect(leased.length).toBeGreaterThan(0);

    const codes = await Promise.all(survivors.map((r) => r.done));
    for (const r of survivors) expect(r.err, r.err).toBe('');
    expect(codes).toEqual([0, 0]);

    // None published twice at the fake.
    const byMessage = publishesAtFake();
    expect([...byMessage.values()].every((n) => n === 1)).toBe(true);
    expect(meta.server.count('POST', /\/111\/feed$/)).toBe(byMessage.size);

    const rows = await app.services.db.scheduledPost.findMany({ orderBy: { id: 'asc' } });
    // Every post is settled: published, or unknown for a person to check; nothing left leased.
    expect(rows.every((p) => p.status === 'published' || p.status === 'unknown')).toBe(true);
    const unknown = rows.filter((p) => p.status === 'unknown');
    // The victim's leases were not re-sent: they became unknown once the lease expired.
    const leasedRows = rows.filter((p) => leased.includes(p.id));
    expect(leasedRows.every((p) => p.status === 'unknown')).toBe(true);
    expect(unknown.length).toBe(leased.length);
    // Every post the database calls published went out exactly once at the fake.
    const fakeIds = new Set(meta.posts.map((p) => p.id));
    for (const p of rows.filter((r) => r.status === 'published')) {
      expect(fakeIds.has(p.externalId ?? '')).toBe(true);
      expect(byMessage.get(p.content)).toBe(1);
    }
    // Posts that never reached the fake are exactly unknown ones (claimed by the victim, not yet sent).
    const notSent = rows.filter((p) => !byMessage.has(p.content));
    expect(notSent.every((p) => p.status === 'unknown')).toBe(true);
  });
});
