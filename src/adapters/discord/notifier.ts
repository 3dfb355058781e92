/**
 * Posts job notices (reminders, alerts, digests) into the workspace's configured channel through REST.
 * discord.js REST queues by rate-limit bucket and waits out 429s; what it cannot fix (no channel set,
 * missing permissions) becomes an error that says what to do.
 */
import type { Workspace } from '@prisma/client';
import { DiscordAPIError, type REST, Routes } from 'discord.js';
import { defineMessages, isLocale, iso, type Locale } from '../../core/i18n.js';
import { type ChannelRole, channelFor, type Notifier, type PostedMessage } from '../../core/notifier.js';
import type { Reply } from '../../core/reply.js';
import type { Logger } from '../../log.js';
import { forRest, renderMessage } from './render.js';

/** A notice that could not be posted; the message names the channel and the fix, never a token. */
export class DiscordPostError extends Error {
  override readonly name = 'DiscordPostError';
  constructor(
    message: string,
    readonly code?: number | string,
  ) {
    super(message);
  }
}

/** The purpose of a channel as /config names it in Arabic. */
const ROLE_NAMES: Record<ChannelRole, string> = {
  team: 'الفريق',
  alerts: 'التنبيهات',
  digest: 'الملخص',
  escalation: 'التصعيد',
};

/**
 * Why a notice could not be posted, in the workspace's language: kept as a post's last error (shown
 * by /schedule show) and logged. Discord's own names for its errors stay as Discord writes them.
 */
const t = defineMessages(
  'discord-notices',
  {
    noChannel: (p: { to: ChannelRole; server: string }) =>
      `No Discord channel is set for ${p.to} notices in server ${p.server}: run /config channel ${p.to} #channel (or /config channel team #channel).`,
    notChannelId: (p: { to: ChannelRole; channel: string }) =>
      `The ${p.to} channel "${p.channel}" is not a Discord channel id: choose it again with /config channel ${p.to} and pick the channel from the list.`,
    noToken: 'Posting into Discord channels needs DISCORD_TOKEN (the bot token), which is not set.',
    missingPermissions: (p: { where: string }) =>
      `The bot lacks permission to post in ${p.where}: give its role View Channel, Send Messages, Embed Links and Attach Files there (Discord error 50013 Missing Permissions).`,
    missingAccess: (p: { where: string }) =>
      `The bot cannot see ${p.where}: add it to the channel or give its role View Channel (Discord error 50001 Missing Access).`,
    unknownChannel: (p: { to: ChannelRole; channel: string }) =>
      `The ${p.to} channel ${p.channel} no longer exists: choose another with /config channel ${p.to} (Discord error 10003 Unknown Channel).`,
    tokenRefused: 'Discord refused the bot token (401 Unauthorized): check DISCORD_TOKEN.',
    refused: (p: { where: string; reason: string }) => `Discord refused the notice for ${p.where}: ${p.reason}`,
  },
  {
    noChannel: (p) =>
      `لم تُحدَّد قناة في Discord لإشعارات «${ROLE_NAMES[p.to]}» في الخادم ${iso(p.server)}: شغّل ${iso(`/config channel ${p.to} #channel`)} (أو ${iso('/config channel team #channel')}).`,
    notChannelId: (p) =>
      `قناة «${ROLE_NAMES[p.to]}» المحفوظة (${iso(p.channel)}) ليست معرّف قناة في Discord: اخترها من جديد من القائمة بالأمر ${iso(`/config channel ${p.to}`)}.`,
    noToken: `النشر في قنوات Discord يحتاج إلى ${iso('DISCORD_TOKEN')} (رمز البوت)، وهو غير مضبوط.`,
    missingPermissions: (p) =>
      `لا يملك البوت صلاحية النشر في ${iso(p.where)}: امنح دوره هناك صلاحيات View Channel وSend Messages وEmbed Links وAttach Files (خطأ Discord رقم ${iso('50013 Missing Permissions')}).`,
    missingAccess: (p) =>
      `لا يرى البوت ${iso(p.where)}: أضفه إلى القناة أو امنح دوره صلاحية View Channel (خطأ Discord رقم ${iso('50001 Missing Access')}).`,
    unknownChannel: (p) =>
      `قناة «${ROLE_NAMES[p.to]}» (${iso(p.channel)}) لم تعد موجودة: اختر غيرها بالأمر ${iso(`/config channel ${p.to}`)} (خطأ Discord رقم ${iso('10003 Unknown Channel')}).`,
    tokenRefused: `رفض Discord رمز البوت (${iso('401 Unauthorized')}): تحقّق من ${iso('DISCORD_TOKEN')}.`,
    refused: (p) => `رفض Discord الإشعار في ${iso(p.where)}: ${iso(p.reason)}`,
  },
);

export class DiscordNotifier implements Notifier {
  /** `rest` is undefined in HTTP interactions mode without DISCORD_TOKEN: then nothing can be posted. */
  constructor(
    private readonly rest: REST | undefined,
    private readonly log: Logger,
  ) {}

  async post(workspace: Workspace, to: ChannelRole, reply: Reply): Promise<PostedMessage> {
    const channel = channelFor(workspace, to);
    const m = t[isLocale(workspace.locale) ? workspace.locale : 'en'];
    if (!channel) throw new DiscordPostError(m.noChannel({ to, server: workspace.externalId }));
    if (!/^\d{17,20}$/.test(channel)) throw new DiscordPostError(m.notChannelId({ to, channel }));
    if (!this.rest) throw new DiscordPostError(m.noToken);
    const { body, files } = forRest({ ...renderMessage(reply), ephemeral: false });
    try {
      const sent = (await this.rest.post(Routes.channelMessages(channel), { body, files })) as { id: string };
      return { messageId: sent.id, channel };
    } catch (err) {
      throw this.explain(err, channel, to, isLocale(workspace.locale) ? workspace.locale : 'en');
    }
  }

  private explain(err: unknown, channel: string, to: ChannelRole, locale: Locale): Error {
    const m = t[locale];
    if (!(err instanceof DiscordAPIError)) return err instanceof Error ? err : new Error(String(err));
    this.log.warn({ code: err.code, status: err.status, channel }, 'discord: posting a notice failed');
    const where = `<#${channel}> (${channel})`;
    switch (err.code) {
      case 50013:
        return new DiscordPostError(m.missingPermissions({ where }), err.code);
      case 50001:
        return new DiscordPostError(m.missingAccess({ where }), err.code);
      case 10003:
        return new DiscordPostError(m.unknownChannel({ to, channel }), err.code);
      case 0:
        if (err.status === 401) return new DiscordPostError(m.tokenRefused, 401);
        return new DiscordPostError(m.refused({ where, reason: err.message }), err.status);
      default:
        return new DiscordPostError(m.refused({ where, reason: `${err.message} (code ${err.code}).` }), err.code);
    }
  }
}
