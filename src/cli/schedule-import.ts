import { readFile } from 'node:fs/promises';
import type { Member, Workspace } from '@prisma/client';
import { type Locale, pick } from '../core/i18n.js';
import type { Viewer } from '../core/identity.js';
import { isDatabaseBusy } from '../db/busy.js';
import { type OpenDatabase, openDatabase } from '../db/client.js';
import { csvTextOf, type NotCsv } from '../publishing/bulk-import.js';
import { checkScheduleCsv, scheduleChecked } from '../publishing/bulk-schedule.js';
import { doneText, dryRunText, previewText, refusedText } from '../publishing/bulk-schedule-view.js';
import { workspaceFromRef } from '../workspace/workspace-ref.js';
import { defineVerb, workspaceOption } from './verb.js';

/** The shell's own words (English, as the verb's other errors): the file is not a CSV text. */
const NOT_CSV: Record<NotCsv, string> = {
  spreadsheet: 'this is a spreadsheet workbook, not a CSV: save it as "CSV UTF-8" and import that file',
  binary: 'this is not a CSV text file (UTF-8 or UTF-16), whatever its name says',
};

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
    let read: Awaited<ReturnType<typeof csvTextOf>>;
    try {
      read = await csvTextOf(await readFile(file));
    } catch (err) {
      process.stderr.write(`${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}\n`);
      return 1;
    }
    if (!read.ok) {
      process.stderr.write(`${file}: ${NOT_CSV[read.why]}\n`);
      return 1;
    }
    const csv = read.text;
    let db: OpenDatabase | undefined;
    try {
      db = await openDatabase(config.DATABASE_URL);
      const ws = await workspaceFromRef(db.prisma, values.workspace);
      if (typeof ws === 'string') {
        process.stderr.write(`${ws}\n`);
        return 2;
      }
      const v = cliViewer(ws, lang ?? (ws.locale === 'ar' ? 'ar' : 'en'));
      const checked = await checkScheduleCsv(db.prisma, ws, csv, v.now());
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
      const scheduled = await scheduleChecked(db.prisma, ws, checked.posts, CLI_USER);
      stdout(`${doneText(scheduled, ws.requireApproval, v)}\n`);
      return 0;
    } catch (err) {
      if (!isDatabaseBusy(err)) throw err;
      process.stderr.write(`${file}: the database is busy (the bot is writing to it); try again in a moment\n`);
      return 1;
    } finally {
      await db?.close();
    }
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
