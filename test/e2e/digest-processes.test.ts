import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';

const root = path.resolve(import.meta.dirname, '../..');
const WORKSPACES = 25;

function tick(env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn('node', ['test/fixtures/digest-tick.mjs'], { cwd: root, env });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

describe('digest with several processes on one database', () => {
  let app: TestApp;
  beforeAll(async () => {
    // dist/ is compiled once by test/global-setup.ts: rebuilding here would rewrite it under other
    // files' running CLIs.
    app = await createTestApp();
    // Many workspaces keep the processes busy at the same time, so without the claim they would
    // surely send some digests twice.
    const rows = ['date,channel,spend,revenue', '2026-11-18,facebook,10,40', '2026-11-20,google_ads,20,90'];
    for (let i = 0; i < WORKSPACES; i++) {
      const ws = await app.services.db.workspace.create({ data: { platform: 'slack', externalId: `T${i}` } });
      expect((await app.services.metrics.importCsv(ws, rows.join('\n'))).ok).toBe(true);
    }
  });
  afterAll(async () => {
    await app.cleanup();
  });

  it('sends each week once although four processes tick at the same moment', async () => {
    const env = {
      ...process.env,
      // The test's own database, SQLite or PostgreSQL (npm run test:pg): the claim must hold on both.
      DATABASE_URL: app.services.config.DATABASE_URL,
      ...(app.services.config.ENCRYPTION_KEY ? { ENCRYPTION_KEY: app.services.config.ENCRYPTION_KEY } : {}),
      LOG_LEVEL: 'silent',
      NOW: '2026-11-23T09:00:00Z',
      GO_FILE: path.join(app.dir, 'go'),
    };
    const running = [tick(env), tick(env), tick(env), tick(env)];
    // Give every process time to open the database, then release them together.
    await new Promise((r) => setTimeout(r, 1500));
    writeFileSync(env.GO_FILE, '');
    const results = await Promise.all(running);
    for (const r of results) expect(r.err, r.err).toBe('');
    expect(results.map((r) => r.code)).toEqual([0, 0, 0, 0]);
    const posted = results.flatMap((r) =>
      r.out
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l)),
    );
    expect(posted).toHaveLength(WORKSPACES);
    expect(new Set(posted.map((p) => p.workspace)).size).toBe(WORKSPACES);
    // The data stops on the 20th: the week is the 7 days up to it, as /report 7d reads it that day.
    expect(posted[0]).toMatchObject({ to: 'digest', title: 'Weekly digest: 14 – 20 Nov 2026 (7 days)' });
    const runs = await app.services.db.digestRun.findMany();
    expect(runs).toHaveLength(WORKSPACES);
    expect(runs.every((r) => r.period === '2026-W48' && r.status === 'sent')).toBe(true);
    // The processes shared the work: the proof that they really ran at the same time.
    const senders = new Set(posted.map((p) => p.pid));
    expect(senders.size).toBeGreaterThan(1);
  });
});
