import { describe, expect, it } from 'vitest';
import { isRecurring, occurrences, parseRecurrence } from '../../src/publishing/recurring/recurrence.js';

// Thursday 26 November 2026, 12:00 in Riyadh.
const NOW = new Date('2026-11-26T09:00:00Z');
const RIYADH = 'Asia/Riyadh';

function read(text: string, zone = RIYADH, now = NOW) {
  const r = parseRecurrence(text, zone, now);
  if (!r.ok) throw new Error(`not read: ${JSON.stringify(r.problem)}`);
  return r;
}

describe('recurring times as typed', () => {
  it.each([
    ['every monday 9am', [1], '09:00', 1],
    ['every mon,wed,fri 18:00', [1, 3, 5], '18:00', 1],
    ['every Mon, Wed and Fri at 6:30pm', [1, 3, 5], '18:30', 1],
    ['every day 9am', [1, 2, 3, 4, 5, 6, 7], '09:00', 1],
    ['every 2 weeks on friday 10:00', [5], '10:00', 2],
    ['every other week on tuesday noon', [2], '12:00', 2],
    ['كل اثنين 9 صباحًا', [1], '09:00', 1],
    ['كل يوم 9 صباحا', [1, 2, 3, 4, 5, 6, 7], '09:00', 1],
    ['كل يوم الخميس الساعة 6 مساءً', [4], '18:00', 1],
    ['كل أسبوعين يوم الجمعة ١٠:٠٠', [5], '10:00', 2],
    ['كل اثنين وأربعاء وجمعة 18:00', [1, 3, 5], '18:00', 1],
  ])('%s', (text, weekdays, time, every) => {
    expect(isRecurring(text)).toBe(true);
    const r = read(text);
    expect(r.rule).toMatchObject({ weekdays, time, every });
    expect(r.until).toBeNull();
  });

  it('is not a recurrence when it does not start with every / كل', () => {
    expect(isRecurring('tomorrow 9am')).toBe(false);
    expect(isRecurring('next monday 10:00')).toBe(false);
    expect(isRecurring('الخميس القادم 10:00')).toBe(false);
  });

  it('the first date is the next matching day; until includes its whole day', () => {
    const r = read('every monday 9am until 2027-03-01');
    expect(r.first.toISOString()).toBe('2026-11-30T06:00:00.000Z');
    expect(r.until?.toISOString()).toBe('2027-03-01T20:59:59.999Z');
    const dates = occurrences(r.rule, RIYADH, new Date(r.first.getTime() - 1), r.until as Date, 100);
    expect(dates).toHaveLength(14);
    expect(dates.at(-1)?.toISOString()).toBe('2027-03-01T06:00:00.000Z');
    const ar = read('كل اثنين 9 صباحًا حتى 2027-03-01');
    expect(ar.until?.toISOString()).toBe(r.until?.toISOString());
    expect(ar.rule).toEqual(r.rule);
  });

  it('today counts when its time is still ahead', () => {
    // Thursday 12:00 local: 18:00 today is the first date, 9:00 today has passed.
    expect(read('every thursday 18:00').first.toISOString()).toBe('2026-11-26T15:00:00.000Z');
    expect(read('every thursday 9am').first.toISOString()).toBe('2026-12-03T06:00:00.000Z');
  });

  it('every 2 weeks counts from the week of the first date', () => {
    const r = read('every 2 weeks on friday 10:00');
    const dates = occurrences(r.rule, RIYADH, NOW, new Date('2027-01-01T00:00:00Z'), 10).map((d) => d.toISOString());
    expect(dates).toEqual(['2026-11-27T07:00:00.000Z', '2026-12-11T07:00:00.000Z', '2026-12-25T07:00:00.000Z']);
  });

  it('keeps the local time across daylight saving (New York, March and November)', () => {
    const zone = 'America/New_York';
    const r = read('every monday 9am', zone, new Date('2027-03-01T12:00:00Z'));
    const dates = occurrences(r.rule, zone, new Date('2027-03-01T12:00:00Z'), new Date('2027-03-23T00:00:00Z'), 10);
    // EST (UTC-5) until 14 March, then EDT (UTC-4): 9:00 local each Monday.
    // 1 March is a Monday and 7:00 there: its 9:00 is still ahead.
    expect(dates.map((d) => d.toISOString())).toEqual([
      '2027-03-01T14:00:00.000Z',
      '2027-03-08T14:00:00.000Z',
      '2027-03-15T13:00:00.000Z',
      '2027-03-22T13:00:00.000Z',
    ]);
    const fall = occurrences(r.rule, zone, new Date('2027-10-30T00:00:00Z'), new Date('2027-11-09T00:00:00Z'), 10);
    expect(fall.map((d) => d.toISOString())).toEqual(['2027-11-01T13:00:00.000Z', '2027-11-08T14:00:00.000Z']);
  });

  it('a time in the hour clocks skip goes out that much later that day, once', () => {
    const zone = 'America/New_York';
    const r = read('every sunday 2:30am', zone, new Date('2027-03-01T12:00:00Z'));
    const dates = occurrences(r.rule, zone, new Date('2027-03-10T00:00:00Z'), new Date('2027-03-22T00:00:00Z'), 10);
    expect(dates.map((d) => d.toISOString())).toEqual(['2027-03-14T07:30:00.000Z', '2027-03-21T06:30:00.000Z']);
  });

  it.each([
    ['every 9am', 'noDays'],
    ['every monday', 'noTime'],
    ['every monday 25:00', 'badTime'],
    ['every monday at teatime', 'badTime'],
    ['every monday 9am until someday', 'untilUnreadable'],
    ['every monday 9am until 2026-11-27', 'untilBeforeFirst'],
    ['every monday 9am until 2031-01-01', 'untilTooFar'],
    ['كل اثنين', 'noTime'],
  ])('refuses %s (%s)', (text, kind) => {
    const r = parseRecurrence(text, RIYADH, NOW);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem.kind).toBe(kind);
  });
});
