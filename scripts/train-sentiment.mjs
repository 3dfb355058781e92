#!/usr/bin/env node
// Builds src/listening/sentiment/model/sentiment.json from the training sources in ../shared/data
// (and the UCI sentences of the `sentiment` dev dependency), and model/report.json with its
// cross-validated and held-back figures (docs/alerts.md). A fifth of every source is held back and
// never used to choose anything; the cuts are chosen by five-fold cross-validation on the rest; the
// shipped model is then fitted on every row. Only weights of hash buckets found in at least 3 texts
// are written; no text is kept. The sources' own test splits (ArSarcasm-v2's among them) are read
// once at the end, to report figures.
// Run after `npm run build`: node scripts/train-sentiment.mjs   (a few minutes on one core)
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));
const dist = path.join(root, 'dist', 'src', 'listening', 'sentiment');
if (!existsSync(path.join(dist, 'evaluate.js'))) {
  process.stderr.write('Run `npm run build` first.\n');
  process.exit(1);
}
const { prepare, build, testFigures, SETTINGS } = await import(path.join(dist, 'evaluate.js'));
const { SentimentClassifier, MODEL_FILE } = await import(path.join(dist, 'index.js'));
const { REPORT_FILE, BASELINE_FILE, sha256, heldBackTable, figuresTable, missedTargets } = await import(
  path.join(dist, 'report.js')
);

const started = Date.now();
const log = (line) => process.stdout.write(`[${((Date.now() - started) / 1000).toFixed(0)} s] ${line}\n`);
const p = prepare();
if (p.missing.length > 0) {
  process.stderr.write(
    `Training data missing: ${p.missing.join(', ')} (see ../shared/data/README.md; the UCI sentences come with \`npm install --include=dev\`).\n`,
  );
  process.exit(2);
}
log(`${p.rows.length} rows from ${p.sources.length} sources; ${p.heldBack.length} held back`);
const baseline = JSON.parse(readFileSync(BASELINE_FILE, 'utf8'));
// The previous model's cross-validated F1 on the development rows: the floor each source's cut should beat.
const floors = new Map(baseline.development.map((f) => [f.source, f.f1]));
const b = build(p, SETTINGS, { log, floors });
mkdirSync(path.dirname(MODEL_FILE), { recursive: true });
writeFileSync(MODEL_FILE, `${JSON.stringify(b.model)}\n`);
log(`wrote ${path.relative(root, MODEL_FILE)}`);
const tests = testFigures(SentimentClassifier.of(b.model));
const report = {
  model: {
    file: path.relative(path.dirname(REPORT_FILE), MODEL_FILE),
    sha256: sha256(MODEL_FILE),
    bytes: readFileSync(MODEL_FILE).length,
  },
  sources: b.model.sources,
  settings: b.settings,
  targets: b.model.training.targets,
  cuts: b.model.cuts,
  crossValidated: b.crossValidated,
  heldBack: b.heldBack,
  baseline,
  tests,
};
writeFileSync(REPORT_FILE, `${JSON.stringify(report, null, 1)}\n`);
log(`wrote ${path.relative(root, REPORT_FILE)}`);
process.stdout.write(
  `\nHeld-back fifth of each source (model fitted on the rest):\n${heldBackTable(b.heldBack, baseline.figures)}\n`,
);
process.stdout.write(`\nCross-validated (5 folds, development rows):\n${figuresTable(b.crossValidated, 'source')}\n`);
process.stdout.write(`\nThe sources' own test splits (shipped model):\n${figuresTable(tests)}\n`);
const missed = missedTargets(b.heldBack, baseline.figures);
process.stdout.write(missed.length === 0 ? '\nEvery target met.\n' : `\nTargets missed:\n- ${missed.join('\n- ')}\n`);
