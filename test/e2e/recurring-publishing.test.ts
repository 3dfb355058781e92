import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Dispatcher } from '../../src/publishing/dispatcher.js';
import { SERIES_JOB } from '../../src/publishing/feature.js';
import { FakeMetaGraph } from '../fakes/meta-graph.js';
import { createTestApp, identity, type TestApp, textOf } from '../helpers/app.js';
import { runCli } from '../helpers/cli.js';
import { dispatcherFor } from '../helpers/dispatcher.js';

const PAGE_TOKEN = 'EAAGpage-token-123';
const AR = identity({ user: 'U-ar', locale: 'ar' });

describe('recurring posts published through the Graph fake', () => {
  const meta = new FakeMetaGraph();
  let app: TestApp;
  let dispatcher: Dispatcher;

  beforeAll(async () => {
    await meta.start();
    meta.addPage('111', PAGE_TOKEN, 'Cold Brew Co');
  });
  afterAll(async () => {
    await meta.close();
  });
  beforeEach(async () => {
    app = await createTestApp({ META_GRAPH_URL: meta.url });
    app.clock.set('2026-11-26T09:00:00Z');
    await app.say('/config timezone Asia/Riyadh');
    await app.say(`/connect facebook account:111 token:${PAGE_TOKEN}`);
    dispatcher = dispatcherFor(app);
  });
  afterEach(async () => {
    await app.cleanup();
  });

  /** Moves the clock to `iso` and lets the dispatcher run twice there. */
  async function at(iso: string) {
    app.clock.set(iso);
    await dispatcher.tick();
    await dispatcher.tick();
  }

  it('each date goes out once, at its local time, with its own tagged link; a cancelled date and a stopped series do not', async () => {
    const r = await app.say(
      '/schedule facebook every day 9am until 2026-11-30 campaign:"Winter Menu" | Today\'s special: https://shop.example.com/menu?d=1#today',
    );
    expect(r.tone).toBe('success');
    expect(textOf(r)).toContain('4 dates scheduled, the whole series.');
    await app.say('/schedule cancel 2'); // 28 November
    for (const day of ['27', '28', '29']) await at(`2026-11-${day}T06:00:30Z`);
    await app.say('/schedule stop-series 1');
    await at('2026-11-30T06:00:30Z');
    const made = meta.posts.filter((p) => p.message?.startsWith("Today's special"));
    expect(made.map((p) => p.message)).toEqual([
      "Today's special: https://shop.example.com/menu?d=1&utm_source=facebook&utm_medium=social&utm_campaign=winter-menu&utm_content=facebook-20261127-0900#today",
      "Today's special: https://shop.example.com/menu?d=1&utm_source=facebook&utm_medium=social&utm_campaign=winter-menu&utm_content=facebook-20261129-0900#today",
    ]);
    const rows = await app.services.db.scheduledPost.findMany({ orderBy: { id: 'asc' } });
    expect(rows.map((p) => p.status)).toEqual(['published', 'cancelled', 'published', 'cancelled']);
    expect(rows.every((p) => p.accountId === '111')).toBe(true);
  });

  it('an evergreen Arabic series keeps publishing as the job extends it', async () => {
    const r = await app.say('/schedule facebook كل اثنين 9 صباحًا | عرض الأسبوع https://shop.example.com/عروض', AR);
    expect(r.tone).toBe('success');
    // Five weeks on: the first dates went out, the job added the next ones.
    for (const d of ['2026-11-30', '2026-12-07', '2026-12-14', '2026-12-21', '2026-12-28']) {
      await app.jobs.runNow(SERIES_JOB);
      await at(`${d}T06:00:30Z`);
    }
    const made = meta.posts.filter((p) => p.message?.startsWith('عرض الأسبوع'));
    expect(made).toHaveLength(5);
    expect(made[4]?.message).toBe(
      'عرض الأسبوع https://shop.example.com/عروض?utm_source=facebook&utm_medium=social&utm_campaign=mktbot&utm_content=facebook-20261228-0900',
    );
    // The job's next hourly run keeps four weeks waiting: 4, 11, 18 and 25 January.
    await app.jobs.runNow(SERIES_JOB);
    const waiting = await app.services.db.scheduledPost.findMany({
      where: { status: 'pending' },
      orderBy: { publishAt: 'asc' },
    });
    expect(waiting.map((p) => p.publishAt.toISOString().slice(0, 10))).toEqual([
      '2027-01-04',
      '2027-01-11',
      '2027-01-18',
      '2027-01-25',
    ]);
  });
});

describe('recurring posts and slots through the real CLI (console mode)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mktbot-recurring-'));
  const env = { DATABASE_URL: `file:${path.join(dir, 'data', 'mktbot.db')}` };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('schedules a series, lists it once, sets slots and takes the next one; then the same in Arabic', async () => {
    const en = await runCli([], {
      env,
      input: [
        '/schedule reminder every mon,wed,fri 18:00 until 2027-06-30 | Post the story https://shop.example.com/s',
        '/schedule list',
        '/schedule slots reminder tue,thu 10:00',
        '/schedule reminder next slot | Into a slot',
        '',
      ].join('\n'),
    });
    expect(en.code).toBe(0);
    const out = en.stdout.replace(/[\u2068\u2069]/g, '');
    expect(out).toContain('Recurring reminder (series 1)');
    expect(out).toContain('Every Monday, Wednesday and Friday at 18:00, until Wednesday, 30 June 2027.');
    expect(out).toContain('First dates:');
    // A reminder is posted by hand on any network: its link is left as typed.
    expect(out).toContain('Post the story https://shop.example.com/s');
    expect(out).not.toContain('utm_source=reminder');
    expect(out).toMatch(
      /Series 1 · Reminder · every Monday, Wednesday and Friday at 18:00 until Wednesday, 30 June 2027 · next: \w+day, /,
    );
    expect(out).toContain('Reminder slots are now: Tuesday and Thursday at 10:00.');
    expect(out).toContain('The next free slot: ');

    const ar = await runCli([], {
      env,
      input: ['/config lang ar', '/schedule reminder كل يوم 9 صباحًا | صورة اليوم', '/schedule stop-series 2', ''].join(
        '\n',
      ),
    });
    expect(ar.code).toBe(0);
    const arOut = ar.stdout.replace(/[\u2068\u2069]/g, '');
    expect(arOut).toContain('تذكير متكرر (السلسلة 2)');
    expect(arOut).toContain('كل يوم الساعة 09:00، بلا تاريخ انتهاء.');
    expect(arOut).toMatch(/أُوقفت السلسلة 2 وأُلغيت مواعيدها المنتظرة \(عددها \d+\)/);
  }, 90_000);
});
