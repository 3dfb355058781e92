/** "@mktbot config" in a channel (app_mention): runs the command and answers in the channel, once per event. */
import { claimOnce } from '../../../db/processed-events.js';
import { teamIdOf } from '../identity.js';
import { postReply } from '../post.js';
import { plainMentionReply, readSlackInput } from '../typed-input.js';
import type { ListenerDeps } from './deps.js';

export function registerMentions(d: ListenerDeps): void {
  d.app.event('app_mention', async ({ event, body, client, context }) => {
    const teamId = teamIdOf(body.team_id);
    if (!teamId) {
      // No response_url to explain on, and posting to a channel of an unknown workspace is not safe.
      d.log.warn({ kind: 'app_mention', channel: event.channel }, 'slack: refused an event that names no workspace');
      return;
    }
    const eventId = (body as { event_id?: string }).event_id ?? `${event.channel}:${event.ts}`;
    if (!(await claimOnce(d.services.db, `slack:event:${eventId}`))) return;
    // Only the bot's own mention is the address; any other (a person in /roles set) is input.
    const bot = context.botUserId;
    const own = bot && /^[A-Z0-9]+$/.test(bot) ? new RegExp(`<@${bot}(\\|[^>]*)?>`, 'g') : /^\s*<@[A-Z0-9]+(\|[^>]*)?>/;
    const said = event.text.replace(own, '').trim() || 'help';
    const who = await d.identities.identity(teamId, event.user ?? '', event.channel, {});
    const input = readSlackInput(d.router, said.startsWith('/') ? said : `/${said}`);
    const reply =
      input.kind === 'text'
        ? await d.router.handleText(input.line, who)
        : input.plain
          ? plainMentionReply(input.plain, await d.identities.localeOf(who))
          : await d.router.handleStructured(input.command.name, input.sub.name, input.raw, who);
    await postReply(client, event.channel, reply, { locale: await d.identities.localeOf(who), log: d.log }).catch(
      (err: unknown) => d.log.warn({ err }, 'could not answer a mention'),
    );
  });
}
