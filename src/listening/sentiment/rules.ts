/**
 * The rule layer: lexicon words with negation and intensifiers, emoji, brand-complaint phrases and
 * question detection. It works for any language the lexicon covers and needs no training. The
 * lexicon itself (words, phrases, weights) is data, in data/lexicon.ts; this file reads it.
 */
import {
  ARABIC_NOT_BAD,
  ARABIC_PHRASES,
  COMPLAINTS,
  type ComplaintKind,
  EXCLAMATIVE_AFTER_MA,
  INTENSIFIERS,
  NEGATIVE,
  NEGATIVE_EMOJI,
  NEGATIVE_EMOTICON,
  NEGATIVE_PHRASES,
  POSITIVE,
  POSITIVE_EMOJI,
  POSITIVE_EMOTICON,
  POSITIVE_PHRASES,
  QUESTION_OPENERS,
} from './data/lexicon.js';
import { isNegator, type RuleFeatures } from './features.js';
import { clauses, emojis, normalize, words } from './normalize.js';

export interface RuleResult {
  /** Signed evidence: below zero negative, above zero positive; 0 when nothing matched. */
  score: number;
  /** Sum of the negative evidence alone (<= 0). */
  negative: number;
  /** A negative word was negated ("not bad", "مش وحش") and nothing else negative was found. */
  softened: boolean;
  /** The strongest complaint found, if any. */
  complaint: ComplaintKind | undefined;
  question: boolean;
  /** A short question that is not a "why" reproach: "do you ship to Jeddah?", "بكم السعر؟". */
  plainQuestion: boolean;
  /** A praise idiom matched ("can't wait to", "never disappoints"): praise that looks negative word by word. */
  praise: boolean;
  /** A laughing emoji next to negative evidence: mockery, not amusement ("قهوة بطعم المويه 😂"). */
  mocking: boolean;
  /** Lexicon words, emoji and phrases that matched (for explanations and tests). */
  hits: string[];
}

/** Laughing faces: praise next to praise, mockery next to a complaint. */
const LAUGHING = /[😂🤣😹😆😅]/u;

// Signed weights in one Map: looking a fresh string up in a large object literal costs about ten
// times more, and every word of every comment is looked up.
const WEIGHTS = new Map<string, number>([
  ...Object.entries(NEGATIVE).map(([w, n]): [string, number] => [w, -n]),
  ...Object.entries(POSITIVE),
]);

function lookup(word: string): number | undefined {
  return WEIGHTS.get(word);
}

interface Match {
  weight: number;
  /** The lexicon entry matched, once prefixes and wrapped negation are removed. */
  stem: string;
}

// Arabic glues conjunctions, prepositions and the article onto words ("والخدمه", "بنجاح", "فاشل"
// stays whole): tried only when the whole word is not in the lexicon, shortest prefix first. A lone
// و ف ب must leave four letters ("فندم" is not ف + "ندم", "بكره" tomorrow is not ب + "كره"), the
// article three.
const OUTER_PREFIXES = ['', 'و', 'ف'];
const INNER_PREFIXES = ['', 'ال', 'ب', 'لل', 'بال', 'كال'];
const ARABIC_PREFIXES = OUTER_PREFIXES.flatMap((o) => INNER_PREFIXES.map((i) => o + i))
  .filter((p) => p !== '')
  .sort((a, b) => a.length - b.length);

/** The word's lexicon entry, also after stripping the Arabic prefixes above. */
function prefixedLookup(word: string): Match | undefined {
  const direct = lookup(word);
  if (direct !== undefined) return { weight: direct, stem: word };
  if (!ARABIC.test(word)) return undefined;
  for (const p of ARABIC_PREFIXES) {
    if (word.length - p.length < (p.length === 1 ? 4 : 3) || !word.startsWith(p)) continue;
    const stem = word.slice(p.length);
    const weight = lookup(stem);
    if (weight !== undefined) return { weight, stem };
  }
  return undefined;
}

/** Sentiment of a word, also through Egyptian/Gulf negation wrapped around it ("معجبنيش" = ما + عجبني + ش). */
export function polarity(word: string): (Match & { negatedInside: boolean }) | undefined {
  const direct = prefixedLookup(word);
  if (direct !== undefined) return { ...direct, negatedInside: false };
  const wrapped = /^ما?(.{3,})ش$/.exec(word);
  if (wrapped) {
    const stem = wrapped[1] as string;
    const inner = lookup(stem);
    if (inner !== undefined) return { weight: inner, stem, negatedInside: true };
  }
  return undefined;
}

/**
 * Whether the word at i negates what follows. "ومش", "وما", "ولا" carry a conjunction; "ما" before
 * an elative is an exclamation ("ما احلي" = how lovely) and in "ما شاء الله" a blessing.
 */
function negatesAt(ws: readonly string[], i: number): boolean {
  const w = ws[i] as string;
  if (w === 'ما' && EXCLAMATIVE_AFTER_MA.has(ws[i + 1] ?? '')) return false;
  return isNegator(w) || (/^[وف]..+$/.test(w) && isNegator(w.slice(1)));
}

const ARABIC = /[\u0600-\u06FF]/;

/** Complaint patterns joined per script, so a comment is scanned only by the patterns of its letters. */
const COMPLAINT_PATTERNS = COMPLAINTS.map((c) => {
  const join = (ps: RegExp[]) => (ps.length === 0 ? undefined : new RegExp(ps.map((p) => `(?:${p.source})`).join('|')));
  return {
    kind: c.kind,
    weight: c.weight,
    arabic: join(c.patterns.filter((p) => ARABIC.test(p.source))),
    latin: join(c.patterns.filter((p) => !ARABIC.test(p.source))),
  };
});

/** Negation turns "good" into mild criticism and "bad" into mild praise ("not bad"), not the opposite extreme. */
const NEGATED_POSITIVE = -0.8;
const NEGATED_NEGATIVE = -0.4;

/**
 * Words stretched for emphasis ("loooove", "baaaad") as normalize() leaves them ("loove") mapped to
 * their dictionary spelling, for words that are not in the lexicon as they stand. Only letters
 * repeated three times or more count as stretched: "latte" must not become "late".
 */
function stretchedWords(text: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!/([a-z])\1\1/i.test(text)) return out;
  for (const [w] of text.toLowerCase().matchAll(/[a-z]*([a-z])\1{2,}[a-z]*/g)) {
    out.set(normalize(w), w.replace(/([a-z])\1{2,}/g, '$1'));
  }
  return out;
}

const FACE = 1.5;
function faceWeight(emoji: string): number {
  if (NEGATIVE_EMOJI.has(emoji)) return -FACE;
  return POSITIVE_EMOJI.has(emoji) ? FACE : 0;
}

// "بس" is left out: it also means "only" and "enough".
const CONTRASTS = new Set(['but', 'however', 'لكن', 'ولكن', 'لاكن']);
// VADER's weights (Hutto and Gilbert, 2014): the words before the last contrast count half, the
// words after it half as much again.
const CONTRAST_BEFORE = 0.5;
const CONTRAST_AFTER = 1.5;

/** Index of the last contrast word ("but", "لكن"), or -1. */
function lastContrast(ws: readonly string[]): number {
  for (let i = ws.length - 1; i >= 0; i--) if (CONTRASTS.has(ws[i] as string)) return i;
  return -1;
}

/** The text with a matched phrase replaced by spaces, so its words are not scored a second time. */
function blank(text: string, m: RegExpExecArray): string {
  return text.slice(0, m.index) + ' '.repeat(m[0].length) + text.slice(m.index + m[0].length);
}

export function applyRules(text: string, normalized = normalize(text)): RuleResult {
  // Phone keyboards type curly apostrophes: "don’t" must be the negator "don't", not "don" and "t".
  const norm = normalized.replace(/[‘’]/g, "'");
  const sentences = clauses(norm);
  const ws = sentences.flat();
  const hits: string[] = [];
  let score = 0;
  let positive = 0;
  let negative = 0;
  let negatedNegative = false;
  let praise = false;
  const hasLatin = /[a-z]/.test(norm);
  // Idioms before single words: an idiom's words are blanked out of `rest`, so they count once,
  // through the idiom. Complaint idioms go first, so that praise inside one ("not worth it") is not
  // read as praise. Arabic comments are skipped even when a link or an @mention is in Latin letters.
  let rest = norm;
  if (ws.some((w) => /[a-z]/.test(w))) {
    for (const p of NEGATIVE_PHRASES) {
      const m = p.pattern.exec(norm);
      if (!m) continue;
      hits.push(m[0]);
      score -= p.weight;
      negative -= p.weight;
      rest = blank(rest, m);
    }
    for (const p of POSITIVE_PHRASES) {
      const m = p.pattern.exec(rest);
      if (!m) continue;
      hits.push(m[0]);
      score += p.weight;
      positive += p.weight;
      praise = true;
      rest = blank(rest, m);
    }
  }
  const stretched = stretchedWords(text);
  const scoredClauses = rest === norm ? sentences : clauses(rest);
  const contrastAt = lastContrast(scoredClauses === sentences ? ws : scoredClauses.flat());
  let at = -1;
  for (const scored of scoredClauses) {
    for (let i = 0; i < scored.length; i++) {
      at++;
      let w = scored[i] as string;
      let p = polarity(w);
      const plain = stretched.get(w);
      if (!p && plain) {
        w = plain;
        p = polarity(w);
      }
      if (!p) continue;
      let weight = p.weight;
      let negated = p.negatedInside;
      for (let j = Math.max(0, i - 3); j < i && !negated; j++) negated = negatesAt(scored, j);
      // Most negated Arabic negatives stay negative ("لا للفساد" is "no to corruption").
      if (negated && weight < 0 && ARABIC.test(p.stem) && !ARABIC_NOT_BAD.has(p.stem)) negated = false;
      if (negated && weight < 0) negatedNegative = true;
      if (negated) weight *= weight > 0 ? NEGATED_POSITIVE : NEGATED_NEGATIVE;
      const near = [scored[i - 1], scored[i + 1], scored[i - 2]].map((n) =>
        n === undefined ? undefined : INTENSIFIERS[n],
      );
      const boost = near.find((b) => b !== undefined);
      if (boost !== undefined) weight *= boost;
      // "X but Y": what follows the contrast is what the writer means.
      if (contrastAt >= 0) weight *= at < contrastAt ? CONTRAST_BEFORE : CONTRAST_AFTER;
      // Shouting a negative word ("WORST") makes it stronger.
      if (weight < 0 && /\p{Lu}{3,}/u.test(text) && text.includes(w.toUpperCase())) weight *= 1.3;
      hits.push(negated ? `not ${w}` : w);
      score += weight;
      if (weight > 0) positive += weight;
      else negative += weight;
    }
  }
  // Emoji and typed emoticons weigh like a clear word each.
  const typed = text.replace(/https?:\/\/\S+/g, ' ');
  const faces: Array<[string, number]> = [
    ...emojis(text).map((e): [string, number] => [e, faceWeight(e)]),
    ...[...typed.matchAll(NEGATIVE_EMOTICON)].map((m): [string, number] => [m[0], -FACE]),
    ...[...typed.matchAll(POSITIVE_EMOTICON)].map((m): [string, number] => [m[0], FACE]),
  ];
  for (const [face, weight] of faces) {
    if (weight === 0) continue;
    score += weight;
    if (weight > 0) positive += weight;
    else negative += weight;
    hits.push(face);
  }
  let complaint: ComplaintKind | undefined;
  let complaintWeight = 0;
  const hasArabic = ARABIC.test(norm);
  if (hasArabic) {
    for (const p of ARABIC_PHRASES) {
      const m = p.pattern.exec(norm);
      if (!m) continue;
      hits.push(m[0]);
      score += p.weight;
      if (p.weight > 0) positive += p.weight;
      else negative += p.weight;
    }
  }
  for (const c of COMPLAINT_PATTERNS) {
    let m: RegExpExecArray | null = null;
    if (hasArabic) m = c.arabic?.exec(norm) ?? null;
    if (!m && hasLatin) m = c.latin?.exec(norm) ?? null;
    if (!m) continue;
    hits.push(`${c.kind}: ${m[0]}`);
    if (c.weight > complaintWeight) {
      complaint = c.kind;
      complaintWeight = c.weight;
    }
  }
  if (complaint) {
    // Praise next to a complaint is politeness or sarcasm: it must not cancel the complaint.
    score = score - positive - complaintWeight;
    negative -= complaintWeight;
  }
  if (/!{2,}/.test(text) && score < 0) score *= 1.2;
  const question = isQuestion(text, ws);
  const mocking = negative < 0 && LAUGHING.test(text);
  // Mockery: the praise around a complaint and a laugh is sarcasm, so it counts for nothing.
  if (mocking && !complaint) score = Math.min(score, negative);
  return {
    score,
    negative,
    softened: negatedNegative && negative === 0,
    complaint,
    question,
    plainQuestion: question && ws.length <= 12 && !ws.some((w) => REPROACH.has(w)),
    praise,
    mocking,
    hits,
  };
}

/**
 * What the trained regression reads of the rules (and of the urgency patterns): it learns how far to
 * trust each kind of evidence, per script (`prefix`): the English rules were written on review
 * sentences and are sharper than the Arabic ones on dialect tweets.
 */
export function ruleFeatures(r: RuleResult, urgency?: string, prefix = ''): RuleFeatures {
  const out: Array<[string, number]> = [
    ['rule:score', Math.tanh(r.score / 3)],
    ['rule:negative', Math.tanh(r.negative / 3)],
    ['rule:positive', Math.tanh(Math.max(0, r.score - r.negative) / 3)],
  ];
  if (r.complaint) out.push(['rule:complaint', 1], [`rule:complaint:${r.complaint}`, 1]);
  if (r.question) out.push(['rule:question', 1]);
  if (r.plainQuestion) out.push(['rule:plain-question', 1]);
  if (r.softened) out.push(['rule:softened', 1]);
  if (r.praise) out.push(['rule:praise', 1]);
  if (r.mocking) out.push(['rule:mocking', 1]);
  if (urgency) out.push(['rule:urgent', 1], [`rule:urgent:${urgency}`, 1]);
  return prefix === '' ? out : out.map(([name, v]) => [`${prefix}:${name}`, v]);
}

// "Why ..." questions are usually complaints, not requests for information.
const REPROACH = new Set(['why', 'ليش', 'ليه', 'لماذا', 'لمذا', 'leh', 'lesh', 'leeh']);

/** A question that waits for an answer: a question mark, or a sentence opening with a question word. */
export function isQuestion(text: string, ws: readonly string[] = words(normalize(text))): boolean {
  if (/[?؟]/.test(text.replace(/https?:\/\/\S+/g, ''))) return true;
  const first = ws[0];
  if (first === undefined) return false;
  if (QUESTION_OPENERS.has(first)) return true;
  // "do you ship to Jeddah" / "هل يوجد" may follow a greeting: "hi, do you ..." / "السلام عليكم هل ..."
  return ws
    .slice(1, 4)
    .some(
      (w, i) =>
        ['do', 'does', 'can', 'هل', 'متي', 'بكم', 'بكام', 'كم'].includes(w) && i < 3 && isGreeting(ws[0] as string),
    );
}

const GREETINGS = new Set(['hi', 'hello', 'hey', 'السلام', 'سلام', 'مرحبا', 'هلا', 'اهلا', 'salam', 'hala', 'ahlan']);
function isGreeting(w: string): boolean {
  return GREETINGS.has(w);
}
