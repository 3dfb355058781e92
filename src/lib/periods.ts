/**
 * Date ranges for reports, as inclusive YYYY-MM-DD days in the workspace time zone (MetricDaily
 * dates are local days). Relative ranges ("7d", "90d", "this-month", "ytd") end at the last
 * complete day, yesterday, because today's figures are still coming in; when the data stops
 * earlier they end at the last day with data instead, and say so. Calendar ranges ("last-week",
 * "last-month", "last-quarter") are whole periods. docs/reports.md, "Ranges", explains both.
 */
import { DateTime } from 'luxon';
import { normalizeArabic } from './arabic-values.js';
import { latinDigits } from './text.js';

export interface DateRange {
  from: string;
  to: string;
  days: number;
}

/** A range a person asked for, resolved to days, with how its end was chosen. */
export interface ResolvedRange extends DateRange {
  /** Ends at the last day with data, earlier than yesterday (the header says so). */
  endsAtData?: boolean;
  /**
   * What the range is compared with, when it is not the days just before it: the month or quarter
   * before a calendar month or quarter, the same days of the previous month for this-month, the
   * same days a year earlier for ytd (marketers read a year to date against last year's).
   */
  previous?: DateRange;
  /** `lastYear`: `previous` is the same days a year earlier (the footer says so). */
  comparedWith?: 'lastYear';
}

const ROLLING = { '7d': 7, '30d': 30, '90d': 90, '365d': 365 } as const;
export const RANGE_PRESETS = [
  ...(Object.keys(ROLLING) as Array<keyof typeof ROLLING>),
  'this-month',
  'ytd',
  'last-week',
  'last-month',
  'last-quarter',
] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

export const RANGE_PATTERN = new RegExp(
  `^(${RANGE_PRESETS.join('|')}|\\d{4}-\\d{2}-\\d{2}\\.\\.\\d{4}-\\d{2}-\\d{2})$`,
);
/** A custom range longer than this is refused: it would only be slow to read. */
export const MAX_RANGE_DAYS = 3 * 366;

/**
 * The Arabic words for each preset, in normalised spelling (normalizeArabic, Latin digits, hyphens
 * as spaces): «الشهر الماضي» is last-month. A Map, so a typed "constructor" finds nothing.
 */
const ARABIC_PRESETS = new Map<string, RangePreset>([
  ['اخر 7 ايام', '7d'],
  ['7 ايام', '7d'],
  ['اخر اسبوع', '7d'],
  ['اخر 30 يوما', '30d'],
  ['30 يوما', '30d'],
  ['اخر 90 يوما', '90d'],
  ['90 يوما', '90d'],
  ['اخر 365 يوما', '365d'],
  ['365 يوما', '365d'],
  ['اخر سنه', '365d'],
  ['هذا الشهر', 'this-month'],
  ['الشهر الحالي', 'this-month'],
  ['منذ بدايه السنه', 'ytd'],
  ['هذه السنه', 'ytd'],
  ['السنه حتي الان', 'ytd'],
  ['الاسبوع الماضي', 'last-week'],
  ['الاسبوع السابق', 'last-week'],
  ['الشهر الماضي', 'last-month'],
  ['الشهر السابق', 'last-month'],
  ['الربع الماضي', 'last-quarter'],
  ['الربع السابق', 'last-quarter'],
]);

/** A typed range in the form RANGE_PATTERN reads: digits made Latin, case folded, Arabic words mapped. */
export function normalizeRangeSpec(typed: string): string {
  const plain = latinDigits(typed).trim().toLowerCase();
  return ARABIC_PRESETS.get(normalizeArabic(plain.replace(/[-_]+/g, ' '))) ?? plain;
}

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

/** `empty`: a relative range with no complete day yet (this-month on the 1st, ytd on 1 January). */
export type RangeProblem = 'format' | 'order' | 'length' | 'empty';

/**
 * Parses a range spec (already matched by RANGE_PATTERN); a calendar mistake is a problem.
 * `lastDataDay` is the last day with data for what the report covers: a relative range ends there
 * when it is earlier than yesterday.
 */
export function parseRange(spec: string, now: Date, zone: string, lastDataDay?: string): ResolvedRange | RangeProblem {
  const t = today(now, zone);
  const yesterday = t.minus({ days: 1 });
  const data = lastDataDay ? DateTime.fromISO(lastDataDay, { zone }) : undefined;
  const stopsEarly = data?.isValid === true && data < yesterday;
  /**
   * A relative range from `start` to the last complete day, or to the last day with data;
   * `back` moves it to the period it is compared with (absent: the days just before it).
   */
  const relative = (
    start: (end: DateTime) => DateTime,
    back?: { months: number } | { years: number },
  ): ResolvedRange | RangeProblem => {
    const withPrevious = (from: DateTime, to: DateTime, extra: Partial<ResolvedRange> = {}): ResolvedRange => {
      const r: ResolvedRange = { ...make(from, to), ...extra };
      if (!back) return r;
      // The same days one period back, cut at that period's end (30 March's month-to-date against
      // February's 28 days).
      const prevFrom = from.minus(back);
      const prevEnd = prevFrom.endOf('years' in back ? 'year' : 'month').startOf('day');
      const prevTo = DateTime.min(to.minus(back), prevEnd);
      return {
        ...r,
        previous: make(prevFrom, prevTo),
        ...('years' in back ? { comparedWith: 'lastYear' as const } : {}),
      };
    };
    if (stopsEarly && data) {
      const from = start(data);
      // Data that stopped before this range began: show the range as asked; the report says it is empty.
      if (data >= from) return withPrevious(from, data, { endsAtData: true });
    }
    const from = start(yesterday);
    return yesterday < from ? 'empty' : withPrevious(from, yesterday);
  };
  /** A whole calendar period and the whole one before it. */
  const calendar = (start: DateTime, unit: 'week' | 'month' | 'quarter'): ResolvedRange => {
    const before = start.minus({ [`${unit}s`]: 1 });
    return {
      ...make(start, start.endOf(unit).startOf('day')),
      previous: make(before, before.endOf(unit).startOf('day')),
    };
  };
  if (spec in ROLLING) {
    const n = ROLLING[spec as keyof typeof ROLLING];
    return relative((end) => end.minus({ days: n - 1 }));
  }
  switch (spec) {
    case 'this-month':
      return relative(() => t.startOf('month'), { months: 1 });
    case 'ytd':
      return relative(() => t.startOf('year'), { years: 1 });
    case 'last-week':
      // ISO weeks, Monday to Sunday, as /report trends and the digest count them.
      return calendar(t.startOf('week').minus({ weeks: 1 }), 'week');
    case 'last-month':
      return calendar(t.startOf('month').minus({ months: 1 }), 'month');
    case 'last-quarter':
      return calendar(t.startOf('quarter').minus({ quarters: 1 }), 'quarter');
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

/** The days two ranges share, or undefined when they do not meet. */
export function intersect(a: DateRange, b: DateRange): DateRange | undefined {
  // ISO dates compare as strings; the later start and the earlier end bound the overlap.
  const from = [a.from, b.from].sort()[1] as string;
  const to = [a.to, b.to].sort()[0] as string;
  if (to < from) return undefined;
  return make(DateTime.fromISO(from, { zone: 'UTC' }), DateTime.fromISO(to, { zone: 'UTC' }));
}

/** Overlap in days of two ranges (0 when they do not meet). */
export function overlapDays(a: DateRange, b: DateRange): number {
  return intersect(a, b)?.days ?? 0;
}

/** A range as the whole calendar months inside it (YYYY-MM, both ends included) and the days outside them. */
export interface MonthSplit {
  months?: { from: string; to: string };
  days: DateRange[];
}

/**
 * Splits a range into the whole months it covers and its partial edges, so sums over a long range can
 * read monthly totals (reports.ts): 2026-01-15..2026-04-10 is January 15-31, February-March, April 1-10.
 */
export function splitByMonths(r: DateRange): MonthSplit {
  const from = DateTime.fromISO(r.from, { zone: 'utc' });
  const to = DateTime.fromISO(r.to, { zone: 'utc' });
  const first = from.day === 1 ? from : from.startOf('month').plus({ months: 1 });
  const lastEnd = to.endOf('month').startOf('day');
  const last = (to.equals(lastEnd) ? to : to.startOf('month').minus({ days: 1 })).startOf('month');
  if (first > last) return { days: [r] };
  const days: DateRange[] = [];
  if (from < first) days.push(make(from, first.minus({ days: 1 })));
  const monthsEnd = last.endOf('month').startOf('day');
  if (monthsEnd < to) days.push(make(monthsEnd.plus({ days: 1 }), to));
  return { months: { from: first.toFormat('yyyy-MM'), to: last.toFormat('yyyy-MM') }, days };
}
