import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/reply.js';
import { parseCsv } from '../../src/lib/csv.js';
import { describeError } from '../../src/reporting/metrics.js';
import { SHORT_RANGE_DAYS } from '../../src/reporting/reports.js';
import { detectExport, plainNumber } from '../../src/reporting/search/exports.js';
import { createTestApp, textOf as rawText, type TestApp } from '../helpers/app.js';

const textOf = (r: Reply) => rawText(r).replace(/\u00a0/g, ' ');

/** A Google Ads campaign report download: title lines, thousands separators, "--", total lines. */
const ADS = [
  'Campaign report',
  '"November 13, 2026 - November 26, 2026"',
  'Day,Campaign,Campaign state,Currency code,Cost,Impr.,Clicks,Avg. CPC,Conversions,Conv. value',
  '2026-11-20,Brand search,Enabled,USD,"1,200.50","10,000",400,3.00,20.40,"4,000.00"',
  '2026-11-21,Brand search,Enabled,USD,99.50,5000,100,1.00,9.60,1000',
  '"Nov 22, 2026",Generic,Paused,USD,--,0,0,--,0,0',
  '2026-11-14,Brand search,Enabled,USD,650,8000,250,2.60,10,1950',
  'Total: Account,--,--,USD,"2,050.00","23,000",750,2.73,40,"6,950.00"',
  'Total: Search,--,--,USD,"2,050.00","23,000",750,2.73,40,"6,950.00"',
].join('\n');

/** Search Console Performance export, Dates.csv. */
const GSC = [
  'Date,Clicks,Impressions,CTR,Position',
  '2026-11-20,30,1000,3%,2.5',
  '2026-11-21,10,3000,0.33%,10.5',
  '2026-11-14,20,2000,1%,6',
].join('\n');

describe('export detection and numbers', () => {
  it('recognises each export from its header and leaves the metrics contract alone', () => {
    expect(detectExport(parseCsv(ADS))).toBe('google-ads');
    expect(detectExport(parseCsv(GSC))).toBe('search-console');
    expect(detectExport(parseCsv('date,channel,clicks\n2026-11-01,x,1'))).toBeUndefined();
    // A metrics file with a position column is still the contract (it has channel).
    expect(detectExport(parseCsv('date,channel,clicks,impressions,position\n2026-11-01,x,1,2,3'))).toBeUndefined();
  });

  it('reads thousands separators and "--", and leaves anything else for validation', () => {
    expect(plainNumber('1,234.50')).toBe('1234.50');
    expect(plainNumber('12,345,678')).toBe('12345678');
    expect(plainNumber('--')).toBeUndefined();
    expect(plainNumber(' ')).toBeUndefined();
    expect(plainNumber('1,23')).toBe('1,23');
  });
});

describe('Google Ads and Search Console imports', () => {
  let app: TestApp;
  const ws = () => app.services.db.workspace.findFirstOrThrow();
  beforeEach(async () => {
    app = await createTestApp();
    await app.say('/config');
  });
  afterEach(async () => {
    await app.cleanup();
  });

  it('maps a Google Ads export onto google-ads rows, skipping total lines', async () => {
    const r = await app.services.metrics.importCsv(await ws(), ADS);
    expect(r).toMatchObject({ ok: true, rows: 4, channels: ['google-ads'], from: '2026-11-14', to: '2026-11-22' });
    const rows = await app.services.db.metricDaily.findMany({ orderBy: [{ date: 'asc' }, { campaign: 'asc' }] });
    expect(
      rows.map((x) => [
        x.date,
        x.channel,
        x.campaign,
        x.spendMinor,
        x.impressions,
        x.clicks,
        x.conversions,
        x.revenueMinor,
      ]),
    ).toEqual([
      ['2026-11-14', 'google-ads', 'Brand search', 65000, 8000, 250, 10, 195000],
      ['2026-11-20', 'google-ads', 'Brand search', 120050, 10000, 400, 20, 400000],
      ['2026-11-21', 'google-ads', 'Brand search', 9950, 5000, 100, 10, 100000],
      ['2026-11-22', 'google-ads', 'Generic', 0, 0, 0, 0, 0],
    ]);
    // Importing the same export again replaces, never duplicates.
    const again = await app.services.metrics.importCsv(await ws(), ADS);
    expect(again).toMatchObject({ ok: true, inserted: 0, replaced: 4 });
  });

  it('refuses amounts in another currency than the workspace, storing nothing', async () => {
    const eur = ADS.replace(/,USD,/g, ',EUR,');
    const r = await app.services.metrics.importCsv(await ws(), eur);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]?.line).toBe(4);
    expect(describeError(r.errors[0] as never, 'en')).toContain('in EUR but the workspace reports in USD');
    expect(await app.services.db.metricDaily.count()).toBe(0);
  });

  it('stores Search Console days on organic-search with the position weighted by impressions', async () => {
    const r = await app.services.metrics.importCsv(await ws(), GSC);
    expect(r).toMatchObject({ ok: true, rows: 3, channels: ['organic-search'] });
    const rows = await app.services.db.metricDaily.findMany({ where: { date: { gte: '2026-11-20' } } });
    const sum = rows.reduce((a, x) => a + x.searchPositionSum, 0);
    const weight = rows.reduce((a, x) => a + x.searchImpressions, 0);
    // (2.5 x 1000 + 10.5 x 3000) / 4000 = 8.5, not the plain mean of the days (6.5).
    expect(sum / weight).toBeCloseTo(8.5, 10);
  });

  it('takes --format as given and says when the header is not that export', async () => {
    const r = await app.services.metrics.importCsv(await ws(), GSC, 'import', 'google-ads');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(describeError(r.errors[0] as never, 'en')).toContain('no google-ads header row');
    const ar = describeError(r.errors[0] as never, 'ar');
    expect(ar).toContain('google-ads');
  });

  it('accepts position on the metrics contract (CSV and push) and checks it', async () => {
    const ok = await app.services.metrics.importJson(await ws(), [
      { date: '2026-11-20', channel: 'organic-search', clicks: 5, impressions: 100, position: 4.2 },
    ]);
    expect(ok.ok).toBe(true);
    const row = await app.services.db.metricDaily.findFirstOrThrow();
    expect(row.searchPositionSum).toBeCloseTo(420, 10);
    expect(row.searchImpressions).toBe(100);

    const bad = await app.services.metrics.importCsv(
      await ws(),
      'date,channel,impressions,position\n2026-11-21,organic-search,10,0.5\n2026-11-22,organic-search,0,3\n',
    );
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors.map((e) => [e.line, e.problem.code])).toEqual([
      [2, 'badPosition'],
      [3, 'positionNeedsImpressions'],
    ]);
    expect(await app.services.db.metricDaily.count()).toBe(1);
  });
});

describe('/report SEM and organic search sections', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp();
    await app.say('/config');
  });
  afterEach(async () => {
    await app.cleanup();
  });

  it('sum a long range (read through the covering index) exactly like the rows it covers', async () => {
    const ws = await app.services.db.workspace.findFirstOrThrow();
    await app.services.metrics.importCsv(ws, ADS);
    await app.services.metrics.importCsv(ws, GSC);
    const range = { from: '2026-06-01', to: '2026-11-26', days: 179 };
    expect(range.days).toBeGreaterThan(SHORT_RANGE_DAYS);
    const d = await app.services.reports.build(ws, range);
    const rows = await app.services.db.metricDaily.findMany();
    const sum = (f: 'spendMinor' | 'clicks' | 'searchImpressions') => rows.reduce((a, x) => a + x[f], 0);
    expect(d.rows).toBe(rows.length);
    expect(d.totals.spendMinor).toBe(sum('spendMinor'));
    expect(d.totals.clicks).toBe(sum('clicks'));
    expect(d.totals.searchImpressions).toBe(sum('searchImpressions'));
    // The short range over the same days agrees with the long one.
    const short = await app.services.reports.build(ws, { from: '2026-11-01', to: '2026-11-26', days: 26 });
    expect(short.totals).toEqual(d.totals);
  });

  it('are absent without search data', async () => {
    const ws = await app.services.db.workspace.findFirstOrThrow();
    await app.services.metrics.importCsv(ws, 'date,channel,clicks,spend\n2026-11-20,facebook,10,5\n');
    const out = textOf(await app.say('/report 7d'));
    expect(out).not.toContain('Search ads');
    expect(out).not.toContain('Organic search');
  });

  it('show cost, CPC, conversion value, ROAS and organic CTR and position against the previous week', async () => {
    const ws = await app.services.db.workspace.findFirstOrThrow();
    expect((await app.services.metrics.importCsv(ws, ADS)).ok).toBe(true);
    expect((await app.services.metrics.importCsv(ws, GSC)).ok).toBe(true);
    // The test clock stands at 2026-11-26 and the data ends on 11-22: 7d is 11-16..22, the week before
    // 11-09..15, of which only 11-14 and 15 have data (it starts on the 14th).
    const out = textOf(await app.say('/report 7d'));
    const sem = out.slice(
      out.indexOf('Search ads (Google Ads, channel google-ads)'),
      out.indexOf('Organic search (Search Console'),
    );
    // Cost 1,300 now vs 650 before, compared per day with data (issue 19.2): 1300/7 against 650/2.
    // CPC 1300/500 = 2.60 vs 650/250 = 2.60 (a rate: compared as it is); conversion value 5,000 vs 1,950.
    expect(sem).toMatch(/Cost \| USD 1,300 \| USD 650\.00 \| ▼ −42\.9%/);
    expect(sem).toContain('Clicks | 500 | 250 |');
    expect(sem).toContain('Impressions | 15,000 | 8,000 |');
    expect(sem).toContain('CPC | USD 2.60 | USD 2.60 | ▬');
    expect(sem).toContain('Conversions | 30 | 10 |');
    expect(sem).toContain('Conversion value | USD 5,000 | USD 1,950 |');
    expect(sem).toContain('ROAS | 3.85x | 3.00x |');
    const organic = out.slice(out.indexOf('Organic search (Search Console'));
    // CTR 40/4000 = 1.0% vs 20/2000 = 1.0%; position 8.5 vs 6 (worse: it rose).
    expect(organic).toContain('Clicks | 40 | 20 |');
    expect(organic).toContain('CTR | 1% | 1% |');
    // One decimal always (issue 19.7): 6.0, not 6.
    expect(organic).toContain('Average search position | 8.5 | 6.0 | ▲ +41.7%');
    expect(organic).toContain('lower is better');

    await app.say('/config lang ar');
    const ar = textOf(await app.say('/report 7d'));
    // The sections name their channels in Arabic, never by id (google-ads, organic-search).
    expect(ar).toMatch(/البحث المدفوع \(\u2068?إعلانات Google\u2069?\)/);
    expect(ar).toContain('البحث المجاني (من تقارير Search Console)');
    expect(ar).not.toMatch(/google-ads|organic-search/);
    expect(ar).toContain('متوسط الترتيب في البحث');
  });
});
