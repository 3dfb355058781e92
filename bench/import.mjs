// Benchmark (issue 19, "Scale"): `mktbot import-metrics` on a year of daily rows, each run a separate
// process (the CLI itself, as a user runs it) into a fresh, migrated database. Sizes: 36,500 and
// 365,000 rows (365 days x 100 or 1,000 campaigns over six channels) on SQLite, 365,000 on PostgreSQL
// when one is reachable (TEST_PG_URL, default postgresql://mktbot:mktbot@127.0.0.1:5432/mktbot_test),
// and 1,825,000 rows (365 x 5,000) on SQLite with BENCH_IMPORT_BIG=1. Prints, per size, the median
// and range of RUNS runs of the wall time, rows a second, the child's CPU time and its peak RSS.
// Targets: 365,000 rows under 15 s on SQLite and 30 s on PostgreSQL, peak RSS under 300 MB.
// Run after `npm run build`: node bench/import.mjs (or npm run bench -- import).
import { spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const CHANNELS = ['facebook', 'instagram', 'google-ads', 'youtube', 'email', 'web'];
const PG_URL = process.env.TEST_PG_URL || 'postgresql://mktbot:mktbot@127.0.0.1:5432/mktbot_test';
const dir = mkdtempSync(path.join(tmpdir(), 'mktbot-bench-import-'));

/** A metrics CSV of 365 days x `campaigns` rows, written a megabyte at a time. */
function writeCsv(campaigns) {
  const file = path.join(dir, `year-${campaigns}.csv`);
  const fd = openSync(file, 'w');
  let buf = 'date,channel,campaign,impressions,clicks,spend,revenue,conversions\n';
  for (let d = 0; d < 365; d++) {
    const date = new Date(Date.UTC(2025, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
    for (let c = 0; c < campaigns; c++) {
      buf += `${date},${CHANNELS[c % CHANNELS.length]},Campaign ${c},${1000 + ((c * 7 + d) % 5000)},${(c + d) % 60},${(c % 97) + 0.25},${(c % 89) + 0.5},${c % 7}\n`;
      if (buf.length > 1 << 20) {
        writeSync(fd, buf);
        buf = '';
      }
    }
  }
  writeSync(fd, buf);
  closeSync(fd);
  return { file, rows: 365 * campaigns, bytes: statSync(file).size };
}

function cli(args, env) {
  const started = performance.now();
  const r = spawnSync(
    process.execPath,
    ['--import', path.join(root, 'bench/lib/exit-usage.mjs'), path.join(root, 'bin/mktbot.js'), ...args],
    { cwd: dir, env: { ...process.env, LOG_LEVEL: 'silent', ...env }, encoding: 'utf8', maxBuffer: 1 << 26 },
  );
  const ms = performance.now() - started;
  if (r.status !== 0) throw new Error(`mktbot ${args.join(' ')} exited ${r.status}: ${r.stderr.slice(-2000)}`);
  const usage = JSON.parse(/BENCH-USAGE (.*)/.exec(r.stderr)?.[1] ?? '{}');
  return { ms, stdout: r.stdout, ...usage };
}

async function admin(sql) {
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

function urlFor(database) {
  const u = new URL(PG_URL);
  u.pathname = `/${database}`;
  return u.toString();
}

/** A migrated SQLite file to copy for each run, so runs time the import and not the migrations. */
function sqliteTemplate() {
  const file = path.join(dir, 'template.db');
  cli(['migrate'], { DATABASE_URL: `file:${file}` });
  return file;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const s = (ms) => (ms / 1000).toFixed(1);

function report(label, data, runs) {
  const walls = runs.map((r) => r.ms);
  const m = median(walls);
  const rss = Math.max(...runs.map((r) => r.maxRssKb)) / 1024;
  console.log(
    `  ${label.padEnd(22)} ${String(data.rows).padStart(9)} rows  median ${s(m).padStart(6)} s (${s(Math.min(...walls))}-${s(Math.max(...walls))})  ${Math.round(
      data.rows / (m / 1000),
    )
      .toLocaleString('en-US')
      .padStart(7)} rows/s  cpu ${s(median(runs.map((r) => r.cpuMs)))} s  peak RSS ${rss.toFixed(0)} MB`,
  );
  return m;
}

async function main() {
  const sizes = [100, 1000, ...(process.env.BENCH_IMPORT_BIG === '1' ? [5000] : [])];
  const files = new Map(sizes.map((c) => [c, writeCsv(c)]));
  console.log(`mktbot import-metrics, a year of daily rows; ${RUNS} runs each, each run a fresh database:`);
  const template = sqliteTemplate();
  const medians = new Map();
  for (const [campaigns, data] of files) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      const db = path.join(dir, `run-${campaigns}-${i}.db`);
      copyFileSync(template, db);
      const r = cli(['import-metrics', data.file], { DATABASE_URL: `file:${db}` });
      if (!r.stdout.includes(`Imported ${data.rows.toLocaleString('en-US')} rows`)) throw new Error(r.stdout);
      runs.push(r);
      rmSync(db, { force: true });
      rmSync(`${db}-wal`, { force: true });
      rmSync(`${db}-shm`, { force: true });
    }
    medians.set(campaigns, report(`SQLite, ${(data.bytes / 1e6).toFixed(0)} MB file`, data, runs));
  }
  const small = medians.get(100);
  const year = medians.get(1000);
  console.log(`  growth: 10x the rows took ${(year / small).toFixed(1)}x the time`);
  if (medians.has(5000)) console.log(`  growth: 50x the rows took ${(medians.get(5000) / small).toFixed(1)}x the time`);

  const tag = `mktbot_bench_import_${process.pid}`;
  try {
    await admin(`CREATE DATABASE "${tag}_template"`);
  } catch (err) {
    console.log(`  PostgreSQL: skipped (${err.message})`);
    return;
  }
  try {
    cli(['migrate'], { DATABASE_URL: urlFor(`${tag}_template`) });
    const data = files.get(1000);
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      const name = `${tag}_${i}`;
      await admin(`CREATE DATABASE "${name}" TEMPLATE "${tag}_template"`);
      try {
        const r = cli(['import-metrics', data.file], { DATABASE_URL: urlFor(name) });
        if (!r.stdout.includes(`Imported ${data.rows.toLocaleString('en-US')} rows`)) throw new Error(r.stdout);
        runs.push(r);
      } finally {
        await admin(`DROP DATABASE IF EXISTS "${name}"`);
      }
    }
    report('PostgreSQL', data, runs);
    console.log('  (PostgreSQL: the CPU time is the import process only; the server works in its own)');
  } finally {
    await admin(`DROP DATABASE IF EXISTS "${tag}_template"`);
  }
}

try {
  await main();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
