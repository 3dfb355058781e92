/**
 * Text normalisation shared by the rules, the trained model and the training script, so a word is
 * spelt the same way when the model is built and when it is used.
 */

const ARABIC_DIACRITICS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED]/g;
const TATWEEL = /\u0640/g;
const ARABIC_INDIC_DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/g;

/**
 * Arabic spelling varies more than its meaning: writers drop hamzas, swap taa marbuta for haa and
 * alef maqsura for yaa, stretch words with tatweel and repeat letters for emphasis ("حلووووو").
 */
export function normalizeArabic(s: string): string {
  return s
    .replace(ARABIC_DIACRITICS, '')
    .replace(TATWEEL, '')
    .replace(/[إأآٱ]/g, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/ة/g, 'ه')
    .replace(/ؤ/g, 'و')
    .replace(/ئ/g, 'ي')
    .replace(ARABIC_INDIC_DIGITS, (d) => String((d.charCodeAt(0) - (d >= '\u06F0' ? 0x06f0 : 0x0660)) % 10));
}

/** Lower case, Arabic unified, letters repeated three or more times cut to two ("soooo" -> "soo"). */
export function normalize(s: string): string {
  return normalizeArabic(s.normalize('NFKC').toLowerCase()).replace(/(\p{L})\1{2,}/gu, '$1$1');
}

const URL = /https?:\/\/\S+|www\.\S+/g;
const MENTION = /@[\p{L}\p{N}_.]+/gu;
// Letters and digits stay together so Arabizi ("7elw", "et2a5ar") remains one word.
const WORD = /[\p{L}\p{M}\p{N}_']+/gu;

/** Words of a normalised text; links and @mentions carry no sentiment and are dropped. */
export function words(normalized: string): string[] {
  const cleaned = normalized.replace(URL, ' ').replace(MENTION, ' ').replace(/#/g, ' ').replace(/_/g, ' ');
  return (
    cleaned
      .match(WORD)
      ?.map((w) => w.replace(/^'+|'+$/g, ''))
      .filter((w) => w.length > 0) ?? []
  );
}

// Latin punctuation only: Arabic rules and cuts were tuned with negation crossing "،" and "؟".
const CLAUSE_END = /[.,;:!?\n]+/;

/**
 * Words of a normalised text, clause by clause: the rules stop a negation at punctuation, so in
 * "not bad, love it" the "not" does not reach "love".
 */
export function clauses(normalized: string): string[][] {
  return normalized
    .replace(URL, ' ')
    .replace(MENTION, ' ')
    .split(CLAUSE_END)
    .map(words)
    .filter((c) => c.length > 0);
}

/** Emoji (and other pictographs) in order of appearance. */
export function emojis(s: string): string[] {
  return s.match(/\p{Extended_Pictographic}/gu) ?? [];
}
