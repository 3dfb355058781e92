/**
 * Posts job notices (reminders, alerts, digests) into the workspace's configured channel through REST.
 * discord.js REST queues by rate-limit bucket and waits out 429s; what it cannot fix (no channel set,
 * missing permissions) becomes an error that says what to do.
 */
import type { Workspace } from '@prisma/client';
import { DiscordAPIError, type REST, Routes } from 'discord.js';
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

export class DiscordNotifier implements Notifier {
  /** `rest` is undefined in HTTP interactions mode without DISCORD_TOKEN: then nothing can be posted. */
  constructor(
    private readonly rest: REST | undefined,
    private readonly log: Logger,
  ) {}

  async post(workspace: Workspace, to: ChannelRole, reply: Reply): Promise<PostedMessage> {
    const channel = channelFor(workspace, to);
    if (!channel) {
      throw new DiscordPostError(
        `No Discord channel is set for ${to} notices in server ${workspace.externalId}: run /config channel ${to} #channel (or /config channel team #channel).`,
      );
    }
    if (!/^\d{17,20}$/.test(channel)) {
      throw new DiscordPostError(
        `The ${to} channel "${channel}" is not a Discord channel id: choose it again with /config channel ${to} and pick the channel from the list.`,
      );
    }
    if (!this.rest) {
      throw new DiscordPostError(
        'Posting into Discord channels needs DISCORD_TOKEN (the bot token), which is not set.',
      );
    }
    const { body, files } = forRest({ ...renderMessage(reply), ephemeral: false });
    try {
      const sent = (await this.rest.post(Routes.channelMessages(channel), { body, files })) as { id: string };
      return { messageId: sent.id, channel };
    } catch (err) {
      throw this.explain(err, channel, to);
    }
  }

  private explain(err: unknown, channel: string, to: ChannelRole): Error {
    if (!(err instanceof DiscordAPIError)) return err instanceof Error ? err : new Error(String(err));
    this.log.warn({ code: err.code, status: err.status, channel }, 'discord: posting a notice failed');
    const where = `<#${channel}> (${channel})`;
    switch (err.code) {
      case 50013:
        return new DiscordPostError(
          `The bot lacks permission to post in ${where}: give its role View Channel, Send Messages, Embed Links and Attach Files there (Discord error 50013 Missing Permissions).`,
          err.code,
        );
      case 50001:
        return new DiscordPostError(
          `The bot cannot see ${where}: add it to the channel or give its role View Channel (Discord error 50001 Missing Access).`,
          err.code,
        );
      case 10003:
        return new DiscordPostError(
          `The ${to} channel ${channel} no longer exists: choose another with /config channel ${to} (Discord error 10003 Unknown Channel).`,
          err.code,
        );
      case 0:
        if (err.status === 401) {
          return new DiscordPostError('Discord refused the bot token (401 Unauthorized): check DISCORD_TOKEN.', 401);
        }
        return new DiscordPostError(`Discord refused the notice for ${where}: ${err.message}`, err.status);
      default:
        return new DiscordPostError(
          `Discord refused the notice for ${where}: ${err.message} (code ${err.code}).`,
          err.code,
        );
    }
  }
}
