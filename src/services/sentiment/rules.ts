/**
 * The rule layer: lexicon words with negation and intensifiers, emoji, brand-complaint phrases and
 * question detection. It works for any language the lexicon covers and needs no training.
 */
import { isNegator, type RuleFeatures } from './features.js';
import {
  ARABIC_NOT_BAD,
  ARABIC_PHRASES,
  COMPLAINTS,
  type ComplaintKind,
  EXCLAMATIVE_AFTER_MA,
  INTENSIFIERS,
  NEGATIVE,
  NEGATIVE_EMOJI,
  NEGATIVE_PHRASES,
  POSITIVE,
  POSITIVE_EMOJI,
  QUESTION_OPENERS,
} from './lexicon.js';
import { emojis, normalize, words } from './normalize.js';

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
  /** Lexicon words, emoji and phrases that matched (for explanations and tests). */
  hits: string[];
}

function lookup(word: string): number | undefined {
  return POSITIVE[word] ?? (NEGATIVE[word] === undefined ? undefined : -NEGATIVE[word]);
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

export function applyRules(text: string): RuleResult {
  const norm = normalize(text);
  const ws = words(norm);
  const hits: string[] = [];
  let score = 0;
  let positive = 0;
  let negative = 0;
  let negatedNegative = false;
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i] as string;
    const p = polarity(w);
    if (!p) continue;
    let weight = p.weight;
    let negated = p.negatedInside;
    for (let j = Math.max(0, i - 3); j < i && !negated; j++) negated = negatesAt(ws, j);
    if (negated && weight < 0 && ARABIC.test(p.stem) && !ARABIC_NOT_BAD.has(p.stem)) negated = false;
    if (negated && weight < 0) negatedNegative = true;
    if (negated) weight *= weight > 0 ? NEGATED_POSITIVE : NEGATED_NEGATIVE;
    const near = [ws[i - 1], ws[i + 1], ws[i - 2]].map((n) => (n === undefined ? undefined : INTENSIFIERS[n]));
    const boost = near.find((b) => b !== undefined);
    if (boost !== undefined) weight *= boost;
    // Shouting a negative word ("WORST") makes it stronger.
    if (weight < 0 && /\p{Lu}{3,}/u.test(text) && text.includes(w.toUpperCase())) weight *= 1.3;
    hits.push(negated ? `not ${w}` : w);
    score += weight;
    if (weight > 0) positive += weight;
    else negative += weight;
  }
  for (const e of emojis(text)) {
    if (NEGATIVE_EMOJI.has(e)) {
      score -= 1.5;
      negative -= 1.5;
      hits.push(e);
    } else if (POSITIVE_EMOJI.has(e)) {
      score += 1.5;
      positive += 1.5;
      hits.push(e);
    }
  }
  let complaint: ComplaintKind | undefined;
  let complaintWeight = 0;
  const hasArabic = ARABIC.test(norm);
  const hasLatin = /[a-z]/.test(norm);
  if (hasLatin) {
    for (const p of NEGATIVE_PHRASES) {
      const m = p.pattern.exec(norm);
      if (!m) continue;
      hits.push(m[0]);
      score -= p.weight;
      negative -= p.weight;
    }
  }
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
  return {
    score,
    negative,
    softened: negatedNegative && negative === 0,
    complaint,
    question,
    plainQuestion: question && ws.length <= 12 && !ws.some((w) => REPROACH.has(w)),
    hits,
  };
}

/** What the trained regression reads of the rules: it learns how far to trust each kind of evidence. */
export function ruleFeatures(r: RuleResult): RuleFeatures {
  const out: Array<[string, number]> = [
    ['rule:score', Math.tanh(r.score / 3)],
    ['rule:negative', Math.tanh(r.negative / 3)],
  ];
  if (r.complaint) out.push(['rule:complaint', 1]);
  if (r.plainQuestion) out.push(['rule:question', 1]);
  if (r.softened) out.push(['rule:softened', 1]);
  return out;
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
