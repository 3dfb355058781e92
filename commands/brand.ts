import { defineCommand, sub } from '../src/core/command.js';
import type { Context } from '../src/core/context.js';
import { UserError } from '../src/core/errors.js';
import { defineMessages, iso, type L10n } from '../src/core/i18n.js';
import { opt, required } from '../src/core/options.js';
import { fields, reply, text } from '../src/core/reply.js';
import { formatPlanMoney, toMinor } from '../src/lib/money.js';
import {
  type BrandField,
  type BrandProfile,
  BUSINESS_TYPE_LABELS,
  BUSINESS_TYPES,
  type BusinessType,
} from '../src/workspace/brand.js';
import { BrandInvalid } from '../src/workspace/brand-profiles.js';

const m = defineMessages(
  'brand',
  {
    title: 'Brand profile',
    empty:
      'No brand profile yet. Set one so plans, personas and drafts fit your business, e.g. /brand set name:"Qahwa" type:local market:"Riyadh" currency:SAR order_value:45',
    notSet: 'not set',
    saved: 'Brand profile saved. /brainstorm, /plan and /persona use it; a brief’s own options override it.',
    cleared: (p: { field: string }) => `${p.field} cleared from the brand profile.`,
    nothing:
      'Say what to set, e.g. /brand set name:"Qahwa" type:local market:"Riyadh" currency:SAR order_value:45 voice:"warm, plain"',
    invalid: (p: { fields: string }) => `The brand profile was not changed: check ${p.fields}.`,
    currencyNeedsOrder: (p: { value: string }) =>
      `The average order value (${p.value}) is in the old currency: give it again in the new one with order_value:… in the same command.`,
    howTo: 'Change it with /brand set key:value (several at once), remove a field with /brand clear key.',
  },
  {
    title: 'ملف العلامة التجارية',
    empty:
      'لا يوجد ملف للعلامة التجارية بعد. اضبطه لتناسب الخطط والشخصيات والمسودات نشاطك، مثل: /brand set name:"قهوة" type:local market:"الرياض" currency:SAR order_value:45',
    notSet: 'غير محدد',
    saved:
      'حُفظ ملف العلامة التجارية، وتستخدمه الأوامر /brainstorm و/plan و/persona؛ وما تكتبه في الطلب نفسه يتقدم عليه.',
    cleared: (p) => `حُذف حقل «${p.field}» من ملف العلامة التجارية.`,
    nothing:
      'حدد ما تريد ضبطه، مثل: /brand set name:"قهوة" type:local market:"الرياض" currency:SAR order_value:45 voice:"ودود وواضح"',
    invalid: (p) => `لم يتغير ملف العلامة التجارية: راجع ${p.fields}.`,
    currencyNeedsOrder: (p) =>
      `متوسط قيمة الطلب (${iso(p.value)}) مسجل بالعملة السابقة: أعد إدخاله بالعملة الجديدة في الأمر نفسه عبر ${iso('order_value:…')}.`,
    howTo:
      'عدّله بالأمر /brand set متبوعًا بالحقل وقيمته (مثل market:"الرياض"، ويمكن ضبط أكثر من حقل معًا)، واحذف حقلًا بالأمر /brand clear متبوعًا باسمه (مثل market).',
  },
);

/** Each field's option key (as typed after /brand set and /brand clear) and label. */
const FIELDS: Record<BrandField, { key: string; label: L10n }> = {
  name: { key: 'name', label: { en: 'Name', ar: 'الاسم' } },
  offer: { key: 'offer', label: { en: 'What it sells', ar: 'ما تبيعه' } },
  businessType: { key: 'type', label: { en: 'Business type', ar: 'نوع النشاط' } },
  market: { key: 'market', label: { en: 'Market', ar: 'السوق' } },
  currency: { key: 'currency', label: { en: 'Currency', ar: 'العملة' } },
  averageOrderMinor: { key: 'order_value', label: { en: 'Average order value', ar: 'متوسط قيمة الطلب' } },
  website: { key: 'website', label: { en: 'Website', ar: 'الموقع الإلكتروني' } },
  voice: { key: 'voice', label: { en: 'Voice', ar: 'نبرة الخطاب' } },
  wordsToAvoid: { key: 'avoid', label: { en: 'Words to avoid', ar: 'كلمات يُتجنب استخدامها' } },
  hashtags: { key: 'hashtags', label: { en: 'Default hashtags', ar: 'الوسوم الافتراضية' } },
  ctaLink: { key: 'cta', label: { en: 'Call-to-action link', ar: 'رابط الدعوة إلى الإجراء' } },
};
const FIELD_KEYS = Object.values(FIELDS).map((f) => f.key) as [string, ...string[]];

/** "cheap, guaranteed" or "#coffee #riyadh" -> the items, without '#' for hashtags. */
const items = (raw: string, hashtags = false) => [
  ...new Set(
    raw
      .split(hashtags ? /[\s,،]+/ : /[,،]/)
      .map((s) => (hashtags ? s.replace(/^#+/, '') : s).trim())
      .filter(Boolean),
  ),
];

function show(profile: BrandProfile, ctx: Context) {
  const t = ctx.t(m);
  const sep = ctx.locale === 'ar' ? '، ' : ', ';
  const value = (f: BrandField): string => {
    const v = profile[f];
    if (v === undefined) return t.notSet;
    if (f === 'businessType') return ctx.l(BUSINESS_TYPE_LABELS[v as BusinessType]);
    if (f === 'averageOrderMinor')
      return formatPlanMoney(v as number, profile.currency ?? ctx.workspace.currency, ctx.locale);
    if (f === 'hashtags') return (v as string[]).map((h) => `#${h}`).join(' ');
    if (Array.isArray(v)) return v.join(sep);
    return f === 'website' || f === 'ctaLink' || f === 'currency' ? iso(String(v)) : String(v);
  };
  const hasAny = Object.keys(profile).length > 0;
  return reply(t.title, [
    ...(hasAny ? [] : [text(t.empty)]),
    fields((Object.keys(FIELDS) as BrandField[]).map((f) => ({ label: ctx.l(FIELDS[f].label), value: value(f) }))),
    text(t.howTo),
  ]);
}

const textOpt = (label: L10n, description: L10n, maxLength: number) => opt.string({ label, description, maxLength });

export default defineCommand({
  name: 'brand',
  description: {
    en: 'The brand profile the planner, personas and drafts use',
    ar: 'ملف العلامة التجارية الذي تستخدمه الخطط والشخصيات والمسودات',
  },
  defaultSubcommand: 'show',
  subcommands: {
    show: sub({
      description: { en: 'Show the brand profile', ar: 'عرض ملف العلامة التجارية' },
      options: {},
      async handler(_input, ctx) {
        return show(await ctx.services.brand.get(ctx.workspace.id), ctx);
      },
    }),
    set: sub({
      description: { en: 'Set fields of the brand profile', ar: 'ضبط حقول ملف العلامة التجارية' },
      allow: ['manager'],
      examples: [
        {
          en: 'set name:"Qahwa" type:local market:"Riyadh" currency:SAR order_value:45',
          ar: 'set name:"قهوة" type:local market:"الرياض" currency:SAR order_value:45',
        },
        {
          en: 'set voice:"warm, plain" avoid:"cheap, guaranteed" hashtags:"#coffee #riyadh" cta:https://qahwa.example/order',
          ar: 'set voice:"ودود وبسيط" avoid:"رخيص، مضمون" hashtags:"#قهوة #الرياض" cta:https://qahwa.example/order',
        },
      ],
      options: {
        name: textOpt(FIELDS.name.label, { en: 'The brand name', ar: 'اسم العلامة التجارية' }, 80),
        offer: textOpt(FIELDS.offer.label, { en: 'What it sells, in a few words', ar: 'ما تبيعه في كلمات قليلة' }, 200),
        type: opt.choice(BUSINESS_TYPES, {
          label: FIELDS.businessType.label,
          description: {
            en: 'b2b, consumer, local, ngo, ecommerce or app',
            ar: 'b2b أو consumer أو local أو ngo أو ecommerce أو app',
          },
        }),
        market: textOpt(
          FIELDS.market.label,
          { en: 'Country, city or region', ar: 'الدولة أو المدينة أو المنطقة' },
          120,
        ),
        currency: opt.currency({
          label: FIELDS.currency.label,
          description: { en: 'ISO 4217 code such as SAR', ar: 'رمز ISO 4217 مثل SAR' },
        }),
        order_value: opt.number({
          label: FIELDS.averageOrderMinor.label,
          description: {
            en: 'Average order or deal value in major units',
            ar: 'متوسط قيمة الطلب أو الصفقة بالوحدات الكاملة',
          },
          min: 0.01,
          max: 1_000_000_000,
        }),
        website: opt.url({
          label: FIELDS.website.label,
          description: { en: 'The website address, https://…', ar: 'عنوان الموقع، يبدأ بـ https://' },
        }),
        voice: textOpt(FIELDS.voice.label, { en: 'How the brand speaks', ar: 'كيف تتحدث العلامة' }, 200),
        avoid: textOpt(
          FIELDS.wordsToAvoid.label,
          { en: 'Words never to use, separated by commas', ar: 'كلمات لا تُستخدم أبدًا، مفصولة بفواصل' },
          1000,
        ),
        hashtags: textOpt(FIELDS.hashtags.label, { en: 'Hashtags added by default', ar: 'وسوم تُضاف افتراضيًا' }, 1000),
        cta: opt.url({
          label: FIELDS.ctaLink.label,
          description: {
            en: 'Where posts send people, https://…',
            ar: 'الرابط الذي توجّه إليه المنشورات، يبدأ بـ https://',
          },
        }),
      },
      async handler(input, ctx) {
        const t = ctx.t(m);
        const before = await ctx.services.brand.get(ctx.workspace.id);
        const currency = input.currency ?? before.currency ?? ctx.workspace.currency;
        if (input.currency && input.order_value === undefined && before.averageOrderMinor !== undefined) {
          if (input.currency !== (before.currency ?? ctx.workspace.currency)) {
            const value = formatPlanMoney(
              before.averageOrderMinor,
              before.currency ?? ctx.workspace.currency,
              ctx.locale,
            );
            throw new UserError(t.currencyNeedsOrder({ value }));
          }
        }
        const patch: BrandProfile = {
          ...(input.name ? { name: input.name } : {}),
          ...(input.offer ? { offer: input.offer } : {}),
          ...(input.type ? { businessType: input.type } : {}),
          ...(input.market ? { market: input.market } : {}),
          ...(input.currency ? { currency: input.currency } : {}),
          // The amount is stored in minor units of the profile's currency, which is then fixed.
          ...(input.order_value !== undefined
            ? { averageOrderMinor: toMinor(input.order_value, currency), currency }
            : {}),
          ...(input.website ? { website: input.website } : {}),
          ...(input.voice ? { voice: input.voice } : {}),
          ...(input.avoid ? { wordsToAvoid: items(input.avoid) } : {}),
          ...(input.hashtags ? { hashtags: items(input.hashtags, true) } : {}),
          ...(input.cta ? { ctaLink: input.cta } : {}),
        };
        if (Object.keys(patch).length === 0) throw new UserError(t.nothing);
        try {
          const profile = await ctx.services.brand.set(ctx, patch);
          const shown = show(profile, ctx);
          return { ...shown, tone: 'success', blocks: [text(t.saved), ...shown.blocks] };
        } catch (e) {
          if (!(e instanceof BrandInvalid)) throw e;
          throw new UserError(t.invalid({ fields: e.fields.map((f) => FIELDS[f]?.key ?? f).join(', ') }));
        }
      },
    }),
    clear: sub({
      description: { en: 'Remove one field of the brand profile', ar: 'حذف حقل من ملف العلامة التجارية' },
      allow: ['manager'],
      examples: ['clear order_value', 'clear hashtags'],
      options: {
        field: required(
          opt.choice(FIELD_KEYS, {
            label: { en: 'Field', ar: 'الحقل' },
            description: { en: FIELD_KEYS.join(', '), ar: FIELD_KEYS.join('، ') },
            positional: true,
          }),
        ),
      },
      async handler({ field }, ctx) {
        const key = (Object.keys(FIELDS) as BrandField[]).find((f) => FIELDS[f].key === field) as BrandField;
        const profile = await ctx.services.brand.clear(ctx, key);
        const shown = show(profile, ctx);
        return {
          ...shown,
          tone: 'success',
          blocks: [text(ctx.t(m).cleared({ field: ctx.l(FIELDS[key].label) })), ...shown.blocks],
        };
      },
    }),
  },
});
