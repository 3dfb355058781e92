/**
 * The offline brainstorm: deterministic ideas from the marketing catalog (catalog.ts, data in
 * data/catalog.ts), used when no model is configured or it fails. Strategies that fit the goal and
 * the audience give the approaches; channel benchmarks, weighted by spend, give the KPI targets.
 * The ideas then go through the same budget rules as the model's (ideas.ts, finalizeIdea).
 */
import type { z } from 'zod';
import { iso, type Locale } from '../core/i18n.js';
import type { OfflineGenerator } from '../lib/llm.js';
import { fromUsd, toMajor } from '../lib/money.js';
import {
  audienceOf,
  CHANNEL_INFO,
  type Channel,
  fitsAudience,
  fitsGoal,
  GOAL_DEFAULTS,
  type Goal,
  KPI_UNITS,
  type Kpi,
  type Strategy,
  strategiesFor,
} from './catalog.js';
import {
  allocate,
  type BrainstormDraft,
  BrainstormRequest,
  type IdeaDraft,
  type KpiTarget,
  plannerText,
  type SplitLine,
} from './ideas.js';

function fill(template: string, product: string, market: string, locale: Locale): string {
  const wrap = (v: string) => (locale === 'ar' ? iso(v) : v);
  return template.replaceAll('{product}', wrap(product)).replaceAll('{market}', wrap(market));
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Spend-weighted average of a benchmark over the channels that have one. */
function weighted(split: readonly SplitLine[], kpi: Kpi): number | undefined {
  let spend = 0;
  let sum = 0;
  for (const line of split) {
    const b = CHANNEL_INFO[line.channel].bench[kpi];
    if (b === undefined || b === 0) continue;
    spend += line.amountMinor;
    sum += line.amountMinor * b;
  }
  return spend > 0 ? sum / spend : undefined;
}

/**
 * Expected volume bought at a per-unit USD cost (leads from CPL, impressions from CPM) by the
 * channels that have that cost, and what those channels spend (major units).
 */
function volume(
  split: readonly SplitLine[],
  kpi: 'cpl' | 'cpm',
  currency: string,
): { units: number; spend: number } | undefined {
  let units = 0;
  let spend = 0;
  for (const line of split) {
    const costUsd = CHANNEL_INFO[line.channel].bench[kpi];
    if (!costUsd) continue;
    const major = toMajor(line.amountMinor, currency);
    spend += major;
    units += major / fromUsd(costUsd, currency).value;
  }
  return spend > 0 ? { units, spend } : undefined;
}

/** KPI targets the mix should reach, derived from the channel benchmarks and the spend on each. */
export function kpiTargets(goal: Goal, split: readonly SplitLine[], currency: string): KpiTarget[] {
  const out: Array<Omit<KpiTarget, 'unit'>> = [];
  const add = (kpi: Kpi, target: number | undefined, direction: 'min' | 'max', digits = 2) => {
    if (target === undefined || !Number.isFinite(target) || out.some((k) => k.kpi === kpi)) return;
    out.push({ kpi, target: round(target, digits), direction });
  };
  const money = (usd: number | undefined) => (usd === undefined ? undefined : fromUsd(usd, currency).value);
  switch (goal) {
    case 'awareness': {
      const impressions = volume(split, 'cpm', currency);
      add('impressions', impressions && Math.floor(impressions.units * 1000), 'min', 0);
      add('cpm', money(weighted(split, 'cpm')), 'max');
      add('ctr', weighted(split, 'ctr'), 'min');
      add('view_rate', weighted(split, 'view_rate'), 'min');
      add('engagement_rate', weighted(split, 'engagement_rate'), 'min');
      break;
    }
    case 'leads': {
      const leads = volume(split, 'cpl', currency);
      add('leads', leads && Math.floor(leads.units), 'min', 0);
      add('cpl', leads && leads.units > 0 ? leads.spend / leads.units : undefined, 'max');
      add('ctr', weighted(split, 'ctr'), 'min');
      add('conversion_rate', weighted(split, 'conversion_rate'), 'min');
      add('open_rate', weighted(split, 'open_rate'), 'min');
      break;
    }
    case 'sales':
      // ROAS 3 is break-even at a ~33% margin; ROI counts media cost only, so it is ROAS - 1.
      add('roas', 3, 'min', 1);
      add('roi', 200, 'min', 0);
      add('cpa', money(weighted(split, 'cpa')), 'max');
      add('conversion_rate', weighted(split, 'conversion_rate'), 'min');
      add('click_rate', weighted(split, 'click_rate'), 'min');
      break;
    case 'engagement':
      add('engagement_rate', weighted(split, 'engagement_rate'), 'min');
      add('view_rate', weighted(split, 'view_rate'), 'min');
      add('open_rate', weighted(split, 'open_rate'), 'min');
      add('click_rate', weighted(split, 'click_rate'), 'min');
      add('ctr', weighted(split, 'ctr'), 'min');
      break;
    case 'retention':
      add('repeat_purchase_rate', weighted(split, 'repeat_purchase_rate'), 'min');
      add('open_rate', weighted(split, 'open_rate'), 'min');
      add('click_rate', weighted(split, 'click_rate'), 'min');
      add('engagement_rate', weighted(split, 'engagement_rate'), 'min');
      break;
  }
  for (const d of GOAL_DEFAULTS[goal]) if (out.length < 2) add(d.kpi, d.target, d.direction);
  return out.slice(0, 5).map((k) => ({ ...k, unit: KPI_UNITS[k.kpi] }));
}

/** The offline brainstorm: 3 to 5 ideas from the strategies that fit the goal and audience. */
export function offlineBrainstorm(request: BrainstormRequest): z.infer<typeof BrainstormDraft> {
  const { goal, locale, seed } = request;
  const t = plannerText[locale];
  const product = request.product;
  const market = request.market || t.yourMarket;
  const audience = audienceOf(request.product, request.market);
  const usd = toMajor(request.budgetMinor, request.currency) / fromUsd(1, request.currency).value;
  const count = usd >= 5000 ? 4 : 3;
  const draft = (st: Strategy, channels: Array<{ channel: Channel; weight: number }>): IdeaDraft => {
    const { split } = allocate(request.budgetMinor, request.currency, request.weeks, channels);
    const stage = (k: 'attract' | 'engage' | 'delight') =>
      split.slice(0, 3).map((l) => CHANNEL_INFO[l.channel].tactics[k][locale]);
    return {
      title: st.title[locale],
      hook: fill(st.hook[locale], product, market, locale),
      channels,
      tactics: { attract: stage('attract'), engage: stage('engage'), delight: stage('delight') },
      kpis: kpiTargets(goal, split, request.currency).map(({ unit: _unit, ...k }) => k),
      reasoning: `${st.why[locale]} ${audience === 'b2b' ? t.b2b : t.b2c}`,
    };
  };
  // A small budget can push several approaches onto the same affordable channels; such repeats are
  // skipped, and if fewer than three distinct ideas remain, the rest become small tests of their
  // lead channel (flagged as below the useful minimum) rather than copies.
  const ideas: IdeaDraft[] = [];
  const seen = new Set<string>();
  const skipped: Strategy[] = [];
  for (const st of strategiesFor(goal, audience, seed)) {
    if (ideas.length >= count) break;
    const channels = st.mix
      .filter(([c]) => fitsGoal(c, goal) && fitsAudience(c, audience))
      .map(([channel, weight]) => ({ channel, weight }));
    const { split } = allocate(request.budgetMinor, request.currency, request.weeks, channels);
    const key = split
      .map((l) => l.channel)
      .sort()
      .join('+');
    if (seen.has(key)) {
      skipped.push(st);
      continue;
    }
    seen.add(key);
    ideas.push(draft(st, channels));
  }
  for (const st of skipped) {
    if (ideas.length >= 3) break;
    const lead = st.mix.find(([c]) => fitsGoal(c, goal) && fitsAudience(c, audience));
    if (lead) ideas.push(draft(st, [{ channel: lead[0], weight: lead[1] }]));
  }
  return { ideas };
}

/** The offline generator registered under the "brainstorm" task of the offline Llm. */
export const brainstormGenerator: OfflineGenerator = (data) => offlineBrainstorm(BrainstormRequest.parse(data));
