import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_DAYS, demoRows, demoWords, seedDemo } from '../../src/reporting/demo.js';
import { createTestApp, type TestApp, textOf } from '../helpers/app.js';

describe('mktbot demo', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp();
  });
  afterEach(async () => {
    await app.cleanup();
  });

  it('is deterministic and realistic', () => {
    const a = demoRows('2026-11-26', 2);
    expect(demoRows('2026-11-26', 2)).toEqual(a);
    expect(new Set(a.map((r) => r.date)).size).toBe(DEMO_DAYS);
    for (const r of a) {
      expect(r.clicks).toBeLessThanOrEqual(r.impressions || r.emailsDelivered);
      expect(r.conversions).toBeLessThanOrEqual(Math.max(r.clicks, r.sessions));
      expect(r.emailsOpened).toBeLessThanOrEqual(r.emailsDelivered);
    }
  });

  it('seeds the workspace again without duplicates and keeps other data', async () => {
    await app.say('/config');
    const ws = await app.services.db.workspace.findFirstOrThrow();
    await app.services.metrics.importCsv(ws, 'date,channel,spend\n2026-11-01,tiktok,5\n');
    const first = await seedDemo(app.services.db, ws, app.clock.now());
    const counts = async () => ({
      metrics: await app.services.db.metricDaily.count(),
      plans: await app.services.db.plan.count(),
      campaigns: await app.services.db.campaign.count(),
      comments: await app.services.db.comment.count(),
    });
    const once = await counts();
    expect(once.metrics).toBe(first.rows + 1);
    await seedDemo(app.services.db, ws, app.clock.now());
    expect(await counts()).toEqual(once);
    expect(await app.services.db.metricDaily.count({ where: { channel: 'tiktok' } })).toBe(1);
    expect(first).toMatchObject({ from: '2026-08-29', to: '2026-11-26' });
  });

  it('an Arabic workspace gets an Arabic demo with the same figures', async () => {
    await app.say('/config lang ar');
    const ws = await app.services.db.workspace.findFirstOrThrow();
    const seeded = await seedDemo(app.services.db, ws, app.clock.now());
    expect(seeded.plan).toBe('خطة تجريبية: نمو الخريف');
    const names = async () =>
      [
        ...(await app.services.db.plan.findMany()).map((p) => [p.name, p.product, p.bestMethod]),
        ...(await app.services.db.campaign.findMany()).map((c) => [c.name]),
        ...(await app.services.db.comment.findMany()).map((c) => [c.text]),
      ].flat();
    for (const name of await names()) expect(name ?? '').not.toMatch(/[A-Za-z]/);
    const campaigns = await app.services.db.metricDaily.findMany({
      distinct: ['campaign'],
      select: { campaign: true },
    });
    expect(campaigns.map((c) => c.campaign).sort()).toEqual(
      ['', 'إطلاق الخريف', 'البحث الدائم', 'النشرة البريدية', 'فيديو العلامة التجارية'].sort(),
    );
    // The same figures as the English demo: only the names differ.
    const strip = (rows: ReturnType<typeof demoRows>) => rows.map(({ campaign: _, ...r }) => r);
    expect(strip(demoRows('2026-11-26', 2, 42, demoWords('ar')))).toEqual(strip(demoRows('2026-11-26', 2)));
    const report = textOf(await app.say('/report 30d'));
    expect(report).toContain('خطة تجريبية: نمو الخريف');
    // A list as a sentence says it: «… وفيسبوك وإنستغرام والبريد الإلكتروني», never a bare comma list.
    expect(report.replace(/[\u2068\u2069]/g, '')).toContain(
      'تُقاس الأهداف على إعلانات Google وفيسبوك وإنستغرام والبريد الإلكتروني',
    );
    // Its commenters have names and their comments a language: no «غير معروف» or «أخرى» in an alert.
    const alerts = textOf(await app.say('/alerts'));
    expect(alerts).toContain('عبدالله');
    expect(alerts).not.toContain('غير معروف');

    // Switching back to English and seeding again leaves no Arabic campaign behind.
    await app.say('/config lang en');
    await seedDemo(app.services.db, await app.services.db.workspace.findFirstOrThrow(), app.clock.now());
    expect((await app.services.db.campaign.findMany()).map((c) => c.name).sort()).toEqual(
      ['Always-on Search', 'Autumn Launch', 'Brand Video', 'Newsletter'].sort(),
    );
    expect(await app.services.db.plan.count()).toBe(2);
  });

  it('gives /report and the digest something real to show', async () => {
    await app.say('/config');
    const ws = await app.services.db.workspace.findFirstOrThrow();
    await seedDemo(app.services.db, ws, app.clock.now());
    const report = textOf(await app.say('/report 30d'));
    expect(report).toContain('Goals of the plan "Demo: Autumn growth plan"');
    expect(report).toContain('Goals are measured on Google Ads, Facebook, Instagram and Email');
    // The demo plan's split is by network: /plan show lists it, named, with its shares.
    const plan = await app.services.db.plan.findFirstOrThrow({ where: { name: 'Demo: Autumn growth plan' } });
    const shown = textOf(await app.say(`/plan show ${plan.id}`));
    expect(shown).toContain('Focus channel: Google Ads');
    expect(shown).toContain('Google Ads | USD 14,000 | 40%');
    expect(shown).toContain('Email marketing | USD 3,000 | 8.6%');
    // The budget is what its split adds up to: no contradiction between the two figures.
    expect(shown).toContain('Budget: USD 35,000');
    // Its KPI targets, the ones /report judges it by.
    expect(shown).toContain('Return on ad spend (ROAS): at least 3x');
    expect(shown).toContain('Cost per acquisition (CPA): at most USD 25');
    // The brand video belongs to an awareness plan: never ranked or moved by ROAS (issue 19.5).
    expect(report).toMatch(/Weakest channel: (?!YouTube)/);
    expect(report).not.toMatch(/from YouTube \(ROAS/);
    expect(report).toContain('Move about');
    const digest = await app.say('/digest');
    expect(digest.blocks.some((b) => b.kind === 'image')).toBe(true);
    expect(textOf(digest)).toContain('2 open alerts');
  });
});
