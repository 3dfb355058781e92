// Cold start of `mktbot console` to its first reply, and its peak RSS by then, against a bare Node
// process that answers one line (the floor no Node program can beat), run alternately in one process
// so both see the same machine load. Targets (issue 2): under 1.5 s to first reply, under 150 MB RSS.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 9);

function peakRssMb(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN);
    return kb / 1024;
  } catch {
    return Number.NaN;
  }
}

/** Starts a process, sends one line, resolves with the time to the first byte of the answer. */
function firstReply(args, env, marker) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, args, {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    let out = '';
    let done = false;
    child.stdout.setEncoding('utf8').on('data', (d) => {
      out += d;
      if (!done && out.includes(marker)) {
        done = true;
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        const rss = peakRssMb(child.pid);
        child.stdin.end();
        child.on('close', () => resolve({ ms, rss }));
      }
    });
    child.on('error', reject);
    child.stdin.write('/help\n');
    setTimeout(() => {
      if (!done) {
        child.kill('SIGKILL');
        reject(new Error(`no reply containing "${marker}" within 20 s; got: ${out.slice(0, 200)}`));
      }
    }, 20_000);
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

export async function run() {
  const dir = mkdtempSync(path.join(tmpdir(), 'mktbot-bench-'));
  const env = { DATABASE_URL: `file:${path.join(dir, 'bench.db')}`, LOG_LEVEL: 'silent' };
  const bare = [
    '-e',
    "process.stdin.once('data', () => process.stdout.write('pong\\n')); process.stdin.on('end', () => {});",
  ];
  // The first start creates and migrates the database; later starts are what users see every day.
  const first = await firstReply([path.join(root, 'bin/mktbot.js'), 'console'], env, 'mktbot commands');
  const bot = [];
  const base = [];
  for (let i = 0; i < RUNS; i++) {
    base.push(await firstReply(bare, {}, 'pong'));
    bot.push(await firstReply([path.join(root, 'bin/mktbot.js'), 'console'], env, 'mktbot commands'));
  }
  rmSync(dir, { recursive: true, force: true });
  const botMs = median(bot.map((r) => r.ms));
  const baseMs = median(base.map((r) => r.ms));
  const botRss = median(bot.map((r) => r.rss));
  const baseRss = median(base.map((r) => r.rss));
  console.log(`cold start to first reply (${RUNS} runs each, medians)`);
  console.log(`  first start (creates + migrates DB): ${first.ms.toFixed(0)} ms`);
  console.log(`  mktbot console:  ${botMs.toFixed(0)} ms   peak RSS ${botRss.toFixed(1)} MB`);
  console.log(`  bare node:       ${baseMs.toFixed(0)} ms   peak RSS ${baseRss.toFixed(1)} MB`);
  console.log(`  ratio:           ${(botMs / baseMs).toFixed(2)}x time, ${(botRss / baseRss).toFixed(2)}x memory`);
  console.log(`  target:          < 1500 ms and < 150 MB: ${botMs < 1500 && botRss < 150 ? 'met' : 'NOT met'}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
