#!/usr/bin/env node
// Builds src/listening/sentiment/model/ar.json from ArSarcasm-v2 training rows (../shared/data by
// default) and model/en.json from the UCI sentences in the `sentiment` dev dependency. Only counts and
// weights of features found in at least 3 texts are written; no text is kept.
// Run after `npm run build`: node scripts/train-sentiment.mjs [path/to/training_data.csv]
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));
const dist = path.join(root, 'dist', 'src', 'listening', 'sentiment');
if (!existsSync(path.join(dist, 'train.js'))) {
  process.stderr.write('Run `npm run build` first.\n');
  process.exit(1);
}
const { trainArabic, trainEnglish } = await import(path.join(dist, 'train.js'));
const { MODEL_FILES } = await import(path.join(dist, 'index.js'));
const { englishRows, UCI_FIXTURES } = await import(path.join(dist, 'evaluate.js'));

const pct = (x) => `${(x * 100).toFixed(1)}%`;
function write(lang, build) {
  const started = Date.now();
  const { model, dev } = build();
  mkdirSync(path.dirname(MODEL_FILES[lang]), { recursive: true });
  const json = `${JSON.stringify(model)}\n`;
  writeFileSync(MODEL_FILES[lang], json);
  process.stdout.write(
    `Wrote ${path.relative(root, MODEL_FILES[lang])}: ${Object.keys(model.naiveBayes.counts).length} features, ` +
      `${(json.length / 1024).toFixed(0)} KB, in ${((Date.now() - started) / 1000).toFixed(1)} s.\n` +
      `  cuts ${JSON.stringify(model.cuts)}; held-out tenth of the training rows: negative P ${pct(dev.precision)} ` +
      `R ${pct(dev.recall)} F1 ${pct(dev.f1)} (classes weighted equally).\n`,
  );
}

const csv = process.argv[2] ?? path.join(root, '..', 'shared', 'data', 'arsarcasm-v2', 'training_data.csv');
let missing = 0;
if (existsSync(csv)) write('ar', () => trainArabic(csv));
else {
  process.stderr.write(`Arabic training data not found at ${csv}; pass the path to ArSarcasm-v2 training_data.csv.\n`);
  missing++;
}
const english = englishRows();
if (english) write('en', () => trainEnglish(english));
else {
  process.stderr.write(`English sentences not found at ${UCI_FIXTURES}: install the dev dependencies.\n`);
  missing++;
}
process.exit(missing === 0 ? 0 : 2);
