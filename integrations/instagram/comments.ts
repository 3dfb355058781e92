/**
 * Instagram comments (Instagram Graph API): the account's recent media from `GET /{ig-user-id}/media`
 * plus the media the bot published, their comments from `GET /{media-id}/comments` (no `since` on
 * this edge, so older ones are dropped after reading), and replies with `POST /{ig-comment-id}/replies`.
 */
import { z } from 'zod';
import type { KnownPost } from '../comments.js';
import { GraphClient } from '../facebook/graph.js';
import { GraphComments, graphPaging } from '../facebook/graph-comments.js';
import type { InstagramCredentials } from './publisher.js';

const commentsPage = z
  .object({
    data: z.array(
      z.object({
        id: z.string(),
        text: z.string().default(''),
        timestamp: z.string(),
        username: z.string().optional(),
        from: z.object({ id: z.string(), username: z.string().optional() }).optional(),
      }),
    ),
    paging: graphPaging,
  })
  .transform((page) => ({
    data: page.data.map((c) => {
      const author = c.username ?? c.from?.username;
      return {
        id: c.id,
        text: c.text,
        createdAt: c.timestamp,
        fromId: c.from?.id,
        author: author ? `@${author}` : undefined,
        // Comments have no link of their own here: the media's link is used.
        url: undefined,
      };
    }),
    after: page.paging,
  }));

export class InstagramComments extends GraphComments {
  constructor(
    base: string,
    creds: InstagramCredentials,
    known: readonly KnownPost[],
    now: () => Date,
    timeoutMs?: number,
  ) {
    super(
      new GraphClient(base, creds.token, now, timeoutMs, 'instagram'),
      {
        ownerId: creds.igUserId,
        postsEdge: 'media',
        postLink: 'permalink',
        commentsQuery: () => ({ fields: 'id,text,timestamp,username,from{id,username}', limit: '50' }),
        commentsPage,
        replyEdge: 'replies',
      },
      known,
      now,
    );
  }
}
