/**
 * `/schedule import` with the CSV attached, through the real adapters: Discord's attachment option
 * (resolved attachments on the fake CDN) and a Slack direct message sharing the file (url_private
 * with the bot token). Each answers with the preview and its Confirm button; Confirm schedules the
 * posts once, and a second press on the same message says it was already done.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import type { DiscordAdapter } from '../../src/adapters/discord/adapter.js';
import type { SlackAdapter } from '../../src/adapters/slack/adapter.js';
import { FakeDiscord, type RecordedRequest } from '../fakes/discord.js';
import { blockActionPayload, FakeSlack, interactionBody, signedPost } from '../fakes/slack.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { startDiscordAdapter } from '../helpers/discord.js';
import { png } from '../helpers/media.js';
import { startSlack } from '../helpers/slack-adapter.js';

const csv = (who: string) =>
  Buffer.from(
    `when,channels,text\n2027-01-05 09:00,reminder,${who} first\n2027-01-06 09:00,reminder,${who} second\n`,
    'utf8',
  );

describe('a CSV attached to /schedule import on Discord', () => {
  const MANAGE_SERVER = String(1 << 5);
  let fake: FakeDiscord;
  let app: TestApp;
  let adapter: DiscordAdapter;

  beforeAll(async () => {
    fake = new FakeDiscord();
    await fake.start();
    app = await createTestApp({ DISCORD_TOKEN: fake.token, DISCORD_APP_ID: fake.appId, DISCORD_API_URL: fake.api });
    app.clock.set('2026-11-26T09:00:00Z');
    adapter = await startDiscordAdapter(app, { budgetMs: 800 });
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
    const body = callback.body as { type: number; data?: unknown };
    if (body.type === 4 || body.type === 7) return JSON.stringify(body.data ?? {});
    const webhook = `/api/v10/webhooks/${fake.appId}/${payload.token}`;
    const edit = await fake.waitFor(
      (r) =>
        (r.method === 'PATCH' && r.path === `${webhook}/messages/@original`) ||
        (r.method === 'POST' && r.path === webhook),
    );
    return JSON.stringify(edit.body);
  }

  function importing(file: { id: string; resolved: Record<string, unknown> }) {
    const payload = fake.chatInput(
      'schedule',
      [{ name: 'import', type: 1, options: [{ name: 'file', type: 11, value: file.id }] }],
      { permissions: MANAGE_SERVER },
      { attachments: { [file.id]: file.resolved } },
    );
    fake.dispatchInteraction(payload);
    return answer(payload);
  }

  function press(customId: string) {
    const payload = fake.button(customId, { permissions: MANAGE_SERVER });
    fake.dispatchInteraction(payload);
    return answer(payload);
  }

  it('registers /schedule import with one attachment option', async () => {
    const { commandData } = await import('../../src/adapters/discord/command-data.js');
    const sub = commandData(commands)
      .find((c) => c.name === 'schedule')
      ?.options?.find((o) => o.name === 'import') as {
      options?: Array<{ name: string; type: number; description: string }>;
    };
    const files = sub.options?.filter((o) => o.type === 11) ?? [];
    expect(files.map((o) => o.name)).toEqual(['file']);
    expect(files[0]?.description).toBe('The CSV file: when, channels, text (checked by its content)');
  });

  it('previews the file, and Confirm schedules its posts once', async () => {
    const preview = await importing(fake.attach('january.csv', csv('Discord'), 'text/csv'));
    expect(preview).toContain('2 posts from 2 rows, from 5 Jan 2027, 09:00 to 6 Jan 2027, 09:00 (UTC):');
    const confirm = /schedule\.importConfirm\|[A-Za-z0-9_-]{24}/.exec(preview)?.[0];
    expect(confirm).toBeDefined();
    expect(await app.services.db.scheduledPost.count()).toBe(0);
    expect(await press(confirm ?? '')).toContain('Scheduled 2 posts.');
    expect(await press(confirm ?? '')).toContain('This import was already scheduled by an earlier Confirm');
    expect(await app.services.db.scheduledPost.count({ where: { content: { startsWith: 'Discord' } } })).toBe(2);
  });

  it('refuses a picture named .csv by its bytes, and a path (only the console reads files from disk)', async () => {
    const reply = await importing(fake.attach('posts.csv', png(40, 40), 'text/csv'));
    expect(reply).toContain('posts.csv is not a CSV text file (UTF-8 or UTF-16), whatever its name says.');
    const payload = fake.chatInput(
      'schedule',
      [{ name: 'import', type: 1, options: [{ name: 'path', type: 3, value: '/etc/passwd' }] }],
      { permissions: MANAGE_SERVER },
    );
    fake.dispatchInteraction(payload);
    expect(await answer(payload)).toContain(
      'is a path on the machine running the bot, which only the console may read',
    );
  });
});

describe('a CSV sent to the bot in a Slack direct message', () => {
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
    app.clock.set('2026-11-26T09:00:00Z');
    ({ adapter, events } = await startSlack(app));
  });
  afterAll(async () => {
    await adapter?.stop();
    await app?.cleanup();
    await fake?.stop();
  });

  async function dm(text: string, files: Array<Record<string, unknown>>) {
    const at = `1700001${String(++seq).padStart(3, '0')}.000100`;
    const body = JSON.stringify({
      token: 'deprecated-verification-token',
      team_id: 'T0001',
      api_app_id: 'A1',
      type: 'event_callback',
      event_id: `Evimport${at.replace('.', '')}`,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ team_id: 'T0001', user_id: 'UBOT', is_bot: true }],
      event: {
        type: 'message',
        subtype: 'file_share',
        channel_type: 'im',
        channel: 'D_ADMIN',
        user: 'U_ADMIN',
        text,
        ts: at,
        event_ts: at,
        files,
      },
    });
    expect((await signedPost(events, body, { secret: SECRET }, 'application/json')).status).toBe(200);
  }
  const posted = (containing: string) =>
    fake.until(() => fake.callsTo('chat.postMessage').find((c) => JSON.stringify(c.args).includes(containing)));

  async function press(value: string): Promise<string> {
    const url = fake.responseUrl();
    const payload = blockActionPayload({
      actionId: 'schedule.importConfirm',
      value,
      responseUrl: url,
      triggerId: fake.triggerId(),
      channel: 'D_ADMIN',
    });
    expect((await signedPost(events, interactionBody(payload), { secret: SECRET })).status).toBe(200);
    const [answer] = await fake.until(() => (fake.responsesTo(url).length > 0 ? fake.responsesTo(url) : undefined));
    return JSON.stringify(answer);
  }

  it('a DM with the file and "schedule import" previews it; Confirm schedules once', async () => {
    await dm('schedule import', [fake.shareFile('january.csv', csv('Slack'), 'text/csv')]);
    const preview = await posted('2 posts from 2 rows');
    expect(preview.args.channel).toBe('D_ADMIN');
    expect(fake.fileDownloads.at(-1)?.authorization).toBe(`Bearer ${fake.botToken}`);
    const value = /"action_id":"schedule\.importConfirm","text":\{[^}]*\},"value":"([A-Za-z0-9_-]{24})"/.exec(
      JSON.stringify(preview.args),
    )?.[1];
    expect(value).toBeDefined();
    expect(await press(value ?? '')).toContain('Scheduled 2 posts.');
    expect(await press(value ?? '')).toContain('This import was already scheduled by an earlier Confirm');
    expect(await app.services.db.scheduledPost.count({ where: { content: { startsWith: 'Slack' } } })).toBe(2);
  });
});
