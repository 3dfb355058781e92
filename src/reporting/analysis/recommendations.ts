/**
 * Recommendations a report ends with. Each channel is judged by what it is for (analysis/goals.ts):
 * a sales channel by ROAS and CPA, a leads channel by CPL, an awareness channel by CPM, each against
 * a benchmark that is named (the best sales channel, break-even, the published figure for the
 * workspace's region, the previous period or the plan's goal). A brand video is never told to move
 * its budget for a low ROAS. docs/reports.md, "Recommendations", lists the rules in order.
 */
import { aboutAmount, fromUsd, toMinor } from '../../lib/money.js';
import { BENCHMARKS, CURRENCY_REGIONS, type Region, type SourceId } from '../../planning/data/benchmarks.js';
import type { TargetProgress } from '../../planning/targets.js';
import { change, type KpiId, type KpiValues, NA, roas, type Totals } from '../kpi.js';
import type { Judged } from './goals.js';

export interface JudgedSlice {
  name: string;
  totals: Totals;
  kpis: KpiValues;
  judged: Judged;
}

export type Recommendation =
  | { kind: 'shiftBudget'; from: string; fromRoas: number; to: string; toRoas: number; amountMinor: number }
  | { kind: 'cutCampaign'; campaign: string; roas: number; spendMinor: number; revenueMinor: number }
  | { kind: 'scaleCampaign'; campaign: string; roas: number; spendMinor: number }
  | { kind: 'fixFalling'; kpi: KpiId; before: number; now: number }
  | { kind: 'closeGap'; target: TargetProgress }
  | { kind: 'costliest'; channel: string; cpa: number; averageCpa: number }
  | {
      kind: 'overBenchmark';
      channel: string;
      judged: Judged;
      kpi: 'cpm' | 'cpl' | 'cpa';
      value: number;
      benchmark: number;
      source: SourceId;
    };

/** Share of total spend below which a channel or campaign is not ranked for best/worst or budget moves. */
export const MIN_SPEND_SHARE = 0.05;
/** Rates whose fall is worth fixing, in the order they are checked. */
const WATCHED: readonly KpiId[] = [
  'open_rate',
  'click_rate',
  'ctr',
  'conversion_rate',
  'site_conversion_rate',
  'engagement_rate',
  'web_engagement_rate',
];
/** A fall smaller than this (relative) is noise, not a recommendation. */
const FALL_THRESHOLD = -0.1;
/** A cost this far above its benchmark is worth acting on. */
const OVER_BENCHMARK = 1.25;

/** The benchmark cost of a channel for how it is judged, in minor units of the currency. */
export function benchmarkCost(
  channel: string,
  kpi: 'cpm' | 'cpl' | 'cpa',
  currency: string,
): { value: number; source: SourceId } | undefined {
  const region: Region = CURRENCY_REGIONS[currency] ?? 'us_ca';
  const b = BENCHMARKS[region];
  const social = channel === 'facebook' || channel === 'instagram';
  const figure =
    kpi === 'cpm'
      ? social
        ? b.social_ads.cpm
        : channel === 'youtube'
          ? b.video.cpm
          : channel === 'linkedin'
            ? b.linkedin.cpm
            : undefined
      : kpi === 'cpl'
        ? social
          ? b.social_ads.cpl
          : channel === 'linkedin'
            ? b.linkedin.cpl
            : undefined
        : social
          ? b.social_ads.cpa
          : undefined;
  if (!figure) return undefined;
  const major = fromUsd(figure.value, currency);
  // A guessed exchange rate is no benchmark to judge by.
  if (!major.known) return undefined;
  return { value: toMinor(major.value, currency), source: figure.source };
}

/** The cost that judges a channel: CPM for awareness, CPL for leads, CPA for sales. */
const COST_OF: Record<Judged, 'cpm' | 'cpl' | 'cpa'> = { awareness: 'cpm', leads: 'cpl', sales: 'cpa' };

export function recommend(d: {
  kpis: KpiValues;
  previousKpis: KpiValues;
  channels: JudgedSlice[];
  rankedCampaigns: Array<{ name: string; totals: Totals }>;
  targets: TargetProgress[];
  totals: Totals;
  currency: string;
}): Recommendation[] {
  const out: Recommendation[] = [];
  const minSpend = d.totals.spendMinor * MIN_SPEND_SHARE;
  // Budget moves by ROAS only between channels whose job is sales.
  const sales = d.channels
    .filter((c) => c.judged === 'sales' && c.totals.spendMinor > 0 && c.totals.spendMinor >= minSpend)
    .sort((a, b) => (roas(b.totals) as number) - (roas(a.totals) as number));
  const top = sales[0];
  const bottom = sales[sales.length - 1];
  if (top && bottom && top !== bottom) {
    const toRoas = roas(top.totals) as number;
    const fromRoas = roas(bottom.totals) as number;
    if (toRoas > fromRoas * 1.2) {
      // Move a fifth of the weakest channel's spend: big enough to matter, small enough to test.
      out.push({
        kind: 'shiftBudget',
        from: bottom.name,
        fromRoas,
        to: top.name,
        toRoas,
        // "About" a figure a person would say: 460, not 461.62.
        amountMinor: aboutAmount(Math.round(bottom.totals.spendMinor * 0.2), d.currency),
      });
    }
  }
  // Each channel's own cost against its published benchmark; the furthest above first.
  const over = d.channels
    .filter((c) => c.totals.spendMinor >= minSpend)
    .flatMap((c) => {
      const kpi = COST_OF[c.judged];
      const value = c.kpis[kpi];
      const bench = benchmarkCost(c.name, kpi, d.currency);
      if (value === NA || !bench || value <= bench.value * OVER_BENCHMARK) return [];
      return [
        {
          kind: 'overBenchmark' as const,
          channel: c.name,
          judged: c.judged,
          kpi,
          value,
          benchmark: bench.value,
          source: bench.source,
        },
      ];
    })
    .sort((a, b) => b.value / b.benchmark - a.value / a.benchmark);
  if (over[0]) out.push(over[0]);
  const falls = WATCHED.map((kpi) => ({ kpi, now: d.kpis[kpi], before: d.previousKpis[kpi] }))
    .map((x) => ({ ...x, change: change(x.now, x.before) }))
    .filter(
      (x): x is { kpi: KpiId; now: number; before: number; change: number } =>
        x.change !== NA && x.change <= FALL_THRESHOLD,
    )
    .sort((a, b) => a.change - b.change);
  const fall = falls[0];
  if (fall) out.push({ kind: 'fixFalling', kpi: fall.kpi, before: fall.before, now: fall.now });
  const gaps = d.targets
    .filter((t) => t.status === 'off_track' && t.gap !== NA && t.target > 0)
    .sort((a, b) => (b.gap as number) / b.target - (a.gap as number) / a.target);
  if (gaps[0]) out.push({ kind: 'closeGap', target: gaps[0] });
  // Campaigns are judged by ROAS only when they report revenue: a campaign with none is not for sales.
  const selling = d.rankedCampaigns.filter((c) => c.totals.revenueMinor > 0);
  const loser = [...selling].reverse().find((c) => (roas(c.totals) as number) < 1);
  if (loser) {
    out.push({
      kind: 'cutCampaign',
      campaign: loser.name,
      roas: roas(loser.totals) as number,
      spendMinor: loser.totals.spendMinor,
      revenueMinor: loser.totals.revenueMinor,
    });
  }
  const winner = selling[0];
  if (winner && (roas(winner.totals) as number) >= 2 && winner !== loser) {
    out.push({
      kind: 'scaleCampaign',
      campaign: winner.name,
      roas: roas(winner.totals) as number,
      spendMinor: winner.totals.spendMinor,
    });
  }
  const avg = d.kpis.cpa;
  const costly = d.channels
    .filter((c) => c.judged === 'sales' && c.kpis.cpa !== NA)
    .sort((a, b) => (b.kpis.cpa as number) - (a.kpis.cpa as number))[0];
  if (costly && avg !== NA && (costly.kpis.cpa as number) > avg * 1.25) {
    out.push({ kind: 'costliest', channel: costly.name, cpa: costly.kpis.cpa as number, averageCpa: avg });
  }
  return out.slice(0, 3);
}
