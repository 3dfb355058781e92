/**
 * Reading and answering comments through the Graph API, shared by Facebook Pages and Instagram:
 * the owner's recent posts plus the ones the bot published, each post's comments page by page
 * (the owner's own comments skipped), and replies under one comment. The
 * two APIs differ only in names, which each describes in a `GraphCommentsApi`.
 */
import { z } from 'zod';
import {
  type CommentReplier,
  type CommentSource,
  type FetchedComment,
  type FetchResult,
  type KnownPost,
  MAX_PAGES,
  nextCursor,
  readFrom,
} from '../comments.js';
import type { GraphClient } from './graph.js';

/** How many of the owner's latest posts are watched besides the ones the bot published. */
const RECENT_POSTS = 25;

/** One comment as the two APIs name its parts. */
export interface GraphComment {
  id: string;
  text: string;
  createdAt: string;
  fromId: string | undefined;
  author: string | undefined;
  url: string | undefined;
}

export interface GraphCommentsApi {
  /** The page or Instagram account: its posts edge, and its own comments, which are skipped. */
  ownerId: string;
  /** `{owner}/posts` or `{owner}/media`, and the field holding each post's link. */
  postsEdge: string;
  postLink: 'permalink_url' | 'permalink';
  /** Query of one page of a post's comments, read from `from` on. */
  commentsQuery(from: Date): Record<string, string>;
  /** One page of comments, each turned into the shared shape. */
  commentsPage: z.ZodType<{ data: GraphComment[]; after: string | undefined }>;
  /** `comments` on Facebook, `replies` on Instagram. */
  replyEdge: 'comments' | 'replies';
}

/** Graph's paging block: `after` only while there is a next page. */
export const graphPaging = z
  .object({ cursors: z.object({ after: z.string().optional() }).optional(), next: z.string().optional() })
  .optional()
  .transform((p) => (p?.next ? p.cursors?.after : undefined));

// Pages name a post's link permalink_url, Instagram media permalink: each asks for its own.
const recentPosts = z.object({
  data: z.array(z.object({ id: z.string(), permalink_url: z.string().optional(), permalink: z.string().optional() })),
});

export class GraphComments implements CommentSource, CommentReplier {
  constructor(
    private readonly graph: GraphClient,
    private readonly api: GraphCommentsApi,
    private readonly known: readonly KnownPost[],
    private readonly now: () => Date,
  ) {}

  async fetchSince(cursor: string | undefined): Promise<FetchResult> {
    const from = readFrom(cursor, this.now());
    const posts = new Map<string, string | undefined>();
    for (const p of this.known) posts.set(p.externalId, p.url ?? undefined);
    const link = this.api.postLink;
    const recent = await this.graph.get(
      `${this.api.ownerId}/${this.api.postsEdge}`,
      { fields: `id,${link}`, limit: String(RECENT_POSTS) },
      recentPosts,
    );
    for (const p of recent.data) if (!posts.has(p.id)) posts.set(p.id, p[link]);
    const comments: FetchedComment[] = [];
    for (const [postId, postUrl] of posts) comments.push(...(await this.postComments(postId, postUrl, from)));
    return { comments, cursor: nextCursor(cursor, comments, this.now()) };
  }

  private async postComments(postId: string, postUrl: string | undefined, from: Date): Promise<FetchedComment[]> {
    const out: FetchedComment[] = [];
    let after: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const r = await this.graph.get(
        `${postId}/comments`,
        { ...this.api.commentsQuery(from), ...(after ? { after } : {}) },
        this.api.commentsPage,
      );
      for (const c of r.data) {
        const postedAt = new Date(c.createdAt);
        // The owner's own comments are its replies and posts, not something to alert on.
        if (c.fromId === this.api.ownerId || Number.isNaN(postedAt.getTime()) || postedAt < from) continue;
        out.push({ externalId: c.id, text: c.text, author: c.author, postId, url: c.url ?? postUrl, postedAt });
      }
      after = r.after;
      if (!after) break;
    }
    return out;
  }

  async reply(commentId: string, text: string): Promise<{ id: string }> {
    return this.graph.post(
      `${commentId}/${this.api.replyEdge}`,
      { message: text },
      z.object({ id: z.string() }),
      false,
    );
  }
}
