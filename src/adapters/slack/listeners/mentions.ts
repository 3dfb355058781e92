/** "@mktbot config" in a channel (app_mention): runs the command and answers in the channel, once per event. */
import { claimOnce } from '../../../db/processed-events.js';
import { postReply } from '../post.js';
import type { ListenerDeps } from './deps.js';

export function registerMentions(d: ListenerDeps): void {
  d.app.event('app_mention', async ({ event, body, client }) => {
    const eventId = (body as { event_id?: string }).event_id ?? `${event.channel}:${event.ts}`;
    if (!(await claimOnce(d.services.db, `slack:event:${eventId}`))) return;
    const line = event.text.replace(/<@[A-Z0-9]+>/g, '').trim() || '/help';
    const who = await d.identities.identity(body.team_id ?? '', event.user ?? '', event.channel, {});
    const reply = await d.router.handleText(line.startsWith('/') ? line : `/${line}`, who);
    await postReply(client, event.channel, reply, { locale: await d.identities.localeOf(who), log: d.log }).catch(
      (err: unknown) => d.log.warn({ err }, 'could not answer a mention'),
    );
  });
}
