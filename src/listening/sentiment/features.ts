/**
 * What the trained model sees of a text: normalised words, negation-marked words, word pairs and
 * character n-grams inside words (Arabic glues prefixes such as و ب ال onto words, so pieces of
 * words generalise better than whole words on a small data set).
 */
import { normalize, words } from './normalize.js';

// A negator flips the words after it until punctuation or three words have passed.
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
]);

/** The rule layer's evidence as named values, for the regression to weigh (rules.ts builds it). */
export type RuleFeatures = ReadonlyArray<readonly [string, number]>;

export function isNegator(word: string): boolean {
  return NEGATORS.has(word) || /^ما.+ش$/.test(word);
}

export function featuresOf(text: string): string[] {
  const norm = normalize(text);
  const ws = words(norm);
  const out: string[] = [];
  let negatedFor = 0;
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i] as string;
    out.push(negatedFor > 0 ? `!${w}` : w);
    negatedFor = isNegator(w) ? 3 : Math.max(0, negatedFor - 1);
    const next = ws[i + 1];
    if (next !== undefined) out.push(`${w} ${next}`);
    if (w.length >= 4) {
      const padded = `<${w}>`;
      for (let n = 3; n <= 4; n++) {
        for (let j = 0; j + n <= padded.length; j++) out.push(`#${padded.slice(j, j + n)}`);
      }
    }
  }
  for (const e of text.match(/\p{Extended_Pictographic}/gu) ?? []) out.push(`e:${e}`);
  if (/[?؟]/.test(text)) out.push('?');
  if (/!/.test(text)) out.push('!');
  return out;
}
