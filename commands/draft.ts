import { z } from 'zod';
import { action, defineCommand } from '../src/core/command.js';
import type { Context } from '../src/core/context.js';
import { UserError } from '../src/core/errors.js';
import { defineMessages, formatNumber, iso, isoIn } from '../src/core/i18n.js';
import { type OptionSpec, opt, required, stripBidi } from '../src/core/options.js';
import { actions, type Block, context, type Form, fields, reply, text } from '../src/core/reply.js';
import { arabicChoice } from '../src/lib/arabic-values.js';
import type { FallbackReason } from '../src/lib/llm.js';
import { nounAfter } from '../src/lib/plural.js';
import {
  CHANNEL_RULES,
  composeText,
  DRAFT_CHANNELS,
  type DraftChannel,
  length,
  TONES,
} from '../src/publishing/drafts/channels.js';
import { splitKeywords } from '../src/publishing/drafts/copy-text.js';
import { LLM_WRITER_NAME } from '../src/publishing/drafts/llm-writer.js';
import type { WritingTone } from '../src/publishing/drafts/phrasebook.js';
import type { WrittenDraft } from '../src/publishing/drafts/service.js';
import type { TopicKind } from '../src/publishing/drafts/topic.js';
import { channelLabel } from '../src/reporting/channel-names.js';
import { brandOf } from '../src/workspace/brand.js';
import { loadDraft, type StoredDraft, type StoredPost, scheduleDraftLine } from './shared/drafts.js';
import { scheduleDraft } from './shared/scheduling.js';

/** "2,200" as shown back to the number it is. */
const numberIn = (shown: string): number => Number(shown.replace(/[^\d]/g, ''));

const m = defineMessages(
  'draft',
  {
    title: (p: { channel: string }) => `${p.channel} draft`,
    groupTitle: (p: { channels: string }) => `Drafts for ${p.channels}`,
    videoTitle: 'Video title',
    subject: 'Subject line',
    preview: 'Preview text',
    tags: 'Tags',
    size: (p: { used: string; max: string }) => `${p.used}/${p.max} ${nounAfter(numberIn(p.max), 'character', 'en')}`,
    bytes: (p: { used: string; max: string }) => `${p.used}/${p.max} bytes`,
    hashtags: (p: { used: number; max: number }) => `${p.used}/${p.max} ${nounAfter(p.max, 'hashtag', 'en')}`,
    writtenBy: (p: { llm: boolean }): string =>
      p.llm ? 'written by the AI model' : 'written by the built-in copywriter',
    readAs: (p: { kind: string; tone: string }) => `Read as ${p.kind}, written in a ${p.tone} tone`,
    urgentRefused: (p: { kind: string }) =>
      `Urgency is for offers and events; this topic reads as ${p.kind}, so the draft is not written as urgent.`,
    fromLlm: 'Written by the AI model; length, hashtags and titles checked against the channel’s rules by the bot.',
    fallbackTimeout: 'The AI model did not answer in time, so this draft comes from the built-in templates.',
    fallbackMalformed: 'The AI model gave an unusable answer, so this draft comes from the built-in templates.',
    fallbackUnavailable: 'The AI model was unavailable, so this draft comes from the built-in templates.',
    fallbackRefused: 'The AI model declined to answer, so this draft comes from the built-in templates.',
    schedule: 'Schedule this',
    scheduleAll: 'Schedule everywhere',
    formTitle: 'Schedule the draft',
    formSubmit: 'Schedule',
    when: 'When',
    media: 'Picture or video (https://…)',
    scheduleIntro: 'The draft is scheduled exactly as written: say when.',
    mediaHint: (p: { channel: string }) => `${p.channel} needs a picture or video: add media:https://… to the line.`,
    gone: 'That draft is no longer available. Run /draft again.',
    needChannel: 'Say which network: channel:instagram, or channels:instagram,facebook for several.',
    kind_offer: 'an offer',
    kind_event: 'an event',
    kind_launch: 'a launch',
    kind_howto: 'a how-to',
    kind_news: 'news',
    kind_question: 'a question',
    kind_newsletter: 'a newsletter issue',
    kind_hiring: 'a job opening',
    tone_friendly: 'friendly',
    tone_formal: 'formal',
    tone_playful: 'playful',
    tone_urgent: 'urgent',
    tone_inspirational: 'inspirational',
  },
  {
    title: (p) => `مسودة ${iso(p.channel)}`,
    groupTitle: (p) => `مسودات ${iso(p.channels)}`,
    videoTitle: 'عنوان الفيديو',
    subject: 'سطر الموضوع',
    preview: 'نص المعاينة',
    tags: 'الوسوم النصية',
    size: (p) => `${iso(`${p.used}/${p.max}`)} ${nounAfter(numberIn(p.max), 'character', 'ar')}`,
    bytes: (p) => `${iso(`${p.used}/${p.max}`)} بايت`,
    hashtags: (p) => `${iso(`${p.used}/${p.max}`)} ${nounAfter(p.max, 'hashtag', 'ar')}`,
    writtenBy: (p) => (p.llm ? 'كتبها نموذج الذكاء الاصطناعي' : 'كتبها كاتب المحتوى المدمج'),
    readAs: (p) => `فُهم الموضوع على أنه ${p.kind}، وكُتبت المسودة بنبرة ${p.tone}`,
    urgentRefused: (p) =>
      `النبرة العاجلة للعروض والفعاليات فقط؛ هذا الموضوع ${p.kind}، لذلك لم تُكتب المسودة بنبرة عاجلة.`,
    fromLlm: 'كتبها نموذج الذكاء الاصطناعي؛ وتحقق البوت من الطول والوسوم والعناوين وفق قواعد القناة.',
    fallbackTimeout: 'لم يُجب نموذج الذكاء الاصطناعي في الوقت المحدد، لذا جاءت المسودة من القوالب المدمجة.',
    fallbackMalformed: 'أعطى نموذج الذكاء الاصطناعي إجابة غير صالحة، لذا جاءت المسودة من القوالب المدمجة.',
    fallbackUnavailable: 'نموذج الذكاء الاصطناعي غير متاح، لذا جاءت المسودة من القوالب المدمجة.',
    fallbackRefused: 'رفض نموذج الذكاء الاصطناعي الإجابة، لذا جاءت المسودة من القوالب المدمجة.',
    schedule: 'جدولة هذا المنشور',
    scheduleAll: 'الجدولة على كل الشبكات',
    formTitle: 'جدولة المسودة',
    formSubmit: 'جدولة',
    when: 'متى',
    media: 'صورة أو فيديو (https://…)',
    scheduleIntro: 'تُجدول المسودة كما كُتبت تمامًا: حدّد الوقت فقط.',
    mediaHint: (p) => `يحتاج ${iso(p.channel)} إلى صورة أو فيديو: أضف media:https://… إلى السطر.`,
    gone: 'هذه المسودة لم تعد متاحة. شغّل /draft مرة أخرى.',
    needChannel: 'حدّد الشبكة: channel:instagram، أو channels:instagram,facebook لأكثر من شبكة.',
    kind_offer: 'عرض',
    kind_event: 'فعالية',
    kind_launch: 'إطلاق جديد',
    kind_howto: 'دليل أو نصيحة',
    kind_news: 'خبر',
    kind_question: 'سؤال للجمهور',
    kind_newsletter: 'عدد من النشرة البريدية',
    kind_hiring: 'إعلان وظيفة',
    tone_friendly: 'ودية',
    tone_formal: 'رسمية',
    tone_playful: 'مرحة',
    tone_urgent: 'عاجلة',
    tone_inspirational: 'ملهمة',
  },
);

/** The network's name as the reader says it (one table with reports and the schedule). */
const channelName = (c: DraftChannel, ctx: Context): string => isoIn(channelLabel(c, ctx.locale), ctx.locale);

const kindName = (kind: TopicKind, ctx: Context): string => ctx.t(m)[`kind_${kind}`];
const toneName = (tone: WritingTone, ctx: Context): string => ctx.t(m)[`tone_${tone}`];

/** Says who wrote the draft, and why the templates did when a model is configured but failed. */
function sourceNote(w: WrittenDraft, ctx: Context): Block | undefined {
  const t = ctx.t(m);
  if (w.fallback === undefined) return w.writer === LLM_WRITER_NAME ? context(t.fromLlm) : undefined;
  const byReason: Record<FallbackReason, string | undefined> = {
    'no-key': undefined,
    timeout: t.fallbackTimeout,
    malformed: t.fallbackMalformed,
    unavailable: t.fallbackUnavailable,
    refused: t.fallbackRefused,
  };
  const note = byReason[w.fallback];
  return note ? context(note) : undefined;
}

/** One network's preview: its head fields, the text as it will be published, and its sizes. */
function preview(w: WrittenDraft, ctx: Context, named: boolean): Block[] {
  const d = w.draft;
  const t = ctx.t(m);
  const rules = CHANNEL_RULES[d.channel];
  const body = composeText(d);
  const num = (n: number) => formatNumber(n, ctx.locale);
  const blocks: Block[] = [];
  if (named) blocks.push(text(`*${channelName(d.channel, ctx)}*`));
  const head: Array<{ label: string; value: string }> = [];
  if (d.title) head.push({ label: t.videoTitle, value: d.title });
  if (d.subject) head.push({ label: t.subject, value: d.subject });
  if (d.preview) head.push({ label: t.preview, value: d.preview });
  if (head.length > 0) blocks.push(fields(head));
  blocks.push(text(body));
  if (d.tags && d.tags.length > 0) blocks.push(fields([{ label: t.tags, value: d.tags.join(', ') }]));
  const size = rules.countsBytes
    ? t.bytes({ used: num(Buffer.byteLength(body, 'utf8')), max: num(rules.maxText) })
    : t.size({ used: num(length(body)), max: num(rules.maxText) });
  const notes = [size];
  if (rules.maxHashtags > 0) notes.push(t.hashtags({ used: d.hashtags.length, max: rules.maxHashtags }));
  notes.push(t.writtenBy({ llm: w.writer === LLM_WRITER_NAME }));
  blocks.push(context(notes.join(' · ')));
  return blocks;
}

function render(written: WrittenDraft[], id: number, ctx: Context) {
  const t = ctx.t(m);
  const [first] = written;
  if (!first) throw new Error('no draft written');
  const several = written.length > 1;
  const blocks = written.flatMap((w) => preview(w, ctx, several));
  blocks.push(context(t.readAs({ kind: kindName(first.kind, ctx), tone: toneName(first.tone, ctx) })));
  if (first.toneRefused) blocks.push(context(t.urgentRefused({ kind: kindName(first.kind, ctx) })));
  const source = sourceNote(first, ctx);
  if (source) blocks.push(source);
  const label = several ? t.scheduleAll : t.schedule;
  blocks.push(actions([{ id: 'draft.schedule', label, payload: String(id), style: 'primary' }]));
  const title = several
    ? t.groupTitle({ channels: written.map((w) => channelName(w.draft.channel, ctx)).join(', ') })
    : t.title({ channel: channelName(first.draft.channel, ctx) });
  return reply(title, blocks);
}

const toStored = (w: WrittenDraft): StoredPost => {
  const d = w.draft;
  return {
    channel: d.channel,
    text: composeText(d),
    ...(d.title ? { title: d.title } : {}),
    ...(d.subject ? { subject: d.subject } : {}),
    ...(d.preview ? { preview: d.preview } : {}),
  };
};

const channelList = (c: string) => arabicChoice(c, DRAFT_CHANNELS) ?? c.toLowerCase();

/** `channels:instagram,facebook`: several networks, each checked (Arabic names too). */
const channelsOpt: OptionSpec<z.ZodOptional<z.ZodType<DraftChannel[]>>> = {
  kind: 'string',
  label: { en: 'Channels', ar: 'القنوات' },
  description: {
    en: 'Several networks, comma-separated: one post each, scheduled together',
    ar: 'أكثر من شبكة مفصولة بفواصل: منشور لكل شبكة، وتُجدول معًا',
  },
  expected: {
    en: `networks separated by commas, from: ${DRAFT_CHANNELS.join(', ')}`,
    ar: `شبكات مفصولة بفواصل من: ${DRAFT_CHANNELS.join(', ')}`,
  },
  required: false,
  maxLength: 200,
  schema: z
    .string()
    .transform((s) => splitKeywords(stripBidi(s)).map(channelList))
    .pipe(z.array(z.enum(DRAFT_CHANNELS)).min(1).max(DRAFT_CHANNELS.length))
    .transform((list) => [...new Set(list)])
    .optional(),
};

export default defineCommand({
  name: 'draft',
  description: {
    en: 'Write a post that fits a channel, ready to schedule',
    ar: 'كتابة منشور يناسب القناة وجاهز للجدولة',
  },
  examples: [
    {
      en: 'channel:instagram topic:"free dental check-up for kids this Saturday" keywords:"kids dentist, Jeddah"',
      ar: 'channel:instagram topic:"فحص أسنان مجاني للأطفال يوم السبت" keywords:"طبيب أسنان أطفال، جدة"',
    },
    {
      en: 'channels:instagram,facebook topic:"20% off all cold brew this weekend" tone:playful',
      ar: 'channels:instagram,facebook topic:"خصم 20% على القهوة الباردة هذا الأسبوع" tone:مرح',
    },
    {
      en: 'channel:mailchimp topic:"December newsletter: 3 HR compliance changes in KSA" tone:formal',
      ar: 'channel:mailchimp topic:"نشرة ديسمبر: 3 تغييرات في أنظمة الموارد البشرية" tone:رسمي',
    },
  ],
  options: {
    channel: opt.choice(DRAFT_CHANNELS, {
      label: { en: 'Channel', ar: 'القناة' },
      description: {
        en: 'instagram, facebook, youtube or mailchimp',
        ar: 'instagram أو facebook أو youtube أو mailchimp',
      },
      positional: true,
    }),
    channels: channelsOpt,
    topic: required(
      opt.string({
        label: { en: 'Topic', ar: 'الموضوع' },
        description: { en: 'What the post is about', ar: 'موضوع المنشور' },
        maxLength: 200,
      }),
    ),
    keywords: opt.string({
      label: { en: 'Keywords', ar: 'الكلمات المفتاحية' },
      description: {
        en: 'Comma-separated; woven into the text and used as hashtags',
        ar: 'مفصولة بفواصل؛ تدخل في النص وتصبح وسومًا',
      },
      maxLength: 300,
    }),
    tone: opt.choice(TONES, {
      label: { en: 'Tone', ar: 'النبرة' },
      description: {
        en: 'friendly, formal, playful, urgent (offers, events) or inspirational; default: the brand voice',
        ar: 'ودي أو رسمي أو مرح أو عاجل (للعروض والفعاليات) أو ملهم؛ وبدونها تُتبع نبرة العلامة',
      },
    }),
  },
  async handler({ channel, channels, topic, keywords, tone }, ctx) {
    const list = channels ?? (channel ? [channel] : []);
    if (list.length === 0) throw new UserError(ctx.t(m).needChannel);
    const base = {
      topic,
      keywords: splitKeywords(keywords),
      tone,
      locale: ctx.locale,
      brand: brandOf(ctx.workspace.brand),
      digits: ctx.workspace.digits === 'arabic' ? ('arabic' as const) : ('latin' as const),
    };
    const written: WrittenDraft[] = [];
    for (const c of list) written.push(await ctx.services.drafts.write({ ...base, channel: c }));
    const [only] = written;
    const stored: StoredDraft = written.length === 1 && only ? toStored(only) : { posts: written.map(toStored) };
    const id = await ctx.services.audit.record(ctx, 'draft.create', list.join(','), stored);
    return render(written, id, ctx);
  },
  actions: {
    /** Asks only for the time (and media where the network needs it); the text is the draft's. */
    schedule: action({
      payload: z
        .string()
        .regex(/^\d{1,12}$/)
        .transform(Number),
      async handler(id, ctx) {
        const t = ctx.t(m);
        const posts = await loadDraft(ctx, id);
        const [first] = posts ?? [];
        if (!posts || !first) throw new UserError(t.gone);
        const needsMedia = posts.some((p) => CHANNEL_RULES[p.channel].needsMedia);
        const form: Form = {
          action: 'draft.at',
          payload: String(id),
          title: t.formTitle,
          submit: t.formSubmit,
          fields: [
            { key: 'when', label: t.when, value: 'tomorrow 9am', maxLength: 80 },
            ...(needsMedia ? [{ key: 'media', label: t.media, maxLength: 500 }] : []),
          ],
          typed: scheduleDraftLine(id, posts.length === 1 ? first : undefined, needsMedia),
        };
        const blocks: Block[] = [text(t.scheduleIntro)];
        for (const p of posts) {
          if (CHANNEL_RULES[p.channel].needsMedia)
            blocks.push(context(t.mediaHint({ channel: channelName(p.channel, ctx) })));
        }
        return reply(undefined, blocks, { ephemeral: true, form });
      },
    }),
    /** Receives the Schedule form: the kept draft, at the time given. */
    at: action({
      payload: z
        .string()
        .regex(/^\d{1,12}$/)
        .transform(Number),
      fields: z.object({
        when: z.string().trim().min(1).max(80),
        media: z
          .string()
          .trim()
          .max(500)
          .optional()
          .transform((s) => (s ? s : undefined))
          .pipe(z.url({ protocol: /^https$/ }).optional()),
      }),
      allow: ['manager', 'social'],
      handler: (id, ctx, values) => scheduleDraft(id, { when: values.when, media: values.media }, ctx),
    }),
  },
});
