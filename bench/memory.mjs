// Memory of a long-running bot (issue 25): `mktbot console` in its own process, started as `npm
// start` and the Docker image start it (node with the V8 flags of package.json's start script),
// production defaults otherwise (no override but a temporary SQLite file, a free PORT so the
// webhook server runs, a WEBHOOK_SECRET and LOG_LEVEL=silent), with the sentiment model loaded by an English and an
// Arabic comment pushed to /webhooks/comments, then 5,000 mixed commands typed on its stdin (one
// comment pushed every 50). Resident memory comes from /proc/PID/status (VmRSS), heap used from its
// own /metrics (nodejs_heap_size_used_bytes); neither forces a garbage collection, so they are what
// an operator's dashboard sees. A bare Node process idling on stdin is the floor, measured in the
// same run. Target: RSS under 200 MB after 5,000 commands. Then the CPU it spends a second while
// idle (10 s, from /proc/PID/stat), against the bare process idling the same way.
// Run after `npm run build`: node bench/memory.mjs   (BENCH_RUNS=3, BENCH_COMMANDS=5000;
// BENCH_PLAIN=1 runs `node bin/mktbot.js` without the flags, for comparison)
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const COMMANDS = Number(process.env.BENCH_COMMANDS ?? 5000);
const CHECKPOINTS = [1000, 2000, 5000].filter((n) => n <= COMMANDS);
const BATCH = 50;
const SECRET = 'bench-memory-secret-0123456789';
const TARGET_MB = 200;
const IDLE_MS = 10_000;
const PLAIN = process.env.BENCH_PLAIN === '1';
// BENCH_MKTBOT=PATH/bin/mktbot.js measures another build (an older commit's, for a before/after).
const BIN = path.resolve(process.env.BENCH_MKTBOT ?? path.join(root, 'bin/mktbot.js'));
/** The V8 flags `npm start` passes (the Dockerfile passes the same; test/unit/memory-flags.test.ts). */
const FLAGS = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'))
  .scripts.start.split(/\s+/)
  .filter((a) => a.startsWith('--'));

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** CPU time (user + system) the process has used so far, in ms (/proc/PID/stat, 100 ticks a second). */
function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * CPU the process spends a second while nobody asks it anything (its jobs: the dispatcher looks for
 * due posts every second), over IDLE_MS once the last answers have settled.
 */
async function idleCpu(pid) {
  await sleep(5000);
  const before = cpuMs(pid);
  await sleep(IDLE_MS);
  return ((cpuMs(pid) - before) * 1000) / IDLE_MS;
}

/** Resident memory now (VmRSS), or its peak since start (VmHWM). */
function rssMb(pid, field = 'VmRSS') {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1]) / 1024;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

// What a team types in a working day, cycled: reads and writes across every feature that works
// offline (no network: /seo and /connect reach outside, so they are left out). `i` keeps texts apart.
const MIX = [
  () => '/help',
  (i) => `/help ${['plan', 'schedule', 'alerts', 'draft'][i % 4]}`,
  () => '/config',
  () => '/home',
  (i) =>
    `/brainstorm product:"cold brew ${i % 7}" goal:${['awareness', 'sales', 'leads'][i % 3]} budget:${2000 + (i % 5) * 500}`,
  (i) => `/draft channel:instagram topic:"${i % 9} percent off all cold brew this weekend" tone:playful`,
  (i) => `/draft channel:facebook topic:"free tasting in Riyadh on day ${i % 28}" keywords:"coffee, Riyadh"`,
  () => '/plan list',
  (i) =>
    i % 100 === 7 ? `/plan create product:"cold brew" goal:sales budget:3000 market:"Riyadh ${i}"` : '/plan show 1',
  (i) => `/schedule add instagram in ${1 + (i % 300)} hours | New cold brew batch ${i} #coffee`,
  () => '/schedule list',
  () => '/report',
  () => '/report show 7d channel:facebook',
  () => '/report trends',
  () => '/alerts list',
  () => '/alerts config',
  () => '/digest preview',
  () => '/brand show',
  () => '/persona list',
  () => '/roles list',
  () => '/audit 5',
  () => '/config lang ar',
  () => '/home',
  () => '/alerts list',
  (i) => `/draft channel:x topic:"عرض خاص على القهوة الباردة ${i % 11}"`,
  () => '/report',
  () => '/config lang en',
];

const COMMENTS = [
  'Worst service ever, my order never arrived and nobody answers',
  'الطلب ما وصل لحد الآن، خدمة زفت',
  'Love it, amazing quality 😍',
  'المنتج حلو جدا بس التوصيل متأخر',
  'el order et2a5ar gedan, msh tab3i',
  'Do you deliver to Dammam?',
];

function startBot(dir, port) {
  const env = {
    ...process.env,
    DATABASE_URL: `file:${path.join(dir, 'bench.db')}`,
    PORT: String(port),
    WEBHOOK_SECRET: SECRET,
    LOG_LEVEL: 'silent',
    EXPORT_DIR: path.join(dir, 'exports'),
  };
  const args = [...(PLAIN ? [] : FLAGS), BIN, 'console'];
  const child = spawn(process.execPath, args, {
    cwd: dir,
    env,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let out = '';
  const waiters = [];
  child.stdout.setEncoding('utf8').on('data', (d) => {
    // Keep only a tail: the bench must not grow with what it reads.
    out = (out + d).slice(-20_000);
    for (const w of [...waiters]) {
      if (out.includes(w.marker)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  });
  /** Types the lines, then an unknown command as a marker, and waits for the marker's answer. */
  const type = (lines, marker) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer to ${marker} within 120 s`)), 120_000);
      waiters.push({
        marker: `/${marker}`,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
      child.stdin.write(`${lines.map((l) => `${l}\n`).join('')}/${marker}\n`);
    });
  return { child, type };
}

async function push(port, id, text) {
  const res = await fetch(`http://127.0.0.1:${port}/webhooks/comments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' },
    body: JSON.stringify({ platform: 'instagram', id, text, author: '@bench' }),
  });
  if (res.status !== 202) throw new Error(`webhook answered ${res.status}: ${await res.text()}`);
}

async function heapMb(port) {
  const body = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  return Number(/^nodejs_heap_size_used_bytes (\S+)/m.exec(body)?.[1]) / 1024 / 1024;
}

async function waitForServer(port) {
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(50);
  }
  throw new Error('the HTTP server did not start');
}

async function bareNode() {
  const child = spawn(
    process.execPath,
    ['-e', "process.stdin.on('data', () => {}); process.stdout.write('ready\\n')"],
    {
      stdio: ['pipe', 'pipe', 'ignore'],
    },
  );
  await new Promise((r) => child.stdout.once('data', r));
  await sleep(300);
  const rss = rssMb(child.pid);
  const cpu = await idleCpu(child.pid);
  child.stdin.end();
  await new Promise((r) => child.on('close', r));
  return { rss, cpu };
}

async function oneRun(run) {
  const dir = mkdtempSync(path.join(tmpdir(), 'mktbot-memory-'));
  const port = await freePort();
  const { child, type } = startBot(dir, port);
  const sample = async () => ({ rss: rssMb(child.pid), heap: await heapMb(port) });
  const figures = {};
  // What actually runs, flags included.
  const cmdline = () => readFileSync(`/proc/${child.pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  try {
    await type(['/help'], 'sync-start');
    await waitForServer(port);
    await sleep(500);
    figures.start = await sample();
    figures.cmdline = cmdline()
      .map((a) => path.basename(a))
      .join(' ');
    const began = process.hrtime.bigint();
    await push(port, 'load-en', COMMENTS[0]);
    await push(port, 'load-ar', COMMENTS[1]);
    figures.model = await sample();
    let sent = 0;
    while (sent < COMMANDS) {
      const lines = [];
      for (let j = 0; j < BATCH && sent < COMMANDS; j++, sent++) lines.push(MIX[sent % MIX.length](sent));
      await type(lines, `sync-${run}-${sent}`);
      await push(port, `c${run}-${sent}`, COMMENTS[(sent / BATCH) % COMMENTS.length]);
      if (CHECKPOINTS.includes(sent)) figures[sent] = await sample();
    }
    figures.ms = Number(process.hrtime.bigint() - began) / 1e6;
    figures.peak = { rss: rssMb(child.pid, 'VmHWM'), heap: Number.NaN };
    figures.idleCpu = await idleCpu(child.pid);
  } finally {
    child.stdin.end();
    await new Promise((r) => child.on('close', r));
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (xs) =>
  `${median(xs).toFixed(1).padStart(6)} MB (${Math.min(...xs).toFixed(1)}-${Math.max(...xs).toFixed(1)})`;

export async function run() {
  const runs = [];
  const bare = [];
  for (let r = 0; r < RUNS; r++) {
    bare.push(await bareNode());
    runs.push(await oneRun(r));
  }
  console.log(`memory of mktbot console, ${RUNS} runs, ${COMMANDS} mixed commands each: median (range)`);
  console.log(`  process: ${runs[0].cmdline}`);
  console.log('  overrides: DATABASE_URL (temporary SQLite), PORT, WEBHOOK_SECRET, LOG_LEVEL=silent');
  console.log(`  ${'point'.padEnd(22)} ${'RSS'.padEnd(28)} heap used`);
  console.log(`  ${'bare node'.padEnd(22)} ${fmt(bare.map((b) => b.rss))}`);
  const points = [
    ['after start', 'start'],
    ['after model load', 'model'],
    ...CHECKPOINTS.map((n) => [`after ${n} commands`, n]),
    ['peak over the run', 'peak'],
  ];
  for (const [label, key] of points) {
    console.log(
      `  ${label.padEnd(22)} ${fmt(runs.map((f) => f[key].rss)).padEnd(28)} ${key === 'peak' ? '' : fmt(runs.map((f) => f[key].heap))}`,
    );
  }
  const ms = runs.map((f) => f.ms / COMMANDS);
  console.log(
    `  time per command (comments included): ${median(ms).toFixed(2)} ms (${Math.min(...ms).toFixed(2)}-${Math.max(...ms).toFixed(2)})`,
  );
  const cpu = (xs) => `${median(xs).toFixed(1)} ms (${Math.min(...xs).toFixed(1)}-${Math.max(...xs).toFixed(1)})`;
  console.log(
    `  CPU a second while idle after the commands: ${cpu(runs.map((f) => f.idleCpu))}; bare node ${cpu(bare.map((b) => b.cpu))}`,
  );
  const last = median(runs.map((f) => f[CHECKPOINTS.at(-1) ?? 'model'].rss));
  console.log(`  target: < ${TARGET_MB} MB RSS after ${COMMANDS} commands: ${last < TARGET_MB ? 'met' : 'NOT met'}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
