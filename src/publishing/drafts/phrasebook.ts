/**
 * The shape of a language's copy (drafts/data/en.ts, drafts/data/ar.ts): openings per topic kind and
 * tone, the framework's middle lines per kind, calls to action per channel form, subjects and
 * previews. Every line is a small function of the slots, so the topic lands where a noun phrase, a
 * clause or a question all read well (after a colon, never glued to a verb that must agree with it).
 */
import type { TopicKind } from './topic.js';

/** The tones the copywriter writes in (the `professional` option is `formal`). */
export const WRITING_TONES = ['friendly', 'formal', 'playful', 'urgent', 'inspirational'] as const;
export type WritingTone = (typeof WRITING_TONES)[number];

/** How a channel's post is shaped, whatever the network is called. */
export type ChannelForm = 'caption' | 'post' | 'video' | 'email';

export interface Slots {
  /** The topic's subject (after any "Label:"), without its final punctuation. */
  topic: string;
  /** The same, starting with a capital where the script has them. */
  Topic: string;
  /** "December newsletter", "Webinar": the part before the topic's colon, when there is one. */
  label: string | undefined;
  /** The brand's name, when the profile has one. */
  brand: string | undefined;
  /** The keywords as one phrase that reads inside a sentence ("kids dentist in Jeddah"). */
  kw: string;
  /** "?" when the topic asks, "." otherwise (the Arabic book uses "؟"). */
  end: string;
  /** The link a call to action points to (brand CTA link or website), or "". */
  link: string;
}

export type Line = (s: Slots) => string;

export interface Phrasebook {
  /** At least five per kind and tone; `urgent` only for the kinds where urgency is honest. */
  openings: Record<TopicKind, Partial<Record<WritingTone, readonly Line[]>>>;
  /** The framework's middle: value (HVPC), problem-agitate (PAS) or before-after, per kind. */
  value: Record<TopicKind, readonly Line[]>;
  /** A sentence that carries the keywords (only used when there are some). */
  keywords: Record<TopicKind, readonly Line[]>;
  /** Proof or reassurance, naming the brand where one is set; never an invented figure. */
  proof: Record<TopicKind, readonly Line[]>;
  /** The tone's last sentence. */
  close: Record<WritingTone, readonly Line[]>;
  /** The single call to action per form and kind; `post`, `video` and `email` get the link slot. */
  cta: Record<ChannelForm, Record<TopicKind, Line>>;
  /** Email subject lines to try in order; the first 30 to 60 characters long is used. */
  subject: Record<TopicKind, readonly Line[]>;
  /** Always 30 to 60 characters, whatever the topic: the subject when no other line fits. */
  subjectFallback: Record<TopicKind, string>;
  /** Inbox preview text that adds to the subject rather than repeating it. */
  preview: Record<TopicKind, readonly Line[]>;
  /** The keywords line when every keyword is a place (`kw` is then the place). */
  placeOnly: readonly Line[];
  greeting: string;
  signoff: (brand: string | undefined) => string;
  /** YouTube description parts. */
  chapters: string;
  linkLine: (link: string) => string;
  /** Hashtags (without #) that fit a kind, used after the topic's, keywords' and brand's own. */
  kindTags: Record<TopicKind, readonly string[]>;
  /** Joins the keywords that are not places: "a, b and c". */
  join: (items: readonly string[]) => string;
  /** "X in Jeddah" / «X في جدة». */
  inPlace: (what: string, place: string) => string;
  /** Words a topic is made of that make poor hashtags ("the", "for", «في»). */
  stopwords: ReadonlySet<string>;
}
