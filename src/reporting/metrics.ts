/**
 * Metric ingestion (docs/architecture.md §6 "Metrics CSV"): CSV files, JSON pushes and the demo seed all go through
 * validate -> store. Every problem is reported with its line (CSV) or item number (JSON); a file
 * with any problem stores nothing; storing replaces rows with the same workspace, date, channel and
 * campaign, so importing the same file twice changes nothing.
 */

import type { Workspace } from '@prisma/client';
import { DateTime } from 'luxon';
import { defineMessages, iso, type Locale } from '../core/i18n.js';
import type { Db } from '../db/client.js';
import { CsvSyntaxError, parseCsv } from '../lib/csv.js';
import { currencyDigits } from '../lib/format.js';
import { latinDigits } from '../lib/text.js';
import { channelMessages, checkChannel, customChannelsOf } from './channel-names.js';
import type { MetricField } from './kpi.js';
import type { InputRecord, LineError, Problem } from './metric-records.js';
import { detectExport, exportRecords, type ImportFormat } from './search-exports.js';

/** CSV/JSON column -> MetricDaily column. spend and revenue arrive in major units. */
export const NUMERIC_COLUMNS = {
  impressions: 'impressions',
  reach: 'reach',
  clicks: 'clicks',
  spend: 'spendMinor',
  revenue: 'revenueMinor',
  conversions: 'conversions',
  leads: 'leads',
  engagements: 'engagements',
  followers: 'followers',
  emails_sent: 'emailsSent',
  emails_delivered: 'emailsDelivered',
  emails_opened: 'emailsOpened',
  emails_clicked: 'emailsClicked',
  sessions: 'sessions',
  engaged_sessions: 'engagedSessions',
  engagement_seconds: 'engagementSeconds',
  new_users: 'newUsers',
  returning_users: 'returningUsers',
} as const satisfies Record<string, MetricField>;
type NumericColumn = keyof typeof NUMERIC_COLUMNS;
const MONEY_COLUMNS: ReadonlySet<string> = new Set(['spend', 'revenue']);
/**
 * position: Search Console's average position for the row (1 = top), stored weighted by the row's
 * impressions. currency: optional check that money columns are in the workspace currency.
 */
const KNOWN_COLUMNS = ['date', 'channel', 'campaign', ...Object.keys(NUMERIC_COLUMNS), 'position', 'currency'];
/** Search Console reports positions from 1; anything past this is not a search result page. */
const MAX_POSITION = 1000;

/** Prisma Int is 32-bit signed. */
const MAX_INT = 2_147_483_647;
const CHANNEL = /^[\p{L}\p{N}][\p{L}\p{N} _.-]{0,39}$/u;
const MAX_CAMPAIGN = 100;
/** More rows than this in one push or file is refused: split it. */
export const MAX_ROWS = 500_000;

export type MetricRow = { date: string; channel: string; campaign: string } & Record<MetricField, number>;

export type { InputRecord, LineError, Problem } from './metric-records.js';

export type ImportResult =
  | {
      ok: true;
      rows: number;
      inserted: number;
      replaced: number;
      from?: string;
      to?: string;
      channels: string[];
    }
  | { ok: false; errors: LineError[] };

export const metricMessages = defineMessages(
  'metrics',
  {
    where: (p: { line: number; unit: 'line' | 'item' }) => (p.line === 0 ? '' : `${p.unit} ${p.line}: `),
    syntax: (p: { detail: string }) => `the CSV is malformed (${p.detail})`,
    empty: 'the file is empty; the first line must be a header such as date,channel,campaign,spend,revenue',
    noRows: 'there are no rows to import',
    tooMany: (p: { max: number }) => `more than ${p.max} rows; split the input`,
    unknownColumn: (p: { column: string; known: string }) => `unknown column "${p.column}". Known columns: ${p.known}`,
    duplicateColumn: (p: { column: string }) => `the column "${p.column}" appears twice`,
    missingColumn: (p: { column: string }) => `the header has no "${p.column}" column, which is required`,
    fieldCount: (p: { expected: number; got: number }) =>
      `expected ${p.expected} fields like the header, found ${p.got}`,
    notObject: 'expected an object with date, channel and metric fields',
    required: (p: { column: string }) => `"${p.column}" is required`,
    badDate: (p: { value: string }) => `date "${p.value}" is not a real date in YYYY-MM-DD form`,
    badChannel: (p: { value: string }) =>
      `channel "${p.value}" is not valid: use letters, digits, spaces, _ . - (at most 40 characters)`,
    badCampaign: `campaign is longer than ${MAX_CAMPAIGN} characters`,
    badNumber: (p: { column: string; value: string }) =>
      `${p.column} "${p.value}" is not a number of zero or more (use a dot for decimals, no thousands separators)`,
    notWhole: (p: { column: string; value: string }) => `${p.column} "${p.value}" must be a whole number`,
    tooLarge: (p: { column: string; value: string }) => `${p.column} "${p.value}" is too large for one day`,
    duplicateRow: (p: { firstLine: number; unit: 'line' | 'item' }) =>
      `same date, channel and campaign as ${p.unit} ${p.firstLine}`,
    badPosition: (p: { value: string }) =>
      `position "${p.value}" is not an average search position (a number from 1 to ${MAX_POSITION})`,
    positionNeedsImpressions: 'a position needs the impressions it was measured on (impressions above zero)',
    currencyMismatch: (p: { value: string; expected: string }) =>
      `the amounts are in ${p.value} but the workspace reports in ${p.expected}; convert them or change the workspace currency`,
    noHeader: (p: { format: string }) => `no ${p.format} header row found in the first lines of the file`,
  },
  {
    where: (p) => (p.line === 0 ? '' : `${p.unit === 'line' ? 'السطر' : 'العنصر'} ${iso(p.line)}: `),
    syntax: (p) => `ملف CSV غير سليم (${iso(p.detail)})`,
    empty: 'الملف فارغ؛ يجب أن يكون السطر الأول عناوين مثل date,channel,campaign,spend,revenue',
    noRows: 'لا توجد صفوف للاستيراد',
    tooMany: (p) => `أكثر من ${iso(p.max)} صف؛ قسّم البيانات`,
    unknownColumn: (p) => `عمود غير معروف «${iso(p.column)}». الأعمدة المعروفة: ${iso(p.known)}`,
    duplicateColumn: (p) => `العمود «${iso(p.column)}» مكرر`,
    missingColumn: (p) => `لا يوجد في العناوين عمود «${iso(p.column)}» وهو مطلوب`,
    fieldCount: (p) => `المتوقع ${iso(p.expected)} حقلًا مثل العناوين، والموجود ${iso(p.got)}`,
    notObject: 'المتوقع كائن فيه date و channel وحقول المقاييس',
    required: (p) => `«${iso(p.column)}» مطلوب`,
    badDate: (p) => `التاريخ «${iso(p.value)}» ليس تاريخًا صحيحًا بالصيغة YYYY-MM-DD`,
    badChannel: (p) => `القناة «${iso(p.value)}» غير صالحة: استخدم حروفًا وأرقامًا ومسافات و _ . - (حتى ${iso(40)} حرفًا)`,
    badCampaign: `اسم الحملة أطول من ${MAX_CAMPAIGN} حرف`,
    badNumber: (p) => `${iso(p.column)} «${iso(p.value)}» ليس رقمًا صفرًا أو أكبر (استخدم النقطة للكسور ولا فواصل آلاف)`,
    notWhole: (p) => `${iso(p.column)} «${iso(p.value)}» يجب أن يكون عددًا صحيحًا`,
    tooLarge: (p) => `${iso(p.column)} «${iso(p.value)}» كبير جدًا ليوم واحد`,
    duplicateRow: (p) => `نفس التاريخ والقناة والحملة في ${p.unit === 'line' ? 'السطر' : 'العنصر'} ${iso(p.firstLine)}`,
    badPosition: (p) =>
      `position «${iso(p.value)}» ليس متوسط ترتيب في البحث (رقم من ${iso(1)} إلى ${iso(MAX_POSITION)})`,
    positionNeedsImpressions: 'الترتيب يحتاج إلى مرات الظهور التي قيس عليها (أكثر من صفر)',
    currencyMismatch: (p) =>
      `المبالغ بعملة ${iso(p.value)} لكن مساحة العمل تعرض التقارير بعملة ${iso(p.expected)}؛ حوّلها أو غيّر عملة مساحة العمل`,
    noHeader: (p) => `لم يوجد سطر عناوين بصيغة ${iso(p.format)} في أول أسطر الملف`,
  },
);

export function describeError(e: LineError, locale: Locale, unit: 'line' | 'item' = 'line'): string {
  const m = metricMessages[locale];
  const p = e.problem;
  let what = p.code === 'unknownChannel' ? channelMessages[locale].unknownChannel(p) : '';
  switch (p.code) {
    case 'syntax':
      what = m.syntax(p);
      break;
    case 'empty':
    case 'noRows':
    case 'notObject':
    case 'badCampaign':
      what = m[p.code];
      break;
    case 'tooMany':
      what = m.tooMany(p);
      break;
    case 'unknownColumn':
      what = m.unknownColumn({ column: p.column, known: KNOWN_COLUMNS.join(', ') });
      break;
    case 'duplicateColumn':
    case 'missingColumn':
    case 'required':
      what = m[p.code](p);
      break;
    case 'fieldCount':
      what = m.fieldCount(p);
      break;
    case 'badDate':
    case 'badChannel':
      what = m[p.code](p);
      break;
    case 'badNumber':
    case 'notWhole':
    case 'tooLarge':
      what = m[p.code](p);
      break;
    case 'duplicateRow':
      what = m.duplicateRow({ firstLine: p.firstLine, unit });
      break;
    case 'badPosition':
      what = m.badPosition(p);
      break;
    case 'currencyMismatch':
      what = m.currencyMismatch(p);
      break;
    case 'noHeader':
      what = m.noHeader(p);
      break;
    case 'positionNeedsImpressions':
      what = m.positionNeedsImpressions;
      break;
  }
  return `${m.where({ line: e.line, unit })}${what}`;
}

/**
 * "12.345" major units -> minor units of a currency with `digits` decimals, rounded half up, with
 * string arithmetic so 0.1 + 0.2 style float errors never reach the ledger.
 */
export function majorToMinor(value: string, digits: number): number | undefined {
  const m = /^(\d+)(?:\.(\d*))?$/.exec(value);
  if (!m) return undefined;
  const whole = (m[1] as string).replace(/^0+(?=\d)/, '');
  if (whole.length > 12) return Number.POSITIVE_INFINITY;
  const frac = m[2] ?? '';
  const kept = frac.slice(0, digits).padEnd(digits, '0');
  const roundUp = (frac[digits] ?? '0') >= '5' ? 1 : 0;
  return Number(whole) * 10 ** digits + (digits > 0 ? Number(kept) : 0) + roundUp;
}

function cell(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number') return Number.isFinite(v) ? numberToPlain(v) : String(v);
  if (typeof v === 'string') return v.trim() === '' ? undefined : v.trim();
  return JSON.stringify(v);
}

function numeric(v: unknown): string | undefined {
  const c = cell(v);
  return c === undefined ? undefined : latinDigits(c);
}

/** JSON numbers without exponent notation (1e-7 -> "0.0000001"), so majorToMinor can read them. */
function numberToPlain(n: number): string {
  const s = String(n);
  if (!/e/i.test(s)) return s;
  return n.toFixed(20).replace(/\.?0+$/, '');
}

/** Checks one record at a time against the contract, remembering keys to find duplicates. */
function recordChecker(currency: string, customChannels: readonly string[]) {
  const digits = currencyDigits(currency);
  const seen = new Map<string, number>();
  return ({ line, values }: InputRecord, rows: MetricRow[], errors: LineError[]): void => {
    const before = errors.length;
    const fail = (problem: Problem) => errors.push({ line, problem });
    for (const key of Object.keys(values)) {
      if (!KNOWN_COLUMNS.includes(key)) fail({ code: 'unknownColumn', column: key });
    }
    // Dates and figures typed in Arabic-Indic digits (١٠٠) are the same; names keep what was typed.
    const date = numeric(values.date);
    const channel = cell(values.channel)?.toLowerCase();
    const known = channel === undefined ? undefined : checkChannel(channel, customChannels); // one spelling, no typos
    const campaign = cell(values.campaign) ?? '';
    if (date === undefined) fail({ code: 'required', column: 'date' });
    else if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !DateTime.fromISO(date, { zone: 'UTC' }).isValid) {
      fail({ code: 'badDate', value: date });
    }
    if (channel === undefined) fail({ code: 'required', column: 'channel' });
    else if (!CHANNEL.test(channel)) fail({ code: 'badChannel', value: channel });
    else if (known && !known.ok) fail({ code: 'unknownChannel', value: channel, suggestion: known.suggestion });
    if (campaign.length > MAX_CAMPAIGN) fail({ code: 'badCampaign' });
    const row = { date: date ?? '', channel: known?.ok ? known.id : (channel ?? ''), campaign } as MetricRow;
    for (const [column, field] of Object.entries(NUMERIC_COLUMNS) as Array<[NumericColumn, MetricField]>) {
      const raw = numeric(values[column]);
      if (raw === undefined) {
        row[field] = 0;
        continue;
      }
      const money = MONEY_COLUMNS.has(column);
      const n = money ? majorToMinor(raw, digits) : /^\d+$/.test(raw) ? Number(raw) : undefined;
      if (n === undefined) {
        fail(
          !money && /^\d+\.\d*$/.test(raw)
            ? { code: 'notWhole', column, value: raw }
            : { code: 'badNumber', column, value: raw },
        );
      } else if (n > MAX_INT) fail({ code: 'tooLarge', column, value: raw });
      else row[field] = n;
    }
    row.searchPositionSum = 0;
    row.searchImpressions = 0;
    const position = numeric(values.position);
    if (position !== undefined) {
      const p = /^\d+(\.\d+)?$/.test(position) ? Number(position) : Number.NaN;
      if (!(p >= 1 && p <= MAX_POSITION)) fail({ code: 'badPosition', value: position });
      else if (!(row.impressions > 0)) fail({ code: 'positionNeedsImpressions' });
      else {
        row.searchPositionSum = p * row.impressions;
        row.searchImpressions = row.impressions;
      }
    }
    const rowCurrency = cell(values.currency)?.toUpperCase();
    if (rowCurrency !== undefined && rowCurrency !== currency.toUpperCase()) {
      fail({ code: 'currencyMismatch', value: rowCurrency, expected: currency });
    }
    if (errors.length > before) return;
    const key = `${row.date}\u0000${row.channel}\u0000${row.campaign}`;
    const first = seen.get(key);
    if (first !== undefined) {
      fail({ code: 'duplicateRow', firstLine: first });
      return;
    }
    seen.set(key, line);
    rows.push(row);
  };
}

/** Problems of the input as a whole (none, too many), before any record is read. */
function sizeProblem(records: readonly InputRecord[]): LineError | undefined {
  if (records.length === 0) return { line: 0, problem: { code: 'noRows' } };
  if (records.length > MAX_ROWS) return { line: 0, problem: { code: 'tooMany', max: MAX_ROWS } };
  return undefined;
}

/** Checks records against the contract; returns the rows only when there is no problem at all. */
export function validateRecords(
  records: readonly InputRecord[],
  currency: string,
  customChannels: readonly string[] = [],
): { rows: MetricRow[]; errors: LineError[] } {
  const problem = sizeProblem(records);
  if (problem) return { rows: [], errors: [problem] };
  const rows: MetricRow[] = [];
  const errors: LineError[] = [];
  const check = recordChecker(currency, customChannels);
  for (const record of records) check(record, rows, errors);
  return errors.length > 0 ? { rows: [], errors } : { rows, errors };
}

/**
 * validateRecords for a big input, a slice of records at a time with a turn of the event loop
 * between slices, so requests arriving meanwhile (Slack's acks) are not held up.
 */
export async function validateRecordsYielding(
  records: readonly InputRecord[],
  currency: string,
  customChannels: readonly string[] = [],
  slice = 1000,
): Promise<{ rows: MetricRow[]; errors: LineError[] }> {
  const problem = sizeProblem(records);
  if (problem) return { rows: [], errors: [problem] };
  const rows: MetricRow[] = [];
  const errors: LineError[] = [];
  const check = recordChecker(currency, customChannels);
  for (let i = 0; i < records.length; i += slice) {
    if (i > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    for (const record of records.slice(i, i + slice)) check(record, rows, errors);
  }
  return errors.length > 0 ? { rows: [], errors } : { rows, errors };
}

/**
 * CSV text -> records keyed by the contract's column names; header problems are reported on the
 * header's line. Google Ads and Search Console exports are recognised from their header (or named).
 */
export function csvRecords(
  text: string,
  format: ImportFormat = 'auto',
): { records: InputRecord[]; errors: LineError[] } {
  let parsed: ReturnType<typeof parseCsv>;
  try {
    parsed = parseCsv(text);
  } catch (err) {
    if (err instanceof CsvSyntaxError) {
      return { records: [], errors: [{ line: err.line, problem: { code: 'syntax', detail: err.message } }] };
    }
    throw err;
  }
  const exported = format === 'auto' ? detectExport(parsed) : format === 'metrics' ? undefined : format;
  if (exported) return exportRecords(parsed, exported);
  const [head, ...body] = parsed;
  if (!head) return { records: [], errors: [{ line: 0, problem: { code: 'empty' } }] };
  const header = head.fields.map((h) => h.trim().toLowerCase());
  const errors: LineError[] = [];
  header.forEach((h, i) => {
    if (!KNOWN_COLUMNS.includes(h)) errors.push({ line: head.line, problem: { code: 'unknownColumn', column: h } });
    else if (header.indexOf(h) !== i) errors.push({ line: head.line, problem: { code: 'duplicateColumn', column: h } });
  });
  for (const column of ['date', 'channel']) {
    if (!header.includes(column)) errors.push({ line: head.line, problem: { code: 'missingColumn', column } });
  }
  if (errors.length > 0) return { records: [], errors };
  const records: InputRecord[] = [];
  for (const r of body) {
    if (r.fields.length !== header.length) {
      errors.push({ line: r.line, problem: { code: 'fieldCount', expected: header.length, got: r.fields.length } });
      continue;
    }
    records.push({ line: r.line, values: Object.fromEntries(header.map((h, i) => [h, r.fields[i]])) });
  }
  return { records, errors };
}

/** A pushed body as records: one object or an array of them; anything else is a problem by item number. */
function jsonRecords(body: unknown): { records: InputRecord[]; errors: LineError[] } {
  const items = Array.isArray(body) ? body : [body];
  const records: InputRecord[] = [];
  const errors: LineError[] = [];
  items.forEach((item, i) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      errors.push({ line: i + 1, problem: { code: 'notObject' } });
    } else records.push({ line: i + 1, values: item as Record<string, unknown> });
  });
  return { records, errors };
}

export interface MetricsServiceOptions {
  /**
   * Take SQLite's write lock before reading, so a store waits for another process's lock (up to the
   * busy timeout) instead of being refused at its first write. For `mktbot import-metrics`, which
   * may block while it waits; the bot never should (src/db/busy.ts).
   */
  waitForWriteLock?: boolean;
}

export class MetricsService {
  constructor(
    private readonly db: Db,
    private readonly o: MetricsServiceOptions = {},
  ) {}

  async importCsv(
    workspace: Workspace,
    text: string,
    source = 'import',
    format: ImportFormat = 'auto',
  ): Promise<ImportResult> {
    const { records, errors } = csvRecords(text, format);
    if (errors.length > 0) {
      // Report row problems too, so one run shows everything to fix.
      const more =
        records.length > 0 ? validateRecords(records, workspace.currency, customChannelsOf(workspace)).errors : [];
      return { ok: false, errors: [...errors, ...more].sort((a, b) => a.line - b.line) };
    }
    return this.importRecords(workspace, records, source);
  }

  /** One object or an array of them, with the CSV column names as keys (POST /webhooks/metrics). */
  async importJson(workspace: Workspace, body: unknown, source = 'push'): Promise<ImportResult> {
    const { records, errors } = jsonRecords(body);
    if (errors.length > 0) return { ok: false, errors };
    return this.importRecords(workspace, records, source);
  }

  /**
   * Checks a pushed body without storing it, a slice at a time (a push can carry tens of thousands of
   * rows): the rows when all are valid, else every problem by item number.
   */
  async checkJson(workspace: Workspace, body: unknown): Promise<{ rows: MetricRow[]; errors: LineError[] }> {
    const { records, errors } = jsonRecords(body);
    if (errors.length > 0) return { rows: [], errors };
    return validateRecordsYielding(records, workspace.currency, customChannelsOf(workspace));
  }

  async importRecords(workspace: Workspace, records: readonly InputRecord[], source: string): Promise<ImportResult> {
    const { rows, errors } = validateRecords(records, workspace.currency, customChannelsOf(workspace));
    if (errors.length > 0) return { ok: false, errors };
    const stored = await this.store(workspace, rows, source);
    const dates = rows.map((r) => r.date).sort();
    return {
      ok: true,
      rows: rows.length,
      ...stored,
      ...(dates.length > 0 ? { from: dates[0] as string, to: dates[dates.length - 1] as string } : {}),
      channels: [...new Set(rows.map((r) => r.channel))].sort(),
    };
  }

  /**
   * Replaces rows by workspace+date+channel+campaign, all in one transaction: the rows a key already
   * has are deleted and every row is inserted, a few hundred per statement. (One upsert per row took
   * 70 s for a year of 33 campaigns and held SQLite's write lock all along; this takes about a second.)
   */
  async store(workspace: Workspace, rows: readonly MetricRow[], source: string) {
    if (rows.length === 0) return { inserted: 0, replaced: 0 };
    const dates = rows.map((r) => r.date).sort();
    const keyOf = (r: Pick<MetricRow, 'date' | 'channel' | 'campaign'>) =>
      `${r.date}\u0000${r.channel}\u0000${r.campaign}`;
    return this.db.$transaction(
      async (tx) => {
        // A write that changes nothing: SQLite grants the write lock here, waiting for it if need be.
        if (this.o.waitForWriteLock) await tx.$executeRawUnsafe('DELETE FROM "MetricDaily" WHERE 1 = 0');
        const existing = await tx.metricDaily.findMany({
          where: {
            workspaceId: workspace.id,
            date: { gte: dates[0] as string, lte: dates[dates.length - 1] as string },
          },
          select: { id: true, date: true, channel: true, campaign: true },
        });
        const idOf = new Map(existing.map((e) => [keyOf(e), e.id]));
        const stale = rows.flatMap((r) => idOf.get(keyOf(r)) ?? []);
        for (const ids of chunks(stale, DELETE_CHUNK)) await tx.metricDaily.deleteMany({ where: { id: { in: ids } } });
        for (const part of chunks(rows, INSERT_CHUNK)) {
          await tx.metricDaily.createMany({
            data: part.map((r) => ({ workspaceId: workspace.id, ...r, currency: workspace.currency, source })),
          });
        }
        return { inserted: rows.length - stale.length, replaced: stale.length };
      },
      // A year of rows takes a while on SQLite; the default 5 s would abort big imports.
      { timeout: 10 * 60_000, maxWait: 30_000 },
    );
  }
}

/** Rows per INSERT: 26 columns each stays well under SQLite's 32,766 bound parameters. */
const INSERT_CHUNK = 500;
const DELETE_CHUNK = 500;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
