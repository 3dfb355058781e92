import { defineCommand, sub } from '../src/core/command.js';
import type { Context } from '../src/core/context.js';
import { UserError } from '../src/core/errors.js';
import { defineMessages, iso, isoIn } from '../src/core/i18n.js';
import { opt, required } from '../src/core/options.js';
import { EXPENSIVE } from '../src/core/rate-limit.js';
import { type Block, context, list, type Reply, reply, table, text } from '../src/core/reply.js';
import { formatPlanMoney } from '../src/lib/money.js';
import { KPI_LABELS } from '../src/planning/catalog.js';
import { businessTypeOf, CHANNELS, type Channel, type Plan, planParts } from '../src/planning/planner.js';
import { channelLabel as networkLabel } from '../src/reporting/channel-names.js';
import {
  budgetMinor,
  budgetOption,
  channelLabel,
  currencyOption,
  durationOption,
  fallbackNote,
  goalLabel,
  goalOption,
  idOption,
  idsOption,
  kpiValue,
  orderValueOption,
  planBlocks,
  planningBrief,
  pm,
  productOption,
} from './shared/planning.js';

const m = defineMessages(
  'plan',
  {
    title: (p: { id: number; name: string }) => `Plan #${p.id}: ${p.name}`,
    saved: (p: { id: number }) => `Saved as plan #${p.id}. See it again with /plan show ${p.id}.`,
    listTitle: 'Marketing plans',
    empty: 'No plans yet. Create one with /plan create, or save an idea from /brainstorm.',
    number: '#',
    name: 'Name',
    goal: 'Goal',
    budget: 'Budget',
    focus: 'Focus',
    notFound: (p: { id: number }) => `There is no plan #${p.id} in this workspace. /plan list shows them.`,
    updated: (p: { id: number }) => `Plan #${p.id} updated.`,
    nothingToEdit:
      'Say what to change, e.g. /plan edit 3 budget:8000, focus:email, market:"…", segment:"…", method:"…", personas:1,2 or name:"…".',
    focusNotInSplit: (p: { channels: string }) =>
      `The focus channel must be one the budget is split across: ${p.channels}.`,
    deleted: (p: { id: number; name: string }) => `Plan #${p.id} (${p.name}) deleted.`,
    unknownPersonas: (p: { ids: string }) => `These personas do not exist in this workspace: ${p.ids}.`,
  },
  {
    title: (p) => `الخطة ${iso(`#${p.id}`)}: ${p.name}`,
    saved: (p) => `حُفظت كخطة رقم ${iso(p.id)}. اعرضها مجددًا بالأمر ${iso(`/plan show ${p.id}`)}.`,
    listTitle: 'خطط التسويق',
    empty: 'لا توجد خطط بعد. أنشئ واحدة بالأمر /plan create أو احفظ فكرة من /brainstorm.',
    number: '#',
    name: 'الاسم',
    goal: 'الهدف',
    budget: 'الميزانية',
    focus: 'القناة الرئيسية',
    notFound: (p) => `لا توجد خطة رقم ${iso(p.id)} في مساحة العمل هذه. اعرض الخطط بالأمر /plan list.`,
    updated: (p) => `تم تحديث الخطة رقم ${iso(p.id)}.`,
    nothingToEdit:
      'حدد ما تريد تغييره، مثل: /plan edit 3 budget:8000 أو focus:email أو market:"…" أو segment:"…" أو method:"…" أو personas:1,2 أو name:"…".',
    focusNotInSplit: (p) => `يجب أن تكون القناة الرئيسية من القنوات الموزعة عليها الميزانية: ${p.channels}.`,
    deleted: (p) => `حُذفت الخطة رقم ${iso(p.id)} (${p.name}).`,
    unknownPersonas: (p) => `هذه الشخصيات غير موجودة في مساحة العمل: ${iso(p.ids)}.`,
  },
);

async function findPlan(ctx: Context, id: number): Promise<Plan> {
  const plan = await ctx.services.planner.findPlan(ctx.workspace.id, id);
  if (!plan) throw new UserError(ctx.t(m).notFound({ id }));
  return plan;
}

/** Persona ids that exist in this workspace, or a clear error naming the ones that do not. */
async function checkPersonas(ctx: Context, ids: readonly number[]): Promise<number[]> {
  const found = await ctx.services.personas.byIds(ctx.workspace.id, ids);
  const missing = ids.filter((id) => !found.some((p) => p.id === id));
  if (missing.length > 0) throw new UserError(ctx.t(m).unknownPersonas({ ids: missing.join(', ') }));
  return [...ids];
}

/** A plan as a reply; `saved` adds the "saved as plan #n" line (after create or a button). */
export async function showPlan(plan: Plan, ctx: Context, saved = false): Promise<Reply> {
  const t = ctx.t(m);
  const blocks: Block[] = [];
  if (saved) blocks.push(text(t.saved({ id: plan.id })));
  // The business type the plan was made for: the brand's, else read from the plan's words.
  const type =
    (await ctx.services.brand.get(ctx.workspace.id)).businessType ?? businessTypeOf(plan.product, plan.targetMarket);
  blocks.push(...planBlocks(plan, await ctx.services.planner.planPersonas(ctx.workspace.id, plan.id), ctx, type));
  return reply(t.title({ id: plan.id, name: plan.name }), blocks, saved ? { tone: 'success' } : {});
}

const planId = () => required(idOption());

/** The budget, split lines and targets an edit changed, as "Leads: 22 -> 14". */
function whatChanged(before: Plan, after: Plan, ctx: Context): string[] {
  const p = ctx.t(pm);
  const out: string[] = [];
  const line = (what: string, a: string, b: string) => {
    if (a !== b) out.push(p.changed({ what, before: a, after: b }));
  };
  line(
    p.budget,
    formatPlanMoney(before.budgetMinor, before.currency, ctx.locale),
    formatPlanMoney(after.budgetMinor, after.currency, ctx.locale),
  );
  line(p.market, before.targetMarket || p.none, after.targetMarket || p.none);
  line(p.method, before.bestMethod, after.bestMethod);
  const old = planParts(before);
  const now = planParts(after);
  for (const l of now.split) {
    const was = old.split.find((o) => o.channel === l.channel);
    if (was)
      line(
        channelLabel(l.channel, ctx.locale),
        formatPlanMoney(was.amountMinor, before.currency, ctx.locale),
        formatPlanMoney(l.amountMinor, after.currency, ctx.locale),
      );
  }
  const none = p.none;
  for (const kpi of new Set([...old.kpis, ...now.kpis].map((k) => k.kpi))) {
    const a = old.kpis.find((k) => k.kpi === kpi);
    const b = now.kpis.find((k) => k.kpi === kpi);
    line(
      KPI_LABELS[kpi][ctx.locale],
      a ? kpiValue(a, before.currency, ctx) : none,
      b ? kpiValue(b, after.currency, ctx) : none,
    );
  }
  return out;
}

export default defineCommand({
  name: 'plan',
  description: {
    en: 'Create, list, show, edit or delete marketing plans',
    ar: 'إنشاء خطط التسويق وعرضها وتعديلها وحذفها',
  },
  defaultSubcommand: 'list',
  subcommands: {
    create: sub({
      description: { en: 'Build a plan for a product, goal and budget', ar: 'بناء خطة لمنتج وهدف وميزانية' },
      slow: true,
      limit: EXPENSIVE,
      examples: [
        {
          en: 'create product:"cold brew" goal:sales budget:3000 duration:6w market:"Riyadh" personas:1',
          ar: 'create product:"قهوة باردة" goal:sales budget:3000 duration:6w market:"الرياض" personas:1',
        },
      ],
      options: {
        product: productOption(),
        goal: required(goalOption()),
        budget: required(budgetOption()),
        currency: currencyOption(),
        duration: durationOption(),
        order_value: orderValueOption(),
        market: opt.string({
          label: { en: 'Target market', ar: 'السوق المستهدف' },
          description: { en: 'Who and where', ar: 'من وأين' },
        }),
        segment: opt.string({
          label: { en: 'Target segment', ar: 'الشريحة المستهدفة' },
          description: { en: 'The customer segment this plan serves', ar: 'شريحة العملاء التي تخدمها الخطة' },
          maxLength: 500,
        }),
        personas: idsOption(),
        name: opt.string({
          label: { en: 'Name', ar: 'الاسم' },
          description: { en: 'A name for the plan', ar: 'اسم للخطة' },
          maxLength: 120,
        }),
      },
      async handler(input, ctx) {
        const personaIds = input.personas ? await checkPersonas(ctx, input.personas) : [];
        const { request, hint } = await planningBrief(input, ctx);
        const planner = ctx.services.planner;
        const generated = await planner.generate(request);
        // The first idea is the strongest approach for the goal and audience (the rules rank them).
        const best = generated.ideas[0];
        if (!best) throw new Error('the planner returned no ideas');
        const plan = await planner.savePlan(
          ctx,
          planner.planFromIdea(best, request, generated.source, ctx.now(), {
            ...(input.name ? { name: input.name } : {}),
            ...(input.segment ? { segment: input.segment } : {}),
          }),
          personaIds,
        );
        const shown = await showPlan(plan, ctx, true);
        const notes = [fallbackNote(generated.source, generated.fallback, ctx), ...(hint ? [context(hint)] : [])];
        return { ...shown, blocks: [...shown.blocks, ...notes] };
      },
    }),
    list: sub({
      description: { en: 'List the plans', ar: 'عرض قائمة الخطط' },
      options: {},
      async handler(_input, ctx) {
        const t = ctx.t(m);
        const plans = await ctx.services.planner.listPlans(ctx.workspace.id);
        if (plans.length === 0) return reply(t.listTitle, [text(t.empty)]);
        return reply(t.listTitle, [
          table(
            [t.number, t.name, t.goal, t.budget, t.focus],
            plans.map((p) => [
              isoIn(String(p.id), ctx.locale),
              p.name,
              goalLabel(p.goal, ctx),
              formatPlanMoney(p.budgetMinor, p.currency, ctx.locale),
              // A plan saved from a report (the demo's) may focus a network rather than a planning channel.
              (CHANNELS as readonly string[]).includes(p.focusChannel)
                ? channelLabel(p.focusChannel as Channel, ctx.locale)
                : networkLabel(p.focusChannel, ctx.locale),
            ]),
          ),
        ]);
      },
    }),
    show: sub({
      description: { en: 'Show one plan', ar: 'عرض خطة واحدة' },
      examples: ['show 1'],
      options: { id: planId() },
      async handler({ id }, ctx) {
        return showPlan(await findPlan(ctx, id), ctx);
      },
    }),
    edit: sub({
      description: { en: 'Change a plan', ar: 'تعديل خطة' },
      examples: [
        'edit 1 budget:8000',
        { en: 'edit 1 focus:email market:"Jeddah"', ar: 'edit 1 focus:email market:"جدة"' },
      ],
      options: {
        id: planId(),
        name: opt.string({
          label: { en: 'Name', ar: 'الاسم' },
          description: { en: 'A new name', ar: 'اسم جديد' },
          maxLength: 120,
        }),
        market: opt.string({
          label: { en: 'Target market', ar: 'السوق المستهدف' },
          description: { en: 'Who and where', ar: 'من وأين' },
        }),
        segment: opt.string({
          label: { en: 'Target segment', ar: 'الشريحة المستهدفة' },
          description: { en: 'The customer segment', ar: 'شريحة العملاء' },
          maxLength: 500,
        }),
        method: opt.string({
          label: { en: 'Best method', ar: 'أفضل أسلوب' },
          description: { en: 'The approach in a sentence', ar: 'الأسلوب في جملة' },
          maxLength: 600,
        }),
        focus: opt.choice(CHANNELS, {
          label: { en: 'Focus channel', ar: 'القناة الرئيسية' },
          description: { en: 'One of the channels in the split', ar: 'إحدى القنوات في توزيع الميزانية' },
        }),
        budget: budgetOption(),
        order_value: orderValueOption(),
        personas: idsOption(),
      },
      async handler(input, ctx) {
        const t = ctx.t(m);
        const plan = await findPlan(ctx, input.id);
        const { id: _id, ...changes } = input;
        if (Object.values(changes).every((v) => v === undefined)) throw new UserError(t.nothingToEdit);
        const { split } = planParts(plan);
        if (input.focus && !split.some((l) => l.channel === input.focus)) {
          throw new UserError(
            t.focusNotInSplit({ channels: split.map((l) => channelLabel(l.channel, ctx.locale)).join(', ') }),
          );
        }
        const updated = await ctx.services.planner.editPlan(
          ctx,
          plan,
          {
            name: input.name,
            targetMarket: input.market,
            targetSegment: input.segment,
            bestMethod: input.method,
            focusChannel: input.focus,
            // Same proportions, new total (the planner rescales the split).
            budgetMinor: input.budget === undefined ? undefined : budgetMinor(input.budget, plan.currency),
            personaIds: input.personas ? await checkPersonas(ctx, input.personas) : undefined,
            orderValueMinor:
              input.order_value === undefined ? undefined : budgetMinor(input.order_value, plan.currency),
          },
          Object.keys(changes).filter((k) => changes[k as keyof typeof changes] !== undefined),
        );
        const shown = await showPlan(updated, ctx);
        const changed = whatChanged(plan, updated, ctx);
        return {
          ...shown,
          tone: 'success',
          blocks: [
            context(t.updated({ id: plan.id })),
            ...(changed.length > 0 ? [text(ctx.t(pm).changes), list(changed)] : []),
            ...shown.blocks,
          ],
        };
      },
    }),
    delete: sub({
      description: { en: 'Delete a plan', ar: 'حذف خطة' },
      allow: ['manager'],
      examples: ['delete 1'],
      options: { id: planId() },
      async handler({ id }, ctx) {
        const plan = await findPlan(ctx, id);
        await ctx.services.planner.deletePlan(ctx, plan);
        return reply(undefined, [text(ctx.t(m).deleted({ id: plan.id, name: plan.name }))], { tone: 'success' });
      },
    }),
  },
});
