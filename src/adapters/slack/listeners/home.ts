/**
 * Slack's App Home tab: on `app_home_opened` the person's Home (/home, run as them) is published with
 * views.publish, and again after a button in it is pressed (actions.ts), with what the press did on
 * top. A Home view has no room for a picture upload, so the calendar shows its text (the image's alt).
 */
import { context, type Reply } from '../../../core/reply.js';
import { teamIdOf } from '../identity.js';
import { renderReply } from '../render.js';
import type { ListenerDeps } from './deps.js';

/** Slack's limit on a view's blocks. */
const VIEW_BLOCKS = 100;

/** A Reply as a Home tab view: the blocks of its messages, pictures as their text. */
export function homeView(r: Reply, locale: 'en' | 'ar'): { type: 'home'; blocks: unknown[] } {
  const textual: Reply = { ...r, blocks: r.blocks.map((b) => (b.kind === 'image' ? context(b.alt) : b)) };
  const blocks = renderReply(textual, { locale, maxMessages: 2 }).messages.flatMap((m) => m.blocks);
  return { type: 'home', blocks: blocks.slice(0, VIEW_BLOCKS) };
}

/** Publishes `userId`'s Home; `notice` (what a button press did) goes on top. */
export async function publishHome(d: ListenerDeps, teamId: string, userId: string, notice?: Reply): Promise<void> {
  const who = await d.identities.identity(teamId, userId, undefined, {});
  const home = await d.router.handleText('/home', who);
  const shown: Reply = notice
    ? { ...home, blocks: [...notice.blocks.filter((b) => b.kind === 'text' || b.kind === 'context'), ...home.blocks] }
    : home;
  await d.app.client.views.publish({
    user_id: userId,
    // biome-ignore lint/suspicious/noExplicitAny: Bolt's View type wants its own block union; ours is built by render.ts.
    view: homeView(shown, await d.identities.localeOf(who)) as any,
  });
}

export function registerHome(d: ListenerDeps): void {
  d.app.event('app_home_opened', async ({ event, body }) => {
    if (event.tab !== 'home') return;
    const teamId = teamIdOf(body.team_id);
    if (!teamId) {
      d.log.warn({ kind: 'app_home_opened' }, 'slack: refused an event that names no workspace');
      return;
    }
    await publishHome(d, teamId, event.user).catch((err: unknown) =>
      d.log.warn({ err }, 'slack: could not publish the Home tab'),
    );
  });
}
