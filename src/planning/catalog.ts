/**
 * Reads the planner's marketing catalog (the data is in data/catalog.ts, sources cited there):
 * whether a channel serves a goal or an audience, the least useful spend on it, the audience a
 * product and market point to, and the strategies for a goal. The vocabulary (goals, channels,
 * KPIs) and the data are re-exported, so the rest of the program imports the catalog from here.
 */
import { fromUsd, toMinor } from '../lib/money.js';
import {
  type Audience,
  B2B_WORDS,
  CHANNEL_INFO,
  type Channel,
  type Goal,
  STRATEGIES,
  type Strategy,
} from './data/catalog.js';

export {
  type Audience,
  B2B_WORDS,
  CHANNEL_INFO,
  CHANNELS,
  type Channel,
  type ChannelInfo,
  GOAL_DEFAULTS,
  GOALS,
  type Goal,
  KPI_LABELS,
  KPI_UNITS,
  KPIS,
  type Kpi,
  type KpiUnit,
  STRATEGIES,
  type Strategy,
} from './data/catalog.js';

/** Business buyers or consumers, from the words in the product and market. */
export function audienceOf(product: string, market: string): Audience {
  const words = `${product} ${market}`.toLowerCase().split(/[^\p{L}\p{N}]+/u);
  return words.some((w) => B2B_WORDS.includes(w)) ? 'b2b' : 'b2c';
}

export function fitsGoal(channel: Channel, goal: Goal): boolean {
  return (CHANNEL_INFO[channel].fit[goal] ?? 0) > 0;
}

export function fitsAudience(channel: Channel, audience: Audience): boolean {
  const only = CHANNEL_INFO[channel].audience;
  return only === undefined || only === audience;
}

/** The least useful spend on a channel for the whole campaign, in minor units of the currency. */
export function channelMinimum(channel: Channel, weeks: number, currency: string): number {
  const m = CHANNEL_INFO[channel].minimum;
  return toMinor(fromUsd(m.fixedUsd + m.weeklyUsd * weeks, currency).value, currency);
}

/** Strategies for a goal that suit the audience, in a seed-dependent but fixed order. */
export function strategiesFor(goal: Goal, audience: Audience, seed: number): Strategy[] {
  const usable = STRATEGIES.filter((s) => {
    const lead = s.mix[0]?.[0];
    return s.goal === goal && lead !== undefined && fitsAudience(lead, audience);
  });
  const start = usable.length === 0 ? 0 : (seed * 3) % usable.length;
  return [...usable.slice(start), ...usable.slice(0, start)];
}
