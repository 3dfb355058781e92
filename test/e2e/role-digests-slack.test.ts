/**
 * Job roles' own weekly digests through the real Slack notifier against the local fake: subscribed
 * in Slack's own syntax (<#C…|name>), posted once a week into each role's channel, the role's
 * people mentioned for real, in an English and an Arabic workspace.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { runDueDigests } from '../../src/reporting/digest.js';
import { identity } from '../helpers/app.js';
import { seedComments, seedFigures } from '../helpers/role-digests.js';
import { slackApp } from '../helpers/slack-app.js';

let platform: Awaited<ReturnType<typeof slackApp>>;

beforeAll(async () => {
  platform = await slackApp();
  // Slack channel ids are letters and digits.
  for (const id of ['C0DIGEST', 'C0DIGESTAR', 'C0SEO', 'C0SEOAR', 'C0SOCIAL']) {
    platform.fake.channels.set(id, { id, name: id.toLowerCase(), member: true });
  }
});
afterAll(() => platform?.stop());

/** A Slack workspace with an SEO person (Omar) and a social media person (Lina), figures and comments. */
async function team(workspace: string, lang: 'en' | 'ar', digest: string, seo: string, social?: string) {
  const { app } = platform;
  const admin = identity({ workspace, user: 'U0ADMIN', name: 'Amal' });
  await app.say('/roles', admin);
  for (const [user, name] of [
    ['U1LINA', 'Lina'],
    ['U2OMAR', 'Omar'],
  ]) {
    await app.say('/roles', identity({ workspace, user, name, admin: false }));
  }
  const said = [
    await app.say('/roles set <@U1LINA|lina> job:social', admin),
    await app.say('/roles set <@U2OMAR|omar> seo', admin),
    await app.say(`/config channel digest <#${digest}>`, admin),
    await app.say(`/digest subscribe seo <#${seo}|seo-team>`, admin),
    await app.say(`/digest subscribe social${social ? ` channel:<#${social}>` : ''}`, admin),
    await app.say(`/config lang ${lang}`, admin),
  ];
  for (const r of said) expect(r.tone, JSON.stringify(r.blocks)).not.toBe('error');
  const ws = await app.services.db.workspace.findFirstOrThrow({ where: { externalId: workspace } });
  await seedFigures(app, ws);
  await seedComments(app, ws);
}

describe('role digests in Slack', () => {
  it('posts each role its own message once a week, mentioning its people, in both languages', async () => {
    await team('T-EN', 'en', 'C0DIGEST', 'C0SEO', 'C0SOCIAL');
    await team('T-AR', 'ar', 'C0DIGESTAR', 'C0SEOAR');
    platform.app.clock.set('2026-11-30T09:00:00Z');
    const log = createLogger('silent');
    const sent = await Promise.all([
      runDueDigests(platform.app.services, log),
      runDueDigests(platform.app.services, log),
    ]);
    expect(sent[0] + sent[1]).toBe(6);
    expect(await runDueDigests(platform.app.services, log)).toBe(0);

    // English: SEO and social each in their own channel, the main digest in the digest channel.
    const [seo, ...moreSeo] = platform.posted('C0SEO');
    expect(moreSeo).toHaveLength(0);
    expect(seo).toContain('<@U2OMAR>');
    expect(seo).not.toContain('<@U1LINA>');
    expect(seo).toContain('SEO weekly digest');
    expect(seo).toContain('Organic search: 1,050 clicks');
    const [social] = platform.posted('C0SOCIAL');
    expect(social).toContain('<@U1LINA>');
    expect(social).toContain('Oldest unhandled: Sam on Instagram');
    const main = platform.posted('C0DIGEST');
    expect(main).toHaveLength(1);
    expect(main[0]).toContain('The SEO part (for Omar) is sent as its own weekly message in #C0SEO.');
    expect(main[0]).not.toContain('<@U2OMAR>');

    // Arabic: SEO in its channel; social in the digest channel, beside the main digest.
    const [seoAr] = platform.posted('C0SEOAR');
    expect(seoAr).toContain('<@U2OMAR>');
    expect(seoAr).toContain('ملخص تحسين محركات البحث الأسبوعي');
    expect(seoAr).toContain('نقرات البحث المجاني');
    const digestAr = platform.posted('C0DIGESTAR');
    expect(digestAr).toHaveLength(2);
    const socialAr = digestAr.find((m) => m.includes('ملخص وسائل التواصل الاجتماعي الأسبوعي')) ?? '';
    expect(socialAr).toContain('<@U1LINA>');
    expect(socialAr).toContain('تنبيهات هذا الأسبوع: عاجلة');
    const mainAr = digestAr.find((m) => m.includes('الملخص الأسبوعي:')) ?? '';
    expect(mainAr).toContain('يُرسل في رسالة أسبوعية مستقلة في هذه القناة');
  });
});
