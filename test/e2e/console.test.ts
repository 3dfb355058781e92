import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'mktbot-console-'));
const env = { DATABASE_URL: `file:${path.join(dir, 'data', 'mktbot.db')}` };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('console mode through the real CLI', () => {
  it('answers every line in order in English, creating the database on first start', async () => {
    const r = await runCli([], { env, input: '/help\n/config\n/config timezone Asia/Riyadh\n/confg\n' });
    expect(r.code).toBe(0);
    expect(existsSync(path.join(dir, 'data', 'mktbot.db'))).toBe(true);
    const out = r.stdout;
    expect(out).toContain('mktbot commands');
    expect(out).toMatch(/\/config +Show or change the workspace settings/);
    expect(out).toMatch(/Time zone\s+\u2068UTC\u2069/);
    expect(out).toContain('Time zone set to Asia/Riyadh.');
    expect(out).toContain('There is no command /confg. Did you mean /config?');
    expect(out.indexOf('mktbot commands')).toBeLessThan(out.indexOf('Time zone set to'));
    // stdout is the conversation: no log lines in it.
    expect(out).not.toContain('"level"');
  });

  it('keeps the settings on a second start and switches to Arabic', async () => {
    const r = await runCli([], { env, input: '/config lang ar\n/config\n/help\n' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('تم ضبط اللغة على العربية');
    expect(r.stdout).toContain('\u2068Asia/Riyadh\u2069');
    expect(r.stdout).toContain('أوامر mktbot');
    expect(r.stdout).toContain('عرض إعدادات مساحة العمل أو تغييرها');
  });

  it('--lang en overrides the workspace language for the session', async () => {
    const r = await runCli(['--lang', 'en'], { env, input: '/config\n' });
    expect(r.stdout).toContain('Language');
    expect(r.stdout).not.toContain('الإعدادات');
  });

  it('exits 0 on empty input and 2 with a named variable on bad configuration', async () => {
    expect((await runCli([], { env, input: '' })).code).toBe(0);
    const bad = await runCli([], { env: { ...env, PORT: 'eighty', SLACK_BOT_TOKEN: 'xoxb-secret-value' }, input: '' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('PORT: expected a port number');
    expect(bad.stderr).toContain('SLACK_SIGNING_SECRET');
    expect(bad.stderr + bad.stdout).not.toContain('secret-value');
  });

  it('mktbot migrate reports an up-to-date database', async () => {
    const r = await runCli(['migrate'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Database is up to date \(\d+ migration\(s\) applied\)/);
  });
});
