import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { METRICS_PULL_JOB } from '../../src/reporting/feature.js';
import { createTestApp, identity, type TestApp, textOf } from '../helpers/app.js';
import { IG, PAGE, useSocialFakes } from '../helpers/social-fakes.js';

const DEPRECATED = /impressions|page_fans|page_engaged_users|follower_count/;

describe('daily Facebook Page and Instagram insights into MetricDaily (fake Graph API)', () => {
  const fakes = useSocialFakes('insights');
  let app: TestApp;

  beforeEach(async () => {
    fakes.meta.clearInsights();
    app = await createTestApp(fakes.env());
    // 12:00 in Riyadh on the 26th: the last complete day there is the 25th.
    app.clock.set('2026-11-26T09:00:00Z');
    expect((await app.say('/config timezone Asia/Riyadh')).tone).toBe('success');
    for (const line of fakes.connectLines()) expect((await app.say(line)).tone).toBe('success');
  });
  afterEach(async () => {
    await app.cleanup();
  });

  const pull = () => app.jobs.runNow(METRICS_PULL_JOB);
  const rows = (channel: string) =>
    app.services.db.metricDaily.findMany({ where: { channel }, orderBy: [{ date: 'asc' }, { campaign: 'asc' }] });
  const integration = (provider: string, workspace = 'T1') =>
    app.services.db.integration.findFirstOrThrow({ where: { provider, workspace: { externalId: workspace } } });

  function seed(): void {
    fakes.meta.setPageInsights(PAGE, '2026-11-24', {
      page_total_media_view_unique: 500,
      page_media_view: 1200,
      page_post_engagements: 80,
      page_follows: 3000,
    });
    fakes.meta.setPageInsights(PAGE, '2026-11-25', {
      page_total_media_view_unique: 700,
      page_media_view: 1500,
      page_post_engagements: 95,
      page_follows: 3010,
    });
    fakes.meta.setIgInsights(IG, '2026-11-24', { reach: 300, views: 900, total_interactions: 60 });
    fakes.meta.setIgInsights(IG, '2026-11-25', { reach: 320, views: 950, total_interactions: 75 });
    fakes.meta.igFollowers.set(IG, 4200);
  }

  it('stores a week of Page and Instagram figures with source api, shown by /report, asking only for current metrics', async () => {
    seed();
    await pull();

    const fb = await rows('facebook');
    // Seven complete days in Riyadh (19th to 25th); days without activity answer 0 on a Page.
    expect(fb.map((r) => r.date)).toEqual([
      '2026-11-19',
      '2026-11-20',
      '2026-11-21',
      '2026-11-22',
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
    ]);
    expect(fb.every((r) => r.source === 'api' && r.campaign === '')).toBe(true);
    expect(fb.slice(-2).map((r) => [r.date, r.reach, r.impressions, r.engagements, r.followers])).toEqual([
      ['2026-11-24', 500, 1200, 80, 3000],
      ['2026-11-25', 700, 1500, 95, 3010],
    ]);
    // Instagram answers an empty set for days without data: only the two days with figures are stored,
    // and the audience read now sits on the last complete day.
    const ig = await rows('instagram');
    expect(ig.map((r) => [r.date, r.source, r.reach, r.impressions, r.engagements, r.followers])).toEqual([
      ['2026-11-24', 'api', 300, 900, 60, 0],
      ['2026-11-25', 'api', 320, 950, 75, 4200],
    ]);

    expect(fakes.meta.insightQueries.length).toBeGreaterThan(0);
    for (const q of fakes.meta.insightQueries) expect(q).not.toMatch(DEPRECATED);
    // One Page call per pull: paging.next (the following window, the future) is not walked.
    expect(fakes.meta.insightQueries.filter((q) => q.startsWith('page_'))).toHaveLength(1);
    expect((await integration('facebook')).status).toBe('ok');

    const report = textOf(await app.say('/report 7d channel:facebook'));
    expect(report).toContain('3,010'); // followers: the latest audience, not a sum
    expect(report).toContain('2,700'); // impressions: 1,200 + 1,500
    const igReport = textOf(await app.say('/report 7d channel:instagram'));
    expect(igReport).toContain('4,200');
    expect(igReport).toContain('1,850'); // views stored as impressions: 900 + 950
  });

  it('a second pull replaces the API rows it wrote, and the Instagram audience of earlier days stays', async () => {
    seed();
    await pull();
    const before = await app.services.db.metricDaily.count();
    fakes.meta.setPageInsights(PAGE, '2026-11-25', {
      page_total_media_view_unique: 760,
      page_media_view: 1600,
      page_post_engagements: 99,
      page_follows: 3012,
    });
    await pull();
    expect(await app.services.db.metricDaily.count()).toBe(before);
    const fb = await rows('facebook');
    expect(fb.at(-1)).toMatchObject({ date: '2026-11-25', reach: 760, impressions: 1600, followers: 3012 });

    // The next day: the 26th is complete, the audience grew; the 25th keeps the audience read yesterday.
    app.clock.set('2026-11-27T09:00:00Z');
    fakes.meta.setIgInsights(IG, '2026-11-26', { reach: 10, views: 20, total_interactions: 3 });
    fakes.meta.igFollowers.set(IG, 4250);
    await pull();
    const ig = await rows('instagram');
    expect(ig.map((r) => [r.date, r.reach, r.followers])).toEqual([
      ['2026-11-24', 300, 0],
      ['2026-11-25', 320, 4200],
      ['2026-11-26', 10, 4250],
    ]);
  });

  it('never overwrites rows a person imported for the same day and channel', async () => {
    seed();
    const workspace = await app.services.db.workspace.findFirstOrThrow({ where: { externalId: 'T1' } });
    const csv = [
      'date,channel,campaign,reach,impressions,spend',
      '2026-11-25,facebook,,999,5000,10',
      '2026-11-25,facebook,Autumn Launch,50,400,25',
      '2026-11-24,instagram,,111,222,0',
    ].join('\n');
    const imported = await app.services.metrics.importCsv(workspace, csv);
    expect(imported.ok).toBe(true);
    await pull();
    const fb = await rows('facebook');
    expect(
      fb.filter((r) => r.date === '2026-11-25').map((r) => [r.campaign, r.source, r.reach, r.impressions]),
    ).toEqual([
      ['', 'import', 999, 5000],
      ['Autumn Launch', 'import', 50, 400],
    ]);
    expect(fb.find((r) => r.date === '2026-11-24')).toMatchObject({ source: 'api', reach: 500 });
    const ig = await rows('instagram');
    expect(ig.map((r) => [r.date, r.source, r.reach])).toEqual([
      ['2026-11-24', 'import', 111],
      ['2026-11-25', 'api', 320],
    ]);
  });

  it('a refused token marks that account for reconnecting; other accounts and workspaces are still pulled', async () => {
    seed();
    const other = identity({ workspace: 'T2', user: 'U2' });
    fakes.meta.addPage('222', 'EAAGpage-token-other', 'Other Brand');
    fakes.meta.setPageInsights('222', '2026-11-25', { page_total_media_view_unique: 42, page_follows: 77 });
    expect((await app.say('/connect facebook account:222 token:EAAGpage-token-other', other)).tone).toBe('success');
    fakes.meta.revoke(fakes.tokens.page);
    try {
      await pull();
      expect((await integration('facebook')).status).toBe('reauth');
      expect((await integration('instagram')).status).toBe('ok');
      expect((await integration('facebook', 'T2')).status).toBe('ok');
      const fb = await rows('facebook');
      const refused = (await integration('facebook')).workspaceId;
      expect(fb.filter((r) => r.workspaceId === refused)).toHaveLength(0);
      expect(fb.find((r) => r.date === '2026-11-25')).toMatchObject({ reach: 42, followers: 77 });
      expect(await rows('instagram')).toHaveLength(2);
      // Paused: the next run does not call Graph with the refused token again.
      const calls = fakes.meta.insightQueries.length;
      await pull();
      expect(fakes.meta.insightQueries.length).toBe(calls + 1 + 7); // the other Page, and Instagram's 7 days
    } finally {
      fakes.meta.addPage(PAGE, fakes.tokens.page, 'Cold Brew Co');
    }
  });

  it('a rate limit loses nothing: that account is skipped this run and read in full the next', async () => {
    seed();
    fakes.meta.rateLimitInsights(1, PAGE); // the Page's one insights call of the run
    await pull();
    expect(await rows('facebook')).toHaveLength(0);
    expect(await rows('instagram')).toHaveLength(2);
    expect((await integration('facebook')).status).toBe('ok');
    await pull();
    expect((await rows('facebook')).at(-1)).toMatchObject({ date: '2026-11-25', reach: 700 });
  });
});

describe('the fake Graph API refuses insights requests like Graph', () => {
  const fakes = useSocialFakes('insights-fake');
  const get = async (path: string, token: string) => {
    const res = await fetch(`${fakes.meta.url}/v21.0/${path}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, body: (await res.json()) as { error?: { code: number; message: string } } };
  };
  const day = (iso: string) => String(Date.parse(iso) / 1000);
  const range = `period=day&since=${day('2026-11-01T00:00:00Z')}&until=${day('2026-11-08T00:00:00Z')}`;

  it('deprecated and unknown metrics get (#100), a missing or wrong token 190, over-long ranges (#100)', async () => {
    for (const metric of ['page_impressions_unique', 'page_fans', 'page_impressions', 'no_such_metric']) {
      const r = await get(`${PAGE}/insights?metric=${metric}&${range}`, fakes.tokens.page);
      expect(r.body.error).toMatchObject({ code: 100, message: '(#100) The value must be a valid insights metric' });
    }
    const ig = await get(`${IG}/insights?metric=impressions&metric_type=total_value&${range}`, fakes.tokens.ig);
    expect(ig.body.error?.code).toBe(100);
    const views = await get(`${IG}/insights?metric=views&${range}`, fakes.tokens.ig);
    expect(views.body.error?.message).toMatch(/metric_type=total_value/);
    expect((await get(`${PAGE}/insights?metric=page_media_view&${range}`, '')).body.error?.code).toBe(190);
    expect((await get(`${PAGE}/insights?metric=page_media_view&${range}`, 'EAAGwrong')).body.error?.code).toBe(190);
    const long = `period=day&since=${day('2026-08-01T00:00:00Z')}&until=${day('2026-11-01T00:00:00Z')}`;
    const tooLong = await get(`${PAGE}/insights?metric=page_media_view&${long}`, fakes.tokens.page);
    expect(tooLong.body.error?.code).toBe(100);
    const ok = await get(`${PAGE}/insights?metric=page_media_view,page_follows&${range}`, fakes.tokens.page);
    expect(ok.status).toBe(200);
  });

  it('answers the documented shapes: daily values ending at midnight Pacific time, total_value for Instagram', async () => {
    fakes.meta.setPageInsights(PAGE, '2026-11-03', { page_media_view: 12 });
    const r = await get(`${PAGE}/insights?metric=page_media_view&${range}`, fakes.tokens.page);
    const body = r.body as unknown as {
      data: Array<{ name: string; period: string; values: Array<{ value: number; end_time: string }> }>;
      paging: { next: string };
    };
    expect(body.data[0]?.name).toBe('page_media_view');
    expect(body.data[0]?.values.find((v) => v.value === 12)?.end_time).toBe('2026-11-04T08:00:00+0000');
    expect(body.paging.next).toContain(`since=${day('2026-11-08T00:00:00Z')}`);
    fakes.meta.setIgInsights(IG, '2026-11-03', { reach: 5 });
    const ig = await get(`${IG}/insights?metric=reach&metric_type=total_value&${range}`, fakes.tokens.ig);
    expect(ig.body).toMatchObject({ data: [{ name: 'reach', period: 'day', total_value: { value: 5 } }] });
  });
});
