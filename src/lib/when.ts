/**
 * When a post should go out, as a person types it: natural phrases ("tomorrow 9am", "next monday
 * 10:00", "in 2 hours") and ISO dates, read in the workspace's IANA zone and stored as a UTC
 * instant. A wall-clock time is resolved in the zone on the day it names, so a DST change between
 * now and then does not shift it (Postiz #1954); a relative duration in hours or minutes is real
 * elapsed time. An impossible local time (the hour skipped when clocks go forward) is refused
 * rather than silently moved.
 */
// English only: the package's root also loads its fifteen other locales (about 900 modules), none used.
import * as chrono from 'chrono-node/en';
import { DateTime } from 'luxon';
import { defineMessages, isoIn, type Locale } from '../core/i18n.js';
import { arabicTimeToEnglish, type Prayer, prayerTimeIn } from './arabic-time.js';
import { latinDigits } from './text.js';

export type WhenProblem =
  | { kind: 'unreadable' }
  | { kind: 'noTime' }
  | { kind: 'past'; local: string }
  | { kind: 'dstGap'; local: string; zone: string }
  | { kind: 'tooFar'; local: string; limit: string }
  | { kind: 'badOffset'; offset: string };

/** How far ahead a post may be scheduled: far enough for a year's calendar, not "in 99999 years". */
export const MAX_AHEAD_YEARS = 2;

export type WhenResult =
  | {
      ok: true;
      utc: Date;
      ambiguous: boolean;
      /** A numeric date both ways valid (01/02/2027): the day the other order would have named. */
      otherReading?: Date;
      /** Given by a prayer («بعد المغرب»): the hour taken is an approximation, to be said so. */
      prayer?: { prayer: Prayer; phrase: string };
    }
  | { ok: false; problem: WhenProblem };

// 01/02/2027, 1.2.2027, 01-02-27: a numeric date whose first two numbers could be day or month.
const NUMERIC_DATE = /\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})\b/;

/**
 * For a date such as 01/02/2027 where both numbers could be the month, the day the other order
 * names (2 January when 1 February was read), so the confirmation can say so; undefined otherwise.
 */
function otherReadingOf(text: string, read: Date, zone: string): Date | undefined {
  const m = NUMERIC_DATE.exec(text);
  if (!m) return undefined;
  const [a, b] = [Number(m[1]), Number(m[2])];
  if (a === b || a < 1 || b < 1 || a > 12 || b > 12) return undefined;
  const local = DateTime.fromJSDate(read, { zone });
  // The day and month swap; the year and the time of day stay.
  const other = local.set({ month: local.day, day: local.month });
  return other.isValid ? other.toJSDate() : undefined;
}

// Date and time with an explicit offset or Z: an instant already, whatever the zone.
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;
// Real UTC offsets run from -12:00 to +14:00, in whole minutes of an hour.
const OFFSET = /([+-])(\d{2}):?(\d{2})$/;
// Date and time without an offset: a wall-clock time in the workspace zone.
const ISO_LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;

export function parseWhen(input: string, zone: string, now: Date): WhenResult {
  const read = parseWhenText(input, zone, now);
  const prayer = read.ok ? prayerTimeIn(latinDigits(input)) : undefined;
  return read.ok && prayer ? { ...read, prayer: { prayer: prayer.prayer, phrase: prayer.phrase } } : read;
}

function parseWhenText(input: string, zone: string, now: Date): WhenResult {
  // Arabic digits and Arabic words («غدًا ٩ صباحًا») read as the English phrase the parser knows.
  const text = arabicTimeToEnglish(latinDigits(input)).trim();
  if (text === '') return { ok: false, problem: { kind: 'unreadable' } };
  const nowZ = DateTime.fromJSDate(now, { zone });

  if (ISO_WITH_OFFSET.test(text)) {
    const offset = OFFSET.exec(text);
    if (offset) {
      const [, sign, hours = '0', minutes = '0'] = offset;
      const total = Number(hours) * 60 + Number(minutes);
      if (Number(minutes) > 59 || total > (sign === '+' ? 14 * 60 : 12 * 60)) {
        return { ok: false, problem: { kind: 'badOffset', offset: offset[0] } };
      }
    }
    const dt = DateTime.fromISO(text.replace(' ', 'T'), { setZone: true });
    if (!dt.isValid) return { ok: false, problem: { kind: 'unreadable' } };
    return future(dt.toUTC(), zone, now, false);
  }
  const iso = ISO_LOCAL.exec(text);
  if (iso) {
    const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = iso.slice(1).map((v) => Number(v ?? 0));
    return fromWallClock({ year, month, day, hour, minute, second }, zone, now);
  }

  // chrono reads the phrase against the local wall clock presented as if it were UTC, so its
  // arithmetic ("tomorrow", "next monday") happens in local calendar terms.
  const wall = new Date(Date.UTC(nowZ.year, nowZ.month - 1, nowZ.day, nowZ.hour, nowZ.minute, nowZ.second));
  const parser = dayFirst(zone) ? chrono.GB : chrono.casual;
  const results = parser.parse(text, { instant: wall, timezone: 0 }, { forwardDate: true });
  const first = results[0];
  // The whole phrase must be a date: "tomorrow 9am blah" is a typo, not a schedule.
  if (!first || results.length > 1 || first.index !== 0 || first.text.trim().length < text.replace(/\s+$/, '').length) {
    return { ok: false, problem: { kind: 'unreadable' } };
  }
  const start = first.start;
  const tags = start.tags();
  if (tags.has('result/relativeDateAndTime')) {
    // "in 2 hours": elapsed time, across any DST change.
    const delta = start.date().getTime() - wall.getTime();
    return future(DateTime.fromMillis(now.getTime() + delta, { zone: 'utc' }), zone, now, false);
  }
  if (!start.isCertain('hour') && !tags.has('result/relativeDate')) return { ok: false, problem: { kind: 'noTime' } };
  const read = fromWallClock(
    {
      year: start.get('year') ?? nowZ.year,
      month: start.get('month') ?? nowZ.month,
      day: start.get('day') ?? nowZ.day,
      hour: start.get('hour') ?? 0,
      minute: start.get('minute') ?? 0,
      second: start.get('second') ?? 0,
    },
    zone,
    now,
  );
  const other = read.ok ? otherReadingOf(text, read.utc, zone) : undefined;
  return read.ok && other ? { ...read, otherReading: other } : read;
}

/**
 * How a moment is shown in a reply. Every date and time a reply shows comes from here, so all of
 * them take the workspace's digit style (once marked as a figure, lib/digits) and none carries Intl's
 * own direction marks:
 * - written: "Monday 1 February 2027" / «الاثنين، 1 فبراير 2027», a date no one can read two ways;
 * - stamp: "Thu 26 Nov 2026, 06:20 UTC+3", a moment in full (a post's time);
 * - short: "26 Nov, 12:05 UTC+3", a moment this season (alerts, summaries);
 * - day: "Friday 27 November", a heading in a list of days;
 * - weekday: "Friday";
 * - date: "30 Nov 2026" / «30 نوفمبر 2026», a calendar day in a heading or a sentence (`dayText`);
 * - moment: "27 Nov 2026, 06:00", a time under a label that names its zone (a post's UTC time);
 * - month: "November 2026"; dayShort: "Thu 3 Dec"; weekdayShort: "Thu" (the calendar's title, days
 *   and columns).
 */
const DATE_STYLES = {
  written: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
  stamp: {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'shortOffset',
  },
  short: {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'shortOffset',
  },
  day: { weekday: 'long', day: 'numeric', month: 'long' },
  weekday: { weekday: 'long' },
  date: { day: 'numeric', month: 'short', year: 'numeric' },
  moment: { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  month: { month: 'long', year: 'numeric' },
  dayShort: { weekday: 'short', day: 'numeric', month: 'short' },
  weekdayShort: { weekday: 'short' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;
export type DateStyle = keyof typeof DATE_STYLES;

const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(zone: string, locale: Locale, style: DateStyle): Intl.DateTimeFormat {
  const key = `${locale}|${zone}|${style}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale === 'ar' ? 'ar-u-nu-latn' : 'en-GB', {
      timeZone: zone,
      ...DATE_STYLES[style],
    });
    dateFormats.set(key, format);
  }
  return format;
}

const noMarks = (s: string) => s.replace(/[\u061c\u200e\u200f]/g, '');

/** The moment in `zone`, Western digits, no marks: for a catalog entry that marks it (`iso(p.when)`). */
export function dateText(date: Date, zone: string, locale: Locale, style: DateStyle): string {
  return noMarks(dateFormat(zone, locale, style).format(date));
}

/** The same, marked as a figure in Arabic: for a table cell, a heading, a field value. */
export function dateFigure(date: Date, zone: string, locale: Locale, style: DateStyle): string {
  return isoIn(dateText(date, zone, locale, style), locale);
}

/** "Monday 1 February 2027" / «الاثنين، 1 فبراير 2027» in the zone: a date no one can read two ways. */
export function writtenDate(date: Date, zone: string, locale: Locale): string {
  return dateText(date, zone, locale, 'written');
}

const ranges = defineMessages(
  'date-ranges',
  { range: (p: { from: string; to: string }) => `${p.from} – ${p.to}` },
  { range: (p) => `من ${p.from} إلى ${p.to}` },
);

/** Noon UTC of a calendar day (yyyy-MM-dd), which is that day written in any zone's calendar. */
const noonOf = (day: string) => new Date(`${day}T12:00:00Z`);

/**
 * A calendar day as periods and reports keep it (yyyy-MM-dd) written as its reader writes dates:
 * "30 Nov 2026" / «30 نوفمبر 2026». Unmarked, for a catalog entry that marks it; CSV files and file
 * names keep the ISO form.
 */
export function dayText(day: string, locale: Locale, style: DateStyle = 'date'): string {
  return dateText(noonOf(day), 'UTC', locale, style);
}

/** The same, marked as a figure in Arabic (it takes the workspace's digits). */
export function dayFigure(day: string, locale: Locale): string {
  return isoIn(dayText(day, locale), locale);
}

/**
 * Two calendar days as a range, what the ends share written once: "27 Oct – 25 Nov 2026", "1 – 30 Nov
 * 2026" / «من 27 أكتوبر إلى 25 نوفمبر 2026», «من 1 إلى 30 نوفمبر 2026»; one day alone when they are
 * the same. Marked as a figure in Arabic, so the whole phrase takes the workspace's digits.
 */
export function dayRange(from: string, to: string, locale: Locale): string {
  const parts = dateFormat('UTC', locale, 'date').formatRangeToParts(noonOf(from), noonOf(to));
  const start = parts.filter((p) => p.source === 'startRange');
  if (start.length === 0) return dayFigure(from, locale);
  const joined = (ps: Intl.DateTimeRangeFormatPart[]) => noMarks(ps.map((p) => p.value).join('')).trim();
  // Intl puts what both ends share after the end ("1 – 30 Nov 2026"), so the end is all from its first part.
  const end = parts.slice(parts.findIndex((p) => p.source === 'endRange'));
  return isoIn(ranges[locale].range({ from: joined(start), to: joined(end) }), locale);
}

/**
 * Whether 01/02/2027 is the 1st of February: everywhere except the Americas, where month-first is
 * the habit (the confirmation always shows the date it understood as 2027-02-01, so either reading
 * is seen before anything is published).
 */
export function dayFirst(zone: string): boolean {
  return !zone.startsWith('America/') && !zone.startsWith('US/') && !zone.startsWith('Canada/');
}

interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function fromWallClock(w: Wall, zone: string, now: Date): WhenResult {
  const dt = DateTime.fromObject(w, { zone });
  if (!dt.isValid) return { ok: false, problem: { kind: 'unreadable' } };
  const asked = `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}`;
  // Luxon moves a time that does not exist (spring forward) to one that does; we refuse instead.
  if (dt.hour !== w.hour || dt.minute !== w.minute || dt.day !== w.day) {
    return { ok: false, problem: { kind: 'dstGap', local: asked, zone } };
  }
  // In the hour that repeats (fall back) the same wall clock names two instants; Luxon picks the
  // earlier one, and the caller may say so.
  const later = dt.plus({ hours: 1 });
  const earlier = dt.minus({ hours: 1 });
  const ambiguous =
    (later.hour === dt.hour && later.minute === dt.minute && later.offset !== dt.offset) ||
    (earlier.hour === dt.hour && earlier.minute === dt.minute && earlier.offset !== dt.offset);
  return future(dt.toUTC(), zone, now, ambiguous);
}

function future(utc: DateTime, zone: string, now: Date, ambiguous: boolean): WhenResult {
  const limit = DateTime.fromJSDate(now, { zone }).plus({ years: MAX_AHEAD_YEARS });
  if (!utc.isValid || utc.toMillis() > limit.toMillis()) {
    const local = utc.isValid ? utc.setZone(zone).toFormat('yyyy-MM-dd HH:mm') : '';
    return { ok: false, problem: { kind: 'tooFar', local, limit: limit.toFormat('yyyy-MM-dd') } };
  }
  if (utc.toMillis() <= now.getTime()) {
    return { ok: false, problem: { kind: 'past', local: utc.setZone(zone).toFormat('yyyy-MM-dd HH:mm') } };
  }
  return { ok: true, utc: utc.toJSDate(), ambiguous };
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** "2026-12-01 09:00" in the zone, the form people re-type in `edit`. */
export function formatLocal(date: Date, zone: string): string {
  return DateTime.fromJSDate(date, { zone }).toFormat('yyyy-MM-dd HH:mm');
}

/** The local calendar day (yyyy-MM-dd) an instant falls on, for grouping a calendar. */
export function localDay(date: Date, zone: string): string {
  return DateTime.fromJSDate(date, { zone }).toISODate() ?? '';
}

/** The next quarter hour (UTC) at or after an instant, as Mailchimp requires. */
export function nextQuarterHour(date: Date): Date {
  const q = 15 * 60_000;
  return new Date(Math.ceil(date.getTime() / q) * q);
}

export function isQuarterHour(date: Date): boolean {
  return date.getTime() % (15 * 60_000) === 0;
}

/**
 * "Thu 26 Nov 2026, 06:20 (UTC+3)" in the zone; in Arabic marked as a figure, so it takes the
 * workspace's digits (lib/digits).
 */
export function localTime(date: Date, zone: string, locale: Locale): string {
  return dateFigure(date, zone, locale, 'stamp');
}
