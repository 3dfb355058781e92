import type { Workspace } from '@prisma/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { createDiscordAdapter, type DiscordAdapter } from '../../src/adapters/discord/adapter.js';
import { DiscordPostError } from '../../src/adapters/discord/notifier.js';
import { Router } from '../../src/core/router.js';
import { createLogger } from '../../src/log.js';
import { FakeDiscord, type RecordedRequest } from '../fakes/discord.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { startDiscordAdapter } from '../helpers/discord.js';
import { probeCommand } from '../helpers/probe-command.js';

const MANAGE_SERVER = String(1 << 5);
const BUDGET_MS = 800; // generous: a loaded CI machine must not turn a quick answer into a deferred one

interface Embed {
  title?: string;
  description?: string;
  fields?: Array<{ name: string; value: string }>;
  image?: { url: string };
}
interface Body {
  type?: number;
  data?: { embeds?: Embed[]; flags?: number; components?: Array<{ components: Array<{ custom_id: string }> }> };
  embeds?: Embed[];
  flags?: number;
}

let fake: FakeDiscord;
let app: TestApp;
let adapter: DiscordAdapter;
const probe = probeCommand(BUDGET_MS + 500);

beforeAll(async () => {
  fake = new FakeDiscord();
  await fake.start();
  app = await createTestApp({ DISCORD_TOKEN: fake.token, DISCORD_APP_ID: fake.appId, DISCORD_API_URL: fake.api });
  adapter = await startDiscordAdapter(app, { extraCommands: [probe.command], budgetMs: BUDGET_MS });
});

afterAll(async () => {
  await adapter?.stop();
  await app?.cleanup();
  await fake?.stop();
});

const isCallback = (id: string) => (r: RecordedRequest) => r.path.startsWith(`/api/v10/interactions/${id}/`);
const isEdit = (token: string) => (r: RecordedRequest) =>
  r.method === 'PATCH' && r.path.endsWith(`/webhooks/${fake.appId}/${token}/messages/@original`);
const isFollowUp = (token: string) => (r: RecordedRequest) =>
  r.method === 'POST' && r.path === `/api/v10/webhooks/${fake.appId}/${token}`;

async function run(payload: ReturnType<FakeDiscord['chatInput']>) {
  fake.dispatchInteraction(payload);
  const callback = await fake.waitFor(isCallback(payload.id));
  await adapter.idle();
  return callback.body as Body;
}

const textOf = (embeds: Embed[] | undefined) =>
  (embeds ?? [])
    .flatMap((e) => [e.title, e.description, ...(e.fields ?? []).flatMap((f) => [f.name, f.value])])
    .join('\n');

describe('discord.js client against the fake Discord', () => {
  it('logs in with the Guilds intent only and reaches READY', () => {
    const identify = fake.gatewayFrames.find((f) => f.op === 2)?.d as { intents: number; token: string };
    expect(identify.intents).toBe(1);
    expect(adapter.gateway?.client.isReady()).toBe(true);
    expect(fake.requests.some((r) => r.path === '/api/v10/gateway/bot')).toBe(true);
  });

  it('answers /config show with an embed (type 4) and no Authorization on the callback', async () => {
    const payload = fake.chatInput('config', [{ name: 'show', type: 1, options: [] }], { permissions: MANAGE_SERVER });
    const body = await run(payload);
    expect(body.type).toBe(4);
    expect(textOf(body.data?.embeds)).toContain('Settings');
    expect(body.data?.flags ?? 0).toBe(0);
    const callback = fake.requests.find(isCallback(payload.id));
    expect(callback?.authorization).toBeUndefined();
    expect(fake.responseTo(payload.token)).toBe(4);
  });

  it('passes typed options as strings and renders buttons with action ids and payloads', async () => {
    const body = await run(
      fake.chatInput('probe', [
        {
          name: 'fast',
          type: 1,
          options: [
            { name: 'n', type: 4, value: 42 },
            { name: 'flag', type: 5, value: true },
            { name: 'where', type: 7, value: '1180000000000000777' },
          ],
        },
      ]),
    );
    expect(textOf(body.data?.embeds)).toContain('n=42 flag=true where=1180000000000000777');
    const ids = body.data?.components?.flatMap((row) => row.components.map((c) => c.custom_id));
    expect(ids).toEqual(['probe.again|7', 'probe.replace|x']);
  });

  it('/roles set takes the person from a USER option (type 6): the resolved id is stored', async () => {
    const sara = '1180000000000004242';
    const payload = fake.chatInput(
      'roles',
      [
        {
          name: 'set',
          type: 1,
          options: [
            { name: 'user', type: 6, value: sara },
            { name: 'role', type: 3, value: 'manager' },
          ],
        },
      ],
      { permissions: MANAGE_SERVER },
    );
    (payload.data as Record<string, unknown>).resolved = {
      users: { [sara]: { id: sara, username: 'sara', global_name: 'Sara', discriminator: '0', avatar: null } },
      members: { [sara]: { roles: [], joined_at: '2026-01-01T00:00:00.000Z', nick: null, avatar: null, flags: 0 } },
    };
    const body = await run(payload);
    expect(textOf(body.data?.embeds)).toContain('is now manager');
    const member = await app.services.db.member.findFirst({ where: { externalId: sara } });
    expect(member?.role).toBe('manager');
  });

  it('Manage Server makes an admin; a plain member is refused privately', async () => {
    const guildId = '1180000000000009001';
    const first = await run(
      fake.chatInput('config', [{ name: 'show', type: 1, options: [] }], {
        guildId,
        userId: '1180000000000009002',
      }),
    );
    expect(first.type).toBe(4);
    const admin = await run(
      fake.chatInput('config', [{ name: 'currency', type: 1, options: [{ name: 'value', type: 3, value: 'SAR' }] }], {
        guildId,
        userId: '1180000000000009003',
        permissions: MANAGE_SERVER,
      }),
    );
    expect(textOf(admin.data?.embeds)).toContain('SAR');
    const member = await run(
      fake.chatInput('config', [{ name: 'currency', type: 1, options: [{ name: 'value', type: 3, value: 'EUR' }] }], {
        guildId,
        userId: '1180000000000009004',
        permissions: '0',
      }),
    );
    expect(member.data?.flags).toBe(64);
    expect(textOf(member.data?.embeds)).toContain('Only admins');
    const ws = await app.services.db.workspace.findFirstOrThrow({
      where: { platform: 'discord', externalId: guildId },
    });
    expect(ws.currency).toBe('SAR');
  });

  it('defers a slow sub-action (type 5) and then edits the original', async () => {
    const payload = fake.chatInput('probe', [{ name: 'slow', type: 1, options: [] }]);
    const body = await run(payload);
    expect(body.type).toBe(5);
    const edit = await fake.waitFor(isEdit(payload.token));
    expect(textOf((edit.body as Body).embeds)).toContain('Slow done');
  });

  it('defers work that outlasts the budget even when not declared slow', async () => {
    const payload = fake.chatInput('probe', [{ name: 'late', type: 1, options: [] }]);
    const body = await run(payload);
    expect(body.type).toBe(5);
    const edit = await fake.waitFor(isEdit(payload.token));
    expect(textOf((edit.body as Body).embeds)).toContain('Late done');
  });

  it('replaces the public "thinking" message with a private one when the result is ephemeral', async () => {
    const payload = fake.chatInput('probe', [{ name: 'refuse', type: 1, options: [] }]);
    expect((await run(payload)).type).toBe(5);
    await fake.waitFor(
      (r) => r.method === 'DELETE' && r.path.endsWith(`/webhooks/${fake.appId}/${payload.token}/messages/@original`),
    );
    const follow = await fake.waitFor(isFollowUp(payload.token));
    expect((follow.body as Body).flags).toBe(64);
    expect(textOf((follow.body as Body).embeds)).toContain('You cannot do that here.');
  });

  it('turns a crash into a private error with a reference id', async () => {
    const body = await run(fake.chatInput('probe', [{ name: 'boom', type: 1, options: [] }]));
    expect(body.type).toBe(4);
    expect(body.data?.flags).toBe(64);
    expect(textOf(body.data?.embeds)).toMatch(/reference: [0-9a-f]{8}/);
  });

  it('runs a re-delivered interaction (same id) once', async () => {
    const payload = fake.chatInput('probe', [{ name: 'count', type: 1, options: [] }]);
    const before = probe.counter.runs;
    fake.dispatchInteraction(payload);
    fake.dispatchInteraction(payload);
    await fake.waitFor(isCallback(payload.id));
    await new Promise((r) => setTimeout(r, 100));
    await adapter.idle();
    expect(probe.counter.runs).toBe(before + 1);
    expect(fake.requests.filter(isCallback(payload.id))).toHaveLength(1);
  });

  it('a button posts a new message (type 4) or updates its own message (type 7)', async () => {
    const again = await run(fake.button('probe.again|7'));
    expect(again.type).toBe(4);
    expect(textOf(again.data?.embeds)).toContain('payload 7');
    const replaced = await run(fake.button('probe.replace|x'));
    expect(replaced.type).toBe(7);
    expect(textOf(replaced.data?.embeds)).toContain('Replaced');
  });

  it('a button that asks for a form shows a modal (type 9); its MODAL_SUBMIT updates the message', async () => {
    const asked = await run(fake.button('probe.ask|3'));
    expect(asked.type).toBe(9);
    const modal = asked.data as unknown as {
      custom_id: string;
      title: string;
      components: Array<{ components: Array<Record<string, unknown>> }>;
    };
    expect(modal).toMatchObject({ custom_id: 'probe.answer|3', title: 'Tell me' });
    expect(modal.components[0]?.components[0]).toMatchObject({ custom_id: 'name', value: 'Rana', label: 'Name' });
    const done = await run(fake.modalSubmit('probe.answer|3', { name: 'Rana', note: 'from the gateway' }));
    expect(done.type).toBe(7);
    expect(textOf(done.data?.embeds)).toContain('form 3: Rana / from the gateway');
    const pressed = await run(fake.button('probe.answer|3'));
    expect(textOf(pressed.data?.embeds)).toContain('no longer valid');
  });

  it('a slow button is acknowledged silently (type 6) and then edits its message', async () => {
    const payload = fake.button('probe.slowreplace|x');
    expect((await run(payload)).type).toBe(6);
    const edit = await fake.waitFor(isEdit(payload.token));
    expect(textOf((edit.body as Body).embeds)).toContain('Slowly replaced');
  });

  it('a forged button payload is refused', async () => {
    const body = await run(fake.button('probe.again|not-a-number'));
    expect(body.data?.flags).toBe(64);
    expect(textOf(body.data?.embeds)).toContain('no longer valid');
  });

  it('sends a chart as an attachment that the embed shows', async () => {
    const payload = fake.chatInput('probe', [{ name: 'chart', type: 1, options: [] }]);
    fake.dispatchInteraction(payload);
    const callback = await fake.waitFor(isCallback(payload.id));
    expect(callback.files.map((f) => f.name)).toEqual(['chart.png']);
    expect((callback.body as Body).data?.embeds?.[0]?.image?.url).toBe('attachment://chart.png');
  });

  it('autocompletes persona names from this server only (type 8)', async () => {
    const db = app.services.db;
    const mine = await db.workspace.upsert({
      where: { platform_externalId: { platform: 'discord', externalId: '1180000000000000001' } },
      create: { platform: 'discord', externalId: '1180000000000000001' },
      update: {},
    });
    const other = await db.workspace.create({ data: { platform: 'discord', externalId: '1180000000000000999' } });
    await db.persona.createMany({
      data: [
        { workspaceId: mine.id, name: 'Busy parent', segment: 'families', data: {} },
        { workspaceId: mine.id, name: 'Student', segment: 'youth', data: {} },
        { workspaceId: other.id, name: 'Busy boss', segment: 'execs', data: {} },
      ],
    });
    const payload = fake.interaction({
      type: 4,
      data: {
        id: fake.snowflake(),
        name: 'probe',
        type: 1,
        options: [
          {
            name: 'fast',
            type: 1,
            options: [
              { name: 'n', type: 4, value: 1 },
              { name: 'who', type: 3, value: 'Bus', focused: true },
            ],
          },
        ],
      },
    });
    const body = (await run(payload)) as { type: number; data: { choices: unknown[] } };
    expect(body.type).toBe(8);
    expect(body.data.choices).toEqual([{ name: 'Busy parent', value: 'Busy parent' }]);
  });

  it('refuses commands outside a server', async () => {
    const body = await run(fake.chatInput('config', [], { guildId: null }));
    expect(body.data?.flags).toBe(64);
    expect(textOf(body.data?.embeds)).toContain('inside a server');
  });
});

describe('start-up', () => {
  it('a wrong bot token stops start-up with a clear message', async () => {
    const config = { ...app.services.config, DISCORD_TOKEN: 'not.the.token' };
    const log = createLogger('silent');
    const wrong = createDiscordAdapter({
      config,
      router: new Router(commands, app.services, log),
      db: app.services.db,
      http: app.http,
      log,
      rest: { retries: 0, timeout: 3000 },
    });
    await expect(wrong.start()).rejects.toThrow(/refused DISCORD_TOKEN/);
    const refused = fake.requests.filter((r) => r.authorization === 'Bot not.the.token');
    expect(refused.map((r) => r.path)).toEqual(['/api/v10/gateway/bot']);
  });
});

describe('posting notices into channels', () => {
  async function workspace(
    over: Partial<Pick<Workspace, 'teamChannel' | 'digestChannel' | 'alertChannel' | 'escalationChannel'>>,
  ): Promise<Workspace> {
    const ws = await app.services.db.workspace.upsert({
      where: { platform_externalId: { platform: 'discord', externalId: '1180000000000005000' } },
      create: { platform: 'discord', externalId: '1180000000000005000' },
      update: {},
    });
    return app.services.db.workspace.update({ where: { id: ws.id }, data: over });
  }
  const notice = { title: 'Weekly digest', blocks: [{ kind: 'text' as const, text: 'All good.' }] };

  it('posts into the channel configured for the role, falling back to the team channel', async () => {
    const ws = await workspace({ teamChannel: '1180000000000005001', digestChannel: '1180000000000005002' });
    const sent = await adapter.notifier.post(ws, 'digest', notice);
    expect(sent.channel).toBe('1180000000000005002');
    const alert = await adapter.notifier.post(ws, 'alerts', notice);
    expect(alert.channel).toBe('1180000000000005001');
    const req = await fake.waitFor((r) => r.path === '/api/v10/channels/1180000000000005001/messages');
    expect(req.authorization).toBe(`Bot ${fake.token}`);
    expect(textOf((req.body as Body).embeds)).toContain('Weekly digest');
  });

  it('explains a missing permission (50013) and a missing channel', async () => {
    const ws = await workspace({ alertChannel: '1180000000000005003' });
    fake.fail({
      method: 'POST',
      path: /channels\/1180000000000005003\/messages/,
      status: 403,
      body: { message: 'Missing Permissions', code: 50013 },
    });
    const err = await adapter.notifier.post(ws, 'alerts', notice).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DiscordPostError);
    expect((err as Error).message).toMatch(/lacks permission.*Send Messages/);
    const none = await workspace({ teamChannel: null, escalationChannel: null });
    await expect(adapter.notifier.post(none, 'escalation', notice)).rejects.toThrow(/\/config channel escalation/);
  });

  it('waits out a 429 and then posts', async () => {
    const ws = await workspace({ teamChannel: '1180000000000005004' });
    fake.fail({
      method: 'POST',
      path: /channels\/1180000000000005004\/messages/,
      status: 429,
      body: { message: 'You are being rate limited.', retry_after: 0.2, global: false },
      headers: { 'retry-after': '0.2', 'x-ratelimit-scope': 'user' },
    });
    const sent = await adapter.notifier.post(ws, 'team', notice);
    expect(sent.messageId).toMatch(/^\d+$/);
    expect(fake.requests.filter((r) => r.path === '/api/v10/channels/1180000000000005004/messages')).toHaveLength(2);
  });
});
