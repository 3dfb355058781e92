import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dropIsolates } from '../../src/core/i18n.js';
import { createTestApp, identity, type TestApp, textOf } from '../helpers/app.js';

/** Two weeks (2026-11-12..25) of social, email, web and organic search figures. */
function csv(): string {
  const lines = [
    'date,channel,campaign,impressions,reach,clicks,engagements,emails_delivered,emails_opened,emails_clicked,conversions,sessions,engagement_seconds,new_users,returning_users,position',
  ];
  for (let i = 0; i < 14; i++) {
    const date = `2026-11-${String(12 + i).padStart(2, '0')}`;
    const late = i >= 7; // the digest's week
    lines.push(`${date},instagram,Winter menu,3000,1000,40,${late ? 60 : 40},,,,,,,,,`);
    lines.push(`${date},facebook,Promo,2000,1000,10,${late ? 5 : 8},,,,,,,,,`);
    lines.push(`${date},email,Newsletter,,,,,1000,${late ? 180 : 300},40,3,,,,,`);
    lines.push(`${date},email,Welcome,,,,,300,150,45,2,,,,,`);
    lines.push(`${date},web,,,,,,,,,,200,${late ? 24000 : 20000},120,${late ? 80 : 60},`);
    lines.push(`${date},organic-search,,${late ? 5000 : 4000},,${late ? 150 : 100},,,,,,,,,,${late ? 8.5 : 12.5}`);
  }
  return lines.join('\n');
}

describe('the digest parts for job roles', () => {
  let app: TestApp;
  const admin = identity({ user: 'U0ADMIN', name: 'Amal' });
  beforeEach(async () => {
    app = await createTestApp();
    app.clock.set('2026-11-20T09:00:00Z');
    await app.say('/roles', admin);
    const ws = await app.services.db.workspace.findFirstOrThrow();
    const r = await app.services.metrics.importCsv(ws, csv());
    expect(r.ok).toBe(true);
    await app.services.db.plan.create({
      data: {
        workspaceId: ws.id,
        name: 'Winter',
        goal: 'sales',
        budgetSplit: [
          { channel: 'instagram', amountMinor: 100000 },
          { channel: 'facebook', amountMinor: 50000 },
        ],
        kpiTargets: [{ kpi: 'open_rate', target: 25 }],
      },
    });
    // Next week (Thu 26 Nov .. Wed 2 Dec): Instagram on Friday and Monday only.
    for (const [i, at] of ['2026-11-27T09:00:00Z', '2026-11-30T09:00:00Z'].entries()) {
      await app.services.db.scheduledPost.create({
        data: {
          workspaceId: ws.id,
          channel: 'instagram',
          content: 'x',
          publishAt: new Date(at),
          idempotencyKey: `k${i}`,
        },
      });
    }
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
    expect(out).toContain('No post on Thursday, Saturday, Sunday, Tuesday, Wednesday.');
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
