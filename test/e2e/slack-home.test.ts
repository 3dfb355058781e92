/**
 * Slack's App Home tab through the real Bolt app over HTTP and the fake Web API: app_home_opened
 * publishes the person's Home (views.publish, checked by the fake as Slack checks a home view), and a
 * button pressed in it acts and publishes the Home again with what it did on top; English and Arabic.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackAdapter } from '../../src/adapters/slack/adapter.js';
import {
  appHomeOpenedBody,
  blockActionPayload,
  FakeSlack,
  homeActionPayload,
  interactionBody,
  signedPost,
  slashCommandBody,
  type Wire,
} from '../fakes/slack.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { startSlack } from '../helpers/slack-adapter.js';

const SECRET = 'test-signing-secret';
let fake: FakeSlack;
let app: TestApp;
let adapter: SlackAdapter;
let events: string;
let seq = 0;

beforeAll(async () => {
  fake = await new FakeSlack().start();
  app = await createTestApp({
    SLACK_BOT_TOKEN: fake.botToken,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.apiUrl,
    PORT: '0',
  });
  app.clock.set('2026-12-02T09:00:00Z');
  ({ adapter, events } = await startSlack(app));
  for (const line of ['timezone Asia/Riyadh', 'approval on']) await command('/config', line);
  await command('/schedule', 'reminder tomorrow 9am | Post the launch story');
  const ws = await app.services.db.workspace.findFirstOrThrow({ where: { externalId: 'T0001' } });
  await app.services.db.comment.create({
    data: {
      workspaceId: ws.id,
      provider: 'facebook',
      externalId: 'fb-c1',
      author: 'Omar',
      text: 'Still waiting for my refund',
      sentiment: 'negative',
      alertedAt: new Date('2026-12-02T08:00:00Z'),
    },
  });
});

afterAll(async () => {
  await adapter?.stop();
  await app?.cleanup();
  await fake?.stop();
});

async function command(name: string, text: string) {
  const responseUrl = fake.responseUrl();
  await signedPost(
    events,
    slashCommandBody({ command: name, text, response_url: responseUrl, trigger_id: fake.triggerId() }),
    {
      secret: SECRET,
    },
  );
  await fake.until(() => fake.responsesTo(responseUrl).length > 0 || undefined);
}

/** Opens the Home tab and waits for the views.publish it causes. */
async function openHome(user = 'U_ADMIN'): Promise<Wire> {
  const before = fake.callsTo('views.publish').length;
  const res = await signedPost(
    events,
    appHomeOpenedBody({ user, eventId: `EvHOME${++seq}` }),
    { secret: SECRET },
    'application/json',
  );
  expect(res.status).toBe(200);
  const call = await fake.until(() => fake.callsTo('views.publish')[before]);
  return call.args.view as Wire;
}

function textOfView(view: Wire): string {
  const parts: string[] = [];
  for (const b of view.blocks as Wire[]) {
    if (b.text?.text) parts.push(b.text.text);
    for (const e of b.elements ?? []) parts.push(typeof e.text === 'string' ? e.text : (e.text?.text ?? ''));
  }
  return parts.join('\n');
}

const buttons = (view: Wire) =>
  (view.blocks as Wire[])
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements.map((e: Wire) => [e.action_id.replace(/#\d+$/, ''), e.value]));

describe('Slack App Home tab', () => {
  it('publishes the week, the approvals and alerts with their buttons, and the connections', async () => {
    const view = await openHome();
    expect(view.type).toBe('home');
    expect(fake.homes.get('U_ADMIN')).toBeDefined();
    const shown = textOfView(view);
    expect(shown).toContain('Home');
    expect(shown).toMatch(/Calendar, this week and next: 29 Nov\s–\s12 Dec 2026\. Thu 3 Dec: Reminder 1 scheduled/);
    expect(shown).toContain('Waiting for approval (1)');
    expect(shown).toContain('Open alerts (1)');
    expect(shown).toContain('Still waiting for my refund');
    expect(shown).toContain('No account is connected yet');
    const comment = await app.services.db.comment.findFirstOrThrow();
    expect(buttons(view)).toEqual([
      ['schedule.approve', '1'],
      ['schedule.reject', '1'],
      ['alerts.handle', String(comment.id)],
      ['alerts.assign', String(comment.id)],
    ]);
  });

  it('a button in the Home acts and publishes the Home again with the outcome on top', async () => {
    const before = fake.callsTo('views.publish').length;
    const press = await signedPost(
      events,
      interactionBody(homeActionPayload({ actionId: 'schedule.approve', value: '1', triggerId: fake.triggerId() })),
      { secret: SECRET },
    );
    expect(press.status).toBe(200);
    const call = await fake.until(() => fake.callsTo('views.publish')[before]);
    const shown = textOfView(call.args.view as Wire);
    expect(shown).toMatch(/Post #1 approved by/);
    // The presser's own Home keeps the outcome on top: the refresh for others leaves it alone.
    await new Promise((r) => setTimeout(r, 2000));
    expect(fake.callsTo('views.publish')).toHaveLength(before + 1);
    expect(shown).toContain('Waiting for approval (0)');
    expect((await app.services.db.scheduledPost.findUniqueOrThrow({ where: { id: 1 } })).status).toBe('pending');
  });

  it('is refreshed for those who opened it when an alert is handled from its message in a channel', async () => {
    const comment = await app.services.db.comment.findFirstOrThrow();
    const before = fake.callsTo('views.publish').length;
    const pressUrl = fake.responseUrl();
    await signedPost(
      events,
      interactionBody(
        blockActionPayload({
          actionId: 'alerts.handle',
          value: String(comment.id),
          responseUrl: pressUrl,
          triggerId: fake.triggerId(),
        }),
      ),
      { secret: SECRET },
    );
    const call = await fake.until(() => fake.callsTo('views.publish')[before]);
    expect(call.args.user_id).toBe('U_ADMIN');
    expect(textOfView(call.args.view as Wire)).toContain('Open alerts (0)');
    expect((await app.services.db.comment.findUniqueOrThrow({ where: { id: comment.id } })).status).toBe('handled');
  });

  it('is refreshed when the bot posts a notice to the team (a new alert)', async () => {
    const ws = await app.services.db.workspace.update({
      where: { id: (await app.services.db.workspace.findFirstOrThrow({ where: { externalId: 'T0001' } })).id },
      data: { alertChannel: 'C_TEAM' },
    });
    await app.services.db.comment.create({
      data: {
        workspaceId: ws.id,
        provider: 'instagram',
        externalId: 'ig-c2',
        author: '@lina',
        text: 'The cup leaked all over my desk',
        sentiment: 'negative',
        alertedAt: new Date('2026-12-02T08:30:00Z'),
      },
    });
    const before = fake.callsTo('views.publish').length;
    await adapter.notifier.post(ws, 'alerts', { title: 'Negative comment on Instagram', blocks: [] });
    const call = await fake.until(() => fake.callsTo('views.publish')[before]);
    expect(textOfView(call.args.view as Wire)).toContain('Open alerts (1)');
    expect(textOfView(call.args.view as Wire)).toContain('The cup leaked all over my desk');
  });

  it('publishes it in Arabic for an Arabic workspace', async () => {
    await command('/config', 'lang ar');
    const shown = textOfView(await openHome());
    expect(shown).toContain('الرئيسية');
    expect(shown).toContain('التنبيهات المفتوحة (1)');
    expect(shown).toContain('لا حساب مربوطًا بعد');
    await command('/config', 'lang en');
  });

  it('the fake refuses what Slack refuses in views.publish', async () => {
    const call = (args: Record<string, unknown>) =>
      fetch(`${fake.apiUrl}views.publish`, {
        method: 'POST',
        headers: { authorization: `Bearer ${fake.botToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(args),
      }).then((r) => r.json() as Promise<Wire>);
    const section = { type: 'section', text: { type: 'mrkdwn', text: 'x' } };
    expect(await call({ user_id: 'U_ADMIN', view: { type: 'home', blocks: [section] } })).toMatchObject({ ok: true });
    expect(await call({ user_id: 'U_NOBODY', view: { type: 'home', blocks: [section] } })).toMatchObject({
      error: 'user_not_found',
    });
    expect(await call({ user_id: 'U_ADMIN', view: { type: 'modal', blocks: [section] } })).toMatchObject({
      error: 'invalid_arguments',
    });
    const many = Array.from({ length: 101 }, () => section);
    expect(await call({ user_id: 'U_ADMIN', view: { type: 'home', blocks: many } })).toMatchObject({
      error: 'invalid_arguments',
    });
  });
});
