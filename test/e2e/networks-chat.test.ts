/**
 * LinkedIn and X from Slack and from Discord: the real adapters (Bolt over signed HTTP, discord.js
 * over the fake gateway) take /connect and /schedule, the dispatcher publishes through the fake
 * networks, and a failed post's Retry button re-queues it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiscordAdapter } from '../../src/adapters/discord/adapter.js';
import type { SlackAdapter } from '../../src/adapters/slack/adapter.js';
import type { Dispatcher } from '../../src/publishing/dispatcher.js';
import { FakeDiscord, type RecordedRequest } from '../fakes/discord.js';
import { FakeLinkedIn } from '../fakes/linkedin.js';
import {
  blockActionPayload,
  FakeSlack,
  interactionBody,
  signedPost,
  slashCommandBody,
  type Wire,
} from '../fakes/slack.js';
import { FakeTiktok } from '../fakes/tiktok.js';
import { FakeX } from '../fakes/x.js';
import { createTestApp, settledPosts, type TestApp } from '../helpers/app.js';
import { startDiscordAdapter } from '../helpers/discord.js';
import { ADMIN_TOKEN, dispatcherFor, NO_WRITE_TOKEN, ORG, seedLinkedIn } from '../helpers/linkedin.js';
import { startSlack } from '../helpers/slack-adapter.js';
import { MP4, seedTiktok, TT_TOKEN, TT_USER } from '../helpers/tiktok.js';
import { seedX, X_HANDLE, X_TOKEN } from '../helpers/x.js';

const li = new FakeLinkedIn();
const xapi = new FakeX();
const tt = new FakeTiktok();
beforeAll(async () => {
  await Promise.all([li.start(), xapi.start(), tt.start()]);
  seedLinkedIn(li);
  seedX(xapi);
  seedTiktok(tt);
});
afterAll(() => Promise.all([li.close(), xapi.close(), tt.close()]));
/** X refuses the same text twice on one account, so each platform's thread is its own. */
const thread = (from: string) => [`Thread from ${from}, part one.`, `And part two (${from}).`];

const textOf = (posts: readonly { text: string }[]) => posts.map((p) => p.text);

/** The post with exactly this text, once settled (test/helpers/app.ts, settledPosts). */
const settledPost = async (app: TestApp, content: string) => (await settledPosts(app, content))[0];

describe('LinkedIn from Slack', () => {
  const SECRET = 'test-signing-secret';
  let fake: FakeSlack;
  let app: TestApp;
  let adapter: SlackAdapter;
  let events: string;
  let dispatcher: Dispatcher;

  beforeAll(async () => {
    fake = await new FakeSlack().start();
    app = await createTestApp({
      SLACK_BOT_TOKEN: fake.botToken,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: fake.apiUrl,
      PORT: '0',
      LINKEDIN_API_URL: li.url,
      X_API_URL: xapi.url,
      TIKTOK_API_URL: tt.url,
    });
    ({ adapter, events } = await startSlack(app));
    dispatcher = dispatcherFor(app);
  });
  afterAll(async () => {
    await adapter?.stop();
    await app?.cleanup();
    await fake?.stop();
  });

  const answerText = (body: Record<string, unknown>) => {
    const parts = [String(body.text ?? '')];
    for (const b of (body.blocks ?? []) as Wire[]) {
      if (b.text?.text) parts.push(b.text.text);
      for (const f of b.fields ?? []) parts.push(f.text);
    }
    return parts.join('\n');
  };
  async function slash(name: string, text: string): Promise<string> {
    const responseUrl = fake.responseUrl();
    const body = slashCommandBody({ command: name, text, response_url: responseUrl, trigger_id: fake.triggerId() });
    expect((await signedPost(events, body, { secret: SECRET })).status).toBe(200);
    // Slow work first shows "Working on…", then replaces it with the result.
    const done = (r: Record<string, unknown>) => !answerText(r).startsWith('Working on');
    const answers = await fake.until(() => {
      const all = fake.responsesTo(responseUrl);
      return all.some(done) ? all : undefined;
    });
    return answerText(answers.find(done) ?? {});
  }

  it('connects, schedules and publishes a LinkedIn post typed in Slack', async () => {
    expect(await slash('/connect', `linkedin account:${ORG} token:${ADMIN_TOKEN}`)).toContain('Cold Brew Co');
    expect(await slash('/schedule', 'linkedin in 10 minutes | Hello from Slack #ColdBrew')).toContain(
      'Scheduled for LinkedIn',
    );
    app.clock.advance(10 * 60_000);
    await dispatcher.tick();
    await settledPost(app, 'Hello from Slack #ColdBrew');
    expect(textOf(li.posts)).toContain('Hello from Slack #ColdBrew');
    const post = await app.services.db.scheduledPost.findFirstOrThrow({
      where: { content: 'Hello from Slack #ColdBrew' },
    });
    expect(post?.status).toBe('published');
  });

  it('connects X and publishes a thread typed in Slack', async () => {
    expect(await slash('/connect', `x account:@${X_HANDLE} token:${X_TOKEN}`)).toContain('@ColdBrewCo');
    expect(await slash('/schedule', `x in 10 minutes | ${thread('Slack').join('\n---\n')}`)).toContain(
      'Scheduled for X',
    );
    app.clock.advance(10 * 60_000);
    await dispatcher.tick();
    await settledPost(app, thread('Slack').join('\n---\n'));
    const made = xapi.posts.slice(-2);
    expect(made.map((p) => p.text)).toEqual(thread('Slack'));
    expect(made[1]?.replyTo).toBe(made[0]?.id);
  });

  it('connects TikTok and publishes a video scheduled in Slack', async () => {
    expect(await slash('/connect', `tiktok account:@${TT_USER} token:${TT_TOKEN}`)).toContain('@coldbrewco');
    const video = tt.addMedia('slack.mp4', MP4);
    expect(await slash('/schedule', `tiktok in 10 minutes media:${video} | From Slack`)).toContain(
      'Scheduled for TikTok',
    );
    app.clock.advance(10 * 60_000);
    await dispatcher.tick();
    const post = await settledPost(app, 'From Slack');
    expect(tt.publishes.find((p) => p.title === 'From Slack')?.status).toBe('PUBLISH_COMPLETE');
    expect(post?.status).toBe('published');
  });

  it('a failed post is retried with the Retry button', async () => {
    await slash('/connect', `linkedin account:${ORG} token:${NO_WRITE_TOKEN}`);
    await slash('/schedule', 'linkedin in 10 minutes | Retried from Slack');
    app.clock.advance(10 * 60_000);
    await dispatcher.tick();
    const post = await settledPost(app, 'Retried from Slack');
    expect(post?.status).toBe('failed');
    expect(await slash('/schedule', 'list')).toMatch(
      /Retried from Slack · The LinkedIn connection lacks the permission to publish/,
    );
    await slash('/connect', `linkedin account:${ORG} token:${ADMIN_TOKEN}`);
    const pressUrl = fake.responseUrl();
    const press = await signedPost(
      events,
      interactionBody(
        blockActionPayload({
          actionId: 'schedule.retry',
          value: String(post?.id),
          responseUrl: pressUrl,
          triggerId: fake.triggerId(),
        }),
      ),
      { secret: SECRET },
    );
    expect(press.status).toBe(200);
    const [pressed] = await fake.until(() =>
      fake.responsesTo(pressUrl).length > 0 ? fake.responsesTo(pressUrl) : undefined,
    );
    expect(answerText(pressed ?? {})).toContain('back in the queue');
    await dispatcher.tick();
    await settledPost(app, 'Retried from Slack');
    expect(textOf(li.posts).filter((t) => t === 'Retried from Slack')).toHaveLength(1);
  });
});

describe('LinkedIn from Discord', () => {
  const MANAGE_SERVER = String(1 << 5);
  let fake: FakeDiscord;
  let app: TestApp;
  let adapter: DiscordAdapter;
  let dispatcher: Dispatcher;

  beforeAll(async () => {
    fake = new FakeDiscord();
    await fake.start();
    app = await createTestApp({
      DISCORD_TOKEN: fake.token,
      DISCORD_APP_ID: fake.appId,
      DISCORD_API_URL: fake.api,
      LINKEDIN_API_URL: li.url,
      X_API_URL: xapi.url,
      TIKTOK_API_URL: tt.url,
    });
    adapter = await startDiscordAdapter(app, { budgetMs: 800 });
    dispatcher = dispatcherFor(app);
  });
  afterAll(async () => {
    await adapter?.stop();
    await app?.cleanup();
    await fake?.stop();
  });

  /** The interaction's answer: the callback, or the edit that replaces a deferred one. */
  async function answer(payload: { id: string; token: string }): Promise<string> {
    const isCallback = (r: RecordedRequest) => r.path.startsWith(`/api/v10/interactions/${payload.id}/`);
    const callback = await fake.waitFor(isCallback);
    await adapter.idle();
    const body = callback.body as { type: number; data?: { embeds?: Array<Record<string, unknown>> } };
    // 4: a new message; 7: a button's message updated in place. Anything else was deferred.
    if (body.type === 4 || body.type === 7) return JSON.stringify(body.data?.embeds ?? []);
    // A deferred answer edits the original, or (a private answer) replaces it with a follow-up.
    const webhook = `/api/v10/webhooks/${fake.appId}/${payload.token}`;
    const edit = await fake.waitFor(
      (r) =>
        (r.method === 'PATCH' && r.path === `${webhook}/messages/@original`) ||
        (r.method === 'POST' && r.path === webhook),
    );
    return JSON.stringify(edit.body);
  }
  const run = (name: string, sub: string, options: Record<string, string>, over = {}) => {
    const payload = fake.chatInput(
      name,
      [{ name: sub, type: 1, options: Object.entries(options).map(([n, value]) => ({ name: n, type: 3, value })) }],
      { permissions: MANAGE_SERVER, ...over },
    );
    fake.dispatchInteraction(payload);
    return answer(payload);
  };

  it('connects, schedules and publishes a LinkedIn post from slash command options', async () => {
    expect(await run('connect', 'linkedin', { account: ORG, token: ADMIN_TOKEN })).toContain('Cold Brew Co');
    expect(
      await run('schedule', 'add', { channel: 'linkedin', when: 'in 10 minutes', text: 'Hello from Discord (beta)' }),
    ).toContain('Scheduled for LinkedIn');
    app.clock.advance(10 * 60_000);
    await dispatcher.tick();
    await settledPost(app, 'Hello from Discord (beta)');
    expect(textOf(li.posts)).toContain('Hello from Discord (beta)');
  });

  it('connects X and publishes a thread from slash command options', async () => {
    expect(await run('connect', 'x', { account: X_HANDLE, token: X_TOKEN })).toContain('@ColdBrewCo');
    const text = thread('Discord').join('\n---\n');
    expect(await run('schedule', 'add', { channel: 'x', when: 'in 10 minutes', text })).toContain('Scheduled for X');
    app.clock.advance(10 * 60_000);
    await dispatcher.tick();
    await settledPost(app, thread('Discord').join('\n---\n'));
    const made = xapi.posts.slice(-2);
    expect(made.map((p) => p.text)).toEqual(thread('Discord'));
    expect(made[1]?.replyTo).toBe(made[0]?.id);
  });

  it('connects TikTok and publishes a video scheduled from slash command options', async () => {
    expect(await run('connect', 'tiktok', { account: TT_USER, token: TT_TOKEN })).toContain('@coldbrewco');
    const media = tt.addMedia('discord.mp4', MP4);
    expect(
      await run('schedule', 'add', { channel: 'tiktok', when: 'in 10 minutes', media, text: 'From Discord' }),
    ).toContain('Scheduled for TikTok');
    app.clock.advance(10 * 60_000);
    await dispatcher.tick();
    const post = await settledPost(app, 'From Discord');
    expect(post?.status).toBe('published');
  });

  it('a failed post is retried with the Retry button', async () => {
    await run('connect', 'linkedin', { account: ORG, token: NO_WRITE_TOKEN });
    await run('schedule', 'add', { channel: 'linkedin', when: 'in 10 minutes', text: 'Retried from Discord' });
    app.clock.advance(10 * 60_000);
    await dispatcher.tick();
    const post = await app.services.db.scheduledPost.findFirstOrThrow({ where: { content: 'Retried from Discord' } });
    expect(post?.status).toBe('failed');
    await run('connect', 'linkedin', { account: ORG, token: ADMIN_TOKEN });
    const press = fake.button(`schedule.retry|${post.id}`, { permissions: MANAGE_SERVER });
    fake.dispatchInteraction(press);
    expect(await answer(press)).toContain('back in the queue');
    await dispatcher.tick();
    expect(textOf(li.posts).filter((t) => t === 'Retried from Discord')).toHaveLength(1);
  });
});
