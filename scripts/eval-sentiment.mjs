#!/usr/bin/env node
// Prints negative-class precision, recall and F1 of the shipped classifier on ArSarcasm-v2
// testing_data.csv (../shared/data), which the model never saw. Run after `npm run build`.
import path from 'node:path';

const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));
const dist = path.join(root, 'dist', 'src', 'services', 'sentiment');
const { SentimentClassifier } = await import(path.join(dist, 'index.js'));
const { arabicTestRows, evaluate, ARSARCASM_TEST } = await import(path.join(dist, 'evaluate.js'));

const rows = arabicTestRows();
if (!rows) {
  process.stdout.write(`Skipped: ${ARSARCASM_TEST} is absent (see ../shared/data/README.md).\n`);
  process.exit(0);
}
const classifier = SentimentClassifier.load();
const pct = (x) => `${(x * 100).toFixed(1)}%`;
const show = (name, r) =>
  process.stdout.write(
    `${name.padEnd(28)} n=${String(r.n).padStart(4)}  P ${pct(r.precision)}  R ${pct(r.recall)}  F1 ${pct(r.f1)}  acc ${pct(r.accuracy)}\n`,
  );
show('Arabic (ArSarcasm-v2 test)', evaluate(classifier, rows));
show(
  '  sarcastic tweets only',
  evaluate(
    classifier,
    rows.filter((r) => r.sarcastic),
  ),
);
for (const d of ['msa', 'gulf', 'egypt', 'levant'])
  show(
    `  dialect ${d}`,
    evaluate(
      classifier,
      rows.filter((r) => r.dialect === d),
    ),
  );
process.stdout.write('English: no labelled English data ships with the project; see docs/alerts.md.\n');
