/**
 * A small RFC 4180 CSV reader and writer. Written here rather than taken from npm because the
 * contract is narrow (one header row, comma separator, UTF-8) and the importer needs the line
 * number where each record starts, which is what users see in error messages.
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

/**
 * Splits CSV text into records. Handles quoted fields with commas, doubled quotes and line breaks
 * inside them, CRLF or LF endings, a UTF-8 byte-order mark, and skips blank lines. An unterminated
 * quote or text after a closing quote is a syntax error naming the line.
 */
export function parseCsv(input: string): CsvRecord[] {
  // Cells go to the database as they are: storable first (a NUL fails a PostgreSQL row).
  const text = storable(input.charCodeAt(0) === 0xfeff ? input.slice(1) : input);
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let quoteLine = 0;
  let afterQuote = false;
  let i = 0;

  const endField = () => {
    fields.push(field);
    field = '';
    afterQuote = false;
  };
  const endRecord = () => {
    endField();
    // A blank line is one empty field: nothing to import, not an error.
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: recordLine, fields });
    fields = [];
  };

  while (i < text.length) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        afterQuote = true;
        i++;
        continue;
      }
      if (c === '\n') line++;
      field += c;
      i++;
      continue;
    }
    if (c === ',') {
      endField();
      i++;
      continue;
    }
    if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
      continue;
    }
    if (afterQuote) throw new CsvSyntaxError(line, 'text after a closing quote; double a quote inside a quoted field');
    if (c === '"' && field === '') {
      quoted = true;
      quoteLine = line;
      i++;
      continue;
    }
    field += c;
    i++;
  }
  if (quoted) throw new CsvSyntaxError(quoteLine, 'a quoted field is never closed');
  if (field !== '' || fields.length > 0 || afterQuote) endRecord();
  return records;
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
