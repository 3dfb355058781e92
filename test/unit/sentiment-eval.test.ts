import { describe, expect, it } from 'vitest';
import {
  ARSARCASM_TEST,
  arabicTestRows,
  englishRows,
  evaluate,
  UCI_FIXTURES,
  UCI_SOURCES,
} from '../../src/services/sentiment/evaluate.js';
import { SentimentClassifier } from '../../src/services/sentiment/index.js';

// Measured on this commit: P 0.714, R 0.704, F1 0.709 (npm run eval:sentiment; 0.707 before the rules
// read typed emoticons, 0.702 before alpha 0.25 and scale exponent 0.25, both chosen by
// cross-validation on the training rows). The floor is the
// issue's: a change that drops the Arabic negative-class F1 below it fails here.
const ARABIC_F1_FLOOR = 0.7;

const rows = arabicTestRows();

describe('Arabic negative-class quality on ArSarcasm-v2 test (never trained on)', () => {
  it.skipIf(!rows)(`F1 >= ${ARABIC_F1_FLOOR}`, () => {
    const report = evaluate(SentimentClassifier.load(), rows ?? []);
    console.log(
      `ArSarcasm-v2 test: n=${report.n} P=${report.precision.toFixed(3)} R=${report.recall.toFixed(3)} F1=${report.f1.toFixed(3)}`,
    );
    expect(report.n).toBe(3000);
    expect(report.f1).toBeGreaterThanOrEqual(ARABIC_F1_FLOOR);
    expect(report.recall).toBeGreaterThan(0.6);
  });

  it.skipIf(rows)('is skipped without ../shared/data', () => {
    console.log(`Skipped the Arabic evaluation: ${ARSARCASM_TEST} is absent.`);
  });
});

// English is rules only (no English model ships). Measured with `npm run eval:sentiment`: all 3,003
// UCI sentences P 0.970 R 0.749 F1 0.845; the half never read while writing the English rules
// (odd rows) P 0.961 R 0.694 F1 0.806. Before the third pass (praise idioms, more complaint idioms
// and words): 0.788 and 0.774; before the second pass: F1 0.574.
const ENGLISH_F1_FLOOR = 0.76;
const english = englishRows();

describe('English negative-class quality on the UCI sentences (npm package `sentiment` fixtures)', () => {
  it.skipIf(!english)(`F1 >= ${ENGLISH_F1_FLOOR} overall and on the rows never used for tuning`, () => {
    const c = SentimentClassifier.load();
    const all = evaluate(c, english ?? []);
    const held = evaluate(
      c,
      (english ?? []).filter((r) => !r.tuning),
    );
    const line = (name: string, r: typeof all) =>
      `${name}: n=${r.n} P=${r.precision.toFixed(3)} R=${r.recall.toFixed(3)} F1=${r.f1.toFixed(3)}`;
    console.log([line('UCI all', all), line('UCI held-out half', held)].join('\n'));
    for (const source of UCI_SOURCES) {
      const r = evaluate(
        c,
        (english ?? []).filter((x) => x.source === source),
      );
      console.log(line(`  ${source}`, r));
      expect(r.f1, source).toBeGreaterThan(0.7);
    }
    expect(all.f1).toBeGreaterThanOrEqual(ENGLISH_F1_FLOOR);
    expect(held.f1).toBeGreaterThanOrEqual(ENGLISH_F1_FLOOR);
    // Alerts must not cry wolf: most sentences called negative are negative.
    expect(all.precision).toBeGreaterThan(0.9);
  });

  it.skipIf(english)('is skipped without the `sentiment` dev dependency', () => {
    console.log(`Skipped the English evaluation: ${UCI_FIXTURES} is absent (npm install --include=dev).`);
  });
});
