/**
 * Job roles' own weekly digests end to end in console mode: the subscriptions typed at the console
 * prompt, the digest job printing each role's message once (two ticks at the scheduled time), in
 * English, then in Arabic the next week after /config lang ar.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleNotifier } from '../../src/adapters/console/console.js';
import { loadConfig } from '../../src/config.js';
import { dropIsolates } from '../../src/core/i18n.js';
import { createLogger } from '../../src/log.js';
import { type App, createApp } from '../../src/main.js';
import { DIGEST_JOB } from '../../src/reporting/feature.js';
import { TestClock, testDatabase } from '../helpers/app.js';
import { typeAtConsole } from '../helpers/console-session.js';
import { seedComments, seedFigures } from '../helpers/role-digests.js';

const dir = mkdtempSync(path.join(tmpdir(), 'mktbot-role-digests-'));
const printed: string[] = [];
const clock = new TestClock(new Date('2026-11-26T10:00:00Z'));
let app: App;
let drop: () => Promise<void>;

beforeAll(async () => {
  const database = await testDatabase(dir);
  drop = database.drop;
  const config = loadConfig({ DATABASE_URL: database.url, LOG_LEVEL: 'silent' });
  app = await createApp({
    config,
    log: createLogger('silent'),
    notifier: new ConsoleNotifier((t) => void printed.push(t)),
    clock,
  });
});
afterAll(async () => {
  await app.stop();
  await drop();
  rmSync(dir, { recursive: true, force: true });
});

/** Types the lines at the console prompt and returns what it printed. */
async function type(...lines: string[]): Promise<string> {
  return dropIsolates(await typeAtConsole(app.router, lines));
}

/** The digests the job printed since `from`, by title. */
const digestsSince = (from: number) =>
  printed
    .slice(from)
    .map((p) => dropIsolates(p))
    .filter((p) => p.startsWith('[#digest]'));

describe('job roles with their own digest, in the console', () => {
  it('subscriptions typed at the prompt; each role gets its message once, the main digest a pointer', async () => {
    const typed = await type(
      '/roles',
      '/roles set @lina content,social',
      '/roles set @omar automation,seo',
      '/digest subscribe seo #seo-team',
      '/digest subscribe social',
      '/digest subscribe automation channel:#email',
      '/digest subscribe content #content',
      '/digest subscribe everyone',
      '/digest subscriptions',
    );
    expect(typed).toContain('The SEO part of the digest is now sent as its own weekly message in #seo-team');
    expect(typed).toContain('"everyone" is not valid. Expected one of: seo, content, social, automation.');
    expect(typed).toContain('content (Content): in #content, for lina');
    expect(typed).toContain('social (Social media): in the digest channel, for lina');
    const ws = await app.services.db.workspace.findFirstOrThrow();
    await seedFigures(app, ws);
    await seedComments(app, ws);

    clock.set('2026-11-30T09:00:00Z');
    const before = printed.length;
    await app.jobs.runNow(DIGEST_JOB);
    await app.jobs.runNow(DIGEST_JOB);
    const sent = digestsSince(before);
    const titles = sent.map((p) => p.split('\n').find((l) => l.includes('digest:')) ?? '');
    expect(titles.sort()).toEqual([
      'Content weekly digest: 19 – 25 Nov 2026 (7 days)',
      'Email and automation weekly digest: 19 – 25 Nov 2026 (7 days)',
      'SEO weekly digest: 19 – 25 Nov 2026 (7 days)',
      'Social media weekly digest: 19 – 25 Nov 2026 (7 days)',
      'Weekly digest: 19 – 25 Nov 2026 (7 days)',
    ]);
    const of = (title: string) => sent.find((p) => p.includes(title)) ?? '';
    expect(of('SEO weekly')).toContain('@omar');
    expect(of('SEO weekly')).toContain('Organic search: 1,050 clicks');
    expect(of('Content weekly')).toContain('Scheduled for next week: Instagram 1.');
    expect(of('Email and automation weekly')).toContain('Unsubscribes are high on Newsletter: 0.7%');
    expect(of('Social media weekly')).toContain('@lina');
    expect(of('Social media weekly')).toContain('Oldest unhandled: Sam on Instagram, waiting 8 days');
    const main = of('\nWeekly digest');
    for (const part of ['SEO', 'Content', 'Email and automation', 'Social media']) {
      expect(main).toContain(`The ${part} part (for `);
    }
    expect(main).not.toContain('Organic search:');
  });

  it('speaks Arabic the next week after /config lang ar, and an unsubscribed part returns to the main digest', async () => {
    const typed = await type('/config lang ar', '/digest unsubscribe content', '/digest unsubscribe content');
    expect(typed).toContain('عاد جزء المحتوى إلى الملخص الرئيسي');
    expect(typed).toContain('ليس لجزء المحتوى رسالة مستقلة؛ لم يتغير شيء.');
    clock.set('2026-12-07T09:00:00Z');
    const before = printed.length;
    await app.jobs.runNow(DIGEST_JOB);
    await app.jobs.runNow(DIGEST_JOB);
    const sent = digestsSince(before);
    expect(sent).toHaveLength(4);
    const of = (title: string) => sent.find((p) => p.includes(title)) ?? '';
    expect(of('ملخص تحسين محركات البحث الأسبوعي')).toContain('البحث المجاني: 1,050 نقرة');
    expect(of('ملخص البريد والأتمتة الأسبوعي')).toContain('إلغاء الاشتراك مرتفع في Newsletter');
    expect(of('ملخص وسائل التواصل الاجتماعي الأسبوعي')).toContain('أقدمها دون معالجة: Sam على إنستغرام');
    const main = of('الملخص الأسبوعي:');
    expect(main).toContain('المحتوى: lina');
    expect(main).toContain('جزء تحسين محركات البحث (إلى omar) يُرسل في رسالة أسبوعية مستقلة في #seo-team.');
    expect(main).not.toContain('ملخص المحتوى الأسبوعي');
  });
});
