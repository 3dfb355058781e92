/**
 * What every verb that takes a CSV file does before and after its own work: read the file (UTF-8 or
 * UTF-16, never a workbook renamed .csv), open the database, find the workspace, and say so plainly
 * when the database is busy. One place, so `schedule-import` and `import-post-figures` read the same
 * files and fail the same way.
 */
import { readFile } from 'node:fs/promises';
import type { Workspace } from '@prisma/client';
import { defineMessages, type Locale } from '../../core/i18n.js';
import { isDatabaseBusy } from '../../db/busy.js';
import { type Db, type OpenDatabase, openDatabase } from '../../db/client.js';
import { csvTextOf } from '../../publishing/bulk-import.js';
import { workspaceFromRef } from '../../workspace/workspace-ref.js';

const m = defineMessages(
  'cli-csv-file',
  {
    spreadsheet: 'this is a spreadsheet workbook, not a CSV: save it as "CSV UTF-8" and import that file',
    binary: 'this is not a CSV text file (UTF-8 or UTF-16), whatever its name says',
    busy: 'nothing stored: the database is busy (the bot is writing to it); try again in a moment',
  },
  {
    spreadsheet: 'هذا مصنف جداول بيانات وليس ملف CSV: احفظه بصيغة "CSV UTF-8" واستورد ذلك الملف',
    binary: 'هذا ليس ملف CSV نصيًا (UTF-8 أو UTF-16) مهما كان اسمه',
    busy: 'لم يُحفظ شيء: قاعدة البيانات مشغولة (البوت يكتب فيها)؛ حاول مرة أخرى بعد لحظات',
  },
);

export interface CsvWork {
  db: Db;
  workspace: Workspace;
  csv: string;
  /** `--lang`, else the workspace's language. */
  locale: Locale;
}

/**
 * Runs `work` on the file's text in the workspace's database and returns its exit code; 1 when the
 * file cannot be read or the database is busy, 2 for a bad `--workspace`. Problems go to stderr as
 * "FILE: what went wrong".
 */
export async function onCsvFile(
  opts: { databaseUrl: string; file: string; workspace: string | undefined; lang: Locale | undefined },
  work: (w: CsvWork) => Promise<number>,
): Promise<number> {
  const { file } = opts;
  const say = (text: string) => process.stderr.write(`${file}: ${text}\n`);
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (err) {
    say((err as NodeJS.ErrnoException).code ?? String(err));
    return 1;
  }
  const read = await csvTextOf(bytes);
  if (!read.ok) {
    say(m[opts.lang ?? 'en'][read.why]);
    return 1;
  }
  let db: OpenDatabase | undefined;
  let locale: Locale = opts.lang ?? 'en';
  try {
    db = await openDatabase(opts.databaseUrl);
    const workspace = await workspaceFromRef(db.prisma, opts.workspace);
    if (typeof workspace === 'string') {
      process.stderr.write(`${workspace}\n`);
      return 2;
    }
    locale = opts.lang ?? (workspace.locale === 'ar' ? 'ar' : 'en');
    return await work({ db: db.prisma, workspace, csv: read.text, locale });
  } catch (err) {
    if (!isDatabaseBusy(err)) throw err;
    say(m[locale].busy);
    return 1;
  } finally {
    await db?.close();
  }
}
