/**
 * The narrow interfaces for listening (docs/architecture.md §3.3): a `CommentSource` per channel reads comments
 * newer than a cursor, a `CommentReplier` posts a reply under one comment. Webhooks and the generic
 * push endpoint feed the same pipeline as the sources; nothing here stores or alerts.
 */

export interface FetchedComment {
  externalId: string;
  text: string;
  author?: string | undefined;
  /** The post, media or video the comment is under. */
  postId?: string | undefined;
  url?: string | undefined;
  postedAt: Date;
}

export interface FetchResult {
  comments: FetchedComment[];
  /** The cursor to store once every comment above is stored. */
  cursor: string;
  /** Quota units the read cost, for networks that meter calls per day (YouTube). */
  units?: number;
}

/**
 * The network's daily quota is spent: no call succeeds before `resetsAt`, so polling waits until
 * then instead of failing every two minutes.
 */
export class QuotaExhausted extends Error {
  constructor(
    message: string,
    readonly resetsAt: Date,
  ) {
    super(message);
    this.name = 'QuotaExhausted';
  }
}

export interface CommentSource {
  /** Comments written after `cursor` (an ISO instant; undefined: the source's look-back window). */
  fetchSince(cursor: string | undefined): Promise<FetchResult>;
}

export interface CommentReplier {
  /** Posts `text` under the comment; returns the reply's id. One call, never repeated here. */
  reply(commentId: string, text: string): Promise<{ id: string }>;
}

/** Posts of the brand to read comments under: published posts the bot knows, plus recent ones. */
export interface KnownPost {
  externalId: string;
  url?: string | null | undefined;
}

/** Reads overlap by this much: a comment the API indexes late is still seen (duplicates are dropped). */
export const OVERLAP_MS = 10 * 60_000;
/** With no cursor yet (a new integration), this much history is read, not the page's whole past. */
export const LOOKBACK_MS = 24 * 60 * 60_000;

/** The instant to read from, given the stored cursor. */
export function readFrom(cursor: string | undefined, now: Date): Date {
  const at = cursor ? Date.parse(cursor) : Number.NaN;
  if (Number.isNaN(at)) return new Date(now.getTime() - LOOKBACK_MS);
  return new Date(at - OVERLAP_MS);
}

/** The next cursor: the newest comment seen, never moving backwards. */
export function nextCursor(cursor: string | undefined, comments: readonly FetchedComment[], now: Date): string {
  const prev = cursor ? Date.parse(cursor) : Number.NaN;
  let max = Number.isNaN(prev) ? now.getTime() - LOOKBACK_MS : prev;
  for (const c of comments) max = Math.max(max, c.postedAt.getTime());
  return new Date(max).toISOString();
}

/** Pages through an API result at most this many times per post per poll (a runaway guard). */
export const MAX_PAGES = 20;
