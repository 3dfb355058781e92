/**
 * A fake of the X API v2 for posting (docs.x.com): `GET /2/users/me`, `POST /2/media/upload` (JSON
 * body: `media` base64, `media_category`), `POST /2/tweets` (`text`, `media.media_ids`,
 * `reply.in_reply_to_tweet_id`), answering `{data: {...}}` and errors as problem details
 * (`{title, type, detail, status}`; validation errors with `errors[]`). It refuses what X refuses:
 * a bad token (401), a missing scope (403: tweets need tweet.read, tweet.write and users.read, media
 * needs media.write), a text over 280 as X weighs it, more than 4 images, an image over 5 MB or that
 * is not an image, media of another account, a reply to a post that does not exist, and the same
 * text posted twice (403 duplicate content), and, when `userDailyPosts` is set, a post over the
 * account's 24-hour limit: 429 with `x-rate-limit-*` (the 15-minute window, not spent) and
 * `x-user-limit-24hour-*` headers whose reset is when the oldest post of the day leaves the window
 * (docs.x.com/x-api/fundamentals/rate-limits; header names as X sends them).
 *
 * Videos go through the chunked upload: `POST /2/media/upload/initialize` (`media_type`,
 * `total_bytes` up to 512 MB, `media_category` tweet_video), `POST /2/media/upload/<id>/append`
 * (`media` base64 of at most 5 MB, `segment_index` 0-999 in order: the same index again replaces
 * that chunk, a gap is refused), `POST /2/media/upload/<id>/finalize` (only once every byte
 * announced has come, and only for a real MP4/MOV), then `GET /2/media/upload?command=STATUS`
 * moves the video from pending through in_progress to succeeded (or failed for a video over 140
 * seconds, as X's processing does). A post naming a video still processing is refused, as is a
 * video beside other media.
 */
import { xWeight } from '../../integrations/x/weight.js';
import { sniff } from '../../src/publishing/media/sniff.js';
import { type FakeRequest, type FakeResponse, FakeServer } from './server.js';

const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
const MAX_CHUNK_BYTES = 5 * 1024 * 1024;
const MAX_VIDEO_BYTES = 512 * 1024 * 1024;
const MAX_VIDEO_MS = 140_000;

type Processing = 'pending' | 'in_progress' | 'succeeded' | 'failed';

/** A chunked upload: announced, filled chunk by chunk, finalized, then processed. */
export interface FakeXUpload {
  id: string;
  owner: string;
  type: string;
  total: number;
  chunks: Buffer[];
  finalized: boolean;
  state?: Processing;
  /** STATUS reads left before processing is over. */
  readsLeft: number;
  error?: { code: number; name: string; message: string };
}

interface Account {
  id: string;
  username: string;
  name: string;
  scopes: Set<string>;
}

export interface FakeXPost {
  id: string;
  authorId: string;
  text: string;
  mediaIds: string[];
  replyTo?: string;
  /** When it was posted (epoch ms, the fake's clock). */
  at: number;
}

const problem = (status: number, title: string, detail: string): FakeResponse => ({
  status,
  body: { title, type: 'about:blank', status, detail },
});
const invalid = (message: string): FakeResponse => ({
  status: 400,
  body: {
    errors: [{ message }],
    title: 'Invalid Request',
    detail: 'One or more parameters to your request was invalid.',
    type: 'https://api.twitter.com/2/problems/invalid-request',
  },
});

const isImage = (b: Buffer) =>
  (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) ||
  (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) ||
  (b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46) ||
  (b.subarray(0, 4).toString() === 'RIFF' && b.subarray(8, 12).toString() === 'WEBP');

export class FakeX {
  readonly server = new FakeServer((req) => this.handle(req));
  /** POST /2/oauth2/token lives on the API host; the fake authorization server (oauth.ts) answers it. */
  oauthToken: ((req: FakeRequest) => FakeResponse) | undefined;
  readonly posts: FakeXPost[] = [];
  readonly media = new Map<string, { owner: string; bytes: number; kind: 'image' | 'video' }>();
  readonly uploads = new Map<string, FakeXUpload>();
  /** Every upload request, in order (`initialize`, `append 0`, `finalize`, `status`). */
  readonly uploadLog: string[] = [];
  /** STATUS reads a video spends processing (pending, then in_progress) before it succeeds. */
  videoReads = 2;
  private readonly tokens = new Map<string, Account>();
  private readonly files = new Map<string, { bytes: Uint8Array; type: string }>();
  private seq = 1_860_000_000_000_000_000n;
  /** Posts an account may make in 24 hours (X's per-user limit on POST /2/tweets); none when unset. */
  userDailyPosts: number | undefined;
  /** The fake's clock, for the 24-hour window (tests that move the bot's clock move this one too). */
  now: () => Date = () => new Date();
  /** Answers the `after`+1-th post request from now with `response` instead of posting. */
  private failing: { after: number; response: FakeResponse } | undefined;

  /** The post request after the next `after` ones gets `response` (a failure mid-thread). */
  failTweet(after: number, response: FakeResponse): void {
    this.failing = { after, response };
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

  addToken(token: string, account: { id: string; username: string; name: string }, scopes: readonly string[]): void {
    this.tokens.set(token, { ...account, scopes: new Set(scopes) });
  }

  addMedia(name: string, bytes: Uint8Array, type = 'image/png'): string {
    this.files.set(name, { bytes, type });
    return `${this.url}/media/${name}`;
  }

  private nextId(): string {
    this.seq += 1n;
    return this.seq.toString();
  }

  private handle(req: FakeRequest): FakeResponse {
    if (req.method === 'GET' && req.path.startsWith('/media/')) {
      const f = this.files.get(req.path.slice('/media/'.length));
      return f ? { status: 200, body: f.bytes, headers: { 'content-type': f.type } } : { status: 404 };
    }
    if (req.path === '/2/oauth2/token' && this.oauthToken) return this.oauthToken(req);
    const auth = req.headers.authorization;
    const account = typeof auth === 'string' && auth.startsWith('Bearer ') ? this.tokens.get(auth.slice(7)) : undefined;
    if (!account) return problem(401, 'Unauthorized', 'Unauthorized');
    const lacks = (...scopes: string[]) => scopes.filter((s) => !account.scopes.has(s));
    if (req.method === 'GET' && req.path === '/2/users/me') {
      if (lacks('users.read', 'tweet.read').length > 0) {
        return problem(403, 'Forbidden', 'You are not permitted to perform this action.');
      }
      return { status: 200, body: { data: { id: account.id, name: account.name, username: account.username } } };
    }
    if (req.path.startsWith('/2/media/upload')) {
      if (lacks('media.write').length > 0)
        return problem(403, 'Forbidden', 'You are not permitted to perform this action.');
      if (req.method === 'POST' && req.path === '/2/media/upload') return this.upload(req, account);
      if (req.method === 'POST' && req.path === '/2/media/upload/initialize') return this.initialize(req, account);
      const step = req.path.match(/^\/2\/media\/upload\/(\d+)\/(append|finalize)$/);
      if (req.method === 'POST' && step) return this.chunked(step[1] as string, step[2] as string, req, account);
      if (req.method === 'GET' && req.path === '/2/media/upload') return this.status(req, account);
    }
    if (req.method === 'POST' && req.path === '/2/tweets') {
      if (lacks('tweet.read', 'tweet.write', 'users.read').length > 0) {
        return problem(403, 'Forbidden', 'You are not permitted to perform this action.');
      }
      if (this.failing && this.failing.after-- === 0) {
        const { response } = this.failing;
        this.failing = undefined;
        return response;
      }
      return this.dailyLimit(account) ?? this.tweet(req, account);
    }
    return problem(404, 'Not Found Error', `No route ${req.method} ${req.path}`);
  }

  private upload(req: FakeRequest, account: Account): FakeResponse {
    const body = req.json() as { media?: unknown; media_category?: unknown } | undefined;
    if (typeof body?.media !== 'string') return invalid('The `media` field is required.');
    if (!['tweet_image', 'tweet_gif', 'tweet_video'].includes(String(body.media_category))) {
      return invalid('The `media_category` field must be one of tweet_image, tweet_gif, tweet_video.');
    }
    const bytes = Buffer.from(body.media, 'base64');
    if (bytes.length > MAX_IMAGE_BYTES) return invalid('File size exceeds 5242880 bytes.');
    if (!isImage(bytes)) return invalid('media type unrecognized.');
    const id = this.nextId();
    this.media.set(id, { owner: account.id, bytes: bytes.length, kind: 'image' });
    return {
      status: 200,
      body: { data: { id, media_key: `3_${id}`, size: bytes.length, expires_after_secs: 86_400 } },
    };
  }

  /** 429 once the account has posted `userDailyPosts` times in the last 24 hours. */
  private dailyLimit(account: Account): FakeResponse | undefined {
    const limit = this.userDailyPosts;
    if (limit === undefined) return undefined;
    const now = this.now().getTime();
    const today = this.posts.filter((p) => p.authorId === account.id && p.at > now - 86_400_000);
    if (today.length < limit) return undefined;
    const oldest = Math.min(...today.map((p) => p.at));
    const seconds = (ms: number) => String(Math.ceil(ms / 1000));
    return {
      status: 429,
      headers: {
        'x-rate-limit-limit': '100',
        'x-rate-limit-remaining': '99',
        'x-rate-limit-reset': seconds(now + 15 * 60_000),
        'x-user-limit-24hour-limit': String(limit),
        'x-user-limit-24hour-remaining': '0',
        'x-user-limit-24hour-reset': seconds(oldest + 86_400_000),
      },
      body: { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 },
    };
  }

  private tweet(req: FakeRequest, account: Account): FakeResponse {
    const body = req.json() as
      | { text?: unknown; media?: { media_ids?: unknown }; reply?: { in_reply_to_tweet_id?: unknown } }
      | undefined;
    if (!body) return invalid('The request body is not JSON.');
    const text = typeof body.text === 'string' ? body.text : '';
    const mediaIds = Array.isArray(body.media?.media_ids) ? body.media.media_ids.map(String) : [];
    if (!text && mediaIds.length === 0) return invalid('One of text or media is required.');
    if (xWeight(text) > 280) return invalid('Your Tweet text is too long.');
    if (mediaIds.length > 4) return invalid('Too many media ids: at most 4.');
    for (const id of mediaIds) {
      const upload = this.uploads.get(id);
      if (upload && upload.owner === account.id && upload.state !== 'succeeded') {
        return invalid(`Media ${id} is not ready: it is still being processed (or it failed). Check its STATUS first.`);
      }
      if (this.media.get(id)?.owner !== account.id) return invalid(`Your media IDs are invalid: ${id}.`);
    }
    const videos = mediaIds.filter((id) => this.media.get(id)?.kind === 'video');
    if (videos.length > 0 && mediaIds.length > 1) return invalid('A video cannot be combined with other media.');
    const replyTo = body.reply?.in_reply_to_tweet_id;
    if (replyTo !== undefined && !this.posts.some((p) => p.id === replyTo)) {
      return invalid('The tweet you are replying to does not exist or has been deleted.');
    }
    if (text && this.posts.some((p) => p.authorId === account.id && p.text === text)) {
      return problem(403, 'Forbidden', 'You are not allowed to create a Tweet with duplicate content.');
    }
    const id = this.nextId();
    this.posts.push({
      id,
      authorId: account.id,
      text,
      mediaIds,
      ...(typeof replyTo === 'string' ? { replyTo } : {}),
      at: this.now().getTime(),
    });
    return { status: 201, body: { data: { id, text, edit_history_tweet_ids: [id] } } };
  }

  private initialize(req: FakeRequest, account: Account): FakeResponse {
    this.uploadLog.push('initialize');
    const b = req.json() as { media_type?: unknown; total_bytes?: unknown; media_category?: unknown } | undefined;
    if (!['video/mp4', 'video/quicktime', 'image/gif'].includes(String(b?.media_type))) {
      return invalid('The `media_type` field must be a supported media type such as video/mp4.');
    }
    const total = Number(b?.total_bytes);
    if (!Number.isInteger(total) || total <= 0) return invalid('The `total_bytes` field is required.');
    if (total > MAX_VIDEO_BYTES) return invalid(`File size exceeds ${MAX_VIDEO_BYTES} bytes.`);
    if (!['tweet_video', 'amplify_video', 'tweet_gif'].includes(String(b?.media_category))) {
      return invalid('The `media_category` field must be one of tweet_image, tweet_gif, tweet_video.');
    }
    const id = this.nextId();
    this.uploads.set(id, {
      id,
      owner: account.id,
      type: String(b?.media_type),
      total,
      chunks: [],
      finalized: false,
      readsLeft: this.videoReads,
    });
    return { status: 200, body: { data: { id, media_key: `7_${id}`, expires_after_secs: 86_400 } } };
  }

  private chunked(id: string, step: string, req: FakeRequest, account: Account): FakeResponse {
    const upload = this.uploads.get(id);
    // X knows no such upload: APPEND or FINALIZE without INIT.
    if (!upload || upload.owner !== account.id) return invalid(`Your media IDs are invalid: ${id}.`);
    if (step === 'append') {
      const b = req.json() as { media?: unknown; segment_index?: unknown } | undefined;
      this.uploadLog.push(`append ${String(b?.segment_index)}`);
      if (upload.finalized) return invalid('The upload has already been finalized.');
      if (typeof b?.media !== 'string') return invalid('The `media` field is required.');
      const index = Number(b.segment_index);
      if (!Number.isInteger(index) || index < 0 || index > 999) {
        return invalid('The `segment_index` field must be between 0 and 999.');
      }
      // The same index again replaces that chunk (a retried request); a gap is a chunk lost.
      if (index > upload.chunks.length) {
        return invalid(`Segment ${index} came before segment ${upload.chunks.length}: segments go in order.`);
      }
      const chunk = Buffer.from(b.media, 'base64');
      if (chunk.length > MAX_CHUNK_BYTES) return invalid('Segment size exceeds 5242880 bytes.');
      const next = [...upload.chunks];
      next[index] = chunk;
      if (next.reduce((n, c) => n + c.length, 0) > upload.total) {
        return invalid(`The segments add up to more than the ${upload.total} bytes announced.`);
      }
      upload.chunks = next;
      return { status: 200, body: { data: { expires_at: Math.floor(Date.now() / 1000) + 86_400 } } };
    }
    this.uploadLog.push('finalize');
    const got = upload.chunks.reduce((n, c) => n + c.length, 0);
    if (upload.finalized) return invalid('The upload has already been finalized.');
    if (got !== upload.total) {
      return invalid(`File size mismatch: ${got} bytes received of the ${upload.total} announced.`);
    }
    const facts = sniff(Buffer.concat(upload.chunks));
    if (facts?.kind !== 'video') return invalid('media type unrecognized.');
    upload.finalized = true;
    upload.state = 'pending';
    if (facts.durationMs !== undefined && facts.durationMs > MAX_VIDEO_MS) {
      upload.error = {
        code: 1,
        name: 'InvalidMedia',
        message: 'Invalid or Unsupported media, Reason: Duration too long.',
      };
    }
    return {
      status: 200,
      body: {
        data: {
          id,
          media_key: `7_${id}`,
          size: got,
          expires_after_secs: 86_400,
          processing_info: { state: 'pending', check_after_secs: 1 },
        },
      },
    };
  }

  private status(req: FakeRequest, account: Account): FakeResponse {
    this.uploadLog.push('status');
    if (req.query.get('command') !== 'STATUS') return invalid('The `command` query parameter must be STATUS.');
    const id = req.query.get('media_id') ?? '';
    const upload = this.uploads.get(id);
    if (!upload || upload.owner !== account.id) return invalid(`Your media IDs are invalid: ${id}.`);
    if (!upload.finalized || !upload.state) return invalid('The upload has not been finalized.');
    if (upload.state === 'pending' || upload.state === 'in_progress') {
      upload.readsLeft -= 1;
      if (upload.readsLeft <= 0) {
        upload.state = upload.error ? 'failed' : 'succeeded';
        if (upload.state === 'succeeded') {
          this.media.set(id, { owner: account.id, bytes: upload.total, kind: 'video' });
        }
      } else upload.state = 'in_progress';
    }
    const info =
      upload.state === 'succeeded'
        ? { state: 'succeeded', progress_percent: 100 }
        : upload.state === 'failed'
          ? { state: 'failed', progress_percent: 100, error: upload.error }
          : { state: upload.state, check_after_secs: 1, progress_percent: 40 };
    return { status: 200, body: { data: { id, media_key: `7_${id}`, processing_info: info } } };
  }
}
