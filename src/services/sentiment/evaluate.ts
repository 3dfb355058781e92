/**
 * Evaluation on data that never reaches the repository: ArSarcasm-v2 testing_data.csv (never
 * trained on) and the UCI "Sentiment Labelled Sentences" that ship in the npm package `sentiment`
 * (a dev dependency read for its fixtures only). Shared by `npm run eval:sentiment`, the
 * evaluation test and the benchmark.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../../paths.js';
import { type ArSarcasmRow, type NegativeClassReport, negativeClassReport, readArSarcasm } from './dataset.js';
import type { SentimentClassifier } from './index.js';
import type { LabelledText } from './model.js';

export const SHARED_DATA = path.join(packageRoot, '..', 'shared', 'data');
export const ARSARCASM_TEST = path.join(SHARED_DATA, 'arsarcasm-v2', 'testing_data.csv');

export function arabicTestRows(): ArSarcasmRow[] | undefined {
  return existsSync(ARSARCASM_TEST) ? readArSarcasm(ARSARCASM_TEST) : undefined;
}

export const UCI_SOURCES = ['amazon', 'yelp', 'imdb'] as const;
export type UciSource = (typeof UCI_SOURCES)[number];
export const UCI_FIXTURES = path.join(packageRoot, 'node_modules', 'sentiment', 'test', 'fixtures');

export interface EnglishRow extends LabelledText {
  source: UciSource;
  /** Even rows were read while improving the English rules; odd rows never were. */
  tuning: boolean;
}

/** The 3 x 1,000 UCI sentences (class 0 negative, 1 positive), or undefined when not installed. */
export function englishRows(): EnglishRow[] | undefined {
  const out: EnglishRow[] = [];
  for (const source of UCI_SOURCES) {
    const file = path.join(UCI_FIXTURES, `${source}.json`);
    if (!existsSync(file)) return undefined;
    const rows = JSON.parse(readFileSync(file, 'utf8')) as Array<{ text: string; class: number }>;
    rows.forEach((r, i) => {
      out.push({ text: r.text, label: r.class === 0 ? 'negative' : 'positive', source, tuning: i % 2 === 0 });
    });
  }
  return out;
}

export function evaluate(classifier: SentimentClassifier, rows: readonly LabelledText[]): NegativeClassReport {
  return negativeClassReport(
    rows,
    rows.map((r) => classifier.classify(r.text).label),
  );
}
