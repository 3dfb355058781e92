/**
 * Alert commands by number and job-role mentions through the real Slack (Bolt over HTTP) and
 * Discord (HTTP interactions) adapters, against the local fakes.
 */
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiscordAdapter } from '../../src/adapters/discord/adapter.js';
import type { SlackAdapter } from '../../src/adapters/slack/adapter.js';
import { buildDigest } from '../../src/reporting/digest.js';
import { discordSigner, FakeDiscord } from '../fakes/discord.js';
import { FakeSlack, signedPost, slashCommandBody, type Wire } from '../fakes/slack.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { startDiscordAdapter } from '../helpers/discord.js';
import { startSlack } from '../helpers/slack-adapter.js';

const ANGRY = {
  provider: 'instagram',
  text: 'This is a scam: my order never arrived and nobody answers. I want a refund!',
  author: 'Sara',
};

describe('Slack', () => {
  const SECRET = 'alerts-signing-secret';
  let fake: FakeSlack;
  let app: TestApp;
  let adapter: SlackAdapter;
  let events: string;

  beforeAll(async () => {
    fake = await new FakeSlack().start();
    app = await createTestApp({
      SLACK_BOT_TOKEN: fake.botToken,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: fake.apiUrl,
      PORT: '0',
    });
    ({ adapter, events } = await startSlack(app));
  });
  afterAll(async () => {
    await adapter?.stop();
    await app?.cleanup();
    await fake?.stop();
  });

  async function command(name: string, text: string) {
    const responseUrl = fake.responseUrl();
    const body = slashCommandBody({ command: name, text, response_url: responseUrl, trigger_id: fake.triggerId() });
    expect((await signedPost(events, body, { secret: SECRET })).status).toBe(200);
    const [answer] = await fake.until(() =>
      fake.responsesTo(responseUrl).length > 0 ? fake.responsesTo(responseUrl) : undefined,
    );
    return answer ?? {};
  }
  const shown = (body: Record<string, unknown>) =>
    JSON.stringify([body.text, ...((body.blocks ?? []) as Wire[]).map((b) => b.text?.text ?? b.elements ?? b.fields)]);

  it('mentions the social job role in the alert and acts on /alerts handle|reply N', async () => {
    await command('/config', ''); // the first person is the workspace's admin
    await command('/roles', 'set <@U0OMAR|omar> job:social');
    const ws = await app.services.db.workspace.update({
      where: { platform_externalId: { platform: 'slack', externalId: 'T0001' } },
      data: { alertChannel: 'C_TEAM' },
    });
    const r = await app.services.comments.ingest(ws, { ...ANGRY, externalId: 'ig-slack' });
    const alert = app.recorder.notices.find((n) => n.to === 'alerts');
    expect(alert?.reply.mention?.map((p) => p.id)).toEqual(['U0OMAR']);
    // Posted through the Slack notifier, the mention is a real one, in the blocks and the notification text.
    await adapter.notifier.post(ws, 'alerts', alert?.reply ?? { blocks: [] });
    const posted = fake.callsTo('chat.postMessage').at(-1)?.args ?? {};
    expect(String(posted.text)).toMatch(/^<@U0OMAR> /);
    expect((posted.blocks as Wire[])[0]?.text?.text).toBe('<@U0OMAR>');

    // A connected account makes the reply possible (nothing is sent here).
    await app.services.db.integration.create({
      data: { workspaceId: ws.id, provider: 'instagram', accountId: 'ig-acct', credentials: 'x' },
    });
    const asked = await command('/alerts', `reply ${r.comment.id} text:"Sorry Sara, we sent you a message."`);
    const buttons = ((asked.blocks ?? []) as Wire[]).find((b) => b.type === 'actions')?.elements ?? [];
    expect(buttons.map((e: { action_id: string }) => e.action_id)).toEqual(['alerts.confirm', 'alerts.cancel']);
    expect((await app.services.db.comment.findUniqueOrThrow({ where: { id: r.comment.id } })).repliedAt).toBeNull();

    const handled = await command('/alerts', `handle ${r.comment.id}`);
    expect(shown(handled)).toContain('Handled by');
    expect((await app.services.db.comment.findUniqueOrThrow({ where: { id: r.comment.id } })).status).toBe('handled');
    expect(shown(await command('/alerts', `handle ${r.comment.id}`))).toContain('already handled');
    expect(shown(await command('/alerts', 'show 999999'))).toContain('Alert #999999 does not exist');
  });

  it('addresses the weekly digest part to the job role with a real Slack mention', async () => {
    await command('/config', '');
    await command('/roles', 'set <@U0LINA|lina> content');
    const ws = await app.services.db.workspace.update({
      where: { platform_externalId: { platform: 'slack', externalId: 'T0001' } },
      data: { digestChannel: 'C_TEAM' },
    });
    const csv = ['date,channel,campaign,impressions,clicks,spend', '2026-11-20,facebook,Launch,1000,20,10'].join('\n');
    expect((await app.services.metrics.importCsv(ws, csv)).ok).toBe(true);
    const digest = await buildDigest(app.services, ws, DateTime.fromISO('2026-11-23', { zone: 'UTC' }), 'en');
    // Lina for the content part; Omar, on social duty since the first test, for the social part.
    expect(digest.mention?.map((p) => p.id)).toEqual(['U0LINA', 'U0OMAR']);
    await adapter.notifier.post(ws, 'digest', digest);
    const posted = fake.callsTo('chat.postMessage').at(-1)?.args ?? {};
    expect(posted.channel).toBe('C_TEAM');
    expect(String(posted.text)).toMatch(/^<@U0LINA> <@U0OMAR> /);
    expect(JSON.stringify(posted.blocks)).toContain('Nothing is scheduled for next week yet.');
  });
});

describe('Discord', () => {
  const OMAR = '1180000000000004343';
  let fake: FakeDiscord;
  let app: TestApp;
  let adapter: DiscordAdapter;
  let url: string;
  const signer = discordSigner();

  beforeAll(async () => {
    fake = new FakeDiscord();
    await fake.start();
    app = await createTestApp({
      DISCORD_PUBLIC_KEY: signer.publicKeyHex,
      DISCORD_APP_ID: fake.appId,
      DISCORD_TOKEN: fake.token,
      DISCORD_API_URL: fake.api,
      PORT: '0',
    });
    adapter = await startDiscordAdapter(app);
    url = `http://127.0.0.1:${await app.listen()}/discord/interactions`;
  });
  afterAll(async () => {
    await adapter?.stop();
    await app?.cleanup();
    await fake?.stop();
  });

  const run = async (name: string, sub: string, options: Array<Record<string, unknown>>) => {
    const res = await fake.deliver(url, fake.chatInput(name, [{ name: sub, type: 1, options }]), signer);
    expect(res.body.type).toBe(4);
    return JSON.stringify(res.body.data?.embeds ?? []);
  };

  it('/alerts assign N with a USER option, and escalation naming the managers with a real mention', async () => {
    await run('config', 'show', []); // the first person (Rana) is the server's admin
    expect(
      await run('roles', 'set', [
        { name: 'user', type: 6, value: OMAR },
        { name: 'job', type: 3, value: 'social' },
      ]),
    ).toContain('job roles are now social media');
    const ws = await app.services.db.workspace.update({
      where: { platform_externalId: { platform: 'discord', externalId: '1180000000000000001' } },
      data: { alertChannel: '1180000000000005101', escalationChannel: '1180000000000005102' },
    });
    const r = await app.services.comments.ingest(ws, { ...ANGRY, externalId: 'ig-discord' });
    const shown = await run('alerts', 'assign', [
      { name: 'id', type: 4, value: r.comment.id },
      { name: 'person', type: 6, value: OMAR },
    ]);
    expect(shown).toContain('assigned this to');
    expect((await app.services.db.comment.findUniqueOrThrow({ where: { id: r.comment.id } })).assignedTo).toBe(OMAR);

    // Two hours later the assigned alert escalates, naming the admin; the Discord notifier pings only them.
    app.clock.advance(121 * 60_000);
    expect(await app.services.comments.escalateOverdue()).toBe(1);
    const escalation = app.recorder.notices.find((n) => n.to === 'escalation');
    expect(escalation?.reply.mention?.map((p) => p.id)).toEqual(['1180000000000000003']);
    await adapter.notifier.post(ws, 'escalation', escalation?.reply ?? { blocks: [] });
    const req = await fake.waitFor((x) => x.path === '/api/v10/channels/1180000000000005102/messages');
    const body = req.body as { content?: string; allowed_mentions?: { parse: string[]; users?: string[] } };
    expect(body.content).toBe('<@1180000000000000003>');
    expect(body.allowed_mentions).toEqual({ parse: [], users: ['1180000000000000003'] });
  });
});
