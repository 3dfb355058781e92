/**
 * The volume targets of a plan (impressions, leads, conversions, funnel.ts) count what the paid
 * channels buy. When part of the budget goes to channels with no paid delivery (creators, organic,
 * email), the reasoning says so with the figures, or "68,571 impressions for USD 2,000" reads as a
 * CPM of 29 beside a CPM target of 7.
 */
import { defineMessages, type Locale } from '../core/i18n.js';
import { formatPlanMoney, toMinor } from '../lib/money.js';
import { andList } from '../lib/plural.js';
import { CHANNEL_INFO, type Channel } from './catalog.js';
import { type FunnelTarget, funnelFor, regionOf } from './funnel.js';

const m = defineMessages(
  'planner-paid-only',
  {
    paidOnly: (p: { paid: string; spend: string; budget: string; unpaid: string }) =>
      `The volume targets count only what the paid channels deliver (${p.paid}: ${p.spend} of ${p.budget}); results from ${p.unpaid} come on top.`,
  },
  {
    paidOnly: (p) =>
      `تحسب المستهدفات الكمية ما تحققه القنوات المدفوعة وحدها (${p.paid}: ${p.spend} من ${p.budget})؛ وما يأتي من ${p.unpaid} إضافة فوق ذلك.`,
  },
);

/** Targets counted from what paid delivery buys (funnel.ts); CPL and CPA divide the whole budget by them. */
const PAID_VOLUMES: ReadonlySet<string> = new Set(['impressions', 'cpm', 'leads', 'conversions']);

/** The sentence for a plan's reasoning, or '' when it has no volume target or no unpaid channel. */
export function paidOnlyNote(
  kpis: readonly FunnelTarget[],
  split: ReadonlyArray<{ channel: Channel; amountMinor: number }>,
  request: { currency: string; market: string; locale: Locale; budgetMinor: number },
): string {
  if (!kpis.some((k) => PAID_VOLUMES.has(k.kpi))) return '';
  const { currency, locale } = request;
  const funnel = funnelFor(split, currency, regionOf(request.market, currency));
  const paid = funnel.lines.filter((l) => l.impressions > 0);
  const unpaid = funnel.lines.filter((l) => l.spend > 0 && l.impressions === 0);
  if (paid.length === 0 || unpaid.length === 0) return '';
  const names = (lines: typeof paid) => {
    // Mid-sentence in English the labels start in lower case ("paid social (Meta)"); one that holds
    // an "and" ("creators and influencers") is set off by commas, or the list reads "A and B and C".
    const labels = lines.map((l) => CHANNEL_INFO[l.channel].label[locale]);
    if (locale === 'ar') return andList(labels, locale);
    const lower = labels.map((x) => x.charAt(0).toLowerCase() + x.slice(1));
    if (lower.length < 2 || !lower.some((x) => x.includes(' and '))) return andList(lower, locale);
    return `${lower.slice(0, -1).join(', ')}, and ${lower.at(-1)}`;
  };
  return m[locale].paidOnly({
    paid: names(paid),
    spend: formatPlanMoney(toMinor(funnel.mediaSpend, currency), currency, locale),
    budget: formatPlanMoney(request.budgetMinor, currency, locale),
    unpaid: names(unpaid),
  });
}
