/**
 * A video on X goes up in chunks through the v2 media upload (docs.x.com, "media upload chunked"):
 * `POST /2/media/upload/initialize` (media_type, total_bytes, media_category `tweet_video`) hands
 * out a media id; `POST /2/media/upload/<id>/append` sends each chunk in order (segment_index from
 * 0, base64 in a JSON body); `POST /2/media/upload/<id>/finalize` closes it; X then processes the
 * video, and `GET /2/media/upload?command=STATUS&media_id=<id>` is read, as often as its
 * `check_after_secs` says, until `succeeded` (or `failed`). A post may name the id only then.
 *
 * None of it is visible to anyone: an upload that stops half-way is simply started again. A
 * finalized id is saved on the post, so a retry (X still processing when we stopped waiting) reads
 * its status instead of uploading the whole file again.
 */
import { z } from 'zod';
import type { FetchedMedia } from '../media.js';
import { PublishError, type PublishIo } from '../publisher.js';
import type { XClient } from './client.js';

/** X's chunks are at most 5 MB; 4 MiB leaves room for the base64 in a JSON body. */
export const X_CHUNK_BYTES = 4 * 1024 * 1024;
/** Status reads in one attempt, and the most we wait between two (X says how long, per read). */
const STATUS_READS = 12;
const MAX_WAIT_MS = 30_000;
/** When X is still processing after those reads, the dispatcher tries again this much later. */
const RETRY_PROCESSING_MS = 60_000;

const initialized = z.object({ data: z.object({ id: z.string() }) });
const processing = z.object({
  state: z.enum(['pending', 'in_progress', 'succeeded', 'failed']),
  check_after_secs: z.number().optional(),
  error: z.object({ name: z.string().optional(), message: z.string().optional() }).optional(),
});
type Processing = z.infer<typeof processing>;
/** Without processing_info, X has nothing left to do: the id is ready. */
const READY: Processing = { state: 'succeeded' };
const finalized = z.object({ data: z.object({ id: z.string(), processing_info: processing.optional() }) });
const status = z.object({ data: z.object({ id: z.string().optional(), processing_info: processing.optional() }) });

/** What is saved on the post between attempts: the video's media id once X has all its bytes. */
export const videoState = z.object({ url: z.string(), mediaId: z.string() });
export type VideoState = z.infer<typeof videoState>;

/**
 * Uploads the video (or takes up the one an earlier attempt finalized) and waits until X has
 * processed it; returns its media id, ready to be named by a post.
 */
export async function uploadVideo(
  client: XClient,
  o: {
    url: string;
    saved: VideoState | undefined;
    fetch: () => Promise<FetchedMedia>;
    save: (v: VideoState | undefined) => Promise<void>;
    io: Pick<PublishIo, 'sleep'>;
  },
): Promise<string> {
  let mediaId = o.saved?.url === o.url ? o.saved.mediaId : undefined;
  // Gone (expired, or X dropped it): start again from the bytes.
  let info = mediaId ? await readStatus(client, mediaId) : undefined;
  if (!mediaId || !info) {
    const sent = await send(client, await o.fetch());
    mediaId = sent.mediaId;
    info = sent.info;
    await o.save({ url: o.url, mediaId });
  }
  for (let read = 1; info.state !== 'succeeded'; read++) {
    if (info.state === 'failed') {
      // Forget the id, so a Retry (once the file is fixed) uploads it again.
      await o.save(undefined);
      const why = [info.error?.name, info.error?.message].filter(Boolean).join(': ');
      throw PublishError.fatal(`X could not process the video${why ? ` (${why})` : ''}`);
    }
    if (read > STATUS_READS) throw PublishError.retry('X is still processing the video', RETRY_PROCESSING_MS);
    await o.io.sleep(Math.min(MAX_WAIT_MS, Math.max(1, info.check_after_secs ?? 5) * 1000));
    info = await readStatus(client, mediaId);
    if (!info) throw PublishError.retry('X no longer knows the uploaded video', RETRY_PROCESSING_MS);
  }
  return mediaId;
}

/** INIT, every APPEND in order, FINALIZE: the media id and X's first word on its processing. */
async function send(client: XClient, media: FetchedMedia): Promise<{ mediaId: string; info: Processing }> {
  const type = movieType(media.bytes);
  if (!type) throw PublishError.fatal('X takes MP4 or MOV videos; this file is neither');
  const init = await client.json(
    {
      method: 'POST',
      path: '2/media/upload/initialize',
      body: { media_type: type, total_bytes: media.bytes.length, media_category: 'tweet_video' },
      idempotent: true,
    },
    initialized,
  );
  const id = init.data.id;
  for (let at = 0, segment = 0; at < media.bytes.length; at += X_CHUNK_BYTES, segment++) {
    const chunk = media.bytes.subarray(at, at + X_CHUNK_BYTES);
    await client.json(
      {
        method: 'POST',
        path: `2/media/upload/${id}/append`,
        body: { media: Buffer.from(chunk).toString('base64'), segment_index: segment },
        idempotent: true,
      },
      z.unknown(),
    );
  }
  const done = await client.json(
    { method: 'POST', path: `2/media/upload/${id}/finalize`, idempotent: true },
    finalized,
  );
  return { mediaId: id, info: done.data.processing_info ?? READY };
}

/** MP4 or MOV from the bytes (an ISO media file has `ftyp` at byte 4; brand `qt  ` is QuickTime). */
function movieType(b: Uint8Array): 'video/mp4' | 'video/quicktime' | undefined {
  if (Buffer.from(b.subarray(4, 8)).toString('latin1') !== 'ftyp') return undefined;
  return Buffer.from(b.subarray(8, 12)).toString('latin1') === 'qt  ' ? 'video/quicktime' : 'video/mp4';
}

/** The processing state, `undefined` when X no longer knows the id (a 400 or 404 for it). */
async function readStatus(client: XClient, id: string): Promise<Processing | undefined> {
  try {
    const r = await client.json(
      { method: 'GET', path: `2/media/upload?command=STATUS&media_id=${encodeURIComponent(id)}`, idempotent: true },
      status,
    );
    return r.data.processing_info ?? READY;
  } catch (err) {
    if (err instanceof PublishError && !err.retryable && !err.reauth && err.outcome === 'known') return undefined;
    throw err;
  }
}
