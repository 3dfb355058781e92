/**
 * YouTube comments (Data API v3): one `commentThreads.list` with `allThreadsRelatedToChannelId`,
 * newest first (`order=time`), so reading stops at the first thread older than the cursor. That one
 * filter returns the threads on every video of the channel, and the bot only uploads to the
 * connected channel, so a call per published video would read the same threads again at 1 unit each
 * (which is how 13 videos used to spend the whole 10,000-unit day). Replies go through
 * `comments.insert` with the thread's top-level comment as `parentId`.
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import {
  type CommentReplier,
  type CommentSource,
  type FetchedComment,
  type FetchResult,
  MAX_PAGES,
  nextCursor,
  QuotaExhausted,
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

/** Google's quota page: `commentThreads.list` costs 1 unit a call (a page). */
export const THREADS_LIST_UNITS = 1;

/** Google resets every project's daily quota at midnight Pacific Time. */
export function nextQuotaReset(now: Date): Date {
  return DateTime.fromJSDate(now, { zone: 'America/Los_Angeles' }).startOf('day').plus({ days: 1 }).toJSDate();
}

const errorBody = z.object({
  error: z.object({ message: z.string().optional(), errors: z.array(z.object({ reason: z.string() })).optional() }),
});

export class YoutubeComments implements CommentSource, CommentReplier {
  constructor(
    private readonly base: string,
    private readonly channelId: string,
    private readonly tokens: TokenSource,
    private readonly now: () => Date,
    private readonly timeoutMs?: number,
  ) {}

  async fetchSince(cursor: string | undefined): Promise<FetchResult> {
    const from = readFrom(cursor, this.now());
    const { comments, calls } = await this.threads(from);
    return { comments, cursor: nextCursor(cursor, comments, this.now()), units: calls * THREADS_LIST_UNITS };
  }

  private async threads(from: Date): Promise<{ comments: FetchedComment[]; calls: number }> {
    const out: FetchedComment[] = [];
    let pageToken: string | undefined;
    let calls = 0;
    for (let page = 0; page < MAX_PAGES; page++) {
      calls++;
      const url = new URL(joinUrl(this.base, 'youtube/v3/commentThreads'));
      const params = {
        part: 'snippet',
        allThreadsRelatedToChannelId: this.channelId,
        order: 'time',
        maxResults: '100',
        textFormat: 'plainText',
      };
      for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
      if (pageToken) url.searchParams.set('pageToken', pageToken);
      const r = threadsPage.parse(await this.call({ method: 'GET', url: url.toString(), idempotent: true }));
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
    return { comments: out, calls };
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
    }).catch((err: unknown) => {
      // A refused reply posted nothing: a known failure, so the person can send it again later.
      throw err instanceof QuotaExhausted ? PublishError.fatal(err.message) : err;
    });
    const parsed = z.object({ id: z.string() }).safeParse(body);
    if (!parsed.success) throw PublishError.unknown('unexpected answer from YouTube after posting a reply');
    return parsed.data;
  }

  /** One authorised call; the parsed body on success. A spent daily quota is QuotaExhausted. */
  private async call(call: HttpCall): Promise<unknown> {
    // A refused token (401) is renewed and the call repeated once: a refused reply posted nothing.
    const res = await sendAuthorized(this.tokens, {
      ...call,
      ...(this.timeoutMs ? { timeoutMs: this.timeoutMs } : {}),
    });
    const body = parseJson(res.text);
    if (res.status >= 200 && res.status < 300) return body;
    const error = errorBody.safeParse(body);
    const reason = error.success ? error.data.error.errors?.[0]?.reason : undefined;
    const message = `YouTube answered ${res.status}${reason ? ` (${reason})` : ''}`;
    if (res.status === 403 && reason === 'quotaExceeded') throw new QuotaExhausted(message, nextQuotaReset(this.now()));
    throw classifyStatus(res, call, message, this.now());
  }
}
