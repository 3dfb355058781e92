/**
 * Job roles' own weekly digests through the real Discord notifier (REST) against the local fake:
 * subscribed with Discord channel mentions (<#id>), posted once a week into each role's channel, the
 * role's people mentioned for real and only they allowed to be pinged, in an Arabic and an English
 * server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { runDueDigests } from '../../src/reporting/digest.js';
import { identity } from '../helpers/app.js';
import { discordApp, type PlatformApp, seedComments, seedFigures } from '../helpers/role-digests.js';

const ADMIN = '1180000000000004000';
const LINA = '1180000000000004001';
const OMAR = '1180000000000004002';
let platform: PlatformApp;

beforeAll(async () => {
  platform = await discordApp();
});
afterAll(() => platform?.stop());

/** A Discord server with an automation person (Omar) and a social media person (Lina). */
async function server(guild: string, lang: 'en' | 'ar', digest: string, automation: string) {
  const { app } = platform;
  const who = (user: string, name: string, admin = false) =>
    identity({ platform: 'discord', workspace: guild, user, name, admin });
  await app.say('/roles', who(ADMIN, 'Amal', true));
  await app.say('/roles', who(LINA, 'Lina'));
  await app.say('/roles', who(OMAR, 'Omar'));
  const admin = who(ADMIN, 'Amal', true);
  for (const line of [
    `/roles set <@${LINA}> job:social`,
    `/roles set <@!${OMAR}> automation`,
    `/config channel digest <#${digest}>`,
    `/digest subscribe automation <#${automation}>`,
    '/digest subscribe social',
    `/config lang ${lang}`,
  ]) {
    const r = await app.say(line, admin);
    expect(r.tone, `${line}: ${JSON.stringify(r.blocks)}`).not.toBe('error');
  }
  const ws = await app.services.db.workspace.findFirstOrThrow({ where: { externalId: guild } });
  await seedFigures(app, ws);
  await seedComments(app, ws);
}

const mentions = (message: string) =>
  (JSON.parse(message) as { allowed_mentions?: { users?: string[] } }).allowed_mentions;

describe('role digests in Discord', () => {
  it('posts each role its own message once a week, mentioning only its people, in both languages', async () => {
    await server('1180000000000000501', 'ar', '1180000000000005501', '1180000000000005502');
    await server('1180000000000000502', 'en', '1180000000000005601', '1180000000000005602');
    platform.app.clock.set('2026-11-30T09:00:00Z');
    const log = createLogger('silent');
    const sent = await Promise.all([
      runDueDigests(platform.app.services, log),
      runDueDigests(platform.app.services, log),
    ]);
    expect(sent[0] + sent[1]).toBe(6);
    expect(await runDueDigests(platform.app.services, log)).toBe(0);

    // Arabic: automation in its channel, social beside the main digest.
    const [email, ...more] = platform.posted('1180000000000005502');
    expect(more).toHaveLength(0);
    expect(email).toContain(`<@${OMAR}>`);
    expect(mentions(email ?? '{}')).toEqual({ parse: [], users: [OMAR] });
    expect(email).toContain('ملخص البريد والأتمتة الأسبوعي');
    expect(email).toContain('إلغاء الاشتراك مرتفع في Newsletter');
    const digestAr = platform.posted('1180000000000005501');
    expect(digestAr).toHaveLength(2);
    const socialAr = digestAr.find((m) => m.includes('ملخص وسائل التواصل الاجتماعي الأسبوعي')) ?? '{}';
    expect(mentions(socialAr)).toEqual({ parse: [], users: [LINA] });
    expect(socialAr).toContain('صُعّد إلى المديرين: 1.');
    const mainAr = digestAr.find((m) => m.includes('الملخص الأسبوعي:')) ?? '';
    expect(mainAr).toContain('جزء البريد والأتمتة (إلى Omar) يُرسل في رسالة أسبوعية مستقلة في');

    // English.
    const [emailEn] = platform.posted('1180000000000005602');
    expect(emailEn).toContain('Email and automation weekly digest');
    expect(emailEn).toContain('Unsubscribe rate');
    expect(mentions(emailEn ?? '{}')).toEqual({ parse: [], users: [OMAR] });
    const digestEn = platform.posted('1180000000000005601');
    expect(digestEn).toHaveLength(2);
    expect(digestEn.find((m) => m.includes('Social media weekly digest'))).toContain('Median time to handle');
  });
});
