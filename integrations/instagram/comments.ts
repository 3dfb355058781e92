/**
 * Instagram comments (Instagram Graph API): the account's recent media from `GET /{ig-user-id}/media`
 * plus the media the bot published, their comments from `GET /{media-id}/comments` (no `since` on
 * this edge, so older ones are dropped here), and replies with `POST /{ig-comment-id}/replies`.
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
import { GraphClient } from '../facebook/graph.js';
import type { InstagramCredentials } from './publisher.js';

const RECENT_MEDIA = 25;

const mediaPage = z.object({ data: z.array(z.object({ id: z.string(), permalink: z.string().optional() })) });
const commentsPage = z.object({
  data: z.array(
    z.object({
      id: z.string(),
      text: z.string().default(''),
      timestamp: z.string(),
      username: z.string().optional(),
      from: z.object({ id: z.string(), username: z.string().optional() }).optional(),
    }),
  ),
  paging: z
    .object({ cursors: z.object({ after: z.string().optional() }).optional(), next: z.string().optional() })
    .optional(),
});

export class InstagramComments implements CommentSource, CommentReplier {
  private readonly graph: GraphClient;

  constructor(
    base: string,
    private readonly creds: InstagramCredentials,
    private readonly known: readonly KnownPost[],
    private readonly now: () => Date,
    timeoutMs?: number,
  ) {
    this.graph = new GraphClient(base, creds.token, now, timeoutMs);
  }

  async fetchSince(cursor: string | undefined): Promise<FetchResult> {
    const from = readFrom(cursor, this.now());
    const media = new Map<string, string | undefined>();
    for (const p of this.known) media.set(p.externalId, p.url ?? undefined);
    const recent = await this.graph.get(
      `${this.creds.igUserId}/media`,
      { fields: 'id,permalink', limit: String(RECENT_MEDIA) },
      mediaPage,
    );
    for (const m of recent.data) if (!media.has(m.id)) media.set(m.id, m.permalink);
    const comments: FetchedComment[] = [];
    for (const [mediaId, url] of media) comments.push(...(await this.mediaComments(mediaId, url, from)));
    return { comments, cursor: nextCursor(cursor, comments, this.now()) };
  }

  private async mediaComments(mediaId: string, url: string | undefined, from: Date): Promise<FetchedComment[]> {
    const out: FetchedComment[] = [];
    let after: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const r = await this.graph.get(
        `${mediaId}/comments`,
        { fields: 'id,text,timestamp,username,from{id,username}', limit: '50', ...(after ? { after } : {}) },
        commentsPage,
      );
      for (const c of r.data) {
        const postedAt = new Date(c.timestamp);
        if (c.from?.id === this.creds.igUserId || Number.isNaN(postedAt.getTime()) || postedAt < from) continue;
        const author = c.username ?? c.from?.username;
        out.push({
          externalId: c.id,
          text: c.text,
          author: author ? `@${author}` : undefined,
          postId: mediaId,
          url,
          postedAt,
        });
      }
      after = r.paging?.next ? r.paging.cursors?.after : undefined;
      if (!after) break;
    }
    return out;
  }

  async reply(commentId: string, text: string): Promise<{ id: string }> {
    return this.graph.post(`${commentId}/replies`, { message: text }, z.object({ id: z.string() }), false);
  }
}
