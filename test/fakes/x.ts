/**
 * A fake of the X API v2 for posting (docs.x.com): `GET /2/users/me`, `POST /2/media/upload` (JSON
 * body: `media` base64, `media_category`), `POST /2/tweets` (`text`, `media.media_ids`,
 * `reply.in_reply_to_tweet_id`), answering `{data: {...}}` and errors as problem details
 * (`{title, type, detail, status}`; validation errors with `errors[]`). It refuses what X refuses:
 * a bad token (401), a missing scope (403: tweets need tweet.read, tweet.write and users.read, media
 * needs media.write), a text over 280 as X weighs it, more than 4 images, an image over 5 MB or that
 * is not an image, media of another account, a reply to a post that does not exist, and the same
 * text posted twice (403 duplicate content).
 */
import { xWeight } from '../../integrations/x/weight.js';
import { type FakeRequest, type FakeResponse, FakeServer } from './server.js';

const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

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
  readonly media = new Map<string, { owner: string; bytes: number }>();
  private readonly tokens = new Map<string, Account>();
  private readonly files = new Map<string, { bytes: Uint8Array; type: string }>();
  private seq = 1_860_000_000_000_000_000n;
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
    if (req.method === 'POST' && req.path === '/2/media/upload') {
      if (lacks('media.write').length > 0)
        return problem(403, 'Forbidden', 'You are not permitted to perform this action.');
      return this.upload(req, account);
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
      return this.tweet(req, account);
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
    this.media.set(id, { owner: account.id, bytes: bytes.length });
    return {
      status: 200,
      body: { data: { id, media_key: `3_${id}`, size: bytes.length, expires_after_secs: 86_400 } },
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
      if (this.media.get(id)?.owner !== account.id) return invalid(`Your media IDs are invalid: ${id}.`);
    }
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
    });
    return { status: 201, body: { data: { id, text, edit_history_tweet_ids: [id] } } };
  }
}
