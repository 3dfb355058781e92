/**
 * Posts on X with the v2 API: images first (`POST /2/media/upload`, base64 in a JSON body, category
 * `tweet_image`: an uploaded image is attached to nothing until a post names it, so uploading is
 * harmless to repeat) or one video (chunked upload and processing, video.ts), then `POST /2/tweets`,
 * the irreversible call, marked sent just before it.
 * A thread (parts split by a `---` line) is posted one part at a time, each replying to the one
 * before; every part posted is saved on the post at once, so a retry after a known failure posts
 * only the parts still missing. X has no idempotency key: an answer lost after a post is `unknown`.
 */
import { z } from 'zod';
import type { SafeFetch } from '../../src/net/safe-fetch.js';
import { fetchMedia, type MediaLimits } from '../media.js';
import { PublishError, type Publisher, type PublishIo, type PublishPost, type PublishResult } from '../publisher.js';
import { XClient } from './client.js';
import { uploadVideo, videoState } from './video.js';
import { threadParts } from './weight.js';

export const xCredentials = z.object({
  /** The account's numeric user id (what /2/users/me returns), so a renamed handle still matches. */
  userId: z.string().regex(/^\d+$/),
  username: z.string().min(1),
  token: z.string().min(1),
});
export type XCredentials = z.infer<typeof xCredentials>;

/** X takes up to 4 images on a post. */
export const X_MAX_IMAGES = 4;

const created = z.object({ data: z.object({ id: z.string(), text: z.string().optional() }) });
const uploaded = z.object({ data: z.object({ id: z.string(), media_key: z.string().optional() }) });
const state = z.object({
  mediaIds: z.array(z.string()).optional(),
  mediaFor: z.array(z.string()).optional(),
  video: videoState.optional(),
  posted: z.array(z.string()).optional(),
});

/** X's limits for a video on a post (tweet_video): 512 MB, 0.5 to 140 seconds. */
export const X_VIDEO = { maxBytes: 512 * 1024 * 1024, minDurationMs: 500, maxDurationMs: 140_000 } as const;
const VIDEO_FETCH: MediaLimits = { maxBytes: X_VIDEO.maxBytes, timeoutMs: 10 * 60_000 };

export class XPublisher implements Publisher {
  readonly marksSending = true;
  private readonly client: XClient;

  constructor(
    base: string,
    creds: XCredentials,
    private readonly outbound: SafeFetch,
    private readonly limits: MediaLimits,
    now?: () => Date,
  ) {
    this.client = new XClient(base, creds.token, now);
  }

  async publish(post: PublishPost, io: PublishIo): Promise<PublishResult> {
    const parts = threadParts(post.content);
    if (parts.length === 0) parts.push('');
    // What is saved on the post, kept here as it grows (io.state is what earlier attempts saved).
    let saved = state.parse(io.state);
    // The media go on the first post: once it is out, a retry of the rest of a thread needs none.
    const mediaIds = saved.posted?.length
      ? []
      : await this.media(
          post,
          saved,
          async (next) => {
            saved = { ...saved, ...next };
            await io.saveState(saved);
          },
          io,
        );
    const posted = [...(saved.posted ?? [])];
    await io.sending();
    for (const [i, text] of parts.entries()) {
      if (i < posted.length) continue;
      const previous = posted.at(-1);
      const body = {
        ...(text ? { text } : {}),
        // The images go on the first post of a thread.
        ...(i === 0 && mediaIds.length > 0 ? { media: { media_ids: mediaIds } } : {}),
        ...(previous ? { reply: { in_reply_to_tweet_id: previous } } : {}),
      };
      const r = await this.client.json({ method: 'POST', path: '2/tweets', body, idempotent: false }, created);
      posted.push(r.data.id);
      // Saved at once: a retry after a later part fails posts only what is missing.
      if (parts.length > 1) {
        saved = { ...saved, posted };
        await io.saveState(saved);
      }
    }
    const first = posted[0] as string;
    return { externalId: first, url: `https://x.com/i/web/status/${first}` };
  }

  private async media(
    post: PublishPost,
    saved: z.infer<typeof state>,
    save: (next: z.infer<typeof state>) => Promise<void>,
    io: PublishIo,
  ): Promise<string[]> {
    if (post.media.some((m) => m.kind === 'document')) throw PublishError.fatal('X does not publish documents');
    const video = post.media.find((m) => m.kind === 'video');
    if (video) {
      if (post.media.length > 1) throw PublishError.fatal('X takes a video on a post of its own, without other media');
      const tooLong = video.file?.durationMs !== undefined && video.file.durationMs > X_VIDEO.maxDurationMs;
      if (tooLong) throw PublishError.fatal(`X takes videos up to ${X_VIDEO.maxDurationMs / 1000} seconds`);
      const id = await uploadVideo(this.client, {
        url: video.url,
        saved: saved.video,
        fetch: () => fetchMedia(this.outbound, video.url, VIDEO_FETCH),
        save: (v) => save({ video: v }),
        io,
      });
      return [id];
    }
    const urls = post.media.filter((m) => m.kind === 'image').map((m) => m.url);
    if (urls.length > X_MAX_IMAGES) throw PublishError.fatal(`X takes at most ${X_MAX_IMAGES} images on a post`);
    if (urls.length > 0 && saved.mediaIds && saved.mediaFor?.join('\n') === urls.join('\n')) return saved.mediaIds;
    const ids: string[] = [];
    for (const url of urls) {
      const media = await fetchMedia(this.outbound, url, this.limits);
      const body = {
        media: Buffer.from(media.bytes).toString('base64'),
        media_category: 'tweet_image',
        media_type: media.contentType.split(';')[0]?.trim() || 'application/octet-stream',
      };
      const r = await this.client.json({ method: 'POST', path: '2/media/upload', body, idempotent: true }, uploaded);
      ids.push(r.data.id);
    }
    if (ids.length > 0) await save({ mediaIds: ids, mediaFor: urls });
    return ids;
  }
}

const me = z.object({ data: z.object({ id: z.string(), name: z.string().optional(), username: z.string() }) });

/** Checks a pasted token with `GET /2/users/me` and that it is the account named (by @handle or id). */
export async function verifyX(
  base: string,
  account: string,
  token: string,
): Promise<{ userId: string; username: string; name: string }> {
  const r = await new XClient(base, token).json({ method: 'GET', path: '2/users/me', idempotent: true }, me);
  const handle = account.replace(/^@/, '').toLowerCase();
  if (r.data.id !== account && r.data.username.toLowerCase() !== handle) {
    throw new Error(`the token belongs to @${r.data.username}, not ${account}`);
  }
  return {
    userId: r.data.id,
    username: r.data.username,
    name: `${r.data.name ?? r.data.username} (@${r.data.username})`,
  };
}
