#!/usr/bin/env node
// Five-fold cross-validation of the Arabic training procedure on ArSarcasm-v2 training_data.csv only
// (the test file is never read here): how settings, features and the lexicon are tuned without
// touching the figures the evaluation reports. Prints negative-class P/R/F1 per fold and the mean.
// Run after `npm run build`: node scripts/cv-sentiment.mjs [folds]
import path from 'node:path';

const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));
const dist = path.join(root, 'dist', 'src', 'listening', 'sentiment');
const { readArSarcasm, negativeClassReport } = await import(path.join(dist, 'dataset.js'));
const { train, ARABIC_SETTINGS } = await import(path.join(dist, 'train.js'));
const { SentimentClassifier } = await import(path.join(dist, 'index.js'));

const folds = Number(process.argv[2] ?? 5);
const rows = readArSarcasm(path.join(root, '..', 'shared', 'data', 'arsarcasm-v2', 'training_data.csv'));
const pct = (x) => `${(x * 100).toFixed(1)}%`;
const reports = [];
for (let f = 0; f < folds; f++) {
  const held = rows.filter((_, i) => i % folds === f);
  const { model } = train(
    rows.filter((_, i) => i % folds !== f),
    ARABIC_SETTINGS,
  );
  const classifier = SentimentClassifier.of(model);
  const r = negativeClassReport(
    held,
    held.map((x) => classifier.classify(x.text).label),
  );
  reports.push(r);
  process.stdout.write(
    `fold ${f + 1}/${folds}: P ${pct(r.precision)} R ${pct(r.recall)} F1 ${pct(r.f1)} cuts ${JSON.stringify(model.cuts)}\n`,
  );
}
const mean = (k) => reports.reduce((s, r) => s + r[k], 0) / reports.length;
process.stdout.write(
  `mean: P ${pct(mean('precision'))} R ${pct(mean('recall'))} F1 ${pct(mean('f1'))} (${folds} folds)\n`,
);
