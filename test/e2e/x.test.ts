/**
 * X posts end to end against the fake X API v2 (test/fakes/x.ts) from the console: /connect with a
 * pasted OAuth 2.0 token, /schedule with X's weighted length, images, threads, and the outcomes.
 * The same flow from Slack and Discord is in networks-chat.test.ts.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Dispatcher } from '../../src/publishing/dispatcher.js';
import { FakeX } from '../fakes/x.js';
import { createTestApp, identity, type TestApp, textOf } from '../helpers/app.js';
import { dispatcherFor, PNG } from '../helpers/linkedin.js';
import { seedX, X_HANDLE, X_NO_WRITE_TOKEN, X_TOKEN } from '../helpers/x.js';

describe('X posts from the console', () => {
  const xapi = new FakeX();
  let app: TestApp;
  let dispatcher: Dispatcher;

  beforeAll(async () => {
    await xapi.start();
    seedX(xapi);
  });
  afterAll(() => xapi.close());
  beforeEach(async () => {
    app = await createTestApp({ X_API_URL: xapi.url, OUTBOUND_ALLOW_HOSTS: '127.0.0.1' });
    dispatcher = dispatcherFor(app);
    xapi.posts.length = 0;
  });
  afterEach(async () => {
    xapi.server.clearScripts();
    await app.cleanup();
  });

  const onlyPost = () => app.services.db.scheduledPost.findFirstOrThrow();
  const lastNotice = () => textOf(app.recorder.notices.at(-1)?.reply ?? { blocks: [] });
  const connect = () => app.say(`/connect x account:@${X_HANDLE} token:${X_TOKEN}`);
  const publishDue = async (minutes = 10) => {
    app.clock.advance(minutes * 60_000);
    await dispatcher.tick();
    await dispatcher.tick();
  };

  it('connects an account with a pasted token; a bad token or another account is refused and nothing stored', async () => {
    const bad = await app.say(`/connect x account:@${X_HANDLE} token:bad-token-000`);
    expect(textOf(bad)).toMatch(/refused the token/);
    expect(textOf(bad)).not.toContain('bad-token-000');
    expect(textOf(await app.say(`/connect x account:@someoneelse token:${X_TOKEN}`))).toMatch(
      /belongs to @ColdBrewCo, not someoneelse/,
    );
    expect(await app.services.db.integration.count()).toBe(0);
    const good = await connect();
    expect(textOf(good)).toContain('Cold Brew Co (@ColdBrewCo)');
    expect(textOf(good)).not.toContain(X_TOKEN);
    expect(textOf(await app.say('/connect status'))).toMatch(/X.*coldbrewco.*ok/);
  });

  it('weighs the text as X does when scheduling: a long URL counts 23, CJK counts 2', async () => {
    await connect();
    const withUrl = `${'a'.repeat(250)} https://coldbrew.example/${'m'.repeat(120)}`;
    expect((await app.say(`/schedule x in 10 minutes | ${withUrl}`)).tone).toBe('success');
    const cjk = await app.say(`/schedule x in 10 minutes | ${'日'.repeat(141)}`);
    expect(cjk.tone).toBe('error');
    expect(textOf(cjk)).toMatch(/The text is 282 characters; the limit is 280\. To post it as a thread/);
    await publishDue();
    // The link goes out tagged (docs/scheduling.md, UTM tags): still 23 as X counts it.
    const tags = 'utm_source=x&utm_medium=social&utm_campaign=mktbot&utm_content=x-20261126-0910';
    expect(xapi.posts.map((p) => p.text)).toEqual([`${withUrl}?${tags}`]);
    const post = await onlyPost();
    expect(post).toMatchObject({ status: 'published', url: `https://x.com/i/web/status/${xapi.posts[0]?.id}` });
  });

  it('uploads an image and attaches it; a video beside a picture is refused when scheduling', async () => {
    await connect();
    const media = xapi.addMedia('cup.png', PNG);
    await app.say(`/schedule x in 10 minutes media:${media} | Fresh cups ☕`);
    await publishDue();
    const [made] = xapi.posts;
    expect(made?.mediaIds).toHaveLength(1);
    expect(xapi.media.get(made?.mediaIds[0] ?? '')?.bytes).toBe(PNG.length);
    const video = await app.say(
      '/schedule x in 10 minutes media:"https://cdn.example.com/clip.mp4 https://cdn.example.com/a.png" | Clip',
    );
    expect(textOf(video)).toMatch(/X takes a video on a post of its own, without other files; this one has 2 files/);
  });

  it('posts a thread in order, each part replying to the one before; a rate limit mid-thread posts only what is missing, uploading nothing twice', async () => {
    await connect();
    const parts = ['1/3 We roast on Mondays.', '2/3 We brew on Tuesdays.', '3/3 You drink it all week.'];
    const media = xapi.addMedia('thread.png', PNG);
    const uploads = xapi.server.count('POST', /^\/2\/media\/upload$/);
    await app.say(`/schedule x in 10 minutes media:${media} | ${parts.join('\n---\n')}`);
    xapi.failTweet(1, {
      status: 429,
      headers: { 'x-rate-limit-reset': String(Math.floor(app.clock.now().getTime() / 1000) + 11 * 60 + 600) },
      body: { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 },
    });
    // The first part goes out; the 429 answers the second.
    app.clock.advance(10 * 60_000);
    await dispatcher.tick();
    expect(xapi.posts.map((p) => p.text)).toEqual([parts[0]]);
    const waiting = await onlyPost();
    expect(waiting.status).toBe('pending');
    expect(waiting.nextAttemptAt?.getTime()).toBeGreaterThanOrEqual(app.clock.now().getTime() + 600_000);
    await publishDue(11);
    expect(xapi.posts.map((p) => p.text)).toEqual(parts);
    expect(xapi.posts[1]?.replyTo).toBe(xapi.posts[0]?.id);
    expect(xapi.posts[2]?.replyTo).toBe(xapi.posts[1]?.id);
    expect((await onlyPost()).externalId).toBe(xapi.posts[0]?.id);
    // The image went on the first post, and was uploaded once: the retry kept what was saved.
    expect(xapi.posts.map((p) => p.mediaIds.length)).toEqual([1, 0, 0]);
    expect(xapi.server.count('POST', /^\/2\/media\/upload$/)).toBe(uploads + 1);
  });

  it('a token without tweet.write fails the post with the reason and a Retry button; a server error is unknown and never re-sent', async () => {
    await app.say(`/connect x account:@${X_HANDLE} token:${X_NO_WRITE_TOKEN}`);
    await app.say('/schedule x in 10 minutes | Not allowed yet');
    await publishDue();
    const failed = await onlyPost();
    expect(failed.status).toBe('failed');
    expect(lastNotice()).toMatch(/X API error 403[\s\S]*tweet\.write[\s\S]*\[Retry\]/);
    await connect();
    xapi.server.failNext('POST', /^\/2\/tweets$/, { status: 500, body: { title: 'Internal Error', status: 500 } });
    expect((await app.router.press('schedule.retry', String(failed.id), identity())).tone).toBe('success');
    await publishDue(0);
    expect((await onlyPost()).status).toBe('unknown');
    expect((await app.say(`/schedule retry ${failed.id}`)).tone).toBe('error');
    const sent = xapi.server.count('POST', /^\/2\/tweets$/);
    await publishDue(30);
    expect(xapi.server.count('POST', /^\/2\/tweets$/)).toBe(sent);
    expect(xapi.posts).toEqual([]);
  });

  it('the same text twice is refused by X as duplicate content, and the post fails with that reason', async () => {
    await connect();
    await app.say('/schedule x in 10 minutes | Same words');
    await app.say('/schedule x in 20 minutes | Same words');
    await publishDue(20);
    const rows = await app.services.db.scheduledPost.findMany({ orderBy: { id: 'asc' } });
    expect(rows.map((r) => r.status)).toEqual(['published', 'failed']);
    expect(rows[1]?.lastError).toMatch(/duplicate content/);
  });
});
