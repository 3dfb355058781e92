/**
 * Button presses (block_actions): acknowledged at once, claimed by trigger id, then routed to the
 * command's action. A reply that asks for a form opens a modal; otherwise it is posted (or replaces
 * the pressed message) through the press's response_url.
 */
import { formAsText } from '../../../core/reply.js';
import { claimOnce } from '../../../db/processed-events.js';
import { personOf } from '../after-ack-queue.js';
import { teamIdOf } from '../identity.js';
import { buildFormModal } from '../modal.js';
import { actionIdOf } from '../render.js';
import type { ListenerDeps } from './deps.js';
import { type HomeTabs, publishHome } from './home.js';

export function registerActions(d: ListenerDeps, homes?: HomeTabs): void {
  d.app.action(/.+/, async ({ body, action, ack }) => {
    await ack();
    if (body.type !== 'block_actions' || action.type !== 'button' || !('action_id' in action)) return;
    // A link button opened its address in the browser; Slack tells us of the click, which needs no answer.
    if ('url' in action && action.url) return;
    d.queue.add('interactive', personOf(body.team?.id ?? body.user.team_id, body.user.id), () =>
      d.replies.safely(body.response_url, undefined, async () => {
        const teamId = teamIdOf(body.team?.id, body.user.team_id);
        if (!teamId) {
          const facts = {
            kind: 'action',
            action: action.action_id,
            user: body.user.id,
            enterprise: body.enterprise?.id,
          };
          await d.replies.refuseWithoutWorkspace(body.response_url, facts);
          return;
        }
        if (!(await claimOnce(d.services.db, `slack:action:${body.trigger_id}`))) return;
        const who = await d.identities.identity(teamId, body.user.id, body.channel?.id, {
          domain: body.team?.domain,
          name: body.user.name ?? body.user.username,
        });
        const reply = await d.router.press(actionIdOf(action.action_id), action.value, who);
        // A press in the Home tab has no message to answer: the Home is published again, the outcome on top.
        if (body.view?.type === 'home') {
          await publishHome(d, teamId, body.user.id, reply);
          homes?.changed(teamId, body.user.id);
          return;
        }
        // A press in a channel (an approval, an alert handled) changes what the team's Homes show.
        homes?.changed(teamId);
        if (reply.form) {
          const meta = {
            action: reply.form.action,
            ...(reply.form.payload === undefined ? {} : { payload: reply.form.payload }),
            ...(body.channel?.id ? { channel: body.channel.id } : {}),
            responseUrl: body.response_url,
          };
          const view = buildFormModal(reply.form, reply.rtl ? 'ar' : 'en', meta);
          try {
            await d.app.client.views.open({ trigger_id: body.trigger_id, view });
            return;
          } catch (err) {
            // An expired trigger: the reply's blocks say how to do the same by typing.
            d.log.warn({ err }, 'could not open the form; answering in text');
          }
        }
        await d.replies.answer(body.response_url, formAsText(reply), {
          channel: body.channel?.id,
          replace: reply.replaceOriginal,
        });
      }),
    );
  });
}
