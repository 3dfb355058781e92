/**
 * Google Ads and Google Search Console CSV exports, read with the column names those tools write and
 * mapped onto the metrics contract (docs/architecture.md §6), so they go through the same validation and storage as
 * any other import. Google Ads rows become channel `google-ads`, Search Console rows `organic-search`.
 *
 * What the exports look like (and why each rule below exists):
 * - Google Ads report downloads start with a title line and a date-range line before the header, and
 *   end with "Total: ..." summary lines; numbers may carry thousands separators ("1,234.50"), "--"
 *   means none, and conversions are fractional under data-driven attribution.
 * - Search Console's Performance export (Dates.csv) is `Date,Clicks,Impressions,CTR,Position`, with
 *   CTR as "3.2%" (recomputed here from clicks and impressions, never stored) and Position an average.
 *   Exports by date and query add a `Query` column: the query is stored as the row's campaign, so the
 *   SEO watch can say which queries moved (src/search/watch.ts).
 */
import { DateTime } from 'luxon';
import type { CsvRecord } from '../../lib/csv.js';
import { type DecimalMark, plainDecimal } from '../ingest/numbers.js';
import type { InputRecord, LineError } from '../metric-records.js';

export const EXPORT_FORMATS = ['google-ads', 'search-console'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
/** `metrics` is mktbot's own contract; `auto` picks from the header. */
export type ImportFormat = 'auto' | 'metrics' | ExportFormat;

export const SEM_CHANNEL = 'google-ads';
export const ORGANIC_CHANNEL = 'organic-search';

interface ExportSpec {
  channel: string;
  /** contract column -> header names the tool writes (lower case). The first column is the date. */
  columns: Record<string, readonly string[]>;
  /** Contract columns the header must have for the file to be this format. */
  required: readonly string[];
  /** Columns that tell this format apart from the other one. */
  marker: readonly string[];
}

const SPECS: Record<ExportFormat, ExportSpec> = {
  'google-ads': {
    channel: SEM_CHANNEL,
    columns: {
      date: ['day', 'date'],
      campaign: ['campaign', 'campaign name'],
      spend: ['cost'],
      clicks: ['clicks'],
      impressions: ['impressions', 'impr.'],
      conversions: ['conversions'],
      revenue: ['conv. value', 'conversion value', 'conversions value'],
      currency: ['currency code', 'currency'],
    },
    required: ['date', 'spend'],
    marker: ['spend'],
  },
  'search-console': {
    channel: ORGANIC_CHANNEL,
    columns: {
      date: ['date', 'dates'],
      // Exports by date and query (Search Console API, Looker Studio) keep each query's position.
      campaign: ['query', 'queries', 'top queries', 'search query', 'keyword'],
      clicks: ['clicks'],
      impressions: ['impressions'],
      position: ['position'],
    },
    required: ['date', 'clicks', 'impressions', 'position'],
    marker: ['position'],
  },
};

/** Title lines a tool writes above the header; past this many lines a header is not looked for. */
export const HEADER_SEARCH_LINES = 5;

function indexColumns(fields: readonly string[], spec: ExportSpec): Map<string, number> {
  const names = fields.map((f) => f.trim().toLowerCase());
  const found = new Map<string, number>();
  for (const [column, aliases] of Object.entries(spec.columns)) {
    const at = names.findIndex((n) => aliases.includes(n));
    if (at >= 0) found.set(column, at);
  }
  return found;
}

function matches(fields: readonly string[], format: ExportFormat): boolean {
  const spec = SPECS[format];
  const found = indexColumns(fields, spec);
  return spec.required.every((c) => found.has(c)) && spec.marker.every((c) => found.has(c));
}

/** Which export a file is, from its first lines; undefined for mktbot's own contract (or unknown). */
export function detectExport(records: readonly CsvRecord[]): ExportFormat | undefined {
  const head = records.slice(0, HEADER_SEARCH_LINES);
  // mktbot's own header wins: it has a channel column, which neither export has.
  const first = head[0]?.fields.map((f) => f.trim().toLowerCase()) ?? [];
  if (first.includes('channel')) return undefined;
  for (const r of head) {
    for (const format of EXPORT_FORMATS) if (matches(r.fields, format)) return format;
  }
  return undefined;
}

/**
 * "1,234.50" -> "1234.50" (ingest/numbers.ts, in the file's dialect); "--" and "" -> undefined (no
 * figure); anything else as it is, for validation.
 */
export function plainNumber(raw: string | undefined, mark: DecimalMark = '.'): string | undefined {
  const v = raw?.trim();
  if (v === undefined || v === '' || v === '--' || v === '-') return undefined;
  return plainDecimal(v, mark) ?? v;
}

/**
 * A figure as the file wrote it, for validation to read in the file's dialect (read here already, a
 * "1.500" could be read twice: 1.5, then 1500); "--" and "" -> undefined. A fractional count
 * ("12.40" conversions, data-driven attribution) becomes whole, half up.
 */
function figure(raw: string | undefined, mark: DecimalMark, whole: boolean): string | undefined {
  const v = plainNumber(raw, mark);
  if (v === undefined) return undefined;
  if (!whole || !/^\d+\.\d+$/.test(v)) return raw?.trim();
  return String(Math.round(Number(v)));
}

/** Google Ads writes ISO days; some UI exports write "Nov 1, 2026". Both become YYYY-MM-DD. */
function isoDay(raw: string | undefined): string | undefined {
  const v = raw?.trim();
  if (!v) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
  const d = DateTime.fromFormat(v, 'LLL d, yyyy', { locale: 'en', zone: 'UTC' });
  return d.isValid ? (d.toISODate() ?? v) : v;
}

/** Reads an export's rows one at a time, once its header is found. */
export interface ExportMapper {
  /** How many of the first records are title lines and the header. */
  skip: number;
  /** The record in the contract's column names, or undefined for a summary line ("Total: ..."). */
  map(record: CsvRecord): InputRecord | undefined;
}

/** The mapper for an export whose header is among `head` (the file's first records), or the problem. */
export function exportMapper(
  head: readonly CsvRecord[],
  format: ExportFormat,
  mark: DecimalMark = '.',
): ExportMapper | LineError {
  const spec = SPECS[format];
  const headerAt = head.slice(0, HEADER_SEARCH_LINES).findIndex((r) => matches(r.fields, format));
  if (headerAt < 0) return { line: head[0]?.line ?? 0, problem: { code: 'noHeader', format } };
  const at = indexColumns((head[headerAt] as CsvRecord).fields, spec);
  const columns = Object.keys(spec.columns).filter((c) => c !== 'date');
  return {
    skip: headerAt + 1,
    map(r) {
      // "Total: Account", "Total: Campaigns", ...: summaries of the rows above, not days.
      if (r.fields.some((f) => /^\s*total\b/i.test(f))) return undefined;
      const get = (column: string) => {
        const i = at.get(column);
        return i === undefined ? undefined : r.fields[i];
      };
      const values: Record<string, unknown> = { channel: spec.channel, date: isoDay(get('date')) };
      for (const column of columns) {
        const raw = get(column);
        if (column === 'campaign' || column === 'currency') values[column] = raw?.trim();
        else values[column] = figure(raw, mark, column === 'conversions');
      }
      return { line: r.line, values };
    },
  };
}

/** Records in the contract's column names, with the file's line numbers kept for error messages. */
export function exportRecords(
  records: readonly CsvRecord[],
  format: ExportFormat,
  mark: DecimalMark = '.',
): { records: InputRecord[]; errors: LineError[] } {
  const mapper = exportMapper(records, format, mark);
  if ('problem' in mapper) return { records: [], errors: [mapper] };
  const out: InputRecord[] = [];
  for (const r of records.slice(mapper.skip)) {
    const record = mapper.map(r);
    if (record) out.push(record);
  }
  return { records: out, errors: [] };
}
