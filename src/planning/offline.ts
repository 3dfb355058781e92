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
  type Channel,
  fitsGoal,
  fitsType,
  knowsTheBrand,
  STRATEGIES,
  type Strategy,
  strategyFits,
  tacticsFor,
} from './catalog.js';
import { PAID_CHANNELS, paidLosesMoney, planTargets } from './funnel.js';
import {
  allocate,
  type BrainstormDraft,
  BrainstormRequest,
  type IdeaDraft,
  plannerText,
  requestType,
} from './ideas.js';

function fill(template: string, product: string, market: string, locale: Locale): string {
  const wrap = (v: string) => (locale === 'ar' ? iso(v) : v);
  return template.replaceAll('{product}', wrap(product)).replaceAll('{market}', wrap(market));
}

export { planTargets as kpiTargets } from './funnel.js';

/**
 * Approaches made for one kind of business (Maps for a clinic, donor stories for a charity) come
 * before the general ones, which could otherwise take their channels first.
 */
const RANKED: readonly Strategy[] = [...STRATEGIES].sort(
  (a, b) => (a.types?.length === 1 ? 0 : 1) - (b.types?.length === 1 ? 0 : 1),
);

interface Candidate {
  st: Strategy;
  channels: Array<{ channel: Channel; weight: number }>;
}

/**
 * Every distinct approach for the request, in the catalog's order: strategies for the goal and
 * audience whose time wording fits the plan's length and whose defining channel (the first of its
 * mix) the budget funds. A small budget can push several approaches onto the same affordable
 * channels or leave a defining channel unfunded; if fewer than three remain, such approaches come
 * back as small tests of their defining channel alone (flagged as below the useful minimum).
 */
function candidates(request: BrainstormRequest): Candidate[] {
  const { goal, weeks } = request;
  const type = requestType(request);
  const out: Candidate[] = [];
  const seen = new Set<string>();
  const later: Array<{ st: Strategy; channels: Candidate['channels']; funded: boolean }> = [];
  const usd = budgetUsd(request);
  // At an order value that paid ads cannot pay back, the approaches that grow what a customer is
  // worth (bundles, repeat orders, the list, local and organic reach) come before the paid ones.
  const lowTicket = goal === 'sales' && paidLosesMoney(request.market, request.currency, request.orderValueMinor);
  const ranked = lowTicket ? [...RANKED].sort((a, b) => paidLead(a) - paidLead(b)) : RANKED;
  const usable = ranked.filter(
    (st) =>
      st.goal === goal &&
      (st.lowTicket !== true || lowTicket) &&
      st.mix[0] !== undefined &&
      fitsType(st.mix[0][0], type) &&
      strategyFits(st, type, usd) &&
      (st.maxWeeks === undefined || weeks <= st.maxWeeks) &&
      (st.minWeeks === undefined || weeks > st.minWeeks),
  );
  for (const st of usable) {
    // Low ticket: an approach led by an unpaid channel drops its paid support (ads lose money there).
    const dropAds = lowTicket && paidLead(st) === 0;
    const channels = st.mix
      .filter(([c]) => fitsGoal(c, goal) && fitsType(c, type) && !(dropAds && PAID_CHANNELS.has(c)))
      .map(([channel, weight]) => ({ channel, weight }));
    const lead = st.mix[0]?.[0];
    const { split } = allocate(request.budgetMinor, request.currency, weeks, channels);
    const key = split
      .map((l) => l.channel)
      .sort()
      .join('+');
    const funded = split.some((l) => l.channel === lead);
    if (!funded || seen.has(key)) {
      later.push({ st, channels, funded });
      continue;
    }
    seen.add(key);
    out.push({ st, channels });
  }
  for (const { st, channels, funded } of later) {
    if (out.length >= 3) break;
    const lead = st.mix[0];
    // Another approach on the same channels keeps its whole mix; one whose defining channel the
    // budget cannot fund becomes a small test of that channel alone.
    if (funded) out.push({ st, channels });
    else if (lead && fitsGoal(lead[0], goal)) out.push({ st, channels: [{ channel: lead[0], weight: lead[1] }] });
  }
  return out;
}

/** 1 when a strategy is defined by a paid channel (ads), else 0: for sorting. */
const paidLead = (st: Strategy) => (st.mix[0] && PAID_CHANNELS.has(st.mix[0][0]) ? 1 : 0);

const budgetUsd = (request: BrainstormRequest) =>
  toMajor(request.budgetMinor, request.currency) / fromUsd(1, request.currency).value;

/** How many ideas a page shows: four from about 5,000 USD, else three. */
function pageSize(request: BrainstormRequest, available: number): number {
  return Math.min(budgetUsd(request) >= 5000 ? 4 : 3, available);
}

/**
 * Whether this page ("More ideas" n = seed) reaches past the approaches not shown before: the
 * catalog for this goal and audience is exhausted and the page starts again from the first ones.
 */
export function offlineExhausted(request: BrainstormRequest): boolean {
  const all = candidates(request);
  return (request.seed + 1) * pageSize(request, all.length) > all.length;
}

/**
 * The offline brainstorm: 3 to 4 ideas. Page n ("More ideas", seed n) shows the next approaches
 * in the catalog's order, so none repeats until all have been shown (offlineExhausted).
 */
export function offlineBrainstorm(request: BrainstormRequest): z.infer<typeof BrainstormDraft> {
  const { goal, locale } = request;
  const t = plannerText[locale];
  const product = request.product;
  const market = request.market || t.yourMarket;
  const type = requestType(request);
  // A brief aimed at the list or at customers gets the tactics for people who know the brand.
  const known = knowsTheBrand(request.market);
  const draft = ({ st, channels }: Candidate): IdeaDraft => {
    const { split } = allocate(request.budgetMinor, request.currency, request.weeks, channels);
    const stage = (k: 'attract' | 'engage' | 'delight') =>
      split.slice(0, 3).map((l) => tacticsFor(l.channel, type, st.existing === true || known)[k][locale]);
    return {
      title: st.title[locale],
      hook: fill(st.hook[locale], product, market, locale),
      channels,
      tactics: { attract: stage('attract'), engage: stage('engage'), delight: stage('delight') },
      kpis: planTargets(goal, split, request.currency, request.market, request.orderValueMinor).map(
        ({ unit: _unit, ...k }) => k,
      ),
      reasoning: st.why[locale],
    };
  };
  const all = candidates(request);
  const size = pageSize(request, all.length);
  const start = (request.seed * size) % Math.max(1, all.length);
  const page = Array.from({ length: size }, (_, i) => all[(start + i) % all.length] as Candidate);
  return { ideas: page.map(draft) };
}

/** The offline generator registered under the "brainstorm" task of the offline Llm. */
export const brainstormGenerator: OfflineGenerator = (data) => offlineBrainstorm(BrainstormRequest.parse(data));
