/**
 * Facebook Page comments: read with `GET /{post-id}/comments` (`since` + cursor paging, top-level
 * only, so the page's own replies nested under them are not read back), replied to with
 * `POST /{comment-id}/comments`. Posts are the ones the bot published plus the page's recent ones.
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
import { GraphClient } from './graph.js';
import type { FacebookCredentials } from './publisher.js';

/** How many of the page's latest posts are watched besides the ones the bot published. */
const RECENT_POSTS = 25;

const paging = z.object({
  cursors: z.object({ after: z.string().optional() }).optional(),
  next: z.string().optional(),
});
const postsPage = z.object({
  data: z.array(z.object({ id: z.string(), permalink_url: z.string().optional() })),
});
const commentsPage = z.object({
  data: z.array(
    z.object({
      id: z.string(),
      message: z.string().default(''),
      created_time: z.string(),
      from: z.object({ id: z.string(), name: z.string().optional() }).optional(),
      permalink_url: z.string().optional(),
    }),
  ),
  paging: paging.optional(),
});

export class FacebookComments implements CommentSource, CommentReplier {
  private readonly graph: GraphClient;

  constructor(
    base: string,
    private readonly creds: FacebookCredentials,
    private readonly known: readonly KnownPost[],
    private readonly now: () => Date,
    timeoutMs?: number,
  ) {
    this.graph = new GraphClient(base, creds.token, now, timeoutMs);
  }

  async fetchSince(cursor: string | undefined): Promise<FetchResult> {
    const from = readFrom(cursor, this.now());
    const posts = new Map<string, string | undefined>();
    for (const p of this.known) posts.set(p.externalId, p.url ?? undefined);
    const recent = await this.graph.get(
      `${this.creds.pageId}/posts`,
      { fields: 'id,permalink_url', limit: String(RECENT_POSTS) },
      postsPage,
    );
    for (const p of recent.data) if (!posts.has(p.id)) posts.set(p.id, p.permalink_url);
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
        {
          fields: 'id,message,created_time,from{id,name},permalink_url',
          filter: 'toplevel',
          order: 'chronological',
          since: String(Math.floor(from.getTime() / 1000)),
          limit: '100',
          ...(after ? { after } : {}),
        },
        commentsPage,
      );
      for (const c of r.data) {
        const postedAt = new Date(c.created_time);
        // The page's own comments are its replies and posts, not something to alert on.
        if (c.from?.id === this.creds.pageId || Number.isNaN(postedAt.getTime()) || postedAt < from) continue;
        out.push({
          externalId: c.id,
          text: c.message,
          author: c.from?.name,
          postId,
          url: c.permalink_url ?? postUrl,
          postedAt,
        });
      }
      after = r.paging?.next ? r.paging.cursors?.after : undefined;
      if (!after) break;
    }
    return out;
  }

  async reply(commentId: string, text: string): Promise<{ id: string }> {
    return this.graph.post(`${commentId}/comments`, { message: text }, z.object({ id: z.string() }), false);
  }
}
