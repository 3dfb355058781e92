import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/paths.js';
import { FakeSlack } from '../fakes/slack.js';

const dir = mkdtempSync(path.join(tmpdir(), 'mktbot-life-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a running bot', () => {
  it('serves /healthz beside console mode and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [path.join(packageRoot, 'bin/mktbot.js')], {
      cwd: packageRoot,
      env: {
        PATH: process.env.PATH ?? '',
        PORT: '0',
        LOG_LEVEL: 'info',
        DATABASE_URL: `file:${path.join(dir, 'life.db')}`,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no port announced: ${stderr}`)), 15_000);
      child.stderr.setEncoding('utf8').on('data', (d: string) => {
        stderr += d;
        const m = /"port":(\d+)/.exec(stderr);
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      });
    });
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    // stdin stays open: the signal, not end of input, ends this run.
    const exit = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(stderr).toContain('shutting down');
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });

  it('logs as a server when Slack is configured: the port and the migration, not only warnings', async () => {
    // Console mode keeps routine logs out of the conversation; a server started with Slack kept
    // them out too, so production never said which port it listened on.
    const fake = await new FakeSlack().start();
    const child = spawn(process.execPath, [path.join(packageRoot, 'bin/mktbot.js'), 'start'], {
      cwd: packageRoot,
      env: {
        PATH: process.env.PATH ?? '',
        PORT: '0',
        DATABASE_URL: `file:${path.join(dir, 'server.db')}`,
        SLACK_BOT_TOKEN: fake.botToken,
        SLACK_SIGNING_SECRET: 'secret',
        SLACK_API_URL: fake.apiUrl,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no port logged: ${out}`)), 20_000);
        const read = (d: string) => {
          out += d;
          if (/"port":\d+/.test(out)) {
            clearTimeout(timer);
            resolve();
          }
        };
        child.stdout.setEncoding('utf8').on('data', read);
        child.stderr.setEncoding('utf8').on('data', read);
      });
      expect(out).toContain('database migrated');
    } finally {
      const exit = new Promise((resolve) => child.on('close', resolve));
      child.kill('SIGTERM');
      await exit;
      await fake.stop();
    }
  });
});
