/**
 * Campaign ideas and marketing plans. The model (when configured) or the offline rules propose
 * ideas in one shape (IdeaDraft); `finalizeIdea` then applies the same budget rules to both: pick
 * the channels the budget can afford, and split it in minor units so the parts sum exactly.
 * The offline rules live here too: deterministic, from the catalog (catalog.ts, data in data/catalog.ts).
 */
import type { Plan, Prisma } from '@prisma/client';
import { z } from 'zod';
import { defineMessages, iso, LOCALES, type Locale } from '../core/i18n.js';
import type { Actor } from '../core/identity.js';
import type { Db } from '../db/client.js';
import { type Generated, generateWithFallback, type Llm, type OfflineGenerator } from '../lib/llm.js';
import { formatMoney, fromUsd, splitExact, toMajor } from '../lib/money.js';
import type { Logger } from '../log.js';
import type { AuditService } from '../workspace/audit.js';
import {
  audienceOf,
  CHANNEL_INFO,
  CHANNELS,
  type Channel,
  channelMinimum,
  fitsAudience,
  fitsGoal,
  GOAL_DEFAULTS,
  GOALS,
  type Goal,
  KPI_UNITS,
  KPIS,
  type Kpi,
  type KpiUnit,
  type Strategy,
  strategiesFor,
} from './catalog.js';

export type { Channel, Goal, Kpi, KpiUnit };
export { audienceOf, CHANNELS, channelMinimum, fitsAudience, fitsGoal, GOALS, KPIS, strategiesFor };

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
// Texts the offline rules write (generated content, in the request's language)

export const plannerText = defineMessages(
  'planner',
  {
    yourProduct: 'your product',
    yourMarket: 'your market',
    concentrated: (p: { budget: string; n: number }) =>
      p.n === 1
        ? `${p.budget} is concentrated on one channel so it can pass its minimum useful spend instead of being spread thin.`
        : `${p.budget} is split across ${p.n} channels, each above its minimum useful spend.`,
    belowMinimum: (p: { budget: string; minimum: string; channel: string }) =>
      `${p.budget} is below the least useful spend for ${p.channel} (${p.minimum}); treat this as a small test, or raise the budget.`,
    b2b: 'The audience reads as business buyers, so channels for professionals are preferred.',
    b2c: 'The audience reads as consumers, so social and creator channels are preferred.',
    phaseAttract: (p: { channel: string }) => `Attract: set up tracking and launch ${p.channel}`,
    phaseEngage: (p: { channel: string }) => `Engage: retarget, nurture and answer; keep the best ${p.channel} ads`,
    phaseDelight: 'Delight: thank, onboard and ask for reviews and referrals; report against the KPIs',
  },
  {
    yourProduct: 'منتجك',
    yourMarket: 'السوق المستهدف',
    concentrated: (p) =>
      p.n === 1
        ? `تركيز ${iso(p.budget)} على قناة واحدة لتتجاوز حد الإنفاق الأدنى المفيد بدلًا من تشتيتها.`
        : `توزيع ${iso(p.budget)} على ${iso(p.n)} قنوات، كل منها فوق حد الإنفاق الأدنى المفيد.`,
    belowMinimum: (p) =>
      `${iso(p.budget)} أقل من أدنى إنفاق مفيد لقناة ${p.channel} (${iso(p.minimum)})؛ اعتبرها تجربة صغيرة أو ارفع الميزانية.`,
    b2b: 'الجمهور يبدو من قطاع الأعمال، لذا نفضّل القنوات المهنية.',
    b2c: 'الجمهور يبدو من المستهلكين، لذا نفضّل الشبكات الاجتماعية وصنّاع المحتوى.',
    phaseAttract: (p) => `الجذب: إعداد التتبع وإطلاق ${p.channel}`,
    phaseEngage: (p) => `التفاعل: إعادة الاستهداف ورعاية المهتمين والرد؛ إبقاء أفضل إعلانات ${p.channel}`,
    phaseDelight: 'الإسعاد: الشكر والتهيئة وطلب التقييمات والإحالات؛ القياس مقابل مؤشرات الأداء',
  },
);

// ---------------------------------------------------------------------------------------------
// Offline rules

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
  const rest = splitExact(
    budgetMinor - committed,
    chosen.map((c) => c.weight),
  );
  const split = chosen
    .map((c, i) => ({ channel: c.channel, amountMinor: c.min + (rest[i] ?? 0) }))
    .sort((a, b) => b.amountMinor - a.amountMinor);
  return { split, belowMinimum: false };
}

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

/**
 * Turns a proposal (model or offline) into an idea the bot stands behind: channels the budget can
 * afford, an exact split, targets with their units, texts trimmed to what chat can show.
 */
export function finalizeIdea(draft: IdeaDraft, request: BrainstormRequest): Idea {
  const t = plannerText[request.locale];
  const ranked = [...draft.channels].sort((a, b) => b.weight - a.weight);
  const { split, belowMinimum } = allocate(request.budgetMinor, request.currency, request.weeks, ranked);
  const budget = formatMoney(request.budgetMinor, request.currency);
  const first = split[0] as SplitLine;
  const note = belowMinimum
    ? t.belowMinimum({
        budget,
        minimum: formatMoney(channelMinimum(first.channel, request.weeks, request.currency), request.currency),
        channel: CHANNEL_INFO[first.channel].label[request.locale],
      })
    : t.concentrated({ budget, n: split.length });
  const clip = (s: string, n: number) => {
    const chars = [...s.trim()];
    return chars.length > n ? `${chars.slice(0, n - 1).join('')}…` : chars.join('');
  };
  const kpis = draft.kpis
    .filter((k, i, all) => all.findIndex((o) => o.kpi === k.kpi) === i)
    .map((k) => ({ ...k, unit: KPI_UNITS[k.kpi] }));
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
    reasoning: clip(`${draft.reasoning.trim()} ${note}`, 1200),
    belowMinimum,
  });
}

/** Weeks split into attract, engage and delight phases (a quarter, a half, a quarter). */
export function timelineFor(idea: Idea, weeks: number, locale: Locale): TimelinePhase[] {
  const t = plannerText[locale];
  const lead = CHANNEL_INFO[(idea.split[0] as SplitLine).channel].label[locale];
  if (weeks < 3) {
    return [{ fromWeek: 1, toWeek: weeks, focus: `${t.phaseAttract({ channel: lead })}; ${t.phaseDelight}` }];
  }
  const a = Math.max(1, Math.round(weeks / 4));
  const e = Math.max(a + 1, weeks - Math.max(1, Math.round(weeks / 4)));
  return [
    { fromWeek: 1, toWeek: a, focus: t.phaseAttract({ channel: lead }) },
    { fromWeek: a + 1, toWeek: e, focus: t.phaseEngage({ channel: lead }) },
    { fromWeek: e + 1, toWeek: weeks, focus: t.phaseDelight },
  ];
}

// ---------------------------------------------------------------------------------------------
// The service

const INSTRUCTIONS = [
  'You are a senior digital marketer. Propose 3 to 5 distinct campaign ideas for the product, goal,',
  'budget, duration and market given in the JSON data. Each idea leads with a different channel.',
  'Use only channels that serve the goal; prefer fewer channels for small budgets. Give each channel',
  'an integer weight (1-100) for its share of the budget. Inbound tactics: attract, engage, delight.',
  'KPI targets are realistic numbers based on industry benchmarks: percent values as percentages',
  '(2.5 means 2.5%), money values in major units of the given currency, ROAS as a ratio.',
  'Write every text in the language named by the "language" field.',
].join(' ');

export interface BrainstormResult {
  id: number;
  request: BrainstormRequest;
  ideas: Idea[];
  source: 'llm' | 'offline';
  fallback?: Generated<unknown>['fallback'];
}

export const PlanInput = z.object({
  name: z.string().min(1).max(120),
  goal: z.enum(GOALS),
  product: z.string().max(200),
  targetMarket: z.string().max(200),
  targetSegment: z.string().max(500),
  bestMethod: z.string().max(600),
  focusChannel: z.enum(CHANNELS),
  budgetMinor: z.number().int().min(0),
  currency: z.string().regex(/^[A-Z]{3}$/),
  budgetSplit: z.array(SplitLine),
  kpiTargets: z.array(KpiTarget),
  timeline: z.array(TimelinePhase),
  reasoning: z.string().max(2000),
  startsOn: z.date(),
  endsOn: z.date(),
  source: z.enum(['llm', 'offline']),
});
export type PlanInput = z.infer<typeof PlanInput>;

export class PlannerService {
  readonly offline: Llm;

  constructor(
    private readonly db: Db,
    private readonly online: Llm | undefined,
    private readonly log: Logger,
    offline: Llm,
    private readonly audit: AuditService,
  ) {
    this.offline = offline;
  }

  /** Ideas for a request, stored so the buttons under them act on exactly what was shown. */
  async brainstorm(ctx: Actor, request: BrainstormRequest): Promise<BrainstormResult> {
    const generated = await this.generate(request);
    const row = await this.db.brainstorm.create({
      data: {
        workspaceId: ctx.workspace.id,
        request: request as Prisma.InputJsonValue,
        ideas: generated.ideas as unknown as Prisma.InputJsonValue,
        source: generated.source,
        createdById: ctx.member.externalId,
      },
    });
    await this.audit.record(ctx, 'brainstorm.create', String(row.id), { product: request.product });
    return { id: row.id, request, ...generated };
  }

  /** Ideas without storing them (used by /plan create and the benchmark). */
  async generate(
    request: BrainstormRequest,
  ): Promise<{ ideas: Idea[]; source: 'llm' | 'offline'; fallback?: Generated<unknown>['fallback'] }> {
    const language = request.locale === 'ar' ? 'Arabic' : 'English';
    const out = await generateWithFallback(
      this.online,
      this.offline,
      BrainstormDraft,
      { task: 'brainstorm', instructions: INSTRUCTIONS, data: { ...request, language } },
      this.log,
    );
    const ideas = out.value.ideas.map((d) => finalizeIdea(d, request));
    return { ideas, source: out.source, ...(out.fallback ? { fallback: out.fallback } : {}) };
  }

  /** A stored brainstorm of this workspace, or undefined (ids from buttons are checked here). */
  async findBrainstorm(workspaceId: number, id: number): Promise<BrainstormResult | undefined> {
    const row = await this.db.brainstorm.findFirst({ where: { id, workspaceId } });
    if (!row) return undefined;
    const request = BrainstormRequest.safeParse(row.request);
    const ideas = z.array(Idea).safeParse(row.ideas);
    if (!request.success || !ideas.success) return undefined;
    return { id: row.id, request: request.data, ideas: ideas.data, source: row.source === 'llm' ? 'llm' : 'offline' };
  }

  /** A plan built from one idea. */
  planFromIdea(
    idea: Idea,
    request: BrainstormRequest,
    source: 'llm' | 'offline',
    now: Date,
    extra: { name?: string; segment?: string } = {},
  ): PlanInput {
    const ends = new Date(now.getTime() + request.weeks * 7 * 86_400_000);
    return PlanInput.parse({
      name: (extra.name ?? `${idea.title} · ${request.product}`).slice(0, 120),
      goal: request.goal,
      product: request.product,
      targetMarket: request.market,
      targetSegment: extra.segment ?? '',
      bestMethod: `${idea.title}: ${idea.hook}`.slice(0, 600),
      focusChannel: (idea.split[0] as SplitLine).channel,
      budgetMinor: request.budgetMinor,
      currency: request.currency,
      budgetSplit: idea.split,
      kpiTargets: idea.kpis,
      timeline: timelineFor(idea, request.weeks, request.locale),
      reasoning: idea.reasoning,
      startsOn: now,
      endsOn: ends,
      source,
    });
  }

  async savePlan(ctx: Actor, plan: PlanInput, personaIds: readonly number[] = []): Promise<Plan> {
    const personas = await this.db.persona.findMany({
      where: { workspaceId: ctx.workspace.id, id: { in: [...personaIds] } },
      select: { id: true },
    });
    const created = await this.db.plan.create({
      data: {
        ...plan,
        workspaceId: ctx.workspace.id,
        budgetSplit: plan.budgetSplit as Prisma.InputJsonValue,
        kpiTargets: plan.kpiTargets as Prisma.InputJsonValue,
        timeline: plan.timeline as Prisma.InputJsonValue,
        createdById: ctx.member.externalId,
        personas: { create: personas.map((p) => ({ personaId: p.id })) },
      },
    });
    await this.audit.record(ctx, 'plan.create', String(created.id), { name: created.name });
    return created;
  }
}

/** The offline generator registered under the "brainstorm" task of the offline Llm. */
export const brainstormGenerator: OfflineGenerator = (data) => offlineBrainstorm(BrainstormRequest.parse(data));

/** Reads a stored plan's JSON columns back into their shapes (tolerating older rows). */
export function planParts(plan: Plan): { split: SplitLine[]; kpis: KpiTarget[]; timeline: TimelinePhase[] } {
  const split = z.array(SplitLine).safeParse(plan.budgetSplit);
  const kpis = z.array(KpiTarget).safeParse(plan.kpiTargets);
  const timeline = z.array(TimelinePhase).safeParse(plan.timeline ?? []);
  return {
    split: split.success ? split.data : [],
    kpis: kpis.success ? kpis.data : [],
    timeline: timeline.success ? timeline.data : [],
  };
}

/** Scales a stored split to a new budget, keeping the proportions and summing exactly. */
export function rescaleSplit(split: readonly SplitLine[], budgetMinor: number): SplitLine[] {
  if (split.length === 0) return [];
  const parts = splitExact(
    budgetMinor,
    split.map((l) => l.amountMinor),
  );
  return split.map((l, i) => ({ channel: l.channel, amountMinor: parts[i] ?? 0 }));
}
