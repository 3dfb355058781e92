import { describe, expect, it } from 'vitest';
import { isQuarterHour, nextQuarterHour, parseWhen, writtenDate } from '../../src/lib/when.js';

const at = (iso: string) => new Date(iso);
function utcOf(input: string, zone: string, now: string): string {
  const r = parseWhen(input, zone, at(now));
  if (!r.ok) throw new Error(`expected a time, got ${JSON.stringify(r.problem)}`);
  return r.utc.toISOString();
}

describe('parseWhen', () => {
  it('reads natural phrases in the workspace zone', () => {
    // 09:00 UTC is 12:00 in Riyadh (UTC+3, no DST).
    expect(utcOf('tomorrow 9am', 'Asia/Riyadh', '2026-11-26T09:00:00Z')).toBe('2026-11-27T06:00:00.000Z');
    expect(utcOf('next monday 10:00', 'Asia/Riyadh', '2026-11-26T09:00:00Z')).toBe('2026-11-30T07:00:00.000Z');
    expect(utcOf('in 2 hours', 'Asia/Riyadh', '2026-11-26T09:00:00Z')).toBe('2026-11-26T11:00:00.000Z');
    expect(utcOf('tomorrow 9am', 'UTC', '2026-11-26T09:00:00Z')).toBe('2026-11-27T09:00:00.000Z');
  });

  it('uses the local date, not the UTC one, for "tomorrow"', () => {
    // 22:30 UTC on the 26th is already the 27th in Riyadh: tomorrow is the 28th there.
    expect(utcOf('tomorrow 9am', 'Asia/Riyadh', '2026-11-26T22:30:00Z')).toBe('2026-11-28T06:00:00.000Z');
  });

  it('reads ISO dates with and without an offset', () => {
    expect(utcOf('2026-12-01T09:00', 'Europe/Berlin', '2026-11-26T09:00:00Z')).toBe('2026-12-01T08:00:00.000Z');
    expect(utcOf('2026-12-01 09:00', 'America/New_York', '2026-11-26T09:00:00Z')).toBe('2026-12-01T14:00:00.000Z');
    expect(utcOf('2026-12-01T09:00Z', 'America/New_York', '2026-11-26T09:00:00Z')).toBe('2026-12-01T09:00:00.000Z');
    expect(utcOf('2026-12-01T09:00+03:00', 'UTC', '2026-11-26T09:00:00Z')).toBe('2026-12-01T06:00:00.000Z');
  });

  it('keeps a wall-clock time across a DST change (New York, Berlin)', () => {
    // New York falls back on 2026-11-01: 9am after it is UTC-5, before it was UTC-4.
    expect(utcOf('2026-11-02 09:00', 'America/New_York', '2026-10-30T12:00:00Z')).toBe('2026-11-02T14:00:00.000Z');
    expect(utcOf('2026-10-30 09:00', 'America/New_York', '2026-10-29T12:00:00Z')).toBe('2026-10-30T13:00:00.000Z');
    // Berlin springs forward on 2026-03-29: 10:00 that day is UTC+2.
    expect(utcOf('2026-03-29 10:00', 'Europe/Berlin', '2026-03-27T12:00:00Z')).toBe('2026-03-29T08:00:00.000Z');
  });

  it('counts "in 2 hours" as elapsed time across a DST change', () => {
    // 2026-03-08 06:30 UTC = 01:30 EST; two real hours later is 08:30 UTC (04:30 EDT).
    expect(utcOf('in 2 hours', 'America/New_York', '2026-03-08T06:30:00Z')).toBe('2026-03-08T08:30:00.000Z');
  });

  it('refuses a local time that does not exist (spring-forward gap)', () => {
    const ny = parseWhen('2026-03-08 02:30', 'America/New_York', at('2026-03-01T00:00:00Z'));
    expect(ny).toEqual({ ok: false, problem: { kind: 'dstGap', local: '2026-03-08 02:30', zone: 'America/New_York' } });
    const berlin = parseWhen('2026-03-29 02:15', 'Europe/Berlin', at('2026-03-01T00:00:00Z'));
    expect(berlin.ok).toBe(false);
    if (!berlin.ok) expect(berlin.problem.kind).toBe('dstGap');
  });

  it('flags the repeated hour when clocks go back', () => {
    const r = parseWhen('2026-10-25 02:30', 'Europe/Berlin', at('2026-10-01T00:00:00Z'));
    expect(r.ok && r.ambiguous).toBe(true);
    const plain = parseWhen('2026-10-25 05:30', 'Europe/Berlin', at('2026-10-01T00:00:00Z'));
    expect(plain.ok && plain.ambiguous).toBe(false);
  });

  it('refuses the past with the local time it understood', () => {
    const r = parseWhen('2026-11-26 11:00', 'Asia/Riyadh', at('2026-11-26T09:00:00Z'));
    expect(r).toEqual({ ok: false, problem: { kind: 'past', local: '2026-11-26 11:00' } });
    expect(parseWhen('2026-11-26T08:59Z', 'UTC', at('2026-11-26T09:00:00Z')).ok).toBe(false);
  });

  it('refuses what it cannot read, and a day without a time', () => {
    expect(parseWhen('whenever', 'UTC', at('2026-11-26T09:00:00Z'))).toEqual({
      ok: false,
      problem: { kind: 'unreadable' },
    });
    expect(parseWhen('tomorrow 9am please and thanks', 'UTC', at('2026-11-26T09:00:00Z')).ok).toBe(false);
    expect(parseWhen('tomorrow', 'UTC', at('2026-11-26T09:00:00Z'))).toEqual({
      ok: false,
      problem: { kind: 'noTime' },
    });
  });

  it('finds quarter hours in UTC', () => {
    expect(isQuarterHour(at('2026-11-26T09:45:00Z'))).toBe(true);
    expect(isQuarterHour(at('2026-11-26T09:50:00Z'))).toBe(false);
    expect(nextQuarterHour(at('2026-11-26T09:50:00Z')).toISOString()).toBe('2026-11-26T10:00:00.000Z');
  });
});

describe('numeric dates', () => {
  const now = new Date('2026-12-06T06:00:00Z');
  it('01/02/2027 is 1 February where day-first is the habit, 2 January in the Americas', () => {
    const riyadh = parseWhen('01/02/2027 10:00', 'Asia/Riyadh', now);
    expect(riyadh.ok && riyadh.utc.toISOString()).toBe('2027-02-01T07:00:00.000Z');
    const london = parseWhen('01/02/2027 10:00', 'Europe/London', now);
    expect(london.ok && london.utc.toISOString()).toBe('2027-02-01T10:00:00.000Z');
    const ny = parseWhen('01/02/2027 10:00', 'America/New_York', now);
    expect(ny.ok && ny.utc.toISOString()).toBe('2027-01-02T15:00:00.000Z');
  });

  it('a date both ways valid carries the other reading; one only one way valid, or written out, does not', () => {
    const riyadh = parseWhen('01/02/2027 10:00', 'Asia/Riyadh', now);
    expect(riyadh.ok && riyadh.otherReading?.toISOString()).toBe('2027-01-02T07:00:00.000Z');
    const ny = parseWhen('01/02/2027 10:00', 'America/New_York', now);
    expect(ny.ok && ny.otherReading?.toISOString()).toBe('2027-02-01T15:00:00.000Z');
    for (const typed of ['13/02/2027 10:00', '02/02/2027 10:00', '2027-02-01 10:00', 'tomorrow 9am']) {
      const r = parseWhen(typed, 'Asia/Riyadh', now);
      expect(r.ok && r.otherReading, typed).toBeUndefined();
    }
    expect(writtenDate(new Date('2027-02-01T07:00:00Z'), 'Asia/Riyadh', 'en')).toBe('Monday, 1 February 2027');
    expect(writtenDate(new Date('2027-02-01T07:00:00Z'), 'Asia/Riyadh', 'ar')).toBe('الاثنين، 1 فبراير 2027');
  });
});

describe('prayer times', () => {
  // 2026-11-26 09:00 UTC is 12:00 in Riyadh (UTC+3).
  const now = '2026-11-26T09:00:00Z';
  it('after a prayer is a fixed hour near it, shown back in the confirmation', () => {
    expect(utcOf('غدا بعد المغرب', 'Asia/Riyadh', now)).toBe('2026-11-27T16:00:00.000Z');
    expect(utcOf('اليوم بعد العشاء', 'Asia/Riyadh', now)).toBe('2026-11-26T18:00:00.000Z');
    expect(utcOf('الخميس القادم بعد صلاة العصر', 'Asia/Riyadh', now)).toBe('2026-12-03T13:00:00.000Z');
    // «بعد الظهر 3» is still three in the afternoon.
    expect(utcOf('غدا بعد الظهر 3', 'Asia/Riyadh', now)).toBe('2026-11-27T12:00:00.000Z');
  });
});
