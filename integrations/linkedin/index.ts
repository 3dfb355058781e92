/**
 * LinkedIn organization pages as a provider (docs/architecture.md §3.3): page posts with text, a
 * link card or images, through the versioned REST API (`LINKEDIN_VERSION`). A page is connected
 * with a member access token whose member is an administrator or content administrator of the
 * page; LinkedIn's tokens last 60 days and are not refreshed here (docs/networks/linkedin.md).
 */
import { z } from 'zod';
import { joinUrl } from '../http.js';
import type { MediaLimits } from '../media.js';
import type { Provider, ProviderDeps } from '../provider.js';
import {
  LINKEDIN_DOCUMENT,
  type LinkedInApi,
  type LinkedInCredentials,
  LinkedInPublisher,
  linkedinCredentials,
  verifyLinkedIn,
} from './publisher.js';

/** Our own cap on an image the bot downloads to upload, and how long the download may take. */
const MEDIA_LIMITS: MediaLimits = { maxBytes: 10 * 1024 * 1024, timeoutMs: 60_000 };

const apiOf = (deps: ProviderDeps): LinkedInApi => ({
  base: deps.config.LINKEDIN_API_URL,
  version: deps.config.LINKEDIN_VERSION,
});

/** "12345", "urn:li:organization:12345" and a page's admin URL all name organization 12345. */
const organizationId = z
  .string()
  .trim()
  .transform(
    (s) => s.match(/^(?:urn:li:organization:)?(\d{1,20})$/)?.[1] ?? s.match(/\/company\/(\d{1,20})(?:\/|$)/)?.[1] ?? '',
  )
  .pipe(z.string().min(1));

export const linkedin = {
  id: 'linkedin',
  name: 'LinkedIn',
  credentials: linkedinCredentials,
  connect: {
    help: {
      account: {
        en: 'The page (organization) id: the number in linkedin.com/company/<id>/admin',
        ar: 'معرّف الصفحة (المؤسسة): الرقم في linkedin.com/company/<id>/admin',
      },
      token: {
        en: 'A page admin’s member access token with w_organization_social',
        ar: 'رمز وصول لأحد مسؤولي الصفحة بصلاحية w_organization_social',
      },
    },
    accountId: {
      schema: organizationId,
      invalid: {
        en: 'A LinkedIn page id is a number (linkedin.com/company/<id>/admin), or urn:li:organization:<id>.',
        ar: 'معرّف صفحة لينكدإن رقم (linkedin.com/company/<id>/admin)، أو urn:li:organization:<id>.',
      },
    },
    async check(input, deps) {
      const credentials = linkedinCredentials.parse({ organizationId: input.accountId, token: input.token });
      return { credentials, name: await verifyLinkedIn(apiOf(deps), credentials) };
    },
  },
  // LinkedIn's web flow authenticates with the client secret; PKCE is for its native apps only.
  // Refresh tokens come back only to apps LinkedIn approved for them (docs/networks/linkedin.md).
  oauth: {
    clientVariables: ['LINKEDIN_CLIENT_ID', 'LINKEDIN_CLIENT_SECRET'],
    client: (c) =>
      c.LINKEDIN_CLIENT_ID && c.LINKEDIN_CLIENT_SECRET
        ? { id: c.LINKEDIN_CLIENT_ID, secret: c.LINKEDIN_CLIENT_SECRET }
        : undefined,
    authorizeUrl: (c) => joinUrl(c.LINKEDIN_OAUTH_URL, 'authorization'),
    tokenUrl: (c) => joinUrl(c.LINKEDIN_OAUTH_URL, 'accessToken'),
    scopes: ['w_organization_social', 'r_organization_social', 'rw_organization_admin'],
    needed: ['w_organization_social', 'r_organization_social'],
    scopeSeparator: ' ',
    pkce: false,
    clientAuth: 'body',
    connectWith: 'access',
  },
  publish: {
    create: (creds, deps) => new LinkedInPublisher(apiOf(deps), creds, deps.outbound, MEDIA_LIMITS, deps.now),
    limits: {
      // The Posts API's commentary takes 3,000 characters; a post needs text or an image.
      text: { label: 'text', max: 3000, required: 'withoutMedia' },
      mediaKinds: ['image', 'document'],
      // The Images API takes JPEG, PNG and GIF; a multi-image post has up to 20; the bot uploads up to 10 MB.
      // The Documents API takes a PDF of up to 100 MB and 300 pages, on a post of its own.
      files: {
        maxItems: 20,
        alone: ['document'],
        image: { types: ['image/jpeg', 'image/png', 'image/gif'], maxBytes: MEDIA_LIMITS.maxBytes },
        document: { types: ['application/pdf'], ...LINKEDIN_DOCUMENT },
      },
    },
  },
} as const satisfies Provider<LinkedInCredentials>;
