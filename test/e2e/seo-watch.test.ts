import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dropIsolates } from '../../src/core/i18n.js';
import { SEO_WATCH_JOB } from '../../src/search/feature.js';
import { SeoWatchService } from '../../src/search/watch.js';
import { type FakeSite, startSite } from '../fakes/site.js';
import { createTestApp, identity, type TestApp, textOf } from '../helpers/app.js';
import { page, words } from '../helpers/seo.js';

let site: FakeSite;
let app: TestApp;

const html = (title: string, description: string, links: string[], extraHead = '') =>
  page(
    `<title>${title}</title><meta name="description" content="${description}"><meta name="viewport" content="width=device-width">${extraHead}`,
    `<h1>${title}</h1><p>${words(350)}</p>${links.map((l) => `<a href="${l}">${l}</a>`).join(' ')}`,
  );

function baseline(o: string) {
  site.routes.set('/robots.txt', {
    headers: { 'content-type': 'text/plain' },
    body: `User-agent: *\nDisallow: /private/\n\nSitemap: ${o}/sitemap.xml\n`,
  });
  site.routes.set('/sitemap.xml', {
    headers: { 'content-type': 'application/xml' },
    body: `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>${o}/menu</loc></url><url><loc>${o}/private/staff</loc></url></urlset>`,
  });
  site.routes.set('/', {
    body: html('Cold brew coffee in Riyadh', 'Fresh cold brew delivered across Riyadh every morning.', [
      '/menu',
      '/about',
      'https://elsewhere.example/x',
    ]),
  });
  site.routes.set('/menu', {
    body: html('Our cold brew menu', 'Six cold brews, from classic to cardamom, made daily.', ['/']),
  });
  site.routes.set('/about', {
    body: html('About our roastery', 'Roasting in Riyadh since 2015: meet the team behind the beans.', ['/']),
  });
  site.routes.set('/private/staff', {
    body: html('Staff', 'Staff only page that must never be crawled by the bot.', []),
  });
}

beforeEach(async () => {
  site = await startSite();
  baseline(site.origin);
  app = await createTestApp({ OUTBOUND_ALLOW_HOSTS: '127.0.0.1' });
  // The production pace is one request a second; the test's site is local.
  app.services.seoWatch = new SeoWatchService(app.services.db, app.services.seo, app.clock, { delayMs: 0 });
});

afterEach(async () => {
  await app.cleanup();
  await site.close();
});

describe('/seo watch: a weekly crawl that says what changed', () => {
  it('crawls politely (robots.txt, sitemap, same host), posts a baseline, then exactly what changed a week later', async () => {
    await app.say('/roles');
    await app.say('/roles', identity({ user: 'U2SEO', name: 'Huda', admin: false }));
    expect(textOf(await app.say('/roles set <@U2SEO> seo'))).toContain('job roles are now SEO');
    const added = textOf(await app.say(`/seo watch url:${site.origin}/ pages:10 keyword:"cold brew"`));
    expect(added).toContain('Watching 127.0.0.1');
    expect(added).toContain('up to 10 pages, once a week');

    await app.jobs.runNow(SEO_WATCH_JOB);
    expect(app.recorder.notices).toHaveLength(1);
    const first = app.recorder.notices[0];
    expect(first?.to).toBe('team');
    expect(first?.reply.mention).toEqual([{ id: 'U2SEO', name: 'Huda' }]);
    const firstText = textOf(first?.reply ?? { blocks: [] });
    expect(first?.reply.title).toMatch(/^SEO watch started for 127\.0\.0\.1:\d+: \d+\/100$/);
    expect(firstText).toContain('Crawled 3 pages, following robots.txt and the sitemap.');
    expect(firstText).toContain('from next week this message says what changed');
    // robots.txt first, the sitemap next, never the disallowed page, nothing off-site.
    expect(site.hits.slice(0, 2)).toEqual(['/robots.txt', '/sitemap.xml']);
    expect(site.hits).not.toContain('/private/staff');
    expect(site.hits.filter((h) => h === '/robots.txt')).toHaveLength(1);

    // Not due again within the week.
    await app.jobs.runNow(SEO_WATCH_JOB);
    expect(app.recorder.notices).toHaveLength(1);

    // The week's changes: a retitled page, a page that left the index, a page gone, a new one.
    site.routes.set('/', {
      body: html('Cold brew coffee in Riyadh', 'Fresh cold brew delivered across Riyadh every morning.', [
        '/menu',
        '/about',
        '/gift-cards',
      ]),
    });
    site.routes.set('/menu', { body: html('Menu', 'Six cold brews, from classic to cardamom, made daily.', ['/']) });
    site.routes.set('/about', {
      body: html(
        'About our roastery',
        'Roasting in Riyadh since 2015: meet the team behind the beans.',
        ['/'],
        '<meta name="robots" content="noindex">',
      ),
    });
    site.routes.delete('/gift-cards');
    app.clock.advance(7 * 86_400_000);
    await app.jobs.runNow(SEO_WATCH_JOB);
    expect(app.recorder.notices).toHaveLength(2);
    const week = app.recorder.notices[1]?.reply;
    const weekText = textOf(week ?? { blocks: [] });
    expect(week?.title).toMatch(
      /^SEO this week for 127\.0\.0\.1:\d+: \d+\/100 \((unchanged|[+-]\d+ since last week)\)$/,
    );
    expect(weekText).toContain('Pages that left the index (noindex)\n/about');
    expect(weekText).toContain('Titles changed\n/menu: "Our cold brew menu" → "Menu"');
    expect(weekText).toContain('Broken pages\n/gift-cards: 404');
    expect(weekText).not.toContain('New pages found');
    expect(weekText).toContain('New problems\n/about: Indexing');
    expect(weekText).not.toContain('Descriptions changed');
    expect(week?.tone).toBe('error');
  });

  it('speaks Arabic to an Arabic workspace, lists and stops watches, and refuses members', async () => {
    const ar = identity({ locale: 'ar' });
    await app.say('/config lang ar', ar);
    const added = dropIsolates(textOf(await app.say(`/seo watch ${site.origin}/ pages:3`, ar)));
    expect(added).toContain('أراقب الآن 127.0.0.1');
    expect(added).toContain('(حتى 3 صفحات، مرة كل أسبوع)');
    await app.jobs.runNow(SEO_WATCH_JOB);
    const notice = app.recorder.notices[0]?.reply;
    expect(dropIsolates(notice?.title ?? '')).toMatch(/^بدأت مراقبة SEO لموقع 127\.0\.0\.1:\d+: \d+\/100$/);
    expect(dropIsolates(textOf(notice ?? { blocks: [] }))).toContain(
      'زحفتُ على 3 صفحات مع احترام robots.txt وخريطة الموقع.',
    );
    const listed = dropIsolates(textOf(await app.say('/seo watches', ar)));
    expect(listed).toMatch(/#1 127\.0\.0\.1:\d+: حتى 3 صفحات؛ آخر زحف \u2068?\d+ [^\s،]+ \d{4}\u2069?، \d+\/100/);
    const member = identity({ user: 'U9', name: 'Sam', admin: false });
    expect(dropIsolates(textOf(await app.say(`/seo watch ${site.origin}/about`, member)))).toContain('المشرفين');
    expect(await app.services.db.seoWatch.count()).toBe(1);
    expect(dropIsolates(textOf(await app.say('/seo unwatch 1', ar)))).toContain('أوقفتُ مراقبة 127.0.0.1');
    expect(await app.services.db.seoCrawl.count()).toBe(0);
    expect(dropIsolates(textOf(await app.say('/seo unwatch 1', ar)))).toContain('لا يوجد موقع مراقَب برقم #1');
  });
});

describe('/seo watch: Search Console queries that moved', () => {
  /** Daily rows of a Search Console export by date and query, `days` local days before 2026-12-07. */
  const rows = (query: string, days: number[], impressions: number, position: number) =>
    days.map((d) => {
      const date = new Date(Date.UTC(2026, 11, 7 - d)).toISOString().slice(0, 10);
      return `${date},"${query}",${Math.round(impressions / 10)},${impressions},1%,${position}`;
    });
  const lastWeek = [1, 2, 3, 4, 5, 6, 7];
  const weekBefore = [8, 9, 10, 11, 12, 13, 14];

  it('names the queries that moved more than 3 places, the watched keyword first, on the workspace calendar', async () => {
    await app.say('/config timezone Asia/Riyadh');
    // 22:30 UTC on the 6th is 01:30 on the 7th in Riyadh: "the last 7 days" are the 1st to the 6th there.
    app.clock.set('2026-12-06T22:30:00Z');
    const csv = [
      'Date,Query,Clicks,Impressions,CTR,Position',
      ...rows('cold brew', weekBefore, 100, 9),
      ...rows('cold brew', lastWeek, 100, 4),
      ...rows('iced coffee riyadh', weekBefore, 200, 3),
      ...rows('iced coffee riyadh', lastWeek, 200, 9),
      ...rows('coffee', weekBefore, 500, 5),
      ...rows('coffee', lastWeek, 500, 6),
      // Two impressions a day: a big move that is only noise.
      ...rows('rare roast', weekBefore, 2, 30),
      ...rows('rare roast', lastWeek, 2, 2),
      // On the 6th in Riyadh (yesterday there), which a UTC calendar would count in the week before.
      ...rows('late riser', [1], 300, 2),
      ...rows('late riser', [8, 9], 150, 12),
    ].join('\n');
    const ws = await app.services.db.workspace.findFirstOrThrow();
    expect((await app.services.metrics.importCsv(ws, csv)).ok).toBe(true);

    await app.say(`/seo watch url:${site.origin}/ pages:3 keyword:"Cold Brew"`);
    await app.jobs.runNow(SEO_WATCH_JOB);
    const out = textOf(app.recorder.notices[0]?.reply ?? { blocks: [] });
    const section = out.slice(out.indexOf('Search queries that moved more than 3 places'));
    expect(section.split('\n').slice(1, 4)).toEqual([
      '"cold brew": 9.0 → 4.0 (up)',
      '"late riser": 12.0 → 2.0 (up)',
      '"iced coffee riyadh": 3.0 → 9.0 (down)',
    ]);
    expect(out).not.toContain('"coffee"');
    expect(out).not.toContain('rare roast');
  });

  it('says it in Arabic', async () => {
    await app.say('/config lang ar');
    app.clock.set('2026-12-07T09:00:00Z');
    const csv = [
      'Date,Query,Clicks,Impressions,CTR,Position',
      ...rows('قهوة باردة', weekBefore, 100, 9),
      ...rows('قهوة باردة', lastWeek, 100, 4),
    ].join('\n');
    const ws = await app.services.db.workspace.findFirstOrThrow();
    expect((await app.services.metrics.importCsv(ws, csv)).ok).toBe(true);
    await app.say(`/seo watch url:${site.origin}/ pages:3`);
    await app.jobs.runNow(SEO_WATCH_JOB);
    const out = dropIsolates(textOf(app.recorder.notices[0]?.reply ?? { blocks: [] }));
    expect(out).toContain('عبارات بحث تحرّك ترتيبها أكثر من 3 مراتب');
    expect(out).toContain('«قهوة باردة»: 9.0 ← 4.0 (تقدّم)');
  });
});
