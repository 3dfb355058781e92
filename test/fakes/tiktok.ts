/**
 * A fake of TikTok's Content Posting API (Direct Post) and user info, following the official shapes
 * (developers.tiktok.com: Content Posting API reference): every answer is `{data, error: {code,
 * message, log_id}}` with `code: "ok"` on success. `GET /v2/user/info/` needs `user.info.basic`;
 * `POST /v2/post/publish/creator_info/query/`, `/video/init/` and `/status/fetch/` need
 * `video.publish` (401 `scope_not_authorized` otherwise). `video/init` takes `post_info` (`title` up to
 * 2,200, a `privacy_level` among the creator's options, else 400 `privacy_level_option_mismatch`) and
 * `source_info` `PULL_FROM_URL` with a `video_url` under a verified prefix (403
 * `url_ownership_unverified` otherwise). TikTok then downloads the video: this fake reads its own
 * `/media/` files and fails a publish whose file is missing or not an MP4/MOV (`ftyp`). The status
 * goes PROCESSING_DOWNLOAD, then PUBLISH_COMPLETE (with `publicaly_available_post_id` when public) or
 * FAILED with a `fail_reason`.
 *
 * Refusals of both init calls, with the codes of the Direct Post reference: an unaudited app
 * (`unaudited`: its creator info offers SELF_ONLY only) posting for a creator whose account is not
 * private (403 `unaudited_client_can_only_post_to_private_accounts`); a creator over `dailyPosts`
 * posts in the fake's day (403 `spam_risk_too_many_posts`); a creator TikTok barred (`banned`: 403
 * `spam_risk_user_banned_from_posting`); and a privacy level the creator's options no longer hold
 * (`changePrivacyAfterQuery` changes them right after a creator info query, as a creator editing their
 * settings meanwhile would).
 *
 * Photo posts: `POST /v2/post/publish/content/init/` with `media_type: PHOTO`, `post_mode:
 * DIRECT_POST`, `post_info` (`title` up to 90, `description` up to 4,000, `privacy_level`) and
 * `source_info` `PULL_FROM_URL` with 1 to 35 `photo_images` under a verified prefix and a
 * `photo_cover_index` among them (400 `invalid_params` otherwise). Each photo is pulled; one that is
 * missing or not a JPEG or WebP (TikTok refuses PNG) fails the publish (`photo_pull_failed`,
 * `file_format_check_failed`). The status is read the same way; a public photo post gets a post id.
 */
import { type FakeRequest, type FakeResponse, FakeServer } from './server.js';

interface Creator {
  openId: string;
  username: string;
  name: string;
  scopes: Set<string>;
  privacy: string[];
  /** The creator's account is private (what an unaudited app requires). */
  privateAccount: boolean;
  banned: boolean;
  /** Posts TikTok lets this creator make through the API in a day (none when unset). */
  dailyPosts?: number;
  /** Options the creator switches to right after the next creator info query. */
  changePrivacyAfterQuery?: string[];
}

export interface FakePublish {
  kind: 'video' | 'photo';
  publishId: string;
  openId: string;
  title: string;
  /** Photo posts: the description, the photos' URLs and the cover's index. */
  description?: string;
  photoUrls?: string[];
  coverIndex?: number;
  /** Photo posts: each photo's bytes once pulled from another host (null: that pull failed). */
  pulledPhotos?: Array<Uint8Array | null | undefined>;
  privacy: string;
  videoUrl: string;
  status: 'PROCESSING_DOWNLOAD' | 'PUBLISH_COMPLETE' | 'FAILED';
  failReason?: string;
  postId?: string;
  /** Status reads left before it completes. */
  readsLeft: number;
  /**
   * A video on another host (the bot's PUBLIC_URL/media/<id>): fetched over HTTP as TikTok would;
   * undefined while the download runs, null when it failed.
   */
  pulled?: Uint8Array | null;
}

const answer = (status: number, data: unknown, code = 'ok', message = ''): FakeResponse => ({
  status,
  body: { data, error: { code, message, log_id: '202612060900000000000000000' } },
});
const fail = (status: number, code: string, message: string) => answer(status, {}, code, message);

export class FakeTiktok {
  readonly server = new FakeServer((req) => this.handle(req));
  /** POST /v2/oauth/token/ lives on the API host; the fake authorization server (oauth.ts) answers it. */
  oauthToken: ((req: FakeRequest) => FakeResponse) | undefined;
  readonly publishes: FakePublish[] = [];
  /** URL prefixes the app verified (TikTok pulls media only from these). */
  readonly verifiedPrefixes: string[] = [];
  /** Downloads from other hosts in flight (tests await them). */
  readonly pulls: Promise<void>[] = [];
  /** Status reads a publish stays PROCESSING_DOWNLOAD for. */
  processingReads = 1;
  private readonly tokens = new Map<string, Creator>();
  private readonly files = new Map<string, Uint8Array>();
  private seq = 7_450_000_000_000_000_000n;

  get url(): string {
    return this.server.url;
  }

  async start(): Promise<this> {
    await this.server.start();
    this.verifiedPrefixes.push(`${this.url}/media/`);
    return this;
  }

  close(): Promise<void> {
    return this.server.close();
  }

  /** The app has not passed TikTok's audit: SELF_ONLY only, and only for private accounts. */
  unaudited = false;

  addToken(
    token: string,
    creator: {
      openId: string;
      username: string;
      name: string;
      privacy?: string[];
      privateAccount?: boolean;
      banned?: boolean;
      dailyPosts?: number;
    },
    scopes: readonly string[],
  ): void {
    this.tokens.set(token, {
      ...creator,
      scopes: new Set(scopes),
      privacy: creator.privacy ?? ['PUBLIC_TO_EVERYONE', 'MUTUAL_FOLLOW_FRIENDS', 'SELF_ONLY'],
      privateAccount: creator.privateAccount ?? false,
      banned: creator.banned ?? false,
    });
  }

  /** The creator behind `token`, to change their state in a test. */
  creator(token: string): Creator {
    const c = this.tokens.get(token);
    if (!c) throw new Error(`no creator for ${token}`);
    return c;
  }

  /** Why TikTok refuses a post by this creator at this privacy level, if it does. */
  private refusal(creator: Creator, privacy: unknown): FakeResponse | undefined {
    if (this.unaudited && !creator.privateAccount) {
      return fail(
        403,
        'unaudited_client_can_only_post_to_private_accounts',
        'Unaudited clients can only post to a private account.',
      );
    }
    if (creator.banned) return fail(403, 'spam_risk_user_banned_from_posting', 'The user is banned from posting.');
    const posted = this.publishes.filter((p) => p.openId === creator.openId).length;
    if (creator.dailyPosts !== undefined && posted >= creator.dailyPosts) {
      return fail(403, 'spam_risk_too_many_posts', 'The daily post cap from the API is reached for the current user.');
    }
    const options = this.unaudited ? ['SELF_ONLY'] : creator.privacy;
    if (typeof privacy !== 'string' || !options.includes(privacy)) {
      return fail(400, 'privacy_level_option_mismatch', 'privacy_level is not among the creator_info options.');
    }
    return undefined;
  }

  addMedia(name: string, bytes: Uint8Array): string {
    this.files.set(name, bytes);
    return `${this.url}/media/${name}`;
  }

  private handle(req: FakeRequest): FakeResponse {
    if (req.path === '/v2/oauth/token/' && this.oauthToken) return this.oauthToken(req);
    if (req.method === 'GET' && req.path.startsWith('/media/')) {
      const f = this.files.get(req.path.slice('/media/'.length));
      return f ? { status: 200, body: f, headers: { 'content-type': 'video/mp4' } } : { status: 404 };
    }
    const auth = req.headers.authorization;
    const creator = typeof auth === 'string' && auth.startsWith('Bearer ') ? this.tokens.get(auth.slice(7)) : undefined;
    if (!creator) return fail(401, 'access_token_invalid', 'The access token is invalid or not found in the request.');
    const needs = (scope: string) =>
      creator.scopes.has(scope)
        ? undefined
        : fail(
            401,
            'scope_not_authorized',
            `The user did not authorize the scope required for completing this request (${scope}).`,
          );
    if (req.method === 'GET' && req.path === '/v2/user/info/') {
      const refused = needs('user.info.basic');
      if (refused) return refused;
      return answer(200, { user: { open_id: creator.openId, display_name: creator.name } });
    }
    if (req.method !== 'POST' || !req.path.startsWith('/v2/post/publish/')) {
      return fail(404, 'invalid_params', `No route ${req.method} ${req.path}`);
    }
    const refused = needs('video.publish');
    if (refused) return refused;
    switch (req.path) {
      case '/v2/post/publish/creator_info/query/': {
        const options = this.unaudited ? ['SELF_ONLY'] : creator.privacy;
        if (creator.changePrivacyAfterQuery) {
          creator.privacy = creator.changePrivacyAfterQuery;
          creator.changePrivacyAfterQuery = undefined;
        }
        return answer(200, {
          creator_avatar_url: 'https://p16.example/avatar.jpeg',
          creator_username: creator.username,
          creator_nickname: creator.name,
          privacy_level_options: options,
          comment_disabled: false,
          duet_disabled: false,
          stitch_disabled: false,
          max_video_post_duration_sec: 600,
        });
      }
      case '/v2/post/publish/video/init/':
        return this.init(req, creator);
      case '/v2/post/publish/content/init/':
        return this.photoInit(req, creator);
      case '/v2/post/publish/status/fetch/':
        return this.status(req, creator);
      default:
        return fail(404, 'invalid_params', `No route ${req.path}`);
    }
  }

  private init(req: FakeRequest, creator: Creator): FakeResponse {
    const body = req.json() as
      | {
          post_info?: { title?: unknown; privacy_level?: unknown };
          source_info?: { source?: unknown; video_url?: unknown };
        }
      | undefined;
    const title = body?.post_info?.title ?? '';
    const privacy = body?.post_info?.privacy_level;
    if (typeof title !== 'string' || title.length > 2200)
      return fail(400, 'invalid_params', 'post_info.title is too long.');
    const refused = this.refusal(creator, privacy);
    if (refused || typeof privacy !== 'string') return refused ?? fail(400, 'invalid_params', 'privacy_level');
    const source = body?.source_info;
    if (source?.source !== 'PULL_FROM_URL' || typeof source.video_url !== 'string') {
      return fail(400, 'invalid_params', 'source_info.source must be PULL_FROM_URL with a video_url.');
    }
    const videoUrl = source.video_url;
    if (!this.verifiedPrefixes.some((p) => videoUrl.startsWith(p))) {
      return fail(403, 'url_ownership_unverified', 'Please verify the ownership of the domain or URL prefix.');
    }
    this.seq += 1n;
    const publish: FakePublish = {
      kind: 'video',
      publishId: `v_pub_url~v2-1.${this.seq}`,
      openId: creator.openId,
      title,
      privacy,
      videoUrl,
      status: 'PROCESSING_DOWNLOAD',
      readsLeft: this.processingReads,
    };
    this.publishes.push(publish);
    if (!videoUrl.startsWith(`${this.url}/media/`)) {
      publish.pulled = undefined;
      this.pulls.push(
        fetch(videoUrl)
          .then(async (r) => {
            publish.pulled = r.ok ? new Uint8Array(await r.arrayBuffer()) : null;
          })
          .catch(() => {
            publish.pulled = null;
          }),
      );
    }
    return answer(200, { publish_id: publish.publishId });
  }

  private status(req: FakeRequest, creator: Creator): FakeResponse {
    const id = (req.json() as { publish_id?: unknown } | undefined)?.publish_id;
    const p = this.publishes.find((x) => x.publishId === id && x.openId === creator.openId);
    if (!p) return fail(400, 'invalid_publish_id', 'The publish_id does not exist.');
    // A download from another host still running keeps the post processing, as on TikTok.
    const stillPulling = ('pulled' in p && p.pulled === undefined) || (p.pulledPhotos ?? []).includes(undefined);
    if (p.status === 'PROCESSING_DOWNLOAD' && !stillPulling && p.readsLeft-- <= 0) this.download(p);
    const data = {
      status: p.status,
      ...(p.failReason ? { fail_reason: p.failReason } : {}),
      ...(p.postId ? { publicaly_available_post_id: ['POST_ID'] } : {}),
      uploaded_bytes: 0,
    };
    // TikTok sends the post id as a bare 64-bit number, past what a JavaScript number holds exactly.
    const text = JSON.stringify(answer(200, data).body).replace('"POST_ID"', p.postId ?? '');
    return { status: 200, body: new TextEncoder().encode(text), headers: { 'content-type': 'application/json' } };
  }

  private photoInit(req: FakeRequest, creator: Creator): FakeResponse {
    const body = req.json() as
      | {
          media_type?: unknown;
          post_mode?: unknown;
          post_info?: { title?: unknown; description?: unknown; privacy_level?: unknown };
          source_info?: { source?: unknown; photo_images?: unknown; photo_cover_index?: unknown };
        }
      | undefined;
    if (body?.media_type !== 'PHOTO') return fail(400, 'invalid_params', 'media_type must be PHOTO.');
    if (body.post_mode !== 'DIRECT_POST' && body.post_mode !== 'MEDIA_UPLOAD') {
      return fail(400, 'invalid_params', 'post_mode must be DIRECT_POST or MEDIA_UPLOAD.');
    }
    const title = body.post_info?.title ?? '';
    const description = body.post_info?.description ?? '';
    if (typeof title !== 'string' || [...title].length > 90) {
      return fail(400, 'invalid_params', 'post_info.title is too long.');
    }
    if (typeof description !== 'string' || [...description].length > 4000) {
      return fail(400, 'invalid_params', 'post_info.description is too long.');
    }
    const privacy = body.post_info?.privacy_level;
    const refused = this.refusal(creator, privacy);
    if (refused || typeof privacy !== 'string') return refused ?? fail(400, 'invalid_params', 'privacy_level');
    const source = body.source_info;
    const urls = source?.photo_images;
    if (
      source?.source !== 'PULL_FROM_URL' ||
      !Array.isArray(urls) ||
      urls.length < 1 ||
      urls.length > 35 ||
      !urls.every((u): u is string => typeof u === 'string')
    ) {
      return fail(400, 'invalid_params', 'source_info needs PULL_FROM_URL with 1 to 35 photo_images.');
    }
    const cover = source.photo_cover_index;
    if (!Number.isInteger(cover) || (cover as number) < 0 || (cover as number) >= urls.length) {
      return fail(400, 'invalid_params', 'photo_cover_index must be the index of one of the photo_images.');
    }
    if (!urls.every((u) => this.verifiedPrefixes.some((p) => u.startsWith(p)))) {
      return fail(403, 'url_ownership_unverified', 'Please verify the ownership of the domain or URL prefix.');
    }
    this.seq += 1n;
    const publish: FakePublish = {
      kind: 'photo',
      publishId: `p_pub_url~v2-1.${this.seq}`,
      openId: creator.openId,
      title,
      description,
      photoUrls: urls,
      coverIndex: cover as number,
      privacy,
      videoUrl: '',
      status: 'PROCESSING_DOWNLOAD',
      readsLeft: this.processingReads,
      pulledPhotos: urls.map(() => undefined),
    };
    this.publishes.push(publish);
    urls.forEach((url, i) => {
      const own = url.startsWith(`${this.url}/media/`) ? this.files.get(url.split('/media/')[1] ?? '') : undefined;
      if (url.startsWith(`${this.url}/media/`)) {
        (publish.pulledPhotos as Array<Uint8Array | null | undefined>)[i] = own ?? null;
        return;
      }
      this.pulls.push(
        fetch(url)
          .then(async (r) => {
            (publish.pulledPhotos as Array<Uint8Array | null | undefined>)[i] = r.ok
              ? new Uint8Array(await r.arrayBuffer())
              : null;
          })
          .catch(() => {
            (publish.pulledPhotos as Array<Uint8Array | null | undefined>)[i] = null;
          }),
      );
    });
    return answer(200, { publish_id: publish.publishId });
  }

  /** TikTok fetches the URL and checks the file: an MP4 or MOV starts its second box with `ftyp`. */
  private download(p: FakePublish): void {
    if (p.kind === 'photo') {
      const photos = p.pulledPhotos ?? [];
      if (photos.some((b) => !b)) {
        p.status = 'FAILED';
        p.failReason = 'photo_pull_failed';
        return;
      }
      if (!photos.every((b) => b && (isJpeg(b) || isWebp(b)))) {
        p.status = 'FAILED';
        p.failReason = 'file_format_check_failed';
        return;
      }
      p.status = 'PUBLISH_COMPLETE';
      this.seq += 1n;
      if (p.privacy === 'PUBLIC_TO_EVERYONE') p.postId = this.seq.toString();
      return;
    }
    const file = p.videoUrl.startsWith(`${this.url}/media/`)
      ? this.files.get(p.videoUrl.split('/media/')[1] ?? '')
      : (p.pulled ?? undefined);
    if (!file) {
      p.status = 'FAILED';
      p.failReason = 'video_pull_failed';
      return;
    }
    if (Buffer.from(file.subarray(4, 8)).toString() !== 'ftyp') {
      p.status = 'FAILED';
      p.failReason = 'file_format_check_failed';
      return;
    }
    p.status = 'PUBLISH_COMPLETE';
    this.seq += 1n;
    if (p.privacy === 'PUBLIC_TO_EVERYONE') p.postId = this.seq.toString();
  }
}

const isJpeg = (b: Uint8Array) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;
const isWebp = (b: Uint8Array) =>
  Buffer.from(b.subarray(0, 4)).toString() === 'RIFF' && Buffer.from(b.subarray(8, 12)).toString() === 'WEBP';
