import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { POST_FIGURES_JOB } from '../../src/publishing/performance/feature.js';
import { createTestApp, identity, type TestApp, textOf } from '../helpers/app.js';
import { CHANNEL, IG, PAGE, useSocialFakes } from '../helpers/social-fakes.js';

const DEPRECATED = /impressions/;

describe('per-post figures read back daily (fake Graph API and YouTube)', () => {
  const fakes = useSocialFakes('post-figures');
  let app: TestApp;
  let key = 0;

  beforeEach(async () => {
    fakes.meta.clearInsights();
    app = await createTestApp(fakes.env());
    app.clock.set('2026-11-26T09:00:00Z');
    for (const line of fakes.connectLines()) expect((await app.say(line)).tone).toBe('success');
  });
  afterEach(async () => {
    await app.cleanup();
  });

  async function published(channel: string, externalId: string, daysAgo: number) {
    const ws = await app.services.db.workspace.findFirstOrThrow({ where: { externalId: 'T1' } });
    return app.services.db.scheduledPost.create({
      data: {
        workspaceId: ws.id,
        channel,
        status: 'published',
        externalId,
        content: 'x',
        publishAt: new Date(Date.parse('2026-11-26T09:00:00Z') - daysAgo * 86_400_000),
        idempotencyKey: `pf-${key++}`,
      },
    });
  }
  const figures = async (id: number) =>
    app.services.db.scheduledPost.findUniqueOrThrow({
      where: { id },
      select: { impressions: true, engagements: true, metricsAt: true },
    });

  it('stores views and interactions of Facebook, Instagram and YouTube posts of the last 28 days', async () => {
    fakes.meta.posts.push({ pageId: PAGE, id: `${PAGE}_9001` }, { pageId: PAGE, id: `${PAGE}_9002` });
    fakes.meta.postFigures.set(`${PAGE}_9001`, { post_media_view: 1200, reactions: 40, comments: 7, shares: 3 });
    fakes.meta.postFigures.set(`${PAGE}_9002`, { post_media_view: 300, reactions: 2 });
    fakes.meta.media.push({ id: '17900001', igUserId: IG }, { id: '17900002', igUserId: IG });
    fakes.meta.postFigures.set('17900001', { views: 2000, reach: 1500, total_interactions: 130 });
    fakes.yt.addVideo('vid001', CHANNEL);
    fakes.yt.statistics.set('vid001', { viewCount: 900, likeCount: 45, commentCount: 5 });

    const fb1 = await published('facebook', `${PAGE}_9001`, 3);
    const fb2 = await published('facebook', `${PAGE}_9002`, 10);
    const ig1 = await published('instagram', '17900001', 1);
    const igNoData = await published('instagram', '17900002', 0.5);
    const yt = await published('youtube', 'vid001', 5);
    const old = await published('instagram', '17900001', 40);

    await app.jobs.runNow(POST_FIGURES_JOB);

    expect(await figures(fb1.id)).toMatchObject({ impressions: 1200, engagements: 50 });
    // No shares: Graph leaves `shares` out, which counts as none.
    expect(await figures(fb2.id)).toMatchObject({ impressions: 300, engagements: 2 });
    expect(await figures(ig1.id)).toMatchObject({ impressions: 2000, engagements: 130 });
    expect((await figures(ig1.id)).metricsAt?.toISOString()).toBe('2026-11-26T09:00:00.000Z');
    // Instagram has no figures for a new media yet (an empty data set): left unknown, not zero.
    expect(await figures(igNoData.id)).toEqual({ impressions: null, engagements: null, metricsAt: null });
    expect(await figures(yt.id)).toMatchObject({ impressions: 900, engagements: 50 });
    // Older than 28 days: not read again.
    expect(await figures(old.id)).toEqual({ impressions: null, engagements: null, metricsAt: null });
    expect(fakes.meta.insightQueries.length).toBeGreaterThan(0);
    for (const q of fakes.meta.insightQueries) expect(q).not.toMatch(DEPRECATED);
  });

  it('marks an account whose token is refused for reconnecting and still reads the others', async () => {
    fakes.meta.media.push({ id: '17900003', igUserId: IG });
    fakes.meta.postFigures.set('17900003', { views: 500, total_interactions: 20 });
    fakes.meta.posts.push({ pageId: PAGE, id: `${PAGE}_9003` });
    fakes.meta.postFigures.set(`${PAGE}_9003`, { post_media_view: 100, reactions: 1 });
    const ig = await published('instagram', '17900003', 2);
    const fb = await published('facebook', `${PAGE}_9003`, 2);
    fakes.meta.revoke(fakes.tokens.page);

    await app.jobs.runNow(POST_FIGURES_JOB);

    expect(await figures(ig.id)).toMatchObject({ impressions: 500, engagements: 20 });
    expect(await figures(fb.id)).toEqual({ impressions: null, engagements: null, metricsAt: null });
    const page = await app.services.db.integration.findFirstOrThrow({ where: { provider: 'facebook' } });
    expect(page.status).toBe('reauth');
  });

  it('leaves every post as it was when the network is rate limited, and reads it on the next run', async () => {
    fakes.meta.media.push({ id: '17900004', igUserId: IG });
    fakes.meta.postFigures.set('17900004', { views: 700, total_interactions: 35 });
    const ig = await published('instagram', '17900004', 2);
    fakes.meta.rateLimitInsights(1);
    await app.jobs.runNow(POST_FIGURES_JOB);
    expect(await figures(ig.id)).toMatchObject({ impressions: null });
    await app.jobs.runNow(POST_FIGURES_JOB);
    expect(await figures(ig.id)).toMatchObject({ impressions: 700, engagements: 35 });
    const account = await app.services.db.integration.findFirstOrThrow({ where: { provider: 'instagram' } });
    expect(account.status).toBe('ok');
  });

  it('figures read back feed /schedule best-times (the benchmark until there are enough)', async () => {
    fakes.meta.media.push({ id: '17900005', igUserId: IG });
    fakes.meta.postFigures.set('17900005', { views: 700, total_interactions: 35 });
    await published('instagram', '17900005', 2);
    await app.jobs.runNow(POST_FIGURES_JOB);
    const r = await app.say('/schedule best-times instagram');
    expect(textOf(r)).toContain('Figures have come back for only 1 post on Instagram so far');
    expect(textOf(r)).toContain('Sprout Social');
    const ar = await app.say('/schedule best-times instagram', identity({ locale: 'ar' }));
    expect(textOf(ar)).toContain('منشور واحد');
  });
});
