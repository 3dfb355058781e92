/**
 * The small text skills the copywriter needs: keywords woven into a phrase, hashtags from a topic,
 * the seams templates leave (doubled words, stray spaces, "?." endings) mended, Arabic punctuation
 * and the workspace's digit style.
 */
import type { Locale } from '../../core/i18n.js';
import { normalizeArabic } from '../../lib/arabic-values.js';
import type { BrandProfile } from '../../workspace/brand.js';
import { PLACES } from './data/places.js';
import type { Phrasebook } from './phrasebook.js';
import type { TopicKind } from './topic.js';

/** "cold brew" -> #ColdBrew; "القهوة الباردة" -> #القهوة_الباردة; nothing for digits alone. */
export function toHashtag(phrase: string): string | undefined {
  const words = phrase
    .normalize('NFC')
    .split(/[^\p{L}\p{M}\p{N}_]+/u)
    .filter(Boolean);
  if (words.length === 0) return undefined;
  const latin = words.every((w) => /^[\p{Script=Latin}\p{M}\p{N}_]+$/u.test(w));
  const tag = latin ? words.map((w) => (w[0] ?? '').toUpperCase() + w.slice(1)).join('') : words.join('_');
  if (/^[\p{N}_]+$/u.test(tag)) return undefined;
  return `#${tag}`;
}

/** Keywords as typed: "cold brew, summer drinks، قهوة". */
export function splitKeywords(raw: string | undefined): string[] {
  if (!raw) return [];
  const seen = new Set<string>();
  return raw
    .split(/[,،;؛\n]+/)
    .map((k) => k.trim())
    .filter((k) => k.length > 0 && !seen.has(k.toLowerCase()) && seen.add(k.toLowerCase()));
}

const PLACE_SET = new Set(PLACES);
export const isPlace = (k: string): boolean => PLACE_SET.has(k.toLowerCase()) || PLACE_SET.has(normalizeArabic(k));

/** Folded for comparisons: lower case, Arabic letter forms merged. */
export const fold = (s: string): string => normalizeArabic(s.toLowerCase());

/**
 * The keywords as one phrase that reads inside a sentence: places go after "in" ("kids dentist in
 * Jeddah"), the rest are joined; keywords the topic already says are left out (no repetition).
 */
export function weaveKeywords(keywords: readonly string[], topic: string, book: Phrasebook): string {
  const said = fold(topic);
  const fresh = keywords.filter((k) => !said.includes(fold(k))).slice(0, 4);
  const places = fresh.filter(isPlace);
  const things = fresh.filter((k) => !isPlace(k));
  const what = book.join(things);
  return places.length > 0 ? book.inPlace(what, book.join(places)) : what;
}

/**
 * The topic's own phrases: runs of up to three words between its small words ("dental check-up",
 * «فحص أسنان»), an Arabic "لل" prefix read as "ال" («للأطفال» -> «الأطفال»).
 */
export function topicPhrases(topic: string, book: Phrasebook): string[] {
  const words = topic.split(/[^\p{L}\p{M}\p{N}_'-]+/u).filter(Boolean);
  const phrases: string[] = [];
  let run: string[] = [];
  // The word after a run cut at three words is its tail ("…الحجز الإلكتروني"): alone it says little.
  let tail = false;
  const flush = (full = false) => {
    if (run.length > 1 || (run.length === 1 && !tail)) phrases.push(run.join(' '));
    run = [];
    tail = full;
  };
  for (const raw of words) {
    const w = raw.replace(/^لل(?=\p{L}{3})/u, 'ال');
    const arabic = /\p{Script=Arabic}/u.test(w);
    const small =
      book.stopwords.has(w.toLowerCase()) ||
      book.stopwords.has(raw) ||
      /^\p{N}+$/u.test(w) ||
      w.length < (arabic ? 2 : 3) ||
      // An Arabic verb with its person prefix and a suffix («تفضلون»، «نضيفها») makes a poor hashtag.
      (arabic && /^[تنيأ]\p{L}{2,}(ون|ين|ها|هم|كم|نا)$/u.test(w));
    if (small) flush();
    else {
      run.push(w);
      if (run.length === 3) flush(true);
    }
  }
  flush();
  return phrases;
}

/** Hashtag sources in order of relevance: keywords, the topic, the brand's own, then the kind's. */
export function tagPhrases(
  o: { topic: string; keywords: readonly string[]; brand: BrandProfile; kind: TopicKind },
  book: Phrasebook,
): string[] {
  const whole = o.topic.split(/\s+/).length <= 3 ? [o.topic] : [];
  return [
    ...o.keywords,
    ...whole,
    ...topicPhrases(o.topic, book).slice(0, 3),
    ...(o.brand.hashtags ?? []),
    ...(o.brand.name ? [o.brand.name] : []),
    ...book.kindTags[o.kind].map((t) => t.replace(/_/g, ' ')),
  ];
}

/** Hashtags in order of relevance, one per phrase, no repeats. */
export function hashtagsFor(
  o: { topic: string; keywords: readonly string[]; brand: BrandProfile; kind: TopicKind },
  book: Phrasebook,
): string[] {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const c of tagPhrases(o, book)) {
    const tag = toHashtag(c);
    if (!tag || seen.has(fold(tag))) continue;
    seen.add(fold(tag));
    tags.push(tag);
  }
  return tags;
}

/** Words a person typed, for checking what a sentence repeats. */
const WORD = /[\p{L}\p{M}\p{N}]+/gu;

/**
 * Mends the seams templates leave: spaces before punctuation, doubled sentence ends ("?."), a word
 * said twice in a row ("the the"), runs of spaces. Links are left as they are.
 */
export function tidy(s: string): string {
  return s
    .split(/(\bhttps?:\/\/\S+)/u)
    .map((part, i) => {
      if (i % 2 === 1) return part;
      return part
        .replace(/[ \t]+([,.!?:;،؛؟])/gu, '$1')
        .replace(/([?!؟])[.]+/gu, '$1')
        .replace(/\.{2}(?!\.)/gu, '.')
        .replace(/:\s*:/gu, ':')
        .replace(/[ \t]{2,}/gu, ' ')
        .replace(/(^|[^\p{L}\p{M}\p{N}#_])([\p{L}\p{M}\p{N}]+)([ \t]+\2)+(?![\p{L}\p{M}\p{N}])/giu, '$1$2');
    })
    .join('');
}

/** Two identical words in a row (case-insensitive), outside links and hashtags: a template seam. */
export function doubledWord(s: string): string | undefined {
  const words = s.replace(/\bhttps?:\/\/\S+|#[\p{L}\p{M}\p{N}_]+/gu, ' ').match(WORD) ?? [];
  for (let i = 1; i < words.length; i++) {
    const a = words[i - 1];
    const b = words[i];
    if (a && b && fold(a) === fold(b) && !/^\p{N}+$/u.test(a)) return a;
  }
  return undefined;
}

const WESTERN = '0123456789';
const EASTERN = '٠١٢٣٤٥٦٧٨٩';

/** Arabic text in the workspace's digits and punctuation; links and hashtags kept as typed. */
export function arabicForm(s: string, digits: 'latin' | 'arabic'): string {
  return s
    .split(/(\bhttps?:\/\/\S+|#[\p{L}\p{M}\p{N}_]+)/u)
    .map((part, i) => {
      if (i % 2 === 1) return part;
      const punctuated = part
        .replace(/\?/g, '؟')
        .replace(/;/g, '؛')
        .replace(/,(?!\d)/g, '،');
      return digits === 'arabic'
        ? punctuated.replace(/[0-9]/g, (d) => EASTERN[Number(d)] ?? d).replace(/%/g, '٪')
        : punctuated.replace(/[٠-٩]/g, (d) => WESTERN[EASTERN.indexOf(d)] ?? d).replace(/٪/g, '%');
    })
    .join('');
}

/** The brand's words to avoid, as a test on a sentence. */
export function avoids(brand: BrandProfile, locale: Locale): (s: string) => boolean {
  const words = (brand.wordsToAvoid ?? []).map(fold).filter(Boolean);
  if (words.length === 0) return () => false;
  return (s) => {
    const text = fold(s);
    return words.some((w) =>
      locale === 'ar' || /\p{Script=Arabic}/u.test(w)
        ? text.includes(w)
        : new RegExp(`(^|[^\\p{L}\\p{N}])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}\\p{N}])`, 'u').test(
            text,
          ),
    );
  };
}

/** A stable number for a string (FNV-1a), so a request always starts from the same line. */
export function hash(seed: string): number {
  let h = 2166136261;
  for (const ch of seed) h = Math.imul(h ^ (ch.codePointAt(0) ?? 0), 16777619);
  return h >>> 0;
}
