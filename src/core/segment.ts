/**
 * Unicode segmentation (graphemes, words) for long text. V8's Intl.Segmenter slows down with the
 * position in the string (a 2 MB page took minutes), so the text is fed in slices cut at whitespace,
 * where no grapheme or word can straddle the cut.
 */

const SLICE = 1024;
const MAX_SLICE = 16 * 1024;
const segmenters = new Map<string, Intl.Segmenter>();

function segmenter(granularity: 'grapheme' | 'word', locale: string): Intl.Segmenter {
  const key = `${granularity}|${locale}`;
  let s = segmenters.get(key);
  if (!s) {
    s = new Intl.Segmenter(locale, { granularity });
    segmenters.set(key, s);
  }
  return s;
}

/**
 * Slices of about SLICE characters, each ending just after a whitespace character. A run without
 * whitespace (Thai, Chinese, a huge token) is followed up to MAX_SLICE and only then cut, which may
 * split one word in two in such text: a miscount of one word per 16 K characters at worst.
 */
function* slices(text: string): Generator<string> {
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + SLICE);
    if (end < text.length) {
      const back = text.slice(start, end).search(/\s\S*$/);
      if (back > 0) {
        end = start + back + 1;
      } else {
        const ahead = text.slice(end, start + MAX_SLICE).search(/\s/);
        end = ahead >= 0 ? end + ahead + 1 : Math.min(text.length, start + MAX_SLICE);
        // Never cut between the two halves of a surrogate pair.
        if (end < text.length && /[\uD800-\uDBFF]/.test(text[end - 1] ?? '')) end--;
      }
    }
    yield text.slice(start, end);
    start = end;
  }
}

export function* segments(text: string, granularity: 'grapheme' | 'word', locale = 'en'): Generator<Intl.SegmentData> {
  const s = segmenter(granularity, locale);
  for (const part of slices(text)) yield* s.segment(part);
}

/** Characters as a person counts them: an emoji with modifiers or a letter with its marks is one. */
export function graphemes(text: string): string[] {
  return Array.from(segments(text, 'grapheme'), (g) => g.segment);
}

// Scripts written without spaces between words: only the Unicode word breaker can count them.
const UNSPACED =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const EDGE_MARKS = /^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu;
const PLAIN_WORD = /^[\p{L}\p{M}\p{N}]+$/u;

/**
 * Words in any script (Arabic, CJK and Thai included), as the Unicode word breaker counts them. A
 * plain token between spaces ("coffee,", "قهوة") is one word without asking the breaker, which is
 * what makes a large page fast; anything else goes through it.
 */
export function countWords(text: string, locale = 'en'): number {
  let n = 0;
  const breaker = segmenter('word', locale);
  for (const token of text.split(/\s+/)) {
    if (token.length === 0) continue;
    const core = token.replace(EDGE_MARKS, '');
    if (core.length === 0 && !/[\p{L}\p{N}]/u.test(token)) continue;
    if (PLAIN_WORD.test(core) && !UNSPACED.test(core)) {
      n++;
      continue;
    }
    for (const part of slices(token)) for (const w of breaker.segment(part)) if (w.isWordLike) n++;
  }
  return n;
}
