import { type PostLimits, type Provider, providersWith } from '../../../integrations/provider.js';
import { PROVIDERS, type PublishingId } from '../../../integrations/registry.js';
import { graphemes } from '../../core/segment.js';

/**
 * What each channel accepts: the platforms' own limits, declared by their providers
 * (integrations/<network>/index.ts), within which the drafter keeps a house style. Every draft
 * passes through `fitToChannel` whoever wrote it (templates today, an LLM later), so a draft can
 * always be scheduled as it is.
 */

/** Every network that publishes (integrations/registry.ts). */
export type DraftChannel = PublishingId;
export const DRAFT_CHANNELS = providersWith(PROVIDERS, 'publish').map((p) => p.id) as readonly string[] as readonly [
  DraftChannel,
  ...DraftChannel[],
];

/** The tones a person may ask for; `professional` is the older name of `formal` and writes the same. */
export const TONES = ['friendly', 'formal', 'playful', 'urgent', 'inspirational', 'professional'] as const;
export type Tone = (typeof TONES)[number];

export interface Draft {
  channel: DraftChannel;
  /** YouTube video title. */
  title?: string;
  /** Mailchimp subject line and preview text. */
  subject?: string;
  preview?: string;
  /** Caption, post, video description or email body, without the hashtags. */
  body: string;
  cta: string;
  hashtags: string[];
  /** YouTube tags (plain words, no #), shown with the draft for the person to paste. */
  tags?: string[];
}

export interface ChannelRules {
  /** Most characters of the published text (body, call to action and hashtags together). */
  maxText: number;
  maxHashtags: number;
  maxTitle?: number;
  maxSubject?: number;
  maxPreview?: number;
  /** Characters the platform rejects anywhere in the text. */
  forbidden?: RegExp;
  /** The platform counts `maxText` in UTF-8 bytes (YouTube descriptions: Arabic letters take two). */
  countsBytes?: boolean;
  /** A post there needs media (the draft is text only: the person adds it when scheduling). */
  needsMedia: boolean;
  /** House style: at least this many hashtags (Instagram: 3, so the post can be found). */
  minHashtags?: number;
  /** House style: the subject line's shortest (inboxes show about 60 characters; under 30 says little). */
  minSubject?: number;
  /** House style: the first line shows before "more" (Instagram cuts captions at about 125 characters). */
  maxHook?: number;
  /** The network does not make links in the text clickable: "link in bio" instead (Instagram). */
  noLinks?: boolean;
}

/** The drafter's own choices where a platform allows more (or sets no limit). */
export type DraftStyle = Partial<
  Pick<
    ChannelRules,
    'maxText' | 'maxHashtags' | 'maxPreview' | 'maxSubject' | 'minHashtags' | 'minSubject' | 'maxHook' | 'noLinks'
  >
>;

/** With no limit declared and no style chosen: a generous text, and a few hashtags. */
const DEFAULT_STYLE = { maxText: 60_000, maxHashtags: 3 } as const;

export const STYLE: Partial<Record<string, DraftStyle>> = {
  // LinkedIn readers skim past long tag lists: three, at the end.
  linkedin: { maxHashtags: 3 },
  // Room for X's weights (an emoji or a link counts more than one character) and at most two tags.
  x: { maxText: 240, maxHashtags: 2 },
  // Short captions with a few tags read best under a video.
  tiktok: { maxText: 300, maxHashtags: 5 },
  // 3 to 10 relevant hashtags; the caption is cut after about 125 characters; links do not click.
  instagram: { maxHashtags: 10, minHashtags: 3, maxHook: 125, noLinks: true },
  // More than a few hashtags reads as spam on Facebook, so we keep three; shorter posts do better.
  facebook: { maxHashtags: 3, maxText: 1_000 },
  // The first three hashtags show above the title (and more than 60 make YouTube ignore them all).
  youtube: { maxHashtags: 3 },
  // No hashtags in an email; a subject of 30 to 60 characters shows whole in inboxes; preview text
  // is cut after about 150.
  mailchimp: { maxText: 60_000, maxHashtags: 0, maxPreview: 150, maxSubject: 60, minSubject: 30 },
};

/** A provider's limits with the house style applied (never past a declared limit). */
export function rulesFor(limits: PostLimits, style: DraftStyle = {}): ChannelRules {
  const t = limits.text;
  const within = (declared: number | undefined, chosen: number | undefined, fallback: number) =>
    declared === undefined ? (chosen ?? fallback) : Math.min(declared, chosen ?? declared);
  return {
    maxText: within(t.max, style.maxText, DEFAULT_STYLE.maxText),
    maxHashtags: within(t.maxHashtags, style.maxHashtags, DEFAULT_STYLE.maxHashtags),
    ...(limits.title?.label === 'title' ? { maxTitle: limits.title.max } : {}),
    ...(limits.title?.label === 'subject'
      ? { maxSubject: Math.min(limits.title.max, style.maxSubject ?? limits.title.max) }
      : {}),
    ...(style.maxPreview === undefined ? {} : { maxPreview: style.maxPreview }),
    ...(t.forbidden ? { forbidden: t.forbidden } : {}),
    ...(t.counted === 'bytes' ? { countsBytes: true } : {}),
    needsMedia: limits.media !== undefined,
    ...(style.minHashtags === undefined ? {} : { minHashtags: style.minHashtags }),
    ...(style.minSubject === undefined ? {} : { minSubject: style.minSubject }),
    ...(style.maxHook === undefined ? {} : { maxHook: style.maxHook }),
    ...(style.noLinks ? { noLinks: true } : {}),
  };
}

/** The rules of every publishing network of `registry`. */
export function channelRulesOf(registry: readonly Provider[]): Record<string, ChannelRules> {
  return Object.fromEntries(
    providersWith(registry, 'publish').map((p) => [p.id, rulesFor(p.publish.limits, STYLE[p.id])]),
  );
}

export const CHANNEL_RULES = channelRulesOf(PROVIDERS) as Record<DraftChannel, ChannelRules>;

export const length = (s: string): number => graphemes(s).length;

/** Shortens to `max` characters at a word boundary when one is near, ending with "…". */
export function clip(s: string, max: number): string {
  const g = graphemes(s);
  if (g.length <= max) return s;
  if (max <= 1) return g.slice(0, max).join('');
  const cut = g.slice(0, max - 1).join('');
  const space = cut.lastIndexOf(' ');
  const base = space > cut.length * 0.6 ? cut.slice(0, space) : cut;
  return `${base.trimEnd()}…`;
}

const TAG = /#[\p{L}\p{M}\p{N}_]+/gu;
const countTags = (s: string): number => s.match(TAG)?.length ?? 0;

/** Keeps the first `keep` hashtags of a text and turns the rest into plain words. */
function dehash(s: string, keep: number): string {
  let seen = 0;
  return s.replace(TAG, (tag) => (++seen <= keep ? tag : tag.slice(1)));
}

/** The published text: body, call to action, hashtags. */
export function composeText(d: Draft): string {
  const tags = d.hashtags.join(' ');
  return [d.body, d.cta, tags].filter((x) => x.trim().length > 0).join('\n\n');
}

/** The text's size as its platform counts it: bytes for YouTube descriptions, characters elsewhere. */
export function textSize(channel: DraftChannel, s: string): number {
  return CHANNEL_RULES[channel].countsBytes ? Buffer.byteLength(s, 'utf8') : length(s);
}

const URL_IN_TEXT = /\bhttps?:\/\/\S+/giu;

/** The first line, which Instagram shows before "more". */
export const hookOf = (body: string): string => body.trimStart().split('\n')[0] ?? '';

/** Ends the first line at its last sentence end within `max` characters, when it has one. */
function breakHook(body: string, max: number): string {
  const hook = hookOf(body);
  if (length(hook) <= max) return body;
  const head = graphemes(hook).slice(0, max).join('');
  // At the last sentence end that fits; failing that, after a colon or comma, or at a space.
  for (const marks of [['. ', '! ', '? ', '؟ ', '… '], [': ', '، ', ', ', ' — '], [' ']]) {
    const end = Math.max(...marks.map((p) => head.lastIndexOf(p)));
    if (end > 0) {
      const cut = end + (marks[0] === ' ' ? 0 : 1);
      return `${hook.slice(0, cut).trimEnd()}\n${hook.slice(cut).trimStart()}${body.trimStart().slice(hook.length)}`;
    }
  }
  return body;
}

/** Brings any draft within its channel's limits; the body gives way first, then hashtags. */
export function fitToChannel(d: Draft): Draft {
  const rules = CHANNEL_RULES[d.channel];
  // A link that cannot be clicked is dropped (the call to action says "link in bio" instead).
  const unlink = (s: string) => (rules.noLinks ? s.replace(URL_IN_TEXT, '').replace(/[ \t]{2,}/g, ' ') : s);
  const strip = (s: string) => unlink(rules.forbidden ? s.replace(rules.forbidden, '') : s);
  const unique = [...new Set(d.hashtags.map((h) => h.trim()).filter((h) => /^#[\p{L}\p{M}\p{N}_]+$/u.test(h)))];
  // Hashtags typed into the topic count too: the body keeps what fits, the list gets the rest.
  const stripped = strip(d.body).trim();
  const body = dehash(rules.maxHook === undefined ? stripped : breakHook(stripped, rules.maxHook), rules.maxHashtags);
  const cta = dehash(strip(d.cta).trim(), Math.max(0, rules.maxHashtags - countTags(body)));
  const out: Draft = {
    channel: d.channel,
    body,
    cta,
    hashtags: unique.slice(0, Math.max(0, rules.maxHashtags - countTags(body) - countTags(cta))),
  };
  if (rules.maxTitle !== undefined)
    out.title = clip(strip(d.title ?? d.body.split('\n')[0] ?? '').trim(), rules.maxTitle);
  if (rules.maxSubject !== undefined) out.subject = clip((d.subject ?? '').trim(), rules.maxSubject);
  if (d.tags && d.tags.length > 0) out.tags = d.tags;
  if (rules.maxPreview !== undefined) out.preview = clip((d.preview ?? '').trim(), rules.maxPreview);
  shrink(out, rules);
  // Hashtags the body carried may have been cut with it: the list takes their place where it can.
  const room = rules.maxHashtags - countTags(out.body) - countTags(out.cta);
  if (out.hashtags.length < Math.min(room, unique.length)) {
    out.hashtags = unique.slice(0, room);
    shrink(out, rules);
  }
  return out;
}

/** Shortens a draft until its text fits: the body first, then hashtags, then the call to action. */
function shrink(out: Draft, rules: ChannelRules): void {
  // Each pass shrinks something; the bound only guards against a rule set that cannot be met.
  for (let pass = 0; pass < 200 && textSize(out.channel, composeText(out)) > rules.maxText; pass++) {
    const over = textSize(out.channel, composeText(out)) - rules.maxText;
    if (length(out.body) > 40) {
      out.body = clip(out.body, Math.max(40, length(out.body) - over - 1));
    } else if (out.hashtags.length > (rules.minHashtags ?? 0)) {
      out.hashtags = out.hashtags.slice(0, -1);
    } else {
      out.cta = clip(out.cta, Math.max(1, length(out.cta) - over - 1));
    }
  }
}

/** Every rule a draft breaks, for tests and for checking what an LLM returned. */
export function problems(d: Draft): string[] {
  const rules = CHANNEL_RULES[d.channel];
  const found: string[] = [];
  const text = composeText(d);
  if (textSize(d.channel, text) > rules.maxText) found.push(`text longer than ${rules.maxText}`);
  const tags = countTags(text);
  if (tags > rules.maxHashtags) found.push(`${tags} hashtags, limit ${rules.maxHashtags}`);
  if (rules.minHashtags !== undefined && tags < rules.minHashtags)
    found.push(`${tags} hashtags, at least ${rules.minHashtags}`);
  if (rules.maxHook !== undefined && length(hookOf(d.body)) > rules.maxHook)
    found.push(`first line longer than ${rules.maxHook}`);
  if (rules.noLinks && new RegExp(URL_IN_TEXT.source, 'iu').test(text)) found.push('a link the network cannot open');
  if (rules.minSubject !== undefined && d.subject !== undefined && length(d.subject) < rules.minSubject)
    found.push(`subject shorter than ${rules.minSubject}`);
  if (
    rules.forbidden &&
    (new RegExp(rules.forbidden.source).test(text) || new RegExp(rules.forbidden.source).test(d.title ?? ''))
  ) {
    found.push('forbidden characters');
  }
  if (rules.maxTitle !== undefined && (!d.title || length(d.title) > rules.maxTitle))
    found.push('title missing or too long');
  if (rules.maxSubject !== undefined && (!d.subject || length(d.subject) > rules.maxSubject))
    found.push('subject missing or too long');
  if (rules.maxPreview !== undefined && (!d.preview || length(d.preview) > rules.maxPreview))
    found.push('preview missing or too long');
  if (!d.cta) found.push('no call to action');
  if (d.body.trim().length === 0) found.push('empty body');
  return found;
}
