/**
 * X (formerly Twitter) as a provider (docs/architecture.md §3.3): posts with up to 4 images or one
 * video, and
 * threads when the person splits the text with `---` lines, through the v2 API with a user's OAuth
 * 2.0 access token (docs/networks/x.md). Lengths are weighed the way X weighs them (weight.ts).
 */
import { z } from 'zod';
import { joinUrl } from '../http.js';
import type { MediaLimits } from '../media.js';
import type { Provider } from '../provider.js';
import { verifyX, X_VIDEO, type XCredentials, XPublisher, xCredentials } from './publisher.js';
import { threadParts, X_MAX_WEIGHT, xWeight } from './weight.js';

/** X's limit for an image on a post (5 MB), and how long the download may take. */
const MEDIA_LIMITS: MediaLimits = { maxBytes: 5 * 1024 * 1024, timeoutMs: 60_000 };
/** Our own cap on a thread's length, so a pasted essay does not become 40 posts. */
const MAX_THREAD_PARTS = 25;

/** "@ColdBrewCo", "ColdBrewCo" and the numeric user id all name the account. */
const account = z
  .string()
  .trim()
  .transform((s) => s.replace(/^@/, '').toLowerCase())
  .pipe(z.string().regex(/^(\w{1,15}|\d{1,20})$/));

export const x = {
  id: 'x',
  name: 'X',
  credentials: xCredentials,
  connect: {
    help: {
      account: { en: 'The X account: @handle or its numeric user id', ar: 'حساب إكس: @الاسم أو رقم المستخدم' },
      token: {
        en: 'An OAuth 2.0 user access token with tweet.read, tweet.write, users.read and media.write',
        ar: 'رمز وصول مستخدم OAuth 2.0 بالصلاحيات tweet.read وtweet.write وusers.read وmedia.write',
      },
    },
    accountId: {
      schema: account,
      invalid: {
        en: 'An X account is an @handle of up to 15 letters, digits or _, or a numeric user id.',
        ar: 'حساب إكس هو @اسم من 15 حرفًا أو رقمًا أو _ على الأكثر، أو رقم مستخدم.',
      },
    },
    async check(input, deps) {
      const who = await verifyX(deps.config.X_API_URL, input.accountId, input.token);
      const credentials = xCredentials.parse({ userId: who.userId, username: who.username, token: input.token });
      return { credentials, name: who.name };
    },
  },
  // X requires PKCE; offline.access brings a refresh token (access tokens last two hours).
  oauth: {
    clientVariables: ['X_CLIENT_ID', 'X_CLIENT_SECRET'],
    client: (c) =>
      c.X_CLIENT_ID ? { id: c.X_CLIENT_ID, ...(c.X_CLIENT_SECRET ? { secret: c.X_CLIENT_SECRET } : {}) } : undefined,
    authorizeUrl: (c) => c.X_AUTHORIZE_URL,
    tokenUrl: (c) => joinUrl(c.X_API_URL, '2/oauth2/token'),
    scopes: ['tweet.read', 'tweet.write', 'users.read', 'media.write', 'offline.access'],
    needed: ['tweet.read', 'tweet.write', 'users.read', 'media.write'],
    scopeSeparator: ' ',
    pkce: true,
    clientAuth: 'basic',
    connectWith: 'access',
  },
  publish: {
    create: (creds, deps) => new XPublisher(deps.config.X_API_URL, creds, deps.outbound, MEDIA_LIMITS, deps.now),
    limits: {
      text: {
        label: 'text',
        max: X_MAX_WEIGHT,
        required: 'withoutMedia',
        weigh: xWeight,
        thread: { split: threadParts, maxParts: MAX_THREAD_PARTS },
      },
      mediaKinds: ['image', 'video'],
      // Up to 4 images of 5 MB (JPEG, PNG, GIF, WebP, category tweet_image), or one video on its own
      // (MP4 or MOV, up to 512 MB and 140 seconds, category tweet_video).
      files: {
        maxItems: 4,
        alone: ['video'],
        image: {
          types: ['image/jpeg', 'image/png', 'image/gif', 'image/webp'],
          maxBytes: MEDIA_LIMITS.maxBytes,
        },
        video: { types: ['video/mp4', 'video/quicktime'], ...X_VIDEO },
      },
    },
  },
} as const satisfies Provider<XCredentials>;
