/**
 * The offline brainstorm: deterministic ideas from the marketing catalog (catalog.ts, data in
 * data/catalog.ts), used when no model is configured or it fails. Strategies that fit the goal and
 * the audience give the approaches; the plan's funnel (funnel.ts) gives the KPI targets.
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
  type Strategy,
  strategiesFor,
} from './catalog.js';
import { planTargets } from './funnel.js';
import { allocate, type BrainstormDraft, BrainstormRequest, type IdeaDraft, plannerText } from './ideas.js';

function fill(template: string, product: string, market: string, locale: Locale): string {
  const wrap = (v: string) => (locale === 'ar' ? iso(v) : v);
  return template.replaceAll('{product}', wrap(product)).replaceAll('{market}', wrap(market));
}

export { planTargets as kpiTargets } from './funnel.js';

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
      kpis: planTargets(goal, split, request.currency, request.market, request.orderValueMinor).map(
        ({ unit: _unit, ...k }) => k,
      ),
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
