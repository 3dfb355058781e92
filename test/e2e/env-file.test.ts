/**
 * `.env` in the working directory is read by bin/mktbot.js when present (docs/architecture.md §6):
 * it fills in what the environment does not set, the environment wins over it, and a bad value in it
 * is reported by name like any other, without printing values.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('.env in the working directory', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'mktbot-envfile-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const writeEnv = (lines: string[]) => writeFileSync(path.join(dir, '.env'), `${lines.join('\n')}\n`);

  it('supplies the variables the environment does not set', async () => {
    writeEnv(['# local settings', `DATABASE_URL="file:${path.join(dir, 'from-dotenv.db')}"`, 'LOG_LEVEL=warn']);
    const r = await runCli(['migrate'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Applied \d+ migration\(s\)/);
    expect(existsSync(path.join(dir, 'from-dotenv.db'))).toBe(true);
  });

  it('loses to a variable set in the environment', async () => {
    writeEnv([`DATABASE_URL=file:${path.join(dir, 'from-dotenv.db')}`, 'LOG_LEVEL=chatty']);
    // LOG_LEVEL=chatty would stop start-up: the environment's value is the one used.
    const r = await runCli(['migrate'], { cwd: dir, env: { LOG_LEVEL: 'warn' } });
    expect(r.code).toBe(0);
    expect(existsSync(path.join(dir, 'from-dotenv.db'))).toBe(true);
  });

  it('has a bad value reported by variable name, and never prints a value', async () => {
    writeEnv(['PORT=eighty', 'LOG_LEVEL=chatty', 'SLACK_BOT_TOKEN=xoxb-from-dotenv-secret']);
    const r = await runCli([], { cwd: dir, input: '', env: { DATABASE_URL: `file:${path.join(dir, 'x.db')}` } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('PORT: expected a port number');
    expect(r.stderr).toContain('LOG_LEVEL: expected one of');
    expect(r.stderr).toContain('SLACK_SIGNING_SECRET');
    expect(r.stderr + r.stdout).not.toMatch(/eighty|chatty|from-dotenv-secret/);
  });
});
