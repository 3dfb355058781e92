/**
 * An Arabic workspace in the terminal, end to end (issue 21): the console adapter with the app's own
 * notifier (as `npx mktbot` runs it), the demo brand seeded, `/config digits arabic`, one
 * representative invocation of every command, and the notices jobs post (an urgent alert, its
 * escalation, the review summary). Every line printed must be Arabic: no Latin word outside the
 * allow-list of test/unit/arabic-help.test.ts, no Western digit outside what the reader types (commands,
 * URLs, zone names), and no isolate a terminal would show as junk around a plain figure.
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
import { allowedLatin, latinWords } from '../helpers/arabic.js';
import { isoDates } from '../helpers/dates.js';
import { SESSION_WALK } from '../helpers/session-walk.js';

const dir = mkdtempSync(path.join(tmpdir(), 'mktbot-ar-session-'));
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
    identity: consoleIdentity('ar'),
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
  await session(['/config lang ar', '/config digits arabic', '/config timezone Asia/Riyadh']);
  const ws = await app.services.db.workspace.findFirstOrThrow({ where: { externalId: CONSOLE_WORKSPACE } });
  await seedDemo(app.services.db, ws, clock.now());
});
afterAll(async () => {
  // AR_SESSION_OUT=file keeps the transcript (docs/arabic.md's session is cut from it).
  if (process.env.AR_SESSION_OUT) writeFileSync(process.env.AR_SESSION_OUT, printed.join(''));
  await app.stop();
  await drop();
  rmSync(dir, { recursive: true, force: true });
});

/** What the reader types or reads as a name keeps its Latin digits: commands, URLs, zones, files. */
function westernFigures(text: string): string[] {
  const stripped = text
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/\/[a-z][\w-]*(?: [^\s،؛.]+)*/g, ' ')
    .replace(/[\w-]+:(?:"[^"]*"|\S+)/g, ' ')
    .replace(/\b[A-Z][a-z]+\/[A-Za-z_]+\b/g, ' ')
    .replace(/[\w./-]*\.(?:csv|png)\b/g, ' ')
    .replace(/\b(?:YYYY-MM-DD|HH:MM)\b/g, ' ');
  return [...stripped.matchAll(/[^\s]*\d[^\s]*/g)].map((m) => m[0]);
}

/**
 * Names someone chose are not English to translate: the person at the terminal, and what customers
 * wrote (quoted «…» or as "> " lines). The demo brand names its plans and campaigns in Arabic here.
 */
function chosenNamesRemoved(line: string): string {
  const { externalId, name } = consoleIdentity().user;
  return line
    .replaceAll(externalId, ' ')
    .replaceAll(name ?? externalId, ' ')
    .replace(/«[^»]*»/g, ' ')
    .replace(/^\s*>.*$/, ' ')
    .replace(/Organic/g, ' ');
}

function check(out: string): void {
  const ok = allowedLatin();
  for (const line of out.split('\n')) {
    const leaks = latinWords(chosenNamesRemoved(line)).filter((w) => !ok.has(w.toLowerCase()));
    expect(leaks, line).toEqual([]);
    expect(westernFigures(line), line).toEqual([]);
    // A date is written as Arabic writes it («٣٠ نوفمبر ٢٠٢٦»), never as ISO (٢٠٢٦-١١-٣٠).
    expect(isoDates(line), line).toEqual([]);
    // A plain figure, date or time needs no isolates in a terminal: they would show as junk.
    expect(line, line).not.toMatch(/\u2068[\u0660-\u0669][\u0660-\u0669٬٫٪:/-]*\u2069/);
    // A goal "at risk" with nothing left to go is a figure without its reason.
    expect(line, line).not.toMatch(/(?<![\u0660-\u0669٫])٠ نقطة مئوية/);
  }
}

describe('an Arabic session in the terminal', () => {
  const invocations = SESSION_WALK;

  it('covers every command', () => {
    expect(Object.keys(invocations).sort()).toEqual(commands.map((c) => c.name).sort());
  });

  it.for(Object.entries(invocations))('/%s answers in Arabic, with Arabic digits', async ([, lines]) => {
    const out = await session(lines);
    expect(out).toMatch(/[\u0621-\u064a]/);
    // Networks by their Arabic names, even where the English name is also a sub-command (/connect).
    expect(out).not.toMatch(/\bInstagram\b|\bFacebook\b/);
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

  it('alerts, their escalation and the review summary follow the digit style', async () => {
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
    expect(out).toMatch(/للمراجعة/);
    check(out);
    // Pressing a button of the summary re-renders it in the same digits.
    check(await session(['1']));
  });
});
