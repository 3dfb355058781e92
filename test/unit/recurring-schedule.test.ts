import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { actionsOf } from '../../src/core/reply.js';
import { SERIES_JOB } from '../../src/publishing/feature.js';
import { SeriesService } from '../../src/publishing/recurring/series.js';
import { createTestApp, identity, type TestApp, textOf } from '../helpers/app.js';

const clean = (s: string) => s.replace(/[\u2068\u2069]/g, '');
const AR = identity({ user: 'U-ar', locale: 'ar' });

describe('/schedule recurring posts, slots and UTM links', () => {
  let app: TestApp;
  const posts = () => app.services.db.scheduledPost.findMany({ orderBy: { publishAt: 'asc' } });
  beforeEach(async () => {
    app = await createTestApp();
    app.clock.set('2026-11-26T09:00:00Z'); // Thursday, 12:00 in Riyadh
    await app.say('/config timezone Asia/Riyadh');
  });
  afterEach(async () => {
    await app.cleanup();
  });

  it('every monday 9am until a date: a series, its dates as posts, the first three written out', async () => {
    const r = await app.say(
      '/schedule facebook every monday 9am until 2027-03-01 | Weekly offer: https://shop.example.com/offers',
    );
    expect(r.tone).toBe('success');
    const shown = clean(textOf(r));
    expect(shown).toContain('Recurring post on Facebook (series 1)');
    expect(shown).toContain('Every Monday at 09:00, until Monday, 1 March 2027.');
    expect(shown).toMatch(
      /First dates:\nMonday, 30 November 2026, 09:00 · #1\nMonday, 7 December 2026, 09:00 · #2\nMonday, 14 December 2026, 09:00 · #3\n/,
    );
    expect(shown).toContain(
      '4 dates scheduled now, up to Monday, 21 December 2026; later dates are added as time passes.',
    );
    expect(shown).toContain('Facebook is not connected yet: an admin can run /connect facebook before the due time.');
    // The link that goes out is shown, tagged.
    expect(shown).toContain(
      'https://shop.example.com/offers?utm_source=facebook&utm_medium=social&utm_campaign=mktbot&utm_content=facebook-20261130-0900',
    );
    const rows = await posts();
    expect(rows.map((p) => p.publishAt.toISOString())).toEqual([
      '2026-11-30T06:00:00.000Z',
      '2026-12-07T06:00:00.000Z',
      '2026-12-14T06:00:00.000Z',
      '2026-12-21T06:00:00.000Z',
    ]);
    expect(new Set(rows.map((p) => p.seriesId))).toEqual(new Set([1]));
    expect(rows.every((p) => p.status === 'pending')).toBe(true);
    // Each date's link says which post it was.
    expect(rows[1]?.content).toContain('utm_content=facebook-20261207-0900');
    expect(new Set(rows.map((p) => p.idempotencyKey)).size).toBe(4);
  });

  it('in Arabic: «كل اثنين 9 صباحًا حتى …», the rule and dates in Arabic', async () => {
    const r = await app.say('/schedule facebook كل اثنين 9 صباحًا حتى 2027-03-01 | عرض الأسبوع', AR);
    expect(r.tone).toBe('success');
    const shown = clean(textOf(r));
    expect(shown).toContain('منشور متكرر على فيسبوك (السلسلة 1)');
    expect(shown).toContain('كل يوم الاثنين الساعة 09:00، حتى الاثنين، 1 مارس 2027.');
    expect(shown).toContain('أول المواعيد:');
    expect(shown).toContain('الاثنين، 30 نوفمبر 2026، 09:00 · #1');
    expect(shown).toContain(
      'جُدولت المواعيد حتى الاثنين، 21 ديسمبر 2026 (عددها 4)، وتُضاف المواعيد التالية مع مرور الوقت.',
    );
    const daily = clean(textOf(await app.say('/schedule reminder كل يوم 6 مساءً | صورة القصة', AR)));
    expect(daily).toContain('كل يوم الساعة 18:00، بلا تاريخ انتهاء.');
    expect(daily).toContain('(عددها 28)');
  });

  it('refuses the same recurring post twice (a double submit), but not the same text on other days', async () => {
    await app.say('/schedule reminder every monday 9am campaign:Weekly | Check-in');
    const again = await app.say('/schedule reminder every monday 9am campaign:Weekly | Check-in');
    expect(again.tone).toBe('error');
    expect(textOf(again)).toContain('The same recurring post is already scheduled as series 1.');
    expect(
      clean(textOf(await app.say('/schedule reminder كل اثنين 9 صباحًا campaign:Weekly | Check-in', AR))),
    ).toContain('المنشور المتكرر نفسه مجدول بالفعل في السلسلة 1.');
    expect((await app.say('/schedule reminder every tuesday 9am campaign:Weekly | Check-in')).tone).toBe('success');
    expect(await app.services.db.postSeries.count()).toBe(2);
  });

  it('several weekdays and every 2 weeks', async () => {
    const three = clean(textOf(await app.say('/schedule reminder every mon,wed,fri 18:00 | Story time')));
    expect(three).toContain('Every Monday, Wednesday and Friday at 18:00, with no end date.');
    expect(three).toContain('12 dates scheduled now');
    const fortnight = clean(textOf(await app.say('/schedule reminder every 2 weeks on friday 10:00 | Newsletter')));
    expect(fortnight).toContain('Every 2 weeks on Friday at 10:00');
    expect(fortnight).toMatch(/Friday, 27 November 2026, 10:00 · #\d+\nFriday, 11 December 2026, 10:00/);
    const ar = clean(textOf(await app.say('/schedule reminder كل أسبوعين يوم الجمعة 10:00 | النشرة', AR)));
    expect(ar).toContain('كل أسبوعين يوم الجمعة الساعة 10:00');
  });

  it('refuses a bad rule with the reason in the user language, and stores nothing', async () => {
    const cases: Array<[string, RegExp, typeof AR | undefined]> = [
      ['/schedule facebook every monday | hi', /Say the time of day too/, undefined],
      [
        '/schedule facebook every monday 9am until 2026-11-27 | hi',
        /end date comes before the first date \(Monday, 30 November 2026, 09:00\)/,
        undefined,
      ],
      ['/schedule instagram every monday 9am | no picture', /Instagram needs an image or video/, undefined],
      ['/schedule facebook كل اثنين | مرحبًا', /حدّد الساعة أيضًا/, AR],
      ['/schedule facebook كل اثنين 9 صباحًا حتى 2031-01-01 | مرحبًا', /حتى 26 نوفمبر 2028 \(سنتين\)/, AR],
    ];
    for (const [line, reason, who] of cases) {
      const r = await app.say(line, who);
      expect(r.tone, line).toBe('error');
      expect(clean(textOf(r))).toMatch(reason);
    }
    expect(await app.services.db.postSeries.count()).toBe(0);
    expect(await app.services.db.scheduledPost.count()).toBe(0);
  });

  it('/schedule list shows a series once with its rule and next date; cancel skips one date; stop-series stops it', async () => {
    await app.say('/schedule reminder every day 9am | Daily story');
    await app.say('/schedule reminder tomorrow 11am | One-off');
    const list = clean(textOf(await app.say('/schedule list')));
    expect(list).toContain('One-off');
    expect(list.match(/Daily story/g)).toHaveLength(1);
    expect(list).toContain(
      'Series 1 · Reminder · every day at 09:00 · next: Friday, 27 November 2026, 09:00 (#1) · Daily story',
    );

    const cancelled = clean(textOf(await app.say('/schedule cancel 1')));
    expect(cancelled).toContain('Post #1 cancelled.');
    expect(cancelled).toContain(
      'Only this date is skipped: series 1 goes on. Stop the whole series with /schedule stop-series 1.',
    );
    expect(clean(textOf(await app.say('/schedule list')))).toContain('next: Saturday, 28 November 2026, 09:00 (#2)');
    const arList = clean(textOf(await app.say('/schedule list', AR)));
    expect(arList).toContain(
      'السلسلة 1 · تذكير · كل يوم الساعة 09:00 · الموعد التالي: السبت، 28 نوفمبر 2026، 09:00 (#2)',
    );
    // A series with an end date writes it out too, in the workspace's digits.
    await app.say('/config digits arabic');
    await app.say('/schedule reminder every monday 9am until 2027-03-01 | Weekly tip');
    const ended = clean(textOf(await app.say('/schedule list', AR)));
    expect(ended).toContain('كل يوم الاثنين الساعة ٠٩:٠٠ حتى الاثنين، ١ مارس ٢٠٢٧');
    expect(ended).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    await app.say('/config digits latin');

    const shown = clean(textOf(await app.say('/schedule series 1')));
    expect(shown).toContain('Next dates:\nSaturday, 28 November 2026, 09:00 · #2');

    const stopped = await app.say('/schedule stop-series 1');
    expect(clean(textOf(stopped))).toBe('Series 1 stopped. 27 dates cancelled; posts already published stay.');
    const left = await posts();
    expect(left.filter((p) => p.seriesId === 1 && p.status !== 'cancelled')).toHaveLength(0);
    expect(left.find((p) => p.content === 'One-off')?.status).toBe('pending');
    expect(textOf(await app.say('/schedule stop-series 1'))).toMatch(/no active series 1/);
    expect(clean(textOf(await app.say('/schedule stop-series 1', AR)))).toContain('لا توجد سلسلة نشطة برقم 1');
    // A stopped series is never extended again.
    app.clock.advance(30 * 86_400_000);
    await app.jobs.runNow(SERIES_JOB);
    expect(await app.services.db.scheduledPost.count({ where: { seriesId: 1, status: { not: 'cancelled' } } })).toBe(0);
  });

  it('an evergreen series is extended by the job as time passes, four weeks ahead, never twice', async () => {
    await app.say('/schedule reminder every monday 9am | Weekly check-in');
    expect(await app.services.db.scheduledPost.count()).toBe(4);
    await app.jobs.runNow(SERIES_JOB);
    expect(await app.services.db.scheduledPost.count()).toBe(4);
    app.clock.advance(14 * 86_400_000);
    await app.jobs.runNow(SERIES_JOB);
    await app.jobs.runNow(SERIES_JOB);
    const rows = await posts();
    expect(rows.map((p) => p.publishAt.toISOString().slice(0, 10))).toEqual([
      '2026-11-30',
      '2026-12-07',
      '2026-12-14',
      '2026-12-21',
      '2026-12-28',
      '2027-01-04',
    ]);
  });

  it('two replicas generating the same series at once create each date once', async () => {
    await app.say('/schedule reminder every day 9am | Daily');
    const series = await app.services.db.postSeries.findFirstOrThrow();
    const ws = await app.services.db.workspace.findUniqueOrThrow({ where: { id: series.workspaceId } });
    // Both read the series before either wrote: the same window, the same dates.
    const stale = { ...series };
    app.clock.advance(10 * 86_400_000);
    const [a, b] = [new SeriesService(app.services.db), new SeriesService(app.services.db)];
    const made = await Promise.all([a.extend(stale, ws, app.clock.now()), b.extend(stale, ws, app.clock.now())]);
    expect(made[0].length + made[1].length).toBe(10);
    const rows = await posts();
    expect(rows).toHaveLength(38);
    expect(new Set(rows.map((p) => p.publishAt.getTime())).size).toBe(38);
  });

  it('follows approval: a manager approves the series once (later dates too), or rejects it', async () => {
    await app.say('/config approval on');
    const r = await app.say('/schedule reminder every monday 9am | Check-in');
    expect(r.tone).toBe('info');
    expect(textOf(r)).toContain('waiting for approval');
    expect(textOf(r)).toContain('A manager approves the whole series once');
    const buttons = actionsOf(r);
    expect(buttons.map((a) => a.id)).toEqual(['schedule.approveSeries', 'schedule.rejectSeries']);
    expect((await posts()).every((p) => p.status === 'awaiting_approval')).toBe(true);

    const member = identity({ user: 'U9', admin: false });
    expect((await app.router.press('schedule.approveSeries', buttons[0]?.payload, member)).tone).toBe('error');
    expect((await posts()).every((p) => p.status === 'awaiting_approval')).toBe(true);
    const ok = await app.router.press('schedule.approveSeries', buttons[0]?.payload, identity());
    expect(clean(textOf(ok))).toBe(
      'Series 1 approved by Test User: its 4 waiting dates go out at their times, and the dates added later need no approval.',
    );
    expect((await posts()).every((p) => p.status === 'pending' && p.approvedById === 'U1')).toBe(true);
    app.clock.advance(7 * 86_400_000);
    await app.jobs.runNow(SERIES_JOB);
    const later = await posts();
    expect(later).toHaveLength(5);
    expect(later.at(-1)).toMatchObject({ status: 'pending', approvedById: 'U1' });
    // An edited date goes back for approval, like any post.
    expect(textOf(await app.say('/schedule edit 4 | Changed'))).toContain('Approve');

    const second = await app.say('/schedule reminder كل يوم 9 صباحًا | يومي', AR);
    const [, reject] = actionsOf(second);
    const rejected = await app.router.press('schedule.rejectSeries', reject?.payload, identity({ locale: 'ar' }));
    expect(clean(textOf(rejected))).toMatch(
      /^رفض Test User السلسلة 2: أُوقفت وأُلغيت مواعيدها المنتظرة \(عددها 2\d\)\.$/,
    );
    expect(await app.services.db.scheduledPost.count({ where: { seriesId: 2, status: { not: 'cancelled' } } })).toBe(0);
  });

  it('posting slots: set, list, next free slot, clear; in both languages', async () => {
    expect(textOf(await app.say('/schedule slots'))).toMatch(/No posting slots yet/);
    const set = clean(textOf(await app.say('/schedule slots facebook mon,wed,fri 18:00')));
    expect(set).toContain('Facebook slots are now: Monday, Wednesday and Friday at 18:00.');
    await app.say('/schedule slots facebook الثلاثاء 9 صباحًا', AR);
    const list = clean(textOf(await app.say('/schedule slots')));
    expect(list).toContain('Facebook: Monday, Wednesday and Friday at 18:00; Tuesday at 09:00');
    expect(clean(textOf(await app.say('/schedule slots', AR)))).toContain(
      'فيسبوك: الاثنين والأربعاء والجمعة الساعة 18:00؛ الثلاثاء الساعة 09:00',
    );
    // Friday 27 Nov 18:00 is the next slot; a post near it takes it.
    await app.say('/schedule facebook 2026-11-27 18:10 | Taken');
    const next = await app.say('/schedule facebook next slot | Into the next free slot');
    expect(next.tone).toBe('success');
    expect(clean(textOf(next))).toContain('The next free slot: Monday, 30 November 2026, 18:00.');
    const ar = await app.say('/schedule facebook الموعد التالي | الموعد بعده', AR);
    expect(clean(textOf(ar))).toContain('الموعد المتاح التالي: الثلاثاء، 1 ديسمبر 2026، 09:00.');
    expect(textOf(await app.say('/schedule instagram next slot media:https://a.example/x.jpg | x'))).toMatch(
      /Instagram has no posting slots yet/,
    );
    expect(clean(textOf(await app.say('/schedule slots facebook clear')))).toContain(
      'Facebook has no posting slots any more.',
    );
    expect(textOf(await app.say('/schedule facebook next slot | x'))).toMatch(/Facebook has no posting slots yet/);
    expect(textOf(await app.say('/schedule slots facebook every 2 weeks on monday 9am'))).toMatch(
      /A slot is a weekday/,
    );
    expect(textOf(await app.say('/schedule slots facebook blah'))).toMatch(/Say which days/);
  });

  it('"next best slot" takes the next of the channel\'s best hours, and says when there are none to go by', async () => {
    // Thursday 26 Nov 09:00 UTC; with too few posts of its own, Instagram goes by the cited study,
    // whose next window starts on Friday at 09:00.
    const en = await app.say('/schedule instagram next best slot media:https://a.example/x.jpg | At the best time');
    expect(en.tone).toBe('success');
    expect(clean(textOf(en))).toContain(
      'The next of the best times to post: Friday, 27 November 2026, 09:00 (/schedule best-times instagram says why).',
    );
    const ar = await app.say('/schedule instagram أفضل وقت media:https://a.example/y.jpg | في أفضل وقت', AR);
    expect(clean(textOf(ar))).toContain('أقرب أفضل وقت للنشر: الجمعة، 27 نوفمبر 2026، 09:00');
    // No study for Facebook and no posts of its own: refused, nothing scheduled.
    const before = await app.services.db.scheduledPost.count();
    expect(textOf(await app.say('/schedule facebook next best slot | x'))).toContain(
      'There is no best time to go by for Facebook yet',
    );
    expect(await app.services.db.scheduledPost.count()).toBe(before);
  });

  it('UTM: tags a one-off post with its campaign, leaves tagged links alone, and /config utm off turns it off', async () => {
    const r = await app.say(
      '/schedule facebook tomorrow 9am campaign:"Winter Sale" | Shop https://shop.example.com/s?x=1#top and https://shop.example.com/?utm_source=mail',
    );
    expect(clean(textOf(r))).toContain(
      'Shop https://shop.example.com/s?x=1&utm_source=facebook&utm_medium=social&utm_campaign=winter-sale&utm_content=facebook-20261127-0900#top and https://shop.example.com/?utm_source=mail',
    );
    const post = await app.services.db.scheduledPost.findFirstOrThrow({ include: { campaign: true } });
    expect(post.campaign?.name).toBe('Winter Sale');
    const edited = await app.say('/schedule edit 1 | New https://shop.example.com/n');
    expect(clean(textOf(edited))).toContain('utm_campaign=winter-sale');

    expect(textOf(await app.say('/config utm off'))).toMatch(/left as typed/);
    expect(textOf(await app.say('/config utm on', AR))).toMatch(/تأخذ الروابط/);
    await app.say('/config utm off');
    const plain = await app.say('/schedule facebook tomorrow 10am | https://shop.example.com/p');
    expect(textOf(plain)).not.toContain('utm_');
    expect(textOf(await app.say('/config'))).toMatch(/UTM tags on links in scheduled posts: no/);
  });
});
