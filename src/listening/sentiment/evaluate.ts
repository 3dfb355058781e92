/**
 * Evaluation on data that never reaches the repository: ArSarcasm-v2 testing_data.csv (never
 * trained on) and the UCI "Sentiment Labelled Sentences" that ship in the npm package `sentiment`
 * (a dev dependency read for its fixtures): English is measured leave-one-source-out, training on
 * two of Amazon, Yelp and IMDB and testing on the third. Shared by `npm run eval:sentiment`,
 * `npm run train:sentiment`, the evaluation test and the benchmark.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../../paths.js';
import { type ArSarcasmRow, type NegativeClassReport, negativeClassReport, readArSarcasm } from './dataset.js';
import { SentimentClassifier } from './index.js';
import type { LabelledText } from './model.js';
import { trainEnglish } from './train.js';

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
  /** Even rows were read while writing the English rules; odd rows never were. */
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

export interface LeaveOneOut {
  /** The source tested on, after training on the other two. */
  source: UciSource;
  all: NegativeClassReport;
  /** Its odd rows only: never read while writing the rules. */
  unread: NegativeClassReport;
}

/** English leave-one-source-out: the training procedure of the shipped model, tested on unseen data. */
export function englishLeaveOneSourceOut(rows: readonly EnglishRow[]): LeaveOneOut[] {
  return UCI_SOURCES.map((source) => {
    const classifier = SentimentClassifier.of(trainEnglish(rows.filter((r) => r.source !== source)).model);
    const held = rows.filter((r) => r.source === source);
    return {
      source,
      all: evaluate(classifier, held),
      unread: evaluate(
        classifier,
        held.filter((r) => !r.tuning),
      ),
    };
  });
}

export const meanF1 = (reports: readonly NegativeClassReport[]): number =>
  reports.reduce((sum, r) => sum + r.f1, 0) / reports.length;
