// Fault runs of the dispatcher on PostgreSQL (issue 24), with the full counts (test/e2e/replicas-pg
// runs smaller ones): three replicas share 500 due posts (half Facebook, half Instagram) published
// to a local fake Graph API that counts every publish per post; two replicas are killed with
// SIGKILL mid-run and the survivor settles everything. Then three real bots (`mktbot start`) work
// through a 3,000-post backlog and one gets SIGTERM. Prints published / unknown / re-queued /
// duplicates, and how fast the signalled bot stopped. Needs PostgreSQL (TEST_PG_URL or the test
// default) and the built program; skipped with a message when no PostgreSQL is reachable.
//   npm run build && node bench/dispatch-faults.mjs       (FAULT_POSTS, TERM_POSTS, RUNS)
import pg from 'pg';
import { faultRun, termRun } from '../test/fixtures/fault-run.mjs';

const adminUrl = process.env.TEST_PG_URL || 'postgresql://mktbot:mktbot@127.0.0.1:5432/mktbot_test';
const FAULT_POSTS = Number(process.env.FAULT_POSTS ?? 500);
const TERM_POSTS = Number(process.env.TERM_POSTS ?? 3000);
const RUNS = Number(process.env.RUNS ?? 1);

async function admin(sql) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

async function withDatabase(tag, work) {
  const name = `mktbot_bench_faults_${process.pid}_${tag}`;
  await admin(`CREATE DATABASE "${name}"`);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  try {
    return await work(u.toString());
  } finally {
    await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}

try {
  await admin('SELECT 1');
} catch (err) {
  console.log(`skipped: no PostgreSQL at ${new URL(adminUrl).host} (${err.message})`);
  process.exit(0);
}

let bad = 0;
for (let run = 1; run <= RUNS; run++) {
  const k = await withDatabase(`kill${run}`, (url) =>
    faultRun({ url, posts: FAULT_POSTS, replicas: 3, kill: 2, leaseMs: 3000, delayMs: 15 }),
  );
  const silent = k.publishedNotSent + k.sentButPending + k.pending + k.publishing + k.failed;
  console.log(
    `SIGKILL run ${run}: ${k.posts} posts, ${k.replicas} replicas, ${k.killed} killed at ${(k.killedAtMs / 1000).toFixed(1)} s holding ${k.stranded} posts (${k.strandedMarked} marked sent)`,
  );
  console.log(
    `  published ${k.published}, unknown ${k.unknown} (request seen by the fake ${k.unknownSeen}, not seen ${k.unknownUnseen}), re-queued ${k.requeued}, duplicates ${k.duplicates}, silent losses ${silent}; settled in ${k.seconds.toFixed(1)} s`,
  );
  if (k.errors.length > 0 || k.duplicates > 0 || silent > 0 || k.unknownUnmarked > 0) {
    bad++;
    console.log(`  FAILED ${JSON.stringify(k)}`);
  }

  const t = await withDatabase(`term${run}`, (url) =>
    termRun({ url, posts: TERM_POSTS, replicas: 3, delayMs: 20, signalAfter: 300 }),
  );
  console.log(
    `SIGTERM run ${run}: ${t.posts}-post backlog, ${t.replicas} bots; the signalled one logged "shutting down" after ${t.noticedMs} ms and exited (code ${t.exitCode}) after ${t.exitMs} ms; claims after the signal ${t.claimedAfterSignal}, still held at exit ${t.leftHeld}`,
  );
  console.log(
    `  then the others finished: published ${t.published}, unknown ${t.unknown}, duplicates ${t.duplicates}, pending ${t.pending}`,
  );
  if (
    t.errors.length > 0 ||
    t.exitCode !== 0 ||
    t.claimedAfterSignal > 0 ||
    t.duplicates > 0 ||
    t.published !== t.posts
  ) {
    bad++;
    console.log(`  FAILED ${JSON.stringify(t)}`);
  }
}
process.exit(bad === 0 ? 0 : 1);
