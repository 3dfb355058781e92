import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bestTimes, type FiguredPost, nextBestSlot } from '../../src/publishing/performance/best-times.js';
import { createTestApp, identity, type TestApp, textOf } from '../helpers/app.js';

const NOW = new Date('2026-12-02T09:00:00Z'); // a Wednesday, 12:00 in Riyadh
const ZONE = 'Asia/Riyadh';

/** `weeks` weeks of posts at three local hours: Sunday 20:00 does best, Tuesday 09:00 worst. */
function history(weeks: number): FiguredPost[] {
  const out: FiguredPost[] = [];
  for (let w = 1; w <= weeks; w++) {
    const base = Date.parse('2026-12-02T09:00:00Z') - w * 7 * 86_400_000;
    // Sunday 20:00 Riyadh = Sunday 17:00 UTC: three days before Wednesday.
    out.push({ publishAt: new Date(base - 3 * 86_400_000 + 8 * 3_600_000), impressions: 1000, engagements: 60 });
    // Monday 18:00 Riyadh = 15:00 UTC.
    out.push({ publishAt: new Date(base - 2 * 86_400_000 + 6 * 3_600_000), impressions: 2000, engagements: 80 });
    // Tuesday 09:00 Riyadh = 06:00 UTC.
    out.push({ publishAt: new Date(base - 1 * 86_400_000 - 3 * 3_600_000), impressions: 1500, engagements: 15 });
  }
  return out;
}

describe('bestTimes', () => {
  it('ranks own weekday-hours by engagement rate once there are 30 posts over 8 weeks', () => {
    const best = bestTimes('instagram', history(10), NOW, ZONE);
    if (best.kind !== 'own') throw new Error(best.kind);
    expect(best.slots.map((s) => [s.weekday, s.hour, s.posts, Number(s.rate.toFixed(3))])).toEqual([
      [7, 20, 10, 0.06],
      [1, 18, 10, 0.04],
      [2, 9, 10, 0.01],
    ]);
    expect(best.posts).toBe(30);
    expect(best.weeks).toBe(10);
  });

  it('uses the benchmark with too few posts or weeks, or hours too thin, and says which', () => {
    expect(bestTimes('instagram', history(10).slice(0, 29), NOW, ZONE)).toMatchObject({
      kind: 'benchmark',
      why: { kind: 'fewPosts', posts: 29 },
    });
    const dense = history(7).flatMap((p) => [p, { ...p, publishAt: new Date(p.publishAt.getTime() + 60_000) }]);
    expect(bestTimes('instagram', dense, NOW, ZONE)).toMatchObject({
      kind: 'benchmark',
      why: { kind: 'fewWeeks', weeks: 7, posts: 42 },
    });
    const thin = Array.from({ length: 40 }, (_, i) => ({
      publishAt: new Date(NOW.getTime() - (i * 2 + 1) * 86_400_000 - i * 3_600_000),
      impressions: 100,
      engagements: 5,
    }));
    expect(bestTimes('instagram', thin, NOW, ZONE)).toMatchObject({ kind: 'benchmark', why: { kind: 'thinHours' } });
    // No published benchmark for Facebook: said so rather than invented.
    expect(bestTimes('facebook', [], NOW, ZONE)).toMatchObject({ kind: 'none', why: { kind: 'fewPosts', posts: 0 } });
    // Posts without views do not count.
    const blind = history(10).map((p) => ({ ...p, impressions: 0 }));
    expect(bestTimes('instagram', blind, NOW, ZONE)).toMatchObject({ why: { kind: 'fewPosts', posts: 0 } });
  });

  it('gives the next best slot after a time, in the workspace zone', () => {
    const own = bestTimes('instagram', history(10), NOW, ZONE);
    // Wednesday 12:00 Riyadh: the next top hour is Sunday 20:00 (17:00 UTC) on the 6th.
    expect(nextBestSlot(own, NOW, ZONE)?.toISOString()).toBe('2026-12-06T17:00:00.000Z');
    // Exactly at a slot's start: the next one, not the same instant.
    expect(nextBestSlot(own, new Date('2026-12-06T17:00:00Z'), ZONE)?.toISOString()).toBe('2026-12-07T15:00:00.000Z');
    const bench = bestTimes('instagram', [], NOW, ZONE);
    // Benchmark windows: Fri 09:00 is the next start after Wednesday noon (06:00 UTC on the 4th).
    expect(nextBestSlot(bench, NOW, ZONE)?.toISOString()).toBe('2026-12-04T06:00:00.000Z');
    expect(nextBestSlot(bestTimes('facebook', [], NOW, ZONE), NOW, ZONE)).toBeUndefined();
  });
});

describe('/schedule best-times', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp();
    app.clock.set(NOW.toISOString());
    await app.say('/config timezone Asia/Riyadh');
  });
  afterEach(async () => {
    await app.cleanup();
  });

  async function seed(posts: FiguredPost[], channel = 'instagram') {
    const ws = await app.services.db.workspace.findFirstOrThrow({ where: { externalId: 'T1' } });
    let n = 0;
    for (const p of posts) {
      await app.services.db.scheduledPost.create({
        data: {
          workspaceId: ws.id,
          channel,
          status: 'published',
          content: 'x',
          externalId: `m${n}`,
          idempotencyKey: `bt-${channel}-${n++}`,
          ...p,
          metricsAt: NOW,
        },
      });
    }
  }

  it('shows own top hours with their rates and sample sizes, and the next of them', async () => {
    await seed(history(10));
    const r = await app.say('/schedule best-times instagram');
    const shown = textOf(r);
    expect(r.title).toBe('Best times to post on Instagram');
    expect(shown).toContain('From your own 30 posts on Instagram over 10 weeks');
    expect(shown).toContain('Your average is 3.4%.');
    expect(shown).toContain('1 | Sunday 20:00–21:00 | 6.0% | 10 | 1,000');
    expect(shown).toContain('3 | Tuesday 09:00–10:00 | 1.0% | 10 | 1,500');
    expect(shown).toContain('The next of these: Sun, 6 Dec 2026, 20:00');
    expect(shown).toContain('Hours with fewer than 3 posts are not ranked');
  });

  it('says in Arabic why it shows the benchmark, with its source', async () => {
    await seed(history(10).slice(0, 12));
    const r = await app.say('/schedule best-times instagram', identity({ locale: 'ar' }));
    const shown = textOf(r);
    expect(r.title).toBe('أفضل أوقات النشر على إنستغرام');
    expect(shown).toMatch(/لم تصل الأرقام حتى الآن إلا لـ.?12.? منشورًا على إنستغرام/);
    expect(shown).toMatch(/إلى .?30.? منشورًا على الأقل خلال .?8.? أسابيع/);
    expect(shown).toContain('الثلاثاء');
    expect(shown).toContain('Sprout Social');
  });

  it('says when a network has no figures and no study to cite, without a "0 posts"', async () => {
    const en = textOf(await app.say('/schedule best-times facebook'));
    expect(en).toContain(
      'No post on Facebook has figures yet; your own best times need at least 30 posts over 8 weeks.',
    );
    expect(en).toContain('There is no published study with hourly figures for Facebook');
    expect(en).not.toMatch(/\b0 posts/);
    const ar = textOf(await app.say('/schedule best-times facebook', identity({ locale: 'ar' })));
    expect(ar).toContain('لا أرقام بعد لأي منشور على فيسبوك');
    expect(ar).toContain('لا توجد دراسة منشورة بأرقام لكل ساعة عن فيسبوك');
  });

  it('refuses a network whose posts it cannot read back, in the reader language', async () => {
    const r = await app.say('/schedule best-times mailchimp');
    expect(r.tone).toBe('error');
    const ar = await app.say('/schedule best-times', identity({ locale: 'ar' }));
    expect(ar.tone).toBe('error');
  });
});
