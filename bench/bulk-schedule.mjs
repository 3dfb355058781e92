// Benchmark (issue 23, "bulk scheduling"): `mktbot schedule-import FILE.csv` with 1,000 rows (2,000
// posts: each row goes to Facebook and a reminder, links tagged with UTM), each run a separate process
// into a fresh, migrated SQLite copy, as a user runs it. Beside it, in the same run, the same command
// on a 1-row file: the CLI's start-up and the database's opening, which every import pays, so the
// difference is what 1,000 rows cost. Target: 1,000 rows scheduled in under 5 s. Prints the median
// and range of RUNS runs. Run after `npm run build`: node bench/bulk-schedule.mjs
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const dir = mkdtempSync(path.join(tmpdir(), 'mktbot-bench-bulk-'));
const year = new Date().getUTCFullYear() + 1;

function csv(rows) {
  let out = 'when,channels,text,campaign\n';
  for (let i = 0; i < rows; i++) {
    const day = new Date(Date.UTC(year, 0, 1) + Math.floor(i / 4) * 86_400_000).toISOString().slice(0, 10);
    const hour = String(8 + (i % 4) * 3).padStart(2, '0');
    out += `${day} ${hour}:00,facebook;reminder,"Post ${i}: our new cold brew https://shop.example.com/p/${i}",Spring\n`;
  }
  const file = path.join(dir, `rows-${rows}.csv`);
  writeFileSync(file, out);
  return file;
}

function cli(args, db) {
  const started = performance.now();
  const r = spawnSync(process.execPath, [path.join(root, 'bin/mktbot.js'), ...args], {
    cwd: dir,
    env: { ...process.env, DATABASE_URL: `file:${db}`, LOG_LEVEL: 'silent' },
    encoding: 'utf8',
  });
  const ms = performance.now() - started;
  if (r.status !== 0) throw new Error(`mktbot ${args.join(' ')} exited ${r.status}: ${r.stderr.slice(-2000)}`);
  return { ms, stdout: r.stdout };
}

const template = path.join(dir, 'template.db');
cli(['migrate'], template);

function timeImport(file, expected) {
  const ms = [];
  for (let i = 0; i < RUNS; i++) {
    const db = path.join(dir, `run-${i}.db`);
    copyFileSync(template, db);
    const r = cli(['schedule-import', file], db);
    if (!r.stdout.includes(`Scheduled ${expected}`)) throw new Error(`unexpected output: ${r.stdout.slice(0, 500)}`);
    ms.push(r.ms);
    rmSync(db, { force: true });
  }
  ms.sort((a, b) => a - b);
  return { median: ms[Math.floor(ms.length / 2)], min: ms[0], max: ms.at(-1) };
}

try {
  const one = timeImport(csv(1), '2 posts');
  const thousand = timeImport(csv(1000), '2,000 posts');
  const f = (x) => `${(x.median / 1000).toFixed(2)} s (${(x.min / 1000).toFixed(2)}-${(x.max / 1000).toFixed(2)})`;
  console.log(`schedule-import, ${RUNS} runs each, median (range):`);
  console.log(`  1 row (2 posts), the baseline:  ${f(one)}`);
  console.log(`  1,000 rows (2,000 posts):       ${f(thousand)}`);
  console.log(
    `  the 1,000 rows themselves: ${((thousand.median - one.median) / 1000).toFixed(2)} s; target: under 5 s in all`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
