/**
 * Keeping connections alive. Tokens with a refresh token (X, TikTok, LinkedIn's approved apps) are
 * renewed before they lapse; tokens that cannot be renewed (LinkedIn without a refresh token) are
 * announced 7 days and 1 day ahead, each notice once, with a Reconnect button. Google's refresh
 * tokens do not lapse and their access tokens are renewed on use (integrations/google/oauth.ts).
 */
import type { Integration, Workspace } from '@prisma/client';
import { OAuthRefused, refreshGrant } from '../../../integrations/oauth.js';
import { providerById } from '../../../integrations/registry.js';
import type { Config } from '../../config.js';
import type { Locale } from '../../core/i18n.js';
import type { Notifier } from '../../core/notifier.js';
import { actions, reply, text as textBlock } from '../../core/reply.js';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import { count } from '../../lib/plural.js';
import { writtenDate } from '../../lib/when.js';
import type { Logger } from '../../log.js';
import type { IntegrationService } from '../integrations.js';
import { oauthOf, reconnectAction } from './connect.js';
import { m } from './messages.js';

/** A token is renewed once it has less than this left (X's last two hours; the job runs every 10 minutes). */
export const REFRESH_AHEAD_MS = 30 * 60_000;
const DAY_MS = 24 * 60 * 60_000;

interface Deps {
  db: Db;
  config: Config;
  clock: Clock;
  integrations: IntegrationService;
  notifier: Notifier;
  log: Logger;
}

/** Renews every access token that lapses within REFRESH_AHEAD_MS and has a refresh token. */
export async function refreshDueTokens(d: Deps): Promise<{ refreshed: number; refused: number }> {
  const now = d.clock.now();
  // Also tokens that lapsed while the bot was down and were refused since (a post got 401): a refresh
  // token still renews them. A row whose renewal was refused has no expiresAt, so it is not here.
  const due = await d.integrations.lapsingBefore(new Date(now.getTime() + REFRESH_AHEAD_MS), ['ok', 'reauth']);
  let refreshed = 0;
  let refused = 0;
  for (const row of due) {
    if (row.status !== 'ok' && row.expiresAt && row.expiresAt > now) continue;
    const refreshToken = d.integrations.refreshTokenOf(row);
    const oauth = oauthOf(row.provider, d.config);
    if (!refreshToken || !oauth?.client) continue;
    try {
      const grant = await refreshGrant(oauth.spec, d.config, oauth.client, refreshToken, d.clock.now());
      await d.integrations.storeRefreshed(row, grant);
      refreshed++;
    } catch (err) {
      if (err instanceof OAuthRefused && err.code === 'invalid_grant') {
        // Revoked or lapsed: only the person can grant again.
        refused++;
        await d.integrations.markRefreshRefused(row, err);
        await announce(d, row, (t, name) => ({
          title: t.refreshFailedTitle({ provider: name }),
          body: t.refreshFailedWhat({
            provider: name,
            id: row.provider,
            ...(err.description ? { said: err.description.slice(0, 200) } : {}),
          }),
        }));
      } else {
        // An outage or a rate limit: the next run tries again while the token still works.
        d.log.warn({ provider: row.provider, integration: row.id, err: String(err) }, 'token refresh failed');
      }
    }
  }
  return { refreshed, refused };
}

/** Sends the 7-day and 1-day notices for tokens that cannot be renewed; each notice once. */
export async function announceLapsing(d: Deps): Promise<number> {
  const now = d.clock.now();
  const soon = await d.integrations.lapsingBefore(new Date(now.getTime() + 7 * DAY_MS));
  let sent = 0;
  for (const row of soon) {
    if (!row.expiresAt || row.expiresAt <= now || d.integrations.refreshTokenOf(row)) continue;
    const left = row.expiresAt.getTime() - now.getTime();
    const notice = left <= DAY_MS ? '1d' : '7d';
    if (!(await d.integrations.claimExpiryNotice(row, notice))) continue;
    const lapse = row.expiresAt;
    await announce(d, row, (t, name, locale, zone) => ({
      title: t.expiryTitle({
        provider: name,
        account: row.accountId,
        days: count(notice === '1d' ? 1 : 7, 'day', locale),
      }),
      body: t.expiryWhat({ provider: name, id: row.provider, date: writtenDate(lapse, zone, locale) }),
    }));
    sent++;
  }
  return sent;
}

/** Forgets Connect links that were spent or lapsed more than a day ago. */
export async function pruneStates(d: Pick<Deps, 'db' | 'clock'>): Promise<number> {
  const r = await d.db.oAuthState.deleteMany({
    where: { expiresAt: { lt: new Date(d.clock.now().getTime() - DAY_MS) } },
  });
  return r.count;
}

type Words = (t: (typeof m)['en'], provider: string, locale: Locale, zone: string) => { title: string; body: string };

/** A notice to the team channel in the workspace's language, with the Reconnect button. */
async function announce(d: Deps, row: Integration, words: Words): Promise<void> {
  const workspace: Workspace | null = await d.db.workspace.findUnique({ where: { id: row.workspaceId } });
  if (!workspace) return;
  const locale: Locale = workspace.locale === 'ar' ? 'ar' : 'en';
  const t = m[locale];
  const name = providerById(row.provider)?.name ?? row.provider;
  const w = words(t, name, locale, workspace.timezone);
  try {
    await d.notifier.post(
      workspace,
      'team',
      reply(w.title, [textBlock(w.body), actions([reconnectAction(row.provider, row.accountId, t.reconnectButton)])], {
        tone: 'warning',
      }),
    );
  } catch (err) {
    d.log.warn({ err, workspace: workspace.id }, 'could not post a connection notice');
  }
}
