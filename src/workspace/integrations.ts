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
import type { Db } from '../db/client.js';
import type { Clock } from '../lib/clock.js';
import type { SafeFetch } from '../net/safe-fetch.js';
import type { Secrets } from './secrets.js';

/** A registered network's id (integrations/registry.ts). */
export { isProviderId as isProvider } from '../../integrations/registry.js';
export type { ConnectInput, ProviderId };

/** The networks whose comments the bot reads and answers. */
export const COMMENT_PROVIDERS = providersWith(PROVIDERS, 'comments').map((p) => p.id as CommentingId);

export function isCommentProvider(value: string): value is CommentingId {
  return (COMMENT_PROVIDERS as readonly string[]).includes(value);
}

export type IntegrationStatus = 'ok' | 'error' | 'reauth';

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
  async connect(workspace: Workspace, provider: ProviderId, raw: ConnectInput): Promise<{ name: string }> {
    const p = this.provider(provider);
    const input = p.connect.accountId ? { ...raw, accountId: p.connect.accountId.schema.parse(raw.accountId) } : raw;
    const refresh = p.tokenRefresh;
    if (refresh?.accessToken.policy === 'refuse' && !refresh.isRefreshToken(input.token))
      throw new NeedsRefreshToken(p);
    const { credentials, name } = await p.connect.check(input, this.deps());
    const sealed = this.secrets.seal(JSON.stringify(credentials));
    await this.db.integration.upsert({
      where: { workspaceId_provider_accountId: { workspaceId: workspace.id, provider, accountId: input.accountId } },
      create: {
        workspaceId: workspace.id,
        provider,
        accountId: input.accountId,
        credentials: sealed,
        status: 'ok',
        statusMessage: name,
      },
      update: { credentials: sealed, status: 'ok', statusMessage: name, lastSyncAt: this.clock.now() },
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
          const reason = err instanceof Error ? err.message : String(err);
          await this.markReauth(row, reason);
          return { ...row, status: 'reauth', statusMessage: reason };
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

  async markReauth(integration: Integration, reason: string): Promise<void> {
    await this.db.integration.updateMany({
      where: { id: integration.id, workspaceId: integration.workspaceId },
      data: { status: 'reauth', statusMessage: reason.slice(0, 300) },
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

  /** Records a failed sync without touching the cursor; `reauth` when the token was refused. */
  async markFailed(integration: Integration, status: 'error' | 'reauth', reason: string): Promise<void> {
    await this.db.integration.updateMany({
      where: { id: integration.id, workspaceId: integration.workspaceId },
      data: { status, statusMessage: reason.slice(0, 300) },
    });
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
    if (!parsed.success) throw PublishError.reauth('the stored credentials are incomplete; connect again');
    return parsed.data;
  }

  private openCredentials(integration: Integration): unknown {
    try {
      return JSON.parse(this.secrets.open(integration.credentials));
    } catch {
      // Usually ENCRYPTION_KEY changed or the key file was lost: the token must be entered again.
      throw PublishError.reauth('the stored credentials cannot be decrypted with the current key; connect again');
    }
  }
}
