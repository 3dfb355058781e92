/**
 * Numbers in metric cells as people and spreadsheets write them, read into one plain form ("1234.5":
 * digits, then a dot and decimals if any) before validation. Accepted: Arabic-Indic and Persian
 * digits (١٢٣, ۱۲۳), the Arabic decimal and thousands separators (٫ ٬), and thousands separators
 * (1,234 / 1.234 / 1 234 / 1'234) in groups of three.
 *
 * A lone comma or dot is ambiguous ("1,234" is a thousand and more in an English file and one and a
 * bit in a German one), so the file's dialect decides which mark is the decimal one: `.` normally, `,`
 * in a semicolon-separated file (the spreadsheets that write ";" are the ones whose decimal mark is
 * the comma). With both marks in a cell the last one is the decimal mark, whatever the dialect.
 */
import { latinDigits } from '../../lib/text.js';

export type DecimalMark = '.' | ',';

/** Spaces spreadsheets group thousands with (plain, no-break, narrow no-break, thin) and the apostrophe. */
const GROUP_SPACES = /[ \u00a0\u202f\u2009']/g;
const ARABIC_DECIMAL = '\u066b';
const PLAIN = /^\d+$/;
const PLAIN_DECIMAL = /^\d+\.\d*$/;
const ARABIC_THOUSANDS = /\u066c/g;

/** "1,234,567" split on `mark` is a valid grouping: 1 to 3 digits, then groups of exactly 3. */
function grouped(s: string, mark: string): boolean {
  const parts = s.split(mark);
  if (parts.length < 2) return false;
  return /^\d{1,3}$/.test(parts[0] as string) && parts.slice(1).every((p) => /^\d{3}$/.test(p));
}

/**
 * The plain form of a numeric cell, or undefined when it is not a number of zero or more written in
 * one of the accepted ways (the caller reports the cell as typed).
 */
export function plainDecimal(raw: string, mark: DecimalMark = '.'): string | undefined {
  // Most cells are plain already ("1200", "12.5" in a dot-decimal file): a million rows read faster.
  if (PLAIN.test(raw)) return raw;
  if (mark === '.' && PLAIN_DECIMAL.test(raw)) return raw;
  // The Arabic marks are never ambiguous: ٫ is decimal and ٬ groups, in any dialect.
  let s = raw.trim().replace(ARABIC_THOUSANDS, ' ');
  let decimal: string | undefined;
  if (s.includes(ARABIC_DECIMAL)) {
    decimal = ARABIC_DECIMAL;
  }
  s = latinDigits(s.split(ARABIC_DECIMAL).join('\u0000')).replace(GROUP_SPACES, ' ');
  if (decimal !== undefined) decimal = '\u0000';
  if (/^\d+$/.test(s)) return s;
  if (decimal === undefined) {
    const dot = s.lastIndexOf('.');
    const comma = s.lastIndexOf(',');
    if (dot >= 0 && comma >= 0) decimal = dot > comma ? '.' : ',';
    else if (comma >= 0) {
      // "1,234" groups in a dot-decimal file; a lone comma is the decimal mark in a comma-decimal one.
      decimal = mark === ',' && s.indexOf(',') === comma ? ',' : undefined;
    } else if (dot >= 0) {
      // A comma-decimal file groups with dots ("1.234.567"); "12.5" there is still a decimal.
      decimal =
        mark === ',' && grouped(s.replace(/ /g, '.'), '.') ? undefined : s.indexOf('.') === dot ? '.' : undefined;
    }
  }
  const at = decimal === undefined ? -1 : s.lastIndexOf(decimal);
  const whole = at < 0 ? s : s.slice(0, at);
  const fraction = at < 0 ? undefined : s.slice(at + 1);
  if (fraction !== undefined && !/^\d*$/.test(fraction)) return undefined;
  let digits: string;
  if (/^\d+$/.test(whole)) digits = whole;
  else {
    // One grouping mark throughout: "1,234 567" mixes two and is refused.
    const marks = new Set(whole.replace(/\d/g, ''));
    const groupMark = marks.size === 1 ? ([...marks][0] as string) : undefined;
    if (groupMark === undefined || groupMark === decimal || !grouped(whole, groupMark)) return undefined;
    digits = whole.split(groupMark).join('');
  }
  if (digits === '' && !fraction) return undefined;
  return fraction === undefined ? digits : `${digits || '0'}.${fraction}`;
}
