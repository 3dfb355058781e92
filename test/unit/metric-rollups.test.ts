// Monthly rollups (MetricMonthly) stay equal to the daily rows after every path that writes or
// deletes them, and a report read through them gives the daily figures exactly. Runs on SQLite, and
// on PostgreSQL with `npm run test:pg -- test/unit/metric-rollups.test.ts`.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { splitByMonths } from '../../src/lib/periods.js';
import { seedDemo } from '../../src/reporting/demo.js';
import { METRIC_FIELDS } from '../../src/reporting/kpi.js';
import { storeApiRows } from '../../src/reporting/metric-pull.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

const figures = METRIC_FIELDS.map((c) => `${c === 'followers' ? 'MAX' : 'SUM'}("${c}") AS "${c}"`).join(', ');

/** Rows as plain comparable records: numbers as numbers (PostgreSQL sums arrive as BigInt or Decimal). */
function plain(rows: Array<Record<string, unknown>>): Array<Record<string, string | number>> {
  return rows
    .map((r) =>
      Object.fromEntries(
        Object.entries(r).map(([k, v]) => [
          k,
          typeof v === 'string' ? v : k === 'searchPositionSum' ? Math.round(Number(v) * 1e6) / 1e6 : Number(v),
        ]),
      ),
    )
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

/** The days and their year, 2026-01-01 on, at a figure that changes with the day. */
function csv(from: string, to: string, campaigns: string[], bump = 0): string {
  const lines = ['date,channel,campaign,impressions,clicks,spend,revenue,conversions,followers'];
  for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1)) {
    const day = d.toISOString().slice(0, 10);
    const n = d.getUTCDate() + bump;
    campaigns.forEach((c, i) => {
      const channel = i % 2 === 0 ? 'facebook' : 'email';
      lines.push(
        `${day},${channel},${c},${1000 + n * 7 + i},${n + i},${n}.25,${n * 3 + i}.5,${n % 4},${500 + n * (i + 1)}`,
      );
    });
  }
  return lines.join('\n');
}

describe('monthly rollups (issue 25)', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp();
    await app.say('/config');
  });
  afterEach(async () => {
    await app.cleanup();
  });
  const ws = () => app.services.db.workspace.findFirstOrThrow();

  async function expectRollupsEqualDays() {
    const db = app.services.db;
    const days = await db.$queryRawUnsafe<Array<Record<string, unknown>>>(
      `SELECT "workspaceId", SUBSTR("date", 1, 7) AS "month", "channel", "campaign", COUNT(*) AS "rowCount", ${figures}
       FROM "MetricDaily" GROUP BY "workspaceId", SUBSTR("date", 1, 7), "channel", "campaign"`,
    );
    const months = await db.$queryRawUnsafe<Array<Record<string, unknown>>>(
      `SELECT "workspaceId", "month", "channel", "campaign", "rowCount", ${METRIC_FIELDS.map((c) => `"${c}"`).join(', ')} FROM "MetricMonthly"`,
    );
    expect(plain(months)).toEqual(plain(days));
    return months.length;
  }

  it('match the daily sums after an import, a replacing import, a push, an API pull, the demo and its reseed', async () => {
    const w = await ws();
    expect(await app.services.metrics.importCsv(w, csv('2026-01-20', '2026-03-10', ['Launch', 'News']))).toMatchObject({
      ok: true,
    });
    expect(await expectRollupsEqualDays()).toBe(6);
    // The same days again with other figures: every touched month is replaced, none doubled.
    expect(
      await app.services.metrics.importCsv(w, csv('2026-02-25', '2026-03-05', ['Launch', 'News'], 5)),
    ).toMatchObject({ ok: true });
    await expectRollupsEqualDays();
    // What the metrics webhook stores (webhook.ts: services.metrics.store(ws, rows, 'push')).
    const pushed = await app.services.metrics.checkJson(w, [
      { date: '2026-03-10', channel: 'facebook', campaign: 'Launch', spend: 999, followers: 99999 },
      { date: '2026-04-01', channel: 'web', sessions: 40 },
    ]);
    expect(pushed.errors).toEqual([]);
    await app.services.metrics.store(w, pushed.rows, 'push');
    expect(await expectRollupsEqualDays()).toBe(7);
    // A pull (Mailchimp and the networks): replaces its own rows, merging the figures it did not read.
    const day = { date: '2026-04-02', channel: 'email', campaign: 'News' };
    expect(await storeApiRows(app.services, w, [{ ...day, emailsSent: 100 }])).toBe(1);
    expect(await storeApiRows(app.services, w, [{ ...day, emailsOpened: 30 }])).toBe(1);
    await expectRollupsEqualDays();
    // The demo deletes its earlier rows before seeding again: months it no longer covers must go.
    await seedDemo(app.services.db, w, new Date('2026-06-15T09:00:00Z'));
    await expectRollupsEqualDays();
    const march = () =>
      app.services.db.metricMonthly.count({
        where: { workspaceId: w.id, month: '2026-03', campaign: { notIn: ['Launch', 'News', ''] } },
      });
    expect(await march()).toBeGreaterThan(0);
    await seedDemo(app.services.db, w, new Date('2026-11-26T09:00:00Z'));
    await expectRollupsEqualDays();
    expect(await march()).toBe(0);
    // A deleted workspace takes its months with it.
    await app.services.db.workspace.delete({ where: { id: w.id } });
    expect(await app.services.db.metricMonthly.count()).toBe(0);
  });

  it('give a report the same figures as the days themselves, with partial months at either end', async () => {
    const w = await ws();
    await app.services.metrics.importCsv(w, csv('2025-12-15', '2026-05-20', ['Launch', 'News', 'Promo']));
    const db = app.services.db;
    for (const [from, to] of [
      ['2026-01-15', '2026-04-10'], // edges and whole months
      ['2026-02-01', '2026-03-31'], // whole months only
      ['2026-02-03', '2026-02-20'], // inside one month
      ['2025-12-20', '2026-05-20'], // across the new year, to the last day with data
    ] as const) {
      const range = { from, to, days: Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1 };
      const d = await app.services.reports.build(w, range);
      const expected = await db.$queryRawUnsafe<Array<Record<string, unknown>>>(
        `SELECT "campaign", ${figures} FROM "MetricDaily" WHERE "workspaceId" = ${w.id} AND "date" >= '${from}' AND "date" <= '${to}' GROUP BY "campaign"`,
      );
      const got = d.campaigns.map((c) => ({
        campaign: c.name,
        ...Object.fromEntries(METRIC_FIELDS.map((f) => [f, c.totals[f]])),
      }));
      expect(plain(got), `${from}..${to}`).toEqual(plain(expected));
      const [count] = await db.$queryRawUnsafe<Array<{ n: unknown }>>(
        `SELECT COUNT(*) AS "n" FROM "MetricDaily" WHERE "workspaceId" = ${w.id} AND "date" >= '${from}' AND "date" <= '${to}'`,
      );
      expect(d.rows).toBe(Number(count?.n));
    }
  });
});

describe('long ranges by name (issue 25)', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp();
    await app.say('/config');
  });
  afterEach(async () => {
    await app.cleanup();
  });

  it('/report takes 365d, 90d and ytd, and their Arabic words, over a year of data', async () => {
    // The test clock stands at 2026-11-26 09:00 UTC: yesterday is the last complete day.
    const w = await app.services.db.workspace.findFirstOrThrow();
    expect(await app.services.metrics.importCsv(w, csv('2025-11-01', '2026-11-25', ['Launch']))).toMatchObject({
      ok: true,
    });
    const Y365 = 'Report: 26 Nov 2025 – 25 Nov 2026 (365 days)';
    const D90 = 'Report: 28 Aug – 25 Nov 2026 (90 days)';
    const YTD = 'Report: 1 Jan – 25 Nov 2026 (329 days)';
    for (const [spec, title] of [
      ['365d', Y365],
      ['آخر 365 يومًا', Y365],
      ['آخر سنة', Y365],
      ['90d', D90],
      ['آخر ٩٠ يومًا', D90],
      ['ytd', YTD],
      ['منذ بداية السنة', YTD],
    ] as const) {
      const r = await app.say(`/report range:"${spec}"`);
      expect(r.title, spec).toBe(title);
      expect(
        r.blocks.some((b) => b.kind === 'table'),
        spec,
      ).toBe(true);
    }
  });
});

describe('splitByMonths', () => {
  const r = (from: string, to: string) => ({
    from,
    to,
    days: Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1,
  });
  it('takes the whole months and leaves the days at either end', () => {
    expect(splitByMonths(r('2026-01-15', '2026-04-10'))).toEqual({
      months: { from: '2026-02', to: '2026-03' },
      days: [r('2026-01-15', '2026-01-31'), r('2026-04-01', '2026-04-10')],
    });
    expect(splitByMonths(r('2024-02-01', '2024-02-29'))).toEqual({
      months: { from: '2024-02', to: '2024-02' },
      days: [],
    });
    expect(splitByMonths(r('2025-11-26', '2026-11-25'))).toEqual({
      months: { from: '2025-12', to: '2026-10' },
      days: [r('2025-11-26', '2025-11-30'), r('2026-11-01', '2026-11-25')],
    });
  });
  it('keeps a range without a whole month as days', () => {
    expect(splitByMonths(r('2026-02-03', '2026-02-20'))).toEqual({ days: [r('2026-02-03', '2026-02-20')] });
    expect(splitByMonths(r('2026-01-20', '2026-02-27'))).toEqual({ days: [r('2026-01-20', '2026-02-27')] });
  });
});
