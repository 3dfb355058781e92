/**
 * Just enough of cron to ask "when did this schedule last fire before now, in this time zone?",
 * which node-cron cannot answer. Five fields (minute hour day-of-month month day-of-week) with *,
 * numbers, ranges, lists and steps; day-of-week 0 or 7 is Sunday. As in classic cron, when both
 * day fields are restricted a day matching either one fires.
 */
import { DateTime } from 'luxon';

interface Field {
  values: Set<number>;
  any: boolean;
}
export interface CronSpec {
  minute: Field;
  hour: Field;
  dom: Field;
  month: Field;
  dow: Field;
}

const BOUNDS: Array<[number, number]> = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 7],
];

function parseField(text: string, [lo, hi]: [number, number]): Field | undefined {
  const values = new Set<number>();
  for (const part of text.split(',')) {
    const m = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
    if (!m) return undefined;
    const step = m[4] === undefined ? 1 : Number(m[4]);
    const from = m[1] === '*' ? lo : Number(m[2]);
    const to = m[1] === '*' ? hi : m[3] === undefined ? (m[4] === undefined ? from : hi) : Number(m[3]);
    if (step < 1 || from < lo || to > hi || from > to) return undefined;
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return { values, any: text === '*' };
}

export function parseCron(expr: string): CronSpec | undefined {
  const parts = expr.trim().split(/\s+/);
  if (parts.length !== 5) return undefined;
  const fields = parts.map((p, i) => parseField(p, BOUNDS[i] as [number, number]));
  if (fields.some((f) => f === undefined)) return undefined;
  const [minute, hour, dom, month, dow] = fields as Field[];
  if ((dow as Field).values.has(7)) (dow as Field).values.add(0);
  return { minute, hour, dom, month, dow } as CronSpec;
}

function dayMatches(c: CronSpec, d: DateTime): boolean {
  if (!c.month.values.has(d.month)) return false;
  const domOk = c.dom.values.has(d.day);
  const dowOk = c.dow.values.has(d.weekday % 7);
  if (c.dom.any && c.dow.any) return true;
  if (c.dom.any) return dowOk;
  if (c.dow.any) return domOk;
  return domOk || dowOk;
}

/**
 * The latest moment at or before `now` when the schedule fired in `zone`, looking back at most
 * `lookbackDays`. Local times that do not exist (skipped by a DST change) do not fire.
 */
export function latestFire(c: CronSpec, now: Date, zone: string, lookbackDays = 8): DateTime | undefined {
  const local = DateTime.fromJSDate(now, { zone });
  const hours = [...c.hour.values].sort((a, b) => b - a);
  const minutes = [...c.minute.values].sort((a, b) => b - a);
  for (let back = 0; back <= lookbackDays; back++) {
    const day = local.startOf('day').minus({ days: back });
    if (!dayMatches(c, day)) continue;
    for (const hour of hours) {
      for (const minute of minutes) {
        const at = DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour, minute }, { zone });
        if (!at.isValid || at.hour !== hour || at.minute !== minute) continue;
        if (at.toMillis() <= now.getTime()) return at;
      }
    }
  }
  return undefined;
}
