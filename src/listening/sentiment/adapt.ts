/**
 * Adapts the offline classification to one brand's own comments, from the "Not negative" and
 * "Correct" presses on its alerts. Pure: the caller loads the workspace's feedback rows and passes
 * them in, so one workspace's presses can never reach another's comments.
 *
 * Two kinds of evidence:
 * - the same text (after normalisation) takes the verdict given to it;
 * - a word found in at least MIN_WORD_EXAMPLES feedback comments, all with the same verdict, moves
 *   the score toward that verdict. Only words the classifier itself reads as negative count
 *   ("sick", not "these"), and each cancels at most what the word weighs alone, so the shift is
 *   bounded. A comment with a complaint pattern is never moved toward "not negative": a few clicks
 *   on "sick" must not silence "I'm sick of waiting for my refund".
 */
import { type Cuts, labelOf, type Sentiment, type SentimentLabel, UNCERTAIN_MARGIN } from './index.js';
import { normalize, words } from './normalize.js';

/** What a press says: "Correct" confirms negative; "Not negative" says the alert was a false alarm. */
export const FEEDBACK_LABELS = ['negative', 'not-negative'] as const;
export type FeedbackLabel = (typeof FEEDBACK_LABELS)[number];

export interface FeedbackExample {
  text: string;
  label: FeedbackLabel;
}

/** The cuts a classification was labelled with (SentimentClassifier satisfies it). */
export interface Scale {
  cutsFor(s: Sentiment): Readonly<Cuts>;
}

export interface WordEvidence {
  label: FeedbackLabel;
  /** How negative the word reads on its own (0..1): the most a single word can shift a score. */
  weight: number;
  /** Feedback comments it was found in. */
  examples: number;
}

export interface Adaptation {
  /** Normalised text -> the verdict given to it (the latest one when a text was judged twice). */
  readonly exact: ReadonlyMap<string, FeedbackLabel>;
  readonly words: ReadonlyMap<string, WordEvidence>;
}

export const EMPTY_ADAPTATION: Adaptation = { exact: new Map(), words: new Map() };

/** A word needs this many feedback comments, all agreeing, before it counts. */
export const MIN_WORD_EXAMPLES = 2;
/** The most all of a comment's words together can move its score toward "not negative". */
export const MAX_RELIEF = 0.5;
/** The most they can move it toward "negative" (confirmations only sharpen a leaning). */
export const MAX_STRESS = 0.3;

export type Adapted = Sentiment & {
  /** Set when feedback decided the label: the same text was judged, or its words changed the label. */
  adaptedBy?: 'exact' | 'words';
};

/** The key two texts share when they are "the same comment" for feedback: normalised, spaces collapsed. */
export function textKey(text: string): string {
  return normalize(text).replace(/\s+/g, ' ').trim();
}

/**
 * Builds a workspace's adaptation. `examples` oldest first, so a later verdict on the same text wins.
 * `wordScore` is the offline score of a word alone (the classifier's), which keeps function words out.
 */
export function buildAdaptation(examples: readonly FeedbackExample[], wordScore: (word: string) => number): Adaptation {
  if (examples.length === 0) return EMPTY_ADAPTATION;
  const exact = new Map<string, FeedbackLabel>();
  const seen = new Map<string, Record<FeedbackLabel, number>>();
  for (const e of examples) {
    exact.set(textKey(e.text), e.label);
    for (const w of new Set(words(normalize(e.text)))) {
      const counts = seen.get(w) ?? { negative: 0, 'not-negative': 0 };
      counts[e.label]++;
      seen.set(w, counts);
    }
  }
  const evidence = new Map<string, WordEvidence>();
  for (const [w, counts] of seen) {
    const label: FeedbackLabel | undefined =
      counts.negative === 0 ? 'not-negative' : counts['not-negative'] === 0 ? 'negative' : undefined;
    if (!label || counts[label] < MIN_WORD_EXAMPLES) continue;
    const alone = wordScore(w);
    if (!(alone < 0)) continue;
    evidence.set(w, { label, weight: Math.min(1, -alone), examples: counts[label] });
  }
  return { exact, words: evidence };
}

/** Moves a classification to the side of the cuts a verdict names, keeping its other facts. */
export function settle(s: Sentiment, verdict: SentimentLabel | 'not-negative', scale: Scale): Sentiment {
  const cuts = scale.cutsFor(s);
  const { negative, positive } = cuts;
  const middle = (negative + positive) / 2;
  let score = s.score;
  // Past the review cut too, so a confirmed negative alerts.
  if (verdict === 'negative') score = Math.min(score, negative - UNCERTAIN_MARGIN, cuts.review ?? negative);
  else if (verdict === 'positive') score = Math.max(score, positive);
  else if (score <= negative || (verdict === 'neutral' && score >= positive)) score = middle;
  score = round(score);
  return { ...s, score, label: labelOf(score, cuts) };
}

/** A new comment's classification, adjusted by its workspace's feedback. */
export function adapt(a: Adaptation, text: string, s: Sentiment, scale: Scale): Adapted {
  if (a.exact.size === 0) return s;
  const verdict = a.exact.get(textKey(text));
  // A person's "Not negative" on this very text also outweighs the urgency patterns.
  if (verdict) {
    return {
      ...settle(s, verdict, scale),
      ...(verdict === 'not-negative' ? { urgency: undefined } : {}),
      adaptedBy: 'exact',
    };
  }
  if (a.words.size === 0) return s;
  let relief = 0;
  let stress = 0;
  for (const w of new Set(words(normalize(text)))) {
    const e = a.words.get(w);
    if (!e) continue;
    if (e.label === 'not-negative') relief += e.weight;
    else stress += e.weight;
  }
  let score = s.score;
  // Relief cancels what the brand's harmless words weigh, up to neutral and never past it.
  if (relief > 0 && !s.complaint && score < 0) score = Math.min(score + Math.min(relief, MAX_RELIEF), 0);
  // Confirmed complaint words only deepen a comment that already leans negative.
  if (stress > 0 && score < 0) score = Math.max(-1, score - Math.min(stress, MAX_STRESS));
  if (score === s.score) return s;
  score = round(score);
  const label = labelOf(score, scale.cutsFor(s));
  return { ...s, score, label, ...(label !== s.label ? { adaptedBy: 'words' as const } : {}) };
}

const round = (n: number) => Math.round(n * 1000) / 1000;
