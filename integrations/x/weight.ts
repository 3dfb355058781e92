/**
 * How X counts a post's length (twitter-text's v3 configuration, which X's API applies): the text
 * is NFC-normalised; each URL counts 23 whatever its length (t.co wraps it); each emoji counts 2
 * however many code points it has; other code points count 1 in the ranges below (Latin, Greek,
 * Cyrillic, Arabic, Hebrew, Devanagari… up to U+10FF, and some punctuation) and 2 elsewhere (CJK,
 * Japanese, Korean…). A post may weigh 280.
 */
export const X_MAX_WEIGHT = 280;
export const X_URL_WEIGHT = 23;

/** twitter-text v3 `ranges` with weight 100 (one unit); everything else weighs 200 (two). */
const LIGHT: ReadonlyArray<readonly [number, number]> = [
  [0x0000, 0x10ff],
  [0x2000, 0x200d],
  [0x2010, 0x201f],
  [0x2032, 0x2037],
];

/** URLs as X finds them in text: with a scheme, or a www. address. */
const URL = /\b(?:https?:\/\/|www\.)[^\s<>"]+/giu;
const EMOJI = /^(?:\p{Extended_Pictographic}|\p{Regional_Indicator})/u;
const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

const light = (cp: number) => LIGHT.some(([from, to]) => cp >= from && cp <= to);

function weighPlain(text: string): number {
  let total = 0;
  for (const { segment } of segmenter.segment(text)) {
    if (EMOJI.test(segment)) {
      total += 2;
      continue;
    }
    for (const ch of segment) total += light(ch.codePointAt(0) ?? 0) ? 1 : 2;
  }
  return total;
}

/** The weighted length X gives `text` (compare with X_MAX_WEIGHT). */
export function xWeight(text: string): number {
  const s = text.normalize('NFC');
  let total = 0;
  let last = 0;
  for (const m of s.matchAll(URL)) {
    // Trailing punctuation ends a sentence, not the URL.
    const url = m[0].replace(/[.,;:!?)\]]+$/u, '');
    total += weighPlain(s.slice(last, m.index)) + X_URL_WEIGHT;
    last = (m.index ?? 0) + url.length;
  }
  return total + weighPlain(s.slice(last));
}

/** A thread is asked for by a line holding only `---` between its posts. */
export const THREAD_BREAK = /\n[ \t]*---[ \t]*\n/;

export function threadParts(text: string): string[] {
  return text
    .split(THREAD_BREAK)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}
