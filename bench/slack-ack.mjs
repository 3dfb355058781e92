/**
 * Ack latency of signed `/config` slash commands: mktbot (`bin/mktbot.js start`, production defaults)
 * against a bare Bolt app whose handler only acks (the floor). The load generator (this process), the
 * minimal fake Slack, bare Bolt and mktbot each run in their own process, so mktbot's work after the
 * ack competes for the CPU as it does in production, not inside the client's own event loop.
 *
 * Two scenarios, each run BENCH_RUNS times (default 3), bare Bolt and mktbot measured in the same run:
 * - isolated: 100 concurrent commands, then wait until mktbot has answered every one (the fake Slack
 *   counts response_url posts), 5 rounds;
 * - back-to-back: 100 concurrent commands every 300 ms, 10 rounds, not waiting for the work to drain
 *   (the acks of each burst arrive while the previous bursts' work runs).
 * Target: mktbot's p99 within 1.25x of bare Bolt's in both, on the median of the runs. A second bare Bolt
 * process is measured the same way as a control: its ratio to the first is what the machine's noise
 * alone gives (two identical apps), so a single run's ratio is read against that spread. The CPU each
 * process spent per command (from /proc) is printed beside the latencies: it moves far less than p99.
 * Run after `npm run build`: `npm run bench -- slack-ack`. BENCH_CPU_PROF=DIR writes the CPU profiles
 * of mktbot and bare Bolt (node --cpu-prof) there; BENCH_MKTBOT=PATH/bin/mktbot.js measures another build (an older
 * commit's, for a before/after on the same machine).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { slashCommand } from './lib/slack.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const BURST = 100;
const ISOLATED_ROUNDS = 5;
const BACK_TO_BACK_ROUNDS = 10;
const GAP_MS = 300;
const SECRET = 'bench-secret';
const TOKEN = 'xoxb-bench';

const dir = mkdtempSync(path.join(tmpdir(), 'mktbot-bench-'));
const children = [];

/**
 * Spawns `node args` in its own process; resolves with the first match of `ready` in its stdout. With
 * `logFile`, stdout and stderr go to that file instead: the load generator must not spend its own
 * time reading the log lines of the server it measures (mktbot logs every request at info).
 */
function startChild(args, env, ready, logFile) {
  return new Promise((resolve, reject) => {
    const log = logFile ? openSync(logFile, 'w') : undefined;
    const stdio = log === undefined ? ['ignore', 'pipe', 'inherit'] : ['ignore', log, log];
    const child = spawn(process.execPath, args, { cwd: dir, env, stdio });
    children.push(child);
    let out = '';
    child.stdout?.setEncoding('utf8').on('data', (d) => {
      out += d;
      const m = ready?.exec(out);
      if (m) resolve({ child, found: m[1] });
    });
    if (!ready) resolve({ child });
    child.on('exit', (code) => reject(new Error(`${args.at(-1)} exited (${code}) before it was ready`)));
  });
}

/** A port nobody listens on now, for mktbot (its log, which names the port, goes to a file). */
async function freePort() {
  const server = createServer();
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  await new Promise((r) => server.close(r));
  return port;
}

const baseEnv = { PATH: process.env.PATH ?? '', HOME: dir };
const fake = await startChild([path.join(here, 'lib/slack-fake-process.mjs')], baseEnv, /READY (\S+)/);
const fakeUrl = fake.found;
const slackEnv = { SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: `${fakeUrl}/api/` };
const prof = process.env.BENCH_CPU_PROF;
const profArgs = prof ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(prof)] : [];
const bare = await startChild(
  [...profArgs, path.join(here, 'lib/bare-bolt-process.mjs')],
  { ...baseEnv, ...slackEnv },
  /READY (\S+)/,
);
const bareUrl = bare.found;
const control = await startChild(
  [path.join(here, 'lib/bare-bolt-process.mjs')],
  { ...baseEnv, ...slackEnv },
  /READY (\S+)/,
);
const controlUrl = control.found;

// mktbot as deployed: every setting at its default except these, which the benchmark needs.
const port = await freePort();
const overrides = { DATABASE_URL: `file:${path.join(dir, 'bench.db')}`, PORT: String(port), ...slackEnv };
console.log(
  `mktbot: bin/mktbot.js start, production defaults except DATABASE_URL (a temporary SQLite file), PORT=${port}, ` +
    'SLACK_BOT_TOKEN/SLACK_SIGNING_SECRET (bench values), SLACK_API_URL (the fake Slack); its log (stdout and stderr) written to a file',
);
const logFile = path.join(dir, 'mktbot.log');
const ours = await startChild(
  [...profArgs, path.resolve(process.env.BENCH_MKTBOT ?? path.join(root, 'bin/mktbot.js')), 'start'],
  { ...baseEnv, ...overrides },
  undefined,
  logFile,
);
for (let waited = 0; ; waited += 100) {
  const up = await fetch(`http://127.0.0.1:${port}/healthz`).then(
    (r) => r.ok,
    () => false,
  );
  if (up) break;
  if (waited > 30_000) throw new Error(`mktbot did not start: ${readFileSync(logFile, 'utf8').slice(0, 500)}`);
  await new Promise((r) => setTimeout(r, 100));
}
const oursUrl = `http://127.0.0.1:${port}/slack/events`;

let seq = 0;
let sentToUs = 0;
/** One burst of BURST concurrent signed commands; resolves with each one's time to its ack (ms). */
async function burst(url) {
  if (url === oursUrl) sentToUs += BURST;
  const one = async () => {
    const n = ++seq;
    const request = slashCommand({
      secret: SECRET,
      slackUrl: fakeUrl,
      n,
      command: '/config',
      // Half show the settings, half change the currency (EUR and USD in turn, so each is a change:
      // a value the workspace already has changes nothing and would measure less work).
      text: n % 2 ? '' : n % 4 ? 'currency EUR' : 'currency USD',
    });
    const started = performance.now();
    const res = await fetch(url, request);
    await res.text();
    if (res.status !== 200) throw new Error(`status ${res.status}`);
    return performance.now() - started;
  };
  return Promise.all(Array.from({ length: BURST }, one));
}

/** CPU time (user + system) a process has used so far, in ms; undefined where /proc is not there. */
function cpuMs(child) {
  try {
    const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}
// Linux counts CPU time in clock ticks of 1/100 s (USER_HZ) on every architecture Node runs on.
const TICKS_PER_SECOND = 100;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** Waits until mktbot has answered every command sent to it; resolves with how long that took. */
async function drained() {
  const t0 = performance.now();
  for (;;) {
    const { responses } = await (await fetch(`${fakeUrl}/_count`)).json();
    if (responses >= sentToUs) return performance.now() - t0;
    if (performance.now() - t0 > 120_000) throw new Error(`only ${responses} of ${sentToUs} answered`);
    await sleep(20);
  }
}

/** Bursts fired every GAP_MS whatever happened to the previous ones (an open loop). */
async function backToBack(url) {
  const t0 = performance.now();
  const bursts = [];
  for (let i = 0; i < BACK_TO_BACK_ROUNDS; i++) {
    await sleep(Math.max(0, t0 + i * GAP_MS - performance.now()));
    bursts.push(burst(url));
  }
  return (await Promise.all(bursts)).flat();
}

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const median = (xs) => pct(xs, 50);

// Warm-up: the first contact creates the workspace and member rows, and JIT-compiles both apps.
await burst(bareUrl);
await burst(oursUrl);
await drained();

await burst(controlUrl);

/** Runs `send` and returns what it resolved with and the CPU `child` spent meanwhile (ms). */
async function withCpu(child, send) {
  const before = cpuMs(child);
  const result = await send();
  const after = cpuMs(child);
  return { result, cpu: before === undefined || after === undefined ? Number.NaN : after - before };
}

const scenarios = {
  isolated: async () => {
    const times = { bare: [], control: [], ours: [] };
    const cpu = { bare: 0, ours: 0 };
    let drainMs = 0;
    for (let i = 0; i < ISOLATED_ROUNDS; i++) {
      const b = await withCpu(bare.child, () => burst(bareUrl));
      times.bare.push(...b.result);
      cpu.bare += b.cpu;
      times.control.push(...(await burst(controlUrl)));
      // The burst and its work: mktbot's CPU per command includes what it does after the ack.
      const o = await withCpu(ours.child, async () => {
        const acks = await burst(oursUrl);
        return { acks, drainMs: await drained() };
      });
      times.ours.push(...o.result.acks);
      cpu.ours += o.cpu;
      drainMs = Math.max(drainMs, o.result.drainMs);
    }
    return { times, cpu, commands: ISOLATED_ROUNDS * BURST, drainMs };
  },
  'back-to-back': async () => {
    // Each app's sequence on its own: none of them works while another is being measured.
    const b = await withCpu(bare.child, () => backToBack(bareUrl));
    const controlTimes = await backToBack(controlUrl);
    const o = await withCpu(ours.child, async () => {
      const acks = await backToBack(oursUrl);
      return { acks, drainMs: await drained() };
    });
    return {
      times: { bare: b.result, control: controlTimes, ours: o.result.acks },
      cpu: { bare: b.cpu, ours: o.cpu },
      commands: BACK_TO_BACK_ROUNDS * BURST,
      drainMs: o.result.drainMs,
    };
  },
};

const f = (x) => `${x.toFixed(0)} ms`;
const ms2 = (x) => `${x.toFixed(2)} ms`;
const range = (xs, fmt) => `${fmt(median(xs))} (${fmt(Math.min(...xs))}-${fmt(Math.max(...xs))})`;
try {
  for (const [name, scenario] of Object.entries(scenarios)) {
    const runs = [];
    for (let r = 0; r < RUNS; r++) {
      const { times, cpu, commands, drainMs } = await scenario();
      const run = {
        bare50: pct(times.bare, 50),
        bare99: pct(times.bare, 99),
        our50: pct(times.ours, 50),
        our99: pct(times.ours, 99),
        control99: pct(times.control, 99),
        bareCpu: cpu.bare / commands,
        ourCpu: cpu.ours / commands,
        drainMs,
      };
      run.ratio = run.our99 / run.bare99;
      run.controlRatio = run.control99 / run.bare99;
      runs.push(run);
      console.log(
        `  ${name} run ${r + 1}: bare p50 ${f(run.bare50)} p99 ${f(run.bare99)} | mktbot p50 ${f(run.our50)} ` +
          `p99 ${f(run.our99)} | p99 ratio ${run.ratio.toFixed(2)} (control ${run.controlRatio.toFixed(2)}) | ` +
          `CPU a command ${ms2(run.ourCpu)} (bare ${ms2(run.bareCpu)}) | work drained ${f(drainMs)} after the last burst`,
      );
    }
    const col = (k) => runs.map((r) => r[k]);
    const within = (k) => col(k).filter((x) => x <= 1.25).length;
    const met = median(col('ratio')) <= 1.25;
    console.log(
      `${name}: ${RUNS} runs, ${name === 'isolated' ? ISOLATED_ROUNDS : BACK_TO_BACK_ROUNDS} bursts of ${BURST} each`,
    );
    console.log(`  bare Bolt  p50 ${range(col('bare50'), f)}  p99 ${range(col('bare99'), f)}`);
    console.log(`  mktbot     p50 ${range(col('our50'), f)}  p99 ${range(col('our99'), f)}`);
    console.log(
      `  p99 ratio  ${range(col('ratio'), (x) => x.toFixed(2))} (target <= 1.25 on the median: ${met ? 'met' : 'NOT met'}; ` +
        `${within('ratio')} of ${RUNS} runs within it)`,
    );
    console.log(
      `  control    ${range(col('controlRatio'), (x) => x.toFixed(2))} (a second bare Bolt against the first: ` +
        `${within('controlRatio')} of ${RUNS} runs within 1.25; the spread is the machine's noise)`,
    );
    console.log(
      `  CPU a command: mktbot ${range(col('ourCpu'), ms2)} including its work after the ack, bare Bolt ${range(col('bareCpu'), ms2)}`,
    );
  }
  const { responses } = await (await fetch(`${fakeUrl}/_count`)).json();
  console.log(`every command answered: ${responses === sentToUs ? 'yes' : 'NO'} (${responses} of ${sentToUs})`);
  const lines = readFileSync(logFile, 'utf8').split('\n').filter(Boolean);
  const warnings = lines.filter((l) => /"level":(40|50|60)/.test(l));
  console.log(`mktbot logged ${lines.length} lines, ${warnings.length} of them warnings or errors`);
  if (warnings.length > 0) console.log(`  the first: ${warnings[0].slice(0, 300)}`);
  if (responses !== sentToUs) process.exitCode = 1;
} finally {
  // SIGTERM: mktbot stops as in production (and writes its CPU profile when asked).
  await Promise.all(
    children.map(
      (c) =>
        new Promise((r) => {
          if (c.exitCode !== null) return r();
          c.removeAllListeners('exit');
          c.on('exit', r);
          c.kill('SIGTERM');
        }),
    ),
  );
  rmSync(dir, { recursive: true, force: true });
}
