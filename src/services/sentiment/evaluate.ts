/**
 * Evaluation on data that never reaches the repository: ArSarcasm-v2 testing_data.csv (never
 * trained on). Shared by `npm run eval:sentiment`, the evaluation test and the benchmark.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../../paths.js';
import { type ArSarcasmRow, type NegativeClassReport, negativeClassReport, readArSarcasm } from './dataset.js';
import type { SentimentClassifier } from './index.js';

export const SHARED_DATA = path.join(packageRoot, '..', 'shared', 'data');
export const ARSARCASM_TEST = path.join(SHARED_DATA, 'arsarcasm-v2', 'testing_data.csv');

export function arabicTestRows(): ArSarcasmRow[] | undefined {
  return existsSync(ARSARCASM_TEST) ? readArSarcasm(ARSARCASM_TEST) : undefined;
}

export function evaluate(classifier: SentimentClassifier, rows: readonly ArSarcasmRow[]): NegativeClassReport {
  return negativeClassReport(
    rows,
    rows.map((r) => classifier.classify(r.text).label),
  );
}
