/**
 * The model-backed `DraftWriter`: asks the `Llm` port for a draft of a fixed zod shape, with the
 * channel's rules, the topic's kind and its framework in our own instructions, and the user's topic,
 * keywords and brand profile only as quoted JSON data. The answer is held to the channel's rules
 * before anyone sees it: what the rules can mend is mended (too long, too many hashtags, a link
 * Instagram cannot open, too few hashtags topped up from the topic), and a draft that still breaks
 * one is asked for again once with the problems named; a second failure is an unusable answer, and
 * the service falls back to the offline copywriter and says so.
 */
import { z } from 'zod';
import { type Llm, LlmError } from '../../lib/llm.js';
import { CHANNEL_RULES, type Draft, fitToChannel, problems } from './channels.js';
import { hashtagsFor } from './copy-text.js';
import { BOOKS, formOf } from './templates.js';
import type { TopicKind } from './topic.js';
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

const LANGUAGE = {
  en: 'English',
  ar: 'Gulf-neutral Modern Standard Arabic (Arabic punctuation ، ؟; verbs and adjectives agree with the noun they describe; Arabic hashtags join words with underscores)',
} as const;

const FRAMEWORK: Record<TopicKind, string> = {
  offer: 'an offer: hook, value, proof, call to action',
  event: 'an event: hook with the date, what to expect, who will be there, how to book',
  launch: 'a launch: before and after (what was hard before, what is easy now), then the call to action',
  howto: 'a how-to: problem, why it matters, the solution in short steps',
  news: 'news: hook, what happened, why it matters to the reader, call to action',
  question: 'a question to the audience: ask it plainly and invite answers in the comments',
  newsletter: 'a newsletter issue: what is inside and why it is worth reading, one call to action',
  hiring: 'a job opening: the role, the team, what we offer, how to apply',
};

/** What we tell the model; built from our own rules only (the Prompt contract: no user text here). */
export function draftInstructions(req: Pick<DraftRequest, 'channel' | 'locale' | 'kind' | 'tone'>): string {
  const r = CHANNEL_RULES[req.channel];
  const form = formOf(req.channel);
  const lines = [
    `You are a senior social media copywriter. Write one ${req.channel} post in ${LANGUAGE[req.locale]} about the topic in the data, in a ${req.tone} tone.`,
    `The topic is ${FRAMEWORK[req.kind]}. Work the keywords into natural sentences; never list them ("It's all about X and Y") and never glue words onto the topic ("X is here", "just dropped").`,
    'Where the data has a brand profile, use its name, follow its voice, point the call to action to its ctaLink (or website), and never use its wordsToAvoid.',
    `body: the main text without hashtags; cta: one short call to action; hashtags: ${r.minHashtags ?? 0} to ${r.maxHashtags}, relevant to the topic and keywords, each starting with #, no spaces inside.`,
    `Body, call to action and hashtags together must stay under ${r.maxText} ${r.countsBytes ? 'bytes' : 'characters'}.`,
  ];
  if (r.maxHook !== undefined)
    lines.push(`The first line is the hook: at most ${r.maxHook} characters. Use line breaks.`);
  if (r.noLinks) lines.push('No links in the text: links do not open there; say the link is in the bio.');
  if (form === 'post' && r.maxText <= 1_000) lines.push('Keep it short: two or three sentences.');
  if (form === 'video')
    lines.push('The description ends with a chapters placeholder ("00:00 Introduction") and the links.');
  if (r.maxTitle !== undefined)
    lines.push(`title: the video title, at most ${r.maxTitle} characters, the main keyword first, no < or >.`);
  else lines.push('title: null.');
  if (r.maxSubject !== undefined) {
    lines.push(
      `subject: the email subject line, ${r.minSubject ?? 1} to ${r.maxSubject} characters; preview: the inbox preview text, at most ${r.maxPreview} characters, adding to the subject rather than repeating it. The body has exactly one call to action.`,
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
    const data = {
      channel: req.channel,
      topic: req.topic,
      keywords: req.keywords,
      tone: req.tone,
      topicKind: req.kind,
      brand: req.brand,
    };
    let found: string[] = [];
    for (let attempt = 1; attempt <= 2; attempt++) {
      const instructions =
        draftInstructions(req) +
        (found.length > 0
          ? `\nYour previous draft broke these rules: ${found.join('; ')}. Write it again within them.`
          : '');
      const a = await this.llm.generate(DraftAnswer, { task: 'draft', instructions, data });
      const answer = toDraft(a, req);
      // A title or subject is the model's to write: the rules would only cut one from the body.
      const missing = [
        ...(CHANNEL_RULES[req.channel].maxTitle !== undefined && !answer.title ? ['title missing or too long'] : []),
        ...(CHANNEL_RULES[req.channel].maxSubject !== undefined && !answer.subject
          ? ['subject missing or too long']
          : []),
      ];
      const draft = mend(answer, req);
      found = missing.length > 0 ? missing : problems(draft);
      if (found.length === 0) return draft;
    }
    throw new LlmError('malformed', `draft breaks the channel rules: ${found.join('; ')}`);
  }
}

function toDraft(a: DraftAnswer, req: DraftRequest): Draft {
  const rules = CHANNEL_RULES[req.channel];
  const title = a.title?.trim();
  const subject = a.subject?.trim();
  const preview = a.preview?.trim();
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

/** What the rules can fix without the model: lengths, stuffing, links, too few hashtags. */
function mend(d: Draft, req: DraftRequest): Draft {
  const fitted = fitToChannel(d);
  const min = CHANNEL_RULES[req.channel].minHashtags ?? 0;
  if (fitted.hashtags.length >= min) return fitted;
  const extra = hashtagsFor(
    { topic: req.topic, keywords: req.keywords, brand: req.brand, kind: req.kind },
    BOOKS[req.locale],
  );
  const seen = new Set(fitted.hashtags.map((t) => t.toLowerCase()));
  return fitToChannel({
    ...fitted,
    hashtags: [...fitted.hashtags, ...extra.filter((t) => !seen.has(t.toLowerCase()))],
  });
}
