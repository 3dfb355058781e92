/**
 * Campaign ideas: their shapes, and the budget rules that turn any proposal (the model's or the
 * offline rules', offline.ts) into an idea the bot stands behind: pick the channels the budget can
 * afford (allocate), split it in minor units so the parts sum exactly, attach KPI units, trim the
 * texts (finalizeIdea); then the plan's timeline and a split rescaled to a new budget.
 */
import { z } from 'zod';
import { defineMessages, formatNumber, iso, isoIn, LOCALES, type Locale, plainNumber } from '../core/i18n.js';
import { formatPlanMoney, fromUsd, minorDigits, splitExact, toMajor, toMinor } from '../lib/money.js';
import { count } from '../lib/plural.js';
import { BUSINESS_TYPE_LABELS, BUSINESS_TYPES } from '../workspace/brand.js';
import {
  businessTypeOf,
  CHANNEL_INFO,
  CHANNELS,
  type Channel,
  channelMinimum,
  GOALS,
  KPI_LABELS,
  KPI_UNITS,
  KPIS,
} from './catalog.js';
import { type FunnelTarget, paidCpa, paidLosesMoney, planTargets, regionOf } from './funnel.js';
import { paidOnlyNote } from './paid-only.js';

// ---------------------------------------------------------------------------------------------
// Shapes

export const BrainstormRequest = z.object({
  product: z.string().min(1).max(200),
  goal: z.enum(GOALS),
  budgetMinor: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  currency: z.string().regex(/^[A-Z]{3}$/),
  weeks: z.number().int().min(1).max(52),
  market: z.string().max(200),
  locale: z.enum(LOCALES),
  /** Varies which approaches are shown ("More ideas"); the same seed gives the same ideas. */
  seed: z.number().int().min(0).max(1_000_000),
  /** Average order (or deal) value in minor units; without it no ROAS target is set. */
  orderValueMinor: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
  /** From the brand profile, else read from the brief's words (businessTypeFrom says which). */
  businessType: z.enum(BUSINESS_TYPES).optional(),
  businessTypeFrom: z.enum(['brand', 'brief']).optional(),
});
export type BrainstormRequest = z.infer<typeof BrainstormRequest>;

// No string length limits in the generation schema: OpenAI's strict mode does not accept them.
// finalizeIdea trims instead.
const Tactics = z.object({
  attract: z.array(z.string()).min(1).max(4),
  engage: z.array(z.string()).min(1).max(4),
  delight: z.array(z.string()).min(1).max(4),
});

export const IdeaDraft = z.object({
  title: z.string(),
  hook: z.string(),
  channels: z
    .array(z.object({ channel: z.enum(CHANNELS), weight: z.number().int().min(1).max(100) }))
    .min(1)
    .max(5),
  tactics: Tactics,
  kpis: z
    .array(z.object({ kpi: z.enum(KPIS), target: z.number().min(0), direction: z.enum(['min', 'max']) }))
    .min(2)
    .max(5),
  reasoning: z.string(),
});
export type IdeaDraft = z.infer<typeof IdeaDraft>;

export const BrainstormDraft = z.object({ ideas: z.array(IdeaDraft).min(3).max(5) });

export const KpiTarget = z.object({
  kpi: z.enum(KPIS),
  target: z.number().min(0),
  unit: z.enum(['percent', 'currency', 'ratio', 'count']),
  direction: z.enum(['min', 'max']),
});
export type KpiTarget = z.infer<typeof KpiTarget>;

export const SplitLine = z.object({ channel: z.enum(CHANNELS), amountMinor: z.number().int().min(0) });
export type SplitLine = z.infer<typeof SplitLine>;

export const Idea = z.object({
  title: z.string().min(1).max(120),
  hook: z.string().min(1).max(400),
  split: z.array(SplitLine).min(1),
  tactics: Tactics,
  kpis: z.array(KpiTarget).min(1),
  reasoning: z.string().max(1200),
  /** The budget is below the least useful amount for even the cheapest channel chosen. */
  belowMinimum: z.boolean(),
});
export type Idea = z.infer<typeof Idea>;

export const TimelinePhase = z.object({
  fromWeek: z.number().int().min(1),
  toWeek: z.number().int().min(1),
  focus: z.string(),
});
export type TimelinePhase = z.infer<typeof TimelinePhase>;

// ---------------------------------------------------------------------------------------------
// Texts the planner writes into ideas and plans (generated content, in the request's language)

export const plannerText = defineMessages(
  'planner',
  {
    yourProduct: 'your product',
    yourMarket: 'your market',
    concentrated: (p: { budget: string; n: number }) =>
      p.n === 1
        ? `${p.budget} is concentrated on one channel so it can pass its minimum useful spend instead of being spread thin.`
        : `${p.budget} is split across ${count(p.n, 'channel', 'en')}, each above its minimum useful spend.`,
    belowMinimum: (p: { budget: string; minimum: string; channel: string }) =>
      `${p.budget} is below the least useful spend for ${p.channel} (${p.minimum}); treat this as a small test, or raise the budget.`,
    needsOrderValue: 'A ROAS target needs your average order value: add order_value: (for example order_value:40).',
    adsLoseMoney: (p: { order: string; cpa: string; roas: string; loss: string; orders: number }) =>
      `At an average order of ${p.order}, paid ads lose money: this split pays about ${p.cpa} for a first sale (CPA), so ROAS is ${p.roas} and each first order loses ${p.loss}. A customer has to order ${count(p.orders, 'time', 'en')} to pay that back, before product costs. What pays at this order value: bundles and a bigger basket, repeat orders and subscriptions, your list and WhatsApp, local and organic reach; keep ads to a small test against your own cost per sale.`,
    adsWouldLoseMoney: (p: { order: string; cpa: string; orders: number }) =>
      `At an average order of ${p.order}, paid ads would lose money: a first sale costs about ${p.cpa} on the cheapest paid channel in this market, so a customer would have to order ${count(p.orders, 'time', 'en')} to pay it back. This idea spends instead on what each customer is worth over time: bundles and a bigger basket, repeat orders, your list and word of mouth.`,
    needsGiftValue: 'A return target needs your average gift: add order_value: (for example order_value:100).',
    typeFromBrand: (p: { type: string }) => `Business type: ${p.type} (from the brand profile).`,
    replaced: (p: { items: string }) => `Targets that contradicted this plan's funnel were replaced: ${p.items}.`,
    dropped: (p: { items: string }) => `Targets the funnel cannot support were left out: ${p.items}.`,
    typeFromBrief: (p: { type: string }) =>
      `Business type: ${p.type}, read from the brief's words (set it for good with /brand set type:…).`,
    phaseAttract: (p: { channel: string }) => `Attract: set up tracking and launch ${p.channel}`,
    phaseEngage: (p: { channel: string }) =>
      `Engage: retarget, nurture and answer; keep what performs best on ${p.channel}`,
    phaseDelight: 'Delight: thank, onboard and ask for reviews and referrals; report against the KPIs',
  },
  {
    yourProduct: 'منتجك',
    yourMarket: 'السوق المستهدف',
    concentrated: (p) =>
      p.n === 1
        ? `تركيز ${p.budget} على قناة واحدة لتتجاوز حد الإنفاق الأدنى المفيد بدلًا من تشتيتها.`
        : `توزيع ${p.budget} على ${count(p.n, 'channel', 'ar')}، كل منها فوق حد الإنفاق الأدنى المفيد.`,
    belowMinimum: (p) =>
      `${p.budget} أقل من أدنى إنفاق مفيد لقناة ${p.channel} (${p.minimum})؛ اعتبرها تجربة صغيرة أو ارفع الميزانية.`,
    needsOrderValue: `تحديد هدف للعائد على الإنفاق الإعلاني ROAS يحتاج إلى متوسط قيمة الطلب: أضف ${iso('order_value:')} (مثل ${iso('order_value:40')}).`,
    adsLoseMoney: (p) =>
      `بمتوسط طلب ${p.order} تخسر الإعلانات المدفوعة: يدفع هذا التوزيع نحو ${p.cpa} مقابل كل عملية بيع أولى (تكلفة الاكتساب)، فيبلغ العائد على الإنفاق الإعلاني ${iso(p.roas)} وتخسر في كل طلب أول ${p.loss}. على العميل أن يطلب ${count(p.orders, 'time', 'ar')} ليغطي هذه التكلفة، قبل احتساب تكلفة المنتج. ما يربح عند هذه القيمة: الباقات وسلة أكبر، والطلبات المتكررة والاشتراكات، وقائمتك وواتساب، والوصول المحلي والمجاني؛ واجعل الإعلانات تجربة صغيرة تقيس بها تكلفة البيع الفعلية لديك.`,
    adsWouldLoseMoney: (p) =>
      `بمتوسط طلب ${p.order} ستخسر الإعلانات المدفوعة: تكلّف عملية البيع الأولى نحو ${p.cpa} على أرخص قناة مدفوعة في هذا السوق، فعلى العميل أن يطلب ${count(p.orders, 'time', 'ar')} ليغطيها. لذلك تنفق هذه الفكرة على ما يساويه العميل مع الوقت: الباقات وسلة أكبر، والطلبات المتكررة، وقائمتك والتوصية الشفهية.`,
    needsGiftValue: `تحديد هدف للعائد يحتاج إلى متوسط قيمة التبرع: أضف ${iso('order_value:')} (مثل ${iso('order_value:100')}).`,
    typeFromBrand: (p) => `نوع النشاط: ${p.type} (من ملف العلامة التجارية).`,
    replaced: (p) => `استُبدلت مستهدفات تناقض مسار التحويل في هذه الخطة: ${p.items}.`,
    dropped: (p) => `حُذفت مستهدفات لا يدعمها مسار التحويل: ${p.items}.`,
    typeFromBrief: (p) =>
      `نوع النشاط: ${p.type}، استُنتج من كلمات الطلب (اضبطه نهائيًا بالأمر ${iso('/brand set type:…')}).`,
    phaseAttract: (p) => `الجذب: إعداد التتبع وإطلاق ${p.channel}`,
    phaseEngage: (p) => `التفاعل: إعادة الاستهداف ورعاية المهتمين والرد؛ الإبقاء على الأفضل أداءً في ${p.channel}`,
    phaseDelight: 'الإسعاد: الشكر والتهيئة وطلب التقييمات والإحالات؛ القياس مقابل مؤشرات الأداء',
  },
);

// ---------------------------------------------------------------------------------------------
// Budget rules

/**
 * How many channels a budget should feed. Each extra channel needs its own learning budget and a
 * person's attention; below ~500 USD one channel done well beats two done badly, and four is the
 * most a small team runs well at once.
 */
export function channelCap(budgetMinor: number, currency: string): number {
  const usd = toMajor(budgetMinor, currency) / fromUsd(1, currency).value;
  if (usd < 500) return 1;
  if (usd < 2000) return 2;
  if (usd < 10000) return 3;
  return 4;
}

export interface Allocation {
  split: SplitLine[];
  belowMinimum: boolean;
}

/**
 * Picks channels in the given order while the budget covers their minimums (skipping ones it
 * cannot afford, up to the cap), then gives each its minimum and shares the rest by weight. When
 * no channel is affordable, the whole budget goes to the one with the smallest minimum, flagged.
 */
export function allocate(
  budgetMinor: number,
  currency: string,
  weeks: number,
  ranked: ReadonlyArray<{ channel: Channel; weight: number }>,
): Allocation {
  const unique = ranked.filter((r, i) => ranked.findIndex((o) => o.channel === r.channel) === i);
  if (unique.length === 0) throw new Error('allocate needs at least one channel');
  const cap = channelCap(budgetMinor, currency);
  const chosen: Array<{ channel: Channel; weight: number; min: number }> = [];
  let committed = 0;
  for (const r of unique) {
    if (chosen.length >= cap) break;
    const min = channelMinimum(r.channel, weeks, currency);
    if (committed + min <= budgetMinor) {
      chosen.push({ ...r, min });
      committed += min;
    }
  }
  if (chosen.length === 0) {
    const cheapest = unique
      .map((r) => ({ ...r, min: channelMinimum(r.channel, weeks, currency) }))
      .reduce((a, b) => (b.min < a.min ? b : a));
    return { split: [{ channel: cheapest.channel, amountMinor: budgetMinor }], belowMinimum: true };
  }
  // Budgets are planned in whole units: minimums round up to one, the rest is shared in whole
  // units, and a budget's fraction (2000.37) goes to the largest line, so the parts still sum exactly.
  const unit = 10 ** minorDigits(currency);
  const whole = Math.floor(budgetMinor / unit) * unit;
  const mins = chosen.map((c) => Math.min(Math.ceil(c.min / unit) * unit, whole));
  const committedWhole = mins.reduce((a, b) => a + b, 0);
  const rest = splitExact(
    Math.max(0, whole - committedWhole) / unit,
    chosen.map((c) => c.weight),
  );
  const split = chosen
    .map((c, i) => ({ channel: c.channel, amountMinor: (mins[i] ?? 0) + (rest[i] ?? 0) * unit }))
    .sort((a, b) => b.amountMinor - a.amountMinor);
  const over = split.reduce((a, l) => a + l.amountMinor, 0) - budgetMinor;
  (split[0] as SplitLine).amountMinor -= over;
  return { split, belowMinimum: false };
}

/**
 * Turns a proposal (model or offline) into an idea the bot stands behind: channels the budget can
 * afford, an exact split, targets with their units, texts trimmed to what chat can show.
 */
export function finalizeIdea(draft: IdeaDraft, request: BrainstormRequest): Idea {
  const t = plannerText[request.locale];
  const ranked = [...draft.channels].sort((a, b) => b.weight - a.weight);
  const { split, belowMinimum } = allocate(request.budgetMinor, request.currency, request.weeks, ranked);
  const budget = formatPlanMoney(request.budgetMinor, request.currency, request.locale);
  const first = split[0] as SplitLine;
  const note = belowMinimum
    ? t.belowMinimum({
        budget,
        minimum: formatPlanMoney(
          channelMinimum(first.channel, request.weeks, request.currency),
          request.currency,
          request.locale,
        ),
        channel: CHANNEL_INFO[first.channel].label[request.locale],
      })
    : t.concentrated({ budget, n: split.length });
  const clip = (s: string, n: number) => {
    const chars = [...s.trim()];
    return chars.length > n ? `${chars.slice(0, n - 1).join('')}…` : chars.join('');
  };
  // Targets are read off the plan's funnel, whoever proposed the idea: the model's own numbers
  // could contradict each other or the split (docs/planner.md, "The funnel model").
  const kpis = planTargets(request.goal, split, request.currency, request.market, request.orderValueMinor);
  return Idea.parse({
    title: clip(draft.title, 120) || '—',
    hook: clip(draft.hook, 400) || '—',
    split,
    tactics: {
      attract: draft.tactics.attract.map((x) => clip(x, 300)),
      engage: draft.tactics.engage.map((x) => clip(x, 300)),
      delight: draft.tactics.delight.map((x) => clip(x, 300)),
    },
    kpis,
    reasoning: clip(
      [
        draft.reasoning.trim(),
        ...checkedAgainst(draft.kpis, kpis, request),
        typeNote(request),
        note,
        paidOnlyNote(kpis, split, request),
        orderValueNote(kpis, request),
        request.goal === 'sales' && !request.orderValueMinor
          ? requestType(request) === 'ngo'
            ? t.needsGiftValue
            : t.needsOrderValue
          : '',
      ]
        .filter(Boolean)
        .join(' '),
      1200,
    ),
    belowMinimum,
  });
}

/**
 * When the average order is below what a first sale costs, say so with the figures: this split's
 * CPA, ROAS, the loss per first order and how many orders pay it back; or, for an idea without paid
 * sales, the cheapest paid CPA of the market's region. A figure without its reason is a bug.
 */
export function orderValueNote(
  kpis: readonly FunnelTarget[],
  request: Pick<BrainstormRequest, 'goal' | 'currency' | 'market' | 'locale' | 'orderValueMinor'>,
): string {
  const { currency, locale, orderValueMinor } = request;
  if (request.goal !== 'sales' || !paidLosesMoney(request.market, currency, orderValueMinor)) return '';
  const t = plannerText[locale];
  const aov = toMajor(orderValueMinor as number, currency);
  const money = (major: number) => formatPlanMoney(toMinor(major, currency), currency, locale);
  const order = money(aov);
  const cpa = kpis.find((k) => k.kpi === 'cpa')?.target;
  const roas = kpis.find((k) => k.kpi === 'roas')?.target;
  if (cpa !== undefined && roas !== undefined && cpa > aov) {
    return t.adsLoseMoney({
      order,
      cpa: money(cpa),
      roas: roasText(roas, locale),
      loss: money(cpa - aov),
      orders: Math.ceil(cpa / aov),
    });
  }
  const cheapest = paidCpa(regionOf(request.market, currency), currency);
  return t.adsWouldLoseMoney({ order, cpa: money(cheapest), orders: Math.ceil(cheapest / aov) });
}

/** The order-value sentences a plan's reasoning may hold, in both languages (from orderValueNote and needsOrderValue). */
const ORDER_VALUE_SENTENCES = [
  /At an average order of [\s\S]*?(?:against your own cost per sale\.|your list and word of mouth\.)/g,
  /بمتوسط طلب [\s\S]*?(?:تكلفة البيع الفعلية لديك\.|وقائمتك والتوصية الشفهية\.)/g,
  ...LOCALES.map((l) => new RegExp(plannerText[l].needsOrderValue.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g')),
];

/**
 * A stored plan's reasoning with its order-value note recomputed (a /plan edit of the budget, the
 * market or order_value:), in the language the reasoning is written in.
 */
export function withOrderValueNote(
  reasoning: string,
  kpis: readonly FunnelTarget[],
  request: Pick<BrainstormRequest, 'goal' | 'currency' | 'market' | 'orderValueMinor'>,
): string {
  const locale: Locale = /\p{Script=Arabic}/u.test(reasoning) ? 'ar' : 'en';
  const kept = ORDER_VALUE_SENTENCES.reduce((text, re) => text.replace(re, ''), reasoning)
    .replace(/\s{2,}/g, ' ')
    .trim();
  return [kept, orderValueNote(kpis, { ...request, locale })].filter(Boolean).join(' ').slice(0, 1200);
}

/** A ROAS as people write it: "3.2x", and two decimals under 1x ("0.09x", never "0x"). */
export function roasText(roas: number, locale: Locale): string {
  return `${formatNumber(roas, 'en', roas < 1 ? 2 : 1)}${locale === 'ar' ? '×' : 'x'}`;
}

/** Within this share of the funnel's figure, a proposed target agrees with it (rounding, not a new plan). */
const AGREES = 0.1;

/**
 * The proposed targets (the model's) that contradict the ones read off the funnel, said in the
 * reasoning: those replaced ("Leads 900 → 577") and those the funnel cannot support (ROI, or ROAS
 * without an order value), left out. The offline drafts carry the funnel's own targets: no note.
 */
function checkedAgainst(
  proposed: IdeaDraft['kpis'],
  kpis: readonly FunnelTarget[],
  request: BrainstormRequest,
): string[] {
  const { locale, currency } = request;
  const t = plannerText[locale];
  const value = (target: number, unit: FunnelTarget['unit']) => {
    // Each in the reader's convention: «25 ر.س.», «3×», as the plan's own figures are shown.
    if (unit === 'currency') return formatPlanMoney(toMinor(target, currency), currency, locale);
    if (unit === 'percent') return isoIn(`${plainNumber(target, locale, 2)}%`, locale);
    if (unit === 'ratio') return locale === 'ar' ? iso(roasText(target, locale)) : roasText(target, locale);
    return formatNumber(target, locale, 0);
  };
  const replaced: string[] = [];
  const dropped: string[] = [];
  for (const p of proposed) {
    const label = KPI_LABELS[p.kpi][locale];
    const c = kpis.find((k) => k.kpi === p.kpi);
    if (!c) {
      dropped.push(`${label} ${value(p.target, KPI_UNITS[p.kpi])}`);
      continue;
    }
    const off = Math.abs(p.target - c.target) > AGREES * Math.abs(c.target);
    if (off || p.direction !== c.direction) {
      const [was, now] = [value(p.target, c.unit), value(c.target, c.unit)];
      replaced.push(locale === 'ar' ? `${label} ${now} بدلًا من ${was}` : `${label} ${was} → ${now}`);
    }
  }
  const sep = locale === 'ar' ? '، ' : ', ';
  return [
    replaced.length > 0 ? t.replaced({ items: replaced.join(sep) }) : '',
    dropped.length > 0 ? t.dropped({ items: dropped.join(sep) }) : '',
  ];
}

/** The business type a request is planned for: the brand's, else read from its words. */
export function requestType(request: BrainstormRequest) {
  return request.businessType ?? businessTypeOf(request.product, request.market);
}

/** Which business type the idea was planned for, and where that came from. */
function typeNote(request: BrainstormRequest): string {
  const t = plannerText[request.locale];
  const type = BUSINESS_TYPE_LABELS[requestType(request)][request.locale];
  return request.businessTypeFrom === 'brand' ? t.typeFromBrand({ type }) : t.typeFromBrief({ type });
}

/**
 * A channel's name inside a sentence: "launch search ads (Google)", not "launch Search ads (Google)".
 * Names that start with a brand (Google Business Profile, LinkedIn, WhatsApp) keep their capital;
 * Arabic has no case.
 */
export function channelInSentence(channel: Channel, locale: Locale): string {
  const label = CHANNEL_INFO[channel].label[locale];
  const first = label.split(' ')[0] ?? '';
  return locale === 'en' && /^[A-Z][a-z]+$/.test(first) && first !== 'Google'
    ? `${label[0]?.toLowerCase()}${label.slice(1)}`
    : label;
}

/** Weeks split into attract, engage and delight phases (a quarter, a half, a quarter). */
export function timelineFor(idea: Idea, weeks: number, locale: Locale): TimelinePhase[] {
  return timelineOn((idea.split[0] as SplitLine).channel, weeks, locale);
}

/**
 * The phases of a plan led by `lead` (its focus channel): one week holds both ends, two weeks
 * attract then delight, longer plans a quarter, a half and a quarter.
 */
export function timelineOn(lead: Channel, weeks: number, locale: Locale): TimelinePhase[] {
  const t = plannerText[locale];
  const channel = channelInSentence(lead, locale);
  if (weeks === 1) return [{ fromWeek: 1, toWeek: 1, focus: `${t.phaseAttract({ channel })}. ${t.phaseDelight}` }];
  if (weeks === 2) {
    return [
      { fromWeek: 1, toWeek: 1, focus: t.phaseAttract({ channel }) },
      { fromWeek: 2, toWeek: 2, focus: t.phaseDelight },
    ];
  }
  const a = Math.max(1, Math.round(weeks / 4));
  const e = Math.max(a + 1, weeks - Math.max(1, Math.round(weeks / 4)));
  return [
    { fromWeek: 1, toWeek: a, focus: t.phaseAttract({ channel }) },
    { fromWeek: a + 1, toWeek: e, focus: t.phaseEngage({ channel }) },
    { fromWeek: e + 1, toWeek: weeks, focus: t.phaseDelight },
  ];
}

/** Scales a stored split to a new budget, keeping the proportions and summing exactly. */
export function rescaleSplit(split: readonly SplitLine[], budgetMinor: number, currency = 'USD'): SplitLine[] {
  if (split.length === 0) return [];
  return wholeSplit(
    budgetMinor,
    split.map((l) => l.amountMinor),
    currency,
  ).map((amountMinor, i) => ({ channel: (split[i] as SplitLine).channel, amountMinor }));
}

/**
 * Splits a budget by weights in whole units of the currency, the budget's fraction (if any) going
 * to the first part; the parts sum exactly.
 */
export function wholeSplit(budgetMinor: number, weights: readonly number[], currency: string): number[] {
  const unit = 10 ** minorDigits(currency);
  const whole = Math.floor(budgetMinor / unit);
  const parts = splitExact(whole, weights).map((p) => p * unit);
  if (parts.length > 0) parts[0] = (parts[0] ?? 0) + (budgetMinor - whole * unit);
  return parts;
}
