import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropIsolates } from '../../src/core/i18n.js';

const root = path.resolve(import.meta.dirname, '../..');

describe('mktbot schedule-import (built CLI)', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(() => {
    // dist/ is compiled once by test/global-setup.ts: rebuilding here would rewrite it under other
    // files' running CLIs.
    dir = mkdtempSync(path.join(tmpdir(), 'mktbot-cli-'));
    env = { ...process.env, DATABASE_URL: `file:${path.join(dir, 'cli.db')}`, LOG_LEVEL: 'silent' };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = (...args: string[]) =>
    spawnSync('node', ['bin/mktbot.js', ...args], { cwd: root, env, encoding: 'utf8', timeout: 60_000 });
  const posts = () => {
    const db = new Database(path.join(dir, 'cli.db'), { readonly: true });
    try {
      return db
        .prepare('SELECT channel, content, status FROM ScheduledPost ORDER BY publishAt, channel')
        .all() as Array<{
        channel: string;
        content: string;
        status: string;
      }>;
    } finally {
      db.close();
    }
  };
  const year = new Date().getUTCFullYear() + 1;

  it('checks with --dry-run, then schedules the file into the console workspace', () => {
    const file = path.join(dir, 'month.csv');
    writeFileSync(
      file,
      `when,channels,text\r\n${year}-01-05 09:00,facebook;reminder,"New year, new menu.\nBook a table."\r\n${year}-01-06 18:00,reminder,Story by hand\r\n`,
    );
    const dry = run('schedule-import', file, '--dry-run');
    expect(dry.stderr).toBe('');
    expect(dry.status).toBe(0);
    expect(dry.stdout).toContain(`3 posts from 2 rows, from 5 Jan ${year}, 09:00 to 6 Jan ${year}, 18:00 (UTC):`);
    expect(dry.stdout).toContain('Checked only (--dry-run): nothing was scheduled.');
    expect(posts()).toEqual([]);
    const real = run('schedule-import', file);
    expect(real.status).toBe(0);
    expect(real.stdout).toContain('Scheduled 3 posts. See them with /schedule list.');
    expect(posts()).toEqual([
      { channel: 'facebook', content: 'New year, new menu.\nBook a table.', status: 'pending' },
      { channel: 'reminder', content: 'New year, new menu.\nBook a table.', status: 'pending' },
      { channel: 'reminder', content: 'Story by hand', status: 'pending' },
    ]);
  });

  it('exits 1 with line-numbered problems (in Arabic with --lang ar) and schedules nothing', () => {
    const file = path.join(dir, 'bad.csv');
    writeFileSync(file, `when,channels,text\n${year}-02-01 09:00,tiktokk,Hi\n${year}-02-01 10:00,reminder,Fine\n`);
    const before = posts().length;
    const r = run('schedule-import', file, '--lang', 'ar');
    expect(r.status).toBe(1);
    const err = dropIsolates(r.stderr);
    expect(err).toContain('bad.csv: لم يُجدول شيء، ويجب إصلاح مشكلة واحدة');
    expect(err).toContain('السطر 2: «tiktokk» ليست قناة ينشر عليها mktbot');
    expect(posts()).toHaveLength(before);
  });

  it('reads a UTF-16 file (Excel "Unicode text") and refuses a workbook named .csv', () => {
    const file = path.join(dir, 'utf16.csv');
    const text = `when,channels,text\n${year}-03-01 09:00,reminder,عرض رمضان\n`;
    writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const r = run('schedule-import', file);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Scheduled 1 post.');
    expect(posts().some((p) => p.content === 'عرض رمضان')).toBe(true);
    const book = path.join(dir, 'book.csv');
    writeFileSync(book, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]));
    const refused = run('schedule-import', book);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('book.csv: this is a spreadsheet workbook, not a CSV: save it as "CSV UTF-8"');
  });

  it('is listed by mktbot --help with its own --help', () => {
    const r = run('schedule-import', '--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Schedule many posts from a CSV file (all or nothing).');
    expect(run('--help').stdout).toContain('schedule-import');
    expect(r.stdout).toContain('--dry-run');
  });
});
