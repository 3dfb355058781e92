/**
 * Facebook Page comments: read with `GET /{post-id}/comments` (`since` + cursor paging, top-level
 * only, so the page's own replies nested under them are not read back), replied to with
 * `POST /{comment-id}/comments`. Posts are the ones the bot published plus the page's recent ones.
 */
import { z } from 'zod';
import type { KnownPost } from '../comments.js';
import { GraphClient } from './graph.js';
import { GraphComments, graphPaging } from './graph-comments.js';
import type { FacebookCredentials } from './publisher.js';

const commentsPage = z
  .object({
    data: z.array(
      z.object({
        id: z.string(),
        message: z.string().default(''),
        created_time: z.string(),
        from: z.object({ id: z.string(), name: z.string().optional() }).optional(),
        permalink_url: z.string().optional(),
      }),
    ),
    paging: graphPaging,
  })
  .transform((page) => ({
    data: page.data.map((c) => ({
      id: c.id,
      text: c.message,
      createdAt: c.created_time,
      fromId: c.from?.id,
      author: c.from?.name,
      url: c.permalink_url,
    })),
    after: page.paging,
  }));

export class FacebookComments extends GraphComments {
  constructor(
    base: string,
    creds: FacebookCredentials,
    known: readonly KnownPost[],
    now: () => Date,
    timeoutMs?: number,
  ) {
    super(
      new GraphClient(base, creds.token, now, timeoutMs),
      {
        ownerId: creds.pageId,
        postsEdge: 'posts',
        postLink: 'permalink_url',
        commentsQuery: (from) => ({
          fields: 'id,message,created_time,from{id,name},permalink_url',
          filter: 'toplevel',
          order: 'chronological',
          since: String(Math.floor(from.getTime() / 1000)),
          limit: '100',
        }),
        commentsPage,
        replyEdge: 'comments',
      },
      known,
      now,
    );
  }
}
