/**
 * The trained part of the classifier: one multinomial logistic regression over the hashed features
 * of features.ts and the rule layer's evidence (rules.ts), for every language at once (the scripts
 * hardly share features; each has its own bias and its own cuts). The model file holds only
 * aggregate statistics: bias, a weight per rule evidence, and a weight per hash bucket (buckets
 * found in fewer than `minCount` training texts stay at zero). No feature string and no training
 * text is in it.
 */
import { FeatureBuffer, type FeatureSettings, hashedFeatures, type RuleFeatures, type TextScript } from './features.js';

export const CLASSES = ['negative', 'neutral', 'positive'] as const;
export type SentimentLabel = (typeof CLASSES)[number];

/** Where scores are cut into labels and tiers; chosen by cross-validation (train.ts). */
export interface Cuts {
  /** At or below: labelled negative. */
  negative: number;
  /**
   * At or below (and labelled negative): a review alert at the default threshold; calibrated so few
   * neutral and positive comments alert. Absent: the negative cut.
   */
  review?: number;
  /** At or above: positive. */
  positive: number;
  /** At or below: negative with enough confidence for an urgent alert. Absent: never by score. */
  urgent?: number;
  /**
   * How much the chance of "positive" offsets the chance of "negative" below zero (1: the plain
   * difference). Below 1, a mixed or flat text leans negative. Absent: 1.
   */
  positiveWeight?: number;
  /** Clear negative rule evidence (a rule score at or below this) wins over the model; absent: never. */
  ruleFloor?: number;
  /** A plain question ("do you ship to Jeddah?") is never negative. */
  questions?: boolean;
  /** How much the rules' own score counts next to the model's (0 or absent: the model alone). */
  ruleWeight?: number;
}

export const MODEL_FORMAT = 'mktbot-sentiment-3';

export interface ModelSource {
  name: string;
  /** Where it comes from and its licence (named in docs/alerts.md too). */
  origin: string;
  licence: string;
  rows: number;
}

export interface SentimentModel {
  format: typeof MODEL_FORMAT;
  sources: ModelSource[];
  /** Buckets found in fewer training texts than this have no weight. */
  minCount: number;
  /** The classes of every per-class array below, in order. */
  classes: SentimentLabel[];
  features: FeatureSettings;
  bias: number[];
  /** Rule evidence (such as "rule:score") -> weight per class. */
  rules: Record<string, number[]>;
  /** Bucket weights, bucket-major (bucket * classes + class), as little-endian int16 times `scale`, base64. */
  hashed: { scale: number; data: string };
  /** Per script: Arabic script, Arabizi, English (Latin), other. */
  cuts: Record<TextScript, Cuts>;
  /** Cross-validated settings and figures, for the record (docs/alerts.md). */
  training?: Record<string, unknown>;
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

/** Softmax in place over z[0..k). */
export function softmax(z: Float64Array | number[], k: number): void {
  let max = -Infinity;
  for (let c = 0; c < k; c++) max = Math.max(max, z[c] as number);
  let sum = 0;
  for (let c = 0; c < k; c++) {
    z[c] = Math.exp((z[c] as number) - max);
    sum += z[c] as number;
  }
  for (let c = 0; c < k; c++) z[c] = (z[c] as number) / sum;
}

export function encodeWeights(w: Float32Array): { scale: number; data: string } {
  let max = 0;
  for (const x of w) max = Math.max(max, Math.abs(x));
  const scale = max === 0 ? 1 : max / 32767;
  const q = new Int16Array(w.length);
  for (let i = 0; i < w.length; i++) q[i] = Math.round((w[i] as number) / scale);
  return { scale, data: Buffer.from(q.buffer, q.byteOffset, q.byteLength).toString('base64') };
}

export function decodeWeights(h: { scale: number; data: string }): Float32Array {
  const bytes = Buffer.from(h.data, 'base64');
  const q = new Int16Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const w = new Float32Array(q.length);
  for (let i = 0; i < q.length; i++) w[i] = (q[i] as number) * h.scale;
  return w;
}

/** The model's settings and figures, without its weights (TrainedModel holds those, compactly). */
export type ModelInfo = Omit<SentimentModel, 'hashed'>;

/**
 * The bucket weights as the file stores them: int16 with one scale, 2 bytes a weight (3 MB for
 * 2^19 buckets x 3 classes) instead of a Float32Array twice that size. A weight is read back as
 * Math.fround(q * scale), exactly the float32 that decodeWeights makes, so scores do not change.
 */
export function quantizedWeights(h: { scale: number; data: string }): Int16Array {
  const bytes = Buffer.from(h.data, 'base64');
  // A large base64 decode owns its memory from offset 0; copy only if it ever does not line up.
  if (bytes.byteOffset % 2 === 0) return new Int16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >> 1);
  return new Int16Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

/**
 * Prepared for scoring: the weights decoded once, at load, into one Int16Array; the file's base64
 * text (4.2 MB) is not kept.
 */
export class TrainedModel {
  readonly model: ModelInfo;
  private readonly weights: Int16Array;
  private readonly scale: number;
  private readonly bias: Float64Array;
  private readonly rules: Map<string, Float64Array>;
  private readonly k: number;
  private readonly buffer = new FeatureBuffer();
  private readonly z: Float64Array;

  constructor(model: SentimentModel) {
    if (model.format !== MODEL_FORMAT) throw new Error(`unknown sentiment model format ${model.format}`);
    const { hashed, ...info } = model;
    this.model = info;
    this.k = model.classes.length;
    this.weights = quantizedWeights(hashed);
    this.scale = hashed.scale;
    if (this.weights.length !== (1 << model.features.bits) * this.k) throw new Error('sentiment model: bad weights');
    this.bias = Float64Array.from(model.bias);
    this.rules = new Map(Object.entries(model.rules).map(([f, w]) => [f, Float64Array.from(w)]));
    this.z = new Float64Array(this.k);
  }

  /** Bytes held by the weights and the rule table (what a loaded model costs, besides its settings). */
  get byteLength(): number {
    let n = this.weights.byteLength + this.bias.byteLength + this.z.byteLength;
    for (const w of this.rules.values()) n += w.byteLength;
    return n;
  }

  probabilities(text: string, script: TextScript, rules: RuleFeatures, normalized?: string): Probabilities {
    const { k, z, weights, scale, buffer } = this;
    hashedFeatures(text, script, this.model.features, buffer, normalized);
    for (let c = 0; c < k; c++) z[c] = this.bias[c] as number;
    for (let i = 0; i < buffer.size; i++) {
      const at = (buffer.ids[i] as number) * k;
      const v = buffer.values[i] as number;
      for (let c = 0; c < k; c++) z[c] = (z[c] as number) + Math.fround((weights[at + c] as number) * scale) * v;
    }
    for (const [f, v] of rules) {
      const w = this.rules.get(f);
      if (w) for (let c = 0; c < k; c++) z[c] = (z[c] as number) + (w[c] as number) * v;
    }
    softmax(z, k);
    const p: Probabilities = { negative: 0, neutral: 0, positive: 0 };
    this.model.classes.forEach((c, i) => {
      p[c] = z[i] as number;
    });
    return p;
  }
}
