/**
 * A small RFC 4180 CSV reader and writer. Written here rather than taken from npm because the
 * importer needs the line number where each record starts (what users see in error messages), reads
 * files of a million rows a chunk at a time, and tells apart the dialects spreadsheets write: comma,
 * semicolon (European Excel, where the comma is the decimal mark) and tab (Google Ads' "Excel CSV"),
 * in UTF-8 or UTF-16 with a byte-order mark.
 */
import { storable } from './text.js';

export interface CsvRecord {
  /** 1-based line number of the record's first character in the file (the header is line 1). */
  line: number;
  fields: string[];
}

export class CsvSyntaxError extends Error {
  override readonly name = 'CsvSyntaxError';
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

export const DELIMITERS = [',', ';', '\t'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/** How much text the delimiter is guessed from (a header and a few hundred rows). */
const SNIFF_CHARS = 16 * 1024;
/** Records of the sample that vote on the delimiter: title lines, the header and some rows. */
const SNIFF_RECORDS = 20;

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

/**
 * The delimiter that splits the most of the sample's first records into the same number of fields
 * (more than one); on a tie the one giving more fields, then the comma. The header votes too, which
 * is what tells a semicolon file with decimal commas ("12,5") from a comma file: its header has no
 * comma at all. Title lines above a header (Google Ads) have one field and do not vote.
 */
export function sniffDelimiter(sample: string): Delimiter {
  // The first lines only, so a syntax error further down does not disqualify the right delimiter.
  let cut = -1;
  for (let k = 0; k < SNIFF_RECORDS; k++) {
    const next = sample.indexOf('\n', cut + 1);
    if (next < 0) break;
    cut = next;
  }
  // Lines only: a last line without its line break is left out (it may be cut short).
  const head = sample.slice(0, cut + 1);
  let best: { delimiter: Delimiter; rows: number; fields: number } = { delimiter: ',', rows: 0, fields: 0 };
  for (const delimiter of DELIMITERS) {
    let records: CsvRecord[];
    try {
      records = scan(head, delimiter, 1, false).records;
    } catch {
      // Not this delimiter: with it the sample is not well-formed CSV ("a;b",c read with ";").
      continue;
    }
    const byCount = new Map<number, number>();
    for (const r of records)
      if (r.fields.length > 1) byCount.set(r.fields.length, (byCount.get(r.fields.length) ?? 0) + 1);
    for (const [fields, rows] of byCount) {
      if (rows > best.rows || (rows === best.rows && fields > best.fields)) best = { delimiter, rows, fields };
    }
  }
  return best.delimiter;
}

interface Scanned {
  records: CsvRecord[];
  /** Index of the first character not consumed (the start of an incomplete record). */
  consumed: number;
  /** Line number at `consumed`. */
  line: number;
}

/**
 * Splits `text` into records from line `line` on. Unless `final`, a record whose end is not in the
 * text yet (no line break after it, an open quote, a CR that may be half of a CRLF) is left for the
 * next chunk. Quoted fields may hold delimiters, doubled quotes and line breaks; a quote elsewhere in
 * a field is kept as a character. A blank line is skipped; an unclosed quote or text after a closing
 * quote is a syntax error naming the line.
 */
function scan(text: string, delimiter: string, startLine: number, final: boolean): Scanned {
  const d = delimiter.charCodeAt(0);
  const n = text.length;
  const records: CsvRecord[] = [];
  let i = 0;
  let line = startLine;
  for (;;) {
    if (i >= n) break;
    const recordStart = i;
    const recordLine = line;
    const fields: string[] = [];
    let complete = false;
    for (;;) {
      if (i >= n) {
        // After a delimiter at the very end: an empty last field, once the text is known to end here.
        if (final) {
          fields.push('');
          complete = true;
        }
        break;
      }
      let end: number;
      if (text.charCodeAt(i) === QUOTE) {
        let value = '';
        let from = i + 1;
        let closed = -1;
        for (;;) {
          const q = text.indexOf('"', from);
          if (q < 0) break;
          if (q + 1 >= n && !final) break; // a doubled quote may be split across chunks
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += text.slice(from, q + 1);
            from = q + 2;
            continue;
          }
          value += text.slice(from, q);
          closed = q;
          break;
        }
        if (closed < 0) {
          if (final) throw new CsvSyntaxError(line, 'a quoted field is never closed');
          break;
        }
        for (let k = value.indexOf('\n'); k >= 0; k = value.indexOf('\n', k + 1)) line++;
        end = closed + 1;
        const next = end < n ? text.charCodeAt(end) : -1;
        if (next !== -1 && next !== d && next !== CR && next !== LF) {
          throw new CsvSyntaxError(line, 'text after a closing quote; double a quote inside a quoted field');
        }
        fields.push(value);
      } else {
        end = i;
        while (end < n) {
          const c = text.charCodeAt(end);
          if (c === d || c === CR || c === LF) break;
          end++;
        }
        fields.push(text.slice(i, end));
      }
      if (end >= n) {
        if (final) complete = true;
        i = end;
        break;
      }
      const c = text.charCodeAt(end);
      if (c === d) {
        i = end + 1;
        continue;
      }
      if (c === CR && end + 1 >= n && !final) break; // maybe the first half of a CRLF
      i = end + (c === CR && text.charCodeAt(end + 1) === LF ? 2 : 1);
      line++;
      complete = true;
      break;
    }
    if (!complete) {
      return { records, consumed: recordStart, line: recordLine };
    }
    // A blank line is one empty field: nothing to import, not an error.
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: recordLine, fields });
  }
  return { records, consumed: n, line };
}

/**
 * Reads CSV text a chunk at a time: `push` returns the records each chunk completes, `end` the last
 * one. Without a delimiter it is guessed from the first 16 KB (sniffDelimiter); `delimiter` says
 * which one was used once the first records are out.
 */
export class CsvReader {
  private pending = '';
  private line = 1;
  private started = false;
  delimiter: Delimiter | undefined;

  constructor(delimiter?: Delimiter) {
    this.delimiter = delimiter;
  }

  push(chunk: string): CsvRecord[] {
    let text = storable(chunk);
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    this.pending += text;
    if (this.delimiter === undefined && this.pending.length < SNIFF_CHARS) return [];
    return this.take(false);
  }

  end(): CsvRecord[] {
    return this.take(true);
  }

  private take(final: boolean): CsvRecord[] {
    this.delimiter ??= sniffDelimiter(this.pending);
    const r = scan(this.pending, this.delimiter, this.line, final);
    this.pending = this.pending.slice(r.consumed);
    this.line = r.line;
    return r.records;
  }
}

/** Splits CSV text into records (the whole text at once), guessing the delimiter unless given. */
export function parseCsv(input: string, delimiter?: Delimiter): CsvRecord[] {
  const reader = new CsvReader(delimiter);
  return [...reader.push(input), ...reader.end()];
}

/**
 * Bytes -> text for CSV files: UTF-8, or UTF-16 (little or big endian) when the file starts with its
 * byte-order mark, as Excel's "Unicode text" and Google Ads' "Excel CSV" downloads do. A UTF-16 file
 * without one is recognised by its zero bytes (ASCII text in UTF-16 is every other byte zero).
 */
export async function* decodeText(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<string> {
  let decoder: InstanceType<typeof TextDecoder> | undefined;
  // The encoding is told from the first bytes: a chunk that short is held until there are enough.
  let head: Uint8Array = new Uint8Array(0);
  for await (const chunk of chunks) {
    if (typeof chunk === 'string') {
      yield chunk;
      continue;
    }
    let bytes = chunk;
    if (!decoder) {
      head = concat(head, chunk);
      if (head.length < 4) continue;
      decoder = new TextDecoder(encodingOf(head));
      bytes = head;
    }
    const text = decoder.decode(bytes, { stream: true });
    if (text) yield text;
  }
  let rest: string;
  if (decoder) rest = decoder.decode();
  else if (head.length > 0) rest = new TextDecoder(encodingOf(head)).decode(head);
  else rest = '';
  if (rest) yield rest;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function encodingOf(head: Uint8Array): 'utf-8' | 'utf-16le' | 'utf-16be' {
  const [a, b] = head;
  if (a === 0xff && b === 0xfe) return 'utf-16le';
  if (a === 0xfe && b === 0xff) return 'utf-16be';
  if (a === 0xef && b === 0xbb) return 'utf-8';
  if (head.length >= 2 && a !== 0 && b === 0) return 'utf-16le';
  if (head.length >= 2 && a === 0 && b !== 0) return 'utf-16be';
  return 'utf-8';
}

/** A number as a spreadsheet reads it, signed, with thousands separators or a percent sign: never a formula. */
const PLAIN_NUMBER = /^[+-]?(\d[\d,]*(\.\d+)?|\.\d+)%?$/;

/**
 * One CSV field, quoted only when it must be. A cell that starts like a formula (=, +, -, @, tab or
 * carriage return) and is not a plain number is defused for spreadsheets with a leading quote:
 * `-1+HYPERLINK(...)` starts with a digit after its sign and is still a formula.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  return `${[header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}
