/**
 * Who is asking, in Slack terms: the workspace (team) and the person, with Slack workspace admins
 * and owners made admins here (users.info, cached), and the language their answers are written in.
 */
import type { webApi } from '@slack/bolt';
import type { Identity } from '../../core/context.js';
import { isLocale, type Locale } from '../../core/i18n.js';
import type { Logger } from '../../log.js';
import type { Services } from '../../services.js';

type WebClient = webApi.WebClient;

/** How long a user's Slack admin status is trusted before users.info is asked again. */
const ADMIN_CACHE_MS = 10 * 60 * 1000;

/**
 * The Slack workspace (team) a payload came from: the first non-empty candidate. Undefined when the
 * payload names none (`team: null` and no `user.team_id`, as some Enterprise Grid or malformed
 * payloads arrive): such a request must be refused, never filed under a workspace with an empty id.
 */
export function teamIdOf(...candidates: ReadonlyArray<string | null | undefined>): string | undefined {
  return candidates.find((c): c is string => typeof c === 'string' && c.trim() !== '');
}

export class SlackIdentities {
  private readonly people = new Map<string, { admin: boolean; name?: string; at: number }>();

  constructor(
    private readonly client: () => WebClient,
    private readonly services: Services,
    private readonly log: Logger,
  ) {}

  /** Who is asking; Slack workspace admins and owners are admins here (users.info, cached). */
  async identity(
    teamId: string,
    userId: string,
    channel: string | undefined,
    extra: { domain?: string | undefined; name?: string | undefined },
  ): Promise<Identity> {
    // Every listener checks teamIdOf first and refuses politely; this is the last line of defence.
    if (!teamIdOf(teamId)) throw new Error('slack: a request without a workspace (team) id reached identity()');
    const key = `${teamId}:${userId}`;
    let person = this.people.get(key);
    if (!person || Date.now() - person.at > ADMIN_CACHE_MS) {
      try {
        const res = await this.client().users.info({ user: userId });
        const u = res.user;
        person = {
          admin: u?.is_admin === true || u?.is_owner === true || u?.is_primary_owner === true,
          ...(u?.real_name || u?.name ? { name: u.real_name || u.name } : {}),
          at: Date.now(),
        };
        this.people.set(key, person);
      } catch (err) {
        // Without users:read nobody is a Slack admin by default; roles from /config still apply.
        this.log.warn({ err }, 'users.info failed; treating the user as a regular member');
        person = { admin: false, at: 0 };
      }
    }
    const name = person.name ?? extra.name;
    return {
      platform: 'slack',
      workspace: { externalId: teamId, ...(extra.domain ? { name: extra.domain } : {}) },
      user: { externalId: userId, ...(name ? { name } : {}), platformAdmin: person.admin },
      ...(channel ? { channel } : {}),
    };
  }

  /** The person's language, else the workspace's. */
  async localeOf(who: Identity): Promise<Locale> {
    const { workspace, member } = await this.services.workspaces.resolve(who);
    const l = member.locale ?? workspace.locale;
    return isLocale(l) ? l : 'en';
  }
}
