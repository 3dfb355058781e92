/**
 * TikTok videos through the Content Posting API (Direct Post): the creator info query says which
 * privacy levels this creator may use, `POST /v2/post/publish/video/init/` with `PULL_FROM_URL`
 * hands TikTok the video's public URL (TikTok downloads and posts it: the irreversible call, marked
 * sent just before), and `POST /v2/post/publish/status/fetch/` is read until `PUBLISH_COMPLETE`.
 * Photo posts (1 to 35 JPEG or WebP pictures) go the same way through
 * `POST /v2/post/publish/content/init/` (`media_type: PHOTO`, `post_mode: DIRECT_POST`,
 * `photo_images` pulled from their URLs, the first as the cover, the caption as `description`).
 * The `publish_id` is saved the moment TikTok returns it, so a retry after the bot stopped waiting
 * goes on reading the status instead of posting a second time.
 */
import { z } from 'zod';
import { PublishError, type Publisher, type PublishIo, type PublishPost, type PublishResult } from '../publisher.js';
import { TiktokClient } from './client.js';

export const tiktokCredentials = z.object({
  openId: z.string().min(1),
  username: z.string().min(1),
  token: z.string().min(1),
});
export type TiktokCredentials = z.infer<typeof tiktokCredentials>;

/** Status reads per attempt, and their spacing; after them the post waits for the dispatcher's retry. */
const STATUS_POLLS = 10;
const STATUS_POLL_MS = 5_000;
/** Preferred audience when the creator may choose it: everyone, else only the creator. */
const PRIVACY_PREFERENCE = ['PUBLIC_TO_EVERYONE', 'SELF_ONLY'];

const creatorInfo = z.object({
  data: z.object({ creator_username: z.string().optional(), privacy_level_options: z.array(z.string()) }),
});
const initialized = z.object({ data: z.object({ publish_id: z.string() }) });
const statusAnswer = z.object({
  data: z.object({
    status: z.string(),
    fail_reason: z.string().optional(),
    // TikTok's own spelling.
    publicaly_available_post_id: z.array(z.union([z.string(), z.number()])).optional(),
  }),
});
const state = z.object({ publishId: z.string().optional() });

/** A photo post's title is at most 90 characters (its caption goes in `description`). */
const PHOTO_TITLE_MAX = 90;

export class TiktokPublisher implements Publisher {
  readonly marksSending = true;
  private readonly client: TiktokClient;

  constructor(
    base: string,
    private readonly creds: TiktokCredentials,
    now?: () => Date,
  ) {
    this.client = new TiktokClient(base, creds.token, now);
  }

  async publish(post: PublishPost, io: PublishIo): Promise<PublishResult> {
    const saved = state.parse(io.state).publishId;
    const photos = !post.media.some((m) => m.kind === 'video');
    const publishId = saved ?? (await this.start(post, io));
    return this.untilPublished(publishId, io, photos ? 'photo' : 'video');
  }

  private async start(post: PublishPost, io: PublishIo): Promise<string> {
    const video = post.media.find((m) => m.kind === 'video');
    const photos = post.media.filter((m) => m.kind === 'image').map((m) => m.url);
    if (!video && photos.length === 0) throw PublishError.fatal('TikTok needs a video or photos');
    const privacy = await this.privacy();
    const [path, body] = video
      ? [
          'v2/post/publish/video/init/',
          {
            post_info: { title: post.content, privacy_level: privacy },
            source_info: { source: 'PULL_FROM_URL', video_url: video.url },
          },
        ]
      : [
          'v2/post/publish/content/init/',
          {
            media_type: 'PHOTO',
            post_mode: 'DIRECT_POST',
            post_info: {
              ...(post.title ? { title: [...post.title].slice(0, PHOTO_TITLE_MAX).join('') } : {}),
              description: post.content,
              privacy_level: privacy,
            },
            source_info: { source: 'PULL_FROM_URL', photo_images: photos, photo_cover_index: 0 },
          },
        ];
    await io.sending();
    const r = await this.client.call({ method: 'POST', path, body, idempotent: false }, initialized);
    await io.saveState({ ...io.state, publishId: r.data.publish_id });
    return r.data.publish_id;
  }

  /** The audience to post for: everyone when the creator may choose it, else the first TikTok offers. */
  private async privacy(): Promise<string> {
    const info = await this.client.call(
      { method: 'POST', path: 'v2/post/publish/creator_info/query/', idempotent: true },
      creatorInfo,
    );
    const options = info.data.privacy_level_options;
    const privacy = PRIVACY_PREFERENCE.find((p) => options.includes(p)) ?? options[0];
    if (!privacy) throw PublishError.fatal('TikTok offers this creator no privacy level to post with');
    return privacy;
  }

  private async untilPublished(publishId: string, io: PublishIo, kind: 'video' | 'photo'): Promise<PublishResult> {
    const what = kind === 'video' ? 'the video' : 'the photos';
    for (let poll = 1; ; poll++) {
      const { data } = await this.client.call(
        { method: 'POST', path: 'v2/post/publish/status/fetch/', body: { publish_id: publishId }, idempotent: true },
        statusAnswer,
      );
      if (data.status === 'PUBLISH_COMPLETE') {
        const id = data.publicaly_available_post_id?.[0];
        // A private (SELF_ONLY) post has no public id: the publish id is all there is.
        return id === undefined
          ? { externalId: publishId }
          : { externalId: String(id), url: `https://www.tiktok.com/@${this.creds.username}/${kind}/${id}` };
      }
      // TikTok says it failed: nothing was posted, and asking again will not change that. The publish
      // is forgotten, so a Retry (once the video is fixed) starts a new one.
      if (data.status === 'FAILED') {
        const { publishId: _done, ...rest } = io.state;
        await io.saveState(rest);
        throw PublishError.fatal(`TikTok could not post ${what}: ${data.fail_reason ?? 'no reason'}`);
      }
      if (poll >= STATUS_POLLS) throw PublishError.retry(`TikTok is still processing ${what} (${data.status})`, 60_000);
      await io.sleep(STATUS_POLL_MS);
    }
  }
}

const userInfo = z.object({
  data: z.object({ user: z.object({ open_id: z.string(), display_name: z.string().optional() }) }),
});

/**
 * Checks a pasted token: the user info endpoint (user.info.basic) says whose it is, and the creator
 * info query (video.publish) that it may post and under which @username; the account named must
 * be that open_id or username.
 */
export async function verifyTiktok(
  base: string,
  account: string,
  token: string,
): Promise<{ openId: string; username: string; name: string }> {
  const client = new TiktokClient(base, token);
  const user = await client.call(
    { method: 'GET', path: 'v2/user/info/', query: { fields: 'open_id,display_name' }, idempotent: true },
    userInfo,
  );
  const creator = await client.call(
    { method: 'POST', path: 'v2/post/publish/creator_info/query/', idempotent: true },
    creatorInfo,
  );
  const openId = user.data.user.open_id;
  const username = creator.data.creator_username ?? openId;
  if (openId !== account && username.toLowerCase() !== account.replace(/^@/, '').toLowerCase()) {
    throw new Error(`the token belongs to @${username}, not ${account}`);
  }
  return { openId, username, name: `${user.data.user.display_name ?? username} (@${username})` };
}
