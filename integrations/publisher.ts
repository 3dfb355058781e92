/**
 * The narrow interface every publishing channel implements (docs/architecture.md §3.3). A publisher makes the
 * irreversible call at most once per invocation and reports failures as known (nothing happened;
 * safe to retry, maybe after `retryAfterMs`) or unknown (it may have happened; a human must look).
 */
import { maskSecrets } from '../src/lib/text.js';

/**
 * What the bot knows of a file it stores itself (a file attached in chat, docs/media.md): the type
 * from its magic bytes, never its name, and the size, picture size and duration from its headers.
 */
export interface MediaFacts {
  /** The MediaFile id (unguessable); the bytes are served at PUBLIC_URL/media/<id>. */
  id: string;
  /** The name it was attached with, for people only. */
  name: string;
  mime: string;
  bytes: number;
  width?: number | undefined;
  height?: number | undefined;
  durationMs?: number | undefined;
  /** A PDF's page count, when its page tree could be read. */
  pages?: number | undefined;
}

/** What a post carries: pictures, videos, and documents (PDF, which LinkedIn publishes). */
export type MediaItemKind = 'image' | 'video' | 'document';

export interface MediaItem {
  url: string;
  kind: MediaItemKind;
  /** Set when the bot stores the file itself (from chat); absent for a pasted URL. */
  file?: MediaFacts | undefined;
}

export interface PublishPost {
  id: number;
  channel: string;
  content: string;
  title: string | null;
  media: MediaItem[];
  /** When the post should be visible (UTC); a publisher may hand it to the provider's scheduler. */
  publishAt: Date;
  idempotencyKey: string;
  /** Posted as the first comment right after the post, once (Instagram: hashtags or a link). */
  firstComment?: string;
  /** An email's inbox preview text, shown after the subject (Mailchimp `settings.preview_text`). */
  previewText?: string;
}

export type ProviderState = Record<string, unknown>;

export interface PublishIo {
  /** What earlier attempts stored (an Instagram container, a Mailchimp campaign). */
  state: ProviderState;
  /** Persists progress BEFORE an irreversible step, so a retry checks instead of repeating it. */
  saveState(next: ProviderState): Promise<void>;
  /**
   * Call right before the first irreversible request (the one after which the post may be visible
   * or on its way to people): it durably records that the request is leaving. It throws when the
   * post must not be sent (this process lost its claim, or is stopping); the publisher then sends
   * nothing and lets the error through. Until this mark, a process that dies leaves a post that
   * is simply put back in the queue; after it, the outcome is `unknown` (docs/architecture.md §5).
   */
  sending(): Promise<void>;
  now(): Date;
  sleep(ms: number): Promise<void>;
}

export interface PublishResult {
  externalId: string;
  url?: string;
  /** The post is out, but a step after it did not happen: said in the notice (detail: the network's words). */
  warning?: { kind: 'firstCommentMissing'; detail: string };
}

export interface Publisher {
  publish(post: PublishPost, io: PublishIo): Promise<PublishResult>;
  /**
   * True when publish() calls `io.sending()` itself, just before its irreversible request. Without
   * it the caller marks the post sent before publish() starts: safe for any publisher, but a
   * process that dies during the harmless steps then leaves an `unknown` post instead of a
   * re-queued one.
   */
  readonly marksSending?: boolean;
}

export type Outcome = 'known' | 'unknown';

/**
 * Why it failed, as a code the bot words in the reader's language (src/publishing/failure-reason.ts),
 * its parameters, and the network's own words when there are any (quoted, never translated).
 */
export interface PublishReason {
  code: string;
  params?: Record<string, string | number>;
  detail?: string;
}

export class PublishError extends Error {
  override readonly name = 'PublishError';
  readonly outcome: Outcome;
  /** A known failure that may succeed later (rate limit, outage, still processing). */
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  /** The token was refused: the integration needs reconnecting. */
  readonly reauth: boolean;
  /** Set by `because`: the message is then for the logs, the reason for people. */
  reason: PublishReason | undefined;

  constructor(
    message: string,
    o: { outcome: Outcome; retryable?: boolean; retryAfterMs?: number | undefined; reauth?: boolean },
  ) {
    // A network's error text may quote the token it refused: it reaches chat and the logs masked.
    super(maskSecrets(message));
    this.outcome = o.outcome;
    this.retryable = o.outcome === 'known' && (o.retryable ?? false);
    this.retryAfterMs = o.retryAfterMs;
    this.reauth = o.reauth ?? false;
  }

  /** Names the reason people read; `detail` is the network's own words, if it said any. */
  because(code: string, params?: Record<string, string | number>, detail?: string): this {
    this.reason = { code, ...(params ? { params } : {}), ...(detail ? { detail: maskSecrets(detail) } : {}) };
    return this;
  }

  static unknown(message: string): PublishError {
    return new PublishError(message, { outcome: 'unknown' });
  }
  static retry(message: string, retryAfterMs?: number): PublishError {
    return new PublishError(message, { outcome: 'known', retryable: true, retryAfterMs });
  }
  static fatal(message: string): PublishError {
    return new PublishError(message, { outcome: 'known' });
  }
  static reauth(message: string): PublishError {
    return new PublishError(message, { outcome: 'known', reauth: true });
  }
}
