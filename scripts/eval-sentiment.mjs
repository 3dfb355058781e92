#!/usr/bin/env node
// Prints negative-class precision, recall and F1: Arabic with the shipped model on ArSarcasm-v2
// testing_data.csv (../shared/data), which the model never saw; English leave-one-source-out on the
// UCI sentences of the `sentiment` dev dependency (the shipped model's training procedure, trained on
// two of Amazon, Yelp and IMDB and tested on the third). Run after `npm run build`.
import path from 'node:path';

const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));
const dist = path.join(root, 'dist', 'src', 'listening', 'sentiment');
const { SentimentClassifier } = await import(path.join(dist, 'index.js'));
const { arabicTestRows, englishRows, englishLeaveOneSourceOut, evaluate, meanF1, ARSARCASM_TEST, UCI_FIXTURES } =
  await import(path.join(dist, 'evaluate.js'));

const pct = (x) => `${(x * 100).toFixed(1)}%`;
const show = (name, r) =>
  process.stdout.write(
    `${name.padEnd(38)} n=${String(r.n).padStart(4)}  P ${pct(r.precision)}  R ${pct(r.recall)}  F1 ${pct(r.f1)}  acc ${pct(r.accuracy)}\n`,
  );

const classifier = SentimentClassifier.load();
const ar = arabicTestRows();
if (!ar) process.stdout.write(`Arabic skipped: ${ARSARCASM_TEST} is absent (see ../shared/data/README.md).\n`);
else {
  show('Arabic (ArSarcasm-v2 test)', evaluate(classifier, ar));
  show(
    '  sarcastic tweets only',
    evaluate(
      classifier,
      ar.filter((r) => r.sarcastic),
    ),
  );
  for (const d of ['msa', 'gulf', 'egypt', 'levant'])
    show(
      `  dialect ${d}`,
      evaluate(
        classifier,
        ar.filter((r) => r.dialect === d),
      ),
    );
}

const en = englishRows();
if (!en) process.stdout.write(`English skipped: ${UCI_FIXTURES} is absent (the \`sentiment\` dev dependency).\n`);
else {
  const folds = englishLeaveOneSourceOut(en);
  for (const f of folds) {
    show(`English: test ${f.source}, train the others`, f.all);
    show('  its odd rows (never read)', f.unread);
  }
  process.stdout.write(
    `English leave-one-source-out mean F1 ${pct(meanF1(folds.map((f) => f.all)))}; ` +
      `odd rows only ${pct(meanF1(folds.map((f) => f.unread)))}\n`,
  );
}
