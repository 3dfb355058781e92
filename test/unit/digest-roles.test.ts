import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dropIsolates } from '../../src/core/i18n.js';
import { createTestApp, identity, type TestApp, textOf } from '../helpers/app.js';
import { seedFigures } from '../helpers/role-digests.js';

describe('the digest parts for job roles', () => {
  let app: TestApp;
  const admin = identity({ user: 'U0ADMIN', name: 'Amal' });
  beforeEach(async () => {
    app = await createTestApp();
    app.clock.set('2026-11-20T09:00:00Z');
    await app.say('/roles', admin);
    await seedFigures(app, await app.services.db.workspace.findFirstOrThrow());
  });
  afterEach(() => app.cleanup());

  it('leaves the parts out when nobody has a job role', async () => {
    app.clock.set('2026-11-26T10:00:00Z');
    const r = await app.say('/digest preview', admin);
    expect(textOf(r)).not.toContain('Content:');
    expect(r.mention).toBeUndefined();
  });

  it('gives content, automation and SEO people their part, by name, and mentions them', async () => {
    for (const [user, name, roles] of [
      ['U1LINA', 'Lina', 'content'],
      ['U2OMAR', 'Omar', 'automation,seo'],
    ] as const) {
      await app.say('/roles', identity({ user, name, admin: false }));
      await app.say(`/roles set <@${user}> ${roles}`, admin);
    }
    app.clock.set('2026-11-26T10:00:00Z');
    const r = await app.say('/digest preview', admin);
    const out = textOf(r).replace(/\u00a0/g, ' ');
    expect(r.mention?.map((p) => p.name).sort()).toEqual(['Lina', 'Omar']);
    expect(out).toContain('Content: Lina');
    expect(out).toContain('Scheduled for next week: Instagram 2.');
    expect(out).toContain('No post on Thursday, Saturday, Sunday, Tuesday and Wednesday.');
    expect(out).toContain('Nothing scheduled on Facebook, which the plan funds.');
    // Instagram 60/1000 = 6%, Facebook 5/1000 = 0.5% this week.
    expect(out).toContain('Best engagement: Winter menu on Instagram, 6');
    expect(out).toContain('Weakest: Promo on Facebook, 0.5');
    // Dwell 24000/200 s per session, up 20%; returning 80/200 = 40%, was 60/180.
    expect(out).toContain('Site: 120 s per session (▲ +20%), returning visitors 40% (▲ +20%).');
    expect(out).toContain('Email and automation: Omar');
    expect(out).toContain('Newsletter: opens 18');
    expect(out).toContain('Needs attention: Newsletter, open rate 18');
    expect(out).toContain('against a target of 25');
    expect(out).toContain('SEO: Omar');
    expect(out).toMatch(
      /Organic search: 1,050 clicks \(▲ \+50(\.0)?%\), 35,000 impressions, average position 8\.5 \(was 12\.5\)/,
    );
  });

  it('speaks Arabic to an Arabic workspace', async () => {
    await app.say('/roles', identity({ user: 'U1LINA', name: 'Lina', admin: false }));
    await app.say('/roles set <@U1LINA> content,automation', admin);
    await app.say('/config lang ar', admin);
    app.clock.set('2026-11-26T10:00:00Z');
    const out = dropIsolates(textOf(await app.say('/digest preview', admin)));
    expect(out).toContain('المحتوى: Lina');
    expect(out).toContain('المجدول للأسبوع القادم: إنستغرام 2.');
    expect(out).toContain('لا شيء مجدول على فيسبوك مع أن الخطة تموّلها.');
    expect(out).toContain('البريد والأتمتة: Lina');
    expect(out).toContain('(الهدف لمعدل الفتح');
    expect(out).not.toContain('لـ');
  });
});
