import { describe, expect, it } from 'vitest';
import {
  avgEngagementTime,
  change,
  computeKpis,
  conversionRate,
  cpa,
  cpc,
  cpl,
  cpm,
  ctr,
  dwellTime,
  emailClickRate,
  emailOpenRate,
  emptyTotals,
  engagementRate,
  KPI_IDS,
  NA,
  returningRate,
  roas,
  roi,
  siteConversionRate,
  type Totals,
  webEngagementRate,
} from '../../src/reporting/kpi.js';

const t = (over: Partial<Totals>): Totals => ({ ...emptyTotals(), ...over });

describe('KPI formulas', () => {
  it('computes each formula from known values', () => {
    const x = t({
      spendMinor: 50_000,
      revenueMinor: 200_000,
      impressions: 40_000,
      clicks: 800,
      leads: 25,
      conversions: 40,
      emailsDelivered: 1_000,
      emailsOpened: 230,
      emailsClicked: 31,
      engagements: 90,
      reach: 3_000,
      sessions: 500,
      engagedSessions: 300,
      engagementSeconds: 36_000,
      newUsers: 300,
      returningUsers: 100,
    });
    expect(roi(x)).toBe(3); // (2000 - 500) / 500
    expect(roas(x)).toBe(4);
    expect(ctr(x)).toBe(0.02);
    expect(cpc(x)).toBe(62.5); // minor units: 0.625 major
    expect(cpm(x)).toBe(1_250); // 12.50 per thousand
    expect(cpl(x)).toBe(2_000);
    expect(cpa(x)).toBe(1_250);
    expect(conversionRate(x)).toBe(0.05); // 40 / 800 clicks
    expect(emailOpenRate(x)).toBe(0.23);
    expect(emailClickRate(x)).toBe(0.031);
    expect(engagementRate(x)).toBe(0.03);
    expect(webEngagementRate(x)).toBe(0.6);
    expect(avgEngagementTime(x)).toBe(90); // 36000 s / 400 users
    expect(dwellTime(x)).toBe(72); // 36000 s / 500 sessions
    expect(returningRate(x)).toBe(0.25);
  });

  it('keeps ad and site conversion rates apart (issue 19.4)', () => {
    // Ad conversions over ad clicks; the site's (GA4) over sessions; never one summed into the other.
    const both = t({ conversions: 10, clicks: 200, sessions: 400, siteConversions: 30 });
    expect(conversionRate(both)).toBe(0.05);
    expect(siteConversionRate(both)).toBe(0.075);
    expect(conversionRate(t({ conversions: 10, sessions: 400 }))).toBe(NA);
  });

  it('gives a negative ROI when spend exceeds revenue', () => {
    expect(roi(t({ spendMinor: 1000, revenueMinor: 600 }))).toBeCloseTo(-0.4);
  });

  it('answers n/a, never NaN or Infinity, for every zero denominator', () => {
    const zero = computeKpis(emptyTotals());
    for (const id of KPI_IDS) expect(zero[id], id).toBe(NA);
    const onlyNumerators = computeKpis(t({ revenueMinor: 100, clicks: 5, conversions: 2, emailsOpened: 3 }));
    for (const id of KPI_IDS) {
      const v = onlyNumerators[id];
      expect(v === NA || Number.isFinite(v), id).toBe(true);
    }
    expect(onlyNumerators.roas).toBe(NA);
    expect(onlyNumerators.ctr).toBe(NA);
  });

  it('computes change against a base and n/a against zero', () => {
    expect(change(120, 100)).toBeCloseTo(0.2);
    expect(change(80, 100)).toBeCloseTo(-0.2);
    expect(change(5, 0)).toBe(NA);
    expect(change(NA, 3)).toBe(NA);
    expect(change(-50, -100)).toBeCloseTo(0.5);
  });
});
