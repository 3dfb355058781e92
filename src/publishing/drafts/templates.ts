/**
 * The offline copywriter: a draft written from the topic's kind, the tone, the brand profile and the
 * channel's form, in the workspace's language (drafts/data/en.ts, drafts/data/ar.ts). The framework
 * follows the kind: hook, value, proof and call to action for offers, events, news and hiring;
 * problem-agitate-solve for how-tos; before-after for launches. The same request with the same
 * variant gives the same draft; the next variant opens differently.
 */
import type { Locale } from '../../core/i18n.js';
import { CHANNEL_RULES, type Draft, type DraftChannel, length } from './channels.js';
import {
  arabicForm,
  avoids,
  hash,
  hashtagsFor,
  isPlace,
  splitKeywords,
  tagPhrases,
  tidy,
  toHashtag,
  weaveKeywords,
} from './copy-text.js';
import { AR } from './data/ar.js';
import { EN } from './data/en.js';
import type { ChannelForm, Line, Phrasebook, Slots, WritingTone } from './phrasebook.js';
import { type TopicKind, topicParts } from './topic.js';
import type { DraftRequest, DraftWriter } from './writer.js';

export { splitKeywords, toHashtag };

export const BOOKS: Record<Locale, Phrasebook> = { en: EN, ar: AR };

/** How each network's post is shaped; a network not named here is read from its rules. */
const FORMS: Partial<Record<string, ChannelForm>> = {
  instagram: 'caption',
  tiktok: 'caption',
  facebook: 'post',
  linkedin: 'post',
  x: 'post',
  youtube: 'video',
  mailchimp: 'email',
};

export function formOf(channel: DraftChannel): ChannelForm {
  const named = FORMS[channel];
  if (named) return named;
  const rules = CHANNEL_RULES[channel];
  if (rules.maxSubject !== undefined) return 'email';
  if (rules.maxTitle !== undefined) return 'video';
  return rules.noLinks ? 'caption' : 'post';
}

const capitalise = (s: string): string => s.charAt(0).toLocaleUpperCase('en') + s.slice(1);

/** The tone's openings for a kind; a tone a kind has no lines for writes friendly. */
function openingsFor(book: Phrasebook, kind: TopicKind, tone: WritingTone): readonly Line[] {
  return book.openings[kind][tone] ?? book.openings[kind].friendly ?? [];
}

/**
 * Picks a line: the request's own starting point moved on by the variant, skipping lines with the
 * brand's words to avoid. Undefined when every line has one (the sentence is then left out).
 */
function choose(lines: readonly Line[], slots: Slots, seed: string, variant: number, bad: (s: string) => boolean) {
  const start = hash(seed) + variant;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[(start + i) % lines.length];
    const text = line?.(slots);
    if (text && !bad(text)) return text;
  }
  return undefined;
}

/** The hook: the opening when it fits the channel's first line, a shorter one or the topic otherwise. */
function hookLine(candidates: readonly string[], slots: Slots, max: number | undefined): string {
  const fits = candidates.find((c) => max === undefined || length(c) <= max);
  if (fits) return fits;
  return `${slots.Topic}${slots.end}`;
}

export class TemplateDraftWriter implements DraftWriter {
  readonly name = 'templates';

  async write(req: DraftRequest): Promise<Draft> {
    return writeDraft(req);
  }
}

export function writeDraft(req: DraftRequest): Draft {
  const book = BOOKS[req.locale];
  const ar = req.locale === 'ar';
  const form = formOf(req.channel);
  const rules = CHANNEL_RULES[req.channel];
  const parts = topicParts(ar ? arabicForm(req.topic, 'latin') : req.topic);
  const keywords = req.keywords.map((k) => (ar ? arabicForm(k, 'latin') : k));
  const asTyped = parts.subject.replace(/[?؟]$/u, '');
  // After a colon an English topic starts in lower case unless it starts with a name ("Which flavour…"
  // -> "which flavour…", "Payroll webinar" stays).
  const first = asTyped.split(/\s+/)[0]?.toLowerCase() ?? '';
  const subject = !ar && book.stopwords.has(first) ? asTyped.charAt(0).toLowerCase() + asTyped.slice(1) : asTyped;
  const link = form === 'caption' ? '' : (req.brand.ctaLink ?? req.brand.website ?? '');
  const slots: Slots = {
    topic: subject,
    Topic: ar ? subject : capitalise(subject),
    label: parts.label,
    brand: req.brand.name,
    kw: weaveKeywords(keywords, parts.whole, book),
    end: parts.asks ? (ar ? '؟' : '?') : '.',
    link,
  };
  const bad = avoids(req.brand, req.locale);
  const seed = `${req.kind}|${req.tone}|${req.channel}|${parts.whole}`;
  const say = (lines: readonly Line[], part: string) => choose(lines, slots, `${seed}|${part}`, req.variant, bad);

  // Every opening that avoids the brand's words, starting at this variant's, so the hook can fall
  // back to a shorter one where the channel cuts the first line.
  const openings = openingsFor(book, req.kind, req.tone);
  const start = hash(`${seed}|open`) + req.variant;
  const candidates = openings
    .map((_, i) => openings[(start + i) % openings.length]?.(slots) ?? '')
    .filter((o) => o && !bad(o));
  const hook = hookLine(candidates, slots, rules.maxHook);
  const value = say(book.value[req.kind], 'value');
  // Keywords that are all places read as a line about the place ("for everyone in Jeddah").
  const kwLine = !slots.kw
    ? undefined
    : weaveKeywords(
          keywords.filter((k) => !isPlace(k)),
          parts.whole,
          book,
        )
      ? say(book.keywords[req.kind], 'kw')
      : say(book.placeOnly, 'kw');
  // A newsletter's proof is "written by the team", which the email's sign-off already says.
  const proof = form === 'email' && req.kind === 'newsletter' ? undefined : say(book.proof[req.kind], 'proof');
  const close = say(book.close[req.tone], 'close');
  const sentences = (...xs: Array<string | undefined>) => xs.filter((x): x is string => !!x).join(' ');

  let paragraphs: string[];
  if (form === 'caption') paragraphs = [hook, sentences(value, kwLine), sentences(proof, close)];
  else if (form === 'post') paragraphs = [hook, sentences(kwLine ?? value, close)];
  else if (form === 'video') {
    // The website goes with the links when the call to action points elsewhere (or nowhere).
    const site = req.brand.website && req.brand.website !== link ? req.brand.website : '';
    paragraphs = [hook, sentences(value, kwLine), sentences(proof), book.chapters, site ? book.linkLine(site) : ''];
  } else {
    const signoff = [book.signoff(req.brand.name)].find((s) => !bad(s));
    paragraphs = [book.greeting, hook, sentences(value, kwLine), sentences(proof, close), signoff ?? ''];
  }
  const finish = (s: string) => {
    const mended = tidy(s);
    return ar ? arabicForm(mended, req.digits) : mended;
  };

  const draft: Draft = {
    channel: req.channel,
    body: finish(paragraphs.filter((p) => p.trim().length > 0).join('\n\n')),
    cta: finish(book.cta[form][req.kind](slots)),
    hashtags:
      rules.maxHashtags === 0
        ? []
        : hashtagsFor({ topic: parts.subject, keywords, brand: req.brand, kind: req.kind }, book).slice(
            0,
            form === 'caption' ? rules.maxHashtags : Math.min(3, rules.maxHashtags),
          ),
  };
  if (form === 'video') {
    draft.title = finish(videoTitle(slots, keywords, ar, rules.maxTitle ?? 100));
    draft.tags = videoTags(parts.subject, keywords, req, book);
  }
  if (form === 'email') {
    draft.subject = finish(subjectLine(book, req, slots, bad));
    const preview = say(book.preview[req.kind], 'preview') ?? '';
    draft.preview = finish(ar ? preview : capitalise(preview));
  }
  return draft;
}

/** The video title with the first keyword first ("Kids dentist: free check-ups this Saturday"). */
function videoTitle(slots: Slots, keywords: readonly string[], ar: boolean, max: number): string {
  const [first] = keywords;
  const lead = first ? (ar ? first : capitalise(first)) : undefined;
  const titled =
    lead && !slots.topic.toLowerCase().startsWith(lead.toLowerCase()) ? `${lead}: ${slots.topic}` : slots.Topic;
  if (length(titled) <= max) return titled;
  return length(slots.Topic) <= max
    ? slots.Topic
    : `${[...slots.Topic]
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`;
}

/** YouTube tags: keywords, the topic's words, the brand and the kind, under YouTube's 500 characters. */
function videoTags(topic: string, keywords: readonly string[], req: DraftRequest, book: Phrasebook): string[] {
  const tags: string[] = [];
  let size = 0;
  for (const w of tagPhrases({ topic, keywords, brand: req.brand, kind: req.kind }, book)) {
    if (tags.some((t) => t.toLowerCase() === w.toLowerCase())) continue;
    if (size + w.length + 1 > 500 || tags.length >= 15) break;
    tags.push(w);
    size += w.length + 1;
  }
  return tags;
}

/** The first subject 30 to 60 characters long, starting at this variant's; a kind's own otherwise. */
function subjectLine(book: Phrasebook, req: DraftRequest, slots: Slots, bad: (s: string) => boolean): string {
  const rules = CHANNEL_RULES[req.channel];
  const min = rules.minSubject ?? 0;
  const max = rules.maxSubject ?? 150;
  const lines = book.subject[req.kind];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[(req.variant + i) % lines.length]?.(slots) ?? '';
    // A question keeps its question mark when the subject ends with it.
    const s = tidy(slots.end !== '.' && line.endsWith(slots.topic) ? `${line}${slots.end}` : line);
    const n = length(s);
    if (n >= min && n <= max && !bad(s)) return s;
  }
  return book.subjectFallback[req.kind];
}
