/**
 * Reads the planner's marketing catalog (the data is in data/catalog.ts, sources cited there):
 * whether a channel serves a goal or an audience, the least useful spend on it, the audience a
 * product and market point to, and the strategies for a goal. The vocabulary (goals, channels,
 * KPIs) and the data are re-exported, so the rest of the program imports the catalog from here.
 */
import { fromUsd, toMinor } from '../lib/money.js';
import type { BusinessType } from '../workspace/brand.js';
import {
  type Audience,
  B2B_WORDS,
  BUSINESS_TYPE_WORDS,
  CHANNEL_INFO,
  type Channel,
  EXISTING_AUDIENCE_WORDS,
  type Goal,
  type Strategy,
  type Tactics,
} from './data/catalog.js';

export {
  type Audience,
  B2B_WORDS,
  BUSINESS_TYPE_WORDS,
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
  type Tactics,
} from './data/catalog.js';

const wordsOf = (text: string) => text.toLowerCase().split(/[^\p{L}\p{N}]+/u);

/** The business type a brief's words point to (BUSINESS_TYPE_WORDS), a consumer brand by default. */
export function businessTypeOf(product: string, market: string): BusinessType {
  const words = wordsOf(`${product} ${market}`);
  return BUSINESS_TYPE_WORDS.find(([, list]) => words.some((w) => list.includes(w)))?.[0] ?? 'consumer';
}

/** Whether a market is people who already know the brand ("existing subscribers", «العملاء الحاليين»). */
export function knowsTheBrand(market: string): boolean {
  return wordsOf(market).some((w) => EXISTING_AUDIENCE_WORDS.includes(w));
}

/** Business buyers for B2B, consumers for everyone else. */
export function audienceOfType(type: BusinessType): Audience {
  return type === 'b2b' ? 'b2b' : 'b2c';
}

/** Whether a channel suits a business type: its audience and, for some, the types it is for. */
export function fitsType(channel: Channel, type: BusinessType): boolean {
  const info = CHANNEL_INFO[channel];
  return fitsAudience(channel, audienceOfType(type)) && (info.types === undefined || info.types.includes(type));
}

/** Whether a strategy suits a business type and a budget (in USD). */
export function strategyFits(st: Strategy, type: BusinessType, usd: number): boolean {
  return (st.types === undefined || st.types.includes(type)) && usd >= (st.minUsd ?? 0);
}

/** A channel's tactics for a strategy: the business type's own, or those for people who know the brand. */
export function tacticsFor(channel: Channel, type: BusinessType, existing: boolean): Tactics {
  const info = CHANNEL_INFO[channel];
  return info.byType?.[type] ?? (existing ? info.existing : undefined) ?? info.tactics;
}

/** Business buyers or consumers, from the words in the product and market. */
export function audienceOf(product: string, market: string): Audience {
  return wordsOf(`${product} ${market}`).some((w) => B2B_WORDS.includes(w)) ? 'b2b' : 'b2c';
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
