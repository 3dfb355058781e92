/**
 * The `reminder` channel, for anything without an API: at the due time the content goes to the team
 * channel for a person to post by hand. A chat message cannot double-post on a social network, so a
 * failure to send it is always safe to retry.
 */
import type { Workspace } from '@prisma/client';
import { PublishError, type Publisher, type PublishIo, type PublishResult } from '../../integrations/publisher.js';
import type { Locale } from '../core/i18n.js';
import type { Notifier } from '../core/notifier.js';
import { context, fields, reply, text } from '../core/reply.js';
import { m } from './publish-notices.js';

export class ReminderPublisher implements Publisher {
  /** The team-channel message is the send; the post is marked just before it. */
  readonly marksSending = true;

  constructor(
    private readonly notifier: Notifier,
    private readonly workspace: Workspace,
  ) {}

  async publish(post: Parameters<Publisher['publish']>[0], io: Pick<PublishIo, 'sending'>): Promise<PublishResult> {
    const locale = this.workspace.locale as Locale;
    const t = m[locale] ?? m.en;
    const extra = [
      ...(post.title ? [{ label: t.title, value: post.title }] : []),
      ...post.media.map((item) => ({ label: t.media, value: item.url })),
    ];
    const r = reply(
      t.reminderTitle({ id: post.id }),
      [text(post.content), ...(extra.length ? [fields(extra)] : []), context(t.reminderHow)],
      { tone: 'info', rtl: locale === 'ar' },
    );
    let sent: Awaited<ReturnType<Notifier['post']>>;
    await io.sending();
    try {
      sent = await this.notifier.post(this.workspace, 'team', r);
    } catch (err) {
      // A chat message cannot double-post anything on a social network; retrying is safe.
      const said = err instanceof Error ? err.message : String(err);
      throw PublishError.retry(`could not post the reminder: ${said}`).because('reminderFailed', undefined, said);
    }
    return { externalId: sent.messageId ?? `reminder-${post.id}` };
  }
}
