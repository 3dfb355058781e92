/** Jobs' notices (reminders, alerts, digests) into the workspace's Slack channel for each purpose. */
import type { Workspace } from '@prisma/client';
import type { webApi } from '@slack/bolt';
import { isLocale } from '../../core/i18n.js';
import { type ChannelRole, channelFor, type Notifier, type PostedMessage } from '../../core/notifier.js';
import type { Reply } from '../../core/reply.js';
import type { Logger } from '../../log.js';
import { slackText } from './messages.js';
import { postReply, SlackDeliveryError } from './post.js';

type WebClient = webApi.WebClient;

/** Posts into the workspace's configured channel for each purpose (team channel by default). */
export class SlackNotifier implements Notifier {
  constructor(
    private readonly client: () => WebClient,
    private readonly log: Logger,
  ) {}

  async post(workspace: Workspace, to: ChannelRole, reply: Reply): Promise<PostedMessage> {
    const channel = channelFor(workspace, to);
    // Notices, and why one could not be posted, are in the workspace's language.
    const locale = isLocale(workspace.locale) ? workspace.locale : 'en';
    if (!channel) {
      const where = workspace.name || workspace.externalId;
      throw new SlackDeliveryError(slackText[locale].noChannel({ to, workspace: where }), 'not_configured');
    }
    const posted = await postReply(this.client(), channel, reply, { locale, log: this.log });
    return { channel, ...(posted.ts ? { messageId: posted.ts } : {}) };
  }
}
