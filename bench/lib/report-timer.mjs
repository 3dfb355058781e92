// Child of bench/report.mjs: one process that opens an imported database and times one side of the
// comparison, then prints its samples as one JSON line on stdout.
//   node bench/lib/report-timer.mjs report CASES_JSON SAMPLES   the app: /report as the console prints it
//   node bench/lib/report-timer.mjs sql    CASES_JSON SAMPLES   the floor: the bare grouping SQL
// DATABASE_URL comes from the environment (production defaults otherwise; the parent prints what it
// overrides). Each case: one warm-up, then SAMPLES timed runs, each as wall and CPU milliseconds.
import Database from 'better-sqlite3';
import { DateTime } from 'luxon';
import { consoleIdentity } from '../../dist/src/adapters/console/console.js';
import { renderText } from '../../dist/src/adapters/console/render.js';
import { loadConfig } from '../../dist/src/config.js';
import { createLogger } from '../../dist/src/log.js';
import { createApp } from '../../dist/src/main.js';
import { buildDigest } from '../../dist/src/reporting/digest.js';
import { METRIC_FIELDS } from '../../dist/src/reporting/kpi.js';

const [mode, casesJson, samplesArg] = process.argv.slice(2);
const cases = JSON.parse(casesJson);
const SAMPLES = Number(samplesArg);
const NOW = new Date(process.env.BENCH_NOW);

/** Wall time, and this process's CPU time: on a shared machine the wall time includes waiting for a core. */
function clock() {
  const t = process.hrtime.bigint();
  const c = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(c);
    return { wall: Number(process.hrtime.bigint() - t) / 1e6, cpu: (used.user + used.system) / 1000 };
  };
}

async function timed(fn) {
  await fn(); // warm-up: statement plans, the chart's font
  const out = { wall: [], cpu: [] };
  for (let i = 0; i < SAMPLES; i++) {
    const stop = clock();
    await fn();
    const { wall, cpu } = stop();
    out.wall.push(wall);
    out.cpu.push(cpu);
  }
  return out;
}

async function timeApp() {
  const config = loadConfig(process.env);
  const app = await createApp({
    config,
    log: createLogger('silent'),
    clock: { now: () => NOW },
    notifier: { post: async () => ({}) },
  });
  const out = {};
  try {
    const who = consoleIdentity('en');
    const ws = await app.services.db.workspace.findFirstOrThrow({ where: { platform: 'console' } });
    for (const c of cases) {
      out[c.label] = await timed(async () => {
        if (c.digest) {
          const reply = await buildDigest(app.services, ws, DateTime.fromJSDate(NOW, { zone: 'UTC' }), 'en');
          if (!reply.blocks.some((b) => b.kind === 'image')) throw new Error('the digest came without its chart');
          return;
        }
        const shown = renderText(await app.router.handleText(c.command, who));
        if (!shown.includes('Totals')) throw new Error(`${c.command} did not render a report:\n${shown.slice(0, 500)}`);
      });
    }
  } finally {
    await app.stop();
  }
  return out;
}

/** What any report of the range must at least do: the per-channel-and-campaign sums, as SQLite plans them. */
function timeSql() {
  const db = new Database(new URL(process.env.DATABASE_URL).pathname, { readonly: true });
  const figures = METRIC_FIELDS.filter((f) => f !== 'followers')
    .map((c) => `SUM("${c}")`)
    .concat('MAX("followers")', 'COUNT(*)')
    .join(', ');
  const ws = db.prepare(`SELECT id FROM "Workspace" WHERE platform = 'console'`).get().id;
  const out = {};
  for (const c of cases) {
    const filter = `${c.channel ? ' AND "channel" = ?' : ''}${c.campaign ? ' AND "campaign" = ?' : ''}`;
    const stmt = db.prepare(
      `SELECT "channel", "campaign", ${figures} FROM "MetricDaily" WHERE "workspaceId" = ? AND "date" >= ? AND "date" <= ?${filter} GROUP BY "channel", "campaign"`,
    );
    const args = [ws, c.from, c.to, ...(c.channel ? [c.channel] : []), ...(c.campaign ? [c.campaign] : [])];
    // Synchronous, wrapped so both sides are timed by the same loop.
    out[c.label] = timedSync(() => stmt.all(...args));
  }
  db.close();
  return out;
}

function timedSync(fn) {
  fn();
  const out = { wall: [], cpu: [] };
  for (let i = 0; i < SAMPLES; i++) {
    const stop = clock();
    fn();
    const { wall, cpu } = stop();
    out.wall.push(wall);
    out.cpu.push(cpu);
  }
  return out;
}

const result = mode === 'sql' ? timeSql() : await timeApp();
process.stdout.write(`BENCH-RESULT ${JSON.stringify(result)}\n`);
