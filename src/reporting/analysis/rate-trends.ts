/**
 * Rate moves for /report trends: CTR, CPC, CPL, email open and click rates, engagement rate and the
 * ad and site conversion rates, per channel, first four weeks against the last four. A rate is
 * compared only where both halves carry enough volume to mean something (MIN_VOLUME: a CTR on 40
 * impressions moves 50% by chance), and the moves are ranked by impact: the size of the move times
 * the channel's share of the volume the rate is measured on, so a 25% fall on the channel carrying
 * most impressions comes before a 40% one on a channel that carries few.
 */
import { change, KPIS, type KpiId, NA, type Totals } from '../kpi.js';

/** A rate, the figure it is measured on (its denominator) and the least of it worth reading. */
export const RATE_VOLUME = {
  ctr: { on: 'impressions', min: 1000 },
  cpc: { on: 'clicks', min: 100 },
  cpl: { on: 'leads', min: 20 },
  conversion_rate: { on: 'clicks', min: 100 },
  site_conversion_rate: { on: 'sessions', min: 500 },
  open_rate: { on: 'emailsDelivered', min: 500 },
  click_rate: { on: 'emailsDelivered', min: 500 },
  engagement_rate: { on: 'reach', min: 1000 },
} as const satisfies Partial<Record<KpiId, { on: keyof Totals; min: number }>>;
export type TrendRate = keyof typeof RATE_VOLUME;
export const TREND_RATES = Object.keys(RATE_VOLUME) as TrendRate[];

/** A move smaller than this over the 8 weeks is steady, not a trend. */
export const TREND_THRESHOLD = 0.1;

export interface RateMove {
  channel: string;
  kpi: TrendRate;
  before: number;
  now: number;
  change: number;
  /** The denominator in the last four weeks (impressions for CTR...). */
  volume: number;
  impact: number;
}

/** Every rate that moved by TREND_THRESHOLD or more on enough volume, the largest impact first. */
export function rateMoves(halves: ReadonlyMap<string, readonly [Totals, Totals]>): RateMove[] {
  const moves: RateMove[] = [];
  for (const kpi of TREND_RATES) {
    const { on, min } = RATE_VOLUME[kpi];
    const all = [...halves.values()].reduce((sum, [, b]) => sum + (b[on] ?? 0), 0);
    for (const [channel, [a, b]] of halves) {
      if ((a[on] ?? 0) < min || (b[on] ?? 0) < min) continue;
      const before = KPIS[kpi].compute(a);
      const now = KPIS[kpi].compute(b);
      const moved = change(now, before);
      if (before === NA || now === NA || moved === NA || Math.abs(moved) < TREND_THRESHOLD) continue;
      const volume = b[on] ?? 0;
      moves.push({ channel, kpi, before, now, change: moved, volume, impact: Math.abs(moved) * (volume / all) });
    }
  }
  return moves.sort((x, y) => y.impact - x.impact || x.channel.localeCompare(y.channel));
}
