/**
 * The provider contract (docs/architecture.md §3.3): one object per outside network, exported by
 * `integrations/<network>/index.ts` and listed in `integrations/registry.ts`. It says what the
 * network is (id, display name), how an account is connected and checked, and what it can do. A
 * capability is an optional field, so the type itself tells what a network supports:
 *
 * - `publish`: a `Publisher` for one account, and the limits a post must meet to be accepted;
 * - `comments`: a `CommentSource` and `CommentReplier` for one account;
 * - `insights`: a `MetricSource`, the daily figures of one account;
 * - `tokenRefresh`: access tokens are renewed from a stored refresh token;
 * - `oauth`: the account can be connected with a Connect button (OAuth 2.0 authorization code).
 *
 * Features never decide by network name: they ask the registry which providers have a capability
 * and call it. Credentials are opened only in src/workspace/integrations.ts, which hands each
 * provider the output of its own `credentials` schema.
 */
import type { z } from 'zod';
import type { Config } from '../src/config.js';
import type { L10n } from '../src/core/i18n.js';
import type { SafeFetch } from '../src/net/safe-fetch.js';
import type { CommentReplier, CommentSource, KnownPost } from './comments.js';
import type { GoogleOAuth } from './google/oauth.js';
import type { InsightsJob, InsightsResult } from './insights.js';
import type { OAuthSpec } from './oauth.js';
import type { PostFigures } from './post-figures.js';
import type { MediaItemKind, Publisher } from './publisher.js';

/** The API bases a provider's clients use; every one comes from config, so tests point them at fakes. */
export type ProviderConfig = Pick<
  Config,
  | 'META_GRAPH_URL'
  | 'YOUTUBE_API_URL'
  | 'MAILCHIMP_API_URL'
  | 'GA4_API_URL'
  | 'LINKEDIN_API_URL'
  | 'LINKEDIN_VERSION'
  | 'X_API_URL'
  | 'TIKTOK_API_URL'
>;

/** What a provider's clients are built with. */
export interface ProviderDeps {
  config: ProviderConfig;
  now: () => Date;
  /** Media downloads (YouTube takes bytes, not a URL): public addresses only, size and time limited. */
  outbound: SafeFetch;
  /** Google access tokens renewed from refresh tokens; one per process, so every caller shares the cache. */
  google: GoogleOAuth;
  /** How long one comment read or reply call may take. */
  commentTimeoutMs: number;
}

/** What a person types in /connect: an account id and a token (or API key). */
export interface ConnectInput {
  accountId: string;
  token: string;
}

export interface ConnectCheck<C> {
  /** What to paste, shown in /connect's help and forms. */
  help: { account: L10n; token: L10n };
  /**
   * Normalises the account id before anything is called ("properties/123" and "123" are one GA4
   * property); /connect answers `invalid` when it does not parse.
   */
  accountId?: { schema: z.ZodType<string, string>; invalid: L10n };
  /**
   * Validates the pasted credential against the network's API and returns what to store (sealed)
   * and the account's display name. Throws PublishError (`reauth` when the token is refused) or an
   * Error whose message says why.
   */
  check(input: ConnectInput, deps: ProviderDeps): Promise<{ credentials: C; name: string }>;
}

/** What a post must be for the network to take it; checked when it is scheduled, not at 9 am. */
export interface PostLimits {
  /** The post's text: a caption, a message, a video description or an email body. */
  text: {
    /** What the network calls it, used to name it in a refusal. */
    label: 'caption' | 'text' | 'description';
    /** Most characters (or bytes, see `counted`) the network takes. */
    max?: number;
    /** How the network counts `max`; characters unless said. */
    counted?: 'characters' | 'bytes';
    /**
     * The network's own length count, when it is neither characters nor bytes (X weighs URLs as 23
     * and CJK and emoji as 2); it replaces `counted` for `max`.
     */
    weigh?: (text: string) => number;
    /**
     * The text may be a thread of several posts, split by the person where `split` says; `max`
     * then applies to each part, and there are at most `maxParts`.
     */
    thread?: { split: (text: string) => string[]; maxParts: number };
    /** `always`: a post needs text; `withoutMedia`: text or media. */
    required?: 'always' | 'withoutMedia';
    /** Most hashtags the network takes in the text. */
    maxHashtags?: number;
    /** Characters the network refuses in the text and title. */
    forbidden?: RegExp;
  };
  /** A required title (a video title, an email subject line). */
  title?: { label: 'title' | 'subject'; max: number };
  /** `any`: at least one image or video; `video`: at least one video. */
  media?: { required: 'any' | 'video' };
  /**
   * The kinds of media the network takes; unset means images and videos. Documents (PDF) go only
   * to a network that names them here.
   */
  mediaKinds?: readonly MediaItemKind[];
  /** Scheduled times must fall on a quarter hour (Mailchimp's `schedule_time`). */
  quarterHour?: boolean;
  /** What each attached file must be (types, sizes, ratio, duration) and how many (src/publishing/media/rules.ts). */
  files?: FileRules;
}

/**
 * A network's rules for files, checked at scheduling time. A file from chat carries its facts (type
 * from its magic bytes, size, picture size, duration); a pasted URL only its count and kind.
 */
export interface FileRules {
  /** Most images and videos on one post (X: 4; an Instagram carousel: 10). */
  maxItems?: number;
  image?: {
    /** MIME types taken (Instagram feed images: JPEG only). */
    types?: readonly string[];
    maxBytes?: number;
    /** Width divided by height (Instagram: 0.8, that is 4:5, to 1.91). */
    ratio?: { min: number; max: number };
  };
  video?: { types?: readonly string[]; maxBytes?: number; minDurationMs?: number; maxDurationMs?: number };
  document?: { types?: readonly string[]; maxBytes?: number; maxPages?: number };
  /** Kinds that go on a post by themselves, one item only (X: a video; LinkedIn: a document). */
  alone?: readonly ('video' | 'document')[];
  /**
   * The network downloads media from a public URL (Instagram, Facebook, TikTok's PULL_FROM_URL): a
   * file from chat is served at PUBLIC_URL/media/<id>, so PUBLIC_URL must be set. Networks that take
   * bytes (X, LinkedIn, YouTube) get the stored file directly.
   */
  byUrl?: boolean;
}

/** A limit the network enforces by itself; declared for people and planning, not checked here. */
export interface RateLimit {
  max: number;
  per: 'rolling 24 hours' | 'day';
  what: string;
}

export interface PublishCapability<C> {
  /** The publisher for one connected account (docs/architecture.md §3.3 `Publisher`). */
  create(credentials: C, deps: ProviderDeps): Publisher;
  limits: PostLimits;
  /**
   * The network holds a post and releases it at its time (YouTube `publishAt`, Mailchimp's
   * schedule), so the dispatcher hands it over a little early.
   */
  holdsSchedule?: boolean;
  rateLimits?: readonly RateLimit[];
}

export interface CommentsCapability<C> {
  /** Comment reading and replying for one account; `known` are the brand's posts the bot published there. */
  create(credentials: C, deps: ProviderDeps, known: readonly KnownPost[]): CommentSource & CommentReplier;
  /** Longest reply the network takes, where known. */
  maxReply?: number;
}

/** docs/architecture.md §3.3 `MetricSource`: one account's daily figures, stored on `channel`. */
export interface MetricSource<C> {
  /** The MetricDaily channel the rows go to (the name CSV imports and reports use for it). */
  channel: string;
  /** How many complete days before today each pull reads again (late figures settle meanwhile). */
  days: number;
  /** Reports are per published post: the pull passes those posts, and skips the account when there are none. */
  perPost?: boolean;
  /** Throws PublishError: `reauth` for a refused token, retryable for rate limits and outages. */
  fetchDaily(credentials: C, deps: ProviderDeps, job: InsightsJob): Promise<InsightsResult>;
}

/** Figures of single published posts (integrations/post-figures.ts). */
export interface PostFiguresCapability<C> {
  /** Ids (ScheduledPost.externalId) per call at most; the reader is called with slices of this size. */
  batch: number;
  /** Throws PublishError: `reauth` for a refused token, retryable for rate limits and outages. */
  read(credentials: C, deps: ProviderDeps, externalIds: readonly string[]): Promise<Map<string, PostFigures>>;
}

export interface TokenRefresh {
  /** Who renews the access token: Google's OAuth endpoint with GOOGLE_CLIENT_ID/SECRET. */
  via: 'google-oauth';
  /** A pasted token that is a refresh token (kept, and access tokens made from it), not an access token. */
  isRefreshToken(token: string): boolean;
  /**
   * What /connect does with an access token: `refuse` it (the feature would outlive it) or `warn`
   * that it stops working within the hour; `message` is what the person reads.
   */
  accessToken: { policy: 'refuse' | 'warn'; message: L10n };
}

/**
 * One outside network. `C` is the shape of its stored credentials. The registry holds providers as
 * `Provider` (credentials `unknown`): the capabilities are methods, so a provider of any `C` fits,
 * and every caller passes a provider only the output of its own `credentials` schema.
 */
export interface Provider<C = unknown> {
  /** Integration.provider and ScheduledPost.channel; the /connect sub-action. Lower case, stable. */
  readonly id: string;
  /** As people see it ("Google Analytics"). */
  readonly name: string;
  /** What /connect stores (sealed); a stored value that no longer fits asks for reconnecting. */
  readonly credentials: z.ZodType<C>;
  readonly connect: ConnectCheck<C>;
  readonly publish?: PublishCapability<C>;
  readonly comments?: CommentsCapability<C>;
  readonly insights?: MetricSource<C>;
  /** Figures of single published posts (views and interactions), for best times to post. */
  readonly postFigures?: PostFiguresCapability<C>;
  readonly tokenRefresh?: TokenRefresh;
  readonly oauth?: OAuthSpec;
}

export type Capability = 'publish' | 'comments' | 'insights' | 'postFigures' | 'tokenRefresh' | 'oauth';

/** A provider known to have capability `K`. */
export type With<K extends Capability> = Provider & { readonly [P in K]-?: NonNullable<Provider[P]> };

/** The providers of `registry` that have capability `K`, in the registry's order. */
export function providersWith<K extends Capability>(registry: readonly Provider[], capability: K): With<K>[] {
  return registry.filter((p): p is With<K> => p[capability] !== undefined);
}
