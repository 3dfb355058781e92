/**
 * Campaign ideas and marketing plans: the service behind /brainstorm and /plan. The model (when
 * configured) or the offline rules (offline.ts) propose ideas in one shape (IdeaDraft); the same
 * budget rules then apply to both (ideas.ts). Brainstorms and plans are stored per workspace.
 * The ideas' shapes and rules and the catalog's vocabulary are re-exported: this module is the
 * planner's entry point for commands, the benchmark and tests.
 */
import type { Persona, Plan, Prisma } from '@prisma/client';
import { z } from 'zod';
import { LOCALES } from '../core/i18n.js';
import type { Actor } from '../core/identity.js';
import type { Db } from '../db/client.js';
import { type Generated, generateWithFallback, type Llm } from '../lib/llm.js';
import { formatPlanMoney, toMinor } from '../lib/money.js';
import type { Logger } from '../log.js';
import type { AuditService } from '../workspace/audit.js';
import { CHANNELS, type Channel, GOALS, type Goal } from './catalog.js';
import { benchmarkFacts, planTargets } from './funnel.js';
import {
  BrainstormDraft,
  BrainstormRequest,
  finalizeIdea,
  Idea,
  KpiTarget,
  rescaleSplit,
  SplitLine,
  TimelinePhase,
  timelineFor,
  timelineOn,
  withOrderValueNote,
} from './ideas.js';

/** The stored plan row, for commands (which do not import the database client's types). */
export type { Plan } from '@prisma/client';
export { type BriefOptions, briefRequest } from './brief.js';
export {
  audienceOf,
  businessTypeOf,
  CHANNELS,
  type Channel,
  channelMinimum,
  fitsAudience,
  fitsGoal,
  GOALS,
  type Goal,
  KPIS,
  type Kpi,
  type KpiUnit,
  strategyFits,
} from './catalog.js';
export {
  type Allocation,
  allocate,
  BrainstormDraft,
  BrainstormRequest,
  channelCap,
  finalizeIdea,
  Idea,
  IdeaDraft,
  KpiTarget,
  plannerText,
  requestType,
  rescaleSplit,
  SplitLine,
  TimelinePhase,
  timelineFor,
  timelineOn,
} from './ideas.js';
export { brainstormGenerator, kpiTargets, offlineBrainstorm, offlineExhausted } from './offline.js';

const INSTRUCTIONS = [
  'You are a senior digital marketer. Propose 3 to 5 distinct campaign ideas for the product, goal,',
  'budget, duration and market given in the JSON data. Each idea leads with a different channel.',
  'Use only channels that serve the goal; prefer fewer channels for small budgets. Give each channel',
  'an integer weight (1-100) for its share of the budget. Inbound tactics: attract, engage, delight.',
  'KPI targets: derive them from your split and the "facts" field (the market region, its benchmarks in',
  'the plan currency, and what 1,000 units of the currency buy on each paid channel there), never from',
  'general knowledge: the bot recomputes every target from the split with these facts and replaces any',
  'that contradict them. Percent values as percentages (2.5 means 2.5%), money values in major units',
  'of the given currency, ROAS as a ratio and only when orderValueMinor is given; no ROI next to ROAS.',
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

/** What /plan edit may change; a field left undefined (or empty) keeps the stored value. */
export interface PlanEdit {
  name?: string | undefined;
  targetMarket?: string | undefined;
  targetSegment?: string | undefined;
  bestMethod?: string | undefined;
  /** One of the channels in the plan's split (the caller checks it, to name the choices). */
  focusChannel?: Channel | undefined;
  /** A new total: the split keeps its proportions and still sums exactly in minor units. */
  budgetMinor?: number | undefined;
  /** Replaces the linked personas; ids already checked to be this workspace's (PersonaService.byIds). */
  personaIds?: readonly number[] | undefined;
  /** Average order value (minor units) for the ROAS target. */
  orderValueMinor?: number | undefined;
}

/**
 * The order value a stored plan's ROAS was computed with (ROAS x CPA = purchases x value / budget x
 * budget / purchases), so a budget edit keeps it; undefined when the plan had no ROAS.
 */
function impliedOrderValue(kpis: readonly KpiTarget[], currency: string): number | undefined {
  const roas = kpis.find((k) => k.kpi === 'roas')?.target;
  const cpa = kpis.find((k) => k.kpi === 'cpa')?.target;
  return roas && cpa ? toMinor(roas * cpa, currency) : undefined;
}

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
      {
        task: 'brainstorm',
        instructions: INSTRUCTIONS,
        // The facts only matter to a model; the offline rules compute them themselves.
        data: {
          ...request,
          language,
          ...(this.online ? { facts: benchmarkFacts(request.market, request.currency) } : {}),
        },
      },
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
      bestMethod: bestMethodOf(idea.title, idea.hook),
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

  /** A plan of this workspace, or null (ids typed by people and from buttons are checked here). */
  findPlan(workspaceId: number, id: number): Promise<Plan | null> {
    return this.db.plan.findFirst({ where: { id, workspaceId } });
  }

  /** The workspace's plans, newest first (the 50 latest). */
  listPlans(workspaceId: number): Promise<Plan[]> {
    return this.db.plan.findMany({ where: { workspaceId }, orderBy: { id: 'desc' }, take: 50 });
  }

  /** The personas linked to a plan, in id order (only this workspace's). */
  async planPersonas(workspaceId: number, planId: number): Promise<Persona[]> {
    const links = await this.db.planPersona.findMany({
      where: { planId, persona: { workspaceId } },
      include: { persona: true },
      orderBy: { personaId: 'asc' },
    });
    return links.map((l) => l.persona);
  }

  /**
   * Applies an edit to a plan of this workspace (the persona links and the row in one transaction)
   * and records it; `fields` are the options the person gave, kept in the audit row.
   */
  async editPlan(ctx: Actor, plan: Plan, edit: PlanEdit, fields: readonly string[]): Promise<Plan> {
    const workspaceId = ctx.workspace.id;
    const data: Prisma.PlanUpdateInput = {};
    if (edit.name) data.name = edit.name;
    if (edit.targetMarket) data.targetMarket = edit.targetMarket;
    if (edit.targetSegment) data.targetSegment = edit.targetSegment;
    if (edit.bestMethod) data.bestMethod = edit.bestMethod;
    else if (edit.targetMarket && plan.targetMarket && plan.bestMethod.includes(plan.targetMarket)) {
      // The method's hook named the old market ("a live session for Dubai"): it follows the edit.
      data.bestMethod = plan.bestMethod.replaceAll(plan.targetMarket, edit.targetMarket).slice(0, 600);
    }
    if (edit.focusChannel) data.focusChannel = edit.focusChannel;
    const parts = planParts(plan);
    if (edit.focusChannel && edit.focusChannel !== plan.focusChannel && parts.timeline.length > 0) {
      // The timeline names the focus channel ("launch email marketing"): it follows the edit, in the
      // language it was written in.
      const weeks = Math.max(...parts.timeline.map((p) => p.toWeek));
      const locale = parts.timeline.some((p) => /\p{Script=Arabic}/u.test(p.focus)) ? 'ar' : 'en';
      data.timeline = timelineOn(edit.focusChannel, weeks, locale);
    }
    // Everything derived from the budget and the market follows them: the split, the funnel and
    // its targets, and the budget named in the reasoning.
    const budget = edit.budgetMinor ?? plan.budgetMinor;
    const market = edit.targetMarket || plan.targetMarket;
    const split = edit.budgetMinor !== undefined ? rescaleSplit(parts.split, budget, plan.currency) : parts.split;
    if (edit.budgetMinor !== undefined) {
      data.budgetMinor = budget;
      data.budgetSplit = split;
      // The reasoning names the budget in the language it was written in, whichever that was.
      data.reasoning = LOCALES.reduce(
        (text, l) =>
          text.replaceAll(
            formatPlanMoney(plan.budgetMinor, plan.currency, l),
            formatPlanMoney(budget, plan.currency, l),
          ),
        plan.reasoning,
      );
    }
    if ((edit.budgetMinor !== undefined || edit.targetMarket || edit.orderValueMinor) && split.length > 0) {
      const goal = (GOALS as readonly string[]).includes(plan.goal) ? (plan.goal as Goal) : undefined;
      if (goal) {
        const orderValue = edit.orderValueMinor ?? impliedOrderValue(parts.kpis, plan.currency);
        const kpis = planTargets(goal, split, plan.currency, market, orderValue);
        data.kpiTargets = kpis as unknown as Prisma.InputJsonValue;
        // What the order value says about paid ads follows the new figures (CPA, ROAS, the loss).
        if (goal === 'sales' && orderValue !== undefined) {
          data.reasoning = withOrderValueNote(
            typeof data.reasoning === 'string' ? data.reasoning : plan.reasoning,
            kpis,
            { goal, currency: plan.currency, market, orderValueMinor: orderValue },
          );
        }
      }
    }
    const { personaIds } = edit;
    const updated = await this.db.$transaction(async (tx) => {
      if (personaIds) {
        await tx.planPersona.deleteMany({ where: { planId: plan.id, plan: { workspaceId } } });
        await tx.planPersona.createMany({ data: personaIds.map((personaId) => ({ planId: plan.id, personaId })) });
      }
      return tx.plan.update({ where: { id: plan.id, workspaceId }, data });
    });
    await this.audit.record(ctx, 'plan.edit', String(plan.id), { fields: [...fields] });
    return updated;
  }

  async deletePlan(ctx: Actor, plan: Pick<Plan, 'id' | 'name'>): Promise<void> {
    await this.db.plan.deleteMany({ where: { id: plan.id, workspaceId: ctx.workspace.id } });
    await this.audit.record(ctx, 'plan.delete', String(plan.id), { name: plan.name });
  }
}

/** Reads a stored plan's JSON columns back into their shapes (tolerating older rows). */
export function planParts(plan: Plan): { split: SplitLine[]; kpis: KpiTarget[]; timeline: TimelinePhase[] } {
  const split = z.array(SplitLine).safeParse(plan.budgetSplit);
  // Target by target: one the planner does not know (a revenue goal set for reports) leaves the others shown.
  const kpis = (Array.isArray(plan.kpiTargets) ? plan.kpiTargets : []).flatMap((k) => {
    const one = KpiTarget.safeParse(k);
    return one.success ? [one.data] : [];
  });
  const timeline = z.array(TimelinePhase).safeParse(plan.timeline ?? []);
  return {
    split: split.success ? split.data : [],
    kpis,
    timeline: timeline.success ? timeline.data : [],
  };
}

/**
 * The idea's title and its hook as one line. A dash, not a colon, between them: the hook often holds
 * a colon of its own ("Search plus retargeting: Ready to buy? One search away: cold brew…" read as a
 * chain of labels); a title that ends a sentence itself is followed by a space only.
 */
export function bestMethodOf(title: string, hook: string): string {
  const joined = /[.?!؟:]$/.test(title.trim()) ? `${title.trim()} ${hook}` : `${title.trim()} — ${hook}`;
  return joined.slice(0, 600);
}
