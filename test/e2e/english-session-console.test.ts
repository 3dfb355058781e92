/**
 * The same terminal session in English (the Arabic one is arabic-session-console.test.ts): every
 * command once on the demo brand, read for the seams a marketer would wince at: a placeholder left in
 * a sentence («/plan edit <plan>», "review-minutes N"), a setting shown by its code key, an "about"
 * amount to the cent, a demo commenter without a name.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { ConsoleButtons, ConsoleNotifier, consoleIdentity, runConsole } from '../../src/adapters/console/console.js';
import { loadConfig } from '../../src/config.js';
import { CONSOLE_WORKSPACE } from '../../src/core/context.js';
import { ESCALATION_JOB, REVIEW_SUMMARY_JOB } from '../../src/listening/feature.js';
import { createLogger } from '../../src/log.js';
import { type App, createApp } from '../../src/main.js';
import { seedDemo } from '../../src/reporting/demo.js';
import { TestClock, testDatabase } from '../helpers/app.js';
import { isoDates } from '../helpers/dates.js';
import { SESSION_WALK } from '../helpers/session-walk.js';

const dir = mkdtempSync(path.join(tmpdir(), 'mktbot-en-session-'));
const exportDir = path.join(dir, 'exports');
const printed: string[] = [];
const write = (t: string) => void printed.push(t);
const buttons = new ConsoleButtons();
const clock = new TestClock(new Date('2026-11-26T09:00:00Z'));
let app: App;
let drop: () => Promise<void>;

async function session(lines: string[]): Promise<string> {
  const from = printed.length;
  await runConsole({
    router: app.router,
    identity: consoleIdentity('en'),
    input: Readable.from(lines.map((l) => `${l}\n`)),
    write,
    interactive: false,
    buttons,
    exportDir,
  });
  return printed.slice(from).join('');
}

beforeAll(async () => {
  const database = await testDatabase(dir);
  drop = database.drop;
  const config = loadConfig({ DATABASE_URL: database.url, LOG_LEVEL: 'silent' });
  app = await createApp({ config, log: createLogger('silent'), clock });
  // As `npx mktbot` does: the console workspace's notices go through the app's notifier to stdout.
  app.notifier.set('console', new ConsoleNotifier(write, buttons));
  await session(['/config lang en', '/config timezone Asia/Dubai']);
  const ws = await app.services.db.workspace.findFirstOrThrow({ where: { externalId: CONSOLE_WORKSPACE } });
  await seedDemo(app.services.db, ws, clock.now());
});
afterAll(async () => {
  // AR_SESSION_OUT=file keeps the transcript (docs/arabic.md's session is cut from it).
  if (process.env.EN_SESSION_OUT) writeFileSync(process.env.EN_SESSION_OUT, printed.join(''));
  await app.stop();
  await drop();
  rmSync(dir, { recursive: true, force: true });
});

/** The seams this session must not show, one line at a time. */
function check(out: string): void {
  for (const line of out.split('\n')) {
    // A placeholder left for the reader to decode: "<plan>", "N".
    expect(line, line).not.toMatch(/<[a-z]+>|(?<![\w:])N\b(?![\w:])/);
    // A setting by its code key ("roleDigest.seo") instead of its name.
    expect(line, line).not.toMatch(/\b[a-z]+[A-Z]\w*\.[a-z]+\b/);
    // "About" a figure to the cent.
    expect(line, line).not.toMatch(/about [A-Z]{3} [\d,]+\.\d\d\b/);
    // A rule or sentence opening in lower case right under a title.
    expect(line, line).not.toMatch(/^every /);
    // A date as English writes it ("30 Nov 2026"), never as ISO (2026-11-30).
    expect(isoDates(line), line).toEqual([]);
  }
}

describe('an English session in the terminal', () => {
  const invocations = SESSION_WALK;

  it('covers every command', () => {
    expect(Object.keys(invocations).sort()).toEqual(commands.map((c) => c.name).sort());
  });

  it.for(Object.entries(invocations))('/%s reads without seams', async ([, lines]) => {
    const out = await session(lines);
    expect(out.length).toBeGreaterThan(0);
    check(out);
  });

  it('the CSV export has Western digits and no direction marks', () => {
    const files = readdirSync(exportDir).filter((f) => f.endsWith('.csv'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const content = readFileSync(path.join(exportDir, f), 'utf8');
      expect(content).toMatch(/\d/);
      expect(content).not.toMatch(/[\u2066-\u2069\u200e\u200f\u061c\u0660-\u0669]/);
    }
  });

  it('alerts, their escalation and the review summary name the author and say how to act', async () => {
    const ws = await app.services.db.workspace.findFirstOrThrow({ where: { externalId: CONSOLE_WORKSPACE } });
    const from = printed.length;
    await app.services.comments.ingest(ws, {
      provider: 'instagram',
      externalId: 'ar-urgent-1',
      text: 'سأرفع قضية على هذا المتجر، نصابين',
      author: 'سارة',
    });
    await app.services.comments.ingest(ws, {
      provider: 'facebook',
      externalId: 'ar-review-1',
      text: 'التوصيل تأخر شوي',
      author: 'خالد',
    });
    clock.advance(3 * 60 * 60_000);
    await app.jobs.runNow(ESCALATION_JOB);
    await app.jobs.runNow(REVIEW_SUMMARY_JOB);
    const out = printed.slice(from).join('');
    expect(out).toContain('[#alerts]');
    expect(out).toContain('[#escalation]');
    // The demo's commenters have names.
    expect(out).not.toMatch(/Author\s+unknown/);
    check(out);
    check(await session(['1']));
  });
});
