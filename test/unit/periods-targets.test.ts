import { describe, expect, it } from 'vitest';
import { normalizeRangeSpec, parseRange, previousRange } from '../../src/lib/periods.js';
import { evaluateTargets, parseTargets } from '../../src/planning/targets.js';
import { computeKpis, emptyTotals, NA } from '../../src/reporting/kpi.js';

describe('report ranges', () => {
  const now = new Date('2026-11-26T22:30:00Z');
  it('end relative ranges at the last complete day, in the workspace time zone', () => {
    // 22:30 UTC is already 27 Nov in Riyadh; today has no complete figures yet, so yesterday ends the range.
    expect(parseRange('7d', now, 'UTC')).toEqual({ from: '2026-11-19', to: '2026-11-25', days: 7 });
    expect(parseRange('7d', now, 'Asia/Riyadh')).toEqual({ from: '2026-11-20', to: '2026-11-26', days: 7 });
    expect(parseRange('30d', now, 'UTC')).toMatchObject({ from: '2026-10-27', to: '2026-11-25', days: 30 });
    expect(parseRange('90d', now, 'UTC')).toMatchObject({ from: '2026-08-28', to: '2026-11-25', days: 90 });
    expect(parseRange('365d', now, 'UTC')).toMatchObject({ to: '2026-11-25', days: 365 });
  });

  it('end at the last day with data when it is earlier, and say so', () => {
    expect(parseRange('7d', now, 'UTC', '2026-11-21')).toEqual({
      from: '2026-11-15',
      to: '2026-11-21',
      days: 7,
      endsAtData: true,
    });
    // Data up to yesterday: nothing to say.
    expect(parseRange('7d', now, 'UTC', '2026-11-25')).toEqual({ from: '2026-11-19', to: '2026-11-25', days: 7 });
    expect(parseRange('this-month', now, 'UTC', '2026-11-20')).toEqual({
      from: '2026-11-01',
      to: '2026-11-20',
      days: 20,
      endsAtData: true,
      previous: { from: '2026-10-01', to: '2026-10-20', days: 20 },
    });
  });

  it('knows month, week, quarter and year boundaries', () => {
    expect(parseRange('this-month', now, 'UTC')).toMatchObject({ from: '2026-11-01', to: '2026-11-25', days: 25 });
    expect(parseRange('this-month', new Date('2026-11-01T10:00:00Z'), 'UTC')).toBe('empty');
    expect(parseRange('last-month', new Date('2026-03-10T00:00:00Z'), 'UTC')).toMatchObject({
      from: '2026-02-01',
      to: '2026-02-28',
      days: 28,
    });
    // 2026-11-26 is a Thursday: last week is Monday 16 to Sunday 22.
    expect(parseRange('last-week', now, 'UTC')).toMatchObject({ from: '2026-11-16', to: '2026-11-22', days: 7 });
    expect(parseRange('last-quarter', now, 'UTC')).toMatchObject({ from: '2026-07-01', to: '2026-09-30', days: 92 });
    expect(parseRange('ytd', now, 'UTC')).toMatchObject({ from: '2026-01-01', to: '2026-11-25', days: 329 });
  });

  it('compares calendar periods with the period before them, and a year to date with last year', () => {
    // A quarter against the quarter before (91 days), not the 92 days ending 30 June.
    expect(parseRange('last-quarter', now, 'UTC')).toMatchObject({
      previous: { from: '2026-04-01', to: '2026-06-30', days: 91 },
    });
    // February against January, whole months.
    expect(parseRange('last-month', new Date('2026-03-10T00:00:00Z'), 'UTC')).toMatchObject({
      previous: { from: '2026-01-01', to: '2026-01-31', days: 31 },
    });
    expect(parseRange('last-week', now, 'UTC')).toMatchObject({
      previous: { from: '2026-11-09', to: '2026-11-15', days: 7 },
    });
    // Month to date against the same days of the previous month, cut at its end.
    expect(parseRange('this-month', now, 'UTC')).toMatchObject({
      previous: { from: '2026-10-01', to: '2026-10-25', days: 25 },
    });
    expect(parseRange('this-month', new Date('2026-03-31T10:00:00Z'), 'UTC')).toMatchObject({
      from: '2026-03-01',
      to: '2026-03-30',
      previous: { from: '2026-02-01', to: '2026-02-28', days: 28 },
    });
    // Year to date against the same days last year.
    expect(parseRange('ytd', now, 'UTC')).toMatchObject({
      previous: { from: '2025-01-01', to: '2025-11-25', days: 329 },
      comparedWith: 'lastYear',
    });
    // Rolling ranges keep the days just before them (no previous of their own).
    expect(parseRange('30d', now, 'UTC')).not.toHaveProperty('previous');
  });

  it('reads the Arabic words for the presets', () => {
    expect(normalizeRangeSpec('الشهر الماضي')).toBe('last-month');
    expect(normalizeRangeSpec('الأسبوع-الماضي')).toBe('last-week');
    expect(normalizeRangeSpec('الربع الماضي')).toBe('last-quarter');
    expect(normalizeRangeSpec('منذ بداية السنة')).toBe('ytd');
    expect(normalizeRangeSpec('آخر ٩٠ يومًا')).toBe('90d');
    expect(normalizeRangeSpec('هذا الشهر')).toBe('this-month');
    expect(normalizeRangeSpec('٢٠٢٦-١١-٠١..٢٠٢٦-١١-٣٠')).toBe('2026-11-01..2026-11-30');
  });

  it('reads explicit ranges and refuses impossible ones', () => {
    expect(parseRange('2026-02-27..2026-03-02', now, 'UTC')).toEqual({ from: '2026-02-27', to: '2026-03-02', days: 4 });
    expect(parseRange('2026-02-30..2026-03-02', now, 'UTC')).toBe('format');
    expect(parseRange('2026-03-02..2026-02-27', now, 'UTC')).toBe('order');
    expect(parseRange('2020-01-01..2026-01-01', now, 'UTC')).toBe('length');
  });

  it('compares with the period of the same length just before', () => {
    expect(previousRange({ from: '2026-11-01', to: '2026-11-26', days: 26 })).toEqual({
      from: '2026-10-06',
      to: '2026-10-31',
      days: 26,
    });
  });
});

describe('plan KPI targets', () => {
  it('reads forgiving names, units and directions, and skips what does not fit', () => {
    const { targets, skipped } = parseTargets([
      { kpi: 'Open rate', target: 22, unit: 'percent' },
      { kpi: 'email-open-rate', target: 0.2, unit: 'ratio' },
      { kpi: 'CPA', target: 20, direction: 'decrease' },
      { kpi: 'mood', target: 1 },
      { kpi: 'roas', target: -1 },
      'nonsense',
    ]);
    expect(targets.map((t) => t.kpi)).toEqual(['open_rate', 'open_rate', 'cpa']);
    expect(targets[2]?.direction).toBe('lower');
    expect(skipped).toBe(3);
    expect(parseTargets(null)).toEqual({ targets: [], skipped: 0 });
    // The planner's shape: min is a floor, max a ceiling.
    const planner = parseTargets([
      { kpi: 'roi', target: 200, unit: 'percent', direction: 'min' },
      { kpi: 'cpl', target: 12.5, unit: 'currency', direction: 'max' },
    ]).targets;
    expect(planner.map((t) => t.direction)).toEqual(['higher', 'lower']);
  });

  it('rates progress: on track, at risk within 10%, off track beyond, and n/a as no data, never off track', () => {
    const totals = {
      ...emptyTotals(),
      spendMinor: 10_000,
      revenueMinor: 28_000,
      conversions: 4,
      leads: 9,
      clicks: 100,
    };
    const kpis = computeKpis(totals);
    const { targets } = parseTargets([
      { kpi: 'roas', target: 2.5 },
      { kpi: 'roas', target: 3 },
      { kpi: 'roas', target: 4 },
      { kpi: 'cpa', target: 20, unit: 'currency' },
      { kpi: 'leads', target: 30 },
      { kpi: 'open_rate', target: 20 },
    ]);
    const p = evaluateTargets(targets, totals, kpis, 1 / 3, 'USD');
    expect(p.map((x) => x.status)).toEqual(['on_track', 'at_risk', 'off_track', 'off_track', 'at_risk', 'no_data']);
    // CPA 25.00 against at most 20.00 (2000 minor): 500 minor over.
    expect(p[3]).toMatchObject({ target: 2000, actual: 2500, gap: 500, direction: 'lower' });
    // Leads: 30 over the plan, a third of it in range -> 10 expected, 9 reached.
    expect(p[4]).toMatchObject({ target: 10, actual: 9, gap: 1 });
    expect(p[5]).toMatchObject({ actual: NA, gap: NA });
  });
});
