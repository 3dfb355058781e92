import type { Viewer } from '../../core/identity.js';
import { figuresImportText, importPostFigures } from '../../publishing/performance/figures-csv.js';
import { defineVerb, workspaceOption } from '../verb.js';
import { onCsvFile } from './csv-file.js';

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
    const opts = { databaseUrl: config.DATABASE_URL, file, workspace: values.workspace, lang };
    return onCsvFile(opts, async ({ db, workspace, csv, locale }) => {
      const v: Pick<Viewer, 'locale' | 't'> = { locale, t: (catalog) => catalog[locale] };
      const r = await importPostFigures(db, workspace.id, csv, new Date());
      if (!r.ok) {
        process.stderr.write(`${figuresImportText(file, r, v)}\n`);
        return 1;
      }
      stdout(`${figuresImportText(file, r, v)}\n`);
      return 0;
    });
  },
});
