import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropIsolates } from '../../src/core/i18n.js';

const root = path.resolve(import.meta.dirname, '../..');

describe('mktbot import-post-figures (built CLI)', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const run = (...args: string[]) =>
    spawnSync('node', ['bin/mktbot.js', ...args], { cwd: root, env, encoding: 'utf8', timeout: 60_000 });
  const db = () => new Database(path.join(dir, 'cli.db'));

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'mktbot-figures-'));
    env = { ...process.env, DATABASE_URL: `file:${path.join(dir, 'cli.db')}`, LOG_LEVEL: 'silent' };
    expect(run('migrate').status).toBe(0);
    const d = db();
    d.prepare("INSERT INTO Workspace (platform, externalId, updatedAt) VALUES ('console', 'console', ?)").run(
      new Date().toISOString(),
    );
    const ws = (d.prepare('SELECT id FROM Workspace').get() as { id: number }).id;
    const insert = d.prepare(
      `INSERT INTO ScheduledPost (workspaceId, channel, content, publishAt, status, idempotencyKey, media, attempts, createdAt, updatedAt)
       VALUES (?, 'instagram', 'x', ?, ?, ?, '[]', 0, ?, ?)`,
    );
    const now = new Date().toISOString();
    insert.run(ws, now, 'published', 'k1', now, now);
    insert.run(ws, now, 'published', 'k2', now, now);
    insert.run(ws, now, 'pending', 'k3', now, now);
    d.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const figures = () => {
    const d = db();
    try {
      return d.prepare('SELECT id, impressions, engagements FROM ScheduledPost ORDER BY id').all();
    } finally {
      d.close();
    }
  };

  it('refuses a file with problems, each with its line, in English and Arabic, and stores nothing', () => {
    const file = path.join(dir, 'bad.csv');
    writeFileSync(file, 'post,impressions,engagements\n1,1200,48\n3,100,2\n9,5,1\n1,7,1\n2,lots,4\n');
    const en = run('import-post-figures', file);
    expect(en.status).toBe(1);
    expect(en.stderr).toContain('nothing stored, 4 problems to fix (the file is stored all or nothing):');
    expect(en.stderr).toContain('line 3: post #3 has not been published, so it has no figures yet');
    expect(en.stderr).toContain('line 4: there is no post #9 in this workspace');
    expect(en.stderr).toContain('line 5: post #1 is already on line 2');
    expect(en.stderr).toContain('line 6: impressions must be a whole number of 0 or more, not "lots"');
    const ar = run('import-post-figures', file, '--lang', 'ar');
    expect(dropIsolates(ar.stderr)).toContain('لم يُحفظ شيء، ويجب إصلاح 4 مشكلات');
    expect(dropIsolates(ar.stderr)).toContain('السطر 3: لم يُنشر المنشور #3 بعد، فلا أرقام له');
    expect(figures()).toEqual([
      { id: 1, impressions: null, engagements: null },
      { id: 2, impressions: null, engagements: null },
      { id: 3, impressions: null, engagements: null },
    ]);
  });

  it('stores a good file', () => {
    const file = path.join(dir, 'good.csv');
    writeFileSync(file, 'post,impressions,engagements\n1,1200,48\n#2,300,9\n');
    const r = run('import-post-figures', file);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Stored the figures of 2 posts. /schedule best-times uses them now.');
    expect(figures()).toEqual([
      { id: 1, impressions: 1200, engagements: 48 },
      { id: 2, impressions: 300, engagements: 9 },
      { id: 3, impressions: null, engagements: null },
    ]);
  });

  it('reads a UTF-16 file as Excel saves it, and refuses a workbook named .csv in the person’s language', () => {
    // Excel's "Unicode text" is UTF-16 little-endian with a byte order mark; it was read as UTF-8 garbage.
    const file = path.join(dir, 'utf16.csv');
    writeFileSync(
      file,
      Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        Buffer.from('post,impressions,engagements\r\n1,1500,60\r\n', 'utf16le'),
      ]),
    );
    const r = run('import-post-figures', file);
    expect(r.stderr).toBe('');
    expect(figures()[0]).toEqual({ id: 1, impressions: 1500, engagements: 60 });
    const book = path.join(dir, 'book.csv');
    writeFileSync(book, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]));
    const en = run('import-post-figures', book);
    expect(en.status).toBe(1);
    expect(en.stderr).toContain('book.csv: this is a spreadsheet workbook, not a CSV: save it as "CSV UTF-8"');
    const ar = run('import-post-figures', book, '--lang', 'ar');
    expect(ar.stderr).toContain('book.csv: هذا مصنف جداول بيانات وليس ملف CSV');
  });
});
