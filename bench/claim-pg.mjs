// Dispatch throughput on PostgreSQL with 1 and with 3 replicas (separate processes) in one run:
// each replica runs the real Dispatcher with production settings (claim with SKIP LOCKED, publish
// over HTTP to a local fake, record the outcome, a confirmation per post) until nothing is due.
// Nothing sleeps: the figure is what the claim/record path and the processes can do. Prints posts/s
// for both and the ratio. Needs PostgreSQL (TEST_PG_URL or the test default); skipped with a message
// when none is reachable.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const self = fileURLToPath(import.meta.url);
const POSTS = Number(process.env.BENCH_POSTS ?? 1500);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const adminUrl = process.env.TEST_PG_URL || 'postgresql://mktbot:mktbot@127.0.0.1:5432/mktbot_test';

async function worker(url, startAt, owner, fakeBase) {
  const { openDatabase } = await import('../dist/src/db/client.js');
  const { Dispatcher } = await import('../dist/src/publishing/dispatcher.js');
  const { createLogger } = await import('../dist/src/log.js');
  const db = await openDatabase(url, { migrate: false });
  const call = async (path, body) => {
    const res = await fetch(`${fakeBase}${path}`, { method: 'POST', body });
    return res.json();
  };
  let done = 0;
  const dispatcher = new Dispatcher({
    db: db.prisma,
    kind: db.kind,
    clock: { now: () => new Date() },
    notifier: {
      post: async () => {
        await call('/api/chat.postMessage', '{"channel":"C1","text":"published"}');
        return {};
      },
    },
    integrations: /** @type {never} */ (undefined),
    log: createLogger('silent'),
    owner,
    publishers: async () => ({
      publisher: {
        async publish() {
          done++;
          return { externalId: (await call('/v21.0/page/feed', 'message=hi')).id };
        },
      },
    }),
  });
  await new Promise((r) => setTimeout(r, Math.max(0, startAt - Date.now())));
  while ((await dispatcher.tick()).claimed > 0);
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
            const child = spawn(process.execPath, [self, '--worker', url, String(startAt), `r${i}`, fakeBase], {
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

let fakeBase = '';

async function main() {
  try {
    await admin('SELECT 1');
  } catch (err) {
    console.log(`skipped: no PostgreSQL at ${new URL(adminUrl).host} (${err.message})`);
    return;
  }
  // The fake network and Slack: answers at once, so the replicas' own work is what is measured.
  const fake = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, id: String(Math.random()).slice(2) }));
    });
  });
  await new Promise((r) => fake.listen(0, '127.0.0.1', r));
  fakeBase = `http://127.0.0.1:${fake.address().port}`;
  try {
    console.log(`posts: ${POSTS} per round, ${RUNS} rounds; production dispatcher settings, a confirmation per post`);
    const ones = [];
    const threes = [];
    for (let i = 0; i < RUNS; i++) {
      ones.push(await round(1));
      threes.push(await round(3));
      console.log(
        `round ${i + 1}: 1 replica ${ones[i].toFixed(0)} posts/s, 3 replicas ${threes[i].toFixed(0)} posts/s`,
      );
    }
    const ratios = threes.map((t, i) => t / ones[i]);
    const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const range = (xs) => `${Math.min(...xs).toFixed(0)}-${Math.max(...xs).toFixed(0)}`;
    console.log(`1 replica : median ${med(ones).toFixed(0)} posts/s (range ${range(ones)})`);
    console.log(`3 replicas: median ${med(threes).toFixed(0)} posts/s (range ${range(threes)})`);
    console.log(
      `ratio     : median ${med(ratios).toFixed(2)}x (range ${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)}x)`,
    );
    console.log('(3 replicas on a 2-core machine compete with each other and PostgreSQL for the cores)');
  } finally {
    fake.close();
  }
}

if (process.argv[2] === '--worker') {
  await worker(process.argv[3], Number(process.argv[4]), process.argv[5], process.argv[6]);
} else {
  await main();
}
