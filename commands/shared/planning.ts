/**
 * What /brainstorm, /plan and /persona share: their options (goal, budget, duration) and how ideas,
 * plans, personas and KPI targets are shown.
 */
import { z } from 'zod';
import type { Context } from '../../src/core/context.js';
import { defineMessages, formatNumber, iso, isoIn, type Locale, plainNumber } from '../../src/core/i18n.js';
import { core } from '../../src/core/messages.js';
import { type OptionSpec, opt, required, stripBidi } from '../../src/core/options.js';
import { type Block, context, fields, list, table, text } from '../../src/core/reply.js';
import type { FallbackReason } from '../../src/lib/llm.js';
import { formatPlanMoney, splitExact, toMinor } from '../../src/lib/money.js';
import { itemList } from '../../src/lib/plural.js';
import { CHANNEL_INFO, KPI_LABELS } from '../../src/planning/catalog.js';
import type { Persona, PersonaData } from '../../src/planning/personas.js';
import {
  type BrainstormRequest,
  briefRequest,
  type Channel,
  GOALS,
  type Goal,
  type Idea,
  type KpiTarget,
  type Plan,
  planParts,
  type SplitLine,
  type TimelinePhase,
} from '../../src/planning/planner.js';
import { channelLabel as networkLabel } from '../../src/reporting/channel-names.js';
import type { BusinessType } from '../../src/workspace/brand.js';

export const pm = defineMessages(
  'planning',
  {
    awareness: 'awareness',
    leads: 'leads',
    sales: 'sales',
    engagement: 'engagement',
    retention: 'retention',
    atLeast: (p: { kpi: string; value: string }) => `${p.kpi}: at least ${p.value}`,
    atMost: (p: { kpi: string; value: string }) => `${p.kpi}: at most ${p.value}`,
    channel: 'Channel',
    amount: 'Budget',
    share: 'Share',
    attract: 'Attract',
    engage: 'Engage',
    delight: 'Delight',
    kpis: 'KPI targets',
    why: 'Why',
    hook: 'Hook',
    offlineNoKey: 'Offline planner: no OpenAI key is set, so this comes from built-in marketing rules and benchmarks.',
    offlineTimeout: 'Offline planner: the AI service did not answer in time, so built-in marketing rules were used.',
    offlineMalformed:
      'Offline planner: the AI service gave an unusable answer twice, so built-in marketing rules were used.',
    offlineUnavailable: 'Offline planner: the AI service was unavailable, so built-in marketing rules were used.',
    offlineRefused: 'Offline planner: the AI service declined to answer, so built-in marketing rules were used.',
    fromLlm: 'Written by the AI model; budget split and minimums checked by the bot.',
    belowMinimum: 'Budget below the least useful spend: a small test only.',
    weeks: (p: { n: number }) => (p.n === 1 ? '1 week' : `${p.n} weeks`),
    weekRange: (p: { from: number; to: number }) => (p.from === p.to ? `Week ${p.from}` : `Weeks ${p.from}-${p.to}`),
    goal: 'Goal',
    product: 'Product',
    market: 'Target market',
    segment: 'Target segment',
    personas: 'Personas',
    method: 'Best method',
    focus: 'Focus channel',
    budget: 'Budget',
    duration: 'Timeline',
    reasoning: 'Reasoning',
    none: 'none',
    demographics: 'Demographics',
    goals: 'Goals',
    pains: 'Pains',
    objections: 'Objections',
    channels: 'Channels',
    content: 'Preferred content',
    messaging: 'Messaging',
    keywords: 'Keywords',
    badDuration: 'a duration such as 4w, 30d or 2m (1 to 52 weeks)',
    badIds: 'persona numbers separated by commas, e.g. 1,2',
    changed: (p: { what: string; before: string; after: string }) => `${p.what}: ${p.before} → ${p.after}`,
    changes: 'What changed',
    donations: 'Donations',
    costPerDonation: 'Cost per donation (CPA)',
    brandHint:
      'Tip: tell the bot about your business once and every plan uses it: /brand set name:"…" type:local market:"Riyadh" currency:SAR order_value:45 (types: b2b, consumer, local, ngo, ecommerce, app).',
  },
  {
    awareness: 'الوعي بالعلامة',
    leads: 'العملاء المحتملون',
    sales: 'المبيعات',
    engagement: 'التفاعل',
    retention: 'الاحتفاظ بالعملاء',
    // «على الأقل» agrees with any KPI name; «لا يقل» would have to follow each name's gender
    // («نسبة النقر لا تقل»، «معدل التفاعل لا يقل»).
    atLeast: (p) => `${p.kpi}: ${iso(p.value)} على الأقل`,
    atMost: (p) => `${p.kpi}: ${iso(p.value)} على الأكثر`,
    channel: 'القناة',
    amount: 'الميزانية',
    share: 'النسبة',
    attract: 'الجذب',
    engage: 'التفاعل',
    delight: 'الإسعاد',
    kpis: 'مستهدفات مؤشرات الأداء',
    why: 'لماذا',
    hook: 'الفكرة الجاذبة',
    offlineNoKey: 'المخطط دون اتصال: لم يُضبط مفتاح OpenAI، لذا جاءت النتيجة من قواعد تسويقية ومعايير مدمجة.',
    offlineTimeout:
      'المخطط دون اتصال: لم تُجب خدمة الذكاء الاصطناعي في الوقت المحدد، فاستُخدمت القواعد التسويقية المدمجة.',
    offlineMalformed: 'المخطط دون اتصال: أعطت خدمة الذكاء الاصطناعي إجابة غير صالحة مرتين، فاستُخدمت القواعد المدمجة.',
    offlineUnavailable: 'المخطط دون اتصال: خدمة الذكاء الاصطناعي غير متاحة، فاستُخدمت القواعد التسويقية المدمجة.',
    offlineRefused: 'المخطط دون اتصال: رفضت خدمة الذكاء الاصطناعي الإجابة، فاستُخدمت القواعد التسويقية المدمجة.',
    fromLlm: 'كتبها نموذج الذكاء الاصطناعي؛ وتحقق البوت من توزيع الميزانية والحدود الدنيا.',
    belowMinimum: 'الميزانية أقل من أدنى إنفاق مفيد: تجربة صغيرة فقط.',
    weeks: (p) => (p.n === 1 ? 'أسبوع واحد' : `${iso(p.n)} أسابيع`),
    weekRange: (p) => (p.from === p.to ? `الأسبوع ${iso(p.from)}` : `الأسابيع ${iso(`${p.from}-${p.to}`)}`),
    goal: 'الهدف',
    product: 'المنتج',
    market: 'السوق المستهدف',
    segment: 'الشريحة المستهدفة',
    personas: 'الشخصيات',
    method: 'أفضل أسلوب',
    focus: 'القناة الرئيسية',
    budget: 'الميزانية',
    duration: 'الجدول الزمني',
    reasoning: 'المبررات',
    none: 'لا يوجد',
    demographics: 'الخصائص الديموغرافية',
    goals: 'الأهداف',
    pains: 'المشكلات',
    objections: 'الاعتراضات',
    channels: 'القنوات',
    content: 'المحتوى المفضل',
    messaging: 'الرسائل',
    keywords: 'الكلمات المفتاحية',
    badDuration: `مدة مثل 4w أو 30d أو 2m (من ${iso(1)} إلى ${iso(52)} أسبوعًا)`,
    badIds: 'أرقام الشخصيات مفصولة بفواصل، مثل 1,2',
    changed: (p) => `${p.what}: من ${iso(p.before)} إلى ${iso(p.after)}`,
    changes: 'ما الذي تغيّر',
    donations: 'التبرعات',
    costPerDonation: 'تكلفة التبرع الواحد CPA',
    brandHint: `نصيحة: عرّف البوت بنشاطك مرة واحدة لتستخدمه كل الخطط: ${iso('/brand set name:"…" type:local market:"الرياض" currency:SAR order_value:45')} (الأنواع: ${iso('b2b, consumer, local, ngo, ecommerce, app')}).`,
  },
);

// ---------------------------------------------------------------------------------------------
// Options

export const productOption = () =>
  required(
    opt.string({
      label: { en: 'Product', ar: 'المنتج' },
      description: { en: 'What you sell, in a few words', ar: 'ما تبيعه في كلمات قليلة' },
      positional: true,
    }),
  );

export const goalOption = () =>
  opt.choice(GOALS, {
    label: { en: 'Goal', ar: 'الهدف' },
    description: {
      en: 'awareness, leads, sales, engagement or retention',
      ar: 'awareness أو leads أو sales أو engagement أو retention',
    },
  });

export const budgetOption = () =>
  opt.number({
    label: { en: 'Budget', ar: 'الميزانية' },
    description: { en: 'Total budget in major units, e.g. 5000', ar: 'الميزانية الإجمالية بالوحدات الكاملة، مثل 5000' },
    min: 1,
    max: 1_000_000_000,
  });

export const orderValueOption = () =>
  opt.number({
    label: { en: 'Average order value', ar: 'متوسط قيمة الطلب' },
    description: {
      en: 'Average order or deal value in major units; needed for a ROAS target',
      ar: 'متوسط قيمة الطلب أو الصفقة بالوحدات الكاملة؛ لازم لتحديد هدف ROAS',
    },
    min: 0.01,
    max: 1_000_000_000,
  });

export const currencyOption = () =>
  opt.currency({
    label: { en: 'Currency', ar: 'العملة' },
    description: {
      en: 'ISO 4217 code; the workspace currency by default',
      ar: 'رمز ISO 4217؛ عملة مساحة العمل افتراضيًا',
    },
  });

const DURATION = /^(\d{1,3})\s*(w|wk|wks|weeks?|d|days?|m|mo|months?|أسبوع|أسابيع|يوم|أيام|شهر|أشهر)?$/i;

/** "4w", "30d", "2m", "6 weeks", "٣ أسابيع" -> whole weeks (days round up; a month is 52/12 weeks). */
export function parseWeeks(raw: string): number | undefined {
  const western = stripBidi(raw)
    .trim()
    .replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x660));
  const m = DURATION.exec(western);
  if (!m?.[1]) return undefined;
  const n = Number(m[1]);
  const unit = (m[2] ?? 'w').toLowerCase();
  const weeks = /^(d|day|days|يوم|أيام)$/.test(unit)
    ? Math.ceil(n / 7)
    : /^(m|mo|month|months|شهر|أشهر)$/.test(unit)
      ? Math.round((n * 52) / 12)
      : n;
  return weeks >= 1 && weeks <= 52 ? weeks : undefined;
}

export function durationOption(): OptionSpec<z.ZodOptional<z.ZodType<number, string>>> {
  const schema = z
    .string()
    .transform((s, c) => {
      const weeks = parseWeeks(s);
      if (weeks === undefined) {
        c.addIssue({ code: 'custom', message: 'bad duration' });
        return z.NEVER;
      }
      return weeks;
    })
    .optional();
  return {
    kind: 'string',
    schema,
    required: false,
    maxLength: 20,
    label: { en: 'Duration', ar: 'المدة' },
    description: { en: 'e.g. 4w, 30d or 2m; 4 weeks by default', ar: 'مثل 4w أو 30d أو 2m؛ أربعة أسابيع افتراضيًا' },
    expected: { en: pm.en.badDuration, ar: pm.ar.badDuration },
  };
}

/** "3" or "1,2" -> persona ids. */
export function idsOption(): OptionSpec<z.ZodOptional<z.ZodType<number[], string>>> {
  return {
    kind: 'string',
    schema: z
      .string()
      .transform((s) => stripBidi(s).replace(/[#\s]/g, ''))
      .pipe(z.string().regex(/^\d{1,9}(,\d{1,9}){0,9}$/))
      .transform((s) => [...new Set(s.split(',').map(Number))])
      .optional(),
    required: false,
    maxLength: 100,
    label: { en: 'Personas', ar: 'الشخصيات' },
    description: { en: 'Persona numbers to link, e.g. 1,2', ar: 'أرقام الشخصيات المرتبطة، مثل 1,2' },
    expected: { en: pm.en.badIds, ar: pm.ar.badIds },
  };
}

export const idOption = () => ({
  ...opt.integer({
    label: { en: 'Number', ar: 'الرقم' },
    description: { en: 'The number shown by list', ar: 'الرقم الظاهر في القائمة' },
    positional: true,
    min: 1,
    max: 2_147_483_647,
  }),
});

/**
 * The request /brainstorm and /plan create plan for: their options, the brand profile filling in
 * what they leave out; and, the first time in a workspace without a profile, a hint to set one.
 */
export async function planningBrief(
  input: {
    product: string;
    goal: Goal;
    budget: number;
    currency?: string | undefined;
    duration?: number | undefined;
    market?: string | undefined;
    order_value?: number | undefined;
  },
  ctx: Context,
): Promise<{ request: BrainstormRequest; hint?: string }> {
  const brand = await ctx.services.brand.get(ctx.workspace.id);
  const request = briefRequest(
    {
      product: input.product,
      goal: input.goal,
      budget: input.budget,
      currency: input.currency,
      weeks: input.duration,
      market: input.market,
      orderValue: input.order_value,
      locale: ctx.locale,
    },
    brand,
    ctx.workspace.currency,
  );
  const hint = (await ctx.services.brand.firstUseHint(ctx.workspace.id)) ? ctx.t(pm).brandHint : undefined;
  return { request, ...(hint ? { hint } : {}) };
}

export function budgetMinor(major: number, currency: string): number {
  return Math.max(1, toMinor(major, currency));
}

// ---------------------------------------------------------------------------------------------
// Rendering

export { isoIn };

export const channelLabel = (c: Channel, locale: Locale) => CHANNEL_INFO[c].label[locale];

/**
 * A plan line's channel as the reader names it: a planning channel («الإعلانات الممولة…») or, in a
 * plan made from reports (the demo's), a network («إعلانات Google»), never its id ("google-ads").
 */
const splitChannelLabel = (c: string, locale: Locale): string =>
  Object.hasOwn(CHANNEL_INFO, c) ? channelLabel(c as Channel, locale) : networkLabel(c, locale);

/** A line of a budget split, whether its channel is a planning channel or a network. */
type AnySplitLine = { channel: string; amountMinor: number };

/** The split as stored, also when its channels are networks (the planner's own schema refuses those). */
function storedSplit(plan: Plan, parsed: readonly SplitLine[]): readonly AnySplitLine[] {
  if (parsed.length > 0) return parsed;
  const loose = z
    .array(z.object({ channel: z.string(), amountMinor: z.number().int().min(0) }))
    .safeParse(plan.budgetSplit);
  return loose.success ? loose.data : [];
}
export const goalLabel = (g: Goal | string, ctx: Context) => {
  const t = ctx.t(pm);
  return (GOALS as readonly string[]).includes(g) ? t[g as Goal] : g;
};

/** A KPI's name; a charity's purchases are donations. */
export function kpiLabel(kpi: KpiTarget['kpi'], ctx: Context, type?: BusinessType): string {
  const t = ctx.t(pm);
  if (type === 'ngo' && kpi === 'conversions') return t.donations;
  if (type === 'ngo' && kpi === 'cpa') return t.costPerDonation;
  return KPI_LABELS[kpi][ctx.locale];
}

export function formatKpi(k: KpiTarget, currency: string, ctx: Context, type?: BusinessType): string {
  const t = ctx.t(pm);
  const value = kpiValue(k, currency, ctx);
  const kpi = kpiLabel(k.kpi, ctx, type);
  return k.direction === 'max' ? t.atMost({ kpi, value }) : t.atLeast({ kpi, value });
}

/** A target's value with its unit: "2.5%", "SAR 399.36", "3.2x", "626". */
export function kpiValue(k: KpiTarget, currency: string, ctx: Context): string {
  const n = (digits: number) => plainNumber(k.target, ctx.locale, digits);
  return k.unit === 'percent'
    ? isoIn(`${n(2)}%`, ctx.locale)
    : k.unit === 'currency'
      ? formatPlanMoney(toMinor(k.target, currency), currency, ctx.locale)
      : k.unit === 'ratio'
        ? isoIn(`${n(k.target < 1 ? 2 : 1)}${ctx.locale === 'ar' ? '×' : 'x'}`, ctx.locale)
        : formatNumber(k.target, ctx.locale, 0);
}

export function splitTable(split: readonly AnySplitLine[], _total: number, currency: string, ctx: Context): Block {
  const t = ctx.t(pm);
  const shares = sharesOf(split);
  return table(
    [t.channel, t.amount, t.share],
    split.map((l, i) => [
      splitChannelLabel(l.channel, ctx.locale),
      formatPlanMoney(l.amountMinor, currency, ctx.locale),
      isoIn(`${(shares[i] ?? 0) / 10}%`, ctx.locale),
    ]),
  );
}

/** Shares of a split in tenths of a percent that add up to exactly 100% (largest remainder). */
export function sharesOf(split: readonly AnySplitLine[]): number[] {
  const total = split.reduce((a, l) => a + l.amountMinor, 0);
  return total > 0
    ? splitExact(
        1000,
        split.map((l) => l.amountMinor),
      )
    : split.map(() => 0);
}

export function fallbackNote(source: 'llm' | 'offline', fallback: FallbackReason | undefined, ctx: Context): Block {
  const t = ctx.t(pm);
  if (source === 'llm') return context(t.fromLlm);
  const byReason: Record<FallbackReason, string> = {
    'no-key': t.offlineNoKey,
    timeout: t.offlineTimeout,
    malformed: t.offlineMalformed,
    unavailable: t.offlineUnavailable,
    refused: t.offlineRefused,
  };
  return context(byReason[fallback ?? 'no-key']);
}

export function ideaBlocks(
  idea: Idea,
  n: number,
  budget: number,
  currency: string,
  ctx: Context,
  type?: BusinessType,
): Block[] {
  const t = ctx.t(pm);
  return [
    text(`${formatNumber(n, ctx.locale)}. ${idea.title}\n${idea.hook}`),
    splitTable(idea.split, budget, currency, ctx),
    list([
      `${t.attract}: ${itemList(idea.tactics.attract, ctx.locale)}`,
      `${t.engage}: ${itemList(idea.tactics.engage, ctx.locale)}`,
      `${t.delight}: ${itemList(idea.tactics.delight, ctx.locale)}`,
    ]),
    text(t.kpis),
    list(idea.kpis.map((k) => formatKpi(k, currency, ctx, type))),
    context(`${t.why}: ${idea.reasoning}${idea.belowMinimum ? ` ${t.belowMinimum}` : ''}`),
  ];
}

export function timelineList(timeline: readonly TimelinePhase[], ctx: Context): Block {
  const t = ctx.t(pm);
  // A line starts with a capital whatever the stored text (older plans, the model's words).
  const upper = (s: string) => `${s.charAt(0).toLocaleUpperCase(ctx.locale)}${s.slice(1)}`;
  return list(timeline.map((p) => `${t.weekRange({ from: p.fromWeek, to: p.toWeek })}: ${upper(p.focus.trim())}`));
}

export function planBlocks(plan: Plan, personas: readonly Persona[], ctx: Context, type?: BusinessType): Block[] {
  const t = ctx.t(pm);
  const { split, kpis, timeline } = planParts(plan);
  const show = (v: string) => (v.trim() ? v : t.none);

  return [
    fields([
      { label: t.goal, value: goalLabel(plan.goal, ctx) },
      { label: t.product, value: show(plan.product) },
      { label: t.market, value: show(plan.targetMarket) },
      { label: t.segment, value: show(plan.targetSegment) },
      {
        label: t.personas,
        value: personas.length > 0 ? personas.map((p) => `#${p.id} ${p.name}`).join(', ') : t.none,
      },
      { label: t.method, value: show(plan.bestMethod) },
      { label: t.focus, value: plan.focusChannel ? splitChannelLabel(plan.focusChannel, ctx.locale) : t.none },
      { label: t.budget, value: formatPlanMoney(plan.budgetMinor, plan.currency, ctx.locale) },
    ]),
    splitTable(storedSplit(plan, split), plan.budgetMinor, plan.currency, ctx),
    list(kpis.map((k) => formatKpi(k, plan.currency, ctx, type))),
    timelineList(timeline, ctx),
    context(`${t.reasoning}: ${show(plan.reasoning)}`),
  ];
}

export function personaBlocks(data: PersonaData | undefined, persona: Persona, ctx: Context): Block[] {
  const t = ctx.t(pm);
  if (!data) return [text(persona.segment)];
  const sep = ctx.locale === 'ar' ? '، ' : ', ';
  return [
    fields([
      { label: t.segment, value: persona.segment },
      { label: t.demographics, value: data.demographics },
      { label: t.channels, value: data.channels.map((c) => channelLabel(c, ctx.locale)).join(sep) },
      { label: t.keywords, value: data.keywords.join(sep) },
    ]),
    list([
      `${t.goals}: ${itemList(data.goals, ctx.locale)}`,
      `${t.pains}: ${itemList(data.pains, ctx.locale)}`,
      `${t.objections}: ${itemList(data.objections, ctx.locale)}`,
      `${t.content}: ${itemList(data.content, ctx.locale)}`,
      `${t.messaging}: ${itemList(data.messaging, ctx.locale)}`,
    ]),
  ];
}
