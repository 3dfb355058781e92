/**
 * A multinomial naive Bayes over the features of features.ts. The shipped file holds only
 * aggregate counts (features seen at least `minCount` times), never a training text.
 */
import { featuresOf } from './features.js';

export const CLASSES = ['negative', 'neutral', 'positive'] as const;
export type SentimentLabel = (typeof CLASSES)[number];

export interface NaiveBayesModel {
  format: 'mktbot-nb-1';
  /** Where the counts come from and under what licence (named in docs/alerts.md too). */
  source: string;
  licence: string;
  minCount: number;
  alpha: number;
  /** Training documents per class, in CLASSES order. */
  docs: number[];
  /** Sum of kept feature counts per class. */
  totals: number[];
  /** feature -> counts per class. */
  counts: Record<string, number[]>;
}

export interface Probabilities {
  negative: number;
  neutral: number;
  positive: number;
}

/** Prepared for scoring: log-likelihoods computed once at load. */
export class NaiveBayes {
  private readonly logLik = new Map<string, Float64Array>();

  constructor(readonly model: NaiveBayesModel) {
    const vocab = Object.keys(model.counts).length;
    const denom = model.totals.map((t) => Math.log(t + model.alpha * vocab));
    for (const [f, c] of Object.entries(model.counts)) {
      this.logLik.set(
        f,
        Float64Array.from(denom, (d, k) => Math.log((c[k] ?? 0) + model.alpha) - d),
      );
    }
  }

  /**
   * Class probabilities with equal priors: the training tweets are 37 % negative, brand comments
   * and the test set are not; equal priors keep the model from learning that mix.
   */
  probabilities(text: string): Probabilities {
    const feats = new Set(featuresOf(text));
    const score = [0, 0, 0];
    let known = 0;
    for (const f of feats) {
      const ll = this.logLik.get(f);
      if (!ll) continue;
      known++;
      for (let k = 0; k < 3; k++) score[k] = (score[k] as number) + (ll[k] as number);
    }
    if (known === 0) return { negative: 1 / 3, neutral: 1 / 3, positive: 1 / 3 };
    // Long texts make NB overconfident; scaling by the number of features keeps scores comparable.
    const scale = 1 / Math.sqrt(known);
    const max = Math.max(...score);
    const exp = score.map((s) => Math.exp((s - max) * scale));
    const sum = exp.reduce((a, b) => a + b, 0);
    return {
      negative: (exp[0] as number) / sum,
      neutral: (exp[1] as number) / sum,
      positive: (exp[2] as number) / sum,
    };
  }
}

export interface LabelledText {
  text: string;
  label: SentimentLabel;
}

/**
 * Builds the counts. Each feature counts once per text (binary naive Bayes suits short comments),
 * and a feature found in fewer than minCount texts is dropped, so no name or rare string survives.
 */
export function trainNaiveBayes(
  rows: readonly LabelledText[],
  meta: { source: string; licence: string; minCount?: number; alpha?: number },
): NaiveBayesModel {
  const minCount = meta.minCount ?? 3;
  const counts = new Map<string, number[]>();
  const docs = [0, 0, 0];
  for (const row of rows) {
    const k = CLASSES.indexOf(row.label);
    docs[k] = (docs[k] as number) + 1;
    for (const f of new Set(featuresOf(row.text))) {
      let c = counts.get(f);
      if (!c) {
        c = [0, 0, 0];
        counts.set(f, c);
      }
      c[k] = (c[k] as number) + 1;
    }
  }
  const kept: Record<string, number[]> = {};
  const totals = [0, 0, 0];
  for (const [f, c] of [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (c.reduce((a, b) => a + b, 0) < minCount) continue;
    kept[f] = c;
    for (let k = 0; k < 3; k++) totals[k] = (totals[k] as number) + (c[k] as number);
  }
  return {
    format: 'mktbot-nb-1',
    source: meta.source,
    licence: meta.licence,
    minCount,
    alpha: meta.alpha ?? 0.5,
    docs,
    totals,
    counts: kept,
  };
}
