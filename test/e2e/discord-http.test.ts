import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiscordAdapter } from '../../src/adapters/discord/adapter.js';
import { defineCommand } from '../../src/core/command.js';
import { reply, text } from '../../src/core/reply.js';
import { type DiscordSigner, discordSigner, FakeDiscord, type RecordedRequest } from '../fakes/discord.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { startDiscordAdapter } from '../helpers/discord.js';
import { probeCommand } from '../helpers/probe-command.js';

const BUDGET_MS = 800; // generous: a loaded CI machine must not turn a quick answer into a deferred one
let fake: FakeDiscord;
let app: TestApp;
let adapter: DiscordAdapter;
let signer: DiscordSigner;
let url: string;
const probe = probeCommand(BUDGET_MS + 500);

/** Slow work held until the test releases it (see the test on slow work for two people). */
let release: () => void = () => {};
const gate = new Promise<void>((r) => {
  release = r;
});
const holding: string[] = [];
const hold = defineCommand({
  name: 'hold',
  description: { en: 'Held slow work', ar: 'عمل بطيء' },
  slow: true,
  options: {},
  async handler(_input, ctx) {
    holding.push(ctx.identity.user.externalId);
    await gate;
    return reply('Released', [text('released')]);
  },
});

beforeAll(async () => {
  fake = new FakeDiscord();
  await fake.start();
  signer = discordSigner();
  app = await createTestApp({
    DISCORD_PUBLIC_KEY: signer.publicKeyHex,
    DISCORD_APP_ID: fake.appId,
    DISCORD_TOKEN: fake.token,
    DISCORD_API_URL: fake.api,
    PORT: '0',
  });
  adapter = await startDiscordAdapter(app, { extraCommands: [probe.command, hold], budgetMs: BUDGET_MS });
  const port = await app.listen();
  url = `http://127.0.0.1:${port}/discord/interactions`;
});

afterAll(async () => {
  release();
  await adapter?.stop();
  await app?.cleanup();
  await fake?.stop();
});

const embedsText = (data: unknown) => JSON.stringify((data as { embeds?: unknown[] } | undefined)?.embeds ?? []);
const isEdit = (token: string) => (r: RecordedRequest) =>
  r.method === 'PATCH' && r.path.endsWith(`/webhooks/${fake.appId}/${token}/messages/@original`);

describe('HTTP interactions endpoint', () => {
  it('answers a signed PING with PONG', async () => {
    const res = await fake.deliver(
      url,
      { id: '1', application_id: fake.appId, type: 1, token: 't', version: 1 },
      signer,
    );
    expect(res).toEqual({ status: 200, body: { type: 1 } });
  });

  it('refuses a forged signature, a tampered body, a stale or future timestamp and missing headers', async () => {
    const ping = { id: '1', application_id: fake.appId, type: 1, token: 't', version: 1 };
    const other = discordSigner();
    expect((await fake.deliver(url, ping, other)).status).toBe(401);
    const tampered = { ...signer, sign: (ts: string, body: string) => signer.sign(ts, body.replace('1', '2')) };
    expect((await fake.deliver(url, ping, tampered)).status).toBe(401);
    // Margins of 30 s around the 300 s window: on a loaded machine a request can reach the server
    // more than a second after `now` was read (a +301 s timestamp was then accepted as +299.5).
    const now = () => Math.floor(Date.now() / 1000);
    expect((await fake.deliver(url, ping, signer, { timestamp: now() - 330 })).status).toBe(401);
    expect((await fake.deliver(url, ping, signer, { timestamp: now() + 330 })).status).toBe(401);
    expect((await fake.deliver(url, ping, signer, { timestamp: now() - 270 })).status).toBe(200);
    const bare = await fetch(url, { method: 'POST', body: JSON.stringify(ping) });
    expect(bare.status).toBe(401);
  });

  it('answers a quick command in the HTTP response (type 4)', async () => {
    const res = await fake.deliver(
      url,
      fake.chatInput('config', [{ name: 'show', type: 1, options: [] }], { permissions: '32' }),
      signer,
    );
    expect(res.status).toBe(200);
    expect(res.body.type).toBe(4);
    expect(embedsText(res.body.data)).toContain('Settings');
  });

  it('reads the person of a USER option (type 6) as its id, with the user under data.resolved', async () => {
    const omar = '1180000000000005151';
    const payload = fake.chatInput(
      'roles',
      [
        {
          name: 'set',
          type: 1,
          options: [
            { name: 'user', type: 6, value: omar },
            { name: 'role', type: 3, value: 'social' },
          ],
        },
      ],
      { permissions: '32' },
    );
    (payload.data as Record<string, unknown>).resolved = {
      users: { [omar]: { id: omar, username: 'omar', global_name: 'Omar', discriminator: '0', avatar: null } },
    };
    const res = await fake.deliver(url, payload, signer);
    expect(res.body.type).toBe(4);
    expect(embedsText(res.body.data)).toContain('is now social');
    expect((await app.services.db.member.findFirst({ where: { externalId: omar } }))?.role).toBe('social');
  });

  it('defers slow work (type 5) and edits through the webhook route without the bot token', async () => {
    const payload = fake.chatInput('probe', [{ name: 'slow', type: 1, options: [] }]);
    const res = await fake.deliver(url, payload, signer);
    expect(res.body.type).toBe(5);
    const edit = await fake.waitFor(isEdit(payload.token));
    expect(edit.authorization).toBeUndefined();
    expect(embedsText(edit.body)).toContain('Slow done');
  });

  it('updates the message of a pressed button in place (type 7)', async () => {
    const res = await fake.deliver(url, fake.button('probe.replace|x'), signer);
    expect(res.body.type).toBe(7);
    expect(embedsText(res.body.data)).toContain('Replaced');
  });

  it('answers a button that asks for a form with a modal (type 9), then runs its MODAL_SUBMIT', async () => {
    const asked = await fake.deliver(url, fake.button('probe.ask|5'), signer);
    expect(asked.body.type).toBe(9);
    const modal = asked.body.data as {
      custom_id: string;
      components: Array<{ components: Array<Record<string, unknown>> }>;
    };
    expect(modal.custom_id).toBe('probe.answer|5');
    expect(modal.components.map((r) => r.components[0])).toMatchObject([
      { type: 4, custom_id: 'name', style: 1, value: 'Rana' },
      { type: 4, custom_id: 'note', style: 2, max_length: 200 },
    ]);
    const done = await fake.deliver(url, fake.modalSubmit('probe.answer|5', { name: 'Omar', note: 'hello' }), signer);
    expect(done.body.type).toBe(7);
    expect(embedsText(done.body.data)).toContain('form 5: Omar / hello');
    const forged = await fake.deliver(url, fake.modalSubmit('probe.answer|5;x', { name: 'Omar' }), signer);
    expect(forged.body.type).toBe(4);
    expect(embedsText(forged.body.data)).toContain('no longer valid');
    const empty = await fake.deliver(url, fake.modalSubmit('probe.answer|5', { note: 'no name' }), signer);
    expect(embedsText(empty.body.data)).toContain('Fill this in.');
  });

  it('sends an image through a defer and an edit with the file attached', async () => {
    const payload = fake.chatInput('probe', [{ name: 'chart', type: 1, options: [] }]);
    const res = await fake.deliver(url, payload, signer);
    expect(res.body.type).toBe(5);
    const edit = await fake.waitFor(isEdit(payload.token));
    expect(edit.files.map((f) => f.name)).toEqual(['chart.png']);
  });

  it('runs a retried delivery (same interaction id) once', async () => {
    const payload = fake.chatInput('probe', [{ name: 'count', type: 1, options: [] }]);
    const before = probe.counter.runs;
    const first = await fake.deliver(url, payload, signer);
    const again = await fake.deliver(url, payload, signer);
    expect(first.body.type).toBe(4);
    expect(again.body.type).toBe(4);
    expect(embedsText(again.body.data)).toContain('already received');
    expect(probe.counter.runs).toBe(before + 1);
  });

  it('answers autocomplete with choices (type 8)', async () => {
    const ws = await app.services.db.workspace.upsert({
      where: { platform_externalId: { platform: 'discord', externalId: '1180000000000000001' } },
      create: { platform: 'discord', externalId: '1180000000000000001' },
      update: {},
    });
    await app.services.db.persona.create({ data: { workspaceId: ws.id, name: 'Night owl', segment: 'x', data: {} } });
    const payload = fake.interaction({
      type: 4,
      data: {
        id: fake.snowflake(),
        name: 'probe',
        type: 1,
        options: [{ name: 'fast', type: 1, options: [{ name: 'who', type: 3, value: '', focused: true }] }],
      },
    });
    const res = await fake.deliver(url, payload, signer);
    expect(res.body).toEqual({ type: 8, data: { choices: [{ name: 'Night owl', value: 'Night owl' }] } });
  });

  it('refuses a body that is not an interaction, even when signed', async () => {
    const res = await fake.deliver(url, {}, signer, { body: '{"hello":"world"}' });
    expect(res.status).toBe(400);
  });

  it("answers a third person's command at once while two people's slow commands are in flight", async () => {
    // Every interaction is handled on its own (no shared worker pool), so there is no line to wait in.
    const held = ['1180000000000000101', '1180000000000000102'].map((userId) => fake.chatInput('hold', [], { userId }));
    for (const h of held) expect((await fake.deliver(url, h, signer)).body.type).toBe(5);
    for (const end = Date.now() + 5000; holding.length < 2 && Date.now() < end; )
      await new Promise((r) => setTimeout(r, 10));
    expect(holding).toHaveLength(2);
    const started = performance.now();
    const res = await fake.deliver(url, fake.chatInput('help', [], { userId: '1180000000000000103' }), signer);
    expect(res.body.type).toBe(4);
    expect(performance.now() - started).toBeLessThan(1000);
    release();
    for (const h of held) expect(embedsText((await fake.waitFor(isEdit(h.token))).body)).toContain('Released');
  });
});
