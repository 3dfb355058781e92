/**
 * Instagram business accounts as a provider (docs/architecture.md §3.3), through the Graph API with
 * a Facebook-login token: container -> media_publish posts, comments and daily account insights.
 */
import { META_PULL_DAYS } from '../facebook/index.js';
import { metaOAuthSpec } from '../facebook/login.js';
import type { Provider } from '../provider.js';
import { InstagramComments } from './comments.js';
import { InstagramInsights } from './insights.js';
import { readMedia } from './post-figures.js';
import { type InstagramCredentials, InstagramPublisher, instagramCredentials, verifyInstagram } from './publisher.js';

const MB = 1024 * 1024;
export const instagram = {
  id: 'instagram',
  name: 'Instagram',
  credentials: instagramCredentials,
  connect: {
    help: {
      account: { en: 'The Instagram business account id', ar: 'معرّف حساب إنستغرام التجاري' },
      token: { en: 'A token with instagram_content_publish', ar: 'رمز بصلاحية instagram_content_publish' },
    },
    async check(input, deps) {
      const credentials = instagramCredentials.parse({ igUserId: input.accountId, token: input.token });
      return { credentials, name: await verifyInstagram(deps.config.META_GRAPH_URL, credentials) };
    },
  },
  publish: {
    create: (creds, deps) => new InstagramPublisher(deps.config.META_GRAPH_URL, creds, undefined, deps.now),
    limits: {
      // Media is fetched by Meta from a public URL; a caption takes 2,200 characters and 30 hashtags.
      media: { required: 'any' },
      text: { label: 'caption', max: 2200, maxHashtags: 30 },
      // Meta's content publishing reference: feed images are JPEG up to 8 MB between 4:5 and 1.91:1;
      // Reels are MP4 or MOV, 3 s to 15 min, up to 300 MB; a carousel has 2 to 10 items. Meta downloads
      // the media itself, so a file from chat needs PUBLIC_URL.
      files: {
        maxItems: 10,
        byUrl: true,
        image: { types: ['image/jpeg'], maxBytes: 8 * MB, ratio: { min: 0.8, max: 1.91 } },
        video: {
          types: ['video/mp4', 'video/quicktime'],
          maxBytes: 300 * MB,
          minDurationMs: 3000,
          maxDurationMs: 15 * 60_000,
        },
      },
    },
    // The publisher reads content_publishing_limit before each media_publish and waits when it is used up.
    rateLimits: [{ max: 50, per: 'rolling 24 hours', what: 'posts published through the API' }],
  },
  comments: {
    create: (creds, deps, known) =>
      new InstagramComments(deps.config.META_GRAPH_URL, creds, known, deps.now, deps.commentTimeoutMs),
  },
  insights: {
    channel: 'instagram',
    days: META_PULL_DAYS,
    async fetchDaily(creds, deps, job) {
      const figures = await new InstagramInsights(deps.config.META_GRAPH_URL, creds, deps.now).fetchDays(job.days);
      // Account-level figures belong to no campaign.
      return { rows: figures.map((f) => ({ ...f, campaign: '' })), failed: 0, reached: true };
    },
  },
  postFigures: {
    batch: 25,
    read: (creds, deps, ids) => readMedia(deps.config.META_GRAPH_URL, creds, ids, deps.now),
  },
  // The Connect button: Facebook Login, then the person's Pages and the Instagram accounts linked to them.
  oauth: metaOAuthSpec('instagram'),
} as const satisfies Provider<InstagramCredentials>;
