/**
 * How the shipped model is built and measured (scripts/train-sentiment.mjs, scripts/eval-sentiment.mjs,
 * the evaluation test, the benchmark), on data that never reaches the repository (../shared/data):
 * 1. a fifth of every source is held back (dataset.ts isHeldBack) and never used to choose anything;
 * 2. on the rest, five-fold cross-validation gives out-of-fold chances, from which the cuts, tiers
 *    and overrides are chosen (calibrate.ts);
 * 3. a model fitted on the rest is measured on the held-back fifth of every source: the figures of
 *    docs/alerts.md;
 * 4. the shipped model is fitted on every row with the same settings and cuts.
 * The ArSarcasm-v2 test file is read only to report one figure at the end.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { type Calibration, calibrate, figures, type SourceFigures, type Targets } from './calibrate.js';
import {
  type ArSarcasmRow,
  foldOf,
  isHeldBack,
  readArSarcasm,
  readSources,
  SHARED_DATA,
  type SourceRow,
  TEST_SPLITS,
} from './dataset.js';
import { type Evidence, type Sentiment, SentimentClassifier } from './index.js';
import type { Probabilities, SentimentModel } from './model.js';
import {
  crossValidate,
  type EncodedRow,
  encodeRows,
  evidenceOf,
  type FitSettings,
  fitModel,
  predict,
  toModel,
} from './train.js';

export const ARSARCASM_TEST = path.join(SHARED_DATA, 'arsarcasm-v2', 'testing_data.csv');

export function arabicTestRows(): ArSarcasmRow[] | undefined {
  return existsSync(ARSARCASM_TEST) ? readArSarcasm(ARSARCASM_TEST) : undefined;
}

export const FOLDS = 5;

/** What the alerts must reach on every source (the targets, with a margin for cross-validation). */
export const TARGETS: Targets = { maxFalseAlarm: 0.16, maxLabelFalseAlarm: 0.4, minUrgentPrecision: 0.88 };

/**
 * The settings chosen by cross-validation on the development rows (docs/alerts.md lists what was
 * tried): 2^19 buckets, character 3- to 5-grams inside words at half the weight of a word, word
 * pairs, the consonant skeleton; five AdaGrad passes; a source of a tenth the rows of the largest
 * weighs 10^0.75 = 5.6 times as much per row, and each source's classes weigh equally.
 */
export const SETTINGS: FitSettings = {
  features: { bits: 19, charMin: 3, charMax: 5, charMinWord: 3, bigrams: true, skeleton: true, charWeight: 0.5 },
  epochs: 5,
  rate: 0.1,
  l2: 1e-6,
  minCount: 3,
  sourcePower: 0.75,
  classBalance: true,
};

export interface Prepared {
  rows: SourceRow[];
  evidence: Evidence[];
  /** Development rows (indices into rows) and held-back rows. */
  development: number[];
  heldBack: number[];
  sources: ReturnType<typeof readSources>['found'];
  missing: string[];
}

export function prepare(): Prepared {
  const { rows, found, missing } = readSources();
  const evidence = evidenceOf(rows);
  const development: number[] = [];
  const heldBack: number[] = [];
  rows.forEach((r, at) => {
    (isHeldBack(r.text) ? heldBack : development).push(at);
  });
  return { rows, evidence, development, heldBack, sources: found, missing };
}

export interface Built {
  settings: FitSettings;
  calibration: ReturnType<typeof calibrate>;
  /** Out-of-fold figures on the development rows. */
  crossValidated: SourceFigures[];
  /** Figures of the model fitted on the development rows, on the held-back rows. */
  heldBack: SourceFigures[];
  /** Out-of-fold chances of the development rows (for diagnostics). */
  chances: Map<number, Probabilities>;
  /** The model to ship (fitted on every row), unless `final` was false. */
  model?: SentimentModel;
}

function decideAll(
  p: Prepared,
  chances: ReadonlyMap<number, Probabilities>,
  calibration: Calibration,
): Map<number, Sentiment> {
  const c = SentimentClassifier.of();
  const out = new Map<number, Sentiment>();
  for (const [at, probabilities] of chances) {
    const e = { ...(p.evidence[at] as Evidence), probabilities };
    out.set(at, c.decide(e, calibration.cuts[e.script]));
  }
  return out;
}

/**
 * The held-back figures of a model file's settings and cuts: a model fitted on the development rows
 * with the file's settings, cut with the file's cuts, measured on the held-back rows (what
 * `npm run eval:sentiment` recomputes; the cuts were chosen by cross-validation at training).
 */
export function heldBackFigures(p: Prepared, model: Pick<SentimentModel, 'training' | 'cuts'>): SourceFigures[] {
  const settings = model.training?.settings as FitSettings | undefined;
  if (!settings) throw new Error('the model file does not say how it was trained');
  const ruleNames = new Map<string, number>();
  const encoded = encodeRows(p.rows, p.evidence, settings.features, ruleNames);
  const dev = fitModel(encoded, p.development, settings, ruleNames);
  const held = new Map(p.heldBack.map((at) => [at, predict(dev, encoded[at] as EncodedRow)]));
  return figures(p.rows, decideAll(p, held, { cuts: model.cuts }));
}

/** The model's figures on the sources' own test splits (read only here, after training). */
export function testFigures(classifier: SentimentClassifier): SourceFigures[] {
  const { rows } = readSources(TEST_SPLITS);
  const decided = new Map(rows.map((r, at) => [at, classifier.classify(r.text)]));
  return figures(rows, decided);
}

export function build(
  p: Prepared,
  settings: FitSettings = SETTINGS,
  options: { final?: boolean; log?: (line: string) => void; floors?: ReadonlyMap<string, number> } = {},
): Built {
  const log = options.log ?? (() => {});
  const ruleNames = new Map<string, number>();
  const started = Date.now();
  const encoded: EncodedRow[] = encodeRows(p.rows, p.evidence, settings.features, ruleNames);
  log(`encoded ${p.rows.length} rows in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const fold = (at: number) => foldOf((p.rows[at] as SourceRow).text, FOLDS);
  const oof = crossValidate(encoded, p.development, fold, FOLDS, settings, ruleNames);
  log(`cross-validated in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const calibration = calibrate(p.rows, p.evidence, oof, TARGETS, options.floors);
  log(`calibrated in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const crossValidated = figures(p.rows, decideAll(p, oof, calibration));
  const dev = fitModel(encoded, p.development, settings, ruleNames);
  const held = new Map(p.heldBack.map((at) => [at, predict(dev, encoded[at] as EncodedRow)]));
  const heldBack = figures(p.rows, decideAll(p, held, calibration));
  log(`held-back figures in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const out: Built = { settings, calibration, crossValidated, heldBack, chances: oof };
  if (options.final !== false) {
    const all = fitModel(encoded, [...p.development, ...p.heldBack], settings, ruleNames);
    const sources = p.sources.map((s) => ({
      name: s.name,
      origin: s.origin,
      licence: s.licence,
      rows: p.rows.filter((r) => r.source === s.name).length,
    }));
    out.model = toModel(all, settings, calibration.cuts, sources, {
      settings,
      targets: TARGETS,
      folds: FOLDS,
    });
  }
  return out;
}
