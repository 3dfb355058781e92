/**
 * Choosing the cuts (negative, urgent, positive weight) and the rule overrides from cross-validated
 * chances, and the figures every table reports: per source, negative precision / recall / F1, the
 * false-alarm rate of the alerts (urgent + review) on neutral and positive rows, and the precision
 * of urgent alerts.
 */
import { BRAND_QUESTIONS, type SourceRow } from './dataset.js';
import type { TextScript } from './features.js';
import { type Evidence, modelScore, type Sentiment, SentimentClassifier } from './index.js';
import type { Cuts, Probabilities } from './model.js';

export interface SourceFigures {
  source: string;
  n: number;
  negatives: number;
  precision: number;
  recall: number;
  f1: number;
  /** F1 of answering "negative" to everything: the floor a model must beat. */
  allNegativeF1: number;
  /** Neutral and positive rows that raised an alert (urgent or review), over all neutral and positive rows. */
  falseAlarm: number;
  urgent: number;
  /** Negative rows among the urgent ones (NaN when none was urgent). */
  urgentPrecision: number;
}

const f1Of = (tp: number, fp: number, fn: number) => (tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn));

/** Figures per source (and "all"), from each row's decision. */
export function figures(rows: readonly SourceRow[], decided: ReadonlyMap<number, Sentiment>): SourceFigures[] {
  return [...bySource(rows, [...decided.keys()])].map(([source, ats]) => {
    const questionsWanted = BRAND_QUESTIONS.has(source);
    let tp = 0;
    let fp = 0;
    let fn = 0;
    let negatives = 0;
    let alarms = 0;
    let urgent = 0;
    let urgentRight = 0;
    for (const at of ats) {
      const s = decided.get(at) as Sentiment;
      const negative = (rows[at] as SourceRow).label === 'negative';
      if (negative) negatives++;
      if (s.label === 'negative') {
        if (negative) tp++;
        else fp++;
      } else if (negative) fn++;
      if (!negative && s.alert !== null && !(questionsWanted && s.alert === 'review' && s.label !== 'negative'))
        alarms++;
      if (s.alert === 'urgent') {
        urgent++;
        if (negative) urgentRight++;
      }
    }
    return {
      source,
      n: ats.length,
      negatives,
      precision: tp + fp === 0 ? 0 : tp / (tp + fp),
      recall: negatives === 0 ? 0 : tp / negatives,
      f1: f1Of(tp, fp, fn),
      allNegativeF1: f1Of(negatives, ats.length - negatives, 0),
      falseAlarm: ats.length === negatives ? 0 : alarms / (ats.length - negatives),
      urgent,
      urgentPrecision: urgent === 0 ? Number.NaN : urgentRight / urgent,
    };
  });
}

export interface Targets {
  /** The most neutral and positive rows of any source (and script) that may raise an alert. */
  maxFalseAlarm: number;
  /** The most neutral and positive rows of any source that may be labelled negative. */
  maxLabelFalseAlarm: number;
  /** The least share of urgent alerts that must be negative, in every source and script. */
  minUrgentPrecision: number;
}

export interface Calibration {
  cuts: Record<TextScript, Cuts>;
}

type Overrides = Pick<Cuts, 'ruleFloor' | 'questions' | 'ruleWeight'>;

const SCRIPTS: TextScript[] = ['ar', 'arabizi', 'en'];
const POSITIVE_WEIGHTS = [1, 0.5, 0.25];
const NEGATIVE_CUTS = Array.from({ length: 90 }, (_, i) => Math.round((-0.9 + i * 0.01) * 100) / 100);
const URGENT_CUTS = Array.from({ length: 56 }, (_, i) => Math.round((-1 + i * 0.01) * 100) / 100);
const OVERRIDES: Overrides[] = [0, 0.2, 0.4].flatMap((ruleWeight) => [
  { questions: true, ruleWeight },
  { questions: true, ruleFloor: -0.4, ruleWeight },
  { questions: true, ruleFloor: -0.6, ruleWeight },
  { questions: false, ruleWeight },
  { questions: false, ruleFloor: -0.4, ruleWeight },
]);
/** How far a source's F1 should stay above always-negative's, and what falling short costs. */
const BEAT_MARGIN = 0.03;
const BEAT_PENALTY = 3;
/** A source needs this many rows of a script for its figures to steer that script's cuts. */
const MIN_ROWS = 150;

/**
 * For each script: the label cut with the best mean negative F1 over the sources (among those that
 * label at most maxLabelFalseAlarm of any source's neutral and positive rows negative); the review
 * cut, the loosest at or below it that keeps every source's alert false-alarm rate within
 * maxFalseAlarm; the urgent cut, the loosest below that whose urgent alerts are precise enough in
 * every source. The positive weight and the overrides are chosen for the best mean F1.
 */
export function calibrate(
  rows: readonly SourceRow[],
  evidence: readonly Evidence[],
  chances: ReadonlyMap<number, Probabilities>,
  targets: Targets,
  /** Per source, the F1 of the previous model on the same rows (cross-validated where it trained on them). */
  floors: ReadonlyMap<string, number> = new Map(),
): Calibration & { objective: number } {
  const c = SentimentClassifier.of();
  const ats = [...chances.keys()];
  const cuts = {} as Record<TextScript, Cuts>;
  let objective = 0;
  for (const script of SCRIPTS) {
    const mine = ats.filter((at) => (evidence[at] as Evidence).script === script);
    const groups = groupBySource(rows, mine);
    let chosen: { cuts: Cuts; f1: number } | undefined;
    for (const overrides of OVERRIDES) {
      for (const positiveWeight of POSITIVE_WEIGHTS) {
        // The score does not depend on the cuts: decided once at cuts no score reaches.
        const probe: Cuts = { negative: -2, positive: 2, positiveWeight, ...overrides };
        const decided = new Map(
          mine.map((at) => [
            at,
            c.decide({ ...(evidence[at] as Evidence), probabilities: chances.get(at) as Probabilities }, probe),
          ]),
        );
        const prepared = groupsOf(rows, groups, decided, floors);
        let label: { cut: number; f1: number } | undefined;
        let review = Number.NEGATIVE_INFINITY;
        for (const cut of NEGATIVE_CUTS) {
          const f = scoreGroups(prepared, cut);
          if (f.worstAlarm <= targets.maxFalseAlarm) review = cut;
          if (f.worstLabelAlarm > targets.maxLabelFalseAlarm) continue;
          if (!label || f.meanF1 > label.f1) label = { cut, f1: f.meanF1 };
        }
        if (!label) continue;
        const reviewCut = Math.min(label.cut, review === Number.NEGATIVE_INFINITY ? -1 : review);
        if (!chosen || label.f1 > chosen.f1) {
          chosen = {
            cuts: { negative: label.cut, review: reviewCut, positive: 0.25, positiveWeight, ...overrides },
            f1: label.f1,
          };
        }
      }
    }
    const fallback: Cuts = { negative: -0.5, review: -0.9, positive: 0.25, positiveWeight: 1, questions: true };
    const base = chosen?.cuts ?? fallback;
    objective += chosen?.f1 ?? 0;
    cuts[script] = { ...base, urgent: urgentCut(c, rows, evidence, chances, mine, groups, base, targets) };
  }
  // Text in no known script (emoji only, other alphabets) is cut as English is.
  cuts.other = cuts.en;
  return { cuts, objective };
}

function bySource(rows: readonly SourceRow[], ats: readonly number[]): Map<string, number[]> {
  const by = new Map<string, number[]>();
  for (const at of ats) {
    const src = (rows[at] as SourceRow).source;
    let list = by.get(src);
    if (!list) {
      list = [];
      by.set(src, list);
    }
    list.push(at);
  }
  return by;
}

function groupBySource(rows: readonly SourceRow[], ats: readonly number[]): number[][] {
  return [...bySource(rows, ats).values()].filter((g) => g.length >= MIN_ROWS);
}

const sourceOf = (rows: readonly SourceRow[], g: readonly number[]) => (rows[g[0] as number] as SourceRow).source;

interface Group {
  /** The F1 this source should beat: the previous model's on these rows, if known. */
  floor: number;
  scores: Float64Array;
  negative: Uint8Array;
  /** Alerts whatever the cut: urgency, or a question (unless the source's questions are wanted). */
  alarm: Uint8Array;
}

function groupsOf(
  rows: readonly SourceRow[],
  groups: readonly number[][],
  decided: ReadonlyMap<number, Sentiment>,
  floors: ReadonlyMap<string, number>,
): Group[] {
  return groups.map((g) => {
    const scores = new Float64Array(g.length);
    const negative = new Uint8Array(g.length);
    const alarm = new Uint8Array(g.length);
    g.forEach((at, i) => {
      const s = decided.get(at) as Sentiment;
      const row = rows[at] as SourceRow;
      scores[i] = s.score;
      negative[i] = row.label === 'negative' ? 1 : 0;
      alarm[i] = s.urgency || (s.asks && !BRAND_QUESTIONS.has(row.source)) ? 1 : 0;
    });
    return { floor: floors.get(sourceOf(rows, g)) ?? 0, scores, negative, alarm };
  });
}

/**
 * At this cut: the mean F1 over the groups with negatives, and the worst share of neutral and
 * positive rows labelled negative, and alerting (label negative, urgency or an unwanted question).
 */
function scoreGroups(
  groups: readonly Group[],
  cut: number,
): { meanF1: number; worstLabelAlarm: number; worstAlarm: number } {
  let sumF1 = 0;
  let withNegatives = 0;
  let worstAlarm = 0;
  let worstLabelAlarm = 0;
  for (const { floor: before, scores, negative, alarm } of groups) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    let others = 0;
    let alarms = 0;
    for (let i = 0; i < scores.length; i++) {
      const predicted = (scores[i] as number) <= cut;
      if (negative[i]) {
        if (predicted) tp++;
        else fn++;
      } else {
        others++;
        if (predicted) fp++;
        if (predicted || alarm[i]) alarms++;
      }
    }
    if (tp + fn > 0) {
      // A source where the model does not clearly beat answering "negative" every time, or the
      // previous model, counts against the cut: no source is sacrificed to the others' mean.
      const f1 = f1Of(tp, fp, fn);
      const floor = Math.max(f1Of(tp + fn, others, 0), before) + BEAT_MARGIN;
      sumF1 += f1 - BEAT_PENALTY * Math.max(0, floor - f1);
      withNegatives++;
    }
    if (others > 0) {
      worstAlarm = Math.max(worstAlarm, alarms / others);
      worstLabelAlarm = Math.max(worstLabelAlarm, fp / others);
    }
  }
  return { meanF1: withNegatives === 0 ? 0 : sumF1 / withNegatives, worstLabelAlarm, worstAlarm };
}

function urgentCut(
  c: SentimentClassifier,
  rows: readonly SourceRow[],
  evidence: readonly Evidence[],
  chances: ReadonlyMap<number, Probabilities>,
  ats: readonly number[],
  groups: readonly number[][],
  cuts: Cuts,
  targets: Targets,
): number {
  const decided = new Map(
    ats.map((at) => [
      at,
      c.decide({ ...(evidence[at] as Evidence), probabilities: chances.get(at) as Probabilities }, cuts),
    ]),
  );
  let chosen = -1;
  for (const urgent of URGENT_CUTS) {
    if (urgent > (cuts.review ?? cuts.negative)) break;
    const ok = groups.every((g) => {
      let n = 0;
      let right = 0;
      for (const at of g) {
        const s = decided.get(at) as Sentiment;
        const sure = modelScore(chances.get(at) as Probabilities, cuts) <= urgent;
        if (s.urgency || (s.label === 'negative' && sure && s.score <= (cuts.review ?? cuts.negative))) {
          n++;
          if ((rows[at] as SourceRow).label === 'negative') right++;
        }
      }
      // Too few urgent rows to judge a source by: it does not veto.
      return n < 30 || right / n >= targets.minUrgentPrecision;
    });
    if (ok) chosen = urgent;
  }
  return chosen;
}
