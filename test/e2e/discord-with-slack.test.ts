/**
 * A deployment with Slack and Discord in one process: @slack/socket-mode loads undici 7, and the
 * undici 6 that @discordjs/rest bundles then failed every upload ("action is not a function"), so a
 * digest's chart or an attached file never reached Discord. Slack's packages are loaded first here,
 * as src/main.ts does when both are configured.
 */
import '@slack/bolt';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DiscordAdapter } from '../../src/adapters/discord/adapter.js';
import { reply, text } from '../../src/core/reply.js';
import { discordSigner, FakeDiscord } from '../fakes/discord.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { startDiscordAdapter } from '../helpers/discord.js';

let fake: FakeDiscord;
let app: TestApp;
let adapter: DiscordAdapter;

beforeAll(async () => {
  fake = new FakeDiscord();
  await fake.start();
  const signer = discordSigner();
  app = await createTestApp({
    DISCORD_PUBLIC_KEY: signer.publicKeyHex,
    DISCORD_APP_ID: fake.appId,
    DISCORD_TOKEN: fake.token,
    DISCORD_API_URL: fake.api,
    PORT: '0',
  });
  adapter = await startDiscordAdapter(app);
});
afterAll(async () => {
  await adapter?.stop();
  await app?.cleanup();
  await fake?.stop();
});

it('posts a notice with a picture to Discord while Slack is loaded in the same process', async () => {
  const ws = await app.services.db.workspace.create({
    data: { platform: 'discord', externalId: '1180000000000000333', digestChannel: '1180000000000005104' },
  });
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
  await adapter.notifier.post(
    ws,
    'digest',
    reply('Weekly digest', [
      text('Spend is up 4%.'),
      { kind: 'image', png, alt: 'Spend by day', filename: 'chart.png' },
    ]),
  );
  const req = await fake.waitFor((x) => x.path === '/api/v10/channels/1180000000000005104/messages');
  expect(req.files).toEqual([expect.objectContaining({ name: 'chart.png', size: png.length })]);
  expect(JSON.stringify(req.body)).toContain('Spend is up 4%.');
});
