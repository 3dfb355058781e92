/**
 * A metrics CSV file, read as a stream and stored as it is read (docs/reports.md, "Importing"): the
 * bytes are decoded (UTF-8, or UTF-16 with its byte-order mark), split into records in the file's
 * dialect (comma, semicolon or tab, guessed from the first lines), mapped onto the contract (mktbot's
 * own columns or a Google Ads or Search Console export), checked, and written a batch at a time in one
 * transaction. The first problem stops the writing but not the reading, so one run lists what there
 * is to fix; then the transaction is rolled back and nothing of the file stays.
 */
import type { Workspace } from '@prisma/client';
import type { Db } from '../../db/client.js';
import { CsvReader, type CsvRecord, CsvSyntaxError, type Delimiter, decodeText } from '../../lib/csv.js';
import { customChannelsOf } from '../channel-names.js';
import {
  contractColumn,
  type ImportResult,
  type InputRecord,
  KNOWN_COLUMNS,
  type LineError,
  MAX_FILE_ROWS,
  type MetricRow,
} from '../metric-records.js';
import { detectExport, exportMapper, HEADER_SEARCH_LINES, type ImportFormat } from '../search/exports.js';
import type { DecimalMark } from './numbers.js';
import { recordChecker } from './validate.js';
import { BATCH_ROWS, inMetricsTransaction } from './writer.js';

/** Problems listed at most; the rest are counted (a file wrong on every line is not printed whole). */
export const MAX_LISTED_ERRORS = 200;
/** The fewest bytes a row can take ("2026-11-01,x,1\n"): how the transaction's timeout is sized. */
const MIN_ROW_BYTES = 16;

export interface ImportProgress {
  /** Rows read so far (checked, and stored unless a problem was found). */
  rows: number;
  /** Bytes read so far, and the file's size when known. */
  bytes: number;
  totalBytes?: number;
}

export interface CsvImportOptions {
  format?: ImportFormat;
  source?: string;
  /** See TransactionOptions.waitForWriteLock (ingest/writer.ts). */
  waitForWriteLock?: boolean;
  /** The file's size in bytes when known: sizes the transaction's timeout and the progress. */
  totalBytes?: number;
  /** Called after each batch. */
  onProgress?: (p: ImportProgress) => void;
}

/** What the file's chunks are: text, or bytes in any encoding decodeText reads. */
export type CsvInput = string | AsyncIterable<Uint8Array | string>;

/** The semicolon is the list separator where the comma is the decimal mark (ingest/numbers.ts). */
const markOf = (d: Delimiter | undefined): DecimalMark => (d === ';' ? ',' : '.');

/** The records of the input, a chunk at a time, counting the bytes read. */
async function* recordChunks(
  input: CsvInput,
  reader: CsvReader,
  counter: { bytes: number },
): AsyncGenerator<CsvRecord[]> {
  const chunks = typeof input === 'string' ? [input] : input;
  async function* counted() {
    for await (const chunk of chunks) {
      counter.bytes += typeof chunk === 'string' ? chunk.length : chunk.byteLength;
      yield chunk;
    }
  }
  for await (const text of decodeText(counted())) yield reader.push(text);
  yield reader.end();
}

type Mapper = { skip: number; map(record: CsvRecord): InputRecord | LineError | undefined };

/** mktbot's own columns: the header's problems, or how each record becomes one keyed by column. */
function contractMapper(head: CsvRecord): Mapper | LineError[] {
  const header = head.fields.map(contractColumn);
  const joined = joinedHeader(header);
  if (joined) return [{ line: head.line, problem: { code: 'joinedHeader', cell: joined.cell, delimiter: joined.by } }];
  const errors: LineError[] = [];
  header.forEach((h, i) => {
    if (!KNOWN_COLUMNS.includes(h)) errors.push({ line: head.line, problem: { code: 'unknownColumn', column: h } });
    else if (header.indexOf(h) !== i) errors.push({ line: head.line, problem: { code: 'duplicateColumn', column: h } });
  });
  for (const column of ['date', 'channel']) {
    if (!header.includes(column)) errors.push({ line: head.line, problem: { code: 'missingColumn', column } });
  }
  if (errors.length > 0) return errors;
  const mapper: Mapper = {
    skip: 1,
    map(r) {
      if (r.fields.length !== header.length) {
        return { line: r.line, problem: { code: 'fieldCount', expected: header.length, got: r.fields.length } };
      }
      const values: Record<string, unknown> = {};
      for (let i = 0; i < header.length; i++) values[header[i] as string] = r.fields[i];
      return { line: r.line, values };
    },
  };
  return mapper;
}

/**
 * A header cell that holds several column names joined by a delimiter ("date;channel;spend" in one
 * cell): a file saved from one spreadsheet column, or quoted whole. The import says so instead of
 * listing one unknown column.
 */
function joinedHeader(header: readonly string[]): { cell: string; by: string } | undefined {
  for (const cell of header) {
    for (const by of [',', ';', '\t', '|']) {
      const names = cell.split(by).map((n) => n.trim());
      if (names.length > 1 && names.filter((n) => KNOWN_COLUMNS.includes(n)).length >= 2) return { cell, by };
    }
  }
  return undefined;
}

/** Reads `input` and stores its rows, all or nothing. */
export async function importCsvStream(
  db: Db,
  workspace: Workspace,
  input: CsvInput,
  o: CsvImportOptions = {},
): Promise<ImportResult> {
  const reader = new CsvReader();
  const counter = { bytes: 0 };
  const chunks = recordChunks(input, reader, counter);
  const errors: LineError[] = [];
  let omitted = 0;
  const fail = (e: LineError) => {
    if (errors.length < MAX_LISTED_ERRORS) errors.push(e);
    else omitted++;
  };
  const failed = (): ImportResult => ({ ok: false, errors, ...(omitted > 0 ? { omitted } : {}) });

  // The first records: enough to find a header below an export's title lines.
  const head: CsvRecord[] = [];
  let ended = false;
  try {
    while (head.length < HEADER_SEARCH_LINES) {
      const next = await chunks.next();
      if (next.done) {
        ended = true;
        break;
      }
      head.push(...next.value);
    }
  } catch (err) {
    await chunks.return(undefined);
    if (err instanceof CsvSyntaxError) return { ok: false, errors: [syntaxError(err)] };
    throw err;
  }
  if (head.length === 0) return { ok: false, errors: [{ line: 0, problem: { code: 'empty' } }] };
  const delimiter = reader.delimiter ?? ',';
  const mark = markOf(delimiter);
  const format = o.format ?? 'auto';
  const exported = format === 'auto' ? detectExport(head) : format === 'metrics' ? undefined : format;
  const mapper: Mapper | LineError | LineError[] = exported
    ? exportMapper(head, exported, mark)
    : contractMapper(head[0] as CsvRecord);
  if (Array.isArray(mapper) || 'problem' in mapper) {
    await chunks.return(undefined);
    return { ok: false, errors: Array.isArray(mapper) ? mapper : [mapper] };
  }
  const map = mapper;

  const check = recordChecker(workspace.currency, mark, customChannelsOf(workspace));
  const summary = { rows: 0, from: '', to: '', channels: new Set<string>() };
  // A stream of unknown size gets the time the largest file allowed would.
  const size = o.totalBytes ?? (typeof input === 'string' ? input.length : undefined);
  const expectedRows = size === undefined ? MAX_FILE_ROWS : Math.max(1, Math.ceil(size / MIN_ROW_BYTES));
  const rejected = new Rejected();
  try {
    const counts = await inMetricsTransaction(
      db,
      workspace,
      o.source ?? 'import',
      { expectedRows, ...(o.waitForWriteLock ? { waitForWriteLock: true } : {}) },
      async (writer) => {
        let batch: MetricRow[] = [];
        let records = 0;
        const rowErrors: LineError[] = [];
        const take = async (list: readonly CsvRecord[]) => {
          for (const r of list) {
            const record = map.map(r);
            if (record === undefined) continue;
            if (++records > MAX_FILE_ROWS) {
              fail({ line: 0, problem: { code: 'tooMany', max: MAX_FILE_ROWS } });
              throw rejected;
            }
            if ('problem' in record) {
              fail(record);
              continue;
            }
            check(record, batch, rowErrors);
            if (rowErrors.length > 0) {
              for (const e of rowErrors) fail(e);
              rowErrors.length = 0;
            }
            if (batch.length >= BATCH_ROWS) {
              // After the first problem the rest is only checked: nothing of the file will be kept.
              if (errors.length === 0) await writer.write(batch);
              note(summary, batch);
              batch = [];
              o.onProgress?.({ rows: summary.rows, bytes: counter.bytes, ...total(o) });
            }
          }
        };
        try {
          await take(head.slice(map.skip));
          if (!ended) for await (const list of chunks) await take(list);
        } catch (err) {
          if (!(err instanceof CsvSyntaxError)) throw err;
          fail(syntaxError(err));
        }
        if (records === 0 && errors.length === 0) fail({ line: 0, problem: { code: 'noRows' } });
        if (errors.length > 0) throw rejected;
        await writer.write(batch);
        note(summary, batch);
        o.onProgress?.({ rows: summary.rows, bytes: counter.bytes, ...total(o) });
        return writer.counts;
      },
    );
    return {
      ok: true,
      rows: summary.rows,
      ...counts,
      ...(summary.rows > 0 ? { from: summary.from, to: summary.to } : {}),
      channels: [...summary.channels].sort(),
    };
  } catch (err) {
    if (!(err instanceof Rejected)) throw err;
    return failed();
  } finally {
    // Closes the file when the reading stopped early (a problem, a busy database).
    await chunks.return(undefined);
  }
}

/** Thrown to roll the transaction back when the file has a problem. */
class Rejected extends Error {
  override readonly name = 'Rejected';
}

function syntaxError(err: CsvSyntaxError): LineError {
  return { line: err.line, problem: { code: 'syntax', detail: err.message } };
}

const total = (o: CsvImportOptions) => (o.totalBytes !== undefined ? { totalBytes: o.totalBytes } : {});

function note(summary: { rows: number; from: string; to: string; channels: Set<string> }, rows: readonly MetricRow[]) {
  for (const r of rows) {
    if (summary.rows === 0 || r.date < summary.from) summary.from = r.date;
    if (summary.rows === 0 || r.date > summary.to) summary.to = r.date;
    summary.channels.add(r.channel);
    summary.rows++;
  }
}
