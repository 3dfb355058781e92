/**
 * What the digest tests for job roles share: two weeks of figures for every role, a plan, next
 * week's posts and a week of comment alerts; and an app whose jobs post through the real Slack or
 * Discord notifier against the local fakes.
 */
import type { Workspace } from '@prisma/client';
import type { DiscordAdapter } from '../../src/adapters/discord/adapter.js';
import { dropIsolates } from '../../src/core/i18n.js';
import { type Notifier, PlatformNotifier } from '../../src/core/notifier.js';
import { discordSigner, FakeDiscord } from '../fakes/discord.js';
import { createTestApp, type TestApp } from './app.js';
import { startDiscordAdapter } from './discord.js';

/**
 * Two weeks (2026-11-12..25) of social, email, web and organic search figures. The digest of
 * Thursday 26 November reads the second (19..25). Newsletter loses 7 of 1,000 recipients a day that
 * week (0.7%, past the 0.5% flag); Welcome none.
 */
export function twoWeeksCsv(): string {
  const lines = [
    'date,channel,campaign,impressions,reach,clicks,engagements,emails_delivered,emails_opened,emails_clicked,conversions,sessions,engagement_seconds,new_users,returning_users,position,Unsubscribes',
  ];
  for (let i = 0; i < 14; i++) {
    const date = `2026-11-${String(12 + i).padStart(2, '0')}`;
    const late = i >= 7; // the digest's week
    lines.push(`${date},instagram,Winter menu,3000,1000,40,${late ? 60 : 40},,,,,,,,,,`);
    lines.push(`${date},facebook,Promo,2000,1000,10,${late ? 5 : 8},,,,,,,,,,`);
    lines.push(`${date},email,Newsletter,,,,,1000,${late ? 180 : 300},40,3,,,,,,${late ? 7 : 2}`);
    lines.push(`${date},email,Welcome,,,,,300,150,45,2,,,,,,0`);
    lines.push(`${date},web,,,,,,,,,,200,${late ? 24000 : 20000},120,${late ? 80 : 60},,`);
    lines.push(`${date},organic-search,,${late ? 5000 : 4000},,${late ? 150 : 100},,,,,,,,,,${late ? 8.5 : 12.5},`);
  }
  return lines.join('\n');
}

/** The figures, a plan funding Instagram and Facebook, and Instagram posts on Friday 27 and Monday 30. */
export async function seedFigures(app: Pick<TestApp, 'services'>, ws: Workspace): Promise<void> {
  const r = await app.services.metrics.importCsv(ws, twoWeeksCsv());
  if (!r.ok) throw new Error(`import failed: ${JSON.stringify(r.errors.slice(0, 3))}`);
  await app.services.db.plan.create({
    data: {
      workspaceId: ws.id,
      name: 'Winter',
      goal: 'sales',
      budgetSplit: [
        { channel: 'instagram', amountMinor: 100000 },
        { channel: 'facebook', amountMinor: 50000 },
      ],
      kpiTargets: [{ kpi: 'open_rate', target: 25 }],
    },
  });
  for (const [i, at] of ['2026-11-27T09:00:00Z', '2026-11-30T09:00:00Z'].entries()) {
    await app.services.db.scheduledPost.create({
      data: {
        workspaceId: ws.id,
        channel: 'instagram',
        content: 'x',
        publishAt: new Date(at),
        idempotencyKey: `ws${ws.id}-k${i}`,
      },
    });
  }
}

/**
 * The week's comment alerts (19..25 November, UTC): 2 urgent and 2 to review; one handled in 30
 * minutes (and answered through the bot), one in 3 hours (a median of 1 h 45, said "2 hours"); one
 * escalated and open; one question open since Sunday 22 09:00, the oldest. One urgent alert the week
 * before, and a positive comment that raised nothing.
 */
export async function seedComments(app: Pick<TestApp, 'services'>, ws: Workspace): Promise<void> {
  const at = (iso: string) => new Date(iso);
  let n = 0;
  const base = () => ({ workspaceId: ws.id, provider: 'facebook', externalId: `c${ws.id}-${++n}` });
  await app.services.db.comment.createMany({
    data: [
      {
        ...base(),
        text: 'Worst service ever',
        alertTier: 'urgent',
        status: 'handled',
        createdAt: at('2026-11-20T10:00:00Z'),
        alertedAt: at('2026-11-20T10:00:00Z'),
        handledAt: at('2026-11-20T10:30:00Z'),
        repliedAt: at('2026-11-20T10:25:00Z'),
      },
      {
        ...base(),
        text: 'a bit slow',
        alertTier: 'review',
        status: 'handled',
        createdAt: at('2026-11-21T08:00:00Z'),
        alertedAt: at('2026-11-21T09:00:00Z'),
        handledAt: at('2026-11-21T11:00:00Z'),
      },
      {
        ...base(),
        provider: 'instagram',
        author: 'Sam',
        text: 'Do you deliver to Dammam?',
        isQuestion: true,
        alertTier: 'review',
        status: 'new',
        createdAt: at('2026-11-22T09:00:00Z'),
        alertedAt: at('2026-11-22T10:00:00Z'),
      },
      {
        ...base(),
        author: 'Rana',
        text: 'Still no refund after two weeks',
        alertTier: 'urgent',
        status: 'escalated',
        createdAt: at('2026-11-24T12:00:00Z'),
        alertedAt: at('2026-11-24T12:00:00Z'),
        escalatedAt: at('2026-11-24T12:30:00Z'),
      },
      {
        ...base(),
        text: 'Never again',
        alertTier: 'urgent',
        status: 'handled',
        createdAt: at('2026-11-15T10:00:00Z'),
        alertedAt: at('2026-11-15T10:00:00Z'),
        handledAt: at('2026-11-15T11:00:00Z'),
      },
      { ...base(), text: 'Love it', sentiment: 'positive', createdAt: at('2026-11-23T10:00:00Z') },
    ],
  });
}

/** As the running program posts: through PlatformNotifier, which puts the reply in the workspace's language and digits first. */
export function asPlatform(platform: 'slack' | 'discord', notifier: Notifier): PlatformNotifier {
  const out = new PlatformNotifier();
  out.set(platform, notifier);
  return out;
}

/** An app whose jobs post through a platform's real notifier, against its local fake. */
export interface PlatformApp {
  app: TestApp;
  /** Every message posted to a channel: its text and blocks or embeds, as JSON (Discord's without isolates). */
  posted(channel: string): string[];
  stop(): Promise<void>;
}

export async function discordApp(): Promise<PlatformApp & { fake: FakeDiscord; adapter: DiscordAdapter }> {
  const fake = new FakeDiscord();
  await fake.start();
  const signer = discordSigner();
  const app = await createTestApp({
    DISCORD_PUBLIC_KEY: signer.publicKeyHex,
    DISCORD_APP_ID: fake.appId,
    DISCORD_TOKEN: fake.token,
    DISCORD_API_URL: fake.api,
    PORT: '0',
  });
  const adapter = await startDiscordAdapter(app);
  app.recorder.forward = asPlatform('discord', adapter.notifier);
  return {
    app,
    fake,
    adapter,
    posted: (channel) =>
      fake.requests
        .filter((r) => r.method === 'POST' && r.path === `/api/v10/channels/${channel}/messages`)
        // Without the isolates Arabic text carries around names and figures, to compare sentences.
        .map((r) => dropIsolates(JSON.stringify(r.body))),
    async stop() {
      await adapter.stop();
      await app.cleanup();
      await fake.stop();
    },
  };
}
