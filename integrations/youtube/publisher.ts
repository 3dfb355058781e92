/**
 * YouTube upload through a resumable session: the video exists only once the last byte arrives, so
 * a failed upload leaves nothing behind, and a retry first asks the saved session how far it got.
 * The irreversible call is the upload of the bytes (the PUT to the session): `io.sending()` marks the
 * post just before it; downloading the media and opening the session create nothing.
 * A video due later is uploaded private with `status.publishAt`, so YouTube releases it on time
 * even if this bot is down then.
 */
import { z } from 'zod';
import type { SafeFetch } from '../../src/net/safe-fetch.js';
import { sendAuthorized, type TokenSource } from '../google/oauth.js';
import { classifyStatus, type HttpCall, type HttpResponse, joinUrl, parseJson } from '../http.js';
import { fetchMedia, type MediaLimits } from '../media.js';
import { PublishError, type Publisher, type PublishIo, type PublishPost, type PublishResult } from '../publisher.js';
import { nextQuotaReset } from './comments.js';

/**
 * A channel connected with a refresh token (renewed through GOOGLE_CLIENT_ID/SECRET), or with a
 * bare access token: how every channel was stored before refresh tokens, so those rows still load.
 */
export const youtubeCredentials = z.union([
  z.object({ channelId: z.string().min(1), refreshToken: z.string().min(1) }),
  z.object({ channelId: z.string().min(1), token: z.string().min(1) }),
]);
export type YoutubeCredentials = z.infer<typeof youtubeCredentials>;

const stateSchema = z.object({ sessionUrl: z.string().optional() });
const video = z.object({ id: z.string() });
/** Uploads closer than this to the due time go public at once. */
const HOLD_MARGIN_MS = 60_000;
const YOUTUBE = { provider: 'youtube' };
/** A channel's upload limit counts 24 hours: YouTube says to try again after them. */
const UPLOAD_LIMIT_WAIT_MS = 24 * 3_600_000;

export class YoutubePublisher implements Publisher {
  readonly marksSending = true;

  constructor(
    private readonly base: string,
    private readonly tokens: TokenSource,
    private readonly limits: MediaLimits,
    private readonly outbound: SafeFetch,
  ) {}

  async publish(post: PublishPost, io: PublishIo): Promise<PublishResult> {
    try {
      return await this.upload(post, io);
    } catch (err) {
      // A refused token or grant (the API's 401, or Google's invalid_grant on renewal) reads as such.
      if (!(err instanceof PublishError) || !err.reauth) throw err;
      const unnamed = !err.reason || (err.reason.code === 'needsReconnect' && !err.reason.params?.provider);
      throw unnamed ? err.because('needsReconnect', YOUTUBE, err.reason?.detail ?? err.message) : err;
    }
  }

  private async upload(post: PublishPost, io: PublishIo): Promise<PublishResult> {
    const source = post.media.find((m) => m.kind === 'video') ?? post.media[0];
    if (!source || !post.title) throw PublishError.fatal('YouTube needs a video URL and a title');
    const media = await fetchMedia(this.outbound, source.url, this.limits);
    const saved = stateSchema.parse(io.state);
    if (saved.sessionUrl) {
      const probe = await this.probe(saved.sessionUrl, media.bytes.byteLength, io.now());
      if (probe.done) return result(probe.done);
    }
    const sessionUrl = await this.openSession(post, media.bytes.byteLength, media.contentType, io.now());
    await io.saveState({ sessionUrl });
    const call: HttpCall = {
      method: 'PUT',
      url: sessionUrl,
      headers: { 'content-type': media.contentType },
      body: media.bytes,
      idempotent: false,
      timeoutMs: 10 * 60_000,
      redirectIsAnswer: true,
    };
    await io.sending();
    let res: HttpResponse;
    try {
      // A 401 is answered before any byte is stored, so the one retry with a fresh token is safe.
      res = await sendAuthorized(this.tokens, call);
    } catch (err) {
      // The session knows whether the last byte arrived; ask it before calling this unknown.
      if (!(err instanceof PublishError) || err.outcome !== 'unknown') throw err;
      const probe = await this.probe(sessionUrl, media.bytes.byteLength, io.now()).catch(() => undefined);
      if (probe?.done) return result(probe.done);
      // Not resumed from the byte YouTube confirmed: the retry opens a new session (its privacy and
      // publishAt decided afresh, as the due time may have passed) and sends the whole file again.
      if (probe) throw PublishError.retry('the upload did not complete; the whole video will be sent again');
      throw err;
    }
    if (res.status === 200 || res.status === 201) return result(parseVideo(res));
    throw this.error(res, call, io.now());
  }

  private async openSession(post: PublishPost, size: number, type: string, now: Date): Promise<string> {
    const hold = post.publishAt.getTime() - now.getTime() > HOLD_MARGIN_MS;
    const url = new URL(joinUrl(this.base, 'upload/youtube/v3/videos'));
    url.searchParams.set('uploadType', 'resumable');
    url.searchParams.set('part', 'snippet,status');
    const call: HttpCall = {
      method: 'POST',
      url: url.toString(),
      headers: {
        'content-type': 'application/json; charset=UTF-8',
        'x-upload-content-length': String(size),
        'x-upload-content-type': type,
      },
      body: JSON.stringify({
        snippet: { title: post.title, description: post.content },
        status: hold
          ? { privacyStatus: 'private', publishAt: post.publishAt.toISOString(), selfDeclaredMadeForKids: false }
          : { privacyStatus: 'public', selfDeclaredMadeForKids: false },
      }),
      // Opening a session creates no video, so repeating it is harmless.
      idempotent: true,
    };
    const res = await sendAuthorized(this.tokens, call);
    const location = res.headers.get('location');
    if (res.status === 200 && location) return location;
    throw this.error(res, call, now);
  }

  /** `Content-Range: bytes *\/size`: 200/201 means the video exists, 308 means bytes are missing. */
  private async probe(sessionUrl: string, size: number, now: Date): Promise<{ done?: { id: string } }> {
    const call: HttpCall = {
      method: 'PUT',
      url: sessionUrl,
      headers: { 'content-range': `bytes */${size}` },
      body: '',
      idempotent: true,
      redirectIsAnswer: true,
    };
    const res = await sendAuthorized(this.tokens, call);
    if (res.status === 200 || res.status === 201) return { done: parseVideo(res) };
    if (res.status === 308 || res.status === 404 || res.status === 410) return {};
    throw this.error(res, call, now);
  }

  /**
   * YouTube's refusals (developers.google.com/youtube/v3/docs/errors): `quotaExceeded` (403) is the
   * project's daily quota, renewed at midnight Pacific time, so the upload waits until then instead of
   * spending its attempts hourly; `uploadLimitExceeded` (400) is the channel's own limit on uploads in
   * 24 hours ("try again in 24 hours": YouTube's developer news, quoted in
   * gitlab.gnome.org/GNOME/shotwell/-/issues/5019).
   */
  private error(res: HttpResponse, call: HttpCall, now: Date): PublishError {
    const body = parseJson(res.text) as
      | { error?: { message?: string; errors?: Array<{ reason?: string }> } }
      | undefined;
    const reason = body?.error?.errors?.[0]?.reason ?? '';
    const said = body?.error?.message;
    const message = `YouTube error ${res.status}${reason ? ` (${reason})` : ''}: ${said ?? 'no message'}`;
    if (reason === 'quotaExceeded') {
      const untilReset = nextQuotaReset(now).getTime() - now.getTime();
      return PublishError.retry(message, untilReset).because('dailyQuotaSpent', YOUTUBE, said);
    }
    if (reason === 'uploadLimitExceeded') {
      return PublishError.retry(message, UPLOAD_LIMIT_WAIT_MS).because('postingLimit', YOUTUBE, said);
    }
    if (reason === 'rateLimitExceeded' || reason === 'userRateLimitExceeded') {
      return PublishError.retry(message, reason === 'rateLimitExceeded' ? 60_000 : 3_600_000);
    }
    const e = classifyStatus(res, call, message, now);
    return e.reauth ? e.because('needsReconnect', YOUTUBE, said) : e;
  }
}

function parseVideo(res: HttpResponse): { id: string } {
  const parsed = video.safeParse(parseJson(res.text));
  if (!parsed.success) throw PublishError.unknown('YouTube accepted the upload but did not return a video id');
  return parsed.data;
}

function result(v: { id: string }): PublishResult {
  return { externalId: v.id, url: `https://www.youtube.com/watch?v=${v.id}` };
}

/** The channel's title when the token can act for `channelId`. */
export async function verifyYoutube(base: string, channelId: string, tokens: TokenSource): Promise<string> {
  const url = new URL(joinUrl(base, 'youtube/v3/channels'));
  url.searchParams.set('part', 'id,snippet');
  url.searchParams.set('mine', 'true');
  const call: HttpCall = {
    method: 'GET',
    url: url.toString(),
    idempotent: true,
  };
  const res = await sendAuthorized(tokens, call);
  if (res.status !== 200) throw classifyStatus(res, call, `YouTube answered ${res.status}`, new Date());
  const body = z
    .object({
      items: z.array(z.object({ id: z.string(), snippet: z.object({ title: z.string() }).optional() })).default([]),
    })
    .parse(parseJson(res.text));
  const channel = body.items.find((c) => c.id === channelId);
  if (!channel) throw new Error(`the token does not own channel ${channelId}`);
  return channel.snippet?.title ?? channel.id;
}
