import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { defineMessages, type Locale } from '../../core/i18n.js';
import { isDatabaseBusy } from '../../db/busy.js';
import { type OpenDatabase, openDatabase } from '../../db/client.js';
import { withoutIsolates } from '../../lib/digits.js';
import { count } from '../../lib/plural.js';
import { dayRange } from '../../lib/when.js';
import { describeError, MetricsService } from '../../reporting/metrics.js';
import { EXPORT_FORMATS, type ImportFormat } from '../../reporting/search/exports.js';
import { workspaceFromRef } from '../../workspace/workspace-ref.js';
import { progressLine } from '../progress.js';
import { defineVerb, workspaceOption } from '../verb.js';

const m = defineMessages(
  'cli-import-metrics',
  {
    unreadable: (p: { file: string; reason: string }) => `Cannot read ${p.file}: ${p.reason}`,
    failed: (p: { file: string; count: number }) =>
      `${p.file}: nothing imported, ${count(p.count, 'problem', 'en')} to fix (the file is imported all or nothing):`,
    done: (p: { rows: number; inserted: number; replaced: number; dates: string; channels: string }) =>
      `Imported ${count(p.rows, 'row', 'en')}: ${p.inserted} new, ${p.replaced} replaced. Dates ${p.dates}; channels: ${p.channels}.`,
    busy: (p: { file: string }) =>
      `${p.file}: nothing imported: the database is busy (the bot is writing to it); try again in a moment, or stop the bot`,
    more: (p: { count: number }) => `  ... and ${count(p.count, 'problem', 'en')} more`,
  },
  {
    unreadable: (p) => `تعذّرت قراءة ${p.file}: ${p.reason}`,
    failed: (p) =>
      `${p.file}: لم يُستورد شيء، ويجب إصلاح ${count(p.count, 'problem', 'ar')} (يُستورد الملف كله أو لا شيء):`,
    done: (p) =>
      `تم استيراد ${count(p.rows, 'row', 'ar')}: ${p.inserted} جديد و${p.replaced} مستبدل. التواريخ ${p.dates}؛ القنوات: ${p.channels}.`,
    busy: (p) =>
      `${p.file}: لم يُستورد شيء: قاعدة البيانات مشغولة (البوت يكتب فيها)؛ حاول مرة أخرى بعد لحظات، أو أوقف البوت`,
    more: (p) => `  ... و${count(p.count, 'problem', 'ar')} أخرى`,
  },
);

const FORMATS: readonly ImportFormat[] = ['auto', 'metrics', ...EXPORT_FORMATS];

export const importMetrics = defineVerb({
  name: 'import-metrics',
  summary: 'import daily metrics from a CSV file (all or nothing; re-import replaces)',
  details: [
    'Columns: date (YYYY-MM-DD) and channel required, campaign optional, the others numeric (docs/reports.md).',
  ],
  positionals: [{ name: 'FILE.csv', required: true, description: 'the CSV file, with a header row' }],
  options: {
    format: {
      type: 'string',
      choices: FORMATS,
      default: 'auto',
      description:
        "the file's layout: mktbot's columns (metrics) or a Google Ads or Search Console export; auto tells them apart by the header row",
    },
    workspace: workspaceOption,
  },
  async run({ config, positionals, values, lang, stdout }) {
    const locale: Locale = lang ?? 'en';
    const t = m[locale];
    const file = positionals['FILE.csv'];
    const { format, workspace: spec } = values;
    let size: number;
    try {
      const info = await stat(file);
      if (!info.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
      size = info.size;
    } catch (err) {
      process.stderr.write(`${t.unreadable({ file, reason: (err as NodeJS.ErrnoException).code ?? String(err) })}\n`);
      return 1;
    }
    let db: OpenDatabase | undefined;
    try {
      db = await openDatabase(config.DATABASE_URL);
      const ws = await workspaceFromRef(db.prisma, spec);
      if (typeof ws === 'string') {
        process.stderr.write(`${ws}\n`);
        return 2;
      }
      // The import waits its turn for the write lock (up to SQLite's busy timeout) rather than failing
      // the moment the bot writes; it is one transaction, so a refusal leaves nothing half-imported.
      const metrics = new MetricsService(db.prisma, { waitForWriteLock: true });
      const progress = progressLine({
        locale,
        tty: process.stderr.isTTY === true,
        write: (line) => process.stderr.write(line),
      });
      const collect = heapCollector();
      // Read as a stream: a year of a thousand campaigns is never one string in memory.
      const r = await metrics
        .importFile(ws, createReadStream(file), {
          format,
          totalBytes: size,
          onProgress: (p) => {
            progress.update(p);
            collect(p.rows);
          },
        })
        .finally(() => progress.done());
      if (!r.ok) {
        const omitted = r.omitted ?? 0;
        const lines = r.errors.map((e) => `  ${describeError(e, locale)}`);
        if (omitted > 0) lines.push(t.more({ count: omitted }));
        process.stderr.write(`${t.failed({ file, count: r.errors.length + omitted })}\n${lines.join('\n')}\n`);
        return 1;
      }
      stdout(
        `${t.done({ rows: r.rows, inserted: r.inserted, replaced: r.replaced, dates: r.from && r.to ? withoutIsolates(dayRange(r.from, r.to, locale)) : '', channels: r.channels.join(', ') })}\n`,
      );
      return 0;
    } catch (err) {
      if (!isDatabaseBusy(err)) throw err;
      process.stderr.write(`${t.busy({ file })}\n`);
      return 1;
    } finally {
      await db?.close();
    }
  },
});

/** Rows between two full collections of the heap during an import. */
const COLLECT_EVERY_ROWS = 100_000;

/**
 * A full garbage collection every COLLECT_EVERY_ROWS rows. The rows of each batch live just long
 * enough to be promoted to V8's old generation, which V8 then lets grow well past what is alive: a
 * year of a thousand campaigns peaked at 320 MB of RSS with 100 MB alive. A collection costs tens of
 * milliseconds and keeps the peak near what is alive (docs/reports.md, "Importing"). Node offers gc()
 * only behind a flag, which it lets a program turn on for a new context.
 */
function heapCollector(): (rows: number) => void {
  setFlagsFromString('--expose-gc');
  const gc: unknown = runInNewContext('gc');
  let next = COLLECT_EVERY_ROWS;
  return (rows) => {
    if (rows < next || typeof gc !== 'function') return;
    next = rows + COLLECT_EVERY_ROWS;
    gc();
  };
}
