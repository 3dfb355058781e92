/**
 * The trained part of the classifier: a naive Bayes and a logistic regression over the features of
 * features.ts (the regression also reads the rule layer's evidence), averaged. One file per language
 * holds only aggregate statistics: counts and weights of features seen in at least `minCount`
 * training texts, never a training text.
 */
import { featuresOf, type RuleFeatures } from './features.js';

export const CLASSES = ['negative', 'neutral', 'positive'] as const;
export type SentimentLabel = (typeof CLASSES)[number];

/** Where the scores are cut into labels; chosen on held-out training rows (train.ts). */
export interface Cuts {
  negative: number;
  positive: number;
  /** How much the rule evidence counts next to the model's score. */
  ruleWeight: number;
  /**
   * How much the chance of "positive" offsets the chance of "negative" below zero (1: the plain
   * difference). Below 1, a mixed or flat text leans negative: on held-out tweets the chance of
   * "negative" alone finds angry texts better than the difference does. Absent in older files: 1.
   */
  positiveWeight?: number;
}

export interface SentimentModel {
  format: 'mktbot-sentiment-2';
  language: 'ar' | 'en';
  /** Where the statistics come from and under what licence (named in docs/alerts.md too). */
  source: string;
  licence: string;
  minCount: number;
  /** The labels of the training rows, in the order of every per-class array below. */
  classes: SentimentLabel[];
  naiveBayes: {
    alpha: number;
    /** Scores are divided by (known features)^scaleExponent: long texts make naive Bayes overconfident. */
    scaleExponent: number;
    /** Sum of kept feature counts per class. */
    totals: number[];
    /** feature -> texts per class that have it; also the vocabulary of the regression. */
    counts: Record<string, number[]>;
  };
  logistic: {
    bias: number[];
    /** feature (or rule evidence such as "rule:score") -> weight per class; absent means 0. */
    weights: Record<string, number[]>;
  };
  cuts: Cuts;
}

export interface Probabilities {
  negative: number;
  neutral: number;
  positive: number;
}

export interface LabelledText {
  text: string;
  label: SentimentLabel;
}

function softmax(z: number[]): number[] {
  const max = Math.max(...z);
  const exp = z.map((s) => Math.exp(s - max));
  const sum = exp.reduce((a, b) => a + b, 0);
  return exp.map((e) => e / sum);
}

/** Prepared for scoring: log-likelihoods and weights turned into typed arrays once, at load. */
export class TrainedModel {
  private readonly logLik = new Map<string, Float64Array>();
  private readonly weights = new Map<string, Float64Array>();
  private readonly k: number;

  constructor(readonly model: SentimentModel) {
    const nb = model.naiveBayes;
    this.k = model.classes.length;
    const vocab = Object.keys(nb.counts).length;
    const denom = nb.totals.map((t) => Math.log(t + nb.alpha * vocab));
    for (const [f, c] of Object.entries(nb.counts)) {
      this.logLik.set(
        f,
        Float64Array.from(denom, (d, k) => Math.log((c[k] ?? 0) + nb.alpha) - d),
      );
    }
    for (const [f, w] of Object.entries(model.logistic.weights)) this.weights.set(f, Float64Array.from(w));
  }

  /**
   * Naive Bayes with equal priors: the training tweets are 37 % negative, brand comments are not;
   * equal priors keep the model from learning that mix.
   */
  private naiveBayes(feats: readonly string[]): number[] {
    const score = new Array<number>(this.k).fill(0);
    for (const f of feats) {
      const ll = this.logLik.get(f) as Float64Array;
      for (let k = 0; k < this.k; k++) score[k] = (score[k] as number) + (ll[k] as number);
    }
    const scale = feats.length === 0 ? 1 : 1 / feats.length ** this.model.naiveBayes.scaleExponent;
    return softmax(score.map((s) => s * scale));
  }

  private logistic(feats: readonly string[], rules: RuleFeatures): number[] {
    const z = [...this.model.logistic.bias];
    const add = (f: string, value: number) => {
      const w = this.weights.get(f);
      if (w) for (let k = 0; k < this.k; k++) z[k] = (z[k] as number) + (w[k] as number) * value;
    };
    const value = textFeatureValue(feats.length);
    for (const f of feats) add(f, value);
    for (const [f, v] of rules) add(f, v);
    return softmax(z);
  }

  /** Text features known to the model, deduplicated: what both halves of the ensemble read. */
  private known(text: string): string[] {
    // The Map, not the counts object: a fresh string looked up in an object of 48,000 keys costs
    // about ten times more.
    return [...new Set(featuresOf(text))].filter((f) => this.logLik.has(f));
  }

  /** The two halves averaged; a class the training rows did not have gets 0. */
  probabilities(text: string, rules: RuleFeatures): Probabilities {
    const feats = this.known(text);
    const nb = this.naiveBayes(feats);
    const lr = this.logistic(feats, rules);
    const p: Probabilities = { negative: 0, neutral: 0, positive: 0 };
    this.model.classes.forEach((c, k) => {
      p[c] = ((nb[k] as number) + (lr[k] as number)) / 2;
    });
    return p;
  }
}

/** Every known text feature weighs 1/sqrt(n), so a long text does not shout down a short one. */
function textFeatureValue(known: number): number {
  return known === 0 ? 0 : 1 / Math.sqrt(known);
}

export interface TrainingSettings {
  language: SentimentModel['language'];
  source: string;
  licence: string;
  minCount: number;
  alpha: number;
  scaleExponent: number;
  /** Passes over the rows, AdaGrad step size and L2 penalty of the regression. */
  epochs: number;
  rate: number;
  l2: number;
}

/**
 * Builds both halves from labelled rows. `rulesOf` gives each row's rule evidence (the regression
 * learns how much to trust it). Deterministic: the same rows give the same file.
 */
export function trainModel(
  rows: readonly LabelledText[],
  settings: TrainingSettings,
  rulesOf: (text: string) => RuleFeatures,
  cuts: Cuts,
): SentimentModel {
  const classes = CLASSES.filter((c) => rows.some((r) => r.label === c));
  const k = classes.length;
  const texts = rows.map((r) => [...new Set(featuresOf(r.text))]);
  const labels = rows.map((r) => classes.indexOf(r.label));

  // Naive Bayes: each feature counts once per text; features in fewer than minCount texts are dropped.
  const all = new Map<string, number[]>();
  texts.forEach((feats, i) => {
    for (const f of feats) {
      let c = all.get(f);
      if (!c) {
        c = new Array<number>(k).fill(0);
        all.set(f, c);
      }
      c[labels[i] as number] = (c[labels[i] as number] as number) + 1;
    }
  });
  const counts: Record<string, number[]> = {};
  const totals = new Array<number>(k).fill(0);
  for (const [f, c] of [...all.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (c.reduce((a, b) => a + b, 0) < settings.minCount) continue;
    counts[f] = c;
    c.forEach((n, j) => {
      totals[j] = (totals[j] as number) + n;
    });
  }

  // Logistic regression by AdaGrad over the same vocabulary plus the rule evidence.
  const index = new Map<string, number>();
  const indexOf = (f: string) => {
    let i = index.get(f);
    if (i === undefined) {
      i = index.size;
      index.set(f, i);
    }
    return i;
  };
  const encoded = rows.map((r, i) => {
    const known = (texts[i] as string[]).filter((f) => counts[f] !== undefined);
    const value = textFeatureValue(known.length);
    const ids = known.map(indexOf);
    const values = known.map(() => value);
    for (const [f, v] of rulesOf(r.text)) {
      ids.push(indexOf(f));
      values.push(v);
    }
    return { ids: Int32Array.from(ids), values: Float64Array.from(values) };
  });
  const w = new Float64Array(index.size * k);
  const g2 = new Float64Array(index.size * k).fill(1e-8);
  const bias = new Float64Array(k);
  const bias2 = new Float64Array(k).fill(1e-8);
  const order = [...rows.keys()];
  let seed = 1;
  const random = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const z = new Array<number>(k).fill(0);
  for (let epoch = 0; epoch < settings.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    for (const n of order) {
      const { ids, values } = encoded[n] as { ids: Int32Array; values: Float64Array };
      for (let c = 0; c < k; c++) {
        let t = bias[c] as number;
        for (let q = 0; q < ids.length; q++) t += (w[(ids[q] as number) * k + c] as number) * (values[q] as number);
        z[c] = t;
      }
      const p = softmax(z);
      for (let c = 0; c < k; c++) {
        const g = (p[c] as number) - (labels[n] === c ? 1 : 0);
        bias2[c] = (bias2[c] as number) + g * g;
        bias[c] = (bias[c] as number) - (settings.rate * g) / Math.sqrt(bias2[c] as number);
        for (let q = 0; q < ids.length; q++) {
          const at = (ids[q] as number) * k + c;
          const grad = g * (values[q] as number) + settings.l2 * (w[at] as number);
          g2[at] = (g2[at] as number) + grad * grad;
          w[at] = (w[at] as number) - (settings.rate * grad) / Math.sqrt(g2[at] as number);
        }
      }
    }
  }
  // Three decimals are plenty for a score cut at one decimal, and keep the file small.
  const round = (x: number) => Math.round(x * 1000) / 1000;
  const weights: Record<string, number[]> = {};
  for (const [f, i] of [...index.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const row = Array.from(w.subarray(i * k, i * k + k), round);
    if (row.some((x) => x !== 0)) weights[f] = row;
  }
  return {
    format: 'mktbot-sentiment-2',
    language: settings.language,
    source: settings.source,
    licence: settings.licence,
    minCount: settings.minCount,
    classes: [...classes],
    naiveBayes: { alpha: settings.alpha, scaleExponent: settings.scaleExponent, totals, counts },
    logistic: { bias: Array.from(bias, round), weights },
    cuts,
  };
}
