import { describe, expect, it } from 'vitest';
import { ARSARCASM_TEST, arabicTestRows, evaluate } from '../../src/services/sentiment/evaluate.js';
import { SentimentClassifier } from '../../src/services/sentiment/index.js';

// Measured on this commit: P 0.711, R 0.693, F1 0.702 (npm run eval:sentiment). The floor is the
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
