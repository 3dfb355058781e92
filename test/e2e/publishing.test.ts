import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { GraphClient } from '../../integrations/facebook/graph.js';
import { FacebookPublisher } from '../../integrations/facebook/publisher.js';
import { MailchimpClient } from '../../integrations/mailchimp/publisher.js';
import { PublishError } from '../../integrations/publisher.js';
import type { Dispatcher } from '../../src/publishing/dispatcher.js';
import { FakeMailchimp } from '../fakes/mailchimp.js';
import { FakeMetaGraph } from '../fakes/meta-graph.js';
import { FakeYoutube } from '../fakes/youtube.js';
import { createTestApp, identity, type TestApp, textOf } from '../helpers/app.js';
import { dispatcherFor } from '../helpers/dispatcher.js';
import { usePostgres } from '../helpers/pg.js';

const PAGE_TOKEN = 'EAAGpage-token-123';
const IG_TOKEN = 'EAAGig-token-456';
const YT_TOKEN = 'ya29.youtube-token';
const MC_KEY = '0123456789abcdef-us19';

describe('publishing end to end against local fakes', () => {
  const meta = new FakeMetaGraph();
  const yt = new FakeYoutube();
  const mc = new FakeMailchimp();
  let app: TestApp;
  let dispatcher: Dispatcher;

  beforeAll(async () => {
    await Promise.all([meta.start(), yt.start(), mc.start()]);
    meta.addPage('111', PAGE_TOKEN, 'Cold Brew Co');
    meta.addInstagram('178414', IG_TOKEN, 'coldbrewco');
    yt.addChannel('UCabc', YT_TOKEN, 'Cold Brew TV');
    mc.addKey(MC_KEY);
    mc.addList('list1', 'Customers', 'Cold Brew Co', 'hello@coldbrew.example');
  });
  afterAll(async () => {
    await Promise.all([meta.close(), yt.close(), mc.close()]);
  });

  beforeEach(async () => {
    app = await createTestApp({
      META_GRAPH_URL: meta.url,
      YOUTUBE_API_URL: yt.url,
      MAILCHIMP_API_URL: mc.url,
      OUTBOUND_ALLOW_HOSTS: '127.0.0.1',
    });
    app.clock.set('2026-11-26T09:00:00Z');
    yt.now = () => app.clock.now();
    mc.now = () => app.clock.now();
    dispatcher = dispatcherFor(app);
  });
  afterEach(async () => {
    await app.cleanup();
  });

  const lastNotice = () => textOf(app.recorder.notices.at(-1)?.reply ?? { blocks: [] });
  const onlyPost = () => app.services.db.scheduledPost.findFirstOrThrow();

  it('refuses a bad token without storing or echoing it, and stores a good one sealed', async () => {
    const bad = await app.say('/connect facebook account:111 token:EAAGwrong-token-999');
    expect(bad.tone).toBe('error');
    expect(textOf(bad)).toMatch(/refused the token[\s\S]*190/);
    expect(textOf(bad)).not.toContain('EAAGwrong-token-999');
    expect(await app.services.db.integration.count()).toBe(0);

    const good = await app.say(`/connect facebook account:111 token:${PAGE_TOKEN}`);
    expect(good.ephemeral).toBe(true);
    expect(textOf(good)).toContain('Cold Brew Co');
    expect(textOf(good)).not.toContain(PAGE_TOKEN);
    const row = await app.services.db.integration.findFirstOrThrow();
    expect(row.credentials).not.toContain(PAGE_TOKEN);
    expect(row.credentials.startsWith('v1:')).toBe(true);
    // The generated key file sits next to the SQLite file; PostgreSQL test apps get ENCRYPTION_KEY.
    if (!usePostgres) {
      const keyFile = path.join(app.dir, 'encryption.key');
      expect(statSync(keyFile).mode & 0o777).toBe(0o600);
      expect(readFileSync(keyFile, 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);
    }
    const audit = JSON.stringify(await app.services.db.auditLog.findMany());
    expect(audit).not.toContain(PAGE_TOKEN);

    const status = textOf(await app.say('/connect status'));
    expect(status).toMatch(/Facebook.*111.*ok/);
    expect(status).toMatch(/Instagram.*not connected/);
  });

  it('Facebook: publishes the page post once and links to it', async () => {
    await app.say(`/connect facebook account:111 token:${PAGE_TOKEN}`);
    await app.say('/schedule facebook in 10 minutes | Our new cold brew is here');
    app.clock.advance(10 * 60_000);
    await dispatcher.tick();
    await dispatcher.tick();
    const made = meta.posts.filter((p) => p.message === 'Our new cold brew is here');
    expect(made).toHaveLength(1);
    const post = await onlyPost();
    expect(post).toMatchObject({
      status: 'published',
      externalId: made[0]?.id,
      url: `https://www.facebook.com/${made[0]?.id}`,
    });
    expect(lastNotice()).toContain(`https://www.facebook.com/${made[0]?.id}`);
  });

  it('Facebook: a refused token fails the post, marks the integration for reconnecting and tells the team', async () => {
    meta.addPage('222', 'EAAGshort-lived');
    await app.say('/connect facebook account:222 token:EAAGshort-lived');
    await app.say('/schedule facebook in 10 minutes | Expired token post');
    meta.revoke('EAAGshort-lived');
    app.clock.advance(10 * 60_000);
    await dispatcher.tick();
    expect((await onlyPost()).status).toBe('failed');
    expect(lastNotice()).toMatch(/connection needs to be renewed[\s\S]*\/connect facebook/);
    expect(textOf(await app.say('/connect status'))).toMatch(/Facebook.*222.*needs reconnecting/);
  });

  it('Facebook: a timeout after the request was sent is unknown, even though the post exists', async () => {
    meta.server.hangAfterActing('POST', /\/111\/feed$/);
    const publisher = new FacebookPublisher(meta.url, { pageId: '111', token: PAGE_TOKEN }, undefined, 300);
    const before = meta.posts.length;
    let marked = 0;
    const err = await publisher
      .publish(
        {
          id: 1,
          channel: 'facebook',
          content: 'hang',
          title: null,
          media: [],
          publishAt: new Date(),
          idempotencyKey: 'k',
        },
        { sending: async () => void marked++ },
      )
      .catch((e: unknown) => e);
    expect(marked).toBe(1);
    expect(err).toBeInstanceOf(PublishError);
    expect((err as PublishError).outcome).toBe('unknown');
    expect(meta.posts.length).toBe(before + 1);
  });

  it('Instagram: container, status, quota, media_publish once, then the permalink', async () => {
    await app.say(`/connect instagram account:178414 token:${IG_TOKEN}`);
    await app.say('/schedule instagram in 5 minutes media:https://cdn.example.com/cup.jpg | Cold brew season #coffee');
    app.clock.advance(5 * 60_000);
    await dispatcher.tick();
    const post = await onlyPost();
    expect(post.status).toBe('published');
    expect(meta.server.count('POST', /media_publish$/)).toBe(1);
    expect(meta.server.count('GET', /content_publishing_limit$/)).toBe(1);
    expect(post.providerState).toMatchObject({ containerId: expect.any(String), mediaId: post.externalId });
    expect(post.url).toBe(`https://www.instagram.com/p/${post.externalId}/`);
    expect(meta.media.at(-1)?.caption).toBe('Cold brew season #coffee');
  });

  it('Instagram: the first comment follows the post once, and a refused one leaves the post published with a note', async () => {
    await app.say(`/connect instagram account:178414 token:${IG_TOKEN}`);
    const scheduled = textOf(
      await app.say(
        '/schedule instagram in 5 minutes media:https://cdn.example.com/cup.jpg first_comment:"#coldbrew #riyadh" | Cold brew season',
      ),
    );
    expect(scheduled).toContain('First comment: #coldbrew #riyadh');
    app.clock.advance(5 * 60_000);
    await dispatcher.tick();
    const post = await onlyPost();
    expect(post.status).toBe('published');
    const mine = () => meta.comments.filter((c) => c.objectId === post.externalId && c.ownerId === '178414');
    expect(mine().map((c) => c.message)).toEqual(['#coldbrew #riyadh']);
    expect(post.providerState).toMatchObject({ firstCommentId: mine()[0]?.id });
    // "Publish again" after an unknown outcome: neither the post nor its comment goes twice.
    const publishes = meta.server.count('POST', /media_publish$/);
    await app.services.db.scheduledPost.update({ where: { id: post.id }, data: { status: 'unknown' } });
    await app.say(`/schedule resolve ${post.id} retry`);
    await dispatcher.tick();
    expect(meta.server.count('POST', /media_publish$/)).toBe(publishes);
    expect(mine()).toHaveLength(1);

    meta.failMediaComments = true;
    try {
      await app.say(
        '/schedule instagram in 5 minutes media:https://cdn.example.com/b.jpg first_comment:"Link in bio" | Second',
      );
      app.clock.advance(5 * 60_000);
      await dispatcher.tick();
    } finally {
      meta.failMediaComments = false;
    }
    const second = await app.services.db.scheduledPost.findFirstOrThrow({ where: { content: 'Second' } });
    expect(second.status).toBe('published');
    expect(lastNotice()).toContain('Published, but its first comment was not posted');
    expect(lastNotice()).toContain('Comments are disabled for this media');
  });

  it('refuses a first comment on a network that takes none', async () => {
    const r = textOf(await app.say('/schedule facebook in 5 minutes first_comment:"#tags" | Hello'));
    expect(r).toContain('Facebook posts take no first comment: only Instagram posts one right after the post.');
    expect(await app.services.db.scheduledPost.count()).toBe(0);
  });

  it('Instagram: a retry that finds the container PUBLISHED reports success without publishing again', async () => {
    await app.say(`/connect instagram account:178414 token:${IG_TOKEN}`);
    await app.say('/schedule instagram in 5 minutes media:https://cdn.example.com/a.jpg | First try');
    app.clock.advance(5 * 60_000);
    await dispatcher.tick();
    const publishes = meta.server.count('POST', /media_publish$/);
    // As if the outcome had been unknown and someone pressed "publish again".
    const done = await onlyPost();
    await app.services.db.scheduledPost.update({ where: { id: done.id }, data: { status: 'unknown' } });
    expect((await app.say(`/schedule resolve ${done.id} retry`)).tone).toBe('success');
    await dispatcher.tick();
    expect(meta.server.count('POST', /media_publish$/)).toBe(publishes);
    expect((await onlyPost()).status).toBe('published');
  });

  it('Instagram: a video is polled until FINISHED; a container in ERROR fails with the reason', async () => {
    await app.say(`/connect instagram account:178414 token:${IG_TOKEN}`);
    await app.say('/schedule instagram in 5 minutes media:https://cdn.example.com/clip.mp4 | Reel');
    meta.videoPolls = 3;
    app.clock.advance(5 * 60_000);
    await dispatcher.tick();
    expect((await onlyPost()).status).toBe('published');

    meta.nextContainerStatus = 'ERROR';
    await app.say('/schedule instagram in 5 minutes media:https://cdn.example.com/broken.jpg | Broken');
    app.clock.advance(5 * 60_000);
    await dispatcher.tick();
    meta.nextContainerStatus = undefined;
    const broken = await app.services.db.scheduledPost.findFirstOrThrow({ where: { content: 'Broken' } });
    expect(broken.status).toBe('failed');
    expect(lastNotice()).toMatch(/could not process the media \(ERROR/);
  });

  it('the Graph fake refuses media_publish before the container is FINISHED', async () => {
    const graph = new GraphClient(meta.url, IG_TOKEN);
    const c = await graph.post(
      '178414/media',
      { video_url: 'https://cdn.example.com/v.mp4', media_type: 'REELS' },
      z.object({ id: z.string() }),
      true,
    );
    const err = await graph
      .post('178414/media_publish', { creation_id: c.id }, z.object({ id: z.string() }), false)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PublishError);
    expect((err as Error).message).toMatch(/9007\/2207027/);
  });

  it('YouTube: uploads ahead of time as private with publishAt so YouTube holds the schedule', async () => {
    const url = yt.addMedia('launch.mp4', new Uint8Array(4096).fill(7));
    const bad = await app.say('/connect youtube account:UCabc token:ya29.nope');
    expect(textOf(bad)).toMatch(/refused the token/);
    await app.say(`/connect youtube account:UCabc token:${YT_TOKEN}`);
    await app.say(`/schedule youtube 2026-11-26 11:00 title:"Launch day" media:${url} | Our launch video`);
    app.clock.set('2026-11-26T10:40:00Z'); // inside the hand-over window
    await dispatcher.tick();
    expect(yt.videos).toHaveLength(1);
    expect(yt.videos[0]).toMatchObject({
      title: 'Launch day',
      privacyStatus: 'private',
      publishAt: '2026-11-26T11:00:00.000Z',
      bytes: 4096,
    });
    const post = await onlyPost();
    expect(post).toMatchObject({ status: 'published', url: `https://www.youtube.com/watch?v=${yt.videos[0]?.id}` });
    expect(lastNotice()).toMatch(/holds it and releases it at Thu,? 26 Nov 2026, 11:00/);
  });

  it('Mailchimp: create, content, schedule on the quarter hour; a 503 with Retry-After is retried without a second campaign', async () => {
    await app.say(`/connect mailchimp account:list1 token:${MC_KEY}`);
    await app.say('/schedule mailchimp 2026-11-26 12:00 title:"December news" | Hello from Cold Brew Co');
    app.clock.set('2026-11-26T11:40:00Z');
    mc.server.failNext('POST', /actions\/schedule$/, {
      status: 503,
      headers: { 'retry-after': '120', 'content-type': 'application/problem+json' },
      body: { title: 'Service Unavailable', status: 503, detail: 'try later' },
    });
    await dispatcher.tick();
    let post = await onlyPost();
    expect(post.status).toBe('pending');
    expect(post.nextAttemptAt?.toISOString()).toBe('2026-11-26T11:42:00.000Z');
    expect(mc.campaigns.size).toBe(1);
    app.clock.advance(121_000);
    await dispatcher.tick();
    post = await onlyPost();
    expect(post.status).toBe('published');
    expect(mc.campaigns.size).toBe(1);
    const campaign = [...mc.campaigns.values()][0];
    expect(campaign).toMatchObject({ status: 'schedule', send_time: '2026-11-26T12:00:00.000Z' });
    expect(campaign?.settings).toMatchObject({
      subject_line: 'December news',
      from_name: 'Cold Brew Co',
      reply_to: 'hello@coldbrew.example',
    });
    expect(post.providerState).toEqual({ campaignId: campaign?.id });
  });

  it('the Mailchimp fake refuses a schedule_time off the quarter hour and a bad key', async () => {
    const client = new MailchimpClient({ apiKey: MC_KEY }, mc.url);
    const created = await client.call(
      'POST',
      'campaigns',
      {
        type: 'regular',
        recipients: { list_id: 'list1' },
        settings: { subject_line: 's', from_name: 'f', reply_to: 'r@x.example' },
      },
      z.object({ id: z.string() }),
      true,
    );
    const id = created.data?.id;
    await client.call('PUT', `campaigns/${id}/content`, { html: '<p>x</p>' }, z.unknown(), true);
    const off = await client
      .call('POST', `campaigns/${id}/actions/schedule`, { schedule_time: '2099-01-01T10:10:00Z' }, z.unknown(), true)
      .catch((e: unknown) => e);
    expect((off as Error).message).toMatch(/400.*quarter-hour/);
    const wrongKey = new MailchimpClient({ apiKey: 'bad-us19' }, mc.url);
    const denied = await wrongKey.call('GET', 'ping', undefined, z.unknown(), true).catch((e: unknown) => e);
    expect((denied as PublishError).reauth).toBe(true);
  });

  it('reminder: posts the content in the team channel at the due time, once', async () => {
    await app.say('/schedule reminder in 1 hour title:"Story" | Post the behind-the-scenes story');
    await dispatcher.tick();
    expect(app.recorder.notices).toHaveLength(0);
    app.clock.advance(3_600_000);
    await dispatcher.tick();
    await dispatcher.tick();
    expect(app.recorder.notices).toHaveLength(1);
    expect(lastNotice()).toMatch(/Reminder: time to post #1[\s\S]*behind-the-scenes[\s\S]*by hand/);
    expect((await onlyPost()).status).toBe('published');
  });

  describe("the send mark comes right before each network's irreversible call (issue 24)", () => {
    const base = { id: 1, title: null, publishAt: new Date('2026-11-26T09:00:00Z'), idempotencyKey: 'k' };
    const cases = [
      {
        name: 'Facebook text: /feed',
        connect: `/connect facebook account:111 token:${PAGE_TOKEN}`,
        provider: 'facebook' as const,
        server: () => meta.server,
        post: { ...base, channel: 'facebook', content: 'Mark me', media: [] },
        irreversible: ['POST /v21.0/111/feed'],
      },
      {
        name: 'Facebook photos: unpublished photos first, then /feed',
        connect: `/connect facebook account:111 token:${PAGE_TOKEN}`,
        provider: 'facebook' as const,
        server: () => meta.server,
        post: {
          ...base,
          channel: 'facebook',
          content: 'Two photos',
          media: [
            { url: 'https://cdn.example.com/a.jpg', kind: 'image' as const },
            { url: 'https://cdn.example.com/b.jpg', kind: 'image' as const },
          ],
        },
        irreversible: ['POST /v21.0/111/feed'],
      },
      {
        name: 'Instagram: container, status and quota first, then media_publish',
        connect: `/connect instagram account:178414 token:${IG_TOKEN}`,
        provider: 'instagram' as const,
        server: () => meta.server,
        post: {
          ...base,
          channel: 'instagram',
          content: 'Mark me #coffee',
          media: [{ url: 'https://cdn.example.com/cup.jpg', kind: 'image' as const }],
        },
        irreversible: ['POST /v21.0/178414/media_publish'],
      },
      {
        name: 'Mailchimp: campaign and content first, then the schedule action',
        connect: `/connect mailchimp account:list1 token:${MC_KEY}`,
        provider: 'mailchimp' as const,
        server: () => mc.server,
        post: {
          ...base,
          channel: 'mailchimp',
          content: 'Hello',
          title: 'Subject',
          publishAt: new Date('2026-11-26T12:00:00Z'),
          media: [],
        },
        irreversible: [/^POST \/3\.0\/campaigns\/[^/]+\/actions\/schedule$/],
      },
      {
        name: 'YouTube: download and session first, then the bytes',
        connect: `/connect youtube account:UCabc token:${YT_TOKEN}`,
        provider: 'youtube' as const,
        server: () => yt.server,
        post: {
          ...base,
          channel: 'youtube',
          content: 'Video',
          title: 'Launch',
          media: [{ url: 'MEDIA', kind: 'video' as const }],
        },
        irreversible: ['PUT /upload/youtube/v3/videos'],
      },
    ];

    async function publishWatched(c: (typeof cases)[number], refuse: boolean) {
      expect((await app.say(c.connect)).tone).not.toBe('error');
      const ws = await app.services.db.workspace.findFirstOrThrow();
      const integration = await app.services.integrations.find(ws.id, c.provider);
      const publisher = app.services.integrations.publisherFor(integration as NonNullable<typeof integration>);
      expect(publisher.marksSending).toBe(true);
      const media = c.post.media.map((m) =>
        m.url === 'MEDIA' ? { ...m, url: yt.addMedia('mark.mp4', new Uint8Array(2048).fill(3)) } : m,
      );
      const server = c.server();
      const from = server.requests.length;
      const marks: number[] = [];
      const outcome = await publisher
        .publish(
          { ...c.post, media },
          {
            state: {},
            saveState: async () => {},
            sending: async () => {
              marks.push(server.requests.length);
              if (refuse) throw new Error('not now');
            },
            now: () => app.clock.now(),
            sleep: async () => {},
          },
        )
        .catch((e: unknown) => e);
      const calls = server.requests.slice(from).map((r) => `${r.method} ${r.path}`);
      const at = (marks[0] ?? from) - from;
      return { outcome, marks, before: calls.slice(0, at), after: calls.slice(at) };
    }

    const isIrreversible = (c: (typeof cases)[number], call: string) =>
      c.irreversible.some((x) => (typeof x === 'string' ? x === call : x.test(call)));

    it.each(cases)('$name', async (c) => {
      const r = await publishWatched(c, false);
      expect(r.outcome).not.toBeInstanceOf(Error);
      expect(r.marks).toHaveLength(1);
      expect(r.before.filter((call) => isIrreversible(c, call))).toEqual([]);
      expect(isIrreversible(c, r.after[0] ?? '')).toBe(true);
    });

    it.each(cases)('$name: a refused mark sends nothing irreversible', async (c) => {
      const r = await publishWatched(c, true);
      expect((r.outcome as Error).message).toBe('not now');
      expect(r.after).toEqual([]);
    });
  });

  describe('the account a post was scheduled for (issue 24)', () => {
    const TEA_TOKEN = 'EAAGpage-token-tea';
    beforeAll(() => meta.addPage('222', TEA_TOKEN, 'Tea House'));

    it('publishes as the page it was scheduled for, even after another page is connected', async () => {
      await app.say(`/connect facebook account:111 token:${PAGE_TOKEN}`);
      await app.say('/schedule facebook in 10 minutes | Scheduled while only 111 was connected');
      app.clock.advance(60_000);
      // Connected later, so it is the most recently updated account of the network.
      expect((await app.say(`/connect facebook account:222 token:${TEA_TOKEN}`)).tone).toBe('success');
      app.clock.advance(9 * 60_000);
      await dispatcher.tick();
      const made = meta.posts.filter((p) => p.message === 'Scheduled while only 111 was connected');
      expect(made.map((p) => p.pageId)).toEqual(['111']);
      expect((await onlyPost()).status).toBe('published');
    });

    it('fails with the reason when that account is no longer connected, and publishes nothing', async () => {
      await app.say(`/connect facebook account:111 token:${PAGE_TOKEN}`);
      await app.say(`/connect facebook account:222 token:${TEA_TOKEN}`);
      await app.say('/schedule facebook in 10 minutes account:111 | Page 111 only');
      await app.services.db.integration.deleteMany({ where: { accountId: '111' } });
      app.clock.advance(10 * 60_000);
      await dispatcher.tick();
      expect(meta.posts.filter((p) => p.message === 'Page 111 only')).toEqual([]);
      const post = await onlyPost();
      expect(post.status).toBe('failed');
      expect(JSON.parse(post.lastError ?? '')).toEqual({
        code: 'accountGone',
        params: { provider: 'facebook', account: '111' },
      });
      expect(lastNotice()).toMatch(/The Facebook account 111 this post was scheduled for is no longer connected/);
    });

    it('a post from before accounts were recorded still goes through the most recently updated account', async () => {
      await app.say(`/connect facebook account:111 token:${PAGE_TOKEN}`);
      await app.say(`/connect facebook account:222 token:${TEA_TOKEN}`);
      const ws = await app.services.db.workspace.findFirstOrThrow();
      await app.services.db.scheduledPost.create({
        data: {
          workspaceId: ws.id,
          channel: 'facebook',
          content: 'An older post',
          publishAt: app.clock.now(),
          idempotencyKey: 'legacy-1',
        },
      });
      await dispatcher.tick();
      expect(meta.posts.filter((p) => p.message === 'An older post').map((p) => p.pageId)).toEqual(['222']);
    });
  });

  it('a post to an unconnected channel fails with what to do', async () => {
    await app.say('/schedule facebook in 5 minutes | Nobody connected me');
    app.clock.advance(5 * 60_000);
    await dispatcher.tick();
    expect((await onlyPost()).status).toBe('failed');
    expect(lastNotice()).toMatch(/Facebook is not connected[\s\S]*\/connect facebook/);
  });

  describe('failed posts stay visible until someone acts (issue 22)', () => {
    const failUnconnected = async (line: string) => {
      await app.say(line);
      app.clock.advance(5 * 60_000);
      await dispatcher.tick();
      return onlyPost();
    };

    it('an unconnected Facebook post fails, stays in /schedule list with its reason, and Retry publishes it once', async () => {
      const failed = await failUnconnected('/schedule facebook in 5 minutes | Retry me');
      expect(failed.status).toBe('failed');
      const notice = app.recorder.notices.at(-1)?.reply;
      const buttons = notice?.blocks.flatMap((b) => (b.kind === 'actions' ? b.actions : [])) ?? [];
      expect(buttons.map((b) => [b.id, b.payload])).toEqual([['schedule.retry', String(failed.id)]]);

      // Hours later, it is still listed, with the reason and a Retry button.
      app.clock.advance(3 * 3600_000);
      const list = await app.say('/schedule list');
      expect(textOf(list)).toMatch(
        new RegExp(`Needs attention[\\s\\S]*#${failed.id} Facebook · failed · Retry me · Facebook is not connected`),
      );
      expect(textOf(list)).toContain(`[Retry #${failed.id}]`);

      await app.say(`/connect facebook account:111 token:${PAGE_TOKEN}`);
      const retried = await app.router.press('schedule.retry', String(failed.id), identity());
      expect(retried.tone).toBe('success');
      expect(await onlyPost()).toMatchObject({ status: 'pending', attempts: 0 });
      await dispatcher.tick();
      await dispatcher.tick();
      expect(meta.posts.filter((p) => p.message === 'Retry me')).toHaveLength(1);
      expect(await onlyPost()).toMatchObject({ status: 'published', attempts: 1 });
      expect(textOf(await app.say('/schedule list'))).not.toContain('Retry me');
      // Retrying a published post is refused and sends nothing.
      expect((await app.say(`/schedule retry ${failed.id}`)).tone).toBe('error');
      await dispatcher.tick();
      expect(meta.posts.filter((p) => p.message === 'Retry me')).toHaveLength(1);
    });

    it('/schedule retry N works like the button, and /schedule cancel N dismisses a failed post', async () => {
      const first = await failUnconnected('/schedule facebook in 5 minutes | Typed retry');
      expect(textOf(await app.say(`/schedule retry ${first.id}`))).toMatch(/back in the queue/);
      await dispatcher.tick();
      // Still not connected: it fails again, and is listed again.
      expect((await onlyPost()).status).toBe('failed');
      expect(textOf(await app.say('/schedule list'))).toContain('Typed retry');
      expect((await app.say(`/schedule cancel ${first.id}`)).tone).toBe('success');
      expect((await onlyPost()).status).toBe('cancelled');
      expect(textOf(await app.say('/schedule list'))).not.toContain('Typed retry');
    });

    it('a post whose outcome is unknown is never re-sent by retry: it keeps its two buttons', async () => {
      await app.say(`/connect facebook account:111 token:${PAGE_TOKEN}`);
      await app.say('/schedule facebook in 5 minutes | Maybe live');
      const feedCalls = meta.server.count('POST', /\/111\/feed$/);
      meta.server.failNext('POST', /\/111\/feed$/, {
        status: 500,
        body: { error: { code: 2, message: 'Service temporarily unavailable' } },
      });
      app.clock.advance(5 * 60_000);
      await dispatcher.tick();
      const post = await onlyPost();
      expect(post.status).toBe('unknown');
      expect(textOf(app.recorder.notices.at(-1)?.reply ?? { blocks: [] })).toMatch(
        /\[It is published\][\s\S]*\[It is not: publish again\]/,
      );
      const refused = await app.say(`/schedule retry ${post.id}`);
      expect(refused.tone).toBe('error');
      expect(textOf(refused)).toMatch(/outcome unknown[\s\S]*\/schedule resolve/);
      expect((await app.router.press('schedule.retry', String(post.id), identity())).tone).toBe('error');
      await dispatcher.tick();
      expect((await onlyPost()).status).toBe('unknown');
      expect(meta.server.count('POST', /\/111\/feed$/)).toBe(feedCalls + 1);
      const list = textOf(await app.say('/schedule list'));
      expect(list).toMatch(/Needs attention[\s\S]*Maybe live/);
      expect(list).not.toContain(`[Retry #${post.id}]`);
    });

    it('in Arabic: the list explains how to act, and the retry answer reads naturally', async () => {
      await app.say('/config lang ar');
      const failed = await failUnconnected('/schedule facebook in 5 minutes | منشور للتجربة');
      // Without the direction isolates that keep ids and commands readable inside Arabic text.
      const list = textOf(await app.say('/schedule list')).replace(/[\u2066-\u2069]/g, '');
      expect(list).toContain('يحتاج إلى متابعة');
      // A real number to type, not a placeholder: the failed post's own.
      expect(list).toContain(`/schedule retry ${failed.id}`);
      expect(list).not.toMatch(/\bN\b/);
      expect(list).toContain(`إعادة المحاولة #${failed.id}`);
      expect(textOf(await app.say(`/schedule retry ${failed.id}`))).toContain('أُعيد المنشور');
    });
  });
});
