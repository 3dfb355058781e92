/**
 * Connected accounts per workspace: credentials sealed at rest, health status, and the publisher,
 * comment reader or metrics source an account's network provides. Which network can do what is
 * the providers' business (integrations/registry.ts, docs/architecture.md §3.3); credentials are
 * opened only here, handed to the provider they belong to, and never leave in a reply or a log.
 */
import type { Integration, Workspace } from '@prisma/client';
import type { CommentReplier, CommentSource, KnownPost } from '../../integrations/comments.js';
import { GoogleOAuth } from '../../integrations/google/oauth.js';
import type { InsightsJob, InsightsResult } from '../../integrations/insights.js';
import type { PostFigures } from '../../integrations/post-figures.js';
import { type ConnectInput, type Provider, type ProviderDeps, providersWith } from '../../integrations/provider.js';
import { PublishError, type Publisher } from '../../integrations/publisher.js';
import { type CommentingId, PROVIDERS, type ProviderId, providerById } from '../../integrations/registry.js';
import type { Config } from '../config.js';
import type { Locale } from '../core/i18n.js';
import type { Db } from '../db/client.js';
import type { Clock } from '../lib/clock.js';
import { pauseDetail } from '../listening/quota-pause.js';
import type { SafeFetch } from '../net/safe-fetch.js';
import { reasonText, storedReason } from '../publishing/failure-reason.js';
import type { Secrets } from './secrets.js';

/** The network's own words kept with a reason, at most this long (statusMessage is a short column). */
const DETAIL_CHARS = 200;

/**
 * Why an account needs connecting again, as statusMessage keeps it: the way a post's failure is kept
 * (src/publishing/failure-reason.ts: a code, its parameters and the network's own words), so it is
 * shown in the reader's language, not in the words of the error.
 */
export function reauthReason(err: unknown): string {
  if (err instanceof PublishError && err.reason) {
    const { detail, ...reason } = err.reason;
    return storedReason({
      message: err.message,
      reason: { ...reason, ...(detail ? { detail: detail.slice(0, DETAIL_CHARS) } : {}) },
    });
  }
  const said = err instanceof Error ? err.message : String(err);
  return storedReason({ message: said.slice(0, DETAIL_CHARS), reason: undefined });
}

/**
 * What /connect status and /home show beside an account's health, in the reader's language: the
 * account's name while it is healthy, until when comment reading is paused for a spent quota, else
 * why it is not healthy (a row from before reasons were coded, or a failed read's message, is quoted
 * as the network wrote it).
 */
export function statusDetail(
  integration: Pick<Integration, 'status' | 'statusMessage'>,
  viewer: { locale: Locale; timezone: string },
): string {
  if (integration.status === 'ok') return integration.statusMessage ?? '';
  return (
    pauseDetail(integration, viewer.timezone, viewer.locale) ?? reasonText(integration.statusMessage, viewer.locale)
  );
}

/** A registered network's id (integrations/registry.ts). */
export { isProviderId as isProvider } from '../../integrations/registry.js';
export type { ConnectInput, ProviderId };

/** The networks whose comments the bot reads and answers. */
export const COMMENT_PROVIDERS = providersWith(PROVIDERS, 'comments').map((p) => p.id as CommentingId);

export function isCommentProvider(value: string): value is CommentingId {
  return (COMMENT_PROVIDERS as readonly string[]).includes(value);
}

export type IntegrationStatus = 'ok' | 'error' | 'reauth';

/** What an OAuth grant adds to a connection: a refresh token, when the token lapses, the scopes. */
export interface GrantInfo {
  /** Kept sealed beside the credentials, for the upkeep job to renew the access token. */
  refreshToken?: string;
  expiresAt?: Date;
  scopes?: readonly string[];
}

/**
 * The sealed credentials' key for a refresh token the bot renews access tokens with (X, TikTok,
 * LinkedIn's approved apps); provider schemas ignore it. Those providers keep the access token in
 * `token`. Google's refresh token is the provider's own `refreshToken` instead.
 */
const REFRESH_KEY = 'oauthRefresh';

/**
 * An access token was pasted for a network whose token must be refreshable (GA4: it would expire
 * before the first daily pull). /connect answers with the provider's `tokenRefresh` message.
 */
export class NeedsRefreshToken extends PublishError {
  constructor(readonly provider: Provider) {
    super(`${provider.name} needs a Google refresh token (1//…)`, { outcome: 'known' });
  }
}

/** One account's daily figures, its credentials already opened (docs/architecture.md §3.3 `MetricSource`). */
export interface AccountMetrics {
  fetchDaily(job: InsightsJob): Promise<InsightsResult>;
}

export class IntegrationService {
  /** How long one comment read or reply call may take (tests shorten it). */
  commentTimeoutMs = 30_000;
  /** YouTube and GA4 access tokens renewed from refresh tokens, cached for the whole process. */
  private readonly google: GoogleOAuth;

  constructor(
    private readonly db: Db,
    private readonly secrets: Secrets,
    private readonly config: Config,
    private readonly clock: Clock,
    /** Media downloads go through the one outbound helper (private addresses refused). */
    private readonly outbound: SafeFetch,
  ) {
    const { GOOGLE_CLIENT_ID: clientId, GOOGLE_CLIENT_SECRET: clientSecret, GOOGLE_OAUTH_URL: base } = config;
    const client = clientId && clientSecret ? { base, clientId, clientSecret } : undefined;
    this.google = new GoogleOAuth(client, () => clock.now());
  }

  /**
   * Checks the token against the provider, then stores it sealed. Returns the account's display
   * name. Throws PublishError (reauth for a refused token), NeedsRefreshToken, or Error with a reason.
   */
  async connect(
    workspace: Workspace,
    provider: ProviderId,
    raw: ConnectInput,
    grant: GrantInfo = {},
  ): Promise<{ name: string }> {
    const p = this.provider(provider);
    const input = p.connect.accountId ? { ...raw, accountId: p.connect.accountId.schema.parse(raw.accountId) } : raw;
    const refresh = p.tokenRefresh;
    if (refresh?.accessToken.policy === 'refuse' && !refresh.isRefreshToken(input.token))
      throw new NeedsRefreshToken(p);
    const { credentials, name } = await p.connect.check(input, this.deps());
    const stored = grant.refreshToken ? { ...(credentials as object), [REFRESH_KEY]: grant.refreshToken } : credentials;
    const sealed = this.secrets.seal(JSON.stringify(stored));
    // A pasted token's lapse is unknown; a new connection starts with no lapse notice sent.
    const lapse = { expiresAt: grant.expiresAt ?? null, scopes: grant.scopes?.join(' ') ?? null, expiryNotice: null };
    await this.db.integration.upsert({
      where: { workspaceId_provider_accountId: { workspaceId: workspace.id, provider, accountId: input.accountId } },
      create: {
        workspaceId: workspace.id,
        provider,
        accountId: input.accountId,
        credentials: sealed,
        status: 'ok',
        statusMessage: name,
        ...lapse,
      },
      update: { credentials: sealed, status: 'ok', statusMessage: name, lastSyncAt: this.clock.now(), ...lapse },
    });
    return { name };
  }

  /**
   * The workspace's accounts, each checked that its stored credentials still open: one sealed with a
   * key that is gone (ENCRYPTION_KEY changed, key file lost) is marked "needs reconnecting" here,
   * rather than shown as ok until the next post fails at its time.
   */
  async list(workspaceId: number): Promise<Integration[]> {
    const rows = await this.db.integration.findMany({
      where: { workspaceId },
      orderBy: [{ provider: 'asc' }, { accountId: 'asc' }],
    });
    return Promise.all(
      rows.map(async (row) => {
        const provider = providerById(row.provider);
        if (row.status !== 'ok' || !provider) return row;
        try {
          this.credentialsOf(row, provider);
          return row;
        } catch (err) {
          await this.markReauth(row, err);
          return { ...row, status: 'reauth', statusMessage: reauthReason(err) };
        }
      }),
    );
  }

  /**
   * A connected account: the one named by `accountId` (a scheduled post's recorded account), or,
   * without one, the most recently updated account of the network (how posts scheduled before
   * accounts were recorded, and comment replies, pick one).
   */
  find(workspaceId: number, provider: ProviderId, accountId?: string | null): Promise<Integration | null> {
    if (accountId) return this.db.integration.findFirst({ where: { workspaceId, provider, accountId } });
    return this.db.integration.findFirst({
      where: { workspaceId, provider },
      orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }],
    });
  }

  /** The network's connected accounts in a workspace, by account id. */
  accounts(workspaceId: number, provider: ProviderId): Promise<Integration[]> {
    return this.db.integration.findMany({ where: { workspaceId, provider }, orderBy: [{ accountId: 'asc' }] });
  }

  /** How an account is named in chat: its id, and the name the network gave when it was connected. */
  static label(integration: Pick<Integration, 'accountId' | 'status' | 'statusMessage'>): string {
    // statusMessage holds the account's name while the account is healthy, an error message otherwise.
    const name = integration.status === 'ok' ? integration.statusMessage : null;
    return name && name !== integration.accountId ? `${integration.accountId} (${name})` : integration.accountId;
  }

  /** The account needs connecting again, because of `err` (kept as reauthReason writes it). */
  async markReauth(integration: Integration, err: unknown): Promise<void> {
    await this.db.integration.updateMany({
      where: { id: integration.id, workspaceId: integration.workspaceId },
      data: { status: 'reauth', statusMessage: reauthReason(err) },
    });
  }

  /** The network refused to renew the token: only connecting again helps, so it is not tried again. */
  async markRefreshRefused(integration: Integration, err: unknown): Promise<void> {
    await this.db.integration.updateMany({
      where: { id: integration.id, workspaceId: integration.workspaceId },
      data: { status: 'reauth', statusMessage: reauthReason(err), expiresAt: null, expiryNotice: null },
    });
  }

  async markOk(integration: Integration): Promise<void> {
    if (integration.status === 'ok') return;
    await this.db.integration.updateMany({
      where: { id: integration.id, workspaceId: integration.workspaceId },
      data: { status: 'ok', lastSyncAt: this.clock.now() },
    });
  }

  /** The publisher for one integration; PublishError.fatal when its credentials cannot be read. */
  publisherFor(integration: Integration): Publisher {
    const p = providerById(integration.provider);
    if (!p?.publish) throw PublishError.fatal(`no publisher for ${integration.provider}`);
    return p.publish.create(this.credentialsOf(integration, p), this.deps());
  }

  /**
   * An account's daily figures (the metrics pull); PublishError.reauth when its credentials cannot
   * be read, fatal for a network without insights.
   */
  insightsFor(integration: Integration): AccountMetrics {
    const p = providerById(integration.provider);
    if (!p?.insights) throw PublishError.fatal(`${integration.provider} has no insights to read`);
    const source = p.insights;
    const credentials = this.credentialsOf(integration, p);
    return { fetchDaily: (job) => source.fetchDaily(credentials, this.deps(), job) };
  }

  /**
   * Figures of single published posts for one integration (best times to post); PublishError.reauth
   * when its credentials cannot be read, fatal for a network that has none.
   */
  postFiguresFor(integration: Integration): {
    batch: number;
    read(ids: readonly string[]): Promise<Map<string, PostFigures>>;
  } {
    const p = providerById(integration.provider);
    if (!p?.postFigures) throw PublishError.fatal(`${integration.provider} has no post figures to read`);
    const reader = p.postFigures;
    const credentials = this.credentialsOf(integration, p);
    return { batch: reader.batch, read: (ids) => reader.read(credentials, this.deps(), ids) };
  }

  /**
   * Comment reading and replying for one integration; `known` are the brand's published posts on it.
   * PublishError.reauth when its credentials cannot be read, fatal for a provider without comments.
   */
  commentsFor(integration: Integration, known: readonly KnownPost[] = []): CommentSource & CommentReplier {
    const p = providerById(integration.provider);
    if (!p?.comments) throw PublishError.fatal(`${integration.provider} has no comments to read`);
    return p.comments.create(this.credentialsOf(integration, p), this.deps(), known);
  }

  /** Records a failed sync without touching the cursor (a refused token is `markReauth`). */
  async markFailed(integration: Integration, reason: string): Promise<void> {
    await this.db.integration.updateMany({
      where: { id: integration.id, workspaceId: integration.workspaceId },
      data: { status: 'error', statusMessage: reason.slice(0, 300) },
    });
  }

  /** Accounts of every workspace whose token lapses before `before` (the upkeep jobs' work list). */
  lapsingBefore(before: Date, statuses: readonly IntegrationStatus[] = ['ok']): Promise<Integration[]> {
    return this.db.integration.findMany({
      where: { status: { in: [...statuses] }, expiresAt: { not: null, lte: before } },
      orderBy: [{ expiresAt: 'asc' }],
    });
  }

  /** The refresh token the bot renews this account's access token with; undefined when there is none. */
  refreshTokenOf(integration: Integration): string | undefined {
    try {
      const raw = this.openCredentials(integration) as Record<string, unknown>;
      const token = raw[REFRESH_KEY];
      return typeof token === 'string' ? token : undefined;
    } catch {
      return undefined;
    }
  }

  /** Stores a renewed access token (and the new refresh token, where the network rotates them). */
  async storeRefreshed(integration: Integration, grant: GrantInfo & { accessToken: string }): Promise<void> {
    const raw = this.openCredentials(integration) as Record<string, unknown>;
    const next = {
      ...raw,
      token: grant.accessToken,
      ...(grant.refreshToken ? { [REFRESH_KEY]: grant.refreshToken } : {}),
    };
    await this.db.integration.updateMany({
      where: { id: integration.id, workspaceId: integration.workspaceId },
      data: {
        credentials: this.secrets.seal(JSON.stringify(next)),
        // A token refused because it had lapsed works again; the error message goes with it.
        ...(integration.status === 'ok' ? {} : { status: 'ok', statusMessage: null }),
        expiresAt: grant.expiresAt ?? null,
        expiryNotice: null,
        lastSyncAt: this.clock.now(),
        ...(grant.scopes ? { scopes: grant.scopes.join(' ') } : {}),
      },
    });
  }

  /**
   * Records that a lapse notice is sent, once: true for the one caller that moved the mark (another
   * replica, or an earlier run, that sent it leaves false). The 1-day notice follows the 7-day one
   * or replaces it when the 7-day window was missed; a reconnect (new expiresAt) clears the mark.
   */
  async claimExpiryNotice(integration: Integration, notice: '7d' | '1d'): Promise<boolean> {
    const before = notice === '7d' ? [{ expiryNotice: null }] : [{ expiryNotice: null }, { expiryNotice: '7d' }];
    const r = await this.db.integration.updateMany({
      where: { id: integration.id, expiresAt: integration.expiresAt, OR: before },
      data: { expiryNotice: notice },
    });
    return r.count === 1;
  }

  /** What a provider's clients are built with; read at each call (tests change the comment timeout). */
  private deps(): ProviderDeps {
    return {
      config: this.config,
      now: () => this.clock.now(),
      outbound: this.outbound,
      google: this.google,
      commentTimeoutMs: this.commentTimeoutMs,
    };
  }

  private provider(id: string): Provider {
    const p = providerById(id);
    if (!p) throw new Error(`unknown provider ${id}`);
    return p;
  }

  /**
   * The stored credentials in the shape their provider declares; PublishError.reauth when they do
   * not fit. The provider gets only its own schema's output (see integrations/provider.ts).
   */
  private credentialsOf(integration: Integration, provider: Provider): unknown {
    const parsed = provider.credentials.safeParse(this.openCredentials(integration));
    if (!parsed.success)
      throw PublishError.reauth('the stored credentials are incomplete; connect again').because(
        'credentialsIncomplete',
      );
    return parsed.data;
  }

  private openCredentials(integration: Integration): unknown {
    try {
      return JSON.parse(this.secrets.open(integration.credentials));
    } catch {
      // Usually ENCRYPTION_KEY changed or the key file was lost: the token must be entered again.
      throw PublishError.reauth(
        'the stored credentials cannot be decrypted with the current key; connect again',
      ).because('credentialsUnreadable');
    }
  }
}
