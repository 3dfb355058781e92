/**
 * KPI formulas (issue 8; sources in research/sentiment-llm-kpi-charts.md section 3). Pure functions
 * over summed daily metrics. Rates are computed here and never stored. A zero denominator has no
 * answer: the result is "n/a", never NaN or Infinity. Money is in minor units throughout.
 */

export const NA = 'n/a';
export type Ratio = number | typeof NA;

/** The summable figures of MetricDaily (column names as in prisma/schema.prisma). */
export const METRIC_FIELDS = [
  'impressions',
  'reach',
  'clicks',
  'spendMinor',
  'revenueMinor',
  'conversions',
  'leads',
  'engagements',
  'followers',
  'emailsSent',
  'emailsDelivered',
  'emailsOpened',
  'emailsClicked',
  'emailsUnsubscribed',
  'sessions',
  'engagedSessions',
  'engagementSeconds',
  'newUsers',
  'returningUsers',
  'searchPositionSum',
  'searchImpressions',
] as const;
export type MetricField = (typeof METRIC_FIELDS)[number];
/**
 * Summed figures. In a report, `conversions` are the ad platforms' conversions only and
 * `siteConversions` the site's own (GA4 key events on the channel `web`): the two count the same
 * purchase from two sides, so they are kept apart and never added (docs/reports.md, "Conversions").
 * Optional because a stored row has no such column; absent is zero.
 */
export type Totals = Record<MetricField, number> & { siteConversions?: number };

const ZERO = Object.fromEntries(METRIC_FIELDS.map((f) => [f, 0])) as Totals;

/** A report makes one per channel and campaign, thousands over a year: a copy is cheaper than building it. */
export function emptyTotals(): Totals {
  return { ...ZERO };
}

export function addTotals(
  into: Totals,
  more: Partial<Record<MetricField, number | null>> & { siteConversions?: number },
): Totals {
  for (const f of METRIC_FIELDS) into[f] += more[f] ?? 0;
  if (more.siteConversions) into.siteConversions = (into.siteConversions ?? 0) + more.siteConversions;
  return into;
}

/** a / b, or "n/a" when b is zero (or either side is not a finite number). */
export function ratio(a: number, b: number): Ratio {
  if (b === 0 || !Number.isFinite(a) || !Number.isFinite(b)) return NA;
  return a / b;
}

/** ROI = (revenue - spend) / spend. Standard definition; can be negative while ROAS > 1 is not. */
export const roi = (t: Totals): Ratio => ratio(t.revenueMinor - t.spendMinor, t.spendMinor);

/** ROAS = revenue / spend, a multiple (Meta "purchase ROAS": conversion value / amount spent). */
export const roas = (t: Totals): Ratio => ratio(t.revenueMinor, t.spendMinor);

/** CTR = clicks / impressions (Meta "CTR (link click-through rate)"). */
export const ctr = (t: Totals): Ratio => ratio(t.clicks, t.impressions);

/** CPC = spend / clicks, minor units (Meta "CPC (cost per link click)"). */
export const cpc = (t: Totals): Ratio => ratio(t.spendMinor, t.clicks);

/** CPM = spend / impressions x 1000, minor units (Meta "CPM (cost per 1,000 impressions)"). */
export const cpm = (t: Totals): Ratio => {
  const r = ratio(t.spendMinor, t.impressions);
  return r === NA ? NA : r * 1000;
};

/** CPL = spend / leads, minor units (Meta "cost per lead"). */
export const cpl = (t: Totals): Ratio => ratio(t.spendMinor, t.leads);

/** CPA = spend / conversions, minor units. */
export const cpa = (t: Totals): Ratio => ratio(t.spendMinor, t.conversions);

/** Ad conversion rate = ad-platform conversions / ad clicks (Google Ads and Meta "conversion rate"). */
export const conversionRate = (t: Totals): Ratio => ratio(t.conversions, t.clicks);

/** Site conversion rate = web conversions / sessions: GA4's "session key event rate". */
export const siteConversionRate = (t: Totals): Ratio => ratio(t.siteConversions ?? 0, t.sessions);

/** Email open rate = unique opens / successful deliveries (Mailchimp's report definition). */
export const emailOpenRate = (t: Totals): Ratio => ratio(t.emailsOpened, t.emailsDelivered);

/** Email click rate = unique clicks / successful deliveries (Mailchimp). */
export const emailClickRate = (t: Totals): Ratio => ratio(t.emailsClicked, t.emailsDelivered);

/**
 * Unsubscribe rate = unsubscribes / successful deliveries, Mailchimp's definition (its report's
 * `unsubscribed` over emails sent minus bounces). Not a KpiId: plans set no target for it; the
 * automation part of the digest flags a campaign past UNSUBSCRIBE_ALERT_RATE (docs/reports.md).
 */
export const unsubscribeRate = (t: Totals): Ratio => ratio(t.emailsUnsubscribed, t.emailsDelivered);

/** Social engagement rate = engagements / reach (Meta organic convention; the denominator is reach). */
export const engagementRate = (t: Totals): Ratio => ratio(t.engagements, t.reach);

/** Web engagement rate = engaged sessions / sessions (GA4 engagementRate; bounce rate is 1 minus it). */
export const webEngagementRate = (t: Totals): Ratio => ratio(t.engagedSessions, t.sessions);

/**
 * Average engagement time = engagement seconds / (new + returning users): GA4's "average engagement
 * time" per active user (issue 8). GA4 has no dwell-time metric; this is the proxy used for it.
 */
export const avgEngagementTime = (t: Totals): Ratio => ratio(t.engagementSeconds, t.newUsers + t.returningUsers);

/** Dwell time proxy per session = engagement seconds / sessions (GA4 userEngagementDuration / sessions). */
export const dwellTime = (t: Totals): Ratio => ratio(t.engagementSeconds, t.sessions);

/** Returning-visitor rate = returning / (new + returning) users (GA4 dimension newVsReturning). */
export const returningRate = (t: Totals): Ratio => ratio(t.returningUsers, t.newUsers + t.returningUsers);

/**
 * Average search position = sum(position x impressions) / impressions of the rows with a position:
 * Search Console's impression-weighted average, exact over any range because the sum is stored.
 */
export const avgPosition = (t: Totals): Ratio => ratio(t.searchPositionSum, t.searchImpressions);

/** How a KPI is shown and which way is good. */
export type KpiKind = 'percent' | 'multiple' | 'money' | 'seconds' | 'position';

export interface KpiDef {
  id: KpiId;
  kind: KpiKind;
  higherIsBetter: boolean;
  compute(t: Totals): Ratio;
}

export const KPIS = {
  roi: { kind: 'percent', higherIsBetter: true, compute: roi },
  roas: { kind: 'multiple', higherIsBetter: true, compute: roas },
  ctr: { kind: 'percent', higherIsBetter: true, compute: ctr },
  cpc: { kind: 'money', higherIsBetter: false, compute: cpc },
  cpm: { kind: 'money', higherIsBetter: false, compute: cpm },
  cpl: { kind: 'money', higherIsBetter: false, compute: cpl },
  cpa: { kind: 'money', higherIsBetter: false, compute: cpa },
  conversion_rate: { kind: 'percent', higherIsBetter: true, compute: conversionRate },
  site_conversion_rate: { kind: 'percent', higherIsBetter: true, compute: siteConversionRate },
  open_rate: { kind: 'percent', higherIsBetter: true, compute: emailOpenRate },
  click_rate: { kind: 'percent', higherIsBetter: true, compute: emailClickRate },
  engagement_rate: { kind: 'percent', higherIsBetter: true, compute: engagementRate },
  web_engagement_rate: { kind: 'percent', higherIsBetter: true, compute: webEngagementRate },
  avg_engagement_time: { kind: 'seconds', higherIsBetter: true, compute: avgEngagementTime },
  dwell_time: { kind: 'seconds', higherIsBetter: true, compute: dwellTime },
  returning_rate: { kind: 'percent', higherIsBetter: true, compute: returningRate },
  avg_position: { kind: 'position', higherIsBetter: false, compute: avgPosition },
} as const satisfies Record<string, Omit<KpiDef, 'id'>>;

export type KpiId = keyof typeof KPIS;
export const KPI_IDS = Object.keys(KPIS) as KpiId[];

export function kpiDef(id: KpiId): KpiDef {
  return { id, ...KPIS[id] };
}

export type KpiValues = Record<KpiId, Ratio>;

export function computeKpis(t: Totals): KpiValues {
  return Object.fromEntries(KPI_IDS.map((id) => [id, KPIS[id].compute(t)])) as KpiValues;
}

/** Relative change (now - before) / |before|; "n/a" when before is zero (week-over-week, research 3). */
export function change(now: Ratio, before: Ratio): Ratio {
  if (now === NA || before === NA) return NA;
  return ratio(now - before, Math.abs(before));
}
