import { readFile } from 'node:fs/promises';
import { defineMessages } from '../core/i18n.js';
import type { Viewer } from '../core/identity.js';
import { isDatabaseBusy } from '../db/busy.js';
import { type OpenDatabase, openDatabase } from '../db/client.js';
import { figuresImportText, importPostFigures } from '../publishing/performance/figures-csv.js';
import { workspaceFromRef } from '../workspace/workspace-ref.js';
import { defineVerb, workspaceOption } from './verb.js';

const m = defineMessages(
  'cli-import-post-figures',
  { busy: (p: { file: string }) => `${p.file}: nothing stored: the database is busy; try again in a moment` },
  { busy: (p) => `${p.file}: لم يُحفظ شيء: قاعدة البيانات مشغولة؛ حاول مرة أخرى بعد لحظات` },
);

export const importPostFiguresVerb = defineVerb({
  name: 'import-post-figures',
  summary: "store published posts' views and interactions from a CSV file (all or nothing)",
  details: [
    'Columns: post (the number /schedule list shows), impressions (views), engagements (interactions).',
    'For posts whose figures the bot cannot read from the network; /schedule best-times uses them.',
  ],
  positionals: [{ name: 'FILE.csv', required: true, description: 'the CSV file, with a header row' }],
  options: { workspace: workspaceOption },
  async run({ config, positionals, values, lang, stdout }) {
    const file = positionals['FILE.csv'];
    let csv: string;
    try {
      csv = await readFile(file, 'utf8');
    } catch (err) {
      process.stderr.write(`${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}\n`);
      return 1;
    }
    let db: OpenDatabase | undefined;
    try {
      db = await openDatabase(config.DATABASE_URL);
      const ws = await workspaceFromRef(db.prisma, values.workspace);
      if (typeof ws === 'string') {
        process.stderr.write(`${ws}\n`);
        return 2;
      }
      const locale = lang ?? (ws.locale === 'ar' ? 'ar' : 'en');
      const v: Pick<Viewer, 'locale' | 't'> = { locale, t: (catalog) => catalog[locale] };
      const r = await importPostFigures(db.prisma, ws.id, csv, new Date());
      if (!r.ok) {
        process.stderr.write(`${figuresImportText(file, r, v)}\n`);
        return 1;
      }
      stdout(`${figuresImportText(file, r, v)}\n`);
      return 0;
    } catch (err) {
      if (!isDatabaseBusy(err)) throw err;
      process.stderr.write(`${m[lang ?? 'en'].busy({ file })}\n`);
      return 1;
    } finally {
      await db?.close();
    }
  },
});
