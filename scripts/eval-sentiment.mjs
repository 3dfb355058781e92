#!/usr/bin/env node
// Prints negative-class precision, recall and F1 of the shipped classifier: Arabic on ArSarcasm-v2
// testing_data.csv (../shared/data), which the model never saw; English on the UCI sentences that ship
// in the `sentiment` dev dependency (rules only; even rows were read while writing the rules, odd rows
// never were). Run after `npm run build`.
import path from 'node:path';

const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));
const dist = path.join(root, 'dist', 'src', 'services', 'sentiment');
const { SentimentClassifier } = await import(path.join(dist, 'index.js'));
const { arabicTestRows, englishRows, evaluate, ARSARCASM_TEST, UCI_FIXTURES, UCI_SOURCES } = await import(
  path.join(dist, 'evaluate.js')
);

const classifier = SentimentClassifier.load();
const pct = (x) => `${(x * 100).toFixed(1)}%`;
const show = (name, r) =>
  process.stdout.write(
    `${name.padEnd(28)} n=${String(r.n).padStart(4)}  P ${pct(r.precision)}  R ${pct(r.recall)}  F1 ${pct(r.f1)}  acc ${pct(r.accuracy)}\n`,
  );
const subset = (rows, keep) => evaluate(classifier, rows.filter(keep));

const ar = arabicTestRows();
if (!ar) process.stdout.write(`Arabic skipped: ${ARSARCASM_TEST} is absent (see ../shared/data/README.md).\n`);
else {
  show('Arabic (ArSarcasm-v2 test)', evaluate(classifier, ar));
  show(
    '  sarcastic tweets only',
    subset(ar, (r) => r.sarcastic),
  );
  for (const d of ['msa', 'gulf', 'egypt', 'levant'])
    show(
      `  dialect ${d}`,
      subset(ar, (r) => r.dialect === d),
    );
}

const en = englishRows();
if (!en) process.stdout.write(`English skipped: ${UCI_FIXTURES} is absent (the \`sentiment\` dev dependency).\n`);
else {
  show('English (UCI sentences)', evaluate(classifier, en));
  show(
    '  never used for tuning',
    subset(en, (r) => !r.tuning),
  );
  for (const s of UCI_SOURCES)
    show(
      `  ${s}`,
      subset(en, (r) => r.source === s),
    );
}
