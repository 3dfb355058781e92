import { z } from 'zod';
import { action, defineCommand } from '../src/core/command.js';
import type { Context } from '../src/core/context.js';
import { UserError } from '../src/core/errors.js';
import { defineMessages, formatNumber, iso, isoIn, type Locale } from '../src/core/i18n.js';
import { opt, required } from '../src/core/options.js';
import { actions, type Block, context, fields, reply, text } from '../src/core/reply.js';
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
import { LLM_WRITER_NAME } from '../src/publishing/drafts/llm-writer.js';
import type { WrittenDraft } from '../src/publishing/drafts/service.js';
import { splitKeywords } from '../src/publishing/drafts/templates.js';
import { channelLabel } from '../src/reporting/channel-names.js';

/** "2,200" as shown back to the number it is. */
const numberIn = (shown: string): number => Number(shown.replace(/[^\d]/g, ''));

const m = defineMessages(
  'draft',
  {
    title: (p: { channel: string }) => `${p.channel} draft`,
    videoTitle: 'Video title',
    subject: 'Subject line',
    preview: 'Preview text',
    size: (p: { used: string; max: string }) => `${p.used}/${p.max} ${nounAfter(numberIn(p.max), 'character', 'en')}`,
    bytes: (p: { used: string; max: string }) => `${p.used}/${p.max} bytes`,
    tags: (p: { used: number; max: number }) => `${p.used}/${p.max} hashtags`,
    writtenBy: (p: { llm: boolean }): string =>
      p.llm ? 'written by the AI model' : 'written from the built-in templates',
    fromLlm: 'Written by the AI model; length, hashtags and titles checked against the channel’s rules by the bot.',
    fallbackTimeout: 'The AI model did not answer in time, so this draft comes from the built-in templates.',
    fallbackMalformed: 'The AI model gave an unusable answer, so this draft comes from the built-in templates.',
    fallbackUnavailable: 'The AI model was unavailable, so this draft comes from the built-in templates.',
    fallbackRefused: 'The AI model declined to answer, so this draft comes from the built-in templates.',
    schedule: 'Schedule this',
    scheduleIntro: 'Type this to schedule the draft (change the time as you like):',
    mediaHint: (p: { channel: string }) => `${p.channel} needs a picture or video: add media:https://… to the line.`,
    gone: 'That draft is no longer available. Run /draft again.',
  },
  {
    title: (p) => `مسودة ${iso(p.channel)}`,
    videoTitle: 'عنوان الفيديو',
    subject: 'سطر الموضوع',
    preview: 'نص المعاينة',
    size: (p) => `${iso(`${p.used}/${p.max}`)} ${nounAfter(numberIn(p.max), 'character', 'ar')}`,
    bytes: (p) => `${iso(`${p.used}/${p.max}`)} بايت`,
    tags: (p) => `${iso(`${p.used}/${p.max}`)} وسمًا`,
    writtenBy: (p) => (p.llm ? 'كتبها نموذج الذكاء الاصطناعي' : 'كُتبت من القوالب المدمجة'),
    fromLlm: 'كتبها نموذج الذكاء الاصطناعي؛ وتحقق البوت من الطول والوسوم والعناوين وفق قواعد القناة.',
    fallbackTimeout: 'لم يُجب نموذج الذكاء الاصطناعي في الوقت المحدد، لذا جاءت المسودة من القوالب المدمجة.',
    fallbackMalformed: 'أعطى نموذج الذكاء الاصطناعي إجابة غير صالحة، لذا جاءت المسودة من القوالب المدمجة.',
    fallbackUnavailable: 'نموذج الذكاء الاصطناعي غير متاح، لذا جاءت المسودة من القوالب المدمجة.',
    fallbackRefused: 'رفض نموذج الذكاء الاصطناعي الإجابة، لذا جاءت المسودة من القوالب المدمجة.',
    schedule: 'جدولة هذا المنشور',
    scheduleIntro: 'اكتب هذا لجدولة المسودة (غيّر الوقت كما تشاء):',
    mediaHint: (p) => `يحتاج ${iso(p.channel)} إلى صورة أو فيديو: أضف media:https://… إلى السطر.`,
    gone: 'هذه المسودة لم تعد متاحة. شغّل /draft مرة أخرى.',
  },
);

/** The network's name as the reader says it (one table with reports and the schedule). */
const channelName = (c: DraftChannel, ctx: Context): string => isoIn(channelLabel(c, ctx.locale), ctx.locale);

/** What the Schedule button needs, kept with the draft's audit entry (checked on press, never trusted). */
const storedDraft = z.object({
  channel: z.enum(DRAFT_CHANNELS),
  text: z.string().max(70_000),
  title: z.string().max(200).optional(),
  subject: z.string().max(200).optional(),
  preview: z.string().max(200).optional(),
});
type StoredDraft = z.infer<typeof storedDraft>;

/** Picks a quote pair that the value does not contain, so the /schedule parser reads it back whole. */
export function quote(value: string): string {
  const oneLine = value.replace(/\s+/g, ' ').trim();
  for (const [open, close] of [
    ['"', '"'],
    ['«', '»'],
    ['“', '”'],
    ["'", "'"],
  ] as const) {
    if (!oneLine.includes(close)) return `${open}${oneLine}${close}`;
  }
  return `"${oneLine.replaceAll('"', "'")}"`;
}

/**
 * The exact line to type, in /schedule's own options (commands/schedule.ts, `add`): channel, when,
 * title (YouTube's title or Mailchimp's subject: /schedule has one option for both) and the text
 * after " | ". /schedule has no preview-text option, so a Mailchimp preview stays in the draft.
 */
export function scheduleLine(d: StoredDraft, locale: Locale = 'en'): string {
  // /schedule reads Arabic times too, so the Arabic line suggests one in Arabic.
  const parts = ['/schedule', `channel:${d.channel}`, locale === 'ar' ? 'when:"غدًا 9 صباحًا"' : 'when:"tomorrow 9am"'];
  const title = d.title ?? d.subject;
  if (title) parts.push(`title:${quote(title)}`);
  return `${parts.join(' ')} | ${d.text}`;
}

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

function render(w: WrittenDraft, id: number, ctx: Context) {
  const d = w.draft;
  const t = ctx.t(m);
  const rules = CHANNEL_RULES[d.channel];
  const body = composeText(d);
  const num = (n: number) => formatNumber(n, ctx.locale);
  const blocks: Block[] = [];
  const head: Array<{ label: string; value: string }> = [];
  if (d.title) head.push({ label: t.videoTitle, value: d.title });
  if (d.subject) head.push({ label: t.subject, value: d.subject });
  if (d.preview) head.push({ label: t.preview, value: d.preview });
  if (head.length > 0) blocks.push(fields(head));
  blocks.push(text(body));
  const size = rules.countsBytes
    ? t.bytes({ used: num(Buffer.byteLength(body, 'utf8')), max: num(rules.maxText) })
    : t.size({ used: num(length(body)), max: num(rules.maxText) });
  const notes = [size];
  if (rules.maxHashtags > 0) notes.push(t.tags({ used: d.hashtags.length, max: rules.maxHashtags }));
  notes.push(t.writtenBy({ llm: w.writer === LLM_WRITER_NAME }));
  blocks.push(context(notes.join(' · ')));
  const source = sourceNote(w, ctx);
  if (source) blocks.push(source);
  blocks.push(actions([{ id: 'draft.schedule', label: t.schedule, payload: String(id), style: 'primary' }]));
  return reply(t.title({ channel: channelName(d.channel, ctx) }), blocks);
}

export default defineCommand({
  name: 'draft',
  description: {
    en: 'Write a post that fits a channel, ready to schedule',
    ar: 'كتابة منشور يناسب القناة وجاهز للجدولة',
  },
  examples: [
    {
      en: 'channel:instagram topic:"cold brew launch" keywords:"cold brew, summer" tone:playful',
      ar: 'channel:instagram topic:"إطلاق القهوة الباردة" keywords:"قهوة باردة، صيف" tone:مرح',
    },
    {
      en: 'channel:mailchimp topic:"spring sale" tone:urgent',
      ar: 'channel:mailchimp topic:"تخفيضات الربيع" tone:urgent',
    },
  ],
  options: {
    channel: required(
      opt.choice(DRAFT_CHANNELS, {
        label: { en: 'Channel', ar: 'القناة' },
        description: {
          en: 'instagram, facebook, youtube or mailchimp',
          ar: 'instagram أو facebook أو youtube أو mailchimp',
        },
        positional: true,
      }),
    ),
    topic: required(
      opt.string({
        label: { en: 'Topic', ar: 'الموضوع' },
        description: { en: 'What the post is about', ar: 'موضوع المنشور' },
        maxLength: 200,
      }),
    ),
    keywords: opt.string({
      label: { en: 'Keywords', ar: 'الكلمات المفتاحية' },
      description: { en: 'Comma-separated; they become hashtags', ar: 'مفصولة بفواصل؛ تصبح وسومًا' },
      maxLength: 300,
    }),
    tone: opt.choice(TONES, {
      label: { en: 'Tone', ar: 'النبرة' },
      description: {
        en: 'friendly, professional, playful or urgent',
        ar: 'friendly أو professional أو playful أو urgent',
      },
    }),
  },
  async handler({ channel, topic, keywords, tone }, ctx) {
    const written = await ctx.services.drafts.write({
      channel,
      topic,
      keywords: splitKeywords(keywords),
      tone: tone ?? 'friendly',
      locale: ctx.locale,
    });
    const d = written.draft;
    const stored: StoredDraft = {
      channel: d.channel,
      text: composeText(d),
      ...(d.title ? { title: d.title } : {}),
      ...(d.subject ? { subject: d.subject } : {}),
      ...(d.preview ? { preview: d.preview } : {}),
    };
    const id = await ctx.services.audit.record(ctx, 'draft.create', channel, stored);
    return render(written, id, ctx);
  },
  actions: {
    schedule: action({
      payload: z
        .string()
        .regex(/^\d{1,12}$/)
        .transform(Number),
      async handler(id, ctx) {
        const t = ctx.t(m);
        // Scoped to the presser's workspace: an id from another workspace finds nothing.
        const parsed = storedDraft.safeParse(await ctx.services.audit.details(ctx.workspace.id, id, 'draft.create'));
        if (!parsed.success) throw new UserError(t.gone);
        const d = parsed.data;
        const blocks: Block[] = [text(t.scheduleIntro), text(scheduleLine(d, ctx.locale))];
        if (CHANNEL_RULES[d.channel].needsMedia) {
          blocks.push(context(t.mediaHint({ channel: channelName(d.channel, ctx) })));
        }
        return reply(undefined, blocks, { ephemeral: true });
      },
    }),
  },
});
