import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'mktbot-exports-'));
const env = { DATABASE_URL: `file:${path.join(dir, 'cli.db')}`, LOG_LEVEL: 'silent' };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('/report format:csv in the console (issue 19.7)', () => {
  it('writes the file to --out, or to EXPORT_DIR, and prints its path instead of a file nobody can open', async () => {
    const csv = path.join(dir, 'm.csv');
    writeFileSync(csv, 'date,channel,campaign,spend,revenue\n2026-11-01,google_ads,Search,10,40\n');
    expect((await runCli(['import-metrics', csv], { env, timeoutMs: 60_000 })).code).toBe(0);

    const out = path.join(dir, 'out');
    const r = await runCli(['console', '--out', out], {
      env,
      input: '/report 2026-11-01..2026-11-01 format:csv\n',
      timeoutMs: 60_000,
    });
    const file = path.join(out, 'report-2026-11-01-2026-11-01.csv');
    expect(r.stdout).toContain(`Saved the file to ${file}`);
    expect(r.stdout).not.toContain('[file:');
    expect(readFileSync(file, 'utf8')).toContain('channel,google-ads,10.00,40.00');

    const configured = path.join(dir, 'configured');
    const c = await runCli(['console'], {
      env: { ...env, EXPORT_DIR: configured },
      input: '/report 2026-11-01..2026-11-01 format:csv\n',
      timeoutMs: 60_000,
    });
    expect(c.stdout).toContain(path.join(configured, 'report-2026-11-01-2026-11-01.csv'));
    expect(existsSync(path.join(configured, 'report-2026-11-01-2026-11-01.csv'))).toBe(true);
  });
});
