/**
 * /home on Discord through the real HTTP interactions adapter and the fake Discord API: the calendar
 * picture attached to the answer, the approval and alert buttons as components, and Approve pressed
 * from it; in English and Arabic.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiscordAdapter } from '../../src/adapters/discord/adapter.js';
import { type DiscordSigner, discordSigner, FakeDiscord, type RecordedRequest } from '../fakes/discord.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { startDiscordAdapter } from '../helpers/discord.js';

const GUILD = '1180000000000000001';
let fake: FakeDiscord;
let app: TestApp;
let adapter: DiscordAdapter;
let signer: DiscordSigner;
let url: string;

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
  app.clock.set('2026-12-02T09:00:00Z');
  adapter = await startDiscordAdapter(app);
  url = `http://127.0.0.1:${await app.listen()}/discord/interactions`;
});
afterAll(async () => {
  await adapter?.stop();
  await app?.cleanup();
  await fake?.stop();
});

const isEdit = (token: string) => (r: RecordedRequest) =>
  r.method === 'PATCH' && r.path.endsWith(`/webhooks/${fake.appId}/${token}/messages/@original`);

/** /home as the guild's first member (its admin); the answer carries a picture, so it is deferred then edited. */
async function home(): Promise<RecordedRequest> {
  const payload = fake.chatInput('home', [{ name: 'show', type: 1, options: [] }]);
  const res = await fake.deliver(url, payload, signer);
  expect(res.body.type).toBe(5);
  return fake.waitFor(isEdit(payload.token));
}

describe('/home on Discord', () => {
  it('attaches the week as a PNG and shows Approve/Reject that act', async () => {
    await home(); // creates the workspace and its admin
    const ws = await app.services.db.workspace.findFirstOrThrow({ where: { externalId: GUILD } });
    await app.services.db.workspace.update({ where: { id: ws.id }, data: { timezone: 'Asia/Riyadh' } });
    await app.services.db.scheduledPost.create({
      data: {
        workspaceId: ws.id,
        channel: 'reminder',
        status: 'awaiting_approval',
        content: 'Post the launch story',
        publishAt: new Date('2026-12-03T06:00:00Z'),
        idempotencyKey: 'home-discord-1',
      },
    });
    const edit = await home();
    expect(edit.files.map((f) => f.name)).toEqual(['calendar-week-2026-11-29.png']);
    const body = JSON.stringify(edit.body);
    expect(body).toContain('Waiting for approval (1)');
    // The day-by-day counts are the picture's alt text (the attachment's description).
    expect(body).toContain('Thu 3 Dec: Reminder 1 scheduled');
    expect(body).toContain('"description":"Calendar, this week and next:');
    expect(body).toContain('schedule.approve|');
    const post = await app.services.db.scheduledPost.findFirstOrThrow({ where: { idempotencyKey: 'home-discord-1' } });
    const pressed = await fake.deliver(url, fake.button(`schedule.approve|${post.id}`), signer);
    expect(JSON.stringify(pressed.body)).toContain(`Post #${post.id} approved by`);
    expect((await app.services.db.scheduledPost.findUniqueOrThrow({ where: { id: post.id } })).status).toBe('pending');
  });

  it('reads in Arabic', async () => {
    const ws = await app.services.db.workspace.findFirstOrThrow({ where: { externalId: GUILD } });
    await app.services.db.workspace.update({ where: { id: ws.id }, data: { locale: 'ar' } });
    const body = JSON.stringify((await home()).body);
    expect(body).toContain('الرئيسية');
    expect(body).toContain('بانتظار الموافقة');
  });
});
