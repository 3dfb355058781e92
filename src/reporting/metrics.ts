/**
 * Metric ingestion (docs/architecture.md §6 "Metrics CSV"): CSV files, JSON pushes and the demo seed all go through
 * validate -> store. Every problem is reported with its line (CSV) or item number (JSON); a file
 * with any problem stores nothing; storing replaces rows with the same workspace, date, channel and
 * campaign, so importing the same file twice changes nothing.
 */

import type { Workspace } from '@prisma/client';
import { defineMessages, iso, type Locale } from '../core/i18n.js';
import type { Db } from '../db/client.js';
import { channelMessages, customChannelsOf } from './channel-names.js';
import { type CsvImportOptions, type CsvInput, importCsvStream } from './ingest/csv-import.js';
import { validateRecords, validateRecordsYielding } from './ingest/validate.js';
import { type StoreCounts, storeRows } from './ingest/writer.js';
import {
  type ImportResult,
  type InputRecord,
  KNOWN_COLUMNS,
  type LineError,
  MAX_CAMPAIGN,
  MAX_POSITION,
  type MetricRow,
} from './metric-records.js';
import type { ImportFormat } from './search/exports.js';

export { majorToMinor, validateRecords, validateRecordsYielding } from './ingest/validate.js';
export type { ImportResult, InputRecord, LineError, MetricRow, Problem } from './metric-records.js';
export { MAX_ROWS, NUMERIC_COLUMNS } from './metric-records.js';

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
    joinedHeader: (p: { cell: string; delimiter: string }) =>
      `the header has the column names in one cell ("${p.cell}"), joined by ${p.delimiter}: save the file with one name per column (in a spreadsheet: Data > Split text to columns, separator ${p.delimiter}, then save as CSV)`,
    fieldCount: (p: { expected: number; got: number }) =>
      `expected ${p.expected} fields like the header, found ${p.got}`,
    notObject: 'expected an object with date, channel and metric fields',
    required: (p: { column: string }) => `"${p.column}" is required`,
    badDate: (p: { value: string }) => `date "${p.value}" is not a real date in YYYY-MM-DD form`,
    badChannel: (p: { value: string }) =>
      `channel "${p.value}" is not valid: use letters, digits, spaces, _ . - (at most 40 characters)`,
    badCampaign: `campaign is longer than ${MAX_CAMPAIGN} characters`,
    badNumber: (p: { column: string; value: string }) =>
      `${p.column} "${p.value}" is not a number of zero or more (digits, a decimal mark, thousands in groups of three: 1234.5 or 1,234.5)`,
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
    joinedHeader: (p) =>
      `أسماء الأعمدة كلها في خلية واحدة من سطر العناوين («${iso(p.cell)}») تفصل بينها ${iso(p.delimiter)}: احفظ الملف وفي كل عمود اسم واحد (في جدول البيانات: البيانات > تقسيم النص إلى أعمدة بالفاصل ${iso(p.delimiter)}، ثم احفظه بصيغة CSV)`,
    fieldCount: (p) => `المتوقع ${iso(p.expected)} حقلًا مثل العناوين، والموجود ${iso(p.got)}`,
    notObject: 'المتوقع كائن فيه date و channel وحقول المقاييس',
    required: (p) => `«${iso(p.column)}» مطلوب`,
    badDate: (p) => `التاريخ «${iso(p.value)}» ليس تاريخًا صحيحًا بالصيغة YYYY-MM-DD`,
    badChannel: (p) => `القناة «${iso(p.value)}» غير صالحة: استخدم حروفًا وأرقامًا ومسافات و _ . - (حتى ${iso(40)} حرفًا)`,
    badCampaign: `اسم الحملة أطول من ${MAX_CAMPAIGN} حرف`,
    badNumber: (p) =>
      `${iso(p.column)} «${iso(p.value)}» ليس رقمًا صفرًا أو أكبر (أرقام وفاصلة عشرية، والآلاف في مجموعات من ثلاثة: 1234.5 أو 1,234.5 أو ١٬٢٣٤٫٥)`,
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

/** A delimiter as a reader can see it: a tab is invisible in a message. */
function delimiterName(d: string, locale: Locale): string {
  if (d === '\t') return locale === 'ar' ? 'علامة الجدولة (Tab)' : 'tabs';
  return `"${d}"`;
}

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
    case 'joinedHeader':
      what = m.joinedHeader({ cell: p.cell, delimiter: delimiterName(p.delimiter, locale) });
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

  /** CSV text (a test, a small upload): the same reading and storing as a file (importFile). */
  importCsv(
    workspace: Workspace,
    text: string,
    source = 'import',
    format: ImportFormat = 'auto',
  ): Promise<ImportResult> {
    return this.importFile(workspace, text, { source, format });
  }

  /**
   * A CSV file read as a stream and stored as it is read, all or nothing (ingest/csv-import.ts):
   * `mktbot import-metrics` passes the file's bytes, its size and a progress callback.
   */
  importFile(workspace: Workspace, input: CsvInput, o: CsvImportOptions = {}): Promise<ImportResult> {
    return importCsvStream(this.db, workspace, input, {
      ...o,
      ...(this.o.waitForWriteLock ? { waitForWriteLock: true } : {}),
    });
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
   * Stores valid rows in one transaction, replacing rows with the same workspace, date, channel and
   * campaign: webhook pushes (and each slice of a large one), API pulls and the demo, through the
   * batched writer a CSV import uses (ingest/writer.ts).
   */
  store(workspace: Workspace, rows: readonly MetricRow[], source: string): Promise<StoreCounts> {
    return storeRows(this.db, workspace, rows, source, this.o.waitForWriteLock ? { waitForWriteLock: true } : {});
  }
}
