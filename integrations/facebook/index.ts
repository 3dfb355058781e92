/**
 * Facebook Pages as a provider (docs/architecture.md §3.3): page posts, page comments and daily
 * page insights, with a page access token (Meta's page tokens do not expire, so nothing refreshes).
 */
import type { Provider } from '../provider.js';
import { FacebookComments } from './comments.js';
import { FacebookInsights } from './insights.js';
import { metaOAuthSpec } from './login.js';
import { readPagePosts } from './post-figures.js';
import { type FacebookCredentials, FacebookPublisher, facebookCredentials, verifyFacebook } from './publisher.js';

/** Meta's day values settle within about two days (up to 48 h delay): a week read again covers that. */
export const META_PULL_DAYS = 7;

export const facebook = {
  id: 'facebook',
  name: 'Facebook',
  credentials: facebookCredentials,
  connect: {
    help: {
      account: { en: 'The Facebook Page id', ar: 'معرّف صفحة فيسبوك' },
      token: { en: 'A Page access token with pages_manage_posts', ar: 'رمز وصول للصفحة بصلاحية pages_manage_posts' },
    },
    async check(input, deps) {
      const credentials = facebookCredentials.parse({ pageId: input.accountId, token: input.token });
      return { credentials, name: await verifyFacebook(deps.config.META_GRAPH_URL, credentials) };
    },
  },
  publish: {
    create: (creds, deps) => new FacebookPublisher(deps.config.META_GRAPH_URL, creds, deps.now),
    limits: {
      // A post needs a message or media; 63,206 characters is Facebook's longest post.
      text: { label: 'text', max: 63_206, required: 'withoutMedia' },
      // Facebook downloads photos (`url`) and videos (`file_url`) itself: a file from chat needs PUBLIC_URL.
      files: { byUrl: true },
    },
  },
  comments: {
    create: (creds, deps, known) =>
      new FacebookComments(deps.config.META_GRAPH_URL, creds, known, deps.now, deps.commentTimeoutMs),
    maxReply: 8000,
  },
  insights: {
    channel: 'facebook',
    days: META_PULL_DAYS,
    async fetchDaily(creds, deps, job) {
      const figures = await new FacebookInsights(deps.config.META_GRAPH_URL, creds, deps.now).fetchDays(job.days);
      // Page-level figures belong to no campaign.
      return { rows: figures.map((f) => ({ ...f, campaign: '' })), failed: 0, reached: true };
    },
  },
  postFigures: {
    batch: 25,
    read: (creds, deps, ids) => readPagePosts(deps.config.META_GRAPH_URL, creds, ids, deps.now),
  },
  // The Connect button: Facebook Login, then the person's Pages.
  oauth: metaOAuthSpec('facebook'),
} as const satisfies Provider<FacebookCredentials>;
