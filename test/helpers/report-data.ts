/** Helpers of the report tests: daily CSV lines, and reply text to compare with plain spaces. */
import type { Reply } from '../../src/core/reply.js';
import { textOf } from './app.js';

/** Daily rows for each day of [from, to] (inclusive), each written by `line`. */
export function days(from: string, to: string, line: (date: string) => string): string[] {
  const out: string[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1)) {
    out.push(line(d.toISOString().slice(0, 10)));
  }
  return out;
}

/** Money is formatted with a no-break space between code and amount; compare with plain spaces. */
export const plainText = (r: Reply): string => textOf(r).replace(/\u00a0/g, ' ');
