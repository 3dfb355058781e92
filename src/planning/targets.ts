/**
 * Plan.kpiTargets: the goals a plan sets, and how far the team is from them (gap analysis).
 *
 * Stored JSON (docs/reports.md documents it for plan authors):
 *   [{ "kpi": "roas", "target": 3 },
 *    { "kpi": "ctr", "target": 1.5, "unit": "percent" },
 *    { "kpi": "cpa", "target": 25, "unit": "currency", "direction": "lower" },
 *    { "kpi": "leads", "target": 400 }]
 * kpi: a KPI id (roi, roas, ctr, cpc, cpm, cpl, cpa, conversion_rate, open_rate, click_rate,
 *   engagement_rate, web_engagement_rate, avg_engagement_time, dwell_time, returning_rate) or a total
 *   (revenue, spend, conversions, leads, clicks, impressions, reach, engagements, sessions); case,
 *   spaces and hyphens are forgiven ("Open rate" = open_rate).
 * target: a number in `unit`. unit: percent (2.5 = 2.5%), ratio (0.025), currency (major units of
 *   the plan currency), minor, count, seconds; when absent, the KPI's natural unit (percent for
 *   rates, ratio for ROAS, currency for money).
 * direction: higher or min (at least the target), lower or max (at most); defaults to the KPI's good
 *   direction.
 * A total's target covers the plan's whole period (startsOn..endsOn) and is pro-rated to the report
 * range; without plan dates it is read as a 30-day target.
 * Entries that do not fit are skipped and counted, never fatal: plans come from people and LLMs.
 */
import { z } from 'zod';
import { minorDigits } from '../lib/money.js';
import { KPI_IDS, KPIS, type KpiId, type KpiValues, NA, type Ratio, type Totals } from '../reporting/kpi.js';

export const TOTAL_TARGETS = {
  revenue: 'revenueMinor',
  spend: 'spendMinor',
  conversions: 'conversions',
  leads: 'leads',
  clicks: 'clicks',
  impressions: 'impressions',
  reach: 'reach',
  engagements: 'engagements',
  sessions: 'sessions',
} as const satisfies Record<string, keyof Totals>;
type TotalId = keyof typeof TOTAL_TARGETS;
export type TargetId = KpiId | TotalId;

const IDS = [...KPI_IDS, ...(Object.keys(TOTAL_TARGETS) as TotalId[])] as [TargetId, ...TargetId[]];
const ALIASES: Record<string, TargetId> = {
  email_open_rate: 'open_rate',
  email_click_rate: 'click_rate',
  returning_visitor_rate: 'returning_rate',
  average_engagement_time: 'avg_engagement_time',
  cvr: 'conversion_rate',
};
const normalizeId = (s: string) => {
  const k = s
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  return ALIASES[k] ?? k;
};
// min/max are what the planner writes (the target is a minimum or a maximum).
const DIRECTIONS: Record<string, 'higher' | 'lower'> = {
  min: 'higher',
  max: 'lower',
  higher: 'higher',
  increase: 'higher',
  at_least: 'higher',
  up: 'higher',
  lower: 'lower',
  decrease: 'lower',
  at_most: 'lower',
  down: 'lower',
};

export const kpiTargetSchema = z.object({
  kpi: z.string().transform(normalizeId).pipe(z.enum(IDS)),
  target: z.number().finite().nonnegative(),
  unit: z.enum(['percent', 'ratio', 'currency', 'minor', 'count', 'seconds']).optional(),
  direction: z
    .string()
    .transform(
      (s) =>
        DIRECTIONS[
          s
            .trim()
            .toLowerCase()
            .replace(/[\s-]+/g, '_')
        ],
    )
    .pipe(z.enum(['higher', 'lower']))
    .optional(),
});
export type KpiTarget = z.output<typeof kpiTargetSchema>;

/** The entries that fit the schema, and how many did not. */
export function parseTargets(json: unknown): { targets: KpiTarget[]; skipped: number } {
  const items = Array.isArray(json) ? json : [];
  const targets: KpiTarget[] = [];
  let skipped = 0;
  for (const item of items) {
    const r = kpiTargetSchema.safeParse(item);
    if (r.success) targets.push(r.data);
    else skipped++;
  }
  return { targets, skipped };
}

/** `no_data`: the figure has no denominator in scope (no email sent, say): never "off track". */
export type TargetStatus = 'on_track' | 'at_risk' | 'off_track' | 'no_data';

export interface TargetProgress {
  id: TargetId;
  /** KPI kind for display; totals are counts or money. */
  kind: 'percent' | 'multiple' | 'money' | 'seconds' | 'position' | 'count';
  direction: 'higher' | 'lower';
  /** In internal units: fraction, multiple, minor units, seconds or a count (pro-rated for totals). */
  target: number;
  actual: Ratio;
  /** How far from the goal, in the same units; positive means short of it. */
  gap: Ratio;
  status: TargetStatus;
}

/** Within 10% of the goal is "at risk"; further is "off track". */
export const AT_RISK_MARGIN = 0.1;

/** A target in internal units: a fraction for rates, minor units for money. */
export function internalTarget(t: KpiTarget, kind: TargetProgress['kind'], currency: string): number {
  const unit = t.unit ?? (kind === 'percent' ? 'percent' : kind === 'money' ? 'currency' : 'ratio');
  if (unit === 'percent') return t.target / 100;
  if (unit === 'currency') return Math.round(t.target * 10 ** minorDigits(currency));
  return t.target;
}

/**
 * Progress of each target over a report range. `share` is the fraction of the plan period the
 * range covers, used to pro-rate totals.
 */
export function evaluateTargets(
  targets: readonly KpiTarget[],
  totals: Totals,
  kpis: KpiValues,
  share: number,
  currency: string,
): TargetProgress[] {
  return targets.map((t) => {
    const isTotal = t.kpi in TOTAL_TARGETS;
    const field = isTotal ? TOTAL_TARGETS[t.kpi as TotalId] : undefined;
    const kpi = isTotal ? undefined : KPIS[t.kpi as KpiId];
    const kind: TargetProgress['kind'] = kpi
      ? kpi.kind
      : field === 'revenueMinor' || field === 'spendMinor'
        ? 'money'
        : 'count';
    const direction =
      t.direction ?? (kpi ? (kpi.higherIsBetter ? 'higher' : 'lower') : field === 'spendMinor' ? 'lower' : 'higher');
    const base = internalTarget(t, kind, currency);
    const target = field ? base * share : base;
    const actual: Ratio = field ? totals[field] : kpis[t.kpi as KpiId];
    if (actual === NA) return { id: t.kpi, kind, direction, target, actual, gap: NA, status: 'no_data' };
    const gap = direction === 'higher' ? target - actual : actual - target;
    let status: TargetStatus;
    if (gap <= 0) status = 'on_track';
    else if (gap <= Math.abs(target) * AT_RISK_MARGIN) status = 'at_risk';
    else status = 'off_track';
    return { id: t.kpi, kind, direction, target, actual, gap, status };
  });
}
