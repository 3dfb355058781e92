/**
 * One funnel per plan: from the budget split and the region's benchmarks (data/benchmarks.ts),
 * the impressions, clicks, leads and purchases each channel buys, and their sums. Every volume and
 * cost target a plan shows is computed from these sums, so the targets cannot contradict each
 * other: CPL = budget / leads, CPA = budget / purchases, CTR = clicks / impressions, conversion
 * rate = leads (or purchases) / clicks, CPM = spend on the channels that buy impressions /
 * impressions, ROAS = purchases x average order value / budget (only when the order value is known).
 * docs/planner.md ("The funnel model") explains it.
 */
import { fromUsd, toMajor, toMinor } from '../lib/money.js';
import { CHANNEL_INFO, type Channel, GOAL_DEFAULTS, type Goal, KPI_UNITS, type Kpi } from './catalog.js';
import {
  BENCHMARKS,
  CURRENCY_REGIONS,
  REGION_PLACES,
  REGIONS,
  type Region,
  type RegionBenchmarks,
} from './data/benchmarks.js';

export { BENCHMARKS, REGION_LABELS, REGIONS, type Region, SOURCES } from './data/benchmarks.js';

export interface ChannelFunnel {
  channel: Channel;
  /** Major units of the plan currency. */
  spend: number;
  impressions: number;
  clicks: number;
  leads: number;
  purchases: number;
}

export interface Funnel {
  region: Region;
  currency: string;
  /** The whole budget, major units. */
  budget: number;
  /** Spend on the channels that buy impressions (paid media), major units. */
  mediaSpend: number;
  lines: ChannelFunnel[];
  impressions: number;
  clicks: number;
  leads: number;
  purchases: number;
}

const PLACES: ReadonlyArray<{ region: Region; place: string }> = REGIONS.flatMap((region) =>
  REGION_PLACES[region].map((place) => ({ region, place })),
);

/** The first place named in a text (English or Arabic, whole words, Arabic prefixes allowed). */
export function placeOf(text: string): { region: Region; place: string } | undefined {
  const padded = ` ${text
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}.]+/gu, ' ')
    .trim()} `;
  if (!padded.trim()) return undefined;
  let best: { region: Region; place: string; at: number } | undefined;
  for (const { region, place } of PLACES) {
    const at = findPlace(padded, place);
    if (at >= 0 && (!best || at < best.at || (at === best.at && place.length > best.place.length))) {
      best = { region, place, at };
    }
  }
  return best && { region: best.region, place: best.place };
}

/**
 * The region a market points to: a place named in the text (English or Arabic, whole words, with
 * Arabic prefixes such as ب/ل/و allowed), else the currency's region, else US/Canada.
 */
export function regionOf(market: string, currency: string): Region {
  return placeOf(market)?.region ?? CURRENCY_REGIONS[currency] ?? 'us_ca';
}

function findPlace(text: string, place: string): number {
  const direct = text.indexOf(` ${place} `);
  if (direct >= 0) return direct;
  if (!/\p{Script=Arabic}/u.test(place)) return -1;
  // "بالرياض", "والقاهرة", "لجدة": a one-letter prefix glued to the name.
  for (const prefix of ['ب', 'و', 'ل', 'ف', 'وب', 'ول']) {
    const stem = place.startsWith('ال') && prefix.endsWith('ل') ? place.slice(1) : place;
    const at = text.indexOf(` ${prefix}${stem} `);
    if (at >= 0) return at;
  }
  return -1;
}

/** The channels that buy delivery (impressions, clicks, sales) and so count in the funnel. */
export const PAID_CHANNELS: ReadonlySet<Channel> = new Set<Channel>(['social_ads', 'search', 'video', 'linkedin']);

/** What one channel buys with `usd`, from its region's benchmarks. */
function channelVolumes(channel: Channel, usd: number, b: RegionBenchmarks): Omit<ChannelFunnel, 'channel' | 'spend'> {
  switch (channel) {
    case 'social_ads': {
      const impressions = (usd / b.social_ads.cpm.value) * 1000;
      return {
        impressions,
        clicks: (impressions * b.social_ads.ctr.value) / 100,
        leads: usd / b.social_ads.cpl.value,
        purchases: usd / b.social_ads.cpa.value,
      };
    }
    case 'search': {
      const clicks = usd / b.search.cpc.value;
      const conversions = (clicks * b.search.cvr.value) / 100;
      return { impressions: clicks / (b.search.ctr.value / 100), clicks, leads: conversions, purchases: conversions };
    }
    case 'video': {
      const impressions = (usd / b.video.cpm.value) * 1000;
      return { impressions, clicks: (impressions * b.video.ctr.value) / 100, leads: 0, purchases: 0 };
    }
    case 'linkedin': {
      const impressions = (usd / b.linkedin.cpm.value) * 1000;
      return {
        impressions,
        clicks: (impressions * b.linkedin.ctr.value) / 100,
        leads: usd / b.linkedin.cpl.value,
        purchases: 0,
      };
    }
    default:
      // Organic, email, creators, content, webinars, referral: no paid delivery to count; their
      // results are on top of the funnel's (said in the reasoning).
      return { impressions: 0, clicks: 0, leads: 0, purchases: 0 };
  }
}

/**
 * What a first sale costs on a region's cheapest paid channel, in major units of the currency: Meta's
 * CPA, or search's CPC over its conversion rate, whichever is lower.
 */
export function paidCpa(region: Region, currency: string): number {
  const b = BENCHMARKS[region];
  const usd = Math.min(b.social_ads.cpa.value, b.search.cpc.value / (b.search.cvr.value / 100));
  return usd * fromUsd(1, currency).value;
}

/**
 * Whether paid ads lose money on a first sale at this average order (minor units): the order is
 * worth less than what the cheapest paid channel of the market's region pays for a sale (ROAS under
 * 1x on every paid channel). A 5 USD loaf against a 38 USD Meta CPA, say.
 */
export function paidLosesMoney(market: string, currency: string, orderValueMinor: number | undefined): boolean {
  if (orderValueMinor === undefined || orderValueMinor <= 0) return false;
  return toMajor(orderValueMinor, currency) < paidCpa(regionOf(market, currency), currency);
}

/** The funnel of a split in a region. */
export function funnelFor(
  split: ReadonlyArray<{ channel: Channel; amountMinor: number }>,
  currency: string,
  region: Region,
): Funnel {
  const b = BENCHMARKS[region];
  const perUsd = fromUsd(1, currency).value;
  const lines = split.map((l) => {
    const spend = toMajor(l.amountMinor, currency);
    return { channel: l.channel, spend, ...channelVolumes(l.channel, spend / perUsd, b) };
  });
  const sum = (k: 'impressions' | 'clicks' | 'leads' | 'purchases') => lines.reduce((a, l) => a + l[k], 0);
  return {
    region,
    currency,
    budget: lines.reduce((a, l) => a + l.spend, 0),
    mediaSpend: lines.reduce((a, l) => a + (l.impressions > 0 ? l.spend : 0), 0),
    lines,
    impressions: Math.floor(sum('impressions')),
    clicks: Math.floor(sum('clicks')),
    leads: Math.floor(sum('leads')),
    purchases: Math.floor(sum('purchases')),
  };
}

export interface FunnelTarget {
  kpi: Kpi;
  target: number;
  unit: (typeof KPI_UNITS)[Kpi];
  direction: 'min' | 'max';
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Spend-weighted rate over the funded channels that have one (engagement, views, email, repeat). */
function rate(
  split: ReadonlyArray<{ channel: Channel; amountMinor: number }>,
  kpi: Kpi,
  b: RegionBenchmarks,
): number | undefined {
  let spend = 0;
  let sum = 0;
  for (const l of split) {
    const v =
      l.channel === 'email' && (kpi === 'open_rate' || kpi === 'click_rate')
        ? b.email[kpi].value
        : l.channel === 'video' && kpi === 'view_rate'
          ? b.video.view_rate.value
          : CHANNEL_INFO[l.channel].bench[kpi];
    if (!v || l.amountMinor <= 0) continue;
    spend += l.amountMinor;
    sum += l.amountMinor * v;
  }
  return spend > 0 ? sum / spend : undefined;
}

/**
 * The targets a plan shows, all read off one funnel. No two restate each other (no ROI next to
 * ROAS); ROAS only with a known average order value (minor units), never an implied one.
 */
export function funnelTargets(
  goal: Goal,
  split: ReadonlyArray<{ channel: Channel; amountMinor: number }>,
  funnel: Funnel,
  orderValueMinor?: number,
): FunnelTarget[] {
  const out: FunnelTarget[] = [];
  const add = (kpi: Kpi, target: number | undefined, direction: 'min' | 'max', digits = 2) => {
    if (target === undefined || !Number.isFinite(target) || out.some((k) => k.kpi === kpi)) return;
    out.push({ kpi, target: round(target, digits), unit: KPI_UNITS[kpi], direction });
  };
  const b = BENCHMARKS[funnel.region];
  const f = funnel;
  const ctr = f.impressions > 0 && f.clicks > 0 ? (100 * f.clicks) / f.impressions : undefined;
  const reach = () => {
    if (f.impressions <= 0) return;
    add('impressions', f.impressions, 'min', 0);
    add('cpm', (1000 * f.mediaSpend) / f.impressions, 'max');
  };
  switch (goal) {
    case 'awareness':
      reach();
      add('ctr', ctr, 'min');
      add('view_rate', rate(split, 'view_rate', b), 'min');
      add('engagement_rate', rate(split, 'engagement_rate', b), 'min');
      break;
    case 'leads':
      if (f.leads >= 1) {
        add('leads', f.leads, 'min', 0);
        add('cpl', f.budget / f.leads, 'max');
        if (f.clicks > 0) add('conversion_rate', (100 * f.leads) / f.clicks, 'min');
      }
      add('ctr', ctr, 'min');
      add('open_rate', rate(split, 'open_rate', b), 'min');
      break;
    case 'sales':
      if (f.purchases >= 1) {
        add('conversions', f.purchases, 'min', 0);
        add('cpa', f.budget / f.purchases, 'max');
        if (orderValueMinor !== undefined && orderValueMinor > 0) {
          const aov = toMajor(orderValueMinor, f.currency);
          add('roas', (f.purchases * aov) / f.budget, 'min');
        }
        if (f.clicks > 0) add('conversion_rate', (100 * f.purchases) / f.clicks, 'min');
      }
      add('click_rate', rate(split, 'click_rate', b), 'min');
      add('ctr', ctr, 'min');
      break;
    case 'engagement':
      add('engagement_rate', rate(split, 'engagement_rate', b), 'min');
      add('view_rate', rate(split, 'view_rate', b), 'min');
      add('open_rate', rate(split, 'open_rate', b), 'min');
      add('click_rate', rate(split, 'click_rate', b), 'min');
      reach();
      break;
    case 'retention':
      add('repeat_purchase_rate', rate(split, 'repeat_purchase_rate', b), 'min');
      add('open_rate', rate(split, 'open_rate', b), 'min');
      add('click_rate', rate(split, 'click_rate', b), 'min');
      add('engagement_rate', rate(split, 'engagement_rate', b), 'min');
      break;
  }
  return out.slice(0, 5);
}

const FALLBACK_RATES: readonly Kpi[] = [
  'engagement_rate',
  'ctr',
  'view_rate',
  'open_rate',
  'click_rate',
  'conversion_rate',
  'repeat_purchase_rate',
];

/** KPIs that only a channel of their own can move. */
const OWNED_BY: Partial<Record<Kpi, readonly Channel[]>> = {
  open_rate: ['email'],
  click_rate: ['email'],
  view_rate: ['video'],
};

/**
 * Targets any idea can be held to, when its channels and its goal's defaults give fewer than two:
 * the click-through on its links (1%, the floor of Meta's traffic CTR range) and the landing page's
 * conversion rate (6.6%, Unbounce's median; data/catalog.ts cites both).
 */
const NEUTRAL_DEFAULTS: ReadonlyArray<{ kpi: Kpi; target: number; direction: 'min' | 'max' }> = [
  { kpi: 'ctr', target: 1, direction: 'min' },
  { kpi: 'conversion_rate', target: 6.6, direction: 'min' },
];

/**
 * The targets of a split for a market (its region) and goal; when the funded channels carry fewer
 * than two, the goal's defaults fill in (data/catalog.ts GOAL_DEFAULTS).
 */
export function planTargets(
  goal: Goal,
  split: ReadonlyArray<{ channel: Channel; amountMinor: number }>,
  currency: string,
  market = '',
  orderValueMinor?: number,
): FunnelTarget[] {
  const funnel = funnelFor(split, currency, regionOf(market, currency));
  const out = funnelTargets(goal, split, funnel, orderValueMinor);
  // Too few: the rates the funded channels carry, then the goal's defaults.
  for (const kpi of FALLBACK_RATES) {
    if (out.length >= 2) break;
    const v = rate(split, kpi, BENCHMARKS[funnel.region]);
    if (v !== undefined && !out.some((k) => k.kpi === kpi)) {
      out.push({ kpi, target: round(v, 2), unit: KPI_UNITS[kpi], direction: 'min' });
    }
  }
  // A default that belongs to one channel (an email click rate) only when that channel is funded:
  // an organic-only idea with an email KPI contradicts its own split.
  const funded = new Set(split.filter((l) => l.amountMinor > 0).map((l) => l.channel));
  for (const d of [...GOAL_DEFAULTS[goal], ...NEUTRAL_DEFAULTS]) {
    if (out.length >= 2) break;
    const owners = OWNED_BY[d.kpi];
    if (owners && !owners.some((c) => funded.has(c))) continue;
    if (!out.some((k) => k.kpi === d.kpi)) out.push({ ...d, unit: KPI_UNITS[d.kpi] });
  }
  return out;
}

/**
 * What the model is told as facts (never asked to invent): the market's region, its benchmarks in
 * the plan's currency, and what 1,000 units of the currency buy on each paid channel there. The bot
 * recomputes every target from the model's split with these same figures (ideas.ts, finalizeIdea).
 */
export function benchmarkFacts(market: string, currency: string) {
  const region = regionOf(market, currency);
  const b = BENCHMARKS[region];
  const perUsd = fromUsd(1, currency).value;
  const money = (usd: number) => Math.round(usd * perUsd * 100) / 100;
  const per1000 = (channel: Channel) => {
    const f = funnelFor([{ channel, amountMinor: toMinor(1000, currency) }], currency, region);
    return { impressions: f.impressions, clicks: f.clicks, leads: f.leads, purchases: f.purchases };
  };
  return {
    region,
    currency,
    benchmarks: {
      social_ads: {
        cpm: money(b.social_ads.cpm.value),
        ctrPercent: b.social_ads.ctr.value,
        cpl: money(b.social_ads.cpl.value),
        cpa: money(b.social_ads.cpa.value),
      },
      search: { cpc: money(b.search.cpc.value), ctrPercent: b.search.ctr.value, conversionPercent: b.search.cvr.value },
      video: { cpm: money(b.video.cpm.value), ctrPercent: b.video.ctr.value, viewRatePercent: b.video.view_rate.value },
      linkedin: {
        cpm: money(b.linkedin.cpm.value),
        ctrPercent: b.linkedin.ctr.value,
        cpl: money(b.linkedin.cpl.value),
      },
      email: { openRatePercent: b.email.open_rate.value, clickRatePercent: b.email.click_rate.value },
    },
    fundedWith1000: {
      social_ads: per1000('social_ads'),
      search: per1000('search'),
      video: per1000('video'),
      linkedin: per1000('linkedin'),
    },
    rule: 'Leads, purchases, impressions and clicks are the sums over the paid channels of the split; CPL and CPA are the whole budget divided by them. Other channels add no counted volume.',
  };
}
