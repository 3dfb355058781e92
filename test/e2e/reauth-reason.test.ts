/**
 * Why an account needs connecting again reads in the reader's language (src/workspace/integrations.ts
 * `reauthReason`): the bot's own reasons by their code, the network's words quoted, rows stored as
 * plain English text before reasons were coded quoted too. Shown by /connect status and /home, and in
 * the metrics pull's notice; a post refused because of it quotes only the network's words.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { METRICS_PULL_JOB } from '../../src/reporting/feature.js';
import { createTestApp, type TestApp, textOf as withIsolates } from '../helpers/app.js';
import { allowedLatin, latinWords } from '../helpers/arabic.js';
import { dispatcherFor } from '../helpers/linkedin.js';
import { PAGE, useSocialFakes } from '../helpers/social-fakes.js';

/** A reply's text as read: the direction isolates around names and quotes left out. */
const textOf = (r: Parameters<typeof withIsolates>[0]) => withIsolates(r).replace(/[\u2068\u2069]/g, '');

/** English words outside what the network wrote (quoted «…») and what the reader types. */
function english(text: string): string[] {
  const ok = allowedLatin();
  return latinWords(text.replace(/«[^»]*»/g, ' ')).filter((w) => !ok.has(w.toLowerCase()));
}

describe('the reason an account needs reconnecting, in the reader’s language', () => {
  const fakes = useSocialFakes('reauth-reason');
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp(fakes.env());
    app.clock.set('2026-11-26T09:00:00Z');
    expect((await app.say('/config lang ar')).tone).toBe('success');
  });
  afterEach(async () => {
    await app.cleanup();
  });

  const workspace = () => app.services.db.workspace.findFirstOrThrow({ where: { externalId: 'T1' } });
  const facebook = () => app.services.db.integration.findFirstOrThrow({ where: { provider: 'facebook' } });

  it('credentials that no longer open: the bot’s own reason, by its code, in Arabic and then in English', async () => {
    const ws = await workspace();
    await app.services.db.integration.create({
      data: { workspaceId: ws.id, provider: 'facebook', accountId: '111', credentials: 'not-sealed', status: 'ok' },
    });
    const status = textOf(await app.say('/connect status'));
    expect(status).toContain('تعذّر فك تشفير بيانات الاتصال المحفوظة بالمفتاح الحالي');
    expect(english(status)).toEqual([]);
    expect(JSON.parse((await facebook()).statusMessage ?? '')).toEqual({ code: 'credentialsUnreadable' });
    const home = textOf(await app.say('/home'));
    expect(home).toContain('تعذّر فك تشفير بيانات الاتصال المحفوظة');
    expect(english(home)).toEqual([]);
    // Rendered when shown: the same row reads in English once the workspace switches.
    await app.say('/config lang en');
    expect(textOf(await app.say('/connect status'))).toContain('The stored credentials cannot be decrypted');
  });

  it('a row stored as plain text before reasons were coded is quoted as it was written', async () => {
    const ws = await workspace();
    await app.services.db.integration.create({
      data: {
        workspaceId: ws.id,
        provider: 'facebook',
        accountId: '111',
        credentials: 'x',
        status: 'reauth',
        statusMessage: 'X refused the token (401)',
      },
    });
    const status = textOf(await app.say('/connect status'));
    expect(status).toContain('نص الخطأ كما ورد: «X refused the token (401)»');
    expect(english(status)).toEqual([]);
  });

  it('a token refused by the metrics pull: the notice and /connect status say why in Arabic', async () => {
    expect((await app.say(`/connect facebook account:${PAGE} token:${fakes.tokens.page}`)).tone).toBe('success');
    fakes.meta.revoke(fakes.tokens.page);
    await app.jobs.runNow(METRICS_PULL_JOB);
    const row = await facebook();
    expect(row.status).toBe('reauth');
    // Stored as a reason (the network's words inside), not as the error's English sentence.
    expect(JSON.parse(row.statusMessage ?? '')).toHaveProperty('detail');
    const notice = app.recorder.notices.find((n) => n.reply.title?.includes('تجديد الاتصال'));
    const said = textOf(notice?.reply ?? { blocks: [] });
    expect(said).toContain('يجب تجديد الاتصال بـ فيسبوك');
    expect(said).toContain('نص الخطأ كما ورد');
    expect(english(said)).toEqual([]);
    const status = textOf(await app.say('/connect status'));
    expect(status).toContain('نص الخطأ كما ورد');
    expect(status).not.toContain('{"');
    expect(english(status)).toEqual([]);
  });

  it('a post refused by the network marks the account with its words; the next post quotes them, not the stored form', async () => {
    const dispatcher = dispatcherFor(app);
    await app.say(`/connect facebook account:${PAGE} token:${fakes.tokens.page}`);
    await app.say('/schedule facebook in 10 minutes | أول منشور');
    fakes.meta.revoke(fakes.tokens.page);
    app.clock.advance(10 * 60_000);
    await dispatcher.tick();
    const row = await facebook();
    expect(row.status).toBe('reauth');
    expect(row.statusMessage?.startsWith('{')).toBe(true);
    await app.say('/schedule facebook in 10 minutes | ثاني منشور');
    app.clock.advance(10 * 60_000);
    await dispatcher.tick();
    const second = await app.services.db.scheduledPost.findFirstOrThrow({ where: { content: 'ثاني منشور' } });
    expect(second.status).toBe('failed');
    const shown = textOf(await app.say(`/schedule show ${second.id}`));
    expect(shown).toContain('يجب تجديد الاتصال بـ');
    expect(shown).not.toContain('{"');
    expect(english(shown)).toEqual([]);
  });
});
