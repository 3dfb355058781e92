import { describe, expect, it } from 'vitest';
import { latestFire, parseCron } from '../../src/lib/cron.js';

const fire = (expr: string, now: string, zone: string) => {
  const spec = parseCron(expr);
  if (!spec) throw new Error(`bad cron ${expr}`);
  return latestFire(spec, new Date(now), zone)?.toUTC().toISO();
};

describe('cron', () => {
  it('parses the five fields and refuses what it cannot honour', () => {
    expect(parseCron('0 9 * * 1')).toBeDefined();
    expect(parseCron('*/15 8-18 1,15 * 1-5')).toBeDefined();
    expect(parseCron('0 9 * * 7')?.dow.values.has(0)).toBe(true);
    for (const bad of ['0 9 * *', '60 9 * * 1', '0 24 * * 1', '0 9 * * 8', 'a b c d e', '0 9 */0 * *', '5-1 * * * *']) {
      expect(parseCron(bad), bad).toBeUndefined();
    }
  });

  it('finds the latest Monday 09:00 in the workspace zone', () => {
    // Thursday 26 Nov 2026 -> Monday 23 Nov, 09:00 Riyadh (UTC+3) = 06:00 UTC.
    expect(fire('0 9 * * 1', '2026-11-26T09:00:00Z', 'Asia/Riyadh')).toBe('2026-11-23T06:00:00.000Z');
    // Monday 08:59 local has not fired yet this week: the previous Monday.
    expect(fire('0 9 * * 1', '2026-11-23T05:59:00Z', 'Asia/Riyadh')).toBe('2026-11-16T06:00:00.000Z');
    expect(fire('0 9 * * 1', '2026-11-23T06:00:00Z', 'Asia/Riyadh')).toBe('2026-11-23T06:00:00.000Z');
  });

  it('follows the zone across a DST change', () => {
    // London leaves summer time on Sunday 25 Oct 2026: Monday 09:00 is 08:00 UTC before, 09:00 UTC after.
    expect(fire('0 9 * * 1', '2026-10-20T12:00:00Z', 'Europe/London')).toBe('2026-10-19T08:00:00.000Z');
    expect(fire('0 9 * * 1', '2026-10-26T12:00:00Z', 'Europe/London')).toBe('2026-10-26T09:00:00.000Z');
    expect(fire('0 9 * * 1', '2026-10-26T08:30:00Z', 'Europe/London')).toBe('2026-10-19T08:00:00.000Z');
  });

  it('does not fire at a local time that a DST jump skips', () => {
    // New York skips 02:00-03:00 on Sunday 8 Mar 2026.
    expect(fire('30 2 * * 0', '2026-03-08T12:00:00Z', 'America/New_York')).toBe('2026-03-01T07:30:00.000Z');
  });

  it('treats restricted day-of-month and day-of-week as either', () => {
    // 1st of the month or Fridays, 10:00 UTC. Sunday 1 Nov 2026 matches by date.
    expect(fire('0 10 1 * 5', '2026-11-02T00:00:00Z', 'UTC')).toBe('2026-11-01T10:00:00.000Z');
    expect(fire('0 10 1 * 5', '2026-11-07T00:00:00Z', 'UTC')).toBe('2026-11-06T10:00:00.000Z');
  });
});
