/**
 * The model-backed `DraftWriter`: asks the `Llm` port for a draft of a fixed zod shape, with the
 * channel's rules in our own instructions and the user's topic and keywords only as quoted JSON data.
 * Whatever comes back still goes through `fitToChannel` (DraftService), so a model that runs long or
 * stuffs hashtags cannot produce a post the channel would reject. A missing YouTube title or
 * Mailchimp subject is an unusable answer: the service falls back to the templates and says so.
 */
import { z } from 'zod';
import { type Llm, LlmError } from '../../lib/llm.js';
import { CHANNEL_RULES, type Draft } from './channels.js';
import type { DraftRequest, DraftWriter } from './writer.js';

/** Strict structured outputs need every key present: "not used" is null, never a missing key. */
export const DraftAnswer = z.object({
  title: z.string().nullable(),
  subject: z.string().nullable(),
  preview: z.string().nullable(),
  body: z.string().min(1),
  cta: z.string(),
  hashtags: z.array(z.string()),
});
export type DraftAnswer = z.infer<typeof DraftAnswer>;

const LANGUAGE = { en: 'English', ar: 'Modern Standard Arabic' } as const;

/** What we tell the model; built from our own rules only (the Prompt contract: no user text here). */
export function draftInstructions(req: Pick<DraftRequest, 'channel' | 'locale'>): string {
  const r = CHANNEL_RULES[req.channel];
  const lines = [
    `You are a marketing copywriter. Write one ${req.channel} post in ${LANGUAGE[req.locale]} about the topic in the data, in the tone given there, using its keywords naturally.`,
    `body: the main text without hashtags; cta: one short call to action; hashtags: at most ${r.maxHashtags}, each starting with #, no spaces inside.`,
    `Body, call to action and hashtags together must stay under ${r.maxText} ${r.countsBytes ? 'bytes' : 'characters'}.`,
  ];
  if (r.maxTitle !== undefined) lines.push(`title: the video title, at most ${r.maxTitle} characters, no < or >.`);
  else lines.push('title: null.');
  if (r.maxSubject !== undefined) {
    lines.push(
      `subject: the email subject line, at most ${r.maxSubject} characters; preview: the inbox preview text, at most ${r.maxPreview} characters.`,
    );
  } else lines.push('subject and preview: null.');
  return lines.join('\n');
}

/** "#Cold Brew", "coldbrew" -> "#ColdBrew", "#coldbrew"; fitToChannel drops what is still not a tag. */
export function asHashtag(raw: string): string {
  const words = raw.replace(/^#+/, '').trim().split(/\s+/).filter(Boolean);
  const joined =
    words.length > 1 ? words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('') : (words[0] ?? '');
  return `#${joined}`;
}

/** The writer's name in the reply's footnote ("written from the AI model"). */
export const LLM_WRITER_NAME = 'the AI model';

export class LlmDraftWriter implements DraftWriter {
  readonly name = LLM_WRITER_NAME;
  constructor(private readonly llm: Llm) {}

  async write(req: DraftRequest): Promise<Draft> {
    const a = await this.llm.generate(DraftAnswer, {
      task: 'draft',
      instructions: draftInstructions(req),
      data: { channel: req.channel, topic: req.topic, keywords: req.keywords, tone: req.tone },
    });
    const rules = CHANNEL_RULES[req.channel];
    const title = a.title?.trim();
    const subject = a.subject?.trim();
    const preview = a.preview?.trim();
    if (rules.maxTitle !== undefined && !title) throw new LlmError('malformed', 'draft answer without a title');
    if (rules.maxSubject !== undefined && !subject) throw new LlmError('malformed', 'draft answer without a subject');
    return {
      channel: req.channel,
      body: a.body,
      cta: a.cta,
      hashtags: a.hashtags.map(asHashtag),
      ...(rules.maxTitle !== undefined && title ? { title } : {}),
      ...(rules.maxSubject !== undefined && subject ? { subject } : {}),
      ...(rules.maxPreview !== undefined && preview ? { preview } : {}),
    };
  }
}
