/**
 * TikTok as a provider (docs/architecture.md §3.3): videos and photo posts published to a creator's
 * account through the Content Posting API's Direct Post, from public URLs (PULL_FROM_URL), with a user access
 * token that has `video.publish` (docs/networks/tiktok.md).
 */
import { z } from 'zod';
import { joinUrl } from '../http.js';
import type { Provider } from '../provider.js';
import { type TiktokCredentials, TiktokPublisher, tiktokCredentials, verifyTiktok } from './publisher.js';

/** "@coldbrewco", "coldbrewco" and the open_id all name the account. */
const account = z
  .string()
  .trim()
  .transform((s) => s.replace(/^@/, ''))
  .pipe(z.string().regex(/^[\w.-]{1,100}$/));

export const tiktok = {
  id: 'tiktok',
  name: 'TikTok',
  credentials: tiktokCredentials,
  connect: {
    help: {
      account: { en: 'The TikTok account: @username or its open_id', ar: 'حساب تيك توك: @اسم_المستخدم أو open_id' },
      token: {
        en: 'A user access token (act.…) with user.info.basic and video.publish',
        ar: 'رمز وصول مستخدم (act.…) بالصلاحيتين user.info.basic وvideo.publish',
      },
    },
    accountId: {
      schema: account,
      invalid: {
        en: 'A TikTok account is an @username (letters, digits, _ . -) or an open_id.',
        ar: 'حساب تيك توك هو @اسم مستخدم (حروف وأرقام و_ . -) أو open_id.',
      },
    },
    async check(input, deps) {
      const who = await verifyTiktok(deps.config.TIKTOK_API_URL, input.accountId, input.token);
      const credentials = tiktokCredentials.parse({ openId: who.openId, username: who.username, token: input.token });
      return { credentials, name: who.name };
    },
  },
  // Login Kit for Web: the client key and secret, scopes joined with commas, no PKCE (that is for
  // its desktop and mobile kits). Access tokens last a day; refresh tokens a year.
  oauth: {
    clientVariables: ['TIKTOK_CLIENT_KEY', 'TIKTOK_CLIENT_SECRET'],
    client: (c) =>
      c.TIKTOK_CLIENT_KEY && c.TIKTOK_CLIENT_SECRET
        ? { id: c.TIKTOK_CLIENT_KEY, secret: c.TIKTOK_CLIENT_SECRET }
        : undefined,
    authorizeUrl: (c) => c.TIKTOK_AUTHORIZE_URL,
    tokenUrl: (c) => joinUrl(c.TIKTOK_API_URL, 'v2/oauth/token/'),
    scopes: ['user.info.basic', 'video.publish'],
    needed: ['user.info.basic', 'video.publish'],
    scopeSeparator: ',',
    pkce: false,
    clientAuth: 'body',
    clientIdParam: 'client_key',
    connectWith: 'access',
  },
  publish: {
    create: (creds, deps) => new TiktokPublisher(deps.config.TIKTOK_API_URL, creds, deps.now),
    limits: {
      // The caption goes in post_info.title for a video (2,200 UTF-16 code units at most) and in
      // post_info.description for photos (4,000): the smaller limit holds for both.
      text: { label: 'caption', max: 2200 },
      media: { required: 'any' },
      mediaKinds: ['image', 'video'],
      // One video, MP4 or MOV, at most 10 minutes (the Content Posting API's ceiling; the creator info
      // query may say less); or a photo post of 1 to 35 pictures, JPEG or WebP only (TikTok refuses
      // PNG), 20 MB each. TikTok pulls media from a URL (PULL_FROM_URL): a file from chat needs PUBLIC_URL.
      files: {
        maxItems: 35,
        alone: ['video'],
        byUrl: true,
        image: { types: ['image/jpeg', 'image/webp'], maxBytes: 20 * 1024 * 1024 },
        video: { types: ['video/mp4', 'video/quicktime'], maxDurationMs: 10 * 60_000 },
      },
    },
  },
} as const satisfies Provider<TiktokCredentials>;
