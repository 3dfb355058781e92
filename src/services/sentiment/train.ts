/**
 * Builds the Arabic model from ArSarcasm-v2 training rows and tunes the label cuts on a held-out
 * tenth of them (the test file is never looked at here). Used by scripts/train-sentiment.mjs.
 */
import { negativeClassReport, readArSarcasm } from './dataset.js';
import { type Cuts, SentimentClassifier } from './index.js';
import { type NaiveBayesModel, trainNaiveBayes } from './model.js';

export const ARSARCASM_SOURCE =
  'ArSarcasm-v2 training_data.csv (Abu Farha, Zaghouani and Magdy, WANLP 2021; github.com/iabufarha/ArSarcasm-v2 @ eb85513e)';
export const ARSARCASM_LICENCE = 'MIT (c) 2021 iabufarha; counts of features found in at least 3 tweets, no tweet text';

/** The negative-class recall the chosen cuts must reach on the held-out rows. */
export const MIN_DEV_RECALL = 0.75;

export interface TrainResult {
  model: NaiveBayesModel & { cuts: Cuts };
  cuts: Cuts;
  dev: ReturnType<typeof negativeClassReport>;
}

/** Every tenth row is held out to choose the cuts; the final model is then built from all rows. */
export function trainArabic(trainingCsv: string): TrainResult {
  const rows = readArSarcasm(trainingCsv);
  const fit = rows.filter((_, i) => i % 10 !== 0);
  const dev = rows.filter((_, i) => i % 10 === 0);
  const meta = { source: ARSARCASM_SOURCE, licence: ARSARCASM_LICENCE, minCount: 3 };
  const devModel = trainNaiveBayes(fit, meta);
  // Tweets are 37 % negative, brand comments and the test set differ: choose the cuts as if every
  // class were equally common, so the cuts do not learn the training mix.
  const perClass = new Map<string, number>();
  for (const r of dev) perClass.set(r.label, (perClass.get(r.label) ?? 0) + 1);
  const balanced = dev.map((r) => dev.length / 3 / (perClass.get(r.label) ?? 1));
  let best: { cuts: Cuts; report: ReturnType<typeof negativeClassReport> } | undefined;
  for (const ruleWeight of [0.2, 0.3, 0.4, 0.5]) {
    for (const negative of [-0.3, -0.2, -0.15, -0.1, -0.05, 0, 0.05]) {
      const cuts = { negative, positive: 0.25, ruleWeight };
      const c = new SentimentClassifier(devModel, cuts);
      const report = negativeClassReport(
        dev,
        dev.map((r) => c.classify(r.text).label),
        balanced,
      );
      // Alerts are recall first: a missed angry customer costs more than a second look at a mild one.
      if (report.recall < MIN_DEV_RECALL) continue;
      if (!best || report.f1 > best.report.f1) best = { cuts, report };
    }
  }
  if (!best) throw new Error('no cuts evaluated');
  return { model: { ...trainNaiveBayes(rows, meta), cuts: best.cuts }, cuts: best.cuts, dev: best.report };
}
