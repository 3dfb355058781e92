import type { Member, Workspace } from '@prisma/client';
import { type Locale, pick } from '../../core/i18n.js';
import type { Viewer } from '../../core/identity.js';
import { checkScheduleCsv, scheduleChecked } from '../../publishing/bulk-schedule.js';
import { doneText, dryRunText, previewText, refusedText } from '../../publishing/bulk-schedule-view.js';
import { defineVerb, workspaceOption } from '../verb.js';
import { onCsvFile } from './csv-file.js';

/** Who the audit trail and the posts' createdById name for work done from the server's shell. */
const CLI_USER = 'cli';

export const scheduleImport = defineVerb({
  name: 'schedule-import',
  summary: 'schedule many posts from a CSV file (all or nothing)',
  details: [
    'Columns: when, channels, text; optional media, campaign, title, account, first_comment.',
    'channels may list several networks separated by ; or | (one post each). Times are read in the',
    "workspace's time zone, as /schedule reads them (docs/scheduling.md).",
  ],
  positionals: [{ name: 'FILE.csv', required: true, description: 'the CSV file, with a header row' }],
  options: {
    'dry-run': { type: 'boolean', description: 'check the file and show what would be scheduled, schedule nothing' },
    workspace: workspaceOption,
  },
  async run({ config, positionals, values, lang, stdout }) {
    const file = positionals['FILE.csv'];
    const opts = { databaseUrl: config.DATABASE_URL, file, workspace: values.workspace, lang };
    return onCsvFile(opts, async ({ db, workspace, csv, locale }) => {
      const v = cliViewer(workspace, locale);
      const checked = await checkScheduleCsv(db, workspace, csv, v.now());
      if (!checked.ok) {
        process.stderr.write(`${refusedText(file, checked.problems, v)}\n`);
        return 1;
      }
      const rows = new Set(checked.posts.map((p) => p.line)).size;
      stdout(`${previewText(checked.posts, rows, v)}\n`);
      if (values['dry-run']) {
        stdout(`${dryRunText(v)}\n`);
        return 0;
      }
      const scheduled = await scheduleChecked(db, workspace, checked.posts, CLI_USER);
      stdout(`${doneText(scheduled, workspace.requireApproval, v)}\n`);
      return 0;
    });
  },
});

/** The shell user seen as a workspace admin: they can already read and write the database file. */
function cliViewer(workspace: Workspace, locale: Locale): Viewer {
  const now = new Date();
  const member: Member = {
    id: 0,
    workspaceId: workspace.id,
    externalId: CLI_USER,
    name: 'mktbot CLI',
    role: 'admin',
    jobRoles: '',
    locale,
    createdAt: now,
    updatedAt: now,
  };
  return {
    workspace,
    member,
    locale,
    timezone: workspace.timezone,
    t: (catalog) => catalog[locale],
    l: (text) => pick(text, locale),
    now: () => new Date(),
  };
}
