/**
 * Slack's App Home tab: on `app_home_opened` the person's Home (/home, run as them) is published with
 * views.publish, and again after a button in it is pressed (actions.ts), with what the press did on
 * top. It is also refreshed for everyone who opened it when the team's week changes as the bot sees it
 * (HomeTabs.changed: a notice posted to the team, such as a new alert, an approval request or a
 * publish result, or a button pressed in a channel). Who opened it is kept in memory: after a restart
 * a Home is refreshed again once its person opens it. A Home view has no room for a picture upload, so
 * the calendar shows its text (the image's alt).
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

/** People whose Home is kept fresh, per team, at most this many (the most recent openers). */
const MAX_OPENERS = 200;

/** Who opened their Home tab, and a debounced refresh of those Homes when the team's week changes. */
export class HomeTabs {
  private readonly openers = new Map<string, Set<string>>();
  private readonly timers = new Map<string, { timer: NodeJS.Timeout; except: Set<string> }>();

  constructor(
    private readonly d: ListenerDeps,
    /** Changes within this window are shown by one refresh. */
    private readonly delayMs = 1500,
  ) {}

  opened(teamId: string, userId: string): void {
    const users = this.openers.get(teamId) ?? new Set<string>();
    users.delete(userId);
    users.add(userId);
    if (users.size > MAX_OPENERS) users.delete(users.values().next().value as string);
    this.openers.set(teamId, users);
  }

  /**
   * The team's week changed: its openers' Homes are published again shortly. `except`: someone whose
   * Home was just published with the change on top (a press in it), left as it is unless another change
   * comes in the same window.
   */
  changed(teamId: string, except?: string): void {
    if (!this.openers.get(teamId)?.size) return;
    const pending = this.timers.get(teamId);
    if (pending) {
      if (!except || !pending.except.has(except)) pending.except.clear();
      return;
    }
    const entry = {
      timer: setTimeout(() => this.refresh(teamId), this.delayMs),
      except: new Set(except ? [except] : []),
    };
    entry.timer.unref();
    this.timers.set(teamId, entry);
  }

  private refresh(teamId: string): void {
    const except = this.timers.get(teamId)?.except ?? new Set<string>();
    this.timers.delete(teamId);
    for (const user of this.openers.get(teamId) ?? []) {
      if (except.has(user)) continue;
      publishHome(this.d, teamId, user).catch((err: unknown) =>
        this.d.log.warn({ err }, 'slack: could not refresh a Home tab'),
      );
    }
  }

  stop(): void {
    for (const t of this.timers.values()) clearTimeout(t.timer);
    this.timers.clear();
  }
}

export function registerHome(d: ListenerDeps, tabs: HomeTabs): void {
  d.app.event('app_home_opened', async ({ event, body }) => {
    if (event.tab !== 'home') return;
    const teamId = teamIdOf(body.team_id);
    if (!teamId) {
      d.log.warn({ kind: 'app_home_opened' }, 'slack: refused an event that names no workspace');
      return;
    }
    tabs.opened(teamId, event.user);
    await publishHome(d, teamId, event.user).catch((err: unknown) =>
      d.log.warn({ err }, 'slack: could not publish the Home tab'),
    );
  });
}
