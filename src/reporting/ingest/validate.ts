/**
 * Checks metric records (CSV rows, JSON items, export rows mapped onto the contract) against the
 * metrics contract (docs/architecture.md §6): every problem is reported with its line or item, and
 * rows come out only from records without any.
 */
import { DateTime } from 'luxon';
import { minorDigits } from '../../lib/money.js';
import { latinDigits } from '../../lib/text.js';
import { checkChannel } from '../channel-names.js';
import type { MetricField } from '../kpi.js';
import {
  contractColumn,
  type InputRecord,
  KNOWN_COLUMNS,
  type LineError,
  MAX_CAMPAIGN,
  MAX_POSITION,
  MAX_ROWS,
  type MetricRow,
  MONEY_COLUMNS,
  NUMERIC_COLUMNS,
  type NumericColumn,
  type Problem,
} from '../metric-records.js';
import { type DecimalMark, plainDecimal } from './numbers.js';

/** Prisma Int is 32-bit signed. */
const MAX_INT = 2_147_483_647;
const CHANNEL = /^[\p{L}\p{N}][\p{L}\p{N} _.-]{0,39}$/u;
const KNOWN: ReadonlySet<string> = new Set(KNOWN_COLUMNS);
const NUMERIC = Object.entries(NUMERIC_COLUMNS) as Array<[NumericColumn, MetricField]>;

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

/** JSON numbers without exponent notation (1e-7 -> "0.0000001"), so majorToMinor can read them. */
function numberToPlain(n: number): string {
  const s = String(n);
  if (!/e/i.test(s)) return s;
  return n.toFixed(20).replace(/\.?0+$/, '');
}

export type RecordChecker = (record: InputRecord, rows: MetricRow[], errors: LineError[]) => void;

/**
 * Checks one record at a time against the contract, remembering keys to find duplicates. `mark` is
 * the decimal mark of the input's dialect (ingest/numbers.ts): `,` for a semicolon-separated file.
 */
export function recordChecker(
  currency: string,
  mark: DecimalMark = '.',
  customChannels: readonly string[] = [],
): RecordChecker {
  const digits = minorDigits(currency);
  // Keys already seen -> their line, as numbers: a day and a channel-and-campaign pair. A string key
  // per row kept slices of every chunk of a file alive (about 250 bytes a row, 90 MB for a year of a
  // thousand campaigns); a number is a few dozen bytes.
  const seen = new Map<number, number>();
  const pairs = new Map<string, number>();
  const keyOf = (row: MetricRow) => {
    const pair = `${row.channel}\u0000${row.campaign}`;
    let id = pairs.get(pair);
    if (id === undefined) {
      id = pairs.size;
      // A copy: the cells are slices of the file's chunks, and a kept slice keeps its whole chunk.
      pairs.set(JSON.parse(JSON.stringify(pair)) as string, id);
    }
    const day = Number(row.date.slice(0, 4)) * 372 + Number(row.date.slice(5, 7)) * 31 + Number(row.date.slice(8, 10));
    return id * 4_000_000 + day;
  };
  // A year of rows has 365 dates: each is judged once (a calendar check per row was a tenth of an import).
  const realDates = new Map<string, boolean>();
  const isRealDate = (date: string) => {
    let real = realDates.get(date);
    if (real === undefined) {
      real = /^\d{4}-\d{2}-\d{2}$/.test(date) && DateTime.fromISO(date, { zone: 'UTC' }).isValid;
      if (realDates.size < 10_000) realDates.set(date, real);
    }
    return real;
  };
  return (record, rows, errors) => {
    const { line } = record;
    const before = errors.length;
    const fail = (problem: Problem) => errors.push({ line, problem });
    const values = contractValues(record.values, fail);
    // Dates and figures typed in Arabic-Indic digits (١٠٠) are the same; names keep what was typed.
    const typedDate = cell(values.date);
    const date = typedDate === undefined ? undefined : latinDigits(typedDate);
    const channel = cell(values.channel)?.toLowerCase();
    const campaign = cell(values.campaign) ?? '';
    if (date === undefined) fail({ code: 'required', column: 'date' });
    else if (!isRealDate(date)) fail({ code: 'badDate', value: date });
    // The one place a channel name is judged: one spelling per channel, typos refused with a suggestion.
    const known = channel === undefined ? undefined : checkChannel(channel, customChannels);
    if (channel === undefined) fail({ code: 'required', column: 'channel' });
    else if (!CHANNEL.test(channel)) fail({ code: 'badChannel', value: channel });
    else if (known && !known.ok) fail({ code: 'unknownChannel', value: channel, suggestion: known.suggestion });
    if (campaign.length > MAX_CAMPAIGN) fail({ code: 'badCampaign' });
    const row = { date: date ?? '', channel: known?.ok ? known.id : (channel ?? ''), campaign } as MetricRow;
    for (const [column, field] of NUMERIC) {
      const typed = cell(values[column]);
      if (typed === undefined) {
        row[field] = 0;
        continue;
      }
      const value = plainDecimal(typed, mark);
      const money = MONEY_COLUMNS.has(column);
      const n =
        value === undefined
          ? undefined
          : money
            ? majorToMinor(value, digits)
            : /^\d+$/.test(value)
              ? Number(value)
              : undefined;
      if (n === undefined) {
        fail(
          !money && value !== undefined && /^\d+\.\d*$/.test(value)
            ? { code: 'notWhole', column, value: typed }
            : { code: 'badNumber', column, value: typed },
        );
      } else if (n > MAX_INT) fail({ code: 'tooLarge', column, value: typed });
      else row[field] = n;
    }
    row.searchPositionSum = 0;
    row.searchImpressions = 0;
    const typedPosition = cell(values.position);
    if (typedPosition !== undefined) {
      const position = plainDecimal(typedPosition, mark);
      const p = position === undefined ? Number.NaN : Number(position);
      if (!(p >= 1 && p <= MAX_POSITION)) fail({ code: 'badPosition', value: typedPosition });
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
    const key = keyOf(row);
    const first = seen.get(key);
    if (first !== undefined) {
      fail({ code: 'duplicateRow', firstLine: first });
      return;
    }
    seen.set(key, line);
    rows.push(row);
  };
}

/**
 * A record keyed by contract column: a JSON key in another spelling (`unsubscribes`, `Clicks`) is
 * read as its column (metric-records.ts contractColumn); CSV headers arrive so already. Copies only
 * when a key needs it, so a large file's rows are not copied.
 */
function contractValues(values: Record<string, unknown>, fail: (p: Problem) => void): Record<string, unknown> {
  let out = values;
  for (const key in values) {
    if (KNOWN.has(key)) continue;
    const column = contractColumn(key);
    if (!KNOWN.has(column)) fail({ code: 'unknownColumn', column: key });
    else if (column in values) fail({ code: 'duplicateColumn', column });
    else {
      if (out === values) out = { ...values };
      out[column] = values[key];
      delete out[key];
    }
  }
  return out;
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
  const check = recordChecker(currency, '.', customChannels);
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
  const check = recordChecker(currency, '.', customChannels);
  for (let i = 0; i < records.length; i += slice) {
    if (i > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    for (const record of records.slice(i, i + slice)) check(record, rows, errors);
  }
  return errors.length > 0 ? { rows: [], errors } : { rows, errors };
}
