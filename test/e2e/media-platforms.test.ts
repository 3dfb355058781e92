/**
 * Media from Slack and Discord, end to end through the real adapters: a Discord slash command's
 * attachment option (type 11, resolved attachments on the fake CDN), and a Slack direct message or
 * mention that shares a file (url_private fetched with the bot token, files:read), each scheduled
 * and published to the fake X with the file's bytes; a renamed file is refused by its bytes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import type { DiscordAdapter } from '../../src/adapters/discord/adapter.js';
import type { SlackAdapter } from '../../src/adapters/slack/adapter.js';
import type { Dispatcher } from '../../src/publishing/dispatcher.js';
import { type DiscordSigner, discordSigner, FakeDiscord, type RecordedRequest } from '../fakes/discord.js';
import { FakeLinkedIn } from '../fakes/linkedin.js';
import { FakeSlack, signedPost } from '../fakes/slack.js';
import { FakeTiktok } from '../fakes/tiktok.js';
import { FakeX } from '../fakes/x.js';
import { createTestApp, settledPosts, type TestApp } from '../helpers/app.js';
import { startDiscordAdapter } from '../helpers/discord.js';
import { ADMIN_TOKEN, dispatcherFor, ORG, seedLinkedIn } from '../helpers/linkedin.js';
import { freePort, jpeg, mp4, pdf, png, zip } from '../helpers/media.js';
import { startSlack } from '../helpers/slack-adapter.js';
import { seedTiktok, TT_TOKEN, TT_USER } from '../helpers/tiktok.js';
import { seedX, X_HANDLE, X_TOKEN } from '../helpers/x.js';

const xapi = new FakeX();
const li = new FakeLinkedIn();
const tt = new FakeTiktok();
beforeAll(async () => {
  await Promise.all([xapi.start(), li.start(), tt.start()]);
  seedX(xapi);
  seedLinkedIn(li);
  seedTiktok(tt);
});
afterAll(() => Promise.all([xapi.close(), li.close(), tt.close()]));

describe('a file attached to /schedule on Discord', () => {
  const MANAGE_SERVER = String(1 << 5);
  let fake: FakeDiscord;
  let app: TestApp;
  let adapter: DiscordAdapter;
  let dispatcher: Dispatcher;

  let base: string;

  beforeAll(async () => {
    fake = new FakeDiscord();
    await fake.start();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    app = await createTestApp({
      DISCORD_TOKEN: fake.token,
      DISCORD_APP_ID: fake.appId,
      DISCORD_API_URL: fake.api,
      X_API_URL: xapi.url,
      LINKEDIN_API_URL: li.url,
      TIKTOK_API_URL: tt.url,
      PORT: String(port),
      PUBLIC_URL: base,
    });
    await app.listen();
    // TikTok pulls only from a verified prefix: the bot's /media/ (docs/networks/tiktok.md).
    tt.verifiedPrefixes.push(`${base}/media/`);
    adapter = await startDiscordAdapter(app, { budgetMs: 800 });
    dispatcher = dispatcherFor(app);
  });
  afterAll(async () => {
    await adapter?.stop();
    await app?.cleanup();
    await fake?.stop();
  });

  async function answer(payload: { id: string; token: string }): Promise<string> {
    const isCallback = (r: RecordedRequest) => r.path.startsWith(`/api/v10/interactions/${payload.id}/`);
    const callback = await fake.waitFor(isCallback);
    await adapter.idle();
    const body = callback.body as { type: number; data?: { embeds?: Array<Record<string, unknown>> } };
    if (body.type === 4 || body.type === 7) return JSON.stringify(body.data?.embeds ?? []);
    const webhook = `/api/v10/webhooks/${fake.appId}/${payload.token}`;
    const edit = await fake.waitFor(
      (r) =>
        (r.method === 'PATCH' && r.path === `${webhook}/messages/@original`) ||
        (r.method === 'POST' && r.path === webhook),
    );
    return JSON.stringify(edit.body);
  }

  function schedule(options: Record<string, string>, files: Array<{ id: string; resolved: Record<string, unknown> }>) {
    const opts = [
      ...Object.entries(options).map(([name, value]) => ({ name, type: 3, value })),
      ...files.map((f, i) => ({ name: i === 0 ? 'file' : `file${i + 1}`, type: 11, value: f.id })),
    ];
    const payload = fake.chatInput(
      'schedule',
      [{ name: 'add', type: 1, options: opts }],
      { permissions: MANAGE_SERVER },
      { attachments: Object.fromEntries(files.map((f) => [f.id, f.resolved])) },
    );
    fake.dispatchInteraction(payload);
    return answer(payload);
  }

  it('registers /schedule add with four optional attachment options (type 11)', async () => {
    const { commandData } = await import('../../src/adapters/discord/command-data.js');
    const add = commandData(commands)
      .find((c) => c.name === 'schedule')
      ?.options?.find((o) => o.name === 'add') as {
      options?: Array<{ name: string; type: number; required?: boolean }>;
    };
    const files = add.options?.filter((o) => o.type === 11) ?? [];
    expect(files.map((o) => o.name)).toEqual(['file', 'file2', 'file3', 'file4']);
    expect(files.every((o) => o.required === false)).toBe(true);
  });

  it('schedules an X post with the attached image and uploads its bytes at the due time', async () => {
    const connect = fake.chatInput(
      'connect',
      [
        {
          name: 'x',
          type: 1,
          options: [
            { name: 'account', type: 3, value: X_HANDLE },
            { name: 'token', type: 3, value: X_TOKEN },
          ],
        },
      ],
      { permissions: MANAGE_SERVER },
    );
    fake.dispatchInteraction(connect);
    expect(await answer(connect)).toContain('@ColdBrewCo');
    const chart = png(1200, 675);
    const reply = await schedule({ channel: 'x', when: 'in 10 minutes', text: 'Chart from Discord' }, [
      fake.attach('chart.png', chart, 'image/png'),
    ]);
    expect(reply).toContain('Scheduled for X');
    const row = await app.services.db.mediaFile.findFirstOrThrow({ where: { name: 'chart.png' } });
    expect(row).toMatchObject({ mime: 'image/png', width: 1200, height: 675, bytes: chart.length });
    app.clock.advance(10 * 60_000);
    await dispatcher.tick();
    await settledPosts(app, 'Chart from Discord');
    const post = xapi.posts.find((p) => p.text === 'Chart from Discord');
    expect(post?.mediaIds).toHaveLength(1);
    expect(xapi.media.get(post?.mediaIds[0] ?? '')?.bytes).toBe(chart.length);
  });

  it('an attached video goes to X through the chunked upload; an attached PDF to LinkedIn as a document post', async () => {
    const clip = mp4(12_000);
    xapi.uploadLog.length = 0;
    const reply = await schedule({ channel: 'x', when: 'in 10 minutes', text: 'Clip from Discord' }, [
      fake.attach('clip.mp4', clip, 'video/mp4'),
    ]);
    expect(reply).toContain('Scheduled for X');
    const connect = fake.chatInput(
      'connect',
      [
        {
          name: 'linkedin',
          type: 1,
          options: [
            { name: 'account', type: 3, value: ORG },
            { name: 'token', type: 3, value: ADMIN_TOKEN },
          ],
        },
      ],
      { permissions: MANAGE_SERVER },
    );
    fake.dispatchInteraction(connect);
    expect(await answer(connect)).toContain('Cold Brew Co');
    const deck = pdf(6);
    const docReply = await schedule({ channel: 'linkedin', when: 'in 10 minutes', text: 'Deck from Discord' }, [
      fake.attach('spring_lookbook.pdf', deck, 'application/pdf'),
    ]);
    expect(docReply).toContain('Scheduled for LinkedIn');
    app.clock.advance(10 * 60_000);
    await dispatcher.tick();
    await settledPosts(app, 'Clip from Discord');
    await settledPosts(app, 'Deck from Discord');
    const tweet = xapi.posts.find((p) => p.text === 'Clip from Discord');
    expect(xapi.uploadLog.slice(0, 3)).toEqual(['initialize', 'append 0', 'finalize']);
    expect(Buffer.concat(xapi.uploads.get(tweet?.mediaIds[0] ?? '')?.chunks ?? []).equals(clip)).toBe(true);
    const post = li.posts.find((p) => p.text === 'Deck from Discord');
    expect(post?.content?.media).toMatchObject({ title: 'spring lookbook' });
    expect(li.documents.get(post?.content?.media?.id ?? '')?.bytes).toBe(deck.length);
  });

  it('two attached photos become a TikTok photo post that TikTok pulls from PUBLIC_URL/media', async () => {
    const connect = fake.chatInput(
      'connect',
      [
        {
          name: 'tiktok',
          type: 1,
          options: [
            { name: 'account', type: 3, value: `@${TT_USER}` },
            { name: 'token', type: 3, value: TT_TOKEN },
          ],
        },
      ],
      { permissions: MANAGE_SERVER },
    );
    fake.dispatchInteraction(connect);
    expect(await answer(connect)).toContain(TT_USER);
    const photo = jpeg(1080, 1350);
    const reply = await schedule({ channel: 'tiktok', when: 'in 10 minutes', text: 'Two pours from Discord' }, [
      fake.attach('pour1.jpg', photo, 'image/jpeg'),
      fake.attach('pour2.jpg', photo, 'image/jpeg'),
    ]);
    expect(reply).toContain('Scheduled for TikTok');
    app.clock.advance(10 * 60_000);
    await dispatcher.tick();
    await Promise.all(tt.pulls);
    for (let i = 0; i < 3; i++) {
      app.clock.advance(5 * 60_000);
      await dispatcher.tick();
    }
    const published = tt.publishes.find((p) => p.description === 'Two pours from Discord');
    expect(published).toMatchObject({ kind: 'photo', status: 'PUBLISH_COMPLETE' });
    expect(published?.photoUrls?.every((u) => u.startsWith(`${base}/media/`))).toBe(true);
    expect(published?.pulledPhotos?.map((b) => b?.length)).toEqual([photo.length, photo.length]);
  });

  it('refuses a renamed file by its bytes and schedules nothing', async () => {
    const reply = await schedule({ channel: 'x', when: 'in 10 minutes', text: 'Renamed on Discord' }, [
      fake.attach('photo.jpg', zip(), 'image/jpeg'),
    ]);
    expect(reply).toContain('photo.jpg is not a JPEG, PNG, GIF, WebP, MP4, MOV or PDF file, whatever its name says');
    expect(await app.services.db.scheduledPost.count({ where: { content: 'Renamed on Discord' } })).toBe(0);
  });
});

describe('a file attached on Discord over HTTP interactions', () => {
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
      X_API_URL: xapi.url,
    });
    adapter = await startDiscordAdapter(app, { budgetMs: 800 });
    url = `http://127.0.0.1:${await app.listen()}/discord/interactions`;
  });
  afterAll(async () => {
    await adapter?.stop();
    await app?.cleanup();
    await fake?.stop();
  });

  it('reads data.resolved.attachments from the signed payload and stores the file', async () => {
    const file = fake.attach('poster.png', png(1080, 1080), 'image/png');
    const payload = fake.chatInput(
      'schedule',
      [
        {
          name: 'add',
          type: 1,
          options: [
            { name: 'channel', type: 3, value: 'x' },
            { name: 'when', type: 3, value: 'in 10 minutes' },
            { name: 'text', type: 3, value: 'Poster over HTTP' },
            { name: 'file', type: 11, value: file.id },
          ],
        },
      ],
      { permissions: String(1 << 5) },
      { attachments: { [file.id]: file.resolved } },
    );
    const res = await fake.deliver(url, payload, signer);
    expect(res.status).toBe(200);
    let answer = JSON.stringify(res.body.data ?? {});
    if (res.body.type === 5) {
      const webhook = `/api/v10/webhooks/${fake.appId}/${String(payload.token)}`;
      const edit = await fake.waitFor((r) => r.path.startsWith(webhook) && r.method !== 'GET');
      answer = JSON.stringify(edit.body);
    }
    expect(answer).toContain('Scheduled for X');
    const row = await app.services.db.mediaFile.findFirstOrThrow({ where: { name: 'poster.png' } });
    expect(row).toMatchObject({ mime: 'image/png', width: 1080, height: 1080 });
  });
});

describe('a file shared with the command on Slack', () => {
  const SECRET = 'test-signing-secret';
  let fake: FakeSlack;
  let app: TestApp;
  let adapter: SlackAdapter;
  let events: string;
  let dispatcher: Dispatcher;
  let seq = 0;

  beforeAll(async () => {
    fake = await new FakeSlack().start();
    app = await createTestApp({
      SLACK_BOT_TOKEN: fake.botToken,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: fake.apiUrl,
      PORT: '0',
      X_API_URL: xapi.url,
      LINKEDIN_API_URL: li.url,
    });
    ({ adapter, events } = await startSlack(app));
    dispatcher = dispatcherFor(app);
  });
  afterAll(async () => {
    await adapter?.stop();
    await app?.cleanup();
    await fake?.stop();
  });

  /** A message event as Slack sends it: a DM (message.im, file_share) or a channel mention (app_mention). */
  async function send(kind: 'dm' | 'mention', text: string, files: Array<Record<string, unknown>>, ts?: string) {
    const at = ts ?? `1700000${String(++seq).padStart(3, '0')}.000100`;
    const event =
      kind === 'dm'
        ? {
            type: 'message',
            subtype: 'file_share',
            channel_type: 'im',
            channel: 'D_ADMIN',
            user: 'U_ADMIN',
            text,
            ts: at,
            files,
          }
        : { type: 'app_mention', channel: 'C_TEAM', user: 'U_ADMIN', text: `<@UBOT> ${text}`, ts: at, files };
    const body = JSON.stringify({
      token: 'deprecated-verification-token',
      team_id: 'T0001',
      api_app_id: 'A1',
      type: 'event_callback',
      event_id: `Ev${kind}${at.replace('.', '')}${Math.random().toString(36).slice(2, 6)}`,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ team_id: 'T0001', user_id: 'UBOT', is_bot: true }],
      event: { ...event, event_ts: at },
    });
    expect((await signedPost(events, body, { secret: SECRET }, 'application/json')).status).toBe(200);
    return at;
  }
  const posted = (containing: string) =>
    fake.until(() => fake.callsTo('chat.postMessage').find((c) => JSON.stringify(c.args).includes(containing)));

  it('a DM to the bot with an image and the command as its text schedules and publishes on X', async () => {
    await app.say(`/connect x account:@${X_HANDLE} token:${X_TOKEN}`, {
      platform: 'slack',
      workspace: { externalId: 'T0001' },
      user: { externalId: 'U_ADMIN', platformAdmin: true },
    });
    const photo = png(1080, 1080);
    await send('dm', 'schedule x in 10 minutes | Launch photo from Slack', [
      fake.shareFile('launch.png', photo, 'image/png'),
    ]);
    const reply = await posted('Scheduled for X');
    expect(reply.args.channel).toBe('D_ADMIN');
    // The file was fetched with the bot token, from Slack's own host.
    expect(fake.fileDownloads.at(-1)?.authorization).toBe(`Bearer ${fake.botToken}`);
    app.clock.advance(10 * 60_000);
    await dispatcher.tick();
    await settledPosts(app, 'Launch photo from Slack');
    const post = xapi.posts.find((p) => p.text === 'Launch photo from Slack');
    expect(xapi.media.get(post?.mediaIds[0] ?? '')?.bytes).toBe(photo.length);
  });

  it('a DM with a PDF schedules a LinkedIn document post, and one with a video an X video; both publish', async () => {
    const asAdmin = {
      platform: 'slack' as const,
      workspace: { externalId: 'T0001' },
      user: { externalId: 'U_ADMIN', platformAdmin: true },
    };
    await app.say(`/connect linkedin account:${ORG} token:${ADMIN_TOKEN}`, asAdmin);
    const deck = pdf(9);
    await send('dm', 'schedule linkedin in 10 minutes | Price list from Slack', [
      fake.shareFile('price-list.pdf', deck, 'application/pdf'),
    ]);
    await posted('Scheduled for LinkedIn');
    const clip = mp4(45_000);
    await send('dm', 'schedule x in 10 minutes | Tasting clip from Slack', [
      fake.shareFile('tasting.mp4', clip, 'video/mp4'),
    ]);
    // The earlier test's reply also says "Scheduled for X": wait for this one's own text.
    await posted('Tasting clip from Slack');
    app.clock.advance(10 * 60_000);
    await dispatcher.tick();
    await settledPosts(app, 'Price list from Slack');
    const doc = li.posts.find((p) => p.text === 'Price list from Slack');
    expect(doc?.content?.media?.title).toBe('price list');
    expect(li.documents.get(doc?.content?.media?.id ?? '')?.bytes).toBe(deck.length);
    const sent = await app.services.db.scheduledPost.findFirstOrThrow({
      where: { content: 'Tasting clip from Slack' },
    });
    expect([sent.status, sent.lastError]).toEqual(['published', null]);
    const tweet = xapi.posts.find((p) => p.text === 'Tasting clip from Slack');
    expect(Buffer.concat(xapi.uploads.get(tweet?.mediaIds[0] ?? '')?.chunks ?? []).equals(clip)).toBe(true);
  });

  it('a mention in a channel carrying a file works the same, and the same message delivered twice runs once', async () => {
    const file = fake.shareFile('menu.png', png(800, 800), 'image/png');
    const ts = await send('mention', 'schedule x in 20 minutes | Menu from a mention', [file]);
    await posted('Scheduled for X');
    await send('mention', 'schedule x in 20 minutes | Menu from a mention', [file], ts);
    await new Promise((r) => setTimeout(r, 300));
    expect(await app.services.db.scheduledPost.count({ where: { content: 'Menu from a mention' } })).toBe(1);
  });

  it('a renamed file is refused by its bytes; without files:read the answer says what the app needs', async () => {
    await send('dm', 'schedule x in 10 minutes | Renamed in Slack', [fake.shareFile('banner.png', zip(), 'image/png')]);
    await posted('banner.png is not a JPEG, PNG, GIF, WebP, MP4, MOV or PDF file');
    fake.scopes.delete('files:read');
    try {
      await send('dm', 'schedule x in 10 minutes | No scope', [fake.shareFile('ok.png', png(10, 10), 'image/png')]);
      await posted('needs the files:read permission');
    } finally {
      fake.scopes.add('files:read');
    }
    for (const content of ['Renamed in Slack', 'No scope']) {
      expect(await app.services.db.scheduledPost.count({ where: { content } })).toBe(0);
    }
  });
});
