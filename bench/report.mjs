// Benchmark (issue 8): a year of daily rows for 20 channels x 50 campaigns (365,000 rows) on SQLite.
// Times /report over 30 days and over the whole year, and the weekly digest with its PNG chart.
// Targets: report under 300 ms, digest with chart under 1 s. Run after `npm run build`:
//   node bench/report.mjs        (or through bench/run.mjs when present)
// It also runs the report's per-channel-and-campaign sums both ways on the same data, side by side:
// "before" is the query SQLite plans by itself (the (workspaceId, date) index, then a temporary
// B-tree to group), "after" is what reports.ts runs: the covering MetricDaily_report_idx for ranges
// longer than SHORT_RANGE_DAYS, SQLite's own plan for shorter ones.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { DateTime } from 'luxon';
import { loadConfig } from '../dist/src/config.js';
import { createLogger } from '../dist/src/log.js';
import { createApp } from '../dist/src/main.js';
import { buildDigest } from '../dist/src/reporting/digest.js';
import { METRIC_FIELDS } from '../dist/src/reporting/kpi.js';
import { REPORT_INDEX, SHORT_RANGE_DAYS } from '../dist/src/reporting/reports.js';

const DAYS = 365;
const CHANNELS = 20;
const CAMPAIGNS_PER_CHANNEL = 50;
const RUNS = 7;
const NOW = new Date('2026-11-26T09:00:00Z');

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function sample(fn) {
  await fn(); // warm-up: first query plans, font loading
  const ms = [];
  for (let i = 0; i < RUNS; i++) {
    const t = process.hrtime.bigint();
    await fn();
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return ms;
}

async function time(label, target, fn) {
  const ms = await sample(fn);
  const m = median(ms);
  console.log(
    `${label.padEnd(34)} median ${m.toFixed(1).padStart(7)} ms  (min ${Math.min(...ms).toFixed(1)}, max ${Math.max(...ms).toFixed(1)}; target < ${target} ms) ${m < target ? 'OK' : 'SLOW'}`,
  );
}

export async function run() {
  const dir = mkdtempSync(path.join(tmpdir(), 'mktbot-bench-report-'));
  const file = path.join(dir, 'bench.db');
  const app = await createApp({
    config: loadConfig({ DATABASE_URL: `file:${file}`, LOG_LEVEL: 'silent' }),
    log: createLogger('silent'),
    clock: { now: () => NOW },
    notifier: { post: async () => ({}) },
  });
  try {
    const who = {
      platform: 'console',
      workspace: { externalId: 'bench' },
      user: { externalId: 'u', platformAdmin: true },
    };
    await app.router.handleText('/config', who);
    const ws = await app.services.db.workspace.findFirstOrThrow();

    // Bulk load straight through SQLite: the importer's per-row upserts are not what is measured.
    const t0 = Date.now();
    const db = new Database(file);
    const insert = db.prepare(
      `INSERT INTO MetricDaily (workspaceId, date, channel, campaign, currency, impressions, reach, clicks, spendMinor,
        revenueMinor, conversions, leads, engagements, sessions, source, updatedAt)
       VALUES (?, ?, ?, ?, 'USD', ?, ?, ?, ?, ?, ?, ?, ?, ?, 'bench', ?)`,
    );
    const end = DateTime.fromJSDate(NOW, { zone: 'UTC' }).startOf('day');
    const stamp = new Date().toISOString();
    let seed = 7;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    db.transaction(() => {
      for (let d = 0; d < DAYS; d++) {
        const date = end.minus({ days: d }).toISODate();
        for (let c = 0; c < CHANNELS; c++) {
          for (let k = 0; k < CAMPAIGNS_PER_CHANNEL; k++) {
            const impressions = 500 + Math.floor(rnd() * 5000);
            const clicks = Math.floor(impressions * 0.02 * rnd());
            const conversions = Math.floor(clicks * 0.05 * rnd());
            insert.run(
              ws.id,
              date,
              `channel_${c}`,
              `campaign_${k}`,
              impressions,
              Math.floor(impressions * 0.7),
              clicks,
              Math.floor(rnd() * 5000),
              conversions * 4000,
              conversions,
              Math.floor(conversions / 2),
              Math.floor(impressions * 0.03),
              0,
              stamp,
            );
          }
        }
      }
    })();
    db.close();
    console.log(`loaded ${DAYS * CHANNELS * CAMPAIGNS_PER_CHANNEL} rows in ${Date.now() - t0} ms`);

    await time('/report 30d', 300, () => app.router.handleText('/report 30d', who));
    await time('/report (whole year)', 300, () =>
      app.router.handleText(`/report ${end.minus({ days: DAYS - 1 }).toISODate()}..${end.toISODate()}`, who),
    );
    await time('/report 30d channel:channel_3', 300, () => app.router.handleText('/report 30d channel:channel_3', who));
    await time('digest with chart', 1000, () => buildDigest(app.services, ws, end, 'en'));

    // Last, so its year-long scans cannot skew the timings above.
    // The grouping query alone, before and after, on the same rows in the same process.
    const raw = new Database(file, { readonly: true });
    const figures = METRIC_FIELDS.filter((f) => f !== 'followers')
      .map((c) => `SUM("${c}")`)
      .concat('MAX("followers")', 'COUNT(*)')
      .join(', ');
    const grouping = (hint) =>
      raw.prepare(
        `SELECT "channel", "campaign", ${figures} FROM "MetricDaily" ${hint} WHERE "workspaceId" = ? AND "date" >= ? AND "date" <= ? GROUP BY "channel", "campaign"`,
      );
    const before = grouping('');
    const covering = grouping(`INDEXED BY "${REPORT_INDEX}"`);
    const plan = (stmt, ...args) =>
      raw
        .prepare(`EXPLAIN QUERY PLAN ${stmt.source}`)
        .all(...args)
        .map((r) => r.detail)
        .join('; ');
    const yearFrom = end.minus({ days: DAYS - 1 }).toISODate();
    console.log(`before: ${plan(before, ws.id, yearFrom, end.toISODate())}`);
    console.log(`after:  ${plan(covering, ws.id, yearFrom, end.toISODate())} (ranges over ${SHORT_RANGE_DAYS} days)`);
    for (const [label, days] of [
      ['30 days', 30],
      ['quarter', 91],
      ['half year', 182],
      ['whole year', DAYS],
    ]) {
      const from = end.minus({ days: days - 1 }).toISODate();
      const after = days > SHORT_RANGE_DAYS ? covering : before;
      // Alternated, so a burst of load on the machine hits both sides alike.
      const bs = [];
      const as = [];
      for (let i = 0; i <= RUNS; i++) {
        for (const [stmt, into] of [
          [before, bs],
          [after, as],
        ]) {
          const t = process.hrtime.bigint();
          stmt.all(ws.id, from, end.toISODate());
          if (i > 0) into.push(Number(process.hrtime.bigint() - t) / 1e6); // the first round warms up
        }
      }
      const b = median(bs);
      const a = median(as);
      const verdict = after === before ? 'same plan' : `ratio ${(b / a).toFixed(2)}x`;
      console.log(
        `sums by channel+campaign, ${label.padEnd(10)} median before ${b.toFixed(1).padStart(7)} ms  after ${a.toFixed(1).padStart(7)} ms  (${verdict})`,
      );
    }
    raw.close();
  } finally {
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export default run;

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await run();
