/**
 * TikTok videos end to end against the fake Content Posting API (test/fakes/tiktok.ts) from the
 * console: /connect, /schedule, creator info, PULL_FROM_URL, status polling, and the outcomes.
 * The same from Slack and Discord is in networks-chat.test.ts.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Dispatcher } from '../../src/publishing/dispatcher.js';
import { FakeTiktok } from '../fakes/tiktok.js';
import { createTestApp, type TestApp, textOf } from '../helpers/app.js';
import { dispatcherFor } from '../helpers/linkedin.js';
import { MP4, seedTiktok, TT_NO_PUBLISH_TOKEN, TT_PRIVATE_TOKEN, TT_TOKEN, TT_USER } from '../helpers/tiktok.js';

describe('TikTok videos from the console', () => {
  const tt = new FakeTiktok();
  let app: TestApp;
  let dispatcher: Dispatcher;

  beforeAll(async () => {
    await tt.start();
    seedTiktok(tt);
  });
  afterAll(() => tt.close());
  beforeEach(async () => {
    app = await createTestApp({ TIKTOK_API_URL: tt.url });
    dispatcher = dispatcherFor(app);
    tt.publishes.length = 0;
    tt.processingReads = 1;
  });
  afterEach(async () => {
    tt.server.clearScripts();
    await app.cleanup();
  });

  const onlyPost = () => app.services.db.scheduledPost.findFirstOrThrow();
  const connect = (token = TT_TOKEN) => app.say(`/connect tiktok account:@${TT_USER} token:${token}`);
  const publishDue = async (minutes = 10) => {
    app.clock.advance(minutes * 60_000);
    await dispatcher.tick();
    await dispatcher.tick();
  };
  const inits = () => tt.server.count('POST', /\/video\/init\/$/);

  it('connects with a token that may post; one without video.publish is refused with the reason', async () => {
    const bad = await app.say(`/connect tiktok account:@${TT_USER} token:act.wrong-000`);
    expect(textOf(bad)).toMatch(/refused the token[\s\S]*access_token_invalid/);
    expect(textOf(bad)).not.toContain('act.wrong-000');
    expect(textOf(await connect(TT_NO_PUBLISH_TOKEN))).toMatch(/lacks the permission to publish[\s\S]*video\.publish/);
    expect(await app.services.db.integration.count()).toBe(0);
    const good = await connect();
    expect(textOf(good)).toContain('Cold Brew Co (@coldbrewco)');
    expect(textOf(await app.say('/connect status'))).toMatch(/TikTok.*coldbrewco.*ok/);
  });

  it('posts a video from its URL publicly, polls until PUBLISH_COMPLETE, and links to it', async () => {
    await connect();
    tt.processingReads = 3;
    const video = tt.addMedia('launch.mp4', MP4);
    await app.say(`/schedule tiktok in 10 minutes media:${video} | Launch day #coldbrew`);
    await publishDue();
    expect(tt.publishes).toHaveLength(1);
    expect(tt.publishes[0]).toMatchObject({
      title: 'Launch day #coldbrew',
      privacy: 'PUBLIC_TO_EVERYONE',
      videoUrl: video,
    });
    const post = await onlyPost();
    // The 19-digit id survives exactly (TikTok sends it as a bare number).
    expect(post.externalId).toBe(tt.publishes[0]?.postId);
    expect(post).toMatchObject({
      status: 'published',
      url: `https://www.tiktok.com/@${TT_USER}/video/${tt.publishes[0]?.postId}`,
    });
  });

  it('an app TikTok has not audited may only post privately: SELF_ONLY, with no public link', async () => {
    await connect(TT_PRIVATE_TOKEN);
    await app.say(`/schedule tiktok in 10 minutes media:${tt.addMedia('private.mp4', MP4)} | Just us`);
    await publishDue();
    expect(tt.publishes[0]?.privacy).toBe('SELF_ONLY');
    expect(await onlyPost()).toMatchObject({ status: 'published', url: null, externalId: tt.publishes[0]?.publishId });
  });

  it('still processing after the polls: the next attempt reads the status again and never posts twice', async () => {
    await connect();
    const before = inits();
    tt.processingReads = 12;
    await app.say(`/schedule tiktok in 10 minutes media:${tt.addMedia('slow.mp4', MP4)} | Slow one`);
    app.clock.advance(10 * 60_000);
    await dispatcher.tick();
    const waiting = await onlyPost();
    expect(waiting.status).toBe('pending');
    expect(waiting.lastError).toMatch(/still processing/);
    await publishDue(2);
    expect(inits()).toBe(before + 1);
    expect(tt.publishes).toHaveLength(1);
    expect((await onlyPost()).status).toBe('published');
  });

  it('a video TikTok cannot use fails with its reason and can be retried once fixed; a URL outside the verified prefixes fails too', async () => {
    await connect();
    await app.say(
      `/schedule tiktok in 10 minutes media:${tt.addMedia('bad.mp4', new TextEncoder().encode('not a video'))} | Bad file`,
    );
    await publishDue();
    const failed = await onlyPost();
    expect(failed).toMatchObject({ status: 'failed', lastError: expect.stringMatching(/file_format_check_failed/) });
    // Fixed at the same address, then retried: a new publish, not the failed one read again.
    tt.addMedia('bad.mp4', MP4);
    expect(textOf(await app.say(`/schedule retry ${failed.id}`))).toMatch(/back in the queue/);
    await publishDue(0);
    expect(await onlyPost()).toMatchObject({ status: 'published' });
    expect(tt.publishes.map((p) => p.status)).toEqual(['FAILED', 'PUBLISH_COMPLETE']);
    await app.services.db.scheduledPost.deleteMany();
    await app.say('/schedule tiktok in 10 minutes media:https://cdn.example.com/clip.mp4 | Elsewhere');
    await publishDue();
    expect(await onlyPost()).toMatchObject({
      status: 'failed',
      lastError: expect.stringMatching(/url_ownership_unverified/),
    });
  });

  it('rate limited at init: tried again later and posted once; a server error at init is unknown and never re-sent', async () => {
    await connect();
    await app.say(`/schedule tiktok in 10 minutes media:${tt.addMedia('busy.mp4', MP4)} | Busy`);
    tt.server.failNext('POST', /\/video\/init\/$/, {
      status: 429,
      body: { data: {}, error: { code: 'rate_limit_exceeded', message: 'Too many requests', log_id: 'x' } },
    });
    await publishDue();
    expect((await onlyPost()).status).toBe('pending');
    await publishDue(2);
    expect(tt.publishes).toHaveLength(1);
    expect((await onlyPost()).status).toBe('published');

    await app.services.db.scheduledPost.deleteMany();
    await app.say(`/schedule tiktok in 10 minutes media:${tt.addMedia('lost.mp4', MP4)} | Lost answer`);
    const before = inits();
    tt.server.failNext('POST', /\/video\/init\/$/, {
      status: 500,
      body: { data: {}, error: { code: 'internal_error', message: '' } },
    });
    await publishDue();
    expect((await onlyPost()).status).toBe('unknown');
    await publishDue(30);
    expect(inits()).toBe(before + 1);
  });

  it('refuses at scheduling time a post without media, or a caption over 2,200 characters', async () => {
    await connect();
    const bare = await app.say('/schedule tiktok in 10 minutes | Words only');
    expect(textOf(bare)).toMatch(/TikTok needs an image or video/);
    const long = await app.say(
      `/schedule tiktok in 10 minutes media:${tt.addMedia('l.mp4', MP4)} | ${'a'.repeat(2201)}`,
    );
    expect(textOf(long)).toMatch(/The caption is 2,201 characters; the limit is 2,200/);
    expect(await app.services.db.scheduledPost.count()).toBe(0);
  });
});
