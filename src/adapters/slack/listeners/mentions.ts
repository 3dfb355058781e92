/**
 * Messages addressed to the bot: "@mktbot config" in a channel (app_mention), and a direct message
 * to the bot that carries files (message.im). Slash commands carry no files, so this is how a file
 * reaches /schedule from Slack (docs/media.md): share the image in a DM to the bot, or in a channel
 * message that mentions it, with the command as the message text. The files become identity
 * attachments, downloaded with the bot token (files:read) only when the command reads them. Each
 * message runs once, whichever of its events arrives first.
 */
import { claimOnce } from '../../../db/processed-events.js';
import { attachmentsOf, type SlackFile } from '../files.js';
import { teamIdOf } from '../identity.js';
import { postReply } from '../post.js';
import { plainMentionReply, readSlackInput } from '../typed-input.js';
import type { ListenerDeps } from './deps.js';

interface Addressed {
  teamId: string;
  user: string;
  channel: string;
  ts: string;
  text: string;
  files: readonly SlackFile[];
  eventId: string | undefined;
  botUserId: string | undefined;
  client: Parameters<typeof postReply>[0];
}

export function registerMentions(d: ListenerDeps): void {
  d.app.event('app_mention', async ({ event, body, client, context }) => {
    const teamId = teamIdOf(body.team_id);
    if (!teamId) {
      // No response_url to explain on, and posting to a channel of an unknown workspace is not safe.
      d.log.warn({ kind: 'app_mention', channel: event.channel }, 'slack: refused an event that names no workspace');
      return;
    }
    await answer(d, {
      teamId,
      user: event.user ?? '',
      channel: event.channel,
      ts: event.ts,
      text: event.text,
      files: (event as { files?: SlackFile[] }).files ?? [],
      eventId: (body as { event_id?: string }).event_id,
      botUserId: context.botUserId,
      client,
    });
  });
  // A direct message with files (a file share to the bot); plain DMs stay unanswered, as before.
  d.app.event('message', async ({ event, body, client, context }) => {
    const e = event as {
      channel_type?: string;
      subtype?: string;
      bot_id?: string;
      user?: string;
      channel: string;
      ts: string;
      text?: string;
      files?: SlackFile[];
    };
    if (e.channel_type !== 'im' || e.bot_id || !e.user || !e.files?.length) return;
    if (e.subtype !== undefined && e.subtype !== 'file_share') return;
    const teamId = teamIdOf(body.team_id);
    if (!teamId) return;
    await answer(d, {
      teamId,
      user: e.user,
      channel: e.channel,
      ts: e.ts,
      text: e.text ?? '',
      files: e.files,
      eventId: (body as { event_id?: string }).event_id,
      botUserId: context.botUserId,
      client,
    });
  });
}

async function answer(d: ListenerDeps, a: Addressed): Promise<void> {
  // With files the same message can arrive as app_mention and as message.im: claimed by the message.
  const key =
    a.files.length > 0 ? `slack:files:${a.channel}:${a.ts}` : `slack:event:${a.eventId ?? `${a.channel}:${a.ts}`}`;
  if (!(await claimOnce(d.services.db, key))) return;
  // Only the bot's own mention is the address; any other (a person in /roles set) is input.
  const bot = a.botUserId;
  const own = bot && /^[A-Z0-9]+$/.test(bot) ? new RegExp(`<@${bot}(\\|[^>]*)?>`, 'g') : /^\s*<@[A-Z0-9]+(\|[^>]*)?>/;
  const said = a.text.replace(own, '').trim() || 'help';
  const attachments = attachmentsOf(a.files, d.services.config.SLACK_BOT_TOKEN, d.services.config.SLACK_API_URL);
  const who = {
    ...(await d.identities.identity(a.teamId, a.user, a.channel, {})),
    ...(attachments.length > 0 ? { attachments } : {}),
  };
  const input = readSlackInput(d.router, said.startsWith('/') ? said : `/${said}`);
  const reply =
    input.kind === 'text'
      ? await d.router.handleText(input.line, who)
      : input.plain
        ? plainMentionReply(input.plain, await d.identities.localeOf(who))
        : await d.router.handleStructured(input.command.name, input.sub.name, input.raw, who);
  await postReply(a.client, a.channel, reply, { locale: await d.identities.localeOf(who), log: d.log }).catch(
    (err: unknown) => d.log.warn({ err }, 'could not answer a mention'),
  );
}
