/**
 * Reading the labelled data sets used to build and evaluate the model (training script, evaluation
 * test, benchmark). The files live outside the repository (../shared/data); only weights ship.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../../paths.js';
import type { LabelledText, ModelSource, SentimentLabel } from './model.js';

export const SHARED_DATA = path.join(packageRoot, '..', 'shared', 'data');
export const UCI_FIXTURES = path.join(packageRoot, 'node_modules', 'sentiment', 'test', 'fixtures');
/**
 * Neutral brand comments written for this project ("Tagging my sister", "Do you deliver to Dammam"):
 * the other English sets have few comments addressed to a business.
 */
export const PROJECT_NEUTRAL_FILE = path.join(packageRoot, 'src', 'listening', 'sentiment', 'data', 'en-neutral.txt');

export interface SourceSpec extends Omit<ModelSource, 'rows'> {
  /** The rows, or undefined when the data is not on this machine. */
  read(): LabelledText[] | undefined;
}

const LABELS = new Set<string>(['negative', 'neutral', 'positive']);

/** `{"text", "label"}` per line, as in ../shared/data; undefined when the file is absent. */
export function readJsonl(file: string): LabelledText[] | undefined {
  if (!existsSync(file)) return undefined;
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { text: string; label: string })
    .filter((r) => LABELS.has(r.label))
    .map((r) => ({ text: r.text, label: r.label as SentimentLabel }));
}

const shared = (...p: string[]) => path.join(SHARED_DATA, ...p);

/** The training sources, in the order of every table (docs/alerts.md names them with their licences). */
export const TRAINING_SOURCES: readonly SourceSpec[] = [
  {
    name: 'goemotions',
    origin: 'GoEmotions (Demszky et al., ACL 2020), google-research/google-research: English Reddit comments',
    licence: 'CC BY 4.0',
    read: () => readJsonl(shared('goemotions', 'train.jsonl')),
  },
  {
    name: 'uci-sentences',
    origin:
      'UCI Sentiment Labelled Sentences (Kotzias et al., KDD 2015): Amazon, Yelp and IMDB, from the npm package sentiment',
    licence: 'CC BY 4.0',
    read: () => {
      const out: LabelledText[] = [];
      for (const source of ['amazon', 'yelp', 'imdb']) {
        const file = path.join(UCI_FIXTURES, `${source}.json`);
        if (!existsSync(file)) return undefined;
        const rows = JSON.parse(readFileSync(file, 'utf8')) as Array<{ text: string; class: number }>;
        for (const r of rows) out.push({ text: r.text, label: r.class === 0 ? 'negative' : 'positive' });
      }
      return out;
    },
  },
  {
    name: 'project-neutral',
    origin: 'Neutral brand comments written for this project (src/listening/sentiment/data/en-neutral.txt)',
    licence: 'MIT (this project)',
    read: () =>
      readFileSync(PROJECT_NEUTRAL_FILE, 'utf8')
        .split('\n')
        .map((line) => line.trim())
        .filter((text) => text !== '')
        .map((text) => ({ text, label: 'neutral' as const })),
  },
  {
    name: 'arsarcasm-v2',
    origin:
      'ArSarcasm-v2 training_data.csv (Abu Farha, Zaghouani and Magdy, WANLP 2021), iabufarha/ArSarcasm-v2 @ eb85513e',
    licence: 'MIT (c) 2021 iabufarha; tweet texts subject to X terms',
    read: () => {
      const file = shared('arsarcasm-v2', 'training_data.csv');
      return existsSync(file) ? readArSarcasm(file) : undefined;
    },
  },
  {
    name: 'afrisenti-ary',
    origin: 'AfriSenti SemEval-2023 Task 12 (Muhammad et al., 2023): Moroccan Darija tweets, 41 % Arabizi',
    licence: 'CC BY 4.0; tweet texts subject to X terms',
    read: () => readJsonl(shared('afrisenti-ary', 'train.jsonl')),
  },
  {
    name: 'afrisenti-arq',
    origin: 'AfriSenti SemEval-2023 Task 12 (Muhammad et al., 2023): Algerian Arabic tweets',
    licence: 'CC BY 4.0; tweet texts subject to X terms',
    read: () => readJsonl(shared('afrisenti-arq', 'train.jsonl')),
  },
  {
    name: 'saudi-tourism',
    origin: 'Saudi Tourism Reviews (Raneem224/Tourist_Reviews_in-Saudi_Arabia @ 46ee7f2d): Google Maps reviews',
    licence: 'MIT',
    read: () => readJsonl(shared('saudi-tourism-reviews', 'train.jsonl')),
  },
];

/**
 * Sources whose questions are addressed to a brand ("Do you deliver to Dammam"): a review alert on
 * one is what the alert is for, not a false alarm.
 */
export const BRAND_QUESTIONS: ReadonlySet<string> = new Set(['project-neutral']);

/**
 * The sources' own test splits, never trained on: read once, after training, to report figures
 * (ArSarcasm-v2's is the one the issue names; the others are in-domain checks).
 */
export const TEST_SPLITS: readonly SourceSpec[] = [
  {
    name: 'arsarcasm-v2 test',
    origin: 'ArSarcasm-v2 testing_data.csv',
    licence: 'MIT',
    read: () => {
      const file = shared('arsarcasm-v2', 'testing_data.csv');
      return existsSync(file) ? readArSarcasm(file) : undefined;
    },
  },
  {
    name: 'goemotions test',
    origin: 'GoEmotions test.jsonl',
    licence: 'CC BY 4.0',
    read: () => readJsonl(shared('goemotions', 'test.jsonl')),
  },
  {
    name: 'afrisenti-ary test',
    origin: 'AfriSenti ary test.jsonl',
    licence: 'CC BY 4.0',
    read: () => readJsonl(shared('afrisenti-ary', 'test.jsonl')),
  },
  {
    name: 'afrisenti-arq test',
    origin: 'AfriSenti arq test.jsonl',
    licence: 'CC BY 4.0',
    read: () => readJsonl(shared('afrisenti-arq', 'test.jsonl')),
  },
];

export interface SourceRow extends LabelledText {
  source: string;
}

/** Every training source found on this machine, rows tagged with their source. */
export function readSources(specs: readonly SourceSpec[] = TRAINING_SOURCES): {
  rows: SourceRow[];
  found: SourceSpec[];
  missing: string[];
} {
  const rows: SourceRow[] = [];
  const found: SourceSpec[] = [];
  const missing: string[] = [];
  for (const spec of specs) {
    const read = spec.read();
    if (!read) {
      missing.push(spec.name);
      continue;
    }
    found.push(spec);
    for (const r of read) rows.push({ ...r, source: spec.name });
  }
  return { rows, found, missing };
}

/** A stable hash of a text (FNV-1a): which slice and fold a row falls in never depends on file order. */
export function textHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h >>> 0;
}

/** A fifth of every source is held back: never used to choose anything, only to report figures. */
export const HELD_BACK_PERCENT = 20;
export const isHeldBack = (text: string): boolean => textHash(`held:${text}`) % 100 < HELD_BACK_PERCENT;
/** The cross-validation fold (0..folds-1) of a development row. */
export const foldOf = (text: string, folds: number): number => textHash(`fold:${text}`) % folds;

/** RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks. */
export function parseCsv(content: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < content.length; i++) {
    const ch = content[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (content[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && content[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

const ARSARCASM_LABELS: Record<string, SentimentLabel> = { NEG: 'negative', NEU: 'neutral', POS: 'positive' };

export interface ArSarcasmRow extends LabelledText {
  sarcastic: boolean;
  dialect: string;
}

/** ArSarcasm-v2 CSV: tweet, sarcasm, sentiment (POS|NEG|NEU), dialect. */
export function readArSarcasm(file: string): ArSarcasmRow[] {
  const [header, ...rows] = parseCsv(readFileSync(file, 'utf8'));
  if (header?.join(',') !== 'tweet,sarcasm,sentiment,dialect') {
    throw new Error(`${file}: expected the ArSarcasm-v2 header tweet,sarcasm,sentiment,dialect`);
  }
  return rows
    .filter((r) => r.length === 4)
    .map(([tweet, sarcasm, sentiment, dialect]) => {
      const label = ARSARCASM_LABELS[sentiment ?? ''];
      if (!label) throw new Error(`${file}: unknown sentiment "${sentiment}"`);
      return { text: tweet ?? '', label, sarcastic: sarcasm === 'TRUE', dialect: dialect ?? '' };
    });
}

export interface NegativeClassReport {
  n: number;
  precision: number;
  recall: number;
  f1: number;
  accuracy: number;
}

/** Precision, recall and F1 of the negative class (what alerts care about), plus 3-way accuracy. */
export function negativeClassReport(
  rows: ReadonlyArray<{ label: SentimentLabel }>,
  predicted: readonly SentimentLabel[],
  /** Per-row weights (e.g. to count every class equally); 1 each when absent. */
  weights?: readonly number[],
): NegativeClassReport {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let correct = 0;
  let total = 0;
  rows.forEach((r, i) => {
    const p = predicted[i];
    const w = weights?.[i] ?? 1;
    total += w;
    if (p === r.label) correct += w;
    if (p === 'negative' && r.label === 'negative') tp += w;
    else if (p === 'negative') fp += w;
    else if (r.label === 'negative') fn += w;
  });
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { n: rows.length, precision, recall, f1, accuracy: total === 0 ? 0 : correct / total };
}
