/**
 * Best and weakest channel and campaign, by ROAS, among what is meant to sell only: a video channel
 * bought for awareness is not "weak" for returning 1x. What carries budget but is judged by another
 * goal is named beside the ranking (`unranked`), so a reader who sees YouTube at 1.02x in the table
 * is told why the weakest channel is another one.
 */
import { roas, type Totals } from '../kpi.js';
import { type Judged, judgedByData } from './goals.js';
import { MIN_SPEND_SHARE } from './recommendations.js';

export interface Unranked {
  kind: 'channel' | 'campaign';
  name: string;
  judged: Exclude<Judged, 'sales'>;
}

/** What is ranked: a channel's or a campaign's totals (reports.ts Slice). */
interface Slice {
  name: string;
  totals: Totals;
  /** What a channel is for (channels only; a campaign's comes from `campaignGoals`). */
  judged?: Judged;
}

export interface Ranking<S extends Slice> {
  best: { channel?: S; campaign?: S };
  worst: { channel?: S; campaign?: S };
  /** Campaigns ranked, best first (the recommendations scale the best). */
  rankedCampaigns: S[];
  /** What carries budget but is judged by awareness or leads, in spend order. */
  unranked: Unranked[];
}

/** `campaignGoals`: what the linked plan says each campaign is for (else its figures say). */
export function rankBySales<S extends Slice>(
  channels: S[],
  campaigns: S[],
  campaignGoals: ReadonlyMap<string, Judged>,
  total: Totals,
): Ranking<S> {
  // A channel that spent next to nothing can show any ROAS; rank only those that carry budget.
  const minSpend = total.spendMinor * MIN_SPEND_SHARE;
  const carries = (x: Slice) => x.totals.spendMinor > 0 && x.totals.spendMinor >= minSpend;
  const byRoas = (s: S[]) => s.filter(carries).sort((a, b) => (roas(b.totals) as number) - (roas(a.totals) as number));
  const channelGoal = (c: Slice) => c.judged ?? judgedByData(c.totals);
  const campaignGoal = (c: Slice) => campaignGoals.get(c.name) ?? judgedByData(c.totals);
  const rankedChannels = byRoas(channels.filter((c) => channelGoal(c) === 'sales'));
  const rankedCampaigns = byRoas(campaigns.filter((c) => c.totals.revenueMinor > 0 && campaignGoal(c) === 'sales'));
  const last = (s: S[]) => (s.length > 1 ? s[s.length - 1] : undefined);
  const left = (kind: Unranked['kind'], s: S[], goal: (x: S) => Judged): Unranked[] =>
    s
      .filter(carries)
      .sort((a, b) => b.totals.spendMinor - a.totals.spendMinor)
      .flatMap((x) => {
        const judged = goal(x);
        return judged === 'sales' ? [] : [{ kind, name: x.name, judged }];
      });
  return {
    best: { channel: rankedChannels[0], campaign: rankedCampaigns[0] },
    worst: { channel: last(rankedChannels), campaign: last(rankedCampaigns) },
    rankedCampaigns,
    unranked: [
      ...(rankedChannels.length > 0 ? left('channel', channels, channelGoal) : []),
      ...(rankedCampaigns.length > 0 ? left('campaign', campaigns, campaignGoal) : []),
    ],
  };
}
