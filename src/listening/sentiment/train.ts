/**
 * Training the model of model.ts: rows are encoded once (hashed features plus the rule layer's
 * evidence), then a multinomial logistic regression is fitted by AdaGrad. Deterministic: the same
 * rows and settings give the same weights. Used by scripts/train-sentiment.mjs (cross-validation,
 * held-back figures, the shipped model) and by the evaluation.
 */
import type { SourceRow } from './dataset.js';
import { FeatureBuffer, type FeatureSettings, hashedFeatures } from './features.js';
import { type Evidence, SentimentClassifier } from './index.js';
import {
  CLASSES,
  type Cuts,
  encodeWeights,
  MODEL_FORMAT,
  type ModelSource,
  type Probabilities,
  type SentimentModel,
  softmax,
} from './model.js';
import { ruleFeatures } from './rules.js';

export interface FitSettings {
  features: FeatureSettings;
  /** Passes over the rows, AdaGrad step size and L2 penalty. */
  epochs: number;
  rate: number;
  l2: number;
  /** Buckets found in fewer training texts have no weight (no rare string leaves a trace). */
  minCount: number;
  /**
   * How much a big source is damped: each row weighs (rows of its source / rows of the largest
   * source)^-sourcePower, so 0 treats every row alike and 1 every source alike.
   */
  sourcePower: number;
  /**
   * Weigh each source's classes equally: the model then learns what is negative, not that a dialect
   * or a site is mostly negative (Algerian tweets are 54 % negative, Reddit comments 23 %).
   */
  classBalance: boolean;
}

/** A row as the regression reads it. */
export interface EncodedRow {
  ids: Int32Array;
  values: Float32Array;
  /** Indices into the rule names and their values. */
  rules: Int32Array;
  ruleValues: Float32Array;
  label: number;
  source: string;
}

/** The rule layer's and urgency patterns' evidence of every row: computed once, whatever the features. */
export function evidenceOf(rows: readonly SourceRow[]): Evidence[] {
  const rulesOnly = SentimentClassifier.of();
  return rows.map((r) => rulesOnly.evidence(r.text));
}

export function encodeRows(
  rows: readonly SourceRow[],
  evidence: readonly Evidence[],
  features: FeatureSettings,
  ruleNames: Map<string, number>,
): EncodedRow[] {
  const buffer = new FeatureBuffer();
  return rows.map((r, i) => {
    const e = evidence[i] as Evidence;
    hashedFeatures(r.text, e.script, features, buffer);
    const named = ruleFeatures(e.rules, e.urgency?.kind, e.script);
    const rules = named.map(([name]) => {
      let at = ruleNames.get(name);
      if (at === undefined) {
        at = ruleNames.size;
        ruleNames.set(name, at);
      }
      return at;
    });
    return {
      ids: buffer.ids.slice(0, buffer.size),
      values: buffer.values.slice(0, buffer.size),
      rules: Int32Array.from(rules),
      ruleValues: Float32Array.from(named.map(([, v]) => v)),
      label: CLASSES.indexOf(r.label),
      source: r.source,
    };
  });
}

export interface Fitted {
  bits: number;
  weights: Float32Array;
  ruleWeights: Float32Array;
  bias: Float64Array;
  ruleNames: Map<string, number>;
}

const K = CLASSES.length;

/** Fits the regression on rows[at] for every `at` in `use`. */
export function fitModel(
  rows: readonly EncodedRow[],
  use: readonly number[],
  s: FitSettings,
  ruleNames: Map<string, number>,
): Fitted {
  const buckets = 1 << s.features.bits;
  // Document frequency per bucket: rare buckets are kept out entirely.
  const df = new Uint16Array(buckets);
  for (const at of use) {
    const r = rows[at] as EncodedRow;
    const seen = new Set<number>();
    for (const id of r.ids) {
      if (seen.has(id)) continue;
      seen.add(id);
      if ((df[id] as number) < 65535) df[id] = (df[id] as number) + 1;
    }
  }
  const perSource = new Map<string, number>();
  const perClass = new Map<string, number>();
  for (const at of use) {
    const r = rows[at] as EncodedRow;
    perSource.set(r.source, (perSource.get(r.source) ?? 0) + 1);
    perClass.set(`${r.source}/${r.label}`, (perClass.get(`${r.source}/${r.label}`) ?? 0) + 1);
  }
  const largest = Math.max(...perSource.values());
  const rowWeight = (r: EncodedRow): number => {
    const n = perSource.get(r.source) as number;
    let weight = (n / largest) ** -s.sourcePower;
    if (s.classBalance) {
      const classes = [0, 1, 2].filter((c) => perClass.has(`${r.source}/${c}`)).length;
      weight *= n / (classes * (perClass.get(`${r.source}/${r.label}`) as number));
    }
    return weight;
  };
  const weights = new Map(use.map((at) => [at, rowWeight(rows[at] as EncodedRow)]));

  // Each row's features without the rare buckets, once.
  const kept = new Map<number, { ids: Int32Array; values: Float32Array }>();
  for (const at of use) {
    const r = rows[at] as EncodedRow;
    const ids: number[] = [];
    const values: number[] = [];
    for (let q = 0; q < r.ids.length; q++) {
      if ((df[r.ids[q] as number] as number) < s.minCount) continue;
      ids.push(r.ids[q] as number);
      values.push(r.values[q] as number);
    }
    kept.set(at, { ids: Int32Array.from(ids), values: Float32Array.from(values) });
  }
  const { w, rw, bias } = train(1);

  function train(runSeed: number) {
    const w = new Float64Array(buckets * K);
    const g2 = new Float64Array(buckets * K);
    const nRules = ruleNames.size;
    const rw = new Float64Array(nRules * K);
    const rg2 = new Float64Array(nRules * K);
    const bias = new Float64Array(K);
    const bg2 = new Float64Array(K);
    const z = new Float64Array(K);
    const g = new Float64Array(K);
    const order = [...use];
    let seed = runSeed;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const eps = 1e-8;
    const { rate, l2 } = s;
    for (let epoch = 0; epoch < s.epochs; epoch++) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [order[i], order[j]] = [order[j] as number, order[i] as number];
      }
      for (const at of order) {
        const r = rows[at] as EncodedRow;
        const { ids, values } = kept.get(at) as { ids: Int32Array; values: Float32Array };
        const weight = weights.get(at) as number;
        for (let c = 0; c < K; c++) z[c] = bias[c] as number;
        for (let q = 0; q < ids.length; q++) {
          const a = (ids[q] as number) * K;
          const v = values[q] as number;
          for (let c = 0; c < K; c++) z[c] = (z[c] as number) + (w[a + c] as number) * v;
        }
        for (let q = 0; q < r.rules.length; q++) {
          const a = (r.rules[q] as number) * K;
          const v = r.ruleValues[q] as number;
          for (let c = 0; c < K; c++) z[c] = (z[c] as number) + (rw[a + c] as number) * v;
        }
        softmax(z, K);
        for (let c = 0; c < K; c++) {
          const gc = weight * ((z[c] as number) - (r.label === c ? 1 : 0));
          g[c] = gc;
          bg2[c] = (bg2[c] as number) + gc * gc;
          bias[c] = (bias[c] as number) - (rate * gc) / Math.sqrt((bg2[c] as number) + eps);
        }
        for (let q = 0; q < ids.length; q++) {
          const a = (ids[q] as number) * K;
          const v = values[q] as number;
          for (let c = 0; c < K; c++) {
            const grad = (g[c] as number) * v + l2 * (w[a + c] as number);
            const acc = (g2[a + c] as number) + grad * grad;
            g2[a + c] = acc;
            w[a + c] = (w[a + c] as number) - (rate * grad) / Math.sqrt(acc + eps);
          }
        }
        for (let q = 0; q < r.rules.length; q++) {
          const a = (r.rules[q] as number) * K;
          const v = r.ruleValues[q] as number;
          for (let c = 0; c < K; c++) {
            const grad = (g[c] as number) * v + l2 * (rw[a + c] as number);
            const acc = (rg2[a + c] as number) + grad * grad;
            rg2[a + c] = acc;
            rw[a + c] = (rw[a + c] as number) - (rate * grad) / Math.sqrt(acc + eps);
          }
        }
      }
    }
    return { w, rw, bias };
  }
  return {
    bits: s.features.bits,
    weights: Float32Array.from(w),
    ruleWeights: Float32Array.from(rw),
    bias,
    ruleNames,
  };
}

/** The fitted model's chances for one encoded row (as TrainedModel computes them from the file). */
export function predict(f: Fitted, r: EncodedRow): Probabilities {
  const z = new Float64Array(K);
  for (let c = 0; c < K; c++) z[c] = f.bias[c] as number;
  for (let q = 0; q < r.ids.length; q++) {
    const id = r.ids[q] as number;
    const v = r.values[q] as number;
    for (let c = 0; c < K; c++) z[c] = (z[c] as number) + (f.weights[id * K + c] as number) * v;
  }
  for (let q = 0; q < r.rules.length; q++) {
    const id = r.rules[q] as number;
    if (id >= f.ruleNames.size) continue;
    const v = r.ruleValues[q] as number;
    for (let c = 0; c < K; c++) z[c] = (z[c] as number) + (f.ruleWeights[id * K + c] as number) * v;
  }
  softmax(z, K);
  return { negative: z[0] as number, neutral: z[1] as number, positive: z[2] as number };
}

/** Out-of-fold chances for every row of `use`, by k-fold cross-validation over `foldOf`. */
export function crossValidate(
  rows: readonly EncodedRow[],
  use: readonly number[],
  fold: (at: number) => number,
  folds: number,
  s: FitSettings,
  ruleNames: Map<string, number>,
): Map<number, Probabilities> {
  const out = new Map<number, Probabilities>();
  for (let f = 0; f < folds; f++) {
    const model = fitModel(
      rows,
      use.filter((at) => fold(at) !== f),
      s,
      ruleNames,
    );
    for (const at of use) if (fold(at) === f) out.set(at, predict(model, rows[at] as EncodedRow));
  }
  return out;
}

/** The model file: weights rounded to int16, every cut, where the data came from. */
export function toModel(
  f: Fitted,
  s: FitSettings,
  cuts: SentimentModel['cuts'],
  sources: ModelSource[],
  training: Record<string, unknown>,
): SentimentModel {
  const round = (x: number) => Math.round(x * 10000) / 10000;
  const rules: Record<string, number[]> = {};
  for (const [name, at] of [...f.ruleNames].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    rules[name] = Array.from(f.ruleWeights.subarray(at * K, at * K + K), round);
  }
  return {
    format: MODEL_FORMAT,
    sources,
    minCount: s.minCount,
    classes: [...CLASSES],
    features: s.features,
    bias: Array.from(f.bias, round),
    rules,
    hashed: encodeWeights(f.weights),
    cuts,
    training,
  };
}

export type { Cuts };
