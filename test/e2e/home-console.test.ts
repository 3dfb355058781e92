/**
 * /home through the console adapter: this week's calendar as a table, posts waiting for approval and
 * open alerts with numbered buttons that are the /schedule and /alerts actions themselves, and the
 * health of each connection; in English and in Arabic.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleButtons, ConsoleNotifier } from '../../src/adapters/console/console.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { type App, createApp } from '../../src/main.js';
import { TestClock, testDatabase } from '../helpers/app.js';
import { typeAtConsole } from '../helpers/console-session.js';

const dir = mkdtempSync(path.join(tmpdir(), 'mktbot-home-'));
const buttons = new ConsoleButtons();
const clock = new TestClock(new Date('2026-12-02T09:00:00Z'));
let app: App;
let drop: () => Promise<void>;

beforeAll(async () => {
  const database = await testDatabase(dir);
  drop = database.drop;
  const config = loadConfig({ DATABASE_URL: database.url, LOG_LEVEL: 'silent', EXPORT_DIR: dir });
  app = await createApp({
    config,
    log: createLogger('silent'),
    notifier: new ConsoleNotifier(() => {}, buttons),
    clock,
  });
});
afterAll(async () => {
  await app.stop();
  await drop();
  rmSync(dir, { recursive: true, force: true });
});

const type = (...lines: string[]) => typeAtConsole(app.router, lines, { buttons });

describe('/home in the console', () => {
  it('shows the week, approvals, alerts and connections; its buttons approve and handle', async () => {
    await type(
      '/config timezone Asia/Riyadh',
      '/config approval on',
      '/schedule reminder tomorrow 9am | Post the launch story',
      '/schedule reminder friday 6pm | Share the menu',
    );
    const ws = await app.services.db.workspace.findFirstOrThrow({ where: { externalId: 'console' } });
    const alert = await app.services.db.comment.create({
      data: {
        workspaceId: ws.id,
        provider: 'instagram',
        externalId: 'c1',
        author: '@sara',
        text: 'My order never arrived',
        sentiment: 'negative',
        alertedAt: new Date('2026-12-02T08:00:00Z'),
      },
    });
    await app.services.db.integration.create({
      data: { workspaceId: ws.id, provider: 'facebook', accountId: '111', credentials: 'x', status: 'reauth' },
    });

    const shown = await type('/home');
    if (process.env.SHOW) console.log(shown);
    expect(shown).toMatch(/^Home\n/);
    expect(shown).toMatch(/Calendar, this week and next: 29 Nov\s–\s12 Dec 2026/);
    expect(shown).toMatch(/Thu 3 Dec\s+Reminder\s+1\s+0\s+0/);
    expect(shown).toContain('Waiting for approval (2)');
    expect(shown).toContain('[1] Approve #1   [2] Reject #1   [3] Approve #2   [4] Reject #2');
    expect(shown).toContain('Open alerts (1)');
    expect(shown).toContain(`#${alert.id} Instagram · @sara · "My order never arrived"`);
    expect(shown).toContain(`[5] Handled #${alert.id}   [6] Assign #${alert.id} to me`);
    expect(shown).toContain('Facebook 111: needs reconnecting (/connect)');

    expect(await type('1')).toContain('Post #1 approved by');
    expect((await app.services.db.scheduledPost.findUniqueOrThrow({ where: { id: 1 } })).status).toBe('pending');
    await type('/home');
    // After /home again the handle button of the alert is [3]: one post waits now.
    expect(await type('3')).toMatch(/Handled by/);
    expect((await app.services.db.comment.findUniqueOrThrow({ where: { id: alert.id } })).status).toBe('handled');

    const after = await type('/home');
    expect(after).toContain('Waiting for approval (1)');
    expect(after).toContain('No open alerts.');
  });

  it('reads in Arabic', async () => {
    const shown = await type('/config lang ar', '/home');
    if (process.env.SHOW) console.log(shown);
    expect(shown).toContain('الرئيسية');
    expect(shown).toContain('بانتظار الموافقة (1)');
    expect(shown).toContain('لا تنبيهات مفتوحة.');
    expect(shown).toContain('يحتاج إلى إعادة الربط');
    expect(shown).toMatch(/موافقة #.?2/);
    await type('/config lang en');
  });
});
