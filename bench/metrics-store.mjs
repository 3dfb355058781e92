// Benchmark (issue 24 item 6): storing a big metrics push, 12,045 rows (a year of 33 campaigns), as
// `/webhooks/metrics` or `mktbot import-metrics` do, on SQLite. Side by side in one process on the
// same rows: "before" is one upsert per row in one transaction (what MetricsService.store did, which
// held SQLite's write lock for over a minute), "after" is MetricsService.store (delete the keys that
// exist, insert a few hundred rows per statement). Each is timed inserting into an empty table and
// replacing every row; medians of RUNS runs. Run after `npm run build`: node bench/metrics-store.mjs
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../dist/src/config.js';
import { createLogger } from '../dist/src/log.js';
import { createApp } from '../dist/src/main.js';
import { validateRecords } from '../dist/src/reporting/metrics.js';

const RUNS = 3;
const dir = mkdtempSync(path.join(tmpdir(), 'mktbot-bench-store-'));
const app = await createApp({
  config: loadConfig({ DATABASE_URL: `file:${path.join(dir, 'bench.db')}` }),
  log: createLogger('silent'),
});
const db = app.services.db;
const ws = await app.services.comments.consoleWorkspace();

const records = [];
for (let d = 0; d < 365; d++) {
  const date = new Date(Date.UTC(2025, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
  for (let c = 0; c < 33; c++) {
    records.push({
      line: records.length + 1,
      values: { date, channel: 'facebook', campaign: `Campaign ${c}`, spend: 12.5, clicks: 40, impressions: 1000 },
    });
  }
}
const { rows, errors } = validateRecords(records, ws.currency);
if (errors.length > 0) throw new Error(`bench rows invalid: ${JSON.stringify(errors[0])}`);

/** The previous MetricsService.store: one upsert per row. */
async function upsertEach(rowsToStore) {
  await db.$transaction(
    async (tx) => {
      for (const r of rowsToStore) {
        const data = { ...r, currency: ws.currency, source: 'push' };
        await tx.metricDaily.upsert({
          where: {
            workspaceId_date_channel_campaign: {
              workspaceId: ws.id,
              date: r.date,
              channel: r.channel,
              campaign: r.campaign,
            },
          },
          create: { workspaceId: ws.id, ...data },
          update: data,
        });
      }
    },
    { timeout: 10 * 60_000 },
  );
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function time(fn) {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

const figures = { before: { insert: [], replace: [] }, after: { insert: [], replace: [] } };
for (let run = 0; run < RUNS; run++) {
  for (const [name, store] of [
    ['before', upsertEach],
    ['after', (r) => app.services.metrics.store(ws, r, 'push')],
  ]) {
    await db.metricDaily.deleteMany({});
    figures[name].insert.push(await time(() => store(rows)));
    figures[name].replace.push(await time(() => store(rows)));
    if ((await db.metricDaily.count()) !== rows.length) throw new Error(`${name}: wrong row count`);
  }
}

console.log(`metrics store, ${rows.length} rows on SQLite, median of ${RUNS} runs (ms):`);
for (const kind of ['insert', 'replace']) {
  const b = median(figures.before[kind]);
  const a = median(figures.after[kind]);
  console.log(
    `  ${kind.padEnd(8)} before ${b.toFixed(0).padStart(7)}  after ${a.toFixed(0).padStart(6)}  ratio ${(b / a).toFixed(1)}x`,
  );
}
await app.stop();
rmSync(dir, { recursive: true, force: true });
