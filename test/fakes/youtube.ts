/**
 * A fake of the YouTube Data API v3 resumable upload, following the official shapes: a session
 * opened with POST .../upload/youtube/v3/videos?uploadType=resumable (Location header), bytes PUT
 * to it, 308 while incomplete, the video resource on the last byte, `Content-Range: bytes *\/N`
 * probes. It rejects a bad token (401), a missing title, and publishAt without privacy "private".
 * It also serves media files (GET /media/NAME) for the bot to fetch.
 */
import { type FakeRequest, type FakeResponse, FakeServer } from './server.js';

interface Session {
  id: string;
  channelId: string;
  size: number;
  received: number;
  metadata: { snippet: { title: string; description?: string }; status: { privacyStatus: string; publishAt?: string } };
  videoId?: string;
}

const gErr = (status: number, reason: string, message: string): FakeResponse => ({
  status,
  body: { error: { code: status, message, errors: [{ message, domain: 'youtube.video', reason }] } },
});

export class FakeYoutube {
  readonly server: FakeServer;
  private readonly tokens = new Map<string, { channelId: string; title: string }>();
  readonly sessions = new Map<string, Session>();
  readonly videos: Array<{
    id: string;
    channelId: string;
    title: string;
    privacyStatus: string;
    publishAt?: string;
    bytes: number;
  }> = [];
  private readonly files = new Map<string, { bytes: Uint8Array; type: string }>();
  private seq = 0;
  /** The instant the fake treats as now, for publishAt checks. */
  now: () => Date = () => new Date();

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

  addChannel(channelId: string, token: string, title = 'Test Channel'): void {
    this.tokens.set(token, { channelId, title });
  }

  addMedia(name: string, bytes: Uint8Array, type = 'video/mp4'): string {
    this.files.set(name, { bytes, type });
    return `${this.url}/media/${name}`;
  }

  private handle(req: FakeRequest): FakeResponse {
    if (req.method === 'GET' && req.path.startsWith('/media/')) {
      const f = this.files.get(req.path.slice('/media/'.length));
      return f ? { status: 200, body: f.bytes, headers: { 'content-type': f.type } } : { status: 404 };
    }
    const token = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1] ?? '';
    const who = this.tokens.get(token);
    if (!who) return gErr(401, 'authError', 'Request had invalid authentication credentials.');
    if (req.method === 'GET' && req.path === '/youtube/v3/channels') {
      if (req.query.get('mine') !== 'true') return gErr(400, 'missingRequiredParameter', 'No filter selected.');
      return {
        status: 200,
        body: { kind: 'youtube#channelListResponse', items: [{ id: who.channelId, snippet: { title: who.title } }] },
      };
    }
    if (req.path !== '/upload/youtube/v3/videos') return { status: 404 };
    if (req.method === 'POST') return this.open(req, who.channelId);
    if (req.method === 'PUT') return this.upload(req, who.channelId);
    return { status: 405 };
  }

  private open(req: FakeRequest, channelId: string): FakeResponse {
    if (req.query.get('uploadType') !== 'resumable') return gErr(400, 'badRequest', 'uploadType must be resumable');
    const size = Number(req.headers['x-upload-content-length']);
    if (!Number.isFinite(size) || size <= 0) return gErr(400, 'badRequest', 'X-Upload-Content-Length is required');
    const meta = req.json() as Session['metadata'] | undefined;
    if (!meta?.snippet?.title)
      return gErr(400, 'invalidTitle', 'The request metadata specifies an invalid or empty video title.');
    const publishAt = meta.status?.publishAt;
    if (publishAt !== undefined) {
      if (meta.status.privacyStatus !== 'private') {
        return gErr(
          400,
          'invalidPublishAt',
          'publishAt can be set only if the privacy status of the video is private.',
        );
      }
      if (Date.parse(publishAt) <= this.now().getTime())
        return gErr(400, 'invalidPublishAt', 'publishAt must be in the future.');
    }
    const id = `up${++this.seq}`;
    this.sessions.set(id, { id, channelId, size, received: 0, metadata: meta });
    return {
      status: 200,
      headers: { location: `${this.url}/upload/youtube/v3/videos?uploadType=resumable&upload_id=${id}` },
    };
  }

  private upload(req: FakeRequest, channelId: string): FakeResponse {
    const s = this.sessions.get(req.query.get('upload_id') ?? '');
    if (!s || s.channelId !== channelId) return { status: 404 };
    const range = String(req.headers['content-range'] ?? '');
    if (/^bytes \*\/\d+$/.test(range)) {
      if (s.videoId) return { status: 200, body: this.videoBody(s) };
      return { status: 308, ...(s.received > 0 ? { headers: { range: `bytes=0-${s.received - 1}` } } : {}) };
    }
    if (s.videoId) return { status: 200, body: this.videoBody(s) };
    s.received = req.body.byteLength;
    if (s.received < s.size) return { status: 308, headers: { range: `bytes=0-${s.received - 1}` } };
    s.videoId = `vid${this.seq}${s.id}`;
    this.videos.push({
      id: s.videoId,
      channelId,
      title: s.metadata.snippet.title,
      privacyStatus: s.metadata.status.privacyStatus,
      ...(s.metadata.status.publishAt ? { publishAt: s.metadata.status.publishAt } : {}),
      bytes: s.received,
    });
    return { status: 201, body: this.videoBody(s) };
  }

  private videoBody(s: Session) {
    return { kind: 'youtube#video', id: s.videoId, snippet: s.metadata.snippet, status: s.metadata.status };
  }
}
