/**
 * Job roles with their own weekly digest: /digest subscribe, unsubscribe and subscriptions (checked,
 * manager-only, in both languages), each role's message and what it says, the main digest's pointer
 * instead of the part, and once a week per role with two runs at once.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dropIsolates } from '../../src/core/i18n.js';
import { createLogger } from '../../src/log.js';
import { m as partMessages } from '../../src/reporting/analysis/role-parts.js';
import { runDueDigests } from '../../src/reporting/digest.js';
import { createTestApp, identity, type TestApp, textOf } from '../helpers/app.js';
import { seedComments, seedFigures } from '../helpers/role-digests.js';

const admin = identity({ user: 'U0ADMIN', name: 'Amal' });
const lina = identity({ user: 'U1LINA', name: 'Lina', admin: false });
const log = createLogger('silent');

describe('job roles with their own weekly digest', () => {
  let app: TestApp;
  const stored = async () => (await app.services.db.workspace.findFirstOrThrow()).roleDigests;
  const say = async (line: string, who = admin) => dropIsolates(textOf(await app.say(line, who)));

  beforeEach(async () => {
    app = await createTestApp();
    app.clock.set('2026-11-20T09:00:00Z');
    await app.say('/roles', admin);
    const ws = await app.services.db.workspace.findFirstOrThrow();
    await seedFigures(app, ws);
    await seedComments(app, ws);
    for (const [who, roles] of [
      [lina, 'content,social'],
      [identity({ user: 'U2OMAR', name: 'Omar', admin: false }), 'automation,seo'],
    ] as const) {
      await app.say('/roles', who);
      await app.say(`/roles set <@${who.user.externalId}> ${roles}`, admin);
    }
  });
  afterEach(() => app.cleanup());

  it('a manager subscribes, lists and unsubscribes; bad input changes nothing, in both languages', async () => {
    expect(await say('/digest subscriptions')).toContain('No job role has its own weekly digest');
    const audits = () => app.services.db.auditLog.count({ where: { action: 'config.set' } });
    expect(await say('/digest subscribe seo <#C0SEO|seo-team>')).toContain(
      'The SEO part of the digest is now sent as its own weekly message in #C0SEO',
    );
    expect(await say('/digest subscribe social')).toContain('in the digest channel');
    expect(await stored()).toEqual({ seo: 'C0SEO', social: '' });
    const before = await audits();
    expect(await say('/digest subscribe social')).toContain(
      'already sent as its own weekly message in the digest channel; nothing changed',
    );
    expect(await audits()).toBe(before);
    const listed = await say('/digest subscriptions', lina);
    expect(listed).toContain('seo (SEO): in #C0SEO, for Omar');
    expect(listed).toContain('social (Social media): in the digest channel, for Lina');

    // Refused, with the reason, and nothing stored.
    expect(await say('/digest subscribe marketing')).toContain('Expected one of: seo, content, social, automation');
    expect(await say('/digest subscribe seo channel:"two words"')).toContain('Expected a channel');
    expect(await say('/digest subscribe content', lina)).toContain('Only admins or managers');
    expect(await say('/digest unsubscribe content')).toContain('has no message of its own; nothing changed');
    const ar = { ...admin, locale: 'ar' as const };
    expect(await say('/digest subscribe marketing', ar)).toContain('القيمة «marketing» غير صالحة');
    expect(await say('/digest unsubscribe content', ar)).toBe(
      'ليس لجزء المحتوى رسالة مستقلة؛ لم يتغير شيء. اجعله يُرسل مستقلًا بالأمر /digest subscribe content.',
    );
    expect(await say('/digest subscribe seo', { ...lina, locale: 'ar' })).not.toMatch(/[A-Za-z]{4,}/);
    expect(await stored()).toEqual({ seo: 'C0SEO', social: '' });

    expect(await say('/digest unsubscribe seo', ar)).toBe(
      'عاد جزء تحسين محركات البحث إلى الملخص الرئيسي، ولم يعد يُرسل في رسالة مستقلة.',
    );
    expect(await stored()).toEqual({ social: '' });
    expect(await say('/digest subscriptions', ar)).toContain(
      'social (وسائل التواصل الاجتماعي): في قناة الملخص، إلى Lina',
    );
    // A role nobody holds yet says so as a sentence of its own, not "for nobody holds…".
    await say('/roles set <@U2OMAR> seo');
    await say('/digest subscribe automation');
    expect(await say('/digest subscriptions')).toContain(
      'automation (Email and automation): in the digest channel; nobody holds this job role yet (/roles set @person automation)',
    );
    expect(await say('/digest subscriptions', ar)).toMatch(/في قناة الملخص؛ ولا أحد يحمل هذا الدور بعد \(/);
  });

  it('sends each role its own message once a week, even with two runs at once; the main digest points to it', async () => {
    await say('/config channel digest #managers');
    await say('/digest subscribe seo #C0SEO');
    await say('/digest subscribe social');
    await say('/digest subscribe automation #email-team');
    // Monday 30 November 09:00 UTC, the default schedule: the week with data is 19..25 November.
    app.clock.set('2026-11-30T09:00:00Z');
    const sent = await Promise.all([runDueDigests(app.services, log), runDueDigests(app.services, log)]);
    expect(sent[0] + sent[1]).toBe(4);
    expect(await runDueDigests(app.services, log)).toBe(0);
    const runs = await app.services.db.digestRun.findMany({ orderBy: { period: 'asc' } });
    expect(runs.map((r) => [r.period, r.status])).toEqual([
      ['2026-W49', 'sent'],
      ['2026-W49:automation', 'sent'],
      ['2026-W49:seo', 'sent'],
      ['2026-W49:social', 'sent'],
    ]);
    const notices = app.recorder.notices.filter((n) => n.to === 'digest');
    expect(notices.map((n) => [n.reply.title?.split(':')[0], n.channel]).sort()).toEqual([
      ['Email and automation weekly digest', 'email-team'],
      ['SEO weekly digest', 'C0SEO'],
      ['Social media weekly digest', 'managers'],
      ['Weekly digest', 'managers'],
    ]);
    const main = notices.find((n) => n.reply.title?.startsWith('Weekly digest'))?.reply ?? { blocks: [] };
    const text = textOf(main);
    expect(text).toContain('The SEO part (for Omar) is sent as its own weekly message in #C0SEO.');
    expect(text).toContain('The Social media part (for Lina) is sent as its own weekly message in this channel.');
    expect(text).not.toContain('Organic search:');
    expect(text).not.toContain('Oldest unhandled');
    // Content has no message of its own: its part stays, addressed to Lina; Omar's roles all moved out.
    expect(text).toContain('Content: Lina');
    expect(main.mention).toEqual([{ id: 'U1LINA', name: 'Lina' }]);
    const seo = notices.find((n) => n.channel === 'C0SEO')?.reply;
    expect(seo?.mention).toEqual([{ id: 'U2OMAR', name: 'Omar' }]);

    // A role whose post fails is retried at the next tick, and only it.
    app.clock.set('2026-12-07T09:00:00Z');
    const post = app.recorder.post.bind(app.recorder);
    app.recorder.post = async (ws, to, reply) => {
      if (reply.title?.startsWith('SEO')) throw new Error('channel_not_found');
      return post(ws, to, reply);
    };
    expect(await runDueDigests(app.services, log)).toBe(3);
    app.recorder.post = post;
    expect(await runDueDigests(app.services, log)).toBe(1);
    expect(await runDueDigests(app.services, log)).toBe(0);
    expect(app.recorder.notices.filter((n) => n.channel === 'C0SEO')).toHaveLength(2);
  });

  it("each role's message carries the figures its people need", async () => {
    app.clock.set('2026-11-26T10:00:00Z');
    const seo = await say('/digest preview seo');
    expect(seo).toContain('SEO weekly digest: 19 – 25 Nov 2026 (7 days)');
    expect(seo).toContain('For Omar (SEO).');
    expect(seo).toContain('Organic search clicks: 1,050  ▲ +50%');
    expect(seo).toContain('Average search position: 8.5');
    expect(seo).toContain('Stop it with /digest unsubscribe seo');

    const content = await say('/digest preview content');
    expect(content).toContain('For Lina (Content).');
    expect(content).toContain('Dwell time per session: 120 s  ▲ +20%');
    expect(content).toContain('Scheduled for next week: Instagram 2.');

    // Newsletter: 49 of 7,000 delivered (0.7%); all email: 49 of 9,100 (0.54%), 14 of 9,100 the week before.
    const email = await say('/digest preview automation');
    expect(email).toContain('Unsubscribe rate: 0.54%  ▲ +250%');
    expect(email).toContain(
      'Newsletter: opens 18%, clicks 4%, click-to-open 22.2%, 21 conversions, unsubscribes 49 (0.7%)',
    );
    expect(email).toContain('Welcome: opens 50%, clicks 15%, click-to-open 30%, 14 conversions, unsubscribes 0 (0%)');
    expect(email).toContain(
      'Unsubscribes are high on Newsletter: 0.7% of its recipients unsubscribed, above 0.5% (twice the 0.25% most lists see).',
    );
    expect(email).not.toContain('Unsubscribes are high on Welcome');

    const social = await say('/digest preview social');
    expect(social).toContain('Alerts this week: 4  ▲ +300%');
    expect(social).toContain('Median time to handle: 2 hours');
    expect(social).toContain('Alerts this week: urgent 2, to review 2 (4 in all, against 1 the week before).');
    expect(social).toContain('Handled: 2 of 4, median time to handle 2 hours; replies sent through the bot: 1.');
    expect(social).toContain('Escalated to the managers: 1.');
    expect(social).toContain('Now: 2 open alerts; questions among them waiting for an answer: 1 (/alerts).');
    expect(social).toContain('Oldest unhandled: Sam on Instagram, waiting 4 days: “Do you deliver to Dammam?”');
  });

  it('counts rows stored under an old spelling of a channel, as /report does', async () => {
    app.clock.set('2026-11-26T10:00:00Z');
    const workspaceId = (await app.services.db.workspace.findFirstOrThrow()).id;
    // Written before channel names were normalised: organic_search is organic search, ga4 the website.
    await app.services.db.metricDaily.createMany({
      data: [
        { workspaceId, date: '2026-11-20', channel: 'organic_search', clicks: 70 },
        { workspaceId, date: '2026-11-20', channel: 'ga4', sessions: 200, engagementSeconds: 56_000 },
      ],
    });
    // 1,050 + 70 clicks against 700; (168,000 + 56,000) s over 1,400 + 200 sessions against 100 s.
    // The headline figure and the role's own line agreed only on new spellings (1,120 against 1,050).
    const seo = await say('/digest preview seo');
    expect(seo).toContain('Organic search clicks: 1,120  ▲ +60%');
    expect(seo).toContain('Organic search: 1,120 clicks (▲ +60%)');
    const content = await say('/digest preview content');
    expect(content).toContain('Dwell time per session: 140 s  ▲ +40%');
    expect(content).not.toMatch(/120 s/);
    await say('/config lang ar');
    const arabic = await say('/digest preview seo');
    expect(arabic).toContain('نقرات البحث المجاني: 1,120  ▲ +60%');
    expect(arabic).toContain('البحث المجاني: 1,120 نقرة (▲ +60%)');
    expect(await say('/digest preview content')).toContain('مدة البقاء لكل جلسة: 140 ث  ▲ +40%');
  });

  it('speaks Arabic to an Arabic workspace', async () => {
    await say('/config lang ar');
    app.clock.set('2026-11-26T10:00:00Z');
    const social = await say('/digest preview social');
    expect(social).toContain('ملخص وسائل التواصل الاجتماعي الأسبوعي');
    expect(social).toContain('إلى Lina (وسائل التواصل الاجتماعي).');
    expect(social).toContain('تنبيهات هذا الأسبوع: عاجلة 2، وللمراجعة 2 (المجموع 4 مقابل 1 في الأسبوع السابق).');
    expect(social).toContain('وكانت المدة الوسيطة حتى المعالجة ساعتين');
    expect(social).toContain('أقدمها دون معالجة: Sam على إنستغرام، ينتظر منذ 4 أيام: «Do you deliver to Dammam?»');
    const content = await say('/digest preview content');
    expect(content).toContain('لا منشور أيام الخميس والسبت والأحد والثلاثاء والأربعاء.');
    expect(content).toContain('لا شيء مجدول على فيسبوك مع أن الخطة تموّلها.');
    const email = await say('/digest preview automation');
    expect(email).toContain('معدل إلغاء الاشتراك: 0.54%');
    expect(email).toContain('إلغاء الاشتراك 49 (0.7%)');
    expect(email).toContain('إلغاء الاشتراك مرتفع في Newsletter: ألغى 0.7% من مستلميها اشتراكهم، فوق 0.5%');
    await say('/digest subscribe seo');
    const main = await say('/digest preview');
    expect(main).toContain('جزء تحسين محركات البحث (إلى Omar) يُرسل في رسالة أسبوعية مستقلة في هذه القناة.');
  });

  it("the report's totals carry unsubscribes", async () => {
    const ws = await app.services.db.workspace.findFirstOrThrow();
    const range = await app.services.reports.resolve(ws, '7d', new Date('2026-11-26T10:00:00Z'), 'UTC');
    if (typeof range === 'string') throw new Error(range);
    const d = await app.services.reports.build(ws, range);
    expect([d.totals.emailsUnsubscribed, d.previous.emailsUnsubscribed]).toEqual([49, 14]);
    expect(d.campaigns.find((c) => c.name === 'Newsletter')?.totals.emailsUnsubscribed).toBe(49);
  });

  it('names the days without a post as Arabic counts them: one day, two (the dual), several', () => {
    const gap = partMessages.ar.gapDays;
    expect(gap({ days: 'الخميس', count: 1 })).toBe('لا منشور يوم الخميس.');
    expect(gap({ days: 'الخميس والسبت', count: 2 })).toBe('لا منشور يومَي الخميس والسبت.');
    expect(gap({ days: 'الخميس والسبت والأحد', count: 3 })).toBe('لا منشور أيام الخميس والسبت والأحد.');
    expect(partMessages.en.gapDays({ days: 'Thursday and Saturday', count: 2 })).toBe(
      'No post on Thursday and Saturday.',
    );
  });
});
