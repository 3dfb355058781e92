import { z } from 'zod';
import { action, defineCommand } from '../src/core/command.js';
import type { Context } from '../src/core/context.js';
import { UserError } from '../src/core/errors.js';
import { defineMessages, iso } from '../src/core/i18n.js';
import { opt, required } from '../src/core/options.js';
import { EXPENSIVE } from '../src/core/rate-limit.js';
import { actions, type Block, context, type Reply, reply, text } from '../src/core/reply.js';
import { formatPlanMoney } from '../src/lib/money.js';
import { type BrainstormResult, offlineExhausted, requestType } from '../src/planning/planner.js';
import { showPersona } from './persona.js';
import { showPlan } from './plan.js';
import {
  budgetOption,
  currencyOption,
  durationOption,
  fallbackNote,
  goalLabel,
  goalOption,
  ideaBlocks,
  orderValueOption,
  planningBrief,
  pm,
  productOption,
} from './shared/planning.js';

const m = defineMessages(
  'brainstorm',
  {
    title: (p: { n: number; product: string }) => `${p.n} campaign ideas for ${p.product}`,
    summary: (p: { goal: string; budget: string; weeks: string; market: string }) =>
      `Goal: ${p.goal} · Budget: ${p.budget} · ${p.weeks} · Market: ${p.market}`,
    anyMarket: 'not specified',
    save: (p: { n: number }) => `Save #${p.n} as plan`,
    more: 'More ideas',
    personas: 'Personas for this',
    gone: 'That brainstorm is no longer available in this workspace. Run /brainstorm again.',
    segmentFor: (p: { product: string }) => `customers of ${p.product}`,
    exhausted:
      'These are the last approaches the built-in planner has for this goal and audience; pressing More ideas again starts over.',
  },
  {
    title: (p) => `${iso(p.n)} أفكار حملات: ${iso(p.product)}`,
    summary: (p) => `الهدف: ${p.goal} · الميزانية: ${iso(p.budget)} · ${p.weeks} · السوق: ${p.market}`,
    anyMarket: 'غير محدد',
    save: (p) => `حفظ الفكرة ${iso(p.n)} كخطة`,
    more: 'أفكار أخرى',
    personas: 'شخصيات لهذه الحملة',
    gone: 'هذه الجلسة لم تعد متاحة في مساحة العمل هذه. شغّل /brainstorm مرة أخرى.',
    segmentFor: (p) => `عملاء ${iso(p.product)}`,
    exhausted:
      'هذه آخر الأساليب التي يملكها المخطط المدمج لهذا الهدف والجمهور؛ الضغط على «أفكار أخرى» مجددًا يبدأ من الأول.',
  },
);

/** Button payloads carry only the stored brainstorm's id (and an idea number); the rest is looked up. */
const BrainstormId = z
  .string()
  .regex(/^\d{1,12}$/)
  .transform(Number);
const IdeaRef = z
  .string()
  .regex(/^\d{1,12}:\d$/)
  .transform((s) => {
    const [id, idea] = s.split(':').map(Number);
    return { id: id as number, idea: idea as number };
  });

async function load(ctx: Context, id: number): Promise<BrainstormResult> {
  const found = await ctx.services.planner.findBrainstorm(ctx.workspace.id, id);
  if (!found) throw new UserError(ctx.t(m).gone);
  return found;
}

function render(result: BrainstormResult, ctx: Context, note?: string): Reply {
  const t = ctx.t(m);
  const r = result.request;
  const blocks: Block[] = [
    text(
      t.summary({
        goal: goalLabel(r.goal, ctx),
        budget: formatPlanMoney(r.budgetMinor, r.currency, ctx.locale),
        weeks: ctx.t(pm).weeks({ n: r.weeks }),
        market: r.market || t.anyMarket,
      }),
    ),
  ];
  result.ideas.forEach((idea, i) => {
    blocks.push(...ideaBlocks(idea, i + 1, r.budgetMinor, r.currency, ctx, requestType(r)));
  });
  blocks.push(fallbackNote(result.source, result.fallback, ctx));
  if (note) blocks.push(context(note));
  blocks.push(
    actions([
      ...result.ideas.map((_, i) => ({
        id: 'brainstorm.save',
        label: t.save({ n: i + 1 }),
        payload: `${result.id}:${i}`,
        ...(i === 0 ? { style: 'primary' as const } : {}),
      })),
      { id: 'brainstorm.more', label: t.more, payload: String(result.id) },
      { id: 'brainstorm.personas', label: t.personas, payload: String(result.id) },
    ]),
  );
  return reply(t.title({ n: result.ideas.length, product: r.product }), blocks);
}

export default defineCommand({
  name: 'brainstorm',
  description: {
    en: 'Campaign ideas with a budget split and KPI targets',
    ar: 'أفكار حملات مع توزيع الميزانية ومستهدفات الأداء',
  },
  slow: true,
  limit: EXPENSIVE,
  examples: [
    {
      en: 'product:"cold brew coffee" goal:awareness budget:2000',
      ar: 'product:"قهوة باردة" goal:وعي budget:2000',
    },
    {
      en: 'product:"HR software for clinics" goal:leads budget:5000 currency:USD duration:6w market:"Saudi Arabia"',
      ar: 'product:"برنامج موارد بشرية للعيادات" goal:leads budget:5000 currency:USD duration:6w market:"السعودية"',
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
      label: { en: 'Market', ar: 'السوق' },
      description: {
        en: 'Who and where, e.g. "young professionals in Dubai"',
        ar: 'من وأين، مثل "الشباب العاملون في دبي"',
      },
    }),
  },
  async handler(input, ctx) {
    const { request, hint } = await planningBrief(input, ctx);
    return render(await ctx.services.planner.brainstorm(ctx, request), ctx, hint);
  },
  actions: {
    save: action({
      payload: IdeaRef,
      async handler({ id, idea }, ctx) {
        const found = await load(ctx, id);
        const chosen = found.ideas[idea];
        if (!chosen) throw new UserError(ctx.t(m).gone);
        const input = ctx.services.planner.planFromIdea(chosen, found.request, found.source, ctx.now());
        const plan = await ctx.services.planner.savePlan(ctx, input);
        return showPlan(plan, ctx, true);
      },
    }),
    more: action({
      payload: BrainstormId,
      async handler(id, ctx) {
        const found = await load(ctx, id);
        const request = { ...found.request, seed: found.request.seed + 1, locale: ctx.locale };
        const result = await ctx.services.planner.brainstorm(ctx, request);
        // The built-in planner pages through its catalog; say when it has shown everything.
        const exhausted = result.source === 'offline' && offlineExhausted(request);
        return render(result, ctx, exhausted ? ctx.t(m).exhausted : undefined);
      },
    }),
    personas: action({
      payload: BrainstormId,
      async handler(id, ctx) {
        const { request } = await load(ctx, id);
        const created = await ctx.services.personas.create(ctx, {
          segment: request.market || ctx.t(m).segmentFor({ product: request.product }),
          product: request.product,
          market: request.market,
          locale: ctx.locale,
          seed: 0,
          ...(request.businessTypeFrom === 'brand' ? { businessType: request.businessType } : {}),
        });
        return showPersona(created, ctx, true);
      },
    }),
  },
});
