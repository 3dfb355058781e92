/**
 * What the trained model sees of a text, as hashed feature ids (no feature string is ever stored):
 * normalised words, words inside a negation's scope marked as such, word pairs, character n-grams
 * inside words (Arabic glues و ب ال onto words, Arabizi spells one word many ways: pieces of words
 * generalise better than whole words), a consonant skeleton shared by Arabic script and Arabizi
 * ("mekasar" and "مكسور" both read "mksr"), emoji, and the language the text is written in.
 */
import { normalize } from './normalize.js';

// A negator marks the words after it until punctuation or three words have passed.
const NEGATORS = new Set([
  'not',
  'no',
  'never',
  "don't",
  "didn't",
  "doesn't",
  "isn't",
  "wasn't",
  "won't",
  "can't",
  'cannot',
  'dont',
  'didnt',
  'doesnt',
  'isnt',
  'wasnt',
  'wont',
  'cant',
  "wouldn't",
  "couldn't",
  "shouldn't",
  "aren't",
  "weren't",
  "haven't",
  "hasn't",
  "hadn't",
  "ain't",
  'wouldnt',
  'couldnt',
  'shouldnt',
  'arent',
  'werent',
  'havent',
  'hasnt',
  'aint',
  'nothing',
  'nobody',
  'none',
  'neither',
  'nor',
  'without',
  'hardly',
  'barely',
  'لا',
  'ما',
  'مش',
  'مو',
  'مب',
  'ماهو',
  'مهو',
  'ليس',
  'لست',
  'ليست',
  'لم',
  'لن',
  'بدون',
  'غير',
  'مافي',
  'مفيش',
  'مافيه',
  'mesh',
  'msh',
  'mish',
  'mafish',
  'mafi',
  'machi',
]);

/** Arabizi negators that are also words of other languages ("la" in French): negators only in Arabizi. */
const ARABIZI_NEGATORS = new Set(['ma', 'la', 'mch', 'mb']);

/** The rule layer's evidence as named values, for the regression to weigh (rules.ts builds it). */
export type RuleFeatures = ReadonlyArray<readonly [string, number]>;

export function isNegator(word: string): boolean {
  return NEGATORS.has(word) || /^ما.+ش$/.test(word);
}

/** How texts are cut into features; stored in the model file so training and use agree. */
export interface FeatureSettings {
  /** The hash space has 2^bits buckets per class. */
  bits: number;
  /** Character n-grams of lengths charMin..charMax inside "<word>"; charMax 0 for none. */
  charMin: number;
  charMax: number;
  /** Words shorter than this get no character n-grams (the word itself says it all). */
  charMinWord: number;
  bigrams: boolean;
  /** The consonant skeleton of Arabic and Arabizi words. */
  skeleton: boolean;
  /** Weight of a character n-gram relative to a word feature. */
  charWeight: number;
}

// Seeds keep the kinds of feature apart in the one hash space.
const SEED = { word: 1, negated: 2, pair: 3, char: 4, skeleton: 5, emoji: 6, lang: 7, mark: 8 } as const;

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a of s[start, end), mixed, with a seed per kind of feature. */
function hashRange(s: string, start: number, end: number, seed: number): number {
  let h = 0x811c9dc5 ^ Math.imul(seed, 0x9e3779b1);
  for (let i = start; i < end; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix(h);
}

const hash = (s: string, seed: number) => hashRange(s, 0, s.length, seed);

// Skeleton classes: letters that Arabizi writers and Arabic spelling swap map to one class;
// long vowels, glides and hamza seats carry little and are dropped.
const ARABIC_SKELETON: Record<string, string> = {
  ب: 'b',
  ت: 't',
  ط: 't',
  ث: 's',
  س: 's',
  ص: 's',
  ج: 'j',
  ح: 'h',
  ه: 'h',
  خ: 'x',
  د: 'd',
  ذ: 'd',
  ض: 'd',
  ظ: 'd',
  ر: 'r',
  ز: 'z',
  ش: 'c',
  ع: '3',
  غ: 'g',
  ف: 'f',
  ق: 'q',
  ء: 'q',
  ك: 'k',
  ل: 'l',
  م: 'm',
  ن: 'n',
  پ: 'b',
  ڤ: 'f',
  گ: 'j',
  ڭ: 'j',
};
const LATIN_SKELETON: Record<string, string> = {
  b: 'b',
  p: 'b',
  t: 't',
  '6': 't',
  s: 's',
  j: 'j',
  g: 'j',
  h: 'h',
  '7': 'h',
  '5': 'x',
  x: 'x',
  d: 'd',
  r: 'r',
  z: 'z',
  c: 'c',
  '3': '3',
  '8': 'g',
  f: 'f',
  v: 'f',
  q: 'q',
  '9': 'q',
  '2': 'q',
  k: 'k',
  l: 'l',
  m: 'm',
  n: 'n',
};

// Lookup tables by character code, built once: skeleton() runs on every word of Arabic comments.
const ARABIC_TABLE: string[] = Array.from(
  { length: 0x700 - 0x600 },
  (_, i) => ARABIC_SKELETON[String.fromCharCode(0x600 + i)] ?? '',
);
const LATIN_DIGRAPHS: Record<string, string> = { kh: '5', gh: '8', sh: 'c', ch: 'c', th: 'd', dh: 'd', ou: 'u' };

/** "mekasar" -> "mksr", "مكسور" -> "mksr"; "" when too little is left to mean anything. */
export function skeleton(word: string, arabicScript: boolean): string {
  let out = '';
  let last = '';
  const add = (k: string) => {
    // Doubled consonants (shadda, "mekassar") are one.
    if (k !== '' && k !== last) out += k;
    if (k !== '') last = k;
  };
  if (arabicScript) {
    let start = 0;
    if (word.length > 4 && (word.startsWith('ال') || word.startsWith('لل'))) start = 2;
    else if (word.length > 5 && (word.startsWith('وال') || word.startsWith('بال') || word.startsWith('فال'))) start = 3;
    for (let i = start; i < word.length; i++) {
      const code = word.charCodeAt(i);
      const k =
        code >= 0x600 && code < 0x700 ? (ARABIC_TABLE[code - 0x600] as string) : ARABIC_SKELETON[word[i] as string];
      add(k ?? '');
    }
  } else {
    let i = word.startsWith('el-') || word.startsWith('al-') ? 3 : word.startsWith('l-') ? 2 : 0;
    while (i < word.length) {
      const pair = word.slice(i, i + 2);
      let k: string | undefined;
      if (pair === "7'") k = '5';
      else if (pair === "3'") k = '8';
      else k = LATIN_DIGRAPHS[pair];
      if (k !== undefined) {
        add(LATIN_SKELETON[k] ?? '');
        i += 2;
      } else {
        add(LATIN_SKELETON[word[i] as string] ?? '');
        i++;
      }
    }
  }
  return out.length >= 2 ? out : '';
}

const URL = /https?:\/\/\S+|www\.\S+/g;
const MENTION = /@[\p{L}\p{N}_.]+/gu;
// Letters and digits stay together so Arabizi ("7elw", "et2a5ar") remains one word.
const TOKEN = /[\p{L}\p{M}\p{N}_']+|[.,;:!?؟،؛\n]+/gu;
const ARABIC_LETTER = /[\u0600-\u06FF]/;
const PUNCTUATION = new Set([...'.,;:!?؟،؛\n'].map((c) => c.charCodeAt(0)));
const PICTOGRAPH = /\p{Extended_Pictographic}/gu;

/** A reusable buffer of feature ids with their values. */
export class FeatureBuffer {
  ids = new Int32Array(512);
  values = new Float32Array(512);
  size = 0;

  push(id: number, value: number): void {
    if (this.size === this.ids.length) {
      const ids = new Int32Array(this.size * 2);
      ids.set(this.ids);
      this.ids = ids;
      const values = new Float32Array(this.size * 2);
      values.set(this.values);
      this.values = values;
    }
    this.ids[this.size] = id;
    this.values[this.size] = value;
    this.size++;
  }
}

export type TextScript = 'ar' | 'arabizi' | 'en' | 'other';

/**
 * Fills `out` with the text's hashed feature ids (bucket numbers below 2^bits) and values. Every
 * text's values add up to about the same length, so a long text does not shout down a short one.
 */
export function hashedFeatures(
  text: string,
  script: TextScript,
  s: FeatureSettings,
  out: FeatureBuffer,
  /** normalize(text), when the caller has it already. */
  normalized = normalize(text),
): void {
  out.size = 0;
  const mask = (1 << s.bits) - 1;
  const norm = normalized.replace(/[‘’]/g, "'").replace(URL, ' ').replace(MENTION, ' ').replace(/[#_]/g, ' ');
  const tokens = norm.match(TOKEN) ?? [];
  const wordIds: number[] = [];
  const charIds: number[] = [];
  let negatedFor = 0;
  let previous = -1;
  const skeletons = s.skeleton && (script === 'ar' || script === 'arabizi');
  for (const raw of tokens) {
    if (PUNCTUATION.has(raw.charCodeAt(0))) {
      // Punctuation ends a negation's scope and a word pair.
      negatedFor = 0;
      previous = -1;
      if (raw.includes('!')) wordIds.push(hash('!', SEED.mark));
      if (raw.includes('?') || raw.includes('؟')) wordIds.push(hash('?', SEED.mark));
      continue;
    }
    const w = raw.charCodeAt(0) === 39 || raw.charCodeAt(raw.length - 1) === 39 ? raw.replace(/^'+|'+$/g, '') : raw;
    if (w === '') continue;
    const h = hash(w, SEED.word);
    wordIds.push(negatedFor > 0 ? fmix(h ^ SEED.negated) : h);
    if (s.bigrams && previous >= 0) wordIds.push(fmix(Math.imul(previous, 31) + h + SEED.pair));
    previous = h;
    negatedFor = isNegator(w) || (script === 'arabizi' && ARABIZI_NEGATORS.has(w)) ? 3 : Math.max(0, negatedFor - 1);
    if (skeletons) {
      const k = skeleton(w, ARABIC_LETTER.test(w));
      if (k !== '') wordIds.push(hash(k, SEED.skeleton));
    }
    if (s.charMax > 0 && w.length >= s.charMinWord) {
      const padded = `<${w}>`;
      for (let n = s.charMin; n <= s.charMax; n++) {
        for (let j = 0; j + n <= padded.length; j++) charIds.push(hashRange(padded, j, j + n, SEED.char + n));
      }
    }
  }
  for (const e of text.match(PICTOGRAPH) ?? []) wordIds.push(hash(e, SEED.emoji));
  const weightSum = wordIds.length + charIds.length * s.charWeight * s.charWeight;
  const unit = weightSum === 0 ? 0 : 1 / Math.sqrt(weightSum);
  for (const id of wordIds) out.push(id & mask, unit);
  for (const id of charIds) out.push(id & mask, unit * s.charWeight);
  // The script says which class mix to expect: a bias per script, always 1.
  out.push(hash(script, SEED.lang) & mask, 1);
}
