/**
 * Socket Mode: the real Bolt app opens a connection through the fake apps.connections.open, gets
 * envelopes over the WebSocket and acks each one; answers still go through response_url.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackAdapter } from '../../src/adapters/slack/adapter.js';
import { blockActionPayload, FakeSlack } from '../fakes/slack.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

let fake: FakeSlack;
let app: TestApp;
let adapter: SlackAdapter;

beforeAll(async () => {
  fake = await new FakeSlack().start();
  app = await createTestApp({
    SLACK_BOT_TOKEN: fake.botToken,
    SLACK_APP_TOKEN: fake.appToken,
    SLACK_API_URL: fake.apiUrl,
  });
  adapter = new SlackAdapter({
    config: app.services.config,
    router: app.router,
    services: app.services,
    log: app.log,
    clientOptions: { retryConfig: { retries: 0 } },
    autoReconnect: false,
  });
  await adapter.start();
  await fake.until(() => fake.socketCount > 0);
});

afterAll(async () => {
  await adapter?.stop();
  await app?.cleanup();
  await fake?.stop();
});

function slashPayload(text: string, responseUrl: string, triggerId: string) {
  return {
    token: 'deprecated',
    team_id: 'T0001',
    team_domain: 'fake',
    channel_id: 'C_TEAM',
    channel_name: 'marketing',
    user_id: 'U_ADMIN',
    user_name: 'ada',
    command: '/config',
    text,
    api_app_id: 'A1',
    is_enterprise_install: 'false',
    response_url: responseUrl,
    trigger_id: triggerId,
  };
}

describe('Slack Socket Mode', () => {
  it('connects with the app token through apps.connections.open', () => {
    const open = fake.callsTo('apps.connections.open');
    expect(open.length).toBeGreaterThan(0);
    expect(open[0]?.token).toBe(fake.appToken);
  });

  it('acks a slash command envelope and answers through response_url, once even when redelivered', async () => {
    const responseUrl = fake.responseUrl();
    const payload = slashPayload('currency SAR', responseUrl, fake.triggerId());
    const ack = await fake.sendEnvelope('slash_commands', payload);
    expect(ack).toEqual({});
    const [answer] = await fake.until(() => fake.responsesTo(responseUrl).length > 0 && fake.responsesTo(responseUrl));
    expect(JSON.stringify(answer)).toContain('Currency set to SAR');
    await fake.sendEnvelope('slash_commands', payload, { retry_attempt: 1, retry_reason: 'timeout' });
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.responsesTo(responseUrl)).toHaveLength(1);
  });

  it('opens the modal over Socket Mode too', async () => {
    const triggerId = fake.triggerId();
    await fake.sendEnvelope('slash_commands', slashPayload('timezone', fake.responseUrl(), triggerId));
    const open = await fake.until(() => fake.callsTo('views.open').find((c) => c.args.trigger_id === triggerId));
    expect(JSON.stringify(open.args.view)).toContain('"block_id":"value"');
  });

  it('acks an interactive envelope and routes the press', async () => {
    const responseUrl = fake.responseUrl();
    const ack = await fake.sendEnvelope(
      'interactive',
      blockActionPayload({ actionId: 'nothing.here', value: 'x', responseUrl, triggerId: fake.triggerId() }),
    );
    expect(ack).toEqual({});
    const [answer] = await fake.until(() => fake.responsesTo(responseUrl).length > 0 && fake.responsesTo(responseUrl));
    expect(JSON.stringify(answer)).toContain('no longer valid');
  });
});
