/**
 * YouTube comments (Data API v3): `commentThreads.list` with `allThreadsRelatedToChannelId` (every
 * video of the channel) and with `videoId` for videos the bot published, newest first
 * (`order=time`), so reading stops at the first thread older than the cursor. Replies go through
 * `comments.insert` with the thread's top-level comment as `parentId`.
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
import { sendAuthorized, type TokenSource } from '../google/oauth.js';
import { classifyStatus, type HttpCall, joinUrl, parseJson } from '../http.js';
import { PublishError } from '../publisher.js';

const threadsPage = z.object({
  items: z
    .array(
      z.object({
        id: z.string(),
        snippet: z.object({
          videoId: z.string().optional(),
          topLevelComment: z.object({
            id: z.string(),
            snippet: z.object({
              textOriginal: z.string().optional(),
              textDisplay: z.string().optional(),
              authorDisplayName: z.string().optional(),
              authorChannelId: z.object({ value: z.string() }).optional(),
              publishedAt: z.string(),
            }),
          }),
        }),
      }),
    )
    .default([]),
  nextPageToken: z.string().optional(),
});

const errorBody = z.object({
  error: z.object({ message: z.string().optional(), errors: z.array(z.object({ reason: z.string() })).optional() }),
});

export class YoutubeComments implements CommentSource, CommentReplier {
  constructor(
    private readonly base: string,
    private readonly channelId: string,
    private readonly tokens: TokenSource,
    private readonly known: readonly KnownPost[],
    private readonly now: () => Date,
    private readonly timeoutMs?: number,
  ) {}

  async fetchSince(cursor: string | undefined): Promise<FetchResult> {
    const from = readFrom(cursor, this.now());
    const byId = new Map<string, FetchedComment>();
    const add = (list: FetchedComment[]) => {
      for (const c of list) byId.set(c.externalId, c);
    };
    add(await this.threads({ allThreadsRelatedToChannelId: this.channelId }, from));
    for (const video of this.known) add(await this.threads({ videoId: video.externalId }, from));
    const comments = [...byId.values()];
    return { comments, cursor: nextCursor(cursor, comments, this.now()) };
  }

  private async threads(filter: Record<string, string>, from: Date): Promise<FetchedComment[]> {
    const out: FetchedComment[] = [];
    let pageToken: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const url = new URL(joinUrl(this.base, 'youtube/v3/commentThreads'));
      const params = { part: 'snippet', order: 'time', maxResults: '100', textFormat: 'plainText', ...filter };
      for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
      if (pageToken) url.searchParams.set('pageToken', pageToken);
      const body = await this.call({ method: 'GET', url: url.toString(), idempotent: true }, filter.videoId);
      if (!body) return out;
      const r = threadsPage.parse(body);
      let older = false;
      for (const t of r.items) {
        const top = t.snippet.topLevelComment;
        const postedAt = new Date(top.snippet.publishedAt);
        if (Number.isNaN(postedAt.getTime()) || postedAt < from) {
          older = true;
          continue;
        }
        if (top.snippet.authorChannelId?.value === this.channelId) continue;
        const videoId = t.snippet.videoId;
        out.push({
          externalId: top.id,
          text: top.snippet.textOriginal ?? top.snippet.textDisplay ?? '',
          author: top.snippet.authorDisplayName,
          postId: videoId,
          url: videoId ? `https://www.youtube.com/watch?v=${videoId}&lc=${top.id}` : undefined,
          postedAt,
        });
      }
      pageToken = r.nextPageToken;
      // Newest first: once a page reaches past the cursor, later pages are older still.
      if (older || !pageToken) break;
    }
    return out;
  }

  async reply(commentId: string, text: string): Promise<{ id: string }> {
    const url = new URL(joinUrl(this.base, 'youtube/v3/comments'));
    url.searchParams.set('part', 'snippet');
    const body = await this.call({
      method: 'POST',
      url: url.toString(),
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ snippet: { parentId: commentId, textOriginal: text } }),
      idempotent: false,
    });
    const parsed = z.object({ id: z.string() }).safeParse(body);
    if (!parsed.success) throw PublishError.unknown('unexpected answer from YouTube after posting a reply');
    return parsed.data;
  }

  /**
   * One authorised call; the parsed body on success. For a single video whose comments are turned
   * off (403 commentsDisabled) or that was deleted (404), undefined: the others are still read.
   */
  private async call(call: HttpCall, videoId?: string): Promise<unknown> {
    // A refused token (401) is renewed and the call repeated once: a refused reply posted nothing.
    const res = await sendAuthorized(this.tokens, {
      ...call,
      ...(this.timeoutMs ? { timeoutMs: this.timeoutMs } : {}),
    });
    const body = parseJson(res.text);
    if (res.status >= 200 && res.status < 300) return body;
    const error = errorBody.safeParse(body);
    const reason = error.success ? error.data.error.errors?.[0]?.reason : undefined;
    if (videoId && (res.status === 404 || (res.status === 403 && reason === 'commentsDisabled'))) return undefined;
    const message = `YouTube answered ${res.status}${reason ? ` (${reason})` : ''}`;
    throw classifyStatus(res, call, message, this.now());
  }
}
