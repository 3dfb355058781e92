import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeError, majorToMinor } from '../../src/reporting/metrics.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

describe('majorToMinor', () => {
  it('converts decimals exactly and rounds half up to the minor unit', () => {
    expect(majorToMinor('12.34', 2)).toBe(1234);
    expect(majorToMinor('12.3', 2)).toBe(1230);
    expect(majorToMinor('12', 2)).toBe(1200);
    expect(majorToMinor('0.305', 2)).toBe(31);
    expect(majorToMinor('0.304', 2)).toBe(30);
    expect(majorToMinor('1234.5', 0)).toBe(1235); // JPY
    expect(majorToMinor('1.2345', 3)).toBe(1235); // KWD
    expect(majorToMinor('-1', 2)).toBeUndefined();
    expect(majorToMinor('1,000', 2)).toBeUndefined();
    expect(majorToMinor('abc', 2)).toBeUndefined();
  });
});

describe('metrics import', () => {
  let app: TestApp;
  const ws = () => app.services.db.workspace.findFirstOrThrow();
  beforeEach(async () => {
    app = await createTestApp();
    await app.say('/config');
  });
  afterEach(async () => {
    await app.cleanup();
  });

  const good = [
    'date,channel,campaign,impressions,clicks,spend,revenue,emails_delivered,emails_opened',
    '2026-11-01,Facebook,Launch,1000,20,12.50,40.10,,',
    '2026-11-01,email,,,,,,500,120',
    '2026-11-02,facebook,Launch,1100,25,13.0,55,,',
  ].join('\n');

  it('stores rows with money in minor units and channels lower-cased', async () => {
    const r = await app.services.metrics.importCsv(await ws(), good);
    expect(r).toMatchObject({ ok: true, rows: 3, inserted: 3, replaced: 0, from: '2026-11-01', to: '2026-11-02' });
    const rows = await app.services.db.metricDaily.findMany({ orderBy: [{ date: 'asc' }, { channel: 'asc' }] });
    expect(rows.map((x) => [x.date, x.channel, x.campaign, x.spendMinor, x.revenueMinor, x.emailsOpened])).toEqual([
      ['2026-11-01', 'email', '', 0, 0, 120],
      ['2026-11-01', 'facebook', 'Launch', 1250, 4010, 0],
      ['2026-11-02', 'facebook', 'Launch', 1300, 5500, 0],
    ]);
    expect(rows[0]?.currency).toBe('USD');
  });

  it('uses the workspace currency for minor units', async () => {
    await app.services.db.workspace.updateMany({ data: { currency: 'KWD' } });
    await app.services.metrics.importCsv(await ws(), 'date,channel,spend\n2026-11-01,facebook,1.234\n');
    const row = await app.services.db.metricDaily.findFirstOrThrow();
    expect(row).toMatchObject({ spendMinor: 1234, currency: 'KWD' });
  });

  it('reports every bad line and imports nothing', async () => {
    const csv = [
      'date,channel,clicks,spend',
      '2026-11-01,facebook,10,5.00',
      '2026-13-01,facebook,10,5.00',
      '2026-11-02,,10,5.00',
      '2026-11-03,facebook,ten,5.00',
      '2026-11-04,facebook,1.5,-2',
      '2026-11-01,facebook,3,1',
      '2026-11-05,facebook,3',
    ].join('\n');
    const r = await app.services.metrics.importCsv(await ws(), csv);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const lines = r.errors.map((e) => describeError(e, 'en'));
    expect(lines).toEqual([
      'line 3: date "2026-13-01" is not a real date in YYYY-MM-DD form',
      'line 4: "channel" is required',
      'line 5: clicks "ten" is not a number of zero or more (digits, a decimal mark, thousands in groups of three: 1234.5 or 1,234.5)',
      'line 6: clicks "1.5" must be a whole number',
      'line 6: spend "-2" is not a number of zero or more (digits, a decimal mark, thousands in groups of three: 1234.5 or 1,234.5)',
      'line 7: same date, channel and campaign as line 2',
      'line 8: expected 4 fields like the header, found 3',
    ]);
    expect(await app.services.db.metricDaily.count()).toBe(0);
  });

  it('reads unsubscribes under the names email tools export, and refuses two spellings at once', async () => {
    for (const header of ['Unsubscribes', 'unsubscribed', 'emails_unsubscribed']) {
      const csv = `date,channel,campaign,emails_delivered,${header}\n2026-11-03,email,Winter,900,4\n`;
      expect((await app.services.metrics.importCsv(await ws(), csv)).ok, header).toBe(true);
      const row = await app.services.db.metricDaily.findFirstOrThrow({ where: { date: '2026-11-03' } });
      expect(row.emailsUnsubscribed, header).toBe(4);
    }
    const both = await app.services.metrics.importCsv(
      await ws(),
      'date,channel,Unsubscribes,emails_unsubscribed\n2026-11-04,email,1,2\n',
    );
    expect(both.ok).toBe(false);
    if (both.ok) return;
    expect(describeError(both.errors[0] as never, 'en')).toBe('line 1: the column "emails_unsubscribed" appears twice');
    expect(await app.services.db.metricDaily.count({ where: { date: '2026-11-04' } })).toBe(0);
  });

  it('names unknown and missing columns on the header line', async () => {
    const r = await app.services.metrics.importCsv(await ws(), 'date,clickz,spend\n2026-11-01,3,1\n');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const lines = r.errors.map((e) => describeError(e, 'en'));
    expect(lines[0]).toMatch(/^line 1: unknown column "clickz". Known columns: date, channel, campaign, impressions/);
    expect(lines[1]).toBe('line 1: the header has no "channel" column, which is required');
    expect(describeError(r.errors[0] as never, 'ar')).toContain('السطر');
  });

  it('re-importing replaces rows instead of adding them', async () => {
    await app.services.metrics.importCsv(await ws(), good);
    const again = await app.services.metrics.importCsv(await ws(), good.replace('12.50', '99.99'));
    expect(again).toMatchObject({ ok: true, inserted: 0, replaced: 3 });
    expect(await app.services.db.metricDaily.count()).toBe(3);
    const fb = await app.services.db.metricDaily.findFirstOrThrow({
      where: { date: '2026-11-01', channel: 'facebook' },
    });
    expect(fb.spendMinor).toBe(9999);
  });

  it('rolls back the whole file when storing fails part-way', async () => {
    const w = await ws();
    const zero = { impressions: 0, clicks: 0, spendMinor: 0, revenueMinor: 0 };
    const rows = [
      { date: '2026-11-01', channel: 'a', campaign: '', ...zero },
      // Prisma refuses the second row after the first was written.
      { date: '2026-11-02', channel: null, campaign: '', ...zero },
    ];
    await expect(app.services.metrics.store(w, rows as never, 'import')).rejects.toThrow();
    expect(await app.services.db.metricDaily.count()).toBe(0);
  });

  it('accepts JSON objects with the same fields and numbers as numbers', async () => {
    const r = await app.services.metrics.importJson(await ws(), [
      { date: '2026-11-01', channel: 'google_ads', campaign: 'Brand', spend: 0.1 + 0.2, clicks: 12 },
    ]);
    expect(r).toMatchObject({ ok: true, rows: 1 });
    const row = await app.services.db.metricDaily.findFirstOrThrow();
    expect(row).toMatchObject({ spendMinor: 30, clicks: 12, source: 'push' });
    const bad = await app.services.metrics.importJson(await ws(), [{ date: '2026-11-01' }, 'x']);
    expect(bad.ok).toBe(false);
  });
});
