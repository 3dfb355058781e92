import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { calendarGrid, calendarPeriod, calendarSvg, firstWeekday } from '../../src/publishing/calendar/picture.js';
import { pngSize } from '../../src/reporting/charts.js';
import { createTestApp, identity, type TestApp, textOf } from '../helpers/app.js';

/** Posts straight into the table, in every status the calendar counts (and one it must not). */
async function seed(app: TestApp, externalId = 'T1') {
  const ws = await app.services.db.workspace.findFirstOrThrow({ where: { externalId } });
  const rows: Array<[string, string, string]> = [
    ['instagram', 'published', '2026-11-30T06:00:00Z'],
    ['instagram', 'published', '2026-11-30T15:00:00Z'],
    ['facebook', 'failed', '2026-11-30T07:00:00Z'],
    ['instagram', 'pending', '2026-12-03T06:00:00Z'],
    ['youtube', 'awaiting_approval', '2026-12-03T09:00:00Z'],
    ['facebook', 'unknown', '2026-12-04T09:00:00Z'],
    ['facebook', 'cancelled', '2026-12-04T10:00:00Z'],
    // 23:30 UTC on 5 Dec is 02:30 on Sunday 6 Dec in Riyadh: the next week.
    ['instagram', 'pending', '2026-12-05T23:30:00Z'],
    ['mailchimp', 'pending', '2026-12-20T07:00:00Z'],
  ];
  let n = 0;
  for (const [channel, status, at] of rows) {
    await app.services.db.scheduledPost.create({
      data: {
        workspaceId: ws.id,
        channel,
        status,
        publishAt: new Date(at),
        content: 'x',
        idempotencyKey: `${externalId}-${n++}`,
      },
    });
  }
}

describe('calendar grid', () => {
  it('starts the week on Sunday in Riyadh and the Americas, on Monday in London', () => {
    expect(firstWeekday('Asia/Riyadh')).toBe(7);
    expect(firstWeekday('America/New_York')).toBe(7);
    expect(firstWeekday('Europe/London')).toBe(1);
    const now = new Date('2026-12-02T09:00:00Z'); // a Wednesday
    expect(calendarPeriod(now, 'Asia/Riyadh', 'week').first.toISODate()).toBe('2026-11-29');
    expect(calendarPeriod(now, 'Europe/London', 'week').first.toISODate()).toBe('2026-11-30');
    // On the week's last day (Sunday in London) the view still shows the days to come.
    const sunday = calendarPeriod(new Date('2026-12-06T20:00:00Z'), 'Etc/UTC', 'week');
    expect([sunday.first.toISODate(), sunday.last.toISODate()]).toEqual(['2026-11-30', '2026-12-13']);
    const month = calendarPeriod(now, 'Europe/London', 'month');
    expect([month.first.toISODate(), month.last.toISODate(), month.gridStart.toISODate()]).toEqual([
      '2026-12-01',
      '2026-12-31',
      '2026-11-30',
    ]);
  });

  it('counts each post on its local day, unknown with failed, cancelled not at all', () => {
    const g = calendarGrid(
      [
        { channel: 'instagram', status: 'published', publishAt: new Date('2026-12-01T22:30:00Z') },
        { channel: 'instagram', status: 'unknown', publishAt: new Date('2026-12-02T08:00:00Z') },
        { channel: 'instagram', status: 'cancelled', publishAt: new Date('2026-12-02T08:00:00Z') },
      ],
      new Date('2026-12-02T09:00:00Z'),
      'Asia/Riyadh',
      'week',
    );
    const days = g.weeks.flat().filter((d) => d.channels.length > 0);
    expect(days.map((d) => [d.date, d.channels[0]?.counts])).toEqual([
      ['2026-12-02', { scheduled: 0, published: 1, failed: 1 }],
    ]);
    expect(g.totals).toEqual({ scheduled: 0, published: 1, failed: 1 });
  });
});

describe('/schedule calendar', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp();
    app.clock.set('2026-12-02T09:00:00Z');
    await app.say('/config timezone Asia/Riyadh');
    await seed(app);
  });
  afterEach(async () => {
    await app.cleanup();
  });

  it('sends a PNG on Slack with the day-by-day counts as its alt text, in under 200 ms', async () => {
    const started = performance.now();
    const r = await app.say('/schedule calendar');
    const ms = performance.now() - started;
    const image = r.blocks.find((b) => b.kind === 'image');
    if (image?.kind !== 'image') throw new Error('no image');
    expect(pngSize(image.png).width).toBe(1470);
    if (process.env.CALENDAR_PNG) writeFileSync(`${process.env.CALENDAR_PNG}-week-en.png`, image.png);
    expect(r.title).toMatch(/^Calendar, this week and next: 29 Nov\s–\s12 Dec 2026$/);
    expect(image.alt).toContain('Mon 30 Nov: Facebook 1 failed or unknown; Instagram 2 published');
    expect(image.alt).toContain('Thu 3 Dec: Instagram 1 scheduled; YouTube 1 scheduled');
    expect(image.alt).toContain('Fri 4 Dec: Facebook 1 failed or unknown');
    // 02:30 on Sunday 6 December in Riyadh: next week's first day, shown; the 20th is beyond it.
    expect(image.alt).toContain('Sun 6 Dec: Instagram 1 scheduled');
    expect(image.alt).not.toContain('20 Dec');
    expect(textOf(r)).toContain('In all: 3 scheduled, 2 published, 2 failed or unknown.');
    expect(ms).toBeLessThan(1000); // the 200 ms target is measured by bench/calendar.mjs, without test overhead
  });

  it('draws a month in Arabic, right to left, with the workspace digits', async () => {
    await app.say('/config lang ar');
    await app.say('/config digits arabic');
    const r = await app.say('/schedule calendar month');
    const image = r.blocks.find((b) => b.kind === 'image');
    if (image?.kind !== 'image') throw new Error('no image');
    if (process.env.CALENDAR_PNG) writeFileSync(`${process.env.CALENDAR_PNG}-month-ar.png`, image.png);
    expect(r.rtl).toBe(true);
    expect(r.title).toContain('التقويم: ديسمبر');
    expect(image.alt).toMatch(/إنستغرام \(مجدولة: ١\)/);
    expect(image.alt).toMatch(/ميلتشيمب|Mailchimp/);
    expect(textOf(r)).toContain('المجموع: مجدولة ٤، ومنشورة ٠، وفاشلة أو غير معروفة النتيجة ١.');
  });

  it('shows a table and saves the PNG in the console', async () => {
    const con = identity({ platform: 'console', workspace: 'console' });
    await app.say('/config timezone Asia/Riyadh', con);
    await seed(app, 'console');
    const r = await app.say('/schedule calendar week', con);
    expect(r.blocks.some((b) => b.kind === 'image')).toBe(false);
    const file = r.blocks.find((b) => b.kind === 'file');
    expect(file?.kind === 'file' && file.filename).toBe('calendar-week-2026-11-29.png');
    const shown = textOf(r);
    expect(shown).toContain('Day | Channel | Scheduled | Published | Failed or unknown');
    expect(shown).toContain('Mon 30 Nov | Facebook | 0 | 0 | 1');
  });

  it('refuses a period it does not know, in the reader language', async () => {
    const r = await app.say('/schedule calendar year');
    expect(r.tone).toBe('error');
    expect(textOf(r)).toMatch(/week|month/);
  });

  it('mirrors the grid for Arabic: the first weekday is drawn at the right', () => {
    const g = calendarGrid([], new Date('2026-12-02T09:00:00Z'), 'Asia/Riyadh', 'week');
    const labels = {
      title: 't',
      subtitle: 's',
      weekdays: ['A', 'B', 'C', 'D', 'E', 'F', 'G'],
      dayNumber: (d: string) => d.slice(8),
      channel: (c: string) => c,
      figure: String,
      kinds: { scheduled: 'S', published: 'P', failed: 'F' },
      more: (n: number) => `+${n}`,
      rtl: true,
    };
    const svg = calendarSvg(g, labels);
    const x = (w: string) => Number(new RegExp(`x="([\\d.]+)"[^>]*>${w}<`).exec(svg)?.[1]);
    expect(x('A')).toBeGreaterThan(x('G'));
    expect(x('A')).toBeLessThan(calendarSvg(g, { ...labels, rtl: false }).length);
    const ltr = calendarSvg(g, { ...labels, rtl: false });
    const xl = (w: string) => Number(new RegExp(`x="([\\d.]+)"[^>]*>${w}<`).exec(ltr)?.[1]);
    expect(xl('A')).toBeLessThan(xl('G'));
  });
});
