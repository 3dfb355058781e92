/**
 * YouTube channels as a provider (docs/architecture.md §3.3): resumable video uploads that YouTube
 * releases at `publishAt`, and comment threads. A channel is connected with a Google refresh token
 * (access tokens renewed through GOOGLE_CLIENT_ID/SECRET) or, for an hour, with an access token.
 */
import { iso } from '../../src/core/i18n.js';
import { fixedToken, googleOAuthSpec, isGoogleRefreshToken, type TokenSource } from '../google/oauth.js';
import type { MediaLimits } from '../media.js';
import type { Provider, ProviderDeps } from '../provider.js';
import { YoutubeComments } from './comments.js';
import { readVideos, VIDEOS_PER_CALL } from './post-figures.js';
import { verifyYoutube, type YoutubeCredentials, YoutubePublisher, youtubeCredentials } from './publisher.js';

/** The largest video the bot downloads to upload, and how long the download may take. */
const MEDIA_LIMITS: MediaLimits = { maxBytes: 256 * 1024 * 1024, timeoutMs: 5 * 60_000 };

/** GoogleClientProblem (a known failure) for a refresh token when the server has no OAuth client. */
function tokensOf(creds: YoutubeCredentials, deps: ProviderDeps): TokenSource {
  return 'refreshToken' in creds ? deps.google.source(creds.refreshToken) : fixedToken(creds.token);
}

export const youtube = {
  id: 'youtube',
  name: 'YouTube',
  credentials: youtubeCredentials,
  connect: {
    help: {
      account: { en: 'The YouTube channel id (UC…)', ar: 'معرّف قناة يوتيوب (UC…)' },
      token: {
        en: 'A Google refresh token (1//…) with youtube.upload; an access token works for an hour',
        ar: 'رمز تحديث من Google (1//…) بصلاحية youtube.upload؛ رمز الوصول يعمل ساعة فقط',
      },
    },
    async check(input, deps) {
      const credentials = youtubeCredentials.parse(
        isGoogleRefreshToken(input.token)
          ? { channelId: input.accountId, refreshToken: input.token }
          : { channelId: input.accountId, token: input.token },
      );
      const name = await verifyYoutube(deps.config.YOUTUBE_API_URL, credentials.channelId, tokensOf(credentials, deps));
      return { credentials, name };
    },
  },
  // Uploads, then reading and answering comments.
  oauth: googleOAuthSpec([
    'https://www.googleapis.com/auth/youtube.upload',
    'https://www.googleapis.com/auth/youtube.force-ssl',
  ]),
  tokenRefresh: {
    via: 'google-oauth',
    isRefreshToken: isGoogleRefreshToken,
    accessToken: {
      policy: 'warn',
      message: {
        en: 'This is an access token: Google expires it in about an hour, and then scheduled uploads and comment reading stop. Connect with a refresh token (starting 1//) to keep them working.',
        ar: `هذا رمز وصول (access token): تنهي Google صلاحيته بعد ساعة تقريبًا، فتتوقف بعدها الرفعات المجدولة وقراءة التعليقات. اربط برمز تحديث (يبدأ بـ ${iso('1//')}) لتستمر في العمل.`,
      },
    },
  },
  publish: {
    create: (creds, deps) =>
      new YoutubePublisher(deps.config.YOUTUBE_API_URL, tokensOf(creds, deps), MEDIA_LIMITS, deps.outbound),
    limits: {
      media: { required: 'video' },
      title: { label: 'title', max: 100 },
      // The Data API counts a description's 5,000 in UTF-8 bytes and refuses < and > in it and the title.
      text: { label: 'description', max: 5000, counted: 'bytes', forbidden: /[<>]/g },
      // One video per upload; the bot sends the bytes itself, up to its download cap.
      files: { maxItems: 1, video: { types: ['video/mp4', 'video/quicktime'], maxBytes: MEDIA_LIMITS.maxBytes } },
    },
    // Uploaded private with status.publishAt: YouTube releases the video on time even if the bot is down.
    holdsSchedule: true,
    rateLimits: [
      { max: 100, per: 'day', what: 'videos.insert calls (their own quota bucket)' },
      { max: 10_000, per: 'day', what: 'quota units for every other Data API call' },
    ],
  },
  comments: {
    // The channel-wide listing already covers the bot's own videos (all on this channel).
    create: (creds, deps) =>
      new YoutubeComments(
        deps.config.YOUTUBE_API_URL,
        creds.channelId,
        tokensOf(creds, deps),
        deps.now,
        deps.commentTimeoutMs,
      ),
    maxReply: 10_000,
  },
  postFigures: {
    batch: VIDEOS_PER_CALL,
    read: (creds, deps, ids) => readVideos(deps.config.YOUTUBE_API_URL, tokensOf(creds, deps), ids),
  },
} as const satisfies Provider<YoutubeCredentials>;
