/**
 * Facebook Page posts with the page token: text (`/feed`), one photo (`/photos`), several photos
 * (unpublished photos attached to one feed post), or a video by URL (`/videos`, Facebook fetches
 * it). Exactly one call is irreversible: the one that makes the post visible (`/videos`, the
 * published `/photos`, or `/feed`); `io.sending()` marks the post just before it. The unpublished
 * photos of a multi-photo post come first and are invisible, so a retry may make them again.
 */
import { z } from 'zod';
import type { Publisher, PublishIo, PublishPost, PublishResult } from '../publisher.js';
import { GraphClient } from './graph.js';

export const facebookCredentials = z.object({ pageId: z.string().min(1), token: z.string().min(1) });
export type FacebookCredentials = z.infer<typeof facebookCredentials>;

const idOnly = z.object({ id: z.string() });
const photo = z.object({ id: z.string(), post_id: z.string().optional() });

export class FacebookPublisher implements Publisher {
  readonly marksSending = true;
  private readonly graph: GraphClient;

  constructor(
    base: string,
    private readonly creds: FacebookCredentials,
    now?: () => Date,
    timeoutMs?: number,
  ) {
    this.graph = new GraphClient(base, creds.token, now, timeoutMs);
  }

  async publish(post: PublishPost, io: Pick<PublishIo, 'sending'>): Promise<PublishResult> {
    const page = this.creds.pageId;
    const images = post.media.filter((m) => m.kind === 'image');
    const video = post.media.find((m) => m.kind === 'video');
    if (video) {
      await io.sending();
      const r = await this.graph.post(
        `${page}/videos`,
        { file_url: video.url, description: post.content, ...(post.title ? { title: post.title } : {}) },
        idOnly,
        false,
      );
      return { externalId: r.id, url: `https://www.facebook.com/${page}/videos/${r.id}` };
    }
    if (images.length === 1 && images[0]) {
      await io.sending();
      const r = await this.graph.post(`${page}/photos`, { url: images[0].url, message: post.content }, photo, false);
      const id = r.post_id ?? r.id;
      return { externalId: id, url: postUrl(id) };
    }
    const attached: Record<string, string> = {};
    for (const [i, image] of images.entries()) {
      // Unpublished photos are invisible until attached, so creating them twice is harmless.
      const r = await this.graph.post(`${page}/photos`, { url: image.url, published: 'false' }, idOnly, true);
      attached[`attached_media[${i}]`] = JSON.stringify({ media_fbid: r.id });
    }
    await io.sending();
    const r = await this.graph.post(`${page}/feed`, { message: post.content, ...attached }, idOnly, false);
    return { externalId: r.id, url: postUrl(r.id) };
  }
}

/** Page post ids are "<page>_<post>"; facebook.com resolves them directly. */
function postUrl(id: string): string {
  return `https://www.facebook.com/${id}`;
}

/** Checks a page token: /me with a page token is the page itself. */
export async function verifyFacebook(base: string, creds: FacebookCredentials): Promise<string> {
  const me = await new GraphClient(base, creds.token).get(
    'me',
    { fields: 'id,name' },
    z.object({ id: z.string(), name: z.string().optional() }),
  );
  if (me.id !== creds.pageId) throw new Error(`the token belongs to ${me.id}, not page ${creds.pageId}`);
  return me.name ?? me.id;
}
