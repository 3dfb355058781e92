/**
 * Meta's Connect button from Slack: the real adapter (Bolt over signed HTTP) answers `/connect
 * facebook` with a URL button; the browser follows it through Facebook Login (the Graph fake) back
 * to the callback; the person's two Pages come back as buttons in the team channel, and pressing
 * one (a signed block action) connects that Page with its own Page token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackAdapter } from '../../src/adapters/slack/adapter.js';
import { actionsOf } from '../../src/core/reply.js';
import { FakeMetaGraph } from '../fakes/meta-graph.js';
import {
  blockActionPayload,
  FakeSlack,
  interactionBody,
  signedPost,
  slashCommandBody,
  type Wire,
} from '../fakes/slack.js';
import { createTestApp, type TestApp, textOf } from '../helpers/app.js';
import { clickConnect, freePort } from '../helpers/oauth.js';
import { startSlack } from '../helpers/slack-adapter.js';

const SECRET = 'test-signing-secret';
const APP = { id: '1234567890123', secret: 'meta-app-secret-value' };
const graph = new FakeMetaGraph();

describe("Meta's Connect button from Slack", () => {
  let fake: FakeSlack;
  let app: TestApp;
  let adapter: SlackAdapter;
  let events: string;

  beforeAll(async () => {
    await graph.start();
    fake = await new FakeSlack().start();
    const port = await freePort();
    const publicUrl = `http://127.0.0.1:${port}`;
    graph.login.register({ ...APP, redirectUris: [`${publicUrl}/oauth/facebook/callback`] });
    graph.login.pages = [
      { id: '100200300400', name: 'Cold Brew Co' },
      { id: '100200300401', name: 'Roastery Riyadh' },
    ];
    app = await createTestApp({
      SLACK_BOT_TOKEN: fake.botToken,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: fake.apiUrl,
      PORT: String(port),
      PUBLIC_URL: publicUrl,
      META_GRAPH_URL: graph.url,
      META_LOGIN_URL: graph.url,
      META_APP_ID: APP.id,
      META_APP_SECRET: APP.secret,
    });
    ({ adapter, events } = await startSlack(app));
  });
  afterAll(async () => {
    await adapter?.stop();
    await app?.cleanup();
    await fake?.stop();
    await graph.close();
  });

  it('links to Facebook Login, then connects the Page the person presses', async () => {
    const responseUrl = fake.responseUrl();
    const body = slashCommandBody({
      command: '/connect',
      text: 'facebook',
      response_url: responseUrl,
      trigger_id: fake.triggerId(),
    });
    expect((await signedPost(events, body, { secret: SECRET })).status).toBe(200);
    const answers = await fake.until(() => {
      const all = fake.responsesTo(responseUrl);
      return all.some((r) => JSON.stringify(r).includes('/oauth/facebook/start')) ? all : undefined;
    });
    const answer = answers.find((r) => JSON.stringify(r).includes('/oauth/facebook/start')) ?? {};
    expect(answer.response_type).toBe('ephemeral');
    expect(JSON.stringify(answer)).toContain('Press Connect to sign in with Facebook');
    const button = ((answer.blocks ?? []) as Wire[])
      .flatMap((b) => (b.elements ?? []) as Array<Record<string, unknown>>)
      .find((e) => typeof e.url === 'string');
    expect(button).toMatchObject({ type: 'button', text: { text: 'Connect' } });

    const { authorizeUrl, callback } = await clickConnect(String(button?.url));
    expect(authorizeUrl.pathname).toBe('/v21.0/dialog/oauth');
    expect(callback.text).toContain('Your sign-in reached several Facebook Pages (Cold Brew Co and Roastery Riyadh)');
    const notice = app.recorder.besidesDigests().at(-1)?.reply ?? { blocks: [] };
    expect(notice.mention?.[0]?.id).toBe('U_ADMIN');
    const pick = actionsOf(notice).find((a) => a.label === 'Roastery Riyadh');
    expect(pick?.payload).toBe('facebook:100200300401');

    const pressUrl = fake.responseUrl();
    const press = blockActionPayload({
      actionId: 'connect.pick#2',
      value: pick?.payload ?? '',
      responseUrl: pressUrl,
      triggerId: fake.triggerId(),
    });
    expect((await signedPost(events, interactionBody(press), { secret: SECRET })).status).toBe(200);
    const done = await fake.until(() => {
      const all = fake.responsesTo(pressUrl);
      return all.find((r) => JSON.stringify(r).includes('Roastery Riyadh'));
    });
    expect(JSON.stringify(done)).toContain('Facebook connected: Roastery Riyadh');
    const row = await app.services.db.integration.findFirstOrThrow();
    expect(row).toMatchObject({ provider: 'facebook', accountId: '100200300401', status: 'ok' });
    expect(textOf(notice)).not.toContain(APP.secret);
  });
});
