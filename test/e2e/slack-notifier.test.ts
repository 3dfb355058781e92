/**
 * Notices from jobs into a workspace's channels, through the real WebClient against the fake Slack:
 * channel choice per purpose, joining public channels, clear errors, 429 with Retry-After.
 */
import type { Workspace } from '@prisma/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackAdapter } from '../../src/adapters/slack/adapter.js';
import { SlackDeliveryError } from '../../src/adapters/slack/post.js';
import { reply, text } from '../../src/core/reply.js';
import { FakeSlack } from '../fakes/slack.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

let fake: FakeSlack;
let app: TestApp;
let adapter: SlackAdapter;

beforeAll(async () => {
  fake = await new FakeSlack().start();
  app = await createTestApp({ SLACK_BOT_TOKEN: fake.botToken, SLACK_SIGNING_SECRET: 's', SLACK_API_URL: fake.apiUrl });
  adapter = new SlackAdapter({
    config: app.services.config,
    router: app.router,
    services: app.services,
    http: app.http,
    log: app.log,
    clientOptions: { retryConfig: { retries: 0 } },
  });
});

afterAll(async () => {
  await app?.cleanup();
  await fake?.stop();
});

let n = 0;
async function workspace(
  channels: Partial<Pick<Workspace, 'teamChannel' | 'alertChannel' | 'digestChannel' | 'locale'>>,
) {
  return app.services.db.workspace.create({
    data: { platform: 'slack', externalId: `TN${++n}`, name: `ws${n}`, ...channels },
  });
}

const notice = reply('Negative comment', [text('"This product broke in a day" on instagram')], { tone: 'warning' });

describe('Slack notifier', () => {
  it('says how to fix a missing channel instead of posting nowhere', async () => {
    const ws = await workspace({});
    await expect(adapter.notifier.post(ws, 'alerts', notice)).rejects.toThrow(/\/config channel alerts/);
  });

  it('posts to the channel for the purpose, falling back to the team channel', async () => {
    const ws = await workspace({ teamChannel: 'C_TEAM' });
    const posted = await adapter.notifier.post(ws, 'digest', notice);
    expect(posted.channel).toBe('C_TEAM');
    expect(posted.messageId).toMatch(/^\d+\.\d+$/);
    const call = fake.callsTo('chat.postMessage').at(-1);
    expect(call?.token).toBe(fake.botToken);
    expect(call?.args.channel).toBe('C_TEAM');
    expect(JSON.stringify(call?.args.blocks)).toContain('This product broke in a day');
  });

  it('joins a public channel it is not in, then posts', async () => {
    const ws = await workspace({ teamChannel: 'C_TEAM', alertChannel: 'C_PUBLIC' });
    const posted = await adapter.notifier.post(ws, 'alerts', notice);
    expect(posted.channel).toBe('C_PUBLIC');
    expect(fake.callsTo('conversations.join').at(-1)?.args.channel).toBe('C_PUBLIC');
  });

  it('asks for an invite to a private channel, and names unknown channels', async () => {
    const priv = await workspace({ alertChannel: 'G_PRIVATE' });
    const err = await adapter.notifier.post(priv, 'alerts', notice).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SlackDeliveryError);
    expect((err as Error).message).toContain('/invite @mktbot');
    const gone = await workspace({ teamChannel: 'C_GONE' });
    await expect(adapter.notifier.post(gone, 'team', notice)).rejects.toThrow(/does not know channel C_GONE/);
  });

  it('says why a notice was not posted in the workspace’s language (it becomes the post’s last error)', async () => {
    const none = await workspace({ locale: 'ar' });
    await expect(adapter.notifier.post(none, 'alerts', notice)).rejects.toThrow(
      /^لم تُحدَّد قناة في Slack لإشعارات «التنبيهات» في مساحة العمل .*\/config channel alerts #channel/,
    );
    const priv = await workspace({ alertChannel: 'G_PRIVATE', locale: 'ar' });
    await expect(adapter.notifier.post(priv, 'alerts', notice)).rejects.toThrow(/^البوت ليس عضوًا في القناة/);
    const gone = await workspace({ teamChannel: 'C_GONE', locale: 'ar' });
    await expect(adapter.notifier.post(gone, 'team', notice)).rejects.toThrow(
      /^لا يعرف Slack القناة \u2068C_GONE\u2069/,
    );
  });

  it('waits out a 429 with Retry-After and posts once', async () => {
    const ws = await workspace({ teamChannel: 'C_TEAM' });
    const before = fake.callsTo('chat.postMessage').length;
    fake.fail('chat.postMessage', { status: 429, retryAfter: 1 });
    const started = Date.now();
    await adapter.notifier.post(ws, 'team', notice);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(fake.callsTo('chat.postMessage').length - before).toBe(2);
  });

  it('falls back to plain text when Slack refuses the blocks', async () => {
    const ws = await workspace({ teamChannel: 'C_TEAM' });
    fake.fail('chat.postMessage', { error: 'invalid_blocks' });
    await adapter.notifier.post(ws, 'team', notice);
    const last = fake.callsTo('chat.postMessage').at(-1);
    expect(last?.args.blocks).toBeUndefined();
    expect(String(last?.args.text)).toContain('This product broke in a day');
  });

  it('a wrong bot token stops start-up with Slack’s invalid_auth', async () => {
    const bad = new SlackAdapter({
      config: { ...app.services.config, SLACK_BOT_TOKEN: 'xoxb-wrong' },
      router: app.router,
      services: app.services,
      http: app.http,
      log: app.log,
      clientOptions: { retryConfig: { retries: 0 } },
    });
    await expect(bad.start()).rejects.toThrow(/invalid_auth/);
  });
});
