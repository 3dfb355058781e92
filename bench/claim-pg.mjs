// Claim throughput on PostgreSQL with 1 and with 3 replicas (separate processes) in one run: each
// replica claims due posts in batches (src/db/claim.ts), "publishes" each with a simulated 5 ms
// remote call, then marks the batch published. Prints posts/s for both and the ratio; with SKIP
// LOCKED the replicas share the work, so 3 should approach 3x. Needs PostgreSQL (TEST_PG_URL or the
// test default); skipped with a message when none is reachable.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const self = fileURLToPath(import.meta.url);
const POSTS = Number(process.env.BENCH_POSTS ?? 1500);
const CALL_MS = 5;
const adminUrl = process.env.TEST_PG_URL || 'postgresql://mktbot:mktbot@127.0.0.1:5432/mktbot_test';

async function worker(url, startAt, owner) {
  const { claim } = await import('../dist/src/db/claim.js');
  const { openDatabase } = await import('../dist/src/db/client.js');
  const db = await openDatabase(url, { migrate: false });
  await new Promise((r) => setTimeout(r, Math.max(0, startAt - Date.now())));
  let done = 0;
  for (;;) {
    const now = new Date();
    const ids = await claim(db, {
      model: 'ScheduledPost',
      where: [
        { column: 'status', op: '=', value: 'pending' },
        { column: 'publishAt', op: '<=', value: now },
      ],
      orderBy: 'publishAt',
      limit: 10,
      set: { status: 'publishing', leaseOwner: owner, leaseExpiresAt: new Date(now.getTime() + 60_000) },
    });
    if (ids.length === 0) break;
    for (const _ of ids) await new Promise((r) => setTimeout(r, CALL_MS));
    await db.prisma.scheduledPost.updateMany({
      where: { id: { in: ids }, leaseOwner: owner },
      data: { status: 'published', publishedAt: new Date() },
    });
    done += ids.length;
  }
  await db.close();
  process.stdout.write(`${done}\n`);
}

async function admin(sql) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

async function round(replicas) {
  const name = `mktbot_bench_${process.pid}_${replicas}`;
  await admin(`CREATE DATABASE "${name}"`);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  try {
    const { openDatabase } = await import('../dist/src/db/client.js');
    const db = await openDatabase(url);
    const ws = await db.prisma.workspace.create({ data: { platform: 'slack', externalId: 'T1' } });
    await db.prisma.scheduledPost.createMany({
      data: Array.from({ length: POSTS }, (_, i) => ({
        workspaceId: ws.id,
        channel: 'facebook',
        content: `post ${i}`,
        publishAt: new Date(Date.now() - 60_000 + i),
        idempotencyKey: String(i),
      })),
    });
    await db.close();
    const startAt = Date.now() + 1500;
    const counts = await Promise.all(
      Array.from(
        { length: replicas },
        (_, i) =>
          new Promise((resolve, reject) => {
            const child = spawn(process.execPath, [self, '--worker', url, String(startAt), `r${i}`], {
              stdio: ['ignore', 'pipe', 'inherit'],
            });
            let out = '';
            child.stdout.on('data', (d) => {
              out += d;
            });
            child.on('close', (code) =>
              code === 0 ? resolve(Number(out.trim())) : reject(new Error(`worker ${code}`)),
            );
          }),
      ),
    );
    const seconds = (Date.now() - startAt) / 1000;
    const total = counts.reduce((a, b) => a + b, 0);
    if (total !== POSTS) throw new Error(`published ${total} of ${POSTS}`);
    return POSTS / seconds;
  } finally {
    await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}

export async function run() {
  try {
    await admin('SELECT 1');
  } catch (err) {
    console.log(`skipped: no PostgreSQL at ${new URL(adminUrl).host} (${err.message})`);
    return;
  }
  const one = await round(1);
  const three = await round(3);
  console.log(`posts: ${POSTS}, simulated call: ${CALL_MS} ms each`);
  console.log(`1 replica : ${one.toFixed(0)} posts/s`);
  console.log(`3 replicas: ${three.toFixed(0)} posts/s`);
  console.log(`ratio     : ${(three / one).toFixed(2)}x`);
}

if (process.argv[2] === '--worker') {
  await worker(process.argv[3], Number(process.argv[4]), process.argv[5]);
}
