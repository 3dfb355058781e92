#!/usr/bin/env node
// Builds src/services/sentiment/model/ar-nb.json from ArSarcasm-v2 training rows (../shared/data by
// default). Only feature counts found in at least 3 tweets are written; no tweet text is kept.
// Run after `npm run build`: node scripts/train-sentiment.mjs [path/to/training_data.csv]
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));
const dist = path.join(root, 'dist', 'src', 'services', 'sentiment');
if (!existsSync(path.join(dist, 'train.js'))) {
  process.stderr.write('Run `npm run build` first.\n');
  process.exit(1);
}
const { trainArabic } = await import(path.join(dist, 'train.js'));
const { ARABIC_MODEL_FILE } = await import(path.join(dist, 'index.js'));

const csv = process.argv[2] ?? path.join(root, '..', 'shared', 'data', 'arsarcasm-v2', 'training_data.csv');
if (!existsSync(csv)) {
  process.stderr.write(`Training data not found at ${csv}; pass the path to ArSarcasm-v2 training_data.csv.\n`);
  process.exit(2);
}
const started = Date.now();
const { model, cuts, dev } = trainArabic(csv);
mkdirSync(path.dirname(ARABIC_MODEL_FILE), { recursive: true });
const json = `${JSON.stringify(model)}\n`;
writeFileSync(ARABIC_MODEL_FILE, json);
const pct = (x) => `${(x * 100).toFixed(1)}%`;
process.stdout.write(
  `Wrote ${path.relative(root, ARABIC_MODEL_FILE)}: ${Object.keys(model.counts).length} features, ` +
    `${(json.length / 1024).toFixed(0)} KB, in ${((Date.now() - started) / 1000).toFixed(1)} s.\n` +
    `Cuts ${JSON.stringify(cuts)}; held-out tenth of the training rows: negative P ${pct(dev.precision)} ` +
    `R ${pct(dev.recall)} F1 ${pct(dev.f1)} (classes weighted equally).\n`,
);
