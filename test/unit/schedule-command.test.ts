import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { actionsOf } from '../../src/core/reply.js';
import { createTestApp, identity, type TestApp, textOf } from '../helpers/app.js';

describe('/schedule', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp();
    app.clock.set('2026-11-26T09:00:00Z');
    await app.say('/config timezone Asia/Riyadh');
  });
  afterEach(async () => {
    await app.cleanup();
  });

  it('schedules from the positional form and answers with local time, UTC and a preview', async () => {
    const r = await app.say(
      '/schedule instagram tomorrow 9am media:https://cdn.example.com/cup.jpg | New cold brew #coffee',
    );
    expect(r.tone).toBe('success');
    const shown = textOf(r);
    expect(shown).toContain('Scheduled for Instagram');
    expect(shown).toContain('27 Nov 2026, 09:00');
    expect(shown).toContain('UTC: 27 Nov 2026, 06:00');
    expect(shown).toContain('New cold brew #coffee');
    expect(shown).toContain('/connect instagram');
    const post = await app.services.db.scheduledPost.findFirstOrThrow();
    expect(post).toMatchObject({ channel: 'instagram', status: 'pending', content: 'New cold brew #coffee' });
    expect(post.publishAt.toISOString()).toBe('2026-11-27T06:00:00.000Z');
    expect(post.media).toEqual([{ url: 'https://cdn.example.com/cup.jpg', kind: 'image' }]);
  });

  it('schedules from key:value options', async () => {
    const r = await app.say(
      '/schedule channel:mailchimp when:"next monday 10:00" title:"November news" text:"Hello everyone"',
    );
    expect(r.tone).toBe('success');
    const post = await app.services.db.scheduledPost.findFirstOrThrow();
    expect(post).toMatchObject({ channel: 'mailchimp', title: 'November news' });
    expect(post.publishAt.toISOString()).toBe('2026-11-30T07:00:00.000Z');
  });

  it.each([
    ['instagram without media', '/schedule instagram tomorrow 9am | no picture', /Instagram needs an image or video/],
    [
      'a caption over 2,200',
      `/schedule instagram tomorrow 9am media:https://x.example/a.jpg | ${'a'.repeat(2201)}`,
      /caption is 2,201 characters; the limit is 2,200/,
    ],
    [
      '31 hashtags',
      `/schedule instagram tomorrow 9am media:https://x.example/a.jpg | ${Array.from({ length: 31 }, (_, i) => `#t${i}`).join(' ')}`,
      /Instagram allows 30 hashtags; this has 31/,
    ],
    [
      'youtube without video or title',
      '/schedule youtube tomorrow 9am media:https://x.example/a.jpg | description',
      /YouTube needs a video URL[\s\S]*needs a title/,
    ],
    [
      'mailchimp off the quarter hour',
      '/schedule mailchimp tomorrow 9:10am title:Hi | Body',
      /quarter hour[\s\S]*2026-11-27 09:15/,
    ],
    ['mailchimp without subject', '/schedule mailchimp tomorrow 9am | Body', /Mailchimp needs a subject/],
    ['facebook without text or media', '/schedule facebook tomorrow 9am', /Facebook needs text/],
    ['the past', '/schedule facebook yesterday 9am | hi', /in the past/],
    ['an unreadable time', '/schedule facebook sometime soon | hi', /not a time I can read/],
  ])('refuses %s with the reason', async (_name, line, reason) => {
    const r = await app.say(line);
    expect(r.tone).toBe('error');
    expect(textOf(r)).toMatch(reason);
    expect(await app.services.db.scheduledPost.count()).toBe(0);
  });

  it('without a channel, names every network it can post to, in English and Arabic', async () => {
    // It listed five and left out LinkedIn, X and TikTok.
    const en = textOf(await app.say('/schedule when:"tomorrow 9am" text:hello'));
    expect(en).toContain(
      'Say which channel: channel:instagram, facebook, linkedin, x, tiktok, youtube, mailchimp or reminder',
    );
    await app.say('/config lang ar');
    const ar = textOf(await app.say('/schedule when:"tomorrow 9am" text:hello'));
    expect(ar).toContain('أو linkedin أو x أو tiktok أو');
    expect(await app.services.db.scheduledPost.count()).toBe(0);
  });

  it('refuses a time inside a DST gap', async () => {
    await app.say('/config timezone America/New_York');
    app.clock.set('2027-03-01T12:00:00Z');
    const r = await app.say('/schedule facebook 2027-03-14 02:30 | hi');
    expect(textOf(r)).toMatch(/does not exist in America\/New_York/);
  });

  it('refuses a time years away or with an offset no place has, with a clear message and nothing stored', async () => {
    const far = textOf(await app.say('/schedule facebook in 99999 years | hi'));
    expect(far).toMatch(/more than two years away.*up to 26 Nov 2028;/);
    const three = textOf(await app.say('/schedule facebook 2029-12-01 09:00 | hi'));
    expect(three).toMatch(/more than two years away/);
    const offset = textOf(await app.say('/schedule facebook 2026-12-10T09:00+25:00 | hi'));
    expect(offset).toMatch(/\+25:00 is not a real UTC offset/);
    const ar = textOf(
      await app.say('/schedule facebook in 99999 years | hi', identity({ user: 'U-ar', locale: 'ar' })),
    );
    expect(ar).toMatch(/بعد أكثر من سنتين/);
    expect(await app.services.db.scheduledPost.count()).toBe(0);
    expect(textOf(await app.say('/schedule facebook 2026-12-10T09:00+14:00 | hi'))).not.toMatch(/offset/);
  });

  it('a post number past 32 bits is refused as a value, not an internal error (PostgreSQL ids are 32-bit)', async () => {
    const r = textOf(await app.say('/schedule show 2147483648'));
    expect(r).toMatch(/from 1 to 2,147,483,647/);
    expect(r).not.toMatch(/went wrong/);
  });

  it('refuses a double submit of the same post', async () => {
    await app.say('/schedule reminder tomorrow 9am | Post the story');
    const r = await app.say('/schedule reminder tomorrow 9am | Post the story');
    expect(textOf(r)).toMatch(/already scheduled as #1/);
  });

  it('lists the next 14 days grouped by local day, then shows, edits and cancels', async () => {
    await app.say('/schedule reminder tomorrow 9am | First');
    await app.say('/schedule reminder tomorrow 11pm | Second');
    await app.say('/schedule facebook 2026-12-20 10:00 | Too far');
    const list = textOf(await app.say('/schedule list')).replace(/[\u2068\u2069]/g, '');
    expect(list).toContain('Friday 27 November');
    expect(list).toMatch(/09:00 · #1 Reminder · scheduled · First/);
    expect(list).toMatch(/23:00 · #2/);
    expect(list).not.toContain('Too far');

    const edited = await app.say('/schedule edit 1 when:"2026-11-28 08:00" | Changed');
    expect(edited.tone).toBe('success');
    expect(textOf(await app.say('/schedule show 1'))).toMatch(/28 Nov 2026, 05:00[\s\S]*Changed/);

    expect((await app.say('/schedule cancel 1')).tone).toBe('success');
    expect(textOf(await app.say('/schedule cancel 1'))).toMatch(/can no longer be changed: it is cancelled/);
    expect(textOf(await app.say('/schedule edit 1 | again'))).toMatch(/can no longer be changed/);
  });

  it('keeps posts of other workspaces out of reach', async () => {
    await app.say('/schedule reminder tomorrow 9am | Ours');
    const other = identity({ workspace: 'T2', user: 'V1' });
    expect(textOf(await app.say('/schedule show 1', other))).toMatch(/no post #1/);
    expect(textOf(await app.say('/schedule cancel 1', other))).toMatch(/no post #1/);
    const forged = await app.router.press('schedule.approve', '1', other);
    expect(forged.tone).toBe('error');
  });

  it('holds posts for approval and lets only managers approve', async () => {
    await app.say('/config approval on');
    const r = await app.say('/schedule reminder tomorrow 9am | Needs a yes');
    expect(textOf(r)).toContain('Waiting for approval');
    const buttons = actionsOf(r);
    expect(buttons.map((b) => b.id)).toEqual(['schedule.approve', 'schedule.reject']);
    expect((await app.services.db.scheduledPost.findFirstOrThrow()).status).toBe('awaiting_approval');

    const member = identity({ user: 'U9', admin: false });
    const denied = await app.router.press('schedule.approve', buttons[0]?.payload, member);
    expect(denied.tone).toBe('error');
    expect((await app.services.db.scheduledPost.findFirstOrThrow()).status).toBe('awaiting_approval');

    const ok = await app.router.press('schedule.approve', buttons[0]?.payload, identity());
    expect(textOf(ok)).toMatch(/approved/);
    expect(await app.services.db.scheduledPost.findFirstOrThrow()).toMatchObject({
      status: 'pending',
      approvedById: 'U1',
    });
    const again = await app.router.press('schedule.reject', buttons[1]?.payload, identity());
    expect(textOf(again)).toMatch(/can no longer be changed/);
  });
  describe('which account a post goes to (issue 24)', () => {
    /** A connected account as /connect stores it (scheduling never opens the credentials). */
    async function connected(provider: string, accountId: string, name: string) {
      const ws = await app.services.db.workspace.findFirstOrThrow();
      await app.services.db.integration.create({
        data: { workspaceId: ws.id, provider, accountId, credentials: 'v1:sealed', statusMessage: name },
      });
    }
    const plain = (s: string) => s.replace(/[\u2066-\u2069]/g, '');

    it('records the only connected account without asking, and shows it', async () => {
      await connected('facebook', '111', 'Cold Brew Co');
      const r = await app.say('/schedule facebook tomorrow 9am | One page');
      expect(r.tone).toBe('success');
      expect(plain(textOf(r))).toMatch(/Account: 111/);
      expect(plain(textOf(r))).not.toContain('/connect facebook');
      expect((await app.services.db.scheduledPost.findFirstOrThrow()).accountId).toBe('111');
    });

    it('with several accounts connected, asks which one, in English and Arabic, and saves nothing', async () => {
      await connected('facebook', '111', 'Cold Brew Co');
      await connected('facebook', '222', 'Tea House');
      const r = await app.say('/schedule facebook tomorrow 9am | Which page?');
      expect(r.tone).toBe('error');
      expect(plain(textOf(r))).toMatch(
        /facebook has several connected accounts: 111 \(Cold Brew Co\), 222 \(Tea House\)\. Say which one .*account:111/,
      );
      await app.say('/config lang ar');
      const ar = plain(textOf(await app.say('/schedule facebook tomorrow 9am | Which page?')));
      expect(ar).toContain('لدى facebook أكثر من حساب مربوط: 111 (Cold Brew Co), 222 (Tea House)');
      expect(await app.services.db.scheduledPost.count()).toBe(0);
    });

    it('takes account:, refuses one that is not connected, and shows it in show and list', async () => {
      await connected('facebook', '111', 'Cold Brew Co');
      await connected('facebook', '222', 'Tea House');
      const wrong = await app.say('/schedule facebook tomorrow 9am account:999 | Typo');
      expect(plain(textOf(wrong))).toMatch(
        /999 is not a connected facebook account\. Connected: 111 \(Cold Brew Co\), 222/,
      );
      const r = await app.say('/schedule facebook tomorrow 9am account:222 | For the tea house');
      expect(r.tone).toBe('success');
      const post = await app.services.db.scheduledPost.findFirstOrThrow();
      expect(post.accountId).toBe('222');
      expect(plain(textOf(await app.say(`/schedule show ${post.id}`)))).toMatch(/Account: 222/);
      expect(plain(textOf(await app.say('/schedule list')))).toMatch(/#1 Facebook 222 · scheduled · For the tea house/);
      // The same text at the same time to the other page is another post, not a double submit.
      expect((await app.say('/schedule facebook tomorrow 9am account:111 | For the tea house')).tone).toBe('success');

      const moved = await app.say(`/schedule edit ${post.id} account:111`);
      expect(moved.tone).toBe('success');
      expect((await app.services.db.scheduledPost.findUniqueOrThrow({ where: { id: post.id } })).accountId).toBe('111');
      expect(plain(textOf(await app.say(`/schedule edit ${post.id} account:999`)))).toMatch(/not a connected/);
    });

    it('with none connected, schedules without an account and says to connect one; a named one is refused', async () => {
      const named = await app.say('/schedule facebook tomorrow 9am account:111 | Early');
      expect(plain(textOf(named))).toMatch(/No facebook account is connected yet.*\/connect facebook account:111/);
      const r = await app.say('/schedule facebook tomorrow 9am | Early');
      expect(textOf(r)).toContain('/connect facebook');
      expect((await app.services.db.scheduledPost.findFirstOrThrow()).accountId).toBeNull();
      expect(textOf(await app.say('/schedule reminder tomorrow 9am account:111 | x'))).toMatch(/has no account/);
    });
  });
});
