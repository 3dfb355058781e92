/**
 * Recurring times as people type them ("every monday 9am until 2027-03-01", "every mon,wed,fri 18:00",
 * "every day 9am", "every 2 weeks on friday 10:00"; «كل اثنين 9 صباحًا حتى 2027-03-01», «كل يوم 9 صباحًا»,
 * «كل أسبوعين يوم الجمعة 10:00») and the instants they name. The rule is a wall-clock time in the
 * workspace's zone, so "9:00 every Monday" stays 9:00 across a daylight-saving change; a time that
 * does not exist that day (the hour clocks skip) goes out the same amount later, one that happens
 * twice goes out the first time.
 */
// English only: the package's root also loads its fifteen other locales (about 900 modules), none used.
import * as chrono from 'chrono-node/en';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { arabicTimeToEnglish } from '../../lib/arabic-time.js';
import { latinDigits } from '../../lib/text.js';
import { dayFirst, MAX_AHEAD_YEARS } from '../../lib/when.js';

/** What PostSeries.rule holds. Weekdays are ISO (1 Monday … 7 Sunday). */
export const RecurrenceRuleSchema = z.object({
  weekdays: z.array(z.number().int().min(1).max(7)).min(1),
  time: z.string().regex(/^\d{2}:\d{2}$/),
  every: z.number().int().min(1).max(8).default(1),
  /** The Monday (local yyyy-MM-dd) of the week counted as week 0, for "every 2 weeks". */
  anchor: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});
export type RecurrenceRule = z.infer<typeof RecurrenceRuleSchema>;

export type RecurrenceProblem =
  | { kind: 'noDays' }
  | { kind: 'noTime' }
  | { kind: 'badTime'; value: string }
  | { kind: 'unreadable'; word: string }
  | { kind: 'untilUnreadable'; value: string }
  | { kind: 'untilBeforeFirst'; first: Date }
  | { kind: 'untilTooFar'; limit: string };

export type RecurrenceResult =
  | { ok: true; rule: RecurrenceRule; first: Date; until: Date | null }
  | { ok: false; problem: RecurrenceProblem };

const DAYS: Record<string, number> = {
  mon: 1,
  monday: 1,
  mondays: 1,
  tue: 2,
  tues: 2,
  tuesday: 2,
  tuesdays: 2,
  wed: 3,
  wednesday: 3,
  wednesdays: 3,
  thu: 4,
  thur: 4,
  thurs: 4,
  thursday: 4,
  thursdays: 4,
  fri: 5,
  friday: 5,
  fridays: 5,
  sat: 6,
  saturday: 6,
  saturdays: 6,
  sun: 7,
  sunday: 7,
  sundays: 7,
};

const AR_DAYS: Array<[RegExp, number]> = [
  [/^(?:ال)?(?:احد|أحد)$/, 7],
  [/^(?:ال)?(?:اثنين|إثنين|اتنين)$/, 1],
  [/^(?:ال)?(?:ثلاثاء|ثلاثا|تلات)$/, 2],
  [/^(?:ال)?(?:اربعاء|أربعاء|اربع)$/, 3],
  [/^(?:ال)?خميس$/, 4],
  [/^(?:ال)?جمع[ةه]$/, 5],
  [/^(?:ال)?سبت$/, 6],
];

const DIACRITICS = /[\u064b-\u0652\u0640]/g;
const RECURRING_START = /^\s*(?:every|each|كل)(?:\s|$)/i;
const UNTIL = /\s+(?:until|till|through|حتى|لغاية|إلى|الى)\s+(.+)$/i;

/** Whether a typed time is a recurrence ("every …", «كل …») rather than one moment. */
export function isRecurring(input: string): boolean {
  return RECURRING_START.test(latinDigits(input));
}

function arabicDay(word: string): number | undefined {
  const w = word.replace(/^و(?=\S{3,})/, '');
  for (const [re, day] of AR_DAYS) if (re.test(w) || re.test(word)) return day;
  return undefined;
}

/** Reads "every …" in the zone; `now` decides the first occurrence. */
export function parseRecurrence(input: string, zone: string, now: Date): RecurrenceResult {
  let text = latinDigits(input).replace(DIACRITICS, '').replace(/\s+/g, ' ').trim();
  let untilText: string | undefined;
  const u = UNTIL.exec(text);
  if (u) {
    untilText = (u[1] ?? '').trim();
    text = text.slice(0, u.index);
  }
  const words = text
    .replace(RECURRING_START, '')
    .toLowerCase()
    .split(/[\s,،]+/)
    .filter(Boolean);
  const weekdays = new Set<number>();
  let every = 1;
  const rest: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    const next = words[i + 1];
    const day = DAYS[w] ?? arabicDay(w);
    if (day) weekdays.add(day);
    else if (w === 'day' || w === 'daily' || (w === 'يوم' && !(next && arabicDay(next)))) {
      for (let d = 1; d <= 7; d++) weekdays.add(d);
    } else if (/^\d$/.test(w) && next && /^weeks?$|^أسابيع$|^اسابيع$/.test(next)) {
      every = Number(w);
      i++;
    } else if (w === 'other' && next && /^weeks?$/.test(next)) {
      every = 2;
      i++;
    } else if (/^(?:أسبوعين|اسبوعين)$/.test(w)) every = 2;
    else if (['on', 'and', 'week', 'weekly', 'يوم', 'أيام', 'ايام', 'في', 'و', 'أسبوع', 'اسبوع'].includes(w)) {
      // joining words
    } else rest.push(w);
  }
  if (weekdays.size === 0) return { ok: false, problem: { kind: 'noDays' } };
  if (every < 1 || every > 8) return { ok: false, problem: { kind: 'unreadable', word: String(every) } };
  const time = readTime(rest.join(' '));
  if (!time.ok) return { ok: false, problem: time.problem };
  const base: Omit<RecurrenceRule, 'anchor'> = {
    weekdays: [...weekdays].sort((a, b) => a - b),
    time: time.time,
    every,
  };
  // The first occurrence decides the week counted from, so "every 2 weeks on friday" starts this coming Friday.
  const probe = { ...base, every: 1, anchor: weekStart(DateTime.fromJSDate(now, { zone })) };
  const [first] = occurrences(probe, zone, now, new Date(now.getTime() + 8 * 86_400_000), 1);
  if (!first) return { ok: false, problem: { kind: 'noDays' } };
  const rule: RecurrenceRule = { ...base, anchor: weekStart(DateTime.fromJSDate(first, { zone })) };
  let until: Date | null = null;
  if (untilText !== undefined) {
    const day = readDate(untilText, zone, now);
    if (!day) return { ok: false, problem: { kind: 'untilUnreadable', value: untilText } };
    // "until 1 March" includes 1 March.
    until = day.endOf('day').toJSDate();
    const limit = DateTime.fromJSDate(now, { zone }).plus({ years: MAX_AHEAD_YEARS });
    if (until > limit.toJSDate())
      return { ok: false, problem: { kind: 'untilTooFar', limit: limit.toISODate() ?? '' } };
    if (until < first) return { ok: false, problem: { kind: 'untilBeforeFirst', first } };
  }
  return { ok: true, rule, first, until };
}

function readTime(
  raw: string,
): { ok: true; time: string } | { ok: false; problem: Extract<RecurrenceProblem, { kind: 'noTime' | 'badTime' }> } {
  const phrase = arabicTimeToEnglish(` ${raw} `)
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()
    .replace(/\ba\.m\.?/g, 'am')
    .replace(/\bp\.m\.?/g, 'pm');
  if (phrase === '') return { ok: false, problem: { kind: 'noTime' } };
  if (phrase === 'noon' || phrase === 'at noon') return { ok: true, time: '12:00' };
  const m = /^(?:at\s+)?(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$/.exec(phrase);
  if (!m) return { ok: false, problem: { kind: 'badTime', value: raw } };
  let hour = Number(m[1]);
  const minute = Number(m[2] ?? 0);
  const half = m[3];
  if (minute > 59 || (half ? hour < 1 || hour > 12 : hour > 23)) {
    return { ok: false, problem: { kind: 'badTime', value: raw } };
  }
  if (half === 'pm' && hour < 12) hour += 12;
  if (half === 'am' && hour === 12) hour = 0;
  return { ok: true, time: `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}` };
}

/** A calendar day: 2027-03-01, 01/03/2027 (day first outside the Americas), "1 March 2027". */
function readDate(raw: string, zone: string, now: Date): DateTime | undefined {
  const text = arabicTimeToEnglish(raw).trim();
  const isoDay = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (isoDay) {
    const d = DateTime.fromObject(
      { year: Number(isoDay[1]), month: Number(isoDay[2]), day: Number(isoDay[3]) },
      { zone },
    );
    return d.isValid ? d : undefined;
  }
  const nowZ = DateTime.fromJSDate(now, { zone });
  const wall = new Date(Date.UTC(nowZ.year, nowZ.month - 1, nowZ.day, 12));
  const parser = dayFirst(zone) ? chrono.GB : chrono.casual;
  const [r, ...more] = parser.parse(text, { instant: wall, timezone: 0 }, { forwardDate: true });
  if (!r || more.length > 0 || r.index !== 0 || r.text.length < text.length) return undefined;
  const d = DateTime.fromObject(
    { year: r.start.get('year') ?? nowZ.year, month: r.start.get('month') ?? 1, day: r.start.get('day') ?? 1 },
    { zone },
  );
  return d.isValid ? d : undefined;
}

function weekStart(d: DateTime): string {
  return d.startOf('week').toISODate() ?? '';
}

/**
 * The instants of `rule` after `after` (exclusive) and up to `to` (inclusive), at most `limit`, in
 * order. Each is the rule's wall-clock time on its local day, whatever the offset that day.
 */
export function occurrences(rule: RecurrenceRule, zone: string, after: Date, to: Date, limit: number): Date[] {
  const out: Date[] = [];
  const [hour, minute] = rule.time.split(':').map(Number) as [number, number];
  const anchor = DateTime.fromISO(rule.anchor, { zone });
  const last = DateTime.fromJSDate(to, { zone }).endOf('day');
  for (
    let day = DateTime.fromJSDate(after, { zone }).startOf('day');
    day <= last && out.length < limit;
    day = day.plus({ days: 1 })
  ) {
    if (!rule.weekdays.includes(day.weekday)) continue;
    const weeks = Math.round(day.startOf('week').diff(anchor, 'weeks').weeks);
    if (((weeks % rule.every) + rule.every) % rule.every !== 0) continue;
    const at = DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour, minute }, { zone });
    const instant = at.toJSDate();
    if (instant > after && instant <= to) out.push(instant);
  }
  return out;
}
