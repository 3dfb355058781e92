// Dispatcher benchmark (issue 6): 10,000 posts due within one minute, published through the real
// Dispatcher (claim -> publish -> record) on SQLite to a local HTTP fake, with production settings:
// the default batch and concurrency, and a confirmation message per published post (a second HTTP
// call, as chat.postMessage is in Slack). Prints throughput and the lateness distribution (publish
// time minus due time). Target: every post out, p99 < 2 s.
//   npm run build && node bench/dispatch.mjs            (BENCH_POSTS, BENCH_WINDOW_S, BENCH_RUNS)
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '../dist/src/db/client.js';
import { createLogger } from '../dist/src/log.js';
import { Dispatcher } from '../dist/src/publishing/dispatcher.js';

const POSTS = Number(process.env.BENCH_POSTS ?? 10_000);
const WINDOW_S = Number(process.env.BENCH_WINDOW_S ?? 60);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const TICK_MS = 1000; // the production job's interval

const fake = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: String(Math.random()).slice(2) }));
  });
});
await new Promise((r) => fake.listen(0, '127.0.0.1', r));
const fakeUrl = `http://127.0.0.1:${fake.address().port}/v21.0/page/feed`;
const noticeUrl = `http://127.0.0.1:${fake.address().port}/api/chat.postMessage`;
let notices = 0;

const publishers = async () => ({
  publisher: {
    async publish() {
      const res = await fetch(fakeUrl, { method: 'POST', body: 'message=hi' });
      const body = await res.json();
      return { externalId: body.id };
    },
  },
});

function pct(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function run() {
  const dir = mkdtempSync(path.join(tmpdir(), 'mktbot-bench-'));
  const db = await openDatabase(`file:${path.join(dir, 'bench.db')}`);
  try {
    const ws = await db.prisma.workspace.create({ data: { platform: 'console', externalId: 'bench' } });
    // Insert first (far in the future), then set the due times, so insertion time is not lateness.
    const rows = Array.from({ length: POSTS }, (_, i) => ({
      workspaceId: ws.id,
      channel: 'facebook',
      content: `post ${i}`,
      publishAt: new Date('2100-01-01T00:00:00Z'),
      idempotencyKey: `bench-${i}`,
    }));
    for (let i = 0; i < rows.length; i += 500)
      await db.prisma.scheduledPost.createMany({ data: rows.slice(i, i + 500) });
    const ids = (await db.prisma.scheduledPost.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map(
      (r) => r.id,
    );
    const BUCKETS = Math.max(1, WINDOW_S * 10);
    const start = Date.now() + 1000;
    await db.prisma.$transaction(
      Array.from({ length: BUCKETS }, (_, b) =>
        db.prisma.scheduledPost.updateMany({
          where: {
            id: {
              gte: ids[Math.floor((b * ids.length) / BUCKETS)],
              lt: ids[Math.floor(((b + 1) * ids.length) / BUCKETS)] ?? Number.MAX_SAFE_INTEGER,
            },
          },
          data: { publishAt: new Date(start + b * 100) },
        }),
      ),
    );
    // The dispatcher's clock starts one second before the first due time, however long setup took.
    const shift = Date.now() + 1000 - start;
    const dispatcher = new Dispatcher({
      db: db.prisma,
      clock: { now: () => new Date(Date.now() - shift) },
      // Production posts a confirmation per published post: one more HTTP round trip each.
      notifier: {
        post: async () => {
          const res = await fetch(noticeUrl, { method: 'POST', body: '{"channel":"C1","text":"published"}' });
          await res.arrayBuffer();
          notices++;
          return {};
        },
      },
      integrations: /** @type {never} */ (undefined),
      log: createLogger('silent'),
      publishers,
    });
    // Same shape as the job runner: a tick per interval, never overlapping.
    let busy = false;
    let done = false;
    const timer = setInterval(async () => {
      if (busy || done) return;
      busy = true;
      try {
        await dispatcher.tick();
      } finally {
        busy = false;
      }
    }, TICK_MS);
    for (;;) {
      await new Promise((r) => setTimeout(r, 500));
      const left = await db.prisma.scheduledPost.count({ where: { status: { not: 'published' } } });
      if (left === 0) break;
    }
    done = true;
    clearInterval(timer);
    while (busy) await new Promise((r) => setTimeout(r, 50));
    const published = await db.prisma.scheduledPost.findMany({ select: { publishAt: true, publishedAt: true } });
    const lateness = published.map((p) => p.publishedAt.getTime() - p.publishAt.getTime()).sort((a, b) => a - b);
    const first = Math.min(...published.map((p) => p.publishAt.getTime()));
    const last = Math.max(...published.map((p) => p.publishedAt.getTime()));
    // Burst throughput: every post due at once.
    await db.prisma.scheduledPost.updateMany({
      data: {
        status: 'pending',
        publishAt: new Date(Date.now() - shift - 1),
        publishedAt: null,
        leaseOwner: null,
        attempts: 0,
      },
    });
    const t0 = performance.now();
    while (
      (await dispatcher.tick()).claimed > 0 &&
      (await db.prisma.scheduledPost.count({ where: { status: 'pending' } })) > 0
    );
    const burstMs = performance.now() - t0;
    const burstLeft = await db.prisma.scheduledPost.count({ where: { status: { not: 'published' } } });
    return {
      published: published.length,
      p50: pct(lateness, 50),
      p99: pct(lateness, 99),
      max: lateness.at(-1),
      spanS: (last - first) / 1000,
      burstPerS: Math.round((POSTS - burstLeft) / (burstMs / 1000)),
    };
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log('settings: production defaults (batch = concurrency = 8), a confirmation per post, 1 s ticks');
const results = [];
for (let i = 0; i < RUNS; i++) {
  const r = await run();
  results.push(r);
  console.log(
    `run ${i + 1}: ${r.published}/${POSTS} published over ${r.spanS.toFixed(1)} s; lateness p50 ${r.p50} ms, p99 ${r.p99} ms, max ${r.max} ms; burst ${r.burstPerS} posts/s`,
  );
}
const median = (k) => results.map((r) => r[k]).sort((a, b) => a - b)[Math.floor(results.length / 2)];
console.log(
  `dispatch (median of ${RUNS}): ${POSTS} posts in a ${WINDOW_S} s window, lateness p50 ${median('p50')} ms, p99 ${median('p99')} ms (target < 2000 ms); burst throughput ${median('burstPerS')} posts/s`,
);
// Each run publishes its posts twice (the window, then the burst), each with its confirmation.
const expected = RUNS * POSTS * 2;
console.log(
  `confirmations sent: ${notices} of ${expected} (one per publish: ${RUNS} runs x ${POSTS} posts, published in the window and again in the burst)`,
);
if (notices !== expected) process.exitCode = 1;
fake.close();
