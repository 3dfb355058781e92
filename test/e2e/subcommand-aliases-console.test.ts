/**
 * A sub-action reached by the word people type (issue: `/config language ar` was refused because the
 * sub-action is named `lang`): the real CLI in console mode, then help and "did you mean".
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'mktbot-aliases-'));
const env = { DATABASE_URL: `file:${path.join(dir, 'data', 'mktbot.db')}` };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sub-action aliases in the terminal', () => {
  it('/config language ar sets the language, like /config lang ar', async () => {
    const r = await runCli([], { env, input: '/config language ar\n/config\n' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('تم ضبط اللغة على العربية');
    expect(r.stdout).toMatch(/اللغة\s+العربية/);
    const back = await runCli([], { env, input: '/config LANGUAGE en\n' });
    expect(back.stdout).toContain('Language set to English.');
  });

  it('help lists the sub-action once and names the other word under it', async () => {
    const r = await runCli(['--lang', 'en'], { env, input: '/help config\n' });
    expect(r.stdout).toContain('/config lang: Set the language of every reply');
    expect(r.stdout).toContain('Also typed as /config language.');
    expect(r.stdout).not.toMatch(/\/config language:/);
    const ar = await runCli(['--lang', 'ar'], { env, input: '/help config\n' });
    expect(ar.stdout).toContain('ويُكتب أيضًا');
    expect(ar.stdout).toContain('/config language');
  });

  it('a misspelt alias still gets a suggestion, and the choices list only the names', async () => {
    const r = await runCli(['--lang', 'en'], { env, input: '/config langauge ar\n' });
    expect(r.stdout).toMatch(/Did you mean [^\n]*language/);
    expect(r.stdout).toMatch(/lang, /);
    expect(r.stdout).not.toMatch(/Choose one of:[^.]*language/);
  });
});
