/**
 * LinkedIn page posts end to end against the fake LinkedIn (test/fakes/linkedin.ts): /connect with
 * a pasted token, /schedule, the dispatcher, and what the team is told, from the console; the same
 * flow through the Slack and Discord adapters is in linkedin-chat.test.ts.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LinkedInPublisher } from '../../integrations/linkedin/publisher.js';
import { AllowList } from '../../src/net/address-policy.js';
import { SafeFetch } from '../../src/net/safe-fetch.js';
import type { Dispatcher } from '../../src/publishing/dispatcher.js';
import { FakeLinkedIn } from '../fakes/linkedin.js';
import { createTestApp, identity, type TestApp, textOf } from '../helpers/app.js';
import {
  ADMIN_TOKEN,
  ANALYST_TOKEN,
  dispatcherFor,
  NO_WRITE_TOKEN,
  ORG,
  PNG,
  seedLinkedIn,
} from '../helpers/linkedin.js';

describe('LinkedIn page posts from the console', () => {
  const li = new FakeLinkedIn();
  let app: TestApp;
  let dispatcher: Dispatcher;

  beforeAll(async () => {
    await li.start();
    seedLinkedIn(li);
  });
  afterAll(() => li.close());
  beforeEach(async () => {
    app = await createTestApp({ LINKEDIN_API_URL: li.url, OUTBOUND_ALLOW_HOSTS: '127.0.0.1' });
    dispatcher = dispatcherFor(app);
    li.posts.length = 0;
    li.processingReads = 0;
  });
  afterEach(async () => {
    li.server.clearScripts();
    await app.cleanup();
  });

  const onlyPost = () => app.services.db.scheduledPost.findFirstOrThrow();
  const lastNotice = () => textOf(app.recorder.notices.at(-1)?.reply ?? { blocks: [] });
  const connect = () => app.say(`/connect linkedin account:urn:li:organization:${ORG} token:${ADMIN_TOKEN}`);
  const publishDue = async (minutes = 10) => {
    app.clock.advance(minutes * 60_000);
    await dispatcher.tick();
    await dispatcher.tick();
  };

  it('connects a page with a pasted token after checking the member may post; refusals say why and store nothing', async () => {
    const bad = await app.say(`/connect linkedin account:${ORG} token:AQVwrong-token-000`);
    expect(bad.tone).toBe('error');
    expect(textOf(bad)).toMatch(/refused the token[\s\S]*INVALID_ACCESS_TOKEN/);
    expect(textOf(bad)).not.toContain('AQVwrong-token-000');
    const analyst = await app.say(`/connect linkedin account:${ORG} token:${ANALYST_TOKEN}`);
    expect(textOf(analyst)).toMatch(/ANALYST on organization 2414183, which cannot post/);
    expect(textOf(await app.say(`/connect linkedin account:acme token:${ADMIN_TOKEN}`))).toMatch(
      /LinkedIn page id is a number/,
    );
    expect(await app.services.db.integration.count()).toBe(0);

    const good = await connect();
    expect(good.tone).toBe('success');
    expect(textOf(good)).toContain('Cold Brew Co');
    expect(textOf(good)).not.toContain(ADMIN_TOKEN);
    const row = await app.services.db.integration.findFirstOrThrow();
    expect(row).toMatchObject({ provider: 'linkedin', accountId: ORG });
    expect(row.credentials).not.toContain(ADMIN_TOKEN);
    expect(textOf(await app.say('/connect status'))).toMatch(/LinkedIn.*2414183.*ok/);
  });

  it('publishes a text post once, escaped as little text, with the version and protocol headers', async () => {
    await connect();
    const text = 'Our cold brew (new!) is here: 50% off_today for @team #ColdBrew #قهوة';
    expect((await app.say(`/schedule linkedin in 10 minutes | ${text}`)).tone).toBe('success');
    await publishDue();
    expect(li.posts.map((p) => [p.author, p.text])).toEqual([[`urn:li:organization:${ORG}`, text]]);
    const post = await onlyPost();
    expect(post).toMatchObject({ status: 'published', externalId: li.posts[0]?.id });
    expect(post.url).toBe(`https://www.linkedin.com/feed/update/${li.posts[0]?.id}/`);
    expect(lastNotice()).toContain(post.url as string);
    expect(li.headers.every((h) => h.version === '202606' && h.protocol === '2.0.0')).toBe(true);
    await publishDue(5);
    expect(li.posts).toHaveLength(1);
  });

  it('uploads an image (initializeUpload, PUT, wait until AVAILABLE) and names it in the post', async () => {
    await connect();
    li.processingReads = 2;
    const media = li.addMedia('cup.png', PNG);
    await app.say(`/schedule linkedin in 10 minutes media:${media} | Fresh cups today`);
    await publishDue();
    const [made] = li.posts;
    expect(made?.text).toBe('Fresh cups today');
    const image = li.images.get(made?.content?.media?.id ?? '');
    expect(image).toMatchObject({ owner: `urn:li:organization:${ORG}`, status: 'AVAILABLE' });
    expect(li.server.count('PUT', /^\/dms-uploads\//)).toBeGreaterThan(0);
    expect((await onlyPost()).status).toBe('published');
  });

  it('an image LinkedIn cannot process fails the post with the reason, and nothing is posted', async () => {
    await connect();
    const media = li.addMedia('fake.png', new TextEncoder().encode('<html>not an image</html>'), 'image/png');
    await app.say(`/schedule linkedin in 10 minutes media:${media} | Broken image`);
    await publishDue();
    expect(li.posts).toEqual([]);
    const failed = await onlyPost();
    expect(failed).toMatchObject({ status: 'failed', lastError: expect.stringMatching(/JPEG, PNG or GIF/) });
    // The file is fixed at the same address; Retry uploads it again and posts once.
    li.addMedia('fake.png', PNG);
    await app.say(`/schedule retry ${failed.id}`);
    await publishDue(0);
    expect(li.posts.map((p) => p.text)).toEqual(['Broken image']);
  });

  it('a title and a URL in the text make a link card (article)', async () => {
    await connect();
    await app.say(
      '/schedule linkedin in 10 minutes title:"Our summer menu" | The menu is out: https://coldbrew.example/menu.',
    );
    await publishDue();
    expect(li.posts[0]?.content).toEqual({
      // The card's link is the tagged one, so its clicks show in the site's analytics.
      article: {
        source:
          'https://coldbrew.example/menu?utm_source=linkedin&utm_medium=social&utm_campaign=mktbot&utm_content=linkedin-20261126-0910',
        title: 'Our summer menu',
      },
    });
  });

  it('refuses at scheduling time what LinkedIn would refuse: a video, more than 3,000 characters', async () => {
    await connect();
    const video = await app.say('/schedule linkedin in 10 minutes media:https://cdn.example.com/clip.mp4 | A clip');
    expect(video.tone).toBe('error');
    expect(textOf(video)).toMatch(/LinkedIn takes images and PDF documents here, not videos/);
    const long = await app.say(`/schedule linkedin in 10 minutes | ${'a'.repeat(3001)}`);
    expect(textOf(long)).toMatch(/The text is 3,001 characters; the limit is 3,000/);
    expect(await app.services.db.scheduledPost.count()).toBe(0);
  });

  it('a token without w_organization_social: the post fails with the permission, nothing is posted, Retry is offered', async () => {
    expect((await app.say(`/connect linkedin account:${ORG} token:${NO_WRITE_TOKEN}`)).tone).toBe('success');
    await app.say('/schedule linkedin in 10 minutes | Not allowed');
    await publishDue();
    expect(li.posts).toEqual([]);
    const post = await onlyPost();
    expect(post.status).toBe('failed');
    expect(lastNotice()).toMatch(
      /The LinkedIn connection lacks the permission to publish[\s\S]*Not enough permissions to access: partnerApiPostsExternal[\s\S]*\[Retry\]/,
    );
    // After reconnecting with the right token, Retry publishes it.
    await connect();
    expect((await app.router.press('schedule.retry', String(post.id), identity())).tone).toBe('success');
    await publishDue(0);
    expect(li.posts.map((p) => p.text)).toEqual(['Not allowed']);
  });

  it('a LinkedIn-Version that is no longer active is refused with what to change', async () => {
    const old = await createTestApp({ LINKEDIN_API_URL: li.url, LINKEDIN_VERSION: '202301' });
    try {
      const r = await old.say(`/connect linkedin account:${ORG} token:${ADMIN_TOKEN}`);
      expect(textOf(r)).toMatch(/NONEXISTENT_VERSION[\s\S]*set LINKEDIN_VERSION/);
      expect(await old.services.db.integration.count()).toBe(0);
    } finally {
      await old.cleanup();
    }
  });

  it('429 with Retry-After: tried again no sooner, and published once', async () => {
    await connect();
    await app.say('/schedule linkedin in 10 minutes | Busy day');
    li.server.failNext('POST', /^\/rest\/posts$/, {
      status: 429,
      headers: { 'retry-after': '300' },
      body: {
        status: 429,
        code: 'TOO_MANY_REQUESTS',
        message: 'Resource level throttle APPLICATION DAY limit reached',
      },
    });
    await publishDue();
    const waiting = await onlyPost();
    expect(waiting.status).toBe('pending');
    expect(waiting.nextAttemptAt?.getTime()).toBeGreaterThanOrEqual(app.clock.now().getTime() + 299_000);
    await publishDue(2);
    expect(li.posts).toEqual([]);
    await publishDue(4);
    expect(li.posts.map((p) => p.text)).toEqual(['Busy day']);
  });

  it('a server error on the post is unknown: never re-sent, and retry refuses it', async () => {
    await connect();
    await app.say('/schedule linkedin in 10 minutes | Did it go out?');
    const before = li.server.count('POST', /^\/rest\/posts$/);
    li.server.failNext('POST', /^\/rest\/posts$/, { status: 504, body: { status: 504, message: 'Gateway Timeout' } });
    await publishDue();
    const post = await onlyPost();
    expect(post.status).toBe('unknown');
    expect(lastNotice()).toMatch(/outcome unknown[\s\S]*\[It is published\]/);
    expect((await app.say(`/schedule retry ${post.id}`)).tone).toBe('error');
    await publishDue(30);
    expect(li.server.count('POST', /^\/rest\/posts$/)).toBe(before + 1);
  });

  it('marks the post sent right before POST /rest/posts, after the harmless image steps; a refused mark sends nothing', async () => {
    const media = li.addMedia('mark.png', PNG);
    const publisher = new LinkedInPublisher(
      { base: li.url, version: '202606' },
      { organizationId: ORG, token: ADMIN_TOKEN },
      new SafeFetch({ allow: new AllowList(['127.0.0.1']) }),
      { maxBytes: 1_000_000, timeoutMs: 5000 },
    );
    const run = async (refuse: boolean) => {
      const from = li.server.requests.length;
      let markAt = -1;
      const outcome = await publisher
        .publish(
          {
            id: 1,
            channel: 'linkedin',
            content: 'Marked',
            title: null,
            media: [{ url: media, kind: 'image' }],
            publishAt: new Date(),
            idempotencyKey: 'k',
          },
          {
            state: {},
            saveState: async () => {},
            sending: async () => {
              markAt = li.server.requests.length;
              if (refuse) throw new Error('not now');
            },
            now: () => new Date(),
            sleep: async () => {},
          },
        )
        .catch((e: unknown) => e);
      const calls = li.server.requests.map((r) => `${r.method} ${r.path}`);
      return { outcome, before: calls.slice(from, markAt), after: calls.slice(markAt) };
    };
    const ok = await run(false);
    expect(ok.outcome).not.toBeInstanceOf(Error);
    expect(ok.before).toContain('POST /rest/images');
    expect(ok.before).not.toContain('POST /rest/posts');
    expect(ok.after).toEqual(['POST /rest/posts']);
    const refused = await run(true);
    expect((refused.outcome as Error).message).toBe('not now');
    expect(refused.after).toEqual([]);
  });
});
