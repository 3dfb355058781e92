/**
 * Alert tiers end to end through the console adapter: comments pushed to the webhook, alerts
 * printed by the console's notifier, buttons pressed by typing their number. An urgent comment is
 * printed at once; review-tier comments arrive later as one summary, once; a number pressed in the
 * summary acts on that comment and prints the summary again with its new state.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleButtons, ConsoleNotifier, consoleIdentity, runConsole } from '../../src/adapters/console/console.js';
import { loadConfig } from '../../src/config.js';
import { REVIEW_SUMMARY_JOB } from '../../src/listening/feature.js';
import { createLogger } from '../../src/log.js';
import { type App, createApp } from '../../src/main.js';
import { TestClock, testDatabase } from '../helpers/app.js';

const SECRET = 'tiers-secret-0123456789abcdef';
const dir = mkdtempSync(path.join(tmpdir(), 'mktbot-tiers-'));
const printed: string[] = [];
const buttons = new ConsoleButtons();
const clock = new TestClock();
let app: App;
let base: string;
let drop: () => Promise<void>;

beforeAll(async () => {
  const database = await testDatabase(dir);
  drop = database.drop;
  const config = loadConfig({ DATABASE_URL: database.url, WEBHOOK_SECRET: SECRET, PORT: '0', LOG_LEVEL: 'silent' });
  const notifier = new ConsoleNotifier((t) => void printed.push(t), buttons);
  app = await createApp({ config, log: createLogger('silent'), notifier, clock });
  base = `http://127.0.0.1:${await app.listen()}`;
});
afterAll(async () => {
  await app.stop();
  await drop();
  rmSync(dir, { recursive: true, force: true });
});

async function push(body: unknown) {
  const res = await fetch(`${base}/webhooks/comments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(202);
  return (await res.json()) as { stored: number; alerted: number };
}

const MILD = ['a bit slow', 'Meh, expected more from you', 'Do you deliver to Dammam?'];

describe('alert tiers through the console', () => {
  it('an urgent comment is printed at once; review comments arrive later as one summary', async () => {
    const urgent = await push({
      platform: 'instagram',
      id: 'u1',
      text: "I'm calling my lawyer, this shop is a scam",
      author: '@sara',
    });
    expect(urgent).toMatchObject({ stored: 1, alerted: 1 });
    expect(printed.join('')).toMatch(/\[#alerts\]\n\S* ?Negative comment on Instagram/);

    const review = await push(MILD.map((text, i) => ({ platform: 'facebook', id: `r${i}`, text, author: 'Sam' })));
    expect(review).toMatchObject({ stored: 3, alerted: 0 });
    expect(printed).toHaveLength(1);

    clock.advance(61 * 60_000);
    await app.jobs.runNow(REVIEW_SUMMARY_JOB);
    await app.jobs.runNow(REVIEW_SUMMARY_JOB);
    expect(printed).toHaveLength(2);
    const summary = printed[1] ?? '';
    expect(summary).toMatch(/^\[#alerts\]\n\S* ?3 comments to review/);
    for (const text of MILD) expect(summary).toContain(text);
    expect(summary).toContain('[1] Handled');
    expect(summary).not.toContain('lawyer');
  });

  it('typing a number presses that comment’s button in the summary, which is printed again', async () => {
    const out: string[] = [];
    await runConsole({
      router: app.router,
      identity: consoleIdentity(),
      input: Readable.from(['1\n']),
      write: (t) => void out.push(t),
      interactive: false,
      buttons,
    });
    const shown = out.join('');
    expect(shown).toContain('3 comments to review');
    expect(shown).toMatch(/Handled by \S+ at 26 Nov, 10:01/);
    const first = await app.services.db.comment.findFirstOrThrow({ where: { text: MILD[0] } });
    expect(first.status).toBe('handled');
    const others = await app.services.db.comment.findMany({ where: { text: { in: MILD.slice(1) } } });
    expect(others.map((c) => c.status)).toEqual(['new', 'new']);
  });
});
