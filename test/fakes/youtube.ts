/**
 * A fake of the YouTube Data API v3 resumable upload, following the official shapes: a session
 * opened with POST .../upload/youtube/v3/videos?uploadType=resumable (Location header), bytes PUT
 * to it, 308 while incomplete, the video resource on the last byte, `Content-Range: bytes *\/N`
 * probes. It rejects a bad token (401), a missing title, and publishAt without privacy "private".
 * It also serves media files (GET /media/NAME) for the bot to fetch.
 * Comments: `commentThreads.list` (part required, exactly one of allThreadsRelatedToChannelId /
 * videoId, newest first with order=time, pageToken paging, 404 videoNotFound, 403 commentsDisabled)
 * and `comments.insert` replies (snippet.parentId and snippet.textOriginal required).
 * Statistics: `videos.list` with part=statistics and id=a,b,… (at most 50 ids; part and a filter
 * required): counts as strings (viewCount, likeCount, favoriteCount, commentCount) for the videos that
 * exist, others left out; a private video only for its own channel.
 * Quota: every call is charged its units from Google's quota table (commentThreads.list, channels.list,
 * videos.list 1; comments.insert 50; videos.insert in its own bucket of 100 a day) to the day that
 * starts at midnight Pacific Time; a call the day's units no longer cover is refused with 403
 * `quotaExceeded` in Google's error shape (domain youtube.quota). Uploads: opening a session is the
 * videos.insert call, charged to its own bucket (`dailyInserts`, 100 by default) with the same
 * refusal; a channel over `channelDailyUploads` videos in 24 hours is refused with 400
 * `uploadLimitExceeded` (YouTube's per-channel upload limit; "try again in 24 hours").
 * OAuth: Google's token endpoint on the same server (google-oauth.ts); the access tokens it issues
 * are accepted by the API above until they expire (by the fake's clock), then 401.
 */
import { FakeGoogleTokens } from './google-oauth.js';
import { type FakeRequest, type FakeResponse, FakeServer } from './server.js';

interface Session {
  id: string;
  channelId: string;
  size: number;
  received: number;
  metadata: { snippet: { title: string; description?: string }; status: { privacyStatus: string; publishAt?: string } };
  videoId?: string;
}

export interface FakeYoutubeComment {
  id: string;
  videoId: string;
  /** The channel that owns the video. */
  channelId: string;
  text: string;
  author: string;
  authorChannelId: string;
  publishedAt: Date;
  parentId?: string;
}

const gErr = (status: number, reason: string, message: string, domain = 'youtube.video'): FakeResponse => ({
  status,
  body: { error: { code: status, message, errors: [{ message, domain, reason }] } },
});

const QUOTA_EXCEEDED =
  'The request cannot be completed because you have exceeded your <a href="/youtube/v3/getting-started#quota">quota</a>.';

/** Units per call, from Google's quota calculator; uploads (videos.insert) have their own bucket. */
function unitsOf(req: FakeRequest): number {
  if (req.path === '/youtube/v3/comments' && req.method === 'POST') return 50;
  if (req.path.startsWith('/youtube/v3/')) return 1;
  return 0;
}

export class FakeYoutube {
  readonly server: FakeServer;
  /** Google's token endpoint and the bearer check of this API. */
  readonly oauth = new FakeGoogleTokens<{ channelId: string; title: string }>(
    () => this.now(),
    'https://www.googleapis.com/auth/youtube.upload https://www.googleapis.com/auth/youtube.force-ssl',
  );
  readonly sessions = new Map<string, Session>();
  readonly videos: Array<{
    id: string;
    channelId: string;
    title: string;
    privacyStatus: string;
    publishAt?: string;
    bytes: number;
    /** When the upload completed (epoch ms, the fake's clock). */
    at: number;
  }> = [];
  /** videos.insert calls a project may make per quota day (their own bucket). */
  dailyInserts = 100;
  readonly insertsByDay = new Map<string, number>();
  /** Videos a channel may upload in 24 hours (YouTube's own limit); none when unset. */
  channelDailyUploads: number | undefined;
  private readonly files = new Map<string, { bytes: Uint8Array; type: string }>();
  private seq = 0;
  readonly comments: FakeYoutubeComment[] = [];
  /** Videos (by id) that exist for comment listing, with their channel and whether comments are off. */
  readonly commentVideos = new Map<string, { channelId: string; disabled: boolean }>();
  /** Video id -> statistics counts, for videos.list part=statistics. */
  readonly statistics = new Map<string, { viewCount: number; likeCount?: number; commentCount: number }>();
  /** Threads per page, small so tests exercise paging. */
  pageSize = 100;
  /** The instant the fake treats as now, for publishAt checks and the quota day. */
  now: () => Date = () => new Date();
  /** The project's daily units for every call but uploads (Google's default: 10,000). */
  dailyUnits = 10_000;
  /** Units charged per quota day (YYYY-MM-DD in Pacific Time), and per call kind. */
  readonly unitsByDay = new Map<string, number>();
  readonly callsByKind = new Map<string, number>();
  /** commentThreads.list calls by filter: allThreadsRelatedToChannelId or videoId. */
  readonly threadListings = { channel: 0, video: 0 };

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
    this.oauth.addAccessToken(token, { channelId, title });
  }

  /** A refresh token granted to the OAuth client for a channel. */
  addRefreshToken(refreshToken: string, channelId: string, title = 'Test Channel'): void {
    this.oauth.addRefreshToken(refreshToken, { channelId, title });
  }

  addVideo(videoId: string, channelId: string, disabled = false): void {
    this.commentVideos.set(videoId, { channelId, disabled });
  }

  addComment(videoId: string, c: { text: string; author?: string; authorChannelId?: string; at: Date }): string {
    const video = this.commentVideos.get(videoId);
    if (!video) throw new Error(`no video ${videoId}`);
    const id = `Ug${++this.seq}x`;
    this.comments.push({
      id,
      videoId,
      channelId: video.channelId,
      text: c.text,
      author: c.author ?? 'A Viewer',
      authorChannelId: c.authorChannelId ?? `UCviewer${this.seq}`,
      publishedAt: c.at,
    });
    return id;
  }

  addMedia(name: string, bytes: Uint8Array, type = 'video/mp4'): string {
    this.files.set(name, { bytes, type });
    return `${this.url}/media/${name}`;
  }

  private listVideos(req: FakeRequest, channelId: string): FakeResponse {
    const part = req.query.get('part');
    if (!part) return gErr(400, 'required', 'Required parameter: part');
    const ids = (req.query.get('id') ?? '').split(',').filter(Boolean);
    if (ids.length === 0)
      return gErr(400, 'missingRequiredParameter', 'No filter selected. Expected one of: id, myRating, chart');
    if (ids.length > 50) return gErr(400, 'invalidValue', "Invalid value for parameter 'id': more than 50 ids");
    const items = ids.flatMap((id) => {
      const uploaded = this.videos.find((v) => v.id === id);
      const known =
        uploaded ?? (this.commentVideos.has(id) ? { channelId: this.commentVideos.get(id)?.channelId } : undefined);
      if (!known) return [];
      // Private (scheduled) videos are visible to their own channel only.
      if (uploaded && uploaded.privacyStatus === 'private' && uploaded.channelId !== channelId) return [];
      const s = this.statistics.get(id) ?? { viewCount: 0, commentCount: 0, likeCount: 0 };
      return [
        {
          kind: 'youtube#video',
          etag: `etag-${id}`,
          id,
          ...(part.split(',').includes('statistics')
            ? {
                statistics: {
                  viewCount: String(s.viewCount),
                  ...(s.likeCount === undefined ? {} : { likeCount: String(s.likeCount) }),
                  favoriteCount: '0',
                  commentCount: String(s.commentCount),
                },
              }
            : {}),
        },
      ];
    });
    return {
      status: 200,
      body: {
        kind: 'youtube#videoListResponse',
        items,
        pageInfo: { totalResults: items.length, resultsPerPage: items.length },
      },
    };
  }

  private handle(req: FakeRequest): FakeResponse {
    if (req.method === 'GET' && req.path.startsWith('/media/')) {
      const f = this.files.get(req.path.slice('/media/'.length));
      return f ? { status: 200, body: f.bytes, headers: { 'content-type': f.type } } : { status: 404 };
    }
    if (req.method === 'POST' && req.path === '/token') return this.oauth.token(req);
    const who = this.oauth.bearer(req);
    if (!who) return gErr(401, 'authError', 'Request had invalid authentication credentials.');
    const units = unitsOf(req);
    const day = this.quotaDay();
    const used = this.unitsByDay.get(day) ?? 0;
    if (units > 0 && used + units > this.dailyUnits) return gErr(403, 'quotaExceeded', QUOTA_EXCEEDED, 'youtube.quota');
    const res = this.route(req, who);
    // Google charges refused requests too ("all API requests, including invalid requests").
    if (units > 0) {
      this.unitsByDay.set(day, used + units);
      const kind = `${req.method} ${req.path}`;
      this.callsByKind.set(kind, (this.callsByKind.get(kind) ?? 0) + 1);
    }
    return res;
  }

  /** The quota day of the fake's now: Google resets quotas at midnight Pacific Time. */
  quotaDay(at = this.now()): string {
    return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles' }).format(at);
  }

  private route(req: FakeRequest, who: { channelId: string; title: string }): FakeResponse {
    if (req.method === 'GET' && req.path === '/youtube/v3/channels') {
      if (req.query.get('mine') !== 'true') return gErr(400, 'missingRequiredParameter', 'No filter selected.');
      return {
        status: 200,
        body: { kind: 'youtube#channelListResponse', items: [{ id: who.channelId, snippet: { title: who.title } }] },
      };
    }
    if (req.method === 'GET' && req.path === '/youtube/v3/commentThreads') return this.threads(req);
    if (req.method === 'GET' && req.path === '/youtube/v3/videos') return this.listVideos(req, who.channelId);
    if (req.method === 'POST' && req.path === '/youtube/v3/comments') return this.insertComment(req, who.channelId);
    if (req.path !== '/upload/youtube/v3/videos') return { status: 404 };
    if (req.method === 'POST') return this.open(req, who.channelId);
    if (req.method === 'PUT') return this.upload(req, who.channelId);
    return { status: 405 };
  }

  private threads(req: FakeRequest): FakeResponse {
    const q = req.query;
    if (!q.get('part')?.split(',').includes('snippet')) {
      return gErr(400, 'required', 'Required parameter: part');
    }
    const channel = q.get('allThreadsRelatedToChannelId');
    const videoId = q.get('videoId');
    if ((channel === null) === (videoId === null)) {
      return gErr(400, 'incompatibleParameters', 'Exactly one filter parameter must be specified.');
    }
    let list = this.comments.filter((c) => !c.parentId);
    this.threadListings[videoId === null ? 'channel' : 'video']++;
    if (videoId !== null) {
      const video = this.commentVideos.get(videoId);
      if (!video)
        return gErr(404, 'videoNotFound', 'The video identified by the videoId parameter could not be found.');
      if (video.disabled) return gErr(403, 'commentsDisabled', 'The video has disabled comments.');
      list = list.filter((c) => c.videoId === videoId);
    } else list = list.filter((c) => c.channelId === channel);
    list.sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime());
    const start = Number(q.get('pageToken')?.replace(/^p/, '') ?? '0');
    const size = Math.min(Number(q.get('maxResults') ?? '20'), this.pageSize);
    const page = list.slice(start, start + size);
    return {
      status: 200,
      body: {
        kind: 'youtube#commentThreadListResponse',
        ...(start + size < list.length ? { nextPageToken: `p${start + size}` } : {}),
        items: page.map((c) => ({
          kind: 'youtube#commentThread',
          id: c.id,
          snippet: {
            channelId: c.channelId,
            videoId: c.videoId,
            topLevelComment: { kind: 'youtube#comment', id: c.id, snippet: this.commentSnippet(c) },
            totalReplyCount: this.comments.filter((r) => r.parentId === c.id).length,
          },
        })),
      },
    };
  }

  private commentSnippet(c: FakeYoutubeComment) {
    return {
      videoId: c.videoId,
      textDisplay: c.text,
      textOriginal: c.text,
      authorDisplayName: c.author,
      authorChannelId: { value: c.authorChannelId },
      publishedAt: c.publishedAt.toISOString(),
      ...(c.parentId ? { parentId: c.parentId } : {}),
    };
  }

  private insertComment(req: FakeRequest, channelId: string): FakeResponse {
    if (req.query.get('part') !== 'snippet') return gErr(400, 'required', 'Required parameter: part');
    const body = req.json() as { snippet?: { parentId?: string; textOriginal?: string } } | undefined;
    const parentId = body?.snippet?.parentId;
    if (!parentId) return gErr(400, 'invalidCommentMetadata', 'The request metadata is invalid.');
    if (!body?.snippet?.textOriginal) return gErr(400, 'commentTextRequired', 'The comment must contain text.');
    const parent = this.comments.find((c) => c.id === parentId && !c.parentId);
    if (!parent) return gErr(404, 'parentCommentNotFound', 'The specified parent comment could not be found.');
    const reply: FakeYoutubeComment = {
      id: `${parentId}.${++this.seq}`,
      videoId: parent.videoId,
      channelId: parent.channelId,
      text: body.snippet.textOriginal,
      author: 'the brand',
      authorChannelId: channelId,
      publishedAt: this.now(),
      parentId,
    };
    this.comments.push(reply);
    return { status: 200, body: { kind: 'youtube#comment', id: reply.id, snippet: this.commentSnippet(reply) } };
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
    // The insert is charged even when refused, like every call ("all API requests, including invalid requests").
    const day = this.quotaDay();
    const inserts = this.insertsByDay.get(day) ?? 0;
    if (inserts >= this.dailyInserts) return gErr(403, 'quotaExceeded', QUOTA_EXCEEDED, 'youtube.quota');
    this.insertsByDay.set(day, inserts + 1);
    const since = this.now().getTime() - 86_400_000;
    const recent = this.videos.filter((v) => v.channelId === channelId && v.at > since).length;
    if (this.channelDailyUploads !== undefined && recent >= this.channelDailyUploads) {
      return gErr(400, 'uploadLimitExceeded', 'The user has exceeded the number of videos they may upload.');
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
      at: this.now().getTime(),
    });
    return { status: 201, body: this.videoBody(s) };
  }

  private videoBody(s: Session) {
    return { kind: 'youtube#video', id: s.videoId, snippet: s.metadata.snippet, status: s.metadata.status };
  }
}
