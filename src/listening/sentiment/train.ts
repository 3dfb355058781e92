/**
 * Builds the shipped models and chooses their label cuts on held-out training rows (a test set is
 * never looked at here). Used by scripts/train-sentiment.mjs and by the English evaluation, which
 * trains on two UCI sources and tests on the third.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../../paths.js';
import { negativeClassReport, readArSarcasm } from './dataset.js';
import { type Evidence, SentimentClassifier } from './index.js';
import { type Cuts, type LabelledText, type SentimentModel, type TrainingSettings, trainModel } from './model.js';
import { applyRules, ruleFeatures } from './rules.js';

export const ARSARCASM_SOURCE =
  'ArSarcasm-v2 training_data.csv (Abu Farha, Zaghouani and Magdy, WANLP 2021; github.com/iabufarha/ArSarcasm-v2 @ eb85513e)';
export const ARSARCASM_LICENCE =
  'MIT (c) 2021 iabufarha; counts and weights of features found in at least 3 tweets, no tweet text';
export const UCI_SOURCE =
  'UCI Sentiment Labelled Sentences (Kotzias, Denil, de Freitas and Smyth, KDD 2015), as shipped in the npm package sentiment';
export const UCI_LICENCE = 'CC BY 4.0; counts and weights of features found in at least 3 sentences, no sentence';

/**
 * The negative-class recall the chosen cuts must reach on the held-out rows. Recall first: a missed
 * angry customer costs more than a second look at a mild comment ("never lets an angry comment sit
 * unseen").
 */
export const MIN_DEV_RECALL = 0.85;

// Smoothing, score scaling and the regression's settings were chosen by 5-fold cross-validation on
// the training rows only (docs/alerts.md).
const COMMON = { minCount: 3, alpha: 0.25, scaleExponent: 0.25, rate: 0.05, l2: 1e-4 };
export const ARABIC_SETTINGS: TrainingSettings = {
  ...COMMON,
  language: 'ar',
  source: ARSARCASM_SOURCE,
  licence: ARSARCASM_LICENCE,
  epochs: 10,
};
export const ENGLISH_SETTINGS: TrainingSettings = {
  ...COMMON,
  language: 'en',
  source: UCI_SOURCE,
  licence: UCI_LICENCE,
  epochs: 20,
};

export interface TrainResult {
  model: SentimentModel;
  /** Negative-class figures of the chosen cuts on the held-out tenth (classes weighted equally). */
  dev: ReturnType<typeof negativeClassReport>;
}

const ruleEvidence = (text: string) => ruleFeatures(applyRules(text));
const RULE_WEIGHTS = [0, 0.1, 0.2, 0.3, 0.4, 0.5];
const POSITIVE_WEIGHTS = [1, 0.5, 0.25];
// A negative label always has a score below zero, so the workspace's alert threshold (at most 0) can
// reach every comment labelled negative.
// Steps of 0.01: with 0.05, one step too far on a thousand held-out rows could cost ten points of
// precision.
const NEGATIVE_CUTS = Array.from({ length: 61 }, (_, i) => Math.round((-0.6 + i * 0.01) * 100) / 100);

/**
 * Every tenth row is held out to choose the cuts; the shipped model is then built from all rows.
 * The cuts are chosen as if every class were equally common, so they do not learn the training
 * mix (tweets are 37 % negative; brand comments differ).
 */
export function train(rows: readonly LabelledText[], settings: TrainingSettings): TrainResult {
  const fit = rows.filter((_, i) => i % 10 !== 0);
  const dev = rows.filter((_, i) => i % 10 === 0);
  const placeholder: Cuts = { negative: 0, positive: 0.25, ruleWeight: 0 };
  const devClassifier = SentimentClassifier.of(trainModel(fit, settings, ruleEvidence, placeholder));
  // The model's evidence does not depend on the cuts: computed once, then cut many ways.
  const evidence: Evidence[] = dev.map((r) => devClassifier.evidence(r.text));
  const perClass = new Map<string, number>();
  for (const r of dev) perClass.set(r.label, (perClass.get(r.label) ?? 0) + 1);
  const balanced = dev.map((r) => dev.length / perClass.size / (perClass.get(r.label) ?? 1));
  let best: TrainResult['dev'] | undefined;
  let bestCuts = placeholder;
  for (const positiveWeight of POSITIVE_WEIGHTS) {
    for (const ruleWeight of RULE_WEIGHTS) {
      for (const negative of NEGATIVE_CUTS) {
        const cuts = { negative, positive: 0.25, ruleWeight, positiveWeight };
        const report = negativeClassReport(
          dev,
          evidence.map((e) => devClassifier.decide(e, cuts).label),
          balanced,
        );
        if (report.recall < MIN_DEV_RECALL) continue;
        if (!best || report.f1 > best.f1) {
          best = report;
          bestCuts = cuts;
        }
      }
    }
  }
  if (!best) throw new Error(`no cuts reach a negative recall of ${MIN_DEV_RECALL} on the held-out rows`);
  return { model: trainModel(rows, settings, ruleEvidence, bestCuts), dev: best };
}

export function trainArabic(trainingCsv: string): TrainResult {
  return train(readArSarcasm(trainingCsv), ARABIC_SETTINGS);
}

/**
 * Neutral brand comments written for this project ("Tagging my sister", "Do you deliver to Dammam").
 * The review sentences are only negative or positive: a model trained on them alone calls about a
 * third of plain neutral comments negative, which would flood the alerts channel.
 */
export const ENGLISH_NEUTRAL_FILE = path.join(packageRoot, 'src', 'listening', 'sentiment', 'data', 'en-neutral.txt');

export function englishNeutralRows(): LabelledText[] {
  return readFileSync(ENGLISH_NEUTRAL_FILE, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((text) => text !== '')
    .map((text) => ({ text, label: 'neutral' as const }));
}

/** Spreads `extra` evenly through `rows`, so every held-out tenth gets its share. */
function interleave(rows: readonly LabelledText[], extra: readonly LabelledText[]): LabelledText[] {
  const out: LabelledText[] = [];
  const every = rows.length / extra.length;
  let next = 0;
  rows.forEach((r, i) => {
    out.push(r);
    while (next < extra.length && (next + 1) * every <= i + 1) out.push(extra[next++] as LabelledText);
  });
  return out.concat(extra.slice(next));
}

/** The review sentences given plus the project's neutral comments. */
export function trainEnglish(reviews: readonly LabelledText[]): TrainResult {
  return train(interleave(reviews, englishNeutralRows()), ENGLISH_SETTINGS);
}
