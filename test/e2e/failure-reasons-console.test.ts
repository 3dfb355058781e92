/**
 * A network's refusal, end to end from the console of an Arabic workspace: the dispatcher fails at
 * once what cannot succeed on a retry, waits for the network's reset when it is a limit, and the
 * notice and /schedule list say why in Arabic (the network's words quoted), and in English after
 * switching the workspace's language.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Dispatcher } from '../../src/publishing/dispatcher.js';
import { FakeTiktok } from '../fakes/tiktok.js';
import { FakeX } from '../fakes/x.js';
import { createTestApp, identity, type TestApp, textOf } from '../helpers/app.js';
import { allowedLatin, latinWords } from '../helpers/arabic.js';
import { dispatcherFor } from '../helpers/linkedin.js';
import { seedTiktok, TT_TOKEN, TT_USER } from '../helpers/tiktok.js';
import { seedX, X_HANDLE, X_TOKEN } from '../helpers/x.js';

const ar = identity({ locale: 'ar' });
/** Without the direction isolates that wrap names and figures inside Arabic text. */
const plain = (s: string) => s.replace(/[\u2068\u2069]/g, '');

/** English words outside the network's own, which are quoted in «…». */
const englishIn = (s: string) => {
  const ok = allowedLatin();
  // The account's own handle is a name the team chose.
  ok.add('coldbrewco');
  return latinWords(s.replace(/«[^»]*»/g, '')).filter((w) => !ok.has(w.toLowerCase()));
};

describe('a network’s refusal, from an Arabic workspace', () => {
  const xapi = new FakeX();
  const tt = new FakeTiktok();
  let app: TestApp;
  let dispatcher: Dispatcher;

  beforeAll(async () => {
    await xapi.start();
    await tt.start();
    seedX(xapi);
    seedTiktok(tt);
  });
  afterAll(async () => {
    await xapi.close();
    await tt.close();
  });
  beforeEach(async () => {
    app = await createTestApp({ X_API_URL: xapi.url, TIKTOK_API_URL: tt.url, OUTBOUND_ALLOW_HOSTS: '127.0.0.1' });
    app.clock.set('2026-11-26T09:00:00Z');
    xapi.now = () => app.clock.now();
    xapi.posts.length = 0;
    dispatcher = dispatcherFor(app);
    await app.say('/config lang ar', ar);
  });
  afterEach(async () => {
    xapi.userDailyPosts = undefined;
    await app.cleanup();
  });

  const publishDue = async (minutes: number) => {
    app.clock.advance(minutes * 60_000);
    await dispatcher.tick();
  };
  const lastNotice = () => plain(textOf(app.recorder.notices.at(-1)?.reply ?? { blocks: [] }));

  it('the same text twice on X: failed at the first attempt, with why and what to do in Arabic', async () => {
    await app.say(`/connect x account:@${X_HANDLE} token:${X_TOKEN}`, ar);
    await app.say('/schedule x in 10 minutes | قهوتنا الباردة وصلت', ar);
    await app.say('/schedule x in 20 minutes | قهوتنا الباردة وصلت', ar);
    await publishDue(20);
    const rows = await app.services.db.scheduledPost.findMany({ orderBy: { id: 'asc' } });
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([
      ['published', 1],
      ['failed', 1],
    ]);
    const notice = lastNotice();
    // Titles name the network as the reader does, not by its id ("Published on x").
    const titles = app.recorder.notices.map((n) => plain(n.reply.title ?? ''));
    expect(titles).toEqual(['نُشر على إكس', 'فشل نشر المنشور #2 على إكس']);
    expect(notice).toContain('رفضت إكس المنشور لأن هذا الحساب نشر النص نفسه من قبل. غيّر صياغته قبل إعادة المحاولة.');
    expect(notice).toContain('«You are not allowed to create a Tweet with duplicate content.»');
    expect(englishIn(notice), notice).toEqual([]);
    const listed = plain(textOf(await app.say('/schedule list', ar)));
    expect(listed).toContain('نشر النص نفسه من قبل');
    expect(englishIn(listed), listed).toEqual([]);

    await app.say('/config lang en', ar);
    expect(textOf(await app.say('/schedule list', identity({ locale: 'en' })))).toContain(
      'X refused the post because this account already published the same text. Reword it before trying again.',
    );
  });

  it('X’s spent daily limit: the post waits for the reset X names, then goes out', async () => {
    await app.say(`/connect x account:@${X_HANDLE} token:${X_TOKEN}`, ar);
    xapi.userDailyPosts = 1;
    await app.say('/schedule x in 10 minutes | المنشور الأول', ar);
    await app.say('/schedule x in 20 minutes | المنشور الثاني', ar);
    await publishDue(10);
    await publishDue(10);
    const second = await app.services.db.scheduledPost.findFirstOrThrow({ where: { content: 'المنشور الثاني' } });
    expect(second.status).toBe('pending');
    // The first post went out at 09:10: the day's limit resets at 09:10 the next day.
    expect(second.nextAttemptAt?.toISOString()).toBe('2026-11-27T09:10:00.000Z');
    const shown = plain(textOf(await app.say(`/schedule show ${second.id}`, ar)));
    expect(shown).toContain('وقد بلغ هذا الحساب الحدّ');
    expect(englishIn(shown), shown).toEqual([]);
    // The calendar says when it goes next and why, not only that it is still scheduled.
    const listed = plain(textOf(await app.say('/schedule list', ar)));
    expect(listed).toMatch(/المحاولة التالية [^:]*27 نوفمبر[^:]* 09:10: تحدّ إكس من عدد المنشورات/);
    expect(englishIn(listed), listed).toEqual([]);
    await app.say('/config lang en', ar);
    expect(textOf(await app.say('/schedule list', identity({ locale: 'en' })))).toMatch(
      /next attempt [^:]*27 Nov[^:]* 09:10: X limits how many posts/,
    );
    await app.say('/config lang ar', identity({ locale: 'en' }));
    app.clock.set('2026-11-27T09:10:00Z');
    await dispatcher.tick();
    expect((await app.services.db.scheduledPost.findUniqueOrThrow({ where: { id: second.id } })).status).toBe(
      'published',
    );
  });

  it('a token X refuses: the notice says to reconnect once, with X’s words as the reason', async () => {
    await app.say(`/connect x account:@${X_HANDLE} token:${X_TOKEN}`, ar);
    await app.say('/schedule x in 10 minutes | رمز منتهي', ar);
    xapi.server.failNext('POST', /^\/2\/tweets$/, {
      status: 401,
      body: { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' },
    });
    await publishDue(10);
    const notice = lastNotice();
    expect(notice.match(/\/connect x/g)).toHaveLength(1);
    expect(notice).toContain('السبب: نص الخطأ كما ورد: «Unauthorized»');
    expect(englishIn(notice), notice).toEqual([]);
    // The post's own reason, read later in the list, says what to do.
    const listed = plain(textOf(await app.say('/schedule list', ar)));
    expect(listed).toContain('يجب تجديد الاتصال بـ إكس: على المسؤول تشغيل /connect x.');
  });

  it('a TikTok creator barred from posting fails at once, in Arabic, and is not tried again', async () => {
    await app.say(`/connect tiktok account:@${TT_USER} token:${TT_TOKEN}`, ar);
    tt.creator(TT_TOKEN).banned = true;
    try {
      const clip = tt.addMedia('roast.mp4', Uint8Array.from([0, 0, 0, 0x18, ...Buffer.from('ftypmp42'), 0, 0, 0, 0]));
      await app.say(`/schedule tiktok in 10 minutes media:${clip} | يوم التحميص`, ar);
      await publishDue(10);
      const post = await app.services.db.scheduledPost.findFirstOrThrow();
      expect([post.status, post.attempts]).toEqual(['failed', 1]);
      const notice = lastNotice();
      expect(notice).toContain('منعت تيك توك هذا الحساب من النشر');
      expect(englishIn(notice), notice).toEqual([]);
    } finally {
      tt.creator(TT_TOKEN).banned = false;
    }
  });
});
