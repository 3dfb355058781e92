import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

describe('mktbot import-metrics (built CLI)', () => {
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
  const count = () => {
    const db = new Database(path.join(dir, 'cli.db'), { readonly: true });
    try {
      return db.prepare('SELECT COUNT(*) AS n, SUM(spendMinor) AS spend FROM MetricDaily').get() as {
        n: number;
        spend: number;
      };
    } finally {
      db.close();
    }
  };

  it('imports a file into the console workspace, then replaces it on a second run', () => {
    const file = path.join(dir, 'good.csv');
    writeFileSync(
      file,
      'date,channel,campaign,spend,revenue\r\n2026-11-01,facebook,"Launch, EU",12.5,40\r\n2026-11-02,email,,0,7.25\r\n',
    );
    const first = run('import-metrics', file);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('Imported 2 rows: 2 new, 0 replaced. Dates 1 – 2 Nov 2026');
    const second = run('import-metrics', file);
    expect(second.status).toBe(0);
    expect(second.stdout).toContain('0 new, 2 replaced');
    expect(count()).toEqual({ n: 2, spend: 1250 });
  });

  it('exits 1 with each bad line and imports nothing', () => {
    const file = path.join(dir, 'bad.csv');
    writeFileSync(file, 'date,channel,spend\n2026-11-03,facebook,5\n2026-11-04,facebook,five\n');
    const r = run('import-metrics', file);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('nothing imported, 1 problem to fix');
    expect(r.stderr).toContain('line 3: spend "five" is not a number');
    expect(count().n).toBe(2);
  });

  it('reads a Search Console export, detected or named with --format, and refuses an unknown format', () => {
    const file = path.join(dir, 'Dates.csv');
    writeFileSync(file, 'Date,Clicks,Impressions,CTR,Position\n2026-11-05,3,100,3%,4.5\n');
    const detected = run('import-metrics', file);
    expect(detected.stderr).toBe('');
    expect(detected.stdout).toContain('channels: organic-search');
    const named = run('import-metrics', '--format', 'search-console', file);
    expect(named.stdout).toContain('0 new, 1 replaced');
    const wrong = run('import-metrics', '--format=google-ads', file);
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain('no google-ads header row');
    const unknown = run('import-metrics', '--format', 'bing', file);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('--format auto|metrics|google-ads|search-console');
    expect(count().n).toBe(3);
  });

  it('exits 2 without a file and 1 for a file that does not exist', () => {
    expect(run('import-metrics').status).toBe(2);
    const r = run('import-metrics', path.join(dir, 'missing.csv'));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('ENOENT');
  });

  it('reads a UTF-16 semicolon file from disk, and lists 200 problems of a file wrong on every line, then how many more', () => {
    const file = path.join(dir, 'excel.csv');
    const text = 'date;channel;campaign;spend\r\n2026-12-10;facebook;Herbst;1.234,50\r\n';
    writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const before = count();
    const ok = run('import-metrics', file);
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toContain('Imported 1 row: 1 new');
    expect(count()).toEqual({ n: before.n + 1, spend: before.spend + 123450 });

    const bad = path.join(dir, 'bad-everywhere.csv');
    const lines = ['date,channel,campaign,spend'];
    for (let i = 0; i < 250; i++) lines.push(`2026-12-11,facebook,c${i},x`);
    writeFileSync(bad, `${lines.join('\n')}\n`);
    const r = run('import-metrics', bad);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('nothing imported, 250 problems to fix');
    expect(r.stderr.trim().split('\n')).toHaveLength(202);
    expect(r.stderr.trim().split('\n').at(-1)).toBe('  ... and 50 problems more');
    expect(count().n).toBe(before.n + 1);
  });

  /** Another connection holds SQLite's write lock, as the bot does while it writes. */
  const holdWriteLock = () => {
    const holder = new Database(path.join(dir, 'cli.db'));
    holder.prepare('BEGIN IMMEDIATE').run();
    holder.prepare("UPDATE Workspace SET name = name || ''").run();
    return () => {
      holder.prepare('ROLLBACK').run();
      holder.close();
    };
  };

  it('says in one line that the database is busy, in English or Arabic, exits 1 and imports nothing', {
    timeout: 60_000,
  }, () => {
    const file = path.join(dir, 'busy.csv');
    writeFileSync(file, 'date,channel,spend\n2026-12-01,facebook,5\n2026-12-02,facebook,6\n');
    const before = count();
    const release = holdWriteLock();
    try {
      const en = run('import-metrics', file);
      expect(en.status).toBe(1);
      expect(en.stderr).toBe(
        `${file}: nothing imported: the database is busy (the bot is writing to it); try again in a moment, or stop the bot\n`,
      );
      const ar = run('import-metrics', '--lang', 'ar', file);
      expect(ar.status).toBe(1);
      expect(ar.stderr.trim().split('\n')).toHaveLength(1);
      expect(ar.stderr).toContain('قاعدة البيانات مشغولة');
    } finally {
      release();
    }
    expect(count()).toEqual(before);
  });

  it('imports once the other writer lets go a moment later', async () => {
    const file = path.join(dir, 'later.csv');
    writeFileSync(file, 'date,channel,spend\n2026-12-03,facebook,7\n');
    const before = count().n;
    const release = holdWriteLock();
    const child = spawn('node', ['bin/mktbot.js', 'import-metrics', file], { cwd: root, env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    setTimeout(release, 700);
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toContain('Imported 1 row: 1 new');
    expect(count().n).toBe(before + 1);
  });
});
