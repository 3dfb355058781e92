/**
 * Reading the labelled data sets used to build and evaluate the model (training script, evaluation
 * test, benchmark). The files live outside the repository (../shared/data); only counts ship.
 */
import { readFileSync } from 'node:fs';
import type { LabelledText, SentimentLabel } from './model.js';

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
