#!/usr/bin/env node
// Prints the figures of the shipped sentiment model (docs/alerts.md): per training source, on the
// fifth held back from training, negative-class F1 against the previous model and always-negative,
// precision, recall, the false-alarm rate of the alerts (urgent + review) on neutral and positive
// rows and the precision of urgent alerts. Recomputed here: a model is fitted on the development
// rows with the shipped file's settings and cut with its cuts (chosen by cross-validation at
// training). Then the sources' own test splits, ArSarcasm-v2's among them, with the shipped model.
// `--report` prints the committed model/report.json instead (no data needed).
// Run after `npm run build`.
import path from 'node:path';

const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));
const dist = path.join(root, 'dist', 'src', 'listening', 'sentiment');
const { prepare, heldBackFigures, testFigures } = await import(path.join(dist, 'evaluate.js'));
const { SentimentClassifier, MODEL_FILE } = await import(path.join(dist, 'index.js'));
const { readReport, heldBackTable, figuresTable, missedTargets, sha256 } = await import(path.join(dist, 'report.js'));

const report = readReport();
const fresh = report.model.sha256 === sha256(MODEL_FILE);
if (!fresh)
  process.stdout.write('Note: model/report.json describes another model file; run npm run train:sentiment.\n');
const baseline = report.baseline.figures;
let heldBack = report.heldBack;
let tests = report.tests;
const p = process.argv.includes('--report') ? undefined : prepare();
if (p && p.missing.length === 0) {
  const classifier = SentimentClassifier.load();
  process.stdout.write('Fitting the held-back model (about a minute)…\n');
  heldBack = heldBackFigures(p, classifier.model);
  tests = testFigures(classifier);
} else if (p) {
  process.stdout.write(`Data missing (${p.missing.join(', ')}): the committed figures of model/report.json follow.\n`);
}
process.stdout.write(`\nHeld-back fifth of each training source:\n${heldBackTable(heldBack, baseline)}\n`);
process.stdout.write(`\nThe sources' own test splits (never trained on):\n${figuresTable(tests)}\n`);
const missed = missedTargets(heldBack, baseline);
process.stdout.write(missed.length === 0 ? '\nEvery target met.\n' : `\nTargets missed:\n- ${missed.join('\n- ')}\n`);
process.exit(missed.length === 0 ? 0 : 1);
