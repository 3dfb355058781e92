/**
 * Issue 19 items 9 and 10 and "Scale": CSV dialects and encodings, numbers as people write them, and
 * the one batched writer behind CSV imports, webhook pushes and API pulls (run on PostgreSQL too by
 * `npm run test:pg`).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { progressLine } from '../../src/cli/progress.js';
import { CsvReader, decodeText, parseCsv, sniffDelimiter } from '../../src/lib/csv.js';
import { plainDecimal } from '../../src/reporting/ingest/numbers.js';
import { BATCH_ROWS, MetricWriter, transactionTimeout } from '../../src/reporting/ingest/writer.js';
import { storeApiRows } from '../../src/reporting/metric-pull.js';
import { describeError } from '../../src/reporting/metrics.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

async function* bytes(...parts: Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const p of parts) yield p;
}

async function textOf(chunks: AsyncIterable<string>): Promise<string> {
  let out = '';
  for await (const c of chunks) out += c;
  return out;
}

function utf16(text: string, endian: 'le' | 'be', bom = true): Buffer {
  const le = Buffer.from(`${bom ? '\ufeff' : ''}${text}`, 'utf16le');
  return endian === 'le' ? le : Buffer.from(le).swap16();
}

describe('numbers in metric cells', () => {
  it('reads Arabic-Indic and Persian digits and the Arabic separators', () => {
    expect(plainDecimal('١٢٣')).toBe('123');
    expect(plainDecimal('۱۲۳')).toBe('123');
    expect(plainDecimal('١٢٫٥')).toBe('12.5');
    expect(plainDecimal('١٬٢٣٤٫٥')).toBe('1234.5');
    // The Arabic marks mean the same in a semicolon file: ٫ is never a thousands separator.
    expect(plainDecimal('١٫٢٣٤', ',')).toBe('1.234');
    expect(plainDecimal('١٬٢٣٤', ',')).toBe('1234');
  });

  it('reads thousands separators in groups of three and refuses anything else', () => {
    expect(plainDecimal('1,234')).toBe('1234');
    expect(plainDecimal('1,234,567.25')).toBe('1234567.25');
    expect(plainDecimal('1 234')).toBe('1234');
    expect(plainDecimal('1\u00a0234\u202f567')).toBe('1234567');
    expect(plainDecimal("1'234.5")).toBe('1234.5');
    for (const bad of ['1,23', '12,34,567', '1,234 567', '-2', '1e3', 'ten', '', '1.2.3', '.5,1'])
      expect(plainDecimal(bad), bad).toBeUndefined();
  });

  it('lets the dialect decide a lone comma or dot', () => {
    // In a comma (or tab) file the comma groups thousands...
    expect(plainDecimal('1,234', '.')).toBe('1234');
    expect(plainDecimal('1.234', '.')).toBe('1.234');
    // ...in a semicolon file it is the decimal mark and dots group thousands.
    expect(plainDecimal('1,234', ',')).toBe('1.234');
    expect(plainDecimal('1.234', ',')).toBe('1234');
    expect(plainDecimal('1.234.567,5', ',')).toBe('1234567.5');
    expect(plainDecimal('12.5', ',')).toBe('12.5');
    // Both marks in one cell: the last one is the decimal mark, in any dialect.
    expect(plainDecimal('1.234,5', '.')).toBe('1234.5');
    expect(plainDecimal('1,234.5', ',')).toBe('1234.5');
  });
});

describe('CSV dialects and encodings', () => {
  it('guesses the delimiter from the header and the first rows', () => {
    expect(sniffDelimiter('date,channel,spend\n2026-11-01,fb,1\n')).toBe(',');
    // Decimal commas in the rows do not fool it: the header has none.
    expect(sniffDelimiter('date;channel;spend;revenue\n2026-11-01;fb;12,5;40,1\n2026-11-02;fb;13;40\n')).toBe(';');
    expect(
      sniffDelimiter('Campaign report\n"Nov 1, 2026 - Nov 30, 2026"\nDay\tCost\tClicks\n2026-11-01\t1,234.50\t3\n'),
    ).toBe('\t');
    expect(sniffDelimiter('"a,b";c\n')).toBe(';');
  });

  it('reads a file cut into chunks anywhere exactly as the whole text', () => {
    const text =
      'date,campaign,spend\r\n2026-11-01,"Launch, ""EU""\r\nsecond line",12.5\r\n2026-11-02,x,3\r\n\r\n2026-11-03,,4';
    const whole = parseCsv(text);
    expect(whole.map((r) => r.line)).toEqual([1, 2, 4, 6]);
    for (let cut = 1; cut < text.length; cut++) {
      for (const step of [1, 7]) {
        const reader = new CsvReader(',');
        const out = [...reader.push(text.slice(0, cut))];
        for (let i = cut; i < text.length; i += step) out.push(...reader.push(text.slice(i, i + step)));
        out.push(...reader.end());
        expect(out, `cut at ${cut}, then ${step}`).toEqual(whole);
      }
    }
  });

  it('decodes UTF-16 LE and BE with a byte-order mark, and UTF-8 with or without one, across chunk cuts', async () => {
    const text = 'Day\tCampaign\tCost\n2026-11-01\tحملة الخريف\t1,234.50\n';
    for (const data of [utf16(text, 'le'), utf16(text, 'be'), Buffer.from(`\ufeff${text}`), Buffer.from(text)]) {
      for (const cut of [1, 2, 3, 5]) {
        const decoded = await textOf(decodeText(bytes(data.subarray(0, cut), data.subarray(cut))));
        expect(decoded.replace(/^\ufeff/, '')).toBe(text);
      }
    }
    // Without its mark, UTF-16 is still recognised by its zero bytes.
    expect(await textOf(decodeText(bytes(utf16(text, 'le', false))))).toBe(text);
  });
});

describe('metric imports', () => {
  let app: TestApp;
  const ws = () => app.services.db.workspace.findFirstOrThrow();
  beforeEach(async () => {
    app = await createTestApp();
    await app.say('/config');
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await app.cleanup();
  });
  const rows = () =>
    app.services.db.metricDaily.findMany({ orderBy: [{ date: 'asc' }, { channel: 'asc' }, { campaign: 'asc' }] });

  it('reads a semicolon file with decimal commas and dots grouping thousands', async () => {
    const csv = 'date;channel;campaign;clicks;spend;revenue\n2026-11-01;facebook;Herbst, EU;1.234;12,50;1.234,5\n';
    const r = await app.services.metrics.importCsv(await ws(), csv);
    expect(r).toMatchObject({ ok: true, rows: 1 });
    const [row] = await rows();
    expect([row?.campaign, row?.clicks, row?.spendMinor, row?.revenueMinor]).toEqual([
      'Herbst, EU',
      1234,
      1250,
      123450,
    ]);
  });

  it('reads the same "1,234" as a thousand and more in a comma file, and refuses it as clicks in a semicolon file', async () => {
    const comma = await app.services.metrics.importCsv(
      await ws(),
      'date,channel,clicks,spend\n2026-11-01,fb,"1,234","1,234"\n',
    );
    expect(comma).toMatchObject({ ok: true });
    expect((await rows()).map((x) => [x.clicks, x.spendMinor])).toEqual([[1234, 123400]]);
    const semi = await app.services.metrics.importCsv(
      await ws(),
      'date;channel;clicks;spend\n2026-11-01;fb;1,234;1,234\n',
    );
    expect(semi.ok).toBe(false);
    if (semi.ok) return;
    expect(semi.errors.map((e) => describeError(e, 'en'))).toEqual(['line 2: clicks "1,234" must be a whole number']);
    expect((await rows()).map((x) => [x.clicks, x.spendMinor])).toEqual([[1234, 123400]]);
  });

  it('reads a Google Ads "Excel CSV" download: UTF-16 LE, tab-separated, title lines', async () => {
    const text = [
      'Campaign report',
      'November 1, 2026 - November 2, 2026',
      'Day\tCampaign\tCurrency code\tCost\tImpr.\tClicks\tConversions\tConv. value',
      '2026-11-01\tBrand search\tUSD\t1,200.50\t10,000\t400\t20.40\t4,000.00',
      '2026-11-02\tحملة الخريف\tUSD\t99.50\t5000\t100\t9.60\t1000',
      'Total: Account\t--\tUSD\t1,300.00\t15,000\t500\t30\t5,000.00',
      '',
    ].join('\r\n');
    const data = utf16(text, 'le');
    const r = await app.services.metrics.importFile(await ws(), bytes(data.subarray(0, 33), data.subarray(33)));
    expect(r).toMatchObject({ ok: true, rows: 2, channels: ['google-ads'] });
    expect((await rows()).map((x) => [x.campaign, x.spendMinor, x.impressions, x.conversions, x.revenueMinor])).toEqual(
      [
        ['Brand search', 120050, 10000, 20, 400000],
        ['حملة الخريف', 9950, 5000, 10, 100000],
      ],
    );
  });

  it('reads Arabic-Indic digits and separators in numeric columns, UTF-16 BE', async () => {
    const csv =
      'date,channel,campaign,clicks,spend,position,impressions\n٢٠٢٦-١١-٠١,facebook,حملة ٢٠٢٦,"١٬٢٣٤",١٢٫٥,۲٫۵,۱۰۰\n';
    const r = await app.services.metrics.importFile(await ws(), bytes(utf16(csv, 'be')));
    expect(r).toMatchObject({ ok: true, rows: 1 });
    const [row] = await rows();
    expect([row?.date, row?.campaign, row?.clicks, row?.spendMinor, row?.searchPositionSum]).toEqual([
      '2026-11-01',
      'حملة ٢٠٢٦',
      1234,
      1250,
      250,
    ]);
  });

  it('says when the header names are joined in one cell, in English and Arabic', async () => {
    const r = await app.services.metrics.importCsv(await ws(), '"date;channel;spend"\n"2026-11-01;fb;1"\n');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toHaveLength(1);
    expect(describeError(r.errors[0] as never, 'en')).toBe(
      'line 1: the header has the column names in one cell ("date;channel;spend"), joined by ";": save the file with one name per column (in a spreadsheet: Data > Split text to columns, separator ";", then save as CSV)',
    );
    expect(describeError(r.errors[0] as never, 'ar')).toContain('في خلية واحدة');
  });

  /** A multi-batch file: `days` days x 10 campaigns, spend = 1 + day. */
  const bigCsv = (days: number, spend = (d: number) => String(1 + d)) => {
    const lines = ['date,channel,campaign,clicks,spend'];
    for (let d = 0; d < days; d++) {
      const date = new Date(Date.UTC(2026, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
      for (let c = 0; c < 10; c++) lines.push(`${date},facebook,C${c},${c},${spend(d)}`);
    }
    return `${lines.join('\n')}\n`;
  };

  it('stores nothing when a row in the middle of a multi-batch file is bad, and keeps what was there', async () => {
    const w = await ws();
    await app.services.metrics.importCsv(w, 'date,channel,campaign,spend\n2026-01-01,facebook,C0,99\n');
    const write = vi.spyOn(MetricWriter.prototype, 'write');
    const days = Math.ceil((BATCH_ROWS * 3) / 10);
    // Row 2 x BATCH_ROWS + 1 (its line is one more, after the header): two batches were written by then.
    const bad = new Date(Date.UTC(2026, 0, 1) + ((BATCH_ROWS * 2) / 10) * 86_400_000).toISOString().slice(0, 10);
    const csv = bigCsv(days).replace(new RegExp(`\\n(${bad},facebook,C0,0,)\\d+\\n`), '\n$1lots\n');
    const r = await app.services.metrics.importCsv(w, csv);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => describeError(e, 'en'))).toEqual([
      `line ${BATCH_ROWS * 2 + 2}: spend "lots" is not a number of zero or more (digits, a decimal mark, thousands in groups of three: 1234.5 or 1,234.5)`,
    ]);
    expect(write.mock.calls.length).toBeGreaterThanOrEqual(2);
    expect((await rows()).map((x) => [x.date, x.campaign, x.spendMinor])).toEqual([['2026-01-01', 'C0', 9900]]);
  });

  it('re-importing a multi-batch file updates the rows in place rather than adding or re-creating them', async () => {
    const w = await ws();
    const days = Math.ceil((BATCH_ROWS * 2.5) / 10);
    const first = await app.services.metrics.importCsv(w, bigCsv(days));
    expect(first).toMatchObject({ ok: true, rows: days * 10, inserted: days * 10, replaced: 0 });
    const before = await rows();
    const again = await app.services.metrics.importCsv(
      w,
      bigCsv(days + 2, (d) => String(2 + d)),
    );
    expect(again).toMatchObject({ ok: true, rows: (days + 2) * 10, inserted: 20, replaced: days * 10 });
    const after = await rows();
    expect(after).toHaveLength((days + 2) * 10);
    // Stored times are the import's (the same SQL on both databases writes them as Prisma would).
    expect(Math.abs((after[0]?.updatedAt.getTime() ?? 0) - Date.now())).toBeLessThan(10 * 60_000);
    // Same ids and creation times; new figures.
    expect(after.slice(0, before.length).map((x) => [x.id, x.createdAt.getTime(), x.spendMinor])).toEqual(
      before.map((x, i) => [x.id, x.createdAt.getTime(), (2 + Math.floor(i / 10)) * 100]),
    );
  });

  it('lists at most 200 problems and counts the rest', async () => {
    const r = await app.services.metrics.importCsv(
      await ws(),
      bigCsv(30, () => 'x'),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toHaveLength(200);
    expect(r.omitted).toBe(100);
  });

  it('webhook pushes and API pulls are stored by the same batched writer, replacing rows in place', async () => {
    const SECRET = 'a-long-webhook-secret-123';
    await app.cleanup();
    app = await createTestApp({ PORT: '0', WEBHOOK_SECRET: SECRET });
    const port = await app.listen();
    const write = vi.spyOn(MetricWriter.prototype, 'write');
    const push = (body: unknown) =>
      fetch(`http://127.0.0.1:${port}/webhooks/metrics`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${SECRET}` },
        body: JSON.stringify(body),
      });
    expect((await push({ date: '2026-11-20', channel: 'facebook', spend: '1,234.5' })).status).toBe(202);
    const [pushed] = await rows();
    expect((await push({ date: '2026-11-20', channel: 'facebook', spend: 11 })).status).toBe(202);
    expect((await rows()).map((x) => [x.id, x.spendMinor, x.source])).toEqual([[pushed?.id, 1100, 'push']]);
    expect(write).toHaveBeenCalledTimes(2);

    const w = await ws();
    const day = { date: '2026-11-21', channel: 'mailchimp', campaign: 'Winter' };
    expect(await storeApiRows(app.services, w, [{ ...day, emailsSent: 100 }])).toBe(1);
    const pulled = (await rows()).find((x) => x.channel === 'mailchimp');
    expect(await storeApiRows(app.services, w, [{ ...day, emailsOpened: 30 }])).toBe(1);
    const again = (await rows()).find((x) => x.channel === 'mailchimp');
    expect([again?.id, again?.emailsSent, again?.emailsOpened, again?.source]).toEqual([pulled?.id, 100, 30, 'api']);
    expect(write).toHaveBeenCalledTimes(4);
  });

  it('gives a big file a transaction long enough for it', () => {
    expect(transactionTimeout(1)).toBeGreaterThanOrEqual(60_000);
    // 2 million rows (the most a file may have) get over ten minutes, the old fixed bound.
    expect(transactionTimeout(2_000_000)).toBeGreaterThan(10 * 60_000);
  });
});

describe('the import progress line', () => {
  it('stays quiet for a short import, then rewrites one line on a terminal', () => {
    let t = 0;
    const out: string[] = [];
    const p = progressLine({ locale: 'en', tty: true, write: (s) => out.push(s), now: () => t });
    t = 1000;
    p.update({ rows: 1000, bytes: 10, totalBytes: 100 });
    expect(out).toEqual([]);
    t = 2500;
    p.update({ rows: 50_000, bytes: 25, totalBytes: 100 });
    t = 2600;
    p.update({ rows: 52_000, bytes: 26, totalBytes: 100 });
    t = 3000;
    p.update({ rows: 60_000, bytes: 30, totalBytes: 100 });
    p.done();
    expect(out).toEqual([
      '\rimporting: 50,000 rows read (25%), 20,000 rows a second\u001b[K',
      '\rimporting: 60,000 rows read (30%), 20,000 rows a second\u001b[K',
      '\n',
    ]);
  });

  it('writes whole lines, less often, when stderr is not a terminal, in Arabic too', () => {
    let t = 0;
    const out: string[] = [];
    const p = progressLine({ locale: 'ar', tty: false, write: (s) => out.push(s), now: () => t });
    for (t = 0; t <= 12_000; t += 500) p.update({ rows: t * 10, bytes: 0 });
    p.done();
    expect(out).toHaveLength(3);
    expect(out[0]).toMatch(/^جارٍ الاستيراد: قُرئ .*20,000.* صف، بمعدل .*10,000.* صف في الثانية\n$/);
  });
});
