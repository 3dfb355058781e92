/**
 * Date ranges for reports, as inclusive YYYY-MM-DD days in the workspace time zone (MetricDaily
 * dates are local days). "7d" and "30d" end today; "this-month" runs from the 1st to today.
 */
import { DateTime } from 'luxon';

export interface DateRange {
  from: string;
  to: string;
  days: number;
}

export const RANGE_PRESETS = ['7d', '30d', 'this-month', 'last-month'] as const;
export const RANGE_PATTERN = /^(7d|30d|this-month|last-month|\d{4}-\d{2}-\d{2}\.\.\d{4}-\d{2}-\d{2})$/;
/** A custom range longer than this is refused: it would only be slow to read. */
export const MAX_RANGE_DAYS = 3 * 366;

export function today(now: Date, zone: string): DateTime {
  return DateTime.fromJSDate(now, { zone }).startOf('day');
}

function make(from: DateTime, to: DateTime): DateRange {
  return {
    from: from.toISODate() as string,
    to: to.toISODate() as string,
    days: Math.round(to.diff(from, 'days').days) + 1,
  };
}

export type RangeProblem = 'format' | 'order' | 'length';

/** Parses a range spec (already matched by RANGE_PATTERN); a calendar mistake is a problem. */
export function parseRange(spec: string, now: Date, zone: string): DateRange | RangeProblem {
  const t = today(now, zone);
  switch (spec) {
    case '7d':
      return make(t.minus({ days: 6 }), t);
    case '30d':
      return make(t.minus({ days: 29 }), t);
    case 'this-month':
      return make(t.startOf('month'), t);
    case 'last-month': {
      const start = t.startOf('month').minus({ months: 1 });
      return make(start, start.endOf('month').startOf('day'));
    }
  }
  const [a = '', b = ''] = spec.split('..');
  const from = DateTime.fromISO(a, { zone });
  const to = DateTime.fromISO(b, { zone });
  if (!from.isValid || !to.isValid) return 'format';
  if (to < from) return 'order';
  const r = make(from, to);
  return r.days > MAX_RANGE_DAYS ? 'length' : r;
}

/** The period of the same length that ends the day before `r` starts. */
export function previousRange(r: DateRange): DateRange {
  const from = DateTime.fromISO(r.from, { zone: 'UTC' });
  return make(from.minus({ days: r.days }), from.minus({ days: 1 }));
}

export function shiftDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate() as string;
}

/** Every day of a range, in order. */
export function daysOf(r: DateRange): string[] {
  return Array.from({ length: r.days }, (_, i) => shiftDays(r.from, i));
}

/** Overlap in days of two ranges (0 when they do not meet). */
export function overlapDays(a: DateRange, b: DateRange): number {
  // ISO dates compare as strings; the later start and the earlier end bound the overlap.
  const from = [a.from, b.from].sort()[1] as string;
  const to = [a.to, b.to].sort()[0] as string;
  if (to < from) return 0;
  return make(DateTime.fromISO(from, { zone: 'UTC' }), DateTime.fromISO(to, { zone: 'UTC' })).days;
}
