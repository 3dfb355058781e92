import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COMMENT_POLL_JOB } from '../../src/listening/feature.js';
import { reasonText } from '../../src/publishing/failure-reason.js';
import { createTestApp, type TestApp, textOf } from '../helpers/app.js';
import { CHANNEL, IG, PAGE, useSocialFakes } from '../helpers/social-fakes.js';

// Urgent comments (a legal step, a scam accusation): their alerts go out at once.
const ANGRY_EN = 'Terrible service, my order never arrived and nobody answers. I will sue you!';
const ANGRY_AR = 'الطلب تأخر أسبوعين وما حد يرد، خدمة سيئة جدا، نصابين';
const HAPPY = 'Love this coffee, best in town!';
const SCAM = 'This is a scam, I paid and never got anything';

describe('comment polling against the Graph API and YouTube fakes', () => {
  const fakes = useSocialFakes('poll');
  let app: TestApp;

  beforeEach(async () => {
    app = await createTestApp({ ...fakes.env(), WEBHOOK_SECRET: 'hook-secret-0123456789' });
    app.clock.set('2026-11-26T09:00:00Z');
    fakes.yt.now = () => app.clock.now();
    for (const line of fakes.connectLines()) expect((await app.say(line)).tone).toBe('success');
  });
  afterEach(async () => {
    await app.cleanup();
  });

  const at = (iso: string) => new Date(iso);
  const poll = () => app.jobs.runNow(COMMENT_POLL_JOB);
  const alerts = () => app.recorder.notices.filter((n) => n.to === 'alerts');
  const integration = (provider: string) => app.services.db.integration.findFirstOrThrow({ where: { provider } });

  it('reads new comments from all three platforms, stores and alerts each once, and moves each cursor', async () => {
    const post = fakes.meta.addPost(PAGE, 'New cold brew');
    const media = fakes.meta.addIgMedia(IG, 'Summer menu');
    fakes.yt.addVideo('vid1', CHANNEL);
    const fbAngry = fakes.meta.addComment(post, {
      message: ANGRY_EN,
      from: { id: '9001', name: 'Sara' },
      at: at('2026-11-26T08:30:00Z'),
    });
    fakes.meta.addComment(post, { message: HAPPY, at: at('2026-11-26T08:31:00Z') });
    // The page's own comment (its reply or a note) is never alerted.
    fakes.meta.addComment(post, {
      message: 'This is awful news: we are closed today',
      from: { id: PAGE, name: 'Cold Brew Co' },
      at: at('2026-11-26T08:32:00Z'),
    });
    const igAngry = fakes.meta.addComment(media, {
      message: ANGRY_AR,
      from: { id: '7001', name: 'noura' },
      at: at('2026-11-26T08:40:00Z'),
    });
    const ytScam = fakes.yt.addComment('vid1', { text: SCAM, author: 'Viewer One', at: at('2026-11-26T08:50:00Z') });
    // Older than the look-back window of a first poll: the page's past is not replayed as alerts.
    fakes.meta.addComment(post, { message: 'Worst coffee ever, disgusting', at: at('2026-11-20T08:00:00Z') });

    await poll();

    const stored = await app.services.db.comment.findMany({ orderBy: { id: 'asc' } });
    expect(stored.map((c) => `${c.provider}:${c.externalId}`).sort()).toEqual(
      [
        `facebook:${fbAngry}`,
        `facebook:${fakes.meta.comments[1]?.id}`,
        `instagram:${igAngry}`,
        `youtube:${ytScam}`,
      ].sort(),
    );
    const ig = stored.find((c) => c.provider === 'instagram');
    expect(ig).toMatchObject({ author: '@noura', language: 'ar', sentiment: 'negative', postId: media });
    expect(ig?.url).toBe(`https://www.instagram.com/p/${media}/`);
    expect(stored.find((c) => c.provider === 'youtube')?.url).toBe(`https://www.youtube.com/watch?v=vid1&lc=${ytScam}`);
    expect(alerts()).toHaveLength(3);
    expect(
      alerts()
        .map((n) => textOf(n.reply))
        .join('\n'),
    ).toContain('Sara');

    for (const p of ['facebook', 'instagram', 'youtube']) {
      const row = await integration(p);
      expect(row.status).toBe('ok');
      expect(row.lastSyncAt?.toISOString()).toBe('2026-11-26T09:00:00.000Z');
    }
    // The page's own comment at 08:32 is not a comment to keep, so it does not move the cursor.
    expect((await integration('facebook')).cursor).toBe('2026-11-26T08:31:00.000Z');
    expect((await integration('youtube')).cursor).toBe('2026-11-26T08:50:00.000Z');

    // Nothing new: nothing stored, nothing alerted (the overlap re-reads are dropped as duplicates).
    app.clock.set('2026-11-26T09:02:00Z');
    await poll();
    expect(await app.services.db.comment.count()).toBe(4);
    expect(alerts()).toHaveLength(3);

    // A new comment is alerted on the next poll, once.
    fakes.meta.addComment(post, {
      message: 'Still no refund after two weeks, this is a scam',
      at: at('2026-11-26T09:03:00Z'),
    });
    app.clock.set('2026-11-26T09:04:00Z');
    await poll();
    await poll();
    expect(await app.services.db.comment.count()).toBe(5);
    expect(alerts()).toHaveLength(4);
    expect((await integration('facebook')).cursor).toBe('2026-11-26T09:03:00.000Z');
  });

  it("follows paging, and reads the bot's own published posts even when they are not among the recent ones", async () => {
    const old = fakes.meta.addPost(PAGE, 'Published by the bot a week ago');
    for (let i = 0; i < 25; i++) fakes.meta.addPost(PAGE, `filler ${i}`);
    await app.services.db.scheduledPost.create({
      data: {
        workspaceId: (await app.services.db.workspace.findFirstOrThrow({ where: { externalId: 'T1' } })).id,
        channel: 'facebook',
        content: 'Published by the bot a week ago',
        publishAt: at('2026-11-19T09:00:00Z'),
        publishedAt: at('2026-11-19T09:00:00Z'),
        status: 'published',
        externalId: old,
        url: `https://www.facebook.com/${old}`,
        idempotencyKey: 'poll-known-post',
      },
    });
    fakes.meta.pageSize = 2;
    fakes.yt.pageSize = 2;
    fakes.yt.addVideo('vid2', CHANNEL);
    for (let i = 0; i < 5; i++) {
      fakes.meta.addComment(old, {
        message: `Broken cup number ${i}, terrible quality`,
        at: at(`2026-11-26T08:0${i}:00Z`),
      });
      fakes.yt.addComment('vid2', { text: `Question ${i}: do you ship to Jeddah?`, at: at(`2026-11-26T08:1${i}:00Z`) });
    }
    await poll();
    expect(await app.services.db.comment.count({ where: { provider: 'facebook', postId: old } })).toBe(5);
    expect(await app.services.db.comment.count({ where: { provider: 'youtube' } })).toBe(5);
    expect(fakes.meta.server.requests.filter((r) => r.path.endsWith(`${old}/comments`)).length).toBeGreaterThanOrEqual(
      3,
    );
  });

  it('marks a failing integration and keeps polling the others; a failed read does not move the cursor', async () => {
    const post = fakes.meta.addPost(PAGE);
    const media = fakes.meta.addIgMedia(IG);
    fakes.meta.addComment(post, { message: ANGRY_EN, at: at('2026-11-26T08:30:00Z') });
    fakes.meta.addComment(media, { message: SCAM, at: at('2026-11-26T08:31:00Z') });
    fakes.meta.revoke(fakes.tokens.ig);
    fakes.meta.server.failNext('GET', new RegExp(`${post}/comments$`), {
      status: 500,
      body: { error: { message: 'An unexpected error has occurred.', type: 'OAuthException', code: 2 } },
    });

    await poll();
    const ig = await integration('instagram');
    expect(ig.status).toBe('reauth');
    // Instagram's connection is the one to renew (it said Facebook), with Meta's words quoted.
    expect(reasonText(ig.statusMessage ?? '', 'en')).toBe(
      'The Instagram connection needs to be renewed: an admin should run /connect instagram. The error, as reported: “Invalid OAuth access token - Cannot parse access token”',
    );
    expect(ig.cursor).toBeNull();
    const fb = await integration('facebook');
    expect(fb.status).toBe('error');
    expect(fb.cursor).toBeNull();
    expect((await integration('youtube')).status).toBe('ok');
    expect(await app.services.db.comment.count()).toBe(0);

    // The outage is over: the comment is read, stored and alerted once, the status recovers.
    await poll();
    expect((await integration('facebook')).status).toBe('ok');
    expect((await integration('facebook')).statusMessage).toBeNull();
    expect(await app.services.db.comment.count()).toBe(1);
    expect(alerts()).toHaveLength(1);
    // An integration waiting for a new token is not called again until someone reconnects it.
    const calls = fakes.meta.server.requests.length;
    await poll();
    expect(fakes.meta.server.requests.slice(calls).some((r) => r.path.includes(media))).toBe(false);
    fakes.meta.addInstagram(IG, fakes.tokens.ig, 'coldbrewco');
  });

  it('a comment that arrived by webhook first is not stored or alerted again by the poll', async () => {
    const post = fakes.meta.addPost(PAGE);
    const id = fakes.meta.addComment(post, { message: ANGRY_EN, at: at('2026-11-26T08:30:00Z') });
    const port = await app.http.listen(0);
    const res = await fetch(`http://127.0.0.1:${port}/webhooks/comments?workspace=slack:T1`, {
      method: 'POST',
      headers: { authorization: 'Bearer hook-secret-0123456789', 'content-type': 'application/json' },
      body: JSON.stringify({ platform: 'facebook', id, text: ANGRY_EN }),
    });
    expect(res.status).toBe(202);
    await poll();
    expect(await app.services.db.comment.count()).toBe(1);
    expect(alerts()).toHaveLength(1);
    expect((await integration('facebook')).cursor).toBe('2026-11-26T08:30:00.000Z');
    await app.http.close();
  });
});
