/**
 * The progress line of a long `mktbot import-metrics`: nothing for a file that is done within a few
 * seconds; after that, on a terminal one line rewritten in place (at most a few times a second), and
 * when stderr is a file or a pipe a full line every few seconds, so a log shows the import is alive.
 */
import { defineMessages, formatNumber, iso, type Locale } from '../core/i18n.js';
import { count } from '../lib/plural.js';

const m = defineMessages(
  'cli-progress',
  {
    line: (p: { rows: number; percent: string; rate: string }) =>
      `importing: ${count(p.rows, 'row', 'en')} read${p.percent}, ${p.rate} rows a second`,
  },
  {
    line: (p) => `جارٍ الاستيراد: قُرئ ${count(p.rows, 'row', 'ar')}${p.percent}، بمعدل ${iso(p.rate)} صف في الثانية`,
  },
);

export interface ProgressOptions {
  locale: Locale;
  write: (text: string) => void;
  /** A terminal: the line is rewritten in place. */
  tty: boolean;
  now?: () => number;
  /** Silent this long after the start. */
  quietMs?: number;
  /** Between two updates at least. */
  everyMs?: number;
}

export interface Progress {
  update(p: { rows: number; bytes: number; totalBytes?: number }): void;
  /** Ends the line (if one was shown) so what follows starts on its own line. */
  done(): void;
}

export function progressLine(o: ProgressOptions): Progress {
  const now = o.now ?? (() => performance.now());
  const started = now();
  const quiet = o.quietMs ?? 2000;
  const every = o.everyMs ?? (o.tty ? 250 : 5000);
  let last = Number.NEGATIVE_INFINITY;
  let shown = false;
  return {
    update({ rows, bytes, totalBytes }) {
      const t = now();
      if (t - started < quiet || t - last < every) return;
      last = t;
      const percent =
        totalBytes && totalBytes > 0 ? ` (${Math.min(100, Math.floor((bytes / totalBytes) * 100))}%)` : '';
      const rate = formatNumber(Math.round(rows / ((t - started) / 1000)), o.locale);
      const line = m[o.locale].line({ rows, percent, rate });
      o.write(o.tty ? `\r${line}\u001b[K` : `${line}\n`);
      shown = true;
    },
    done() {
      if (shown && o.tty) o.write('\n');
    },
  };
}
