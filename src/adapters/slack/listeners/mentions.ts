/** "@mktbot config" in a channel (app_mention): runs the command and answers in the channel, once per event. */
import { claimOnce } from '../../../db/processed-events.js';
import { teamIdOf } from '../identity.js';
import { postReply } from '../post.js';
import type { ListenerDeps } from './deps.js';

export function registerMentions(d: ListenerDeps): void {
  d.app.event('app_mention', async ({ event, body, client }) => {
    const teamId = teamIdOf(body.team_id);
    if (!teamId) {
      // No response_url to explain on, and posting to a channel of an unknown workspace is not safe.
      d.log.warn({ kind: 'app_mention', channel: event.channel }, 'slack: refused an event that names no workspace');
      return;
    }
    const eventId = (body as { event_id?: string }).event_id ?? `${event.channel}:${event.ts}`;
    if (!(await claimOnce(d.services.db, `slack:event:${eventId}`))) return;
    const line = event.text.replace(/<@[A-Z0-9]+>/g, '').trim() || '/help';
    const who = await d.identities.identity(teamId, event.user ?? '', event.channel, {});
    const reply = await d.router.handleText(line.startsWith('/') ? line : `/${line}`, who);
    await postReply(client, event.channel, reply, { locale: await d.identities.localeOf(who), log: d.log }).catch(
      (err: unknown) => d.log.warn({ err }, 'could not answer a mention'),
    );
  });
}
