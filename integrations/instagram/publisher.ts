/**
 * Instagram content publishing: create a container, wait until Meta has processed it
 * (`status_code` FINISHED), check the 24-hour publishing quota, then `media_publish` (the one
 * irreversible call; `io.sending()` marks the post just before it: containers are invisible until
 * published, so everything before it may be repeated). The container id is saved before that call,
 * so a retry that finds the container already PUBLISHED reports success instead of posting twice.
 * A first comment (hashtags or a link) follows the post once: its id is saved, so a retry never
 * comments twice, and a comment that fails leaves the post published with a warning.
 */
import { z } from 'zod';
import { GraphClient, PUBLISHING_LIMIT_WAIT_MS } from '../facebook/graph.js';
import {
  type MediaItem,
  PublishError,
  type Publisher,
  type PublishIo,
  type PublishPost,
  type PublishResult,
} from '../publisher.js';

export const instagramCredentials = z.object({ igUserId: z.string().min(1), token: z.string().min(1) });
export type InstagramCredentials = z.infer<typeof instagramCredentials>;

const idOnly = z.object({ id: z.string() });
const containerStatus = z.object({
  status_code: z.enum(['EXPIRED', 'ERROR', 'FINISHED', 'IN_PROGRESS', 'PUBLISHED']),
  status: z.string().optional(),
});
const quota = z.object({
  data: z.array(z.object({ quota_usage: z.number(), config: z.object({ quota_total: z.number() }).optional() })),
});
const stateSchema = z.object({
  containerId: z.string().optional(),
  mediaId: z.string().optional(),
  firstCommentId: z.string().optional(),
});

const INSTAGRAM = { provider: 'instagram' };

export interface InstagramTiming {
  /** Between status checks while Meta processes the media. */
  pollMs: number;
  polls: number;
}

export class InstagramPublisher implements Publisher {
  readonly marksSending = true;
  private readonly graph: GraphClient;

  constructor(
    base: string,
    private readonly creds: InstagramCredentials,
    private readonly timing: InstagramTiming = { pollMs: 5000, polls: 12 },
    now?: () => Date,
  ) {
    this.graph = new GraphClient(base, creds.token, now, undefined, 'instagram');
  }

  async publish(post: PublishPost, io: PublishIo): Promise<PublishResult> {
    const saved = stateSchema.parse(io.state);
    let containerId = saved.containerId;
    if (containerId) {
      const status = await this.status(containerId);
      if (status.status_code === 'PUBLISHED') {
        const mediaId = saved.mediaId ?? containerId;
        return { externalId: mediaId, ...(await this.firstComment(post, mediaId, saved, io)) };
      }
      // An expired container is simply made again; it was never visible.
      if (status.status_code === 'EXPIRED') containerId = undefined;
    }
    if (!containerId) {
      containerId = await this.createContainer(post, io);
      await io.saveState({ containerId });
    }
    await this.waitUntilFinished(containerId, io);
    await this.checkQuota(io.now());
    await io.sending();
    const media = await this.graph.post(
      `${this.creds.igUserId}/media_publish`,
      { creation_id: containerId },
      idOnly,
      false,
    );
    const published = { containerId, mediaId: media.id };
    await io.saveState(published);
    return {
      externalId: media.id,
      ...(await this.permalink(media.id)),
      ...(await this.firstComment(post, media.id, published, io)),
    };
  }

  /**
   * The first comment, once: its id is saved after Meta answers, and a saved id means done. A failure
   * does not unpublish anything: the post is out, and the notice says the comment is missing.
   */
  private async firstComment(
    post: PublishPost,
    mediaId: string,
    state: z.infer<typeof stateSchema>,
    io: PublishIo,
  ): Promise<Pick<PublishResult, 'warning'>> {
    if (!post.firstComment || state.firstCommentId) return {};
    try {
      const c = await this.graph.post(`${mediaId}/comments`, { message: post.firstComment }, idOnly, false);
      await io.saveState({ ...state, firstCommentId: c.id });
      return {};
    } catch (err) {
      return { warning: { kind: 'firstCommentMissing', detail: err instanceof Error ? err.message : String(err) } };
    }
  }

  /**
   * One container, or a carousel: an item container per image or video (`is_carousel_item`, no
   * caption), each waited for until FINISHED (a video item takes a while), then the CAROUSEL
   * container naming them, which carries the caption. None is visible until media_publish.
   */
  private async createContainer(post: PublishPost, io: PublishIo): Promise<string> {
    const user = this.creds.igUserId;
    if (post.media.length === 1 && post.media[0]) {
      const r = await this.graph.post(
        `${user}/media`,
        { ...mediaParams(post.media[0]), caption: post.content },
        idOnly,
        true,
      );
      return r.id;
    }
    const children: string[] = [];
    for (const item of post.media) {
      const child = await this.graph.post(
        `${user}/media`,
        { ...mediaParams(item, true), is_carousel_item: 'true' },
        idOnly,
        true,
      );
      await this.waitUntilFinished(child.id, io);
      children.push(child.id);
    }
    const r = await this.graph.post(
      `${user}/media`,
      { media_type: 'CAROUSEL', children: children.join(','), caption: post.content },
      idOnly,
      true,
    );
    return r.id;
  }

  private status(id: string) {
    return this.graph.get(id, { fields: 'status_code,status' }, containerStatus);
  }

  private async waitUntilFinished(id: string, io: PublishIo): Promise<void> {
    for (let i = 0; i < this.timing.polls; i++) {
      const s = await this.status(id);
      if (s.status_code === 'FINISHED') return;
      if (s.status_code === 'PUBLISHED') throw PublishError.unknown('the container was published by someone else');
      if (s.status_code === 'ERROR' || s.status_code === 'EXPIRED') {
        throw PublishError.fatal(
          `Instagram could not process the media (${s.status_code}${s.status ? `: ${s.status}` : ''})`,
        );
      }
      await io.sleep(this.timing.pollMs);
    }
    throw PublishError.retry('Instagram is still processing the media', 60_000).because('mediaNotReady', INSTAGRAM);
  }

  private async checkQuota(_now: Date): Promise<void> {
    const q = await this.graph.get(
      `${this.creds.igUserId}/content_publishing_limit`,
      { fields: 'quota_usage,config' },
      quota,
    );
    const row = q.data[0];
    if (row?.config && row.quota_usage >= row.config.quota_total) {
      // The quota is a rolling 24 hours; an hour later some of it has usually come back.
      throw PublishError.retry(
        `Instagram's publishing limit is used up (${row.quota_usage}/${row.config.quota_total})`,
        PUBLISHING_LIMIT_WAIT_MS,
      ).because('postingLimit', INSTAGRAM);
    }
  }

  /** Best effort: the post is live whether or not we learn its link. */
  private async permalink(id: string): Promise<{ url?: string }> {
    try {
      const r = await this.graph.get(id, { fields: 'permalink' }, z.object({ permalink: z.string().optional() }));
      return r.permalink ? { url: r.permalink } : {};
    } catch {
      return {};
    }
  }
}

function mediaParams(item: MediaItem, inCarousel = false): Record<string, string> {
  if (item.kind === 'image') return { image_url: item.url };
  return { video_url: item.url, media_type: inCarousel ? 'VIDEO' : 'REELS' };
}

export async function verifyInstagram(base: string, creds: InstagramCredentials): Promise<string> {
  const me = await new GraphClient(base, creds.token, undefined, undefined, 'instagram').get(
    creds.igUserId,
    { fields: 'id,username' },
    z.object({ id: z.string(), username: z.string().optional() }),
  );
  return me.username ?? me.id;
}
