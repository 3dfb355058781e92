/**
 * A fake of the Meta Graph API for Facebook Pages and Instagram content publishing, following the
 * official shapes: `{error: {message, type, code, error_subcode, fbtrace_id}}` errors, OAuthException
 * 190 for a bad token, (#100) for missing parameters, Instagram containers that must be FINISHED
 * before `media_publish` (error 9007 / 2207027 otherwise) and cannot be published twice.
 */
import { type FakeRequest, type FakeResponse, FakeServer } from './server.js';

type Status = 'IN_PROGRESS' | 'FINISHED' | 'ERROR' | 'EXPIRED' | 'PUBLISHED';

interface Container {
  id: string;
  igUserId: string;
  status: Status;
  /** Status checks left before an IN_PROGRESS container becomes FINISHED. */
  pollsLeft: number;
  caption?: string;
  mediaId?: string;
}

const err = (status: number, code: number, message: string, subcode?: number): FakeResponse => ({
  status,
  body: {
    error: {
      message,
      type: code === 190 ? 'OAuthException' : 'GraphMethodException',
      code,
      ...(subcode ? { error_subcode: subcode } : {}),
      fbtrace_id: 'AbCdEf',
    },
  },
});

export class FakeMetaGraph {
  readonly server: FakeServer;
  private readonly tokens = new Map<string, { kind: 'page' | 'ig'; id: string; name: string }>();
  readonly posts: Array<{ pageId: string; id: string; message?: string; photo?: string; video?: string }> = [];
  readonly containers = new Map<string, Container>();
  readonly media: Array<{ id: string; igUserId: string; caption?: string }> = [];
  /** Polls an IN_PROGRESS video container needs before it is FINISHED. */
  videoPolls = 2;
  /** Next container's final status, to script ERROR or EXPIRED. */
  nextContainerStatus: Status | undefined;
  quota = { usage: 0, total: 50 };
  private seq = 1000;

  constructor() {
    this.server = new FakeServer((req) => this.handle(req));
  }

  get url(): string {
    return this.server.url;
  }

  async start(): Promise<this> {
    await this.server.start();
    return this;
  }

  close(): Promise<void> {
    return this.server.close();
  }

  addPage(id: string, token: string, name = 'Test Page'): void {
    this.tokens.set(token, { kind: 'page', id, name });
  }

  addInstagram(id: string, token: string, username = 'testbrand'): void {
    this.tokens.set(token, { kind: 'ig', id, name: username });
  }

  revoke(token: string): void {
    this.tokens.delete(token);
  }

  private handle(req: FakeRequest): FakeResponse {
    const m = /^\/v\d+\.\d+\/(.+)$/.exec(req.path);
    if (!m?.[1]) return err(400, 2500, 'Unknown path components');
    const parts = m[1].split('/');
    const params = req.method === 'GET' ? req.query : req.form();
    const bearer = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1];
    const token = bearer ?? params.get('access_token') ?? req.query.get('access_token') ?? '';
    const who = this.tokens.get(token);
    if (!who) return err(400, 190, 'Invalid OAuth access token - Cannot parse access token');
    const [node, edge] = parts;
    if (req.method === 'GET') return this.get(node ?? '', edge, who);
    if (req.method === 'POST' && edge) return this.post(node ?? '', edge, params, who);
    return err(400, 100, 'Unsupported request');
  }

  private get(node: string, edge: string | undefined, who: { kind: string; id: string; name: string }): FakeResponse {
    if (node === 'me' && !edge) return { status: 200, body: { id: who.id, name: who.name } };
    if (node === who.id && !edge) {
      return {
        status: 200,
        body: who.kind === 'ig' ? { id: who.id, username: who.name } : { id: who.id, name: who.name },
      };
    }
    if (node === who.id && edge === 'content_publishing_limit') {
      return {
        status: 200,
        body: {
          data: [{ quota_usage: this.quota.usage, config: { quota_total: this.quota.total, quota_duration: 86400 } }],
        },
      };
    }
    const c = this.containers.get(node);
    if (c && c.igUserId === who.id) {
      if (c.status === 'IN_PROGRESS' && --c.pollsLeft <= 0) c.status = this.nextContainerStatus ?? 'FINISHED';
      return {
        status: 200,
        body: { id: c.id, status_code: c.status, status: c.status === 'ERROR' ? 'Error: media failed' : c.status },
      };
    }
    const media = this.media.find((x) => x.id === node && x.igUserId === who.id);
    if (media) return { status: 200, body: { id: media.id, permalink: `https://www.instagram.com/p/${media.id}/` } };
    return err(400, 100, `Unsupported get request. Object with ID '${node}' does not exist`, 33);
  }

  private post(node: string, edge: string, p: URLSearchParams, who: { kind: string; id: string }): FakeResponse {
    if (node !== who.id)
      return err(403, 200, "(#200) The user hasn't authorized the application to perform this action");
    const id = () => String(++this.seq);
    if (who.kind === 'page') {
      if (edge === 'feed') {
        const attached = [...p.keys()].filter((k) => k.startsWith('attached_media'));
        if (!p.get('message') && !p.get('link') && attached.length === 0) {
          return err(400, 100, '(#100) Missing message or attachment');
        }
        const post = { pageId: node, id: `${node}_${id()}`, message: p.get('message') ?? '' };
        this.posts.push(post);
        return { status: 200, body: { id: post.id } };
      }
      if (edge === 'photos') {
        if (!p.get('url')) return err(400, 324, '(#324) Requires upload file');
        const photoId = id();
        if (p.get('published') === 'false') return { status: 200, body: { id: photoId } };
        const post = {
          pageId: node,
          id: `${node}_${photoId}`,
          message: p.get('message') ?? '',
          photo: p.get('url') ?? '',
        };
        this.posts.push(post);
        return { status: 200, body: { id: photoId, post_id: post.id } };
      }
      if (edge === 'videos') {
        if (!p.get('file_url')) return err(400, 100, '(#100) file_url is required');
        const videoId = id();
        this.posts.push({
          pageId: node,
          id: videoId,
          message: p.get('description') ?? '',
          video: p.get('file_url') ?? '',
        });
        return { status: 200, body: { id: videoId } };
      }
    }
    if (who.kind === 'ig') {
      if (edge === 'media') {
        const type = p.get('media_type');
        const isVideo = type === 'REELS' || type === 'VIDEO';
        if (type === 'CAROUSEL' ? !p.get('children') : isVideo ? !p.get('video_url') : !p.get('image_url')) {
          return err(400, 100, 'The parameter image_url is required.');
        }
        const c: Container = {
          id: id(),
          igUserId: node,
          status: isVideo || this.nextContainerStatus ? 'IN_PROGRESS' : 'FINISHED',
          pollsLeft: isVideo ? this.videoPolls : 1,
          caption: p.get('caption') ?? '',
        };
        this.containers.set(c.id, c);
        return { status: 200, body: { id: c.id } };
      }
      if (edge === 'media_publish') {
        const c = this.containers.get(p.get('creation_id') ?? '');
        if (!c || c.igUserId !== node) return err(400, 100, 'Invalid parameter', 2207006);
        if (c.status !== 'FINISHED') return err(400, 9007, 'Media ID is not available', 2207027);
        if (this.quota.usage >= this.quota.total) return err(400, 9, 'Application request limit reached', 2207042);
        c.status = 'PUBLISHED';
        c.mediaId = id();
        this.quota.usage++;
        this.media.push({ id: c.mediaId, igUserId: node, ...(c.caption === undefined ? {} : { caption: c.caption }) });
        return { status: 200, body: { id: c.mediaId } };
      }
    }
    return err(400, 100, `(#100) Unknown edge ${edge}`);
  }
}
