/**
 * The Connect button from Slack and from Discord: the real adapters (Bolt over signed HTTP,
 * discord.js over the fake gateway) answer `/connect linkedin account:…` with a link button (a Slack
 * URL button, a Discord link button of style 5); the browser follows it through the fake
 * authorization server back to the callback; the page is stored and the person told. Pressing a
 * Slack link button sends nothing back to the command.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiscordAdapter } from '../../src/adapters/discord/adapter.js';
import type { SlackAdapter } from '../../src/adapters/slack/adapter.js';
import { FakeDiscord, type RecordedRequest } from '../fakes/discord.js';
import { FakeLinkedIn } from '../fakes/linkedin.js';
import { FakeOAuth } from '../fakes/oauth.js';
import {
  blockActionPayload,
  FakeSlack,
  interactionBody,
  signedPost,
  slashCommandBody,
  type Wire,
} from '../fakes/slack.js';
import { createTestApp, type TestApp, textOf } from '../helpers/app.js';
import { startDiscordAdapter } from '../helpers/discord.js';
import { ORG, seedLinkedIn } from '../helpers/linkedin.js';
import { clickConnect, freePort, oauthEnv } from '../helpers/oauth.js';
import { startSlack } from '../helpers/slack-adapter.js';

const auth = new FakeOAuth();
const li = new FakeLinkedIn();
beforeAll(async () => {
  await Promise.all([auth.start(), li.start()]);
  seedLinkedIn(li);
  auth.onIssue = (_network, token, scopes) => li.addToken(token, 'admin1', scopes);
});
afterAll(() => Promise.all([auth.close(), li.close()]));

describe('the Connect button from Slack', () => {
  const SECRET = 'test-signing-secret';
  let fake: FakeSlack;
  let app: TestApp;
  let adapter: SlackAdapter;
  let events: string;

  beforeAll(async () => {
    fake = await new FakeSlack().start();
    const port = await freePort();
    app = await createTestApp({
      SLACK_BOT_TOKEN: fake.botToken,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: fake.apiUrl,
      PORT: String(port),
      LINKEDIN_API_URL: li.url,
      ...oauthEnv(auth, `http://127.0.0.1:${port}`),
    });
    ({ adapter, events } = await startSlack(app));
  });
  afterAll(async () => {
    await adapter?.stop();
    await app?.cleanup();
    await fake?.stop();
  });

  it('answers with a URL button that connects the page, and tells the person', async () => {
    const responseUrl = fake.responseUrl();
    const body = slashCommandBody({
      command: '/connect',
      text: `linkedin account:${ORG}`,
      response_url: responseUrl,
      trigger_id: fake.triggerId(),
    });
    expect((await signedPost(events, body, { secret: SECRET })).status).toBe(200);
    const answers = await fake.until(() => {
      const all = fake.responsesTo(responseUrl);
      return all.some((r) => JSON.stringify(r).includes('/oauth/linkedin/start')) ? all : undefined;
    });
    const answer = answers.find((r) => JSON.stringify(r).includes('/oauth/linkedin/start')) ?? {};
    expect(answer.response_type).toBe('ephemeral');
    const button = ((answer.blocks ?? []) as Wire[])
      .flatMap((b) => (b.elements ?? []) as Array<Record<string, unknown>>)
      .find((e) => typeof e.url === 'string');
    expect(button).toMatchObject({ type: 'button', text: { text: 'Connect' } });
    const url = String(button?.url);

    // Slack reports the click on a URL button; the bot acknowledges it and answers nothing.
    const before = fake.responsesTo(responseUrl).length;
    const press = blockActionPayload({ actionId: 'connect.link', responseUrl, triggerId: fake.triggerId() });
    (press.actions as Array<Record<string, unknown>>)[0] = {
      ...(press.actions as Array<Record<string, unknown>>)[0],
      url,
    };
    const click = interactionBody(press);
    expect((await signedPost(events, click, { secret: SECRET })).status).toBe(200);

    const { callback } = await clickConnect(url);
    expect(callback.text).toContain('LinkedIn is connected: Cold Brew Co');
    expect(fake.responsesTo(responseUrl).length).toBe(before);
    expect(await app.services.db.integration.findFirstOrThrow()).toMatchObject({
      provider: 'linkedin',
      accountId: ORG,
    });
    const told = app.recorder.besidesDigests().at(-1);
    expect(told?.reply.mention?.[0]?.id).toBe('U_ADMIN');
    expect(textOf(told?.reply ?? { blocks: [] })).toContain('LinkedIn connected through the Connect button');
  });
});

describe('the Connect button from Discord', () => {
  const MANAGE_SERVER = String(1 << 5);
  let fake: FakeDiscord;
  let app: TestApp;
  let adapter: DiscordAdapter;

  beforeAll(async () => {
    fake = new FakeDiscord();
    await fake.start();
    const port = await freePort();
    app = await createTestApp({
      DISCORD_TOKEN: fake.token,
      DISCORD_APP_ID: fake.appId,
      DISCORD_API_URL: fake.api,
      PORT: String(port),
      LINKEDIN_API_URL: li.url,
      ...oauthEnv(auth, `http://127.0.0.1:${port}`),
    });
    adapter = await startDiscordAdapter(app, { budgetMs: 800 });
    await app.listen();
  });
  afterAll(async () => {
    await adapter?.stop();
    await app?.cleanup();
    await fake?.stop();
  });

  it('answers with a link button (style 5) that connects the page', async () => {
    const payload = fake.chatInput(
      'connect',
      [{ name: 'linkedin', type: 1, options: [{ name: 'account', type: 3, value: ORG }] }],
      { permissions: MANAGE_SERVER },
    );
    fake.dispatchInteraction(payload);
    const isAnswer = (r: RecordedRequest) =>
      JSON.stringify(r.body ?? '').includes('/oauth/linkedin/start') &&
      (r.path.startsWith(`/api/v10/interactions/${payload.id}/`) ||
        r.path.startsWith(`/api/v10/webhooks/${fake.appId}/${payload.token}`));
    const answer = await fake.waitFor(isAnswer);
    await adapter.idle();
    const json = JSON.stringify(answer.body);
    const link = /"style":5,"url":"([^"]+)"/.exec(json) ?? /"url":"([^"]+)","label":"Connect"/.exec(json);
    expect(json).toContain('"style":5');
    const url = link?.[1] ?? '';
    expect(url).toMatch(/\/oauth\/linkedin\/start\?state=/);
    const { callback } = await clickConnect(url);
    expect(callback.text).toContain('LinkedIn is connected: Cold Brew Co');
    expect(await app.services.db.integration.count()).toBe(1);
    const who = (payload as { member?: { user?: { id?: string } } }).member?.user?.id;
    expect(app.recorder.besidesDigests().at(-1)?.reply.mention?.[0]?.id).toBe(who);
  });
});
