import { defineCommand, sub } from '../src/core/command.js';
import type { Context } from '../src/core/context.js';
import { UserError } from '../src/core/errors.js';
import { defineMessages, iso, isoIn } from '../src/core/i18n.js';
import { opt, required } from '../src/core/options.js';
import { EXPENSIVE } from '../src/core/rate-limit.js';
import { type Block, context, type Reply, reply, table, text } from '../src/core/reply.js';
import { type CreatedPersona, type Persona, personaData } from '../src/planning/personas.js';
import { fallbackNote, idOption, personaBlocks } from './shared/planning.js';

const m = defineMessages(
  'persona',
  {
    title: (p: { id: number; name: string }) => `Persona #${p.id}: ${p.name}`,
    saved: (p: { id: number }) =>
      `Saved as persona #${p.id}. To link it to a plan, type /plan edit, the plan's number, then personas:${p.id} (/plan list shows the numbers).`,
    listTitle: 'Personas',
    empty: 'No personas yet. Create one with /persona create "segment description".',
    number: '#',
    name: 'Name',
    segment: 'Segment',
    notFound: (p: { id: number }) => `There is no persona #${p.id} in this workspace. /persona list shows them.`,
    deleted: (p: { id: number; name: string }) => `Persona #${p.id} (${p.name}) deleted.`,
    replacedGender: (p: { said: 'm' | 'f' }) =>
      `The AI model described a ${p.said === 'm' ? 'man' : 'woman'}, but the segment's words say a ${p.said === 'm' ? 'woman' : 'man'}: this is the built-in planner's persona instead.`,
    replacedConsumer:
      "The AI model described a consumer, but the segment is buyers at work: this is the built-in planner's business persona instead.",
  },
  {
    title: (p) => `الشخصية ${iso(`#${p.id}`)}: ${p.name}`,
    saved: (p) =>
      `حُفظت كشخصية رقم ${iso(p.id)}. اربطها بخطة بالأمر ${iso('/plan edit')} متبوعًا برقم الخطة ثم ${iso(`personas:${p.id}`)} (يعرض الأمر ${iso('/plan list')} أرقام الخطط).`,
    listTitle: 'الشخصيات',
    empty: 'لا توجد شخصيات بعد. أنشئ واحدة بالأمر /persona create "وصف الشريحة".',
    number: '#',
    name: 'الاسم',
    segment: 'الشريحة',
    notFound: (p) => `لا توجد شخصية رقم ${iso(p.id)} في مساحة العمل هذه. اعرضها بالأمر /persona list.`,
    deleted: (p) => `حُذفت الشخصية رقم ${iso(p.id)} (${p.name}).`,
    replacedGender: (p) =>
      p.said === 'm'
        ? 'وصف نموذج الذكاء الاصطناعي رجلًا، لكن كلمات الشريحة تدل على امرأة: هذه شخصية المخطط المدمج بدلًا منها.'
        : 'وصف نموذج الذكاء الاصطناعي امرأة، لكن كلمات الشريحة تدل على رجل: هذه شخصية المخطط المدمج بدلًا منها.',
    replacedConsumer:
      'وصف نموذج الذكاء الاصطناعي مستهلكًا فرديًا، لكن الشريحة مشترون في الشركات: هذه شخصية المخطط المدمج لمشترٍ من الشركات بدلًا منها.',
  },
);

async function findPersona(ctx: Context, id: number): Promise<Persona> {
  const persona = await ctx.services.personas.find(ctx.workspace.id, id);
  if (!persona) throw new UserError(ctx.t(m).notFound({ id }));
  return persona;
}

function card(persona: Persona, ctx: Context, lead: Block[] = [], tail: Block[] = []): Reply {
  return reply(ctx.t(m).title({ id: persona.id, name: persona.name }), [
    ...lead,
    ...personaBlocks(personaData(persona), persona, ctx),
    ...tail,
  ]);
}

/** A freshly created persona, with the note saying whether the model or the offline rules wrote it. */
export function showPersona(created: CreatedPersona, ctx: Context, saved: boolean): Reply {
  const t = ctx.t(m);
  const { replaced } = created;
  const note = replaced
    ? context(replaced.kind === 'gender' ? t.replacedGender({ said: replaced.said }) : t.replacedConsumer)
    : fallbackNote(created.source, created.fallback, ctx);
  const r = card(created.persona, ctx, saved ? [text(t.saved({ id: created.persona.id }))] : [], [note]);
  return { ...r, tone: 'success' };
}

const personaId = () => required(idOption());

export default defineCommand({
  name: 'persona',
  description: { en: 'Buyer personas for your customer segments', ar: 'شخصيات المشترين لشرائح عملائك' },
  defaultSubcommand: 'list',
  subcommands: {
    create: sub({
      description: { en: 'Build a persona from a segment description', ar: 'بناء شخصية من وصف شريحة العملاء' },
      slow: true,
      limit: EXPENSIVE,
      examples: [
        {
          en: 'create busy parents in Jeddah who order groceries online',
          ar: 'create آباء وأمهات مشغولون في جدة يطلبون البقالة عبر الإنترنت',
        },
        {
          en: 'create "HR managers at clinics" name:"Clinic Huda"',
          ar: 'create "مديرو الموارد البشرية في العيادات" name:"هدى من العيادة"',
        },
      ],
      options: {
        segment: required(
          opt.text({
            label: { en: 'Segment', ar: 'الشريحة' },
            description: { en: 'Who they are, in your words', ar: 'من هم، بكلماتك' },
            positional: true,
            greedy: true,
            maxLength: 500,
          }),
        ),
        product: opt.string({
          label: { en: 'Product', ar: 'المنتج' },
          description: { en: 'What you sell to them', ar: 'ما تبيعه لهم' },
        }),
        market: opt.string({
          label: { en: 'Market', ar: 'السوق' },
          description: { en: 'Where they are', ar: 'أين هم' },
        }),
        name: opt.string({
          label: { en: 'Name', ar: 'الاسم' },
          description: { en: 'Your own name for the persona', ar: 'اسم تختاره للشخصية' },
          maxLength: 80,
        }),
      },
      async handler(input, ctx) {
        // The brand profile fills in what the command leaves out; the command's options win.
        const brand = await ctx.services.brand.get(ctx.workspace.id);
        const created = await ctx.services.personas.create(
          ctx,
          {
            segment: input.segment,
            product: input.product ?? brand.offer ?? '',
            market: input.market ?? brand.market ?? '',
            locale: ctx.locale,
            seed: 0,
            ...(brand.businessType ? { businessType: brand.businessType } : {}),
          },
          input.name,
        );
        return showPersona(created, ctx, true);
      },
    }),
    list: sub({
      description: { en: 'List the personas', ar: 'عرض قائمة الشخصيات' },
      options: {},
      async handler(_input, ctx) {
        const t = ctx.t(m);
        const personas = await ctx.services.personas.list(ctx.workspace.id);
        if (personas.length === 0) return reply(t.listTitle, [text(t.empty)]);
        return reply(t.listTitle, [
          table(
            [t.number, t.name, t.segment],
            personas.map((p) => [isoIn(String(p.id), ctx.locale), p.name, p.segment]),
          ),
        ]);
      },
    }),
    show: sub({
      description: { en: 'Show one persona', ar: 'عرض شخصية واحدة' },
      examples: ['show 1'],
      options: { id: personaId() },
      async handler({ id }, ctx) {
        return card(await findPersona(ctx, id), ctx);
      },
    }),
    delete: sub({
      description: { en: 'Delete a persona', ar: 'حذف شخصية' },
      allow: ['manager'],
      examples: ['delete 1'],
      options: { id: personaId() },
      async handler({ id }, ctx) {
        const persona = await findPersona(ctx, id);
        await ctx.services.personas.remove(ctx, persona.id);
        return reply(undefined, [text(ctx.t(m).deleted({ id: persona.id, name: persona.name }))], {
          tone: 'success',
        });
      },
    }),
  },
});
