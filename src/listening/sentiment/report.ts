/**
 * The committed record of how the shipped model does (model/report.json, written by
 * `npm run train:sentiment`): cross-validated and held-back figures per training source, the
 * model it replaced on the same held-back rows, and the sources' own test splits. The evaluation
 * test checks the targets on it, and that it describes the model file shipped beside it.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../../paths.js';
import type { SourceFigures, Targets } from './calibrate.js';
import type { ModelSource } from './model.js';

const MODEL_DIR = path.join(packageRoot, 'src', 'listening', 'sentiment', 'model');
export const REPORT_FILE = path.join(MODEL_DIR, 'report.json');
/** The figures of the model this one replaced (commit eae931b), on the same held-back rows. */
export const BASELINE_FILE = path.join(MODEL_DIR, 'baseline.json');

/** The targets, checked on the held-back figures. */
export const DONE = { maxFalseAlarm: 0.2, minUrgentPrecision: 0.85, minUrgentToJudge: 10 };

export interface BaselineFigures {
  source: string;
  n: number;
  precision: number;
  recall: number;
  f1: number;
  /** Neutral and positive rows it alerted on (labelled negative, or a question). */
  falseAlarm: number;
}

export interface Report {
  model: { file: string; sha256: string; bytes: number };
  sources: ModelSource[];
  settings: unknown;
  targets: Targets;
  crossValidated: SourceFigures[];
  heldBack: SourceFigures[];
  baseline: { note: string; development: BaselineFigures[]; figures: BaselineFigures[] };
  /** The sources' own test splits (ArSarcasm-v2's among them), read once after training. */
  tests: SourceFigures[];
}

export function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

export function readReport(file = REPORT_FILE): Report {
  return JSON.parse(readFileSync(file, 'utf8')) as Report;
}

const pct = (x: number) => (Number.isNaN(x) ? 'n/a' : (x * 100).toFixed(1));

/** What the held-back figures miss of the targets (empty when every target is met). */
export function missedTargets(heldBack: readonly SourceFigures[], baseline: readonly BaselineFigures[]): string[] {
  const out: string[] = [];
  for (const f of heldBack) {
    if (f.negatives > 0) {
      const before = baseline.find((b) => b.source === f.source);
      if (!before) out.push(`${f.source}: no figure of the previous model`);
      else if (!(f.f1 > before.f1))
        out.push(`${f.source}: F1 ${pct(f.f1)} does not beat the previous model's ${pct(before.f1)}`);
      if (!(f.f1 > f.allNegativeF1)) {
        out.push(`${f.source}: F1 ${pct(f.f1)} does not beat always-negative ${pct(f.allNegativeF1)}`);
      }
    }
    if (f.falseAlarm > DONE.maxFalseAlarm) out.push(`${f.source}: false alarms ${pct(f.falseAlarm)} % over 20 %`);
    if (f.urgent >= DONE.minUrgentToJudge && f.urgentPrecision < DONE.minUrgentPrecision) {
      out.push(`${f.source}: urgent precision ${pct(f.urgentPrecision)} % under 85 %`);
    }
  }
  return out;
}

/** The held-back table of docs/alerts.md, in Markdown. */
export function heldBackTable(heldBack: readonly SourceFigures[], baseline: readonly BaselineFigures[]): string {
  const lines = [
    '| source | held-back rows | negative F1 | previous model F1 | always-negative F1 | precision | recall | false alarms (urgent + review) | previous model false alarms | urgent precision (urgent rows) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const f of heldBack) {
    const b = baseline.find((x) => x.source === f.source);
    const polar = f.negatives > 0;
    lines.push(
      `| ${f.source} | ${f.n} | ${polar ? pct(f.f1) : 'n/a'} | ${b && polar ? pct(b.f1) : 'n/a'} | ${
        polar ? pct(f.allNegativeF1) : 'n/a'
      } | ${polar ? pct(f.precision) : 'n/a'} | ${polar ? pct(f.recall) : 'n/a'} | ${pct(f.falseAlarm)} | ${
        b ? pct(b.falseAlarm) : 'n/a'
      } | ${pct(f.urgentPrecision)} (${f.urgent}) |`,
    );
  }
  return lines.join('\n');
}

/** Figures of the test splits (or the cross-validated ones), in Markdown. */
export function figuresTable(rows: readonly SourceFigures[], name = 'test split'): string {
  const lines = [
    `| ${name} | rows | negative F1 | always-negative F1 | precision | recall | false alarms (urgent + review) | urgent precision (urgent rows) |`,
    '|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const f of rows) {
    const polar = f.negatives > 0;
    lines.push(
      `| ${f.source} | ${f.n} | ${polar ? pct(f.f1) : 'n/a'} | ${polar ? pct(f.allNegativeF1) : 'n/a'} | ${
        polar ? pct(f.precision) : 'n/a'
      } | ${polar ? pct(f.recall) : 'n/a'} | ${pct(f.falseAlarm)} | ${pct(f.urgentPrecision)} (${f.urgent}) |`,
    );
  }
  return lines.join('\n');
}
