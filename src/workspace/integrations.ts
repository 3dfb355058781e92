/**
 * Connected accounts per workspace: credentials sealed at rest, health status, and the publisher a
 * post's channel needs. Credentials are opened only here and never leave in a reply or a log.
 */
import type { Integration, Workspace } from '@prisma/client';
import type { z } from 'zod';
import type { CommentReplier, CommentSource, KnownPost } from '../../integrations/comments.js';
import { FacebookComments } from '../../integrations/facebook/comments.js';
import { type DailyInsights, FacebookInsights } from '../../integrations/facebook/insights.js';
import { FacebookPublisher, facebookCredentials, verifyFacebook } from '../../integrations/facebook/publisher.js';
import { type Ga4Credentials, ga4Credentials, ga4PropertyId, verifyGa4 } from '../../integrations/ga4/report.js';
import { fixedToken, GoogleOAuth, isGoogleRefreshToken, type TokenSource } from '../../integrations/google/oauth.js';
import { InstagramComments } from '../../integrations/instagram/comments.js';
import { InstagramInsights } from '../../integrations/instagram/insights.js';
import { InstagramPublisher, instagramCredentials, verifyInstagram } from '../../integrations/instagram/publisher.js';
import {
  MailchimpClient,
  MailchimpPublisher,
  mailchimpCredentials,
  verifyMailchimp,
} from '../../integrations/mailchimp/publisher.js';
import type { MediaLimits } from '../../integrations/media.js';
import { PublishError, type Publisher } from '../../integrations/publisher.js';
import { YoutubeComments } from '../../integrations/youtube/comments.js';
import {
  verifyYoutube,
  type YoutubeCredentials,
  YoutubePublisher,
  youtubeCredentials,
} from '../../integrations/youtube/publisher.js';
import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import type { Clock } from '../lib/clock.js';
import type { SafeFetch } from '../net/safe-fetch.js';
import type { Secrets } from './secrets.js';

export const PROVIDERS = ['facebook', 'instagram', 'youtube', 'mailchimp', 'ga4'] as const;
export type Provider = (typeof PROVIDERS)[number];

export function isProvider(value: string): value is Provider {
  return (PROVIDERS as readonly string[]).includes(value);
}

/** What a person types in /connect: an account id and a token (plus Mailchimp's audience). */
export interface ConnectInput {
  accountId: string;
  token: string;
}

/** The providers whose comments the bot reads and answers. */
export const COMMENT_PROVIDERS = ['facebook', 'instagram', 'youtube'] as const;
export type CommentProvider = (typeof COMMENT_PROVIDERS)[number];

export function isCommentProvider(value: string): value is CommentProvider {
  return (COMMENT_PROVIDERS as readonly string[]).includes(value);
}

export type IntegrationStatus = 'ok' | 'error' | 'reauth';

/** GA4 was given an access token: it would expire before the first daily pull. */
export class Ga4NeedsRefreshToken extends PublishError {
  constructor() {
    super('GA4 needs a Google refresh token (1//…)', { outcome: 'known' });
  }
}

const MEDIA_LIMITS: MediaLimits = { maxBytes: 256 * 1024 * 1024, timeoutMs: 5 * 60_000 };

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
   * name. Throws PublishError (reauth for a refused token) or Error with a reason.
   */
  async connect(workspace: Workspace, provider: Provider, raw: ConnectInput): Promise<{ name: string }> {
    // "properties/123" and "123" are one GA4 property: stored once, under its number.
    const input = provider === 'ga4' ? { ...raw, accountId: ga4PropertyId.parse(raw.accountId) } : raw;
    const { sealed, name } = await this.verify(provider, input);
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

  private async verify(provider: Provider, input: ConnectInput): Promise<{ sealed: string; name: string }> {
    const graph = this.config.META_GRAPH_URL;
    switch (provider) {
      case 'facebook': {
        const creds = facebookCredentials.parse({ pageId: input.accountId, token: input.token });
        return { sealed: this.seal(creds), name: await verifyFacebook(graph, creds) };
      }
      case 'instagram': {
        const creds = instagramCredentials.parse({ igUserId: input.accountId, token: input.token });
        return { sealed: this.seal(creds), name: await verifyInstagram(graph, creds) };
      }
      case 'youtube': {
        const creds = youtubeCredentials.parse(
          isGoogleRefreshToken(input.token)
            ? { channelId: input.accountId, refreshToken: input.token }
            : { channelId: input.accountId, token: input.token },
        );
        const name = await verifyYoutube(this.config.YOUTUBE_API_URL, creds.channelId, this.youtubeTokens(creds));
        return { sealed: this.seal(creds), name };
      }
      case 'mailchimp': {
        const list = await verifyMailchimp(input.token, input.accountId, this.config.MAILCHIMP_API_URL);
        const creds = mailchimpCredentials.parse({
          apiKey: input.token,
          listId: input.accountId,
          fromName: list.fromName,
          replyTo: list.replyTo,
        });
        return { sealed: this.seal(creds), name: list.name };
      }
      case 'ga4': {
        // Metrics are pulled once a day: an access token would be dead by the first pull.
        if (!isGoogleRefreshToken(input.token)) throw new Ga4NeedsRefreshToken();
        const creds = ga4Credentials.parse({ propertyId: input.accountId, refreshToken: input.token });
        const name = await verifyGa4(
          this.config.GA4_API_URL,
          creds.propertyId,
          this.google.source(creds.refreshToken),
          this.clock.now(),
        );
        return { sealed: this.seal(creds), name };
      }
    }
  }

  list(workspaceId: number): Promise<Integration[]> {
    return this.db.integration.findMany({
      where: { workspaceId },
      orderBy: [{ provider: 'asc' }, { accountId: 'asc' }],
    });
  }

  /** The account a channel publishes through: the most recently connected one. */
  find(workspaceId: number, provider: Provider): Promise<Integration | null> {
    return this.db.integration.findFirst({ where: { workspaceId, provider }, orderBy: { updatedAt: 'desc' } });
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
    const now = () => this.clock.now();
    const parse = <T>(schema: z.ZodType<T>): T => this.credentialsAs(integration, schema);
    const provider = integration.provider;
    if (provider === 'facebook')
      return new FacebookPublisher(this.config.META_GRAPH_URL, parse(facebookCredentials), now);
    if (provider === 'instagram') {
      return new InstagramPublisher(this.config.META_GRAPH_URL, parse(instagramCredentials), undefined, now);
    }
    if (provider === 'youtube') {
      const tokens = this.youtubeTokens(parse(youtubeCredentials));
      return new YoutubePublisher(this.config.YOUTUBE_API_URL, tokens, MEDIA_LIMITS, this.outbound);
    }
    if (provider === 'mailchimp')
      return new MailchimpPublisher(parse(mailchimpCredentials), this.config.MAILCHIMP_API_URL, now);
    throw PublishError.fatal(`no publisher for ${provider}`);
  }

  /** A GA4 property and its token source (reports); PublishError.reauth when credentials are unreadable. */
  ga4For(integration: Integration): { propertyId: string; base: string; tokens: TokenSource } {
    const creds: Ga4Credentials = this.credentialsAs(integration, ga4Credentials);
    return {
      propertyId: creds.propertyId,
      base: this.config.GA4_API_URL,
      tokens: this.google.source(creds.refreshToken),
    };
  }

  /** A Mailchimp API client for one integration (reports); PublishError.reauth when credentials are unreadable. */
  mailchimpClient(integration: Integration): MailchimpClient {
    return new MailchimpClient(
      this.credentialsAs(integration, mailchimpCredentials),
      this.config.MAILCHIMP_API_URL,
      () => this.clock.now(),
    );
  }

  /** Daily Page or Instagram account insights (metrics pull); PublishError.reauth when credentials are unreadable. */
  insightsFor(integration: Integration): DailyInsights {
    const now = () => this.clock.now();
    const graph = this.config.META_GRAPH_URL;
    if (integration.provider === 'facebook') {
      return new FacebookInsights(graph, this.credentialsAs(integration, facebookCredentials), now);
    }
    if (integration.provider === 'instagram') {
      return new InstagramInsights(graph, this.credentialsAs(integration, instagramCredentials), now);
    }
    throw PublishError.fatal(`${integration.provider} has no insights to read`);
  }

  /**
   * Comment reading and replying for one integration; `known` are the brand's published posts on it.
   * PublishError.reauth when its credentials cannot be read, fatal for a provider without comments.
   */
  commentsFor(integration: Integration, known: readonly KnownPost[] = []): CommentSource & CommentReplier {
    const now = () => this.clock.now();
    const parse = <T>(schema: z.ZodType<T>): T => this.credentialsAs(integration, schema);
    const graph = this.config.META_GRAPH_URL;
    switch (integration.provider) {
      case 'facebook':
        return new FacebookComments(graph, parse(facebookCredentials), known, now, this.commentTimeoutMs);
      case 'instagram':
        return new InstagramComments(graph, parse(instagramCredentials), known, now, this.commentTimeoutMs);
      case 'youtube': {
        const creds = parse(youtubeCredentials);
        const tokens = this.youtubeTokens(creds);
        return new YoutubeComments(
          this.config.YOUTUBE_API_URL,
          creds.channelId,
          tokens,
          known,
          now,
          this.commentTimeoutMs,
        );
      }
      default:
        throw PublishError.fatal(`${integration.provider} has no comments to read`);
    }
  }

  /** Records a failed sync without touching the cursor; `reauth` when the token was refused. */
  async markFailed(integration: Integration, status: 'error' | 'reauth', reason: string): Promise<void> {
    await this.db.integration.updateMany({
      where: { id: integration.id, workspaceId: integration.workspaceId },
      data: { status, statusMessage: reason.slice(0, 300) },
    });
  }

  /** GoogleClientProblem (a known failure) for a refresh token when the server has no OAuth client. */
  private youtubeTokens(creds: YoutubeCredentials): TokenSource {
    return 'refreshToken' in creds ? this.google.source(creds.refreshToken) : fixedToken(creds.token);
  }

  /** The stored credentials in the shape a client needs; PublishError.reauth when they do not fit. */
  private credentialsAs<T>(integration: Integration, schema: z.ZodType<T>): T {
    const parsed = schema.safeParse(this.openCredentials(integration));
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

  private seal(creds: object): string {
    return this.secrets.seal(JSON.stringify(creds));
  }
}
