/**
 * LinkedIn organization page posts through the Posts API (`POST /rest/posts`): text, a link card
 * (an article: the first URL of the text with `title:`), one image or several (multiImage). Images
 * go up first through the Images API: `initializeUpload` hands out an upload URL and an image URN,
 * the bytes are PUT there, and the post names the URN once LinkedIn says the image is AVAILABLE.
 * A PDF goes the same way through the Documents API (`urn:li:document:…`) and is named in
 * `content.media` with the title LinkedIn requires for a document (the post's title, else the
 * file's name). Those steps create nothing visible, so they are harmless to repeat; the one irreversible call is
 * `POST /rest/posts`, and `io.sending()` marks the post just before it. LinkedIn has no idempotency
 * key for posts, so an answer lost after that call is `unknown`, never re-sent.
 */
import { z } from 'zod';
import type { SafeFetch } from '../../src/net/safe-fetch.js';
import { fetchMedia, type MediaLimits } from '../media.js';
import {
  type MediaItem,
  PublishError,
  type Publisher,
  type PublishIo,
  type PublishPost,
  type PublishResult,
} from '../publisher.js';
import { encodeUrn, LinkedInClient } from './client.js';
import { toLittleText } from './little-text.js';

export const linkedinCredentials = z.object({
  /** The numeric organization id (the page's), without the `urn:li:organization:` prefix. */
  organizationId: z.string().regex(/^\d+$/),
  token: z.string().min(1),
});
export type LinkedInCredentials = z.infer<typeof linkedinCredentials>;

/** What the API base and version are for one account's clients. */
export interface LinkedInApi {
  base: string;
  version: string;
}

/** Roles that may post as the page (Organization Access Control: ADMINISTRATOR, CONTENT_ADMINISTRATOR). */
const POSTING_ROLES = new Set(['ADMINISTRATOR', 'CONTENT_ADMINISTRATOR']);
/** How often, and how far apart, an uploaded image's status is read before the post waits for a retry. */
const IMAGE_POLLS = 5;
const IMAGE_POLL_MS = 2_000;

const initialized = z.object({ value: z.object({ uploadUrl: z.string().url(), image: z.string() }) });
const docInitialized = z.object({ value: z.object({ uploadUrl: z.string().url(), document: z.string() }) });
const imageStatus = z.object({ status: z.string() });
const uploaded = z.object({ url: z.string(), urn: z.string() });
const state = z.object({ images: z.array(uploaded).optional(), document: uploaded.optional() });

/** LinkedIn's limits for a document post: a PDF of up to 100 MB and 300 pages. */
export const LINKEDIN_DOCUMENT = { maxBytes: 100 * 1024 * 1024, maxPages: 300 } as const;
const DOCUMENT_FETCH: MediaLimits = { maxBytes: LINKEDIN_DOCUMENT.maxBytes, timeoutMs: 5 * 60_000 };

export const organizationUrn = (id: string): string => `urn:li:organization:${id}`;

export class LinkedInPublisher implements Publisher {
  readonly marksSending = true;
  private readonly client: LinkedInClient;

  constructor(
    api: LinkedInApi,
    private readonly creds: LinkedInCredentials,
    private readonly outbound: SafeFetch,
    private readonly limits: MediaLimits,
    now?: () => Date,
  ) {
    this.client = new LinkedInClient(api.base, api.version, creds.token, now);
  }

  async publish(post: PublishPost, io: PublishIo): Promise<PublishResult> {
    if (post.media.some((m) => m.kind === 'video')) throw PublishError.fatal('LinkedIn videos are not supported yet');
    const author = organizationUrn(this.creds.organizationId);
    const document = post.media.find((m) => m.kind === 'document');
    if (document && post.media.length > 1) {
      throw PublishError.fatal('LinkedIn takes a document on a post of its own, without other media');
    }
    const urns = document ? [await this.document(document, author, io)] : await this.images(post, author, io);
    await this.untilAvailable(urns, io, document ? 'documents' : 'images');
    const body = {
      author,
      commentary: toLittleText(post.content),
      visibility: 'PUBLIC',
      distribution: { feedDistribution: 'MAIN_FEED', targetEntities: [], thirdPartyDistributionChannels: [] },
      lifecycleState: 'PUBLISHED',
      isReshareDisabledByAuthor: false,
      ...(document
        ? { content: { media: { id: urns[0], title: documentTitle(post.title, document) } } }
        : content(post, urns)),
    };
    await io.sending();
    const res = await this.client.call({ method: 'POST', path: 'posts', body, idempotent: false });
    const id = res.headers.get('x-restli-id');
    // Created (201) without its id: the post exists, but we cannot say which it is.
    if (!id) throw PublishError.unknown('LinkedIn accepted the post but did not return its id');
    return { externalId: id, url: `https://www.linkedin.com/feed/update/${id}/` };
  }

  /** Uploads the post's images, or reuses those an earlier attempt uploaded (saved before the post). */
  private async images(post: PublishPost, owner: string, io: PublishIo): Promise<string[]> {
    const wanted = post.media.filter((m) => m.kind === 'image').map((m) => m.url);
    const saved = state.parse(io.state).images ?? [];
    if (wanted.length > 0 && saved.map((s) => s.url).join('\n') === wanted.join('\n')) return saved.map((s) => s.urn);
    const uploaded: Array<{ url: string; urn: string }> = [];
    for (const url of wanted) {
      const media = await fetchMedia(this.outbound, url, this.limits);
      const type = imageType(media.bytes);
      if (!type) throw PublishError.fatal('LinkedIn takes JPEG, PNG or GIF images; this file is none of them');
      const init = await this.client.json(
        {
          method: 'POST',
          path: 'images',
          query: { action: 'initializeUpload' },
          body: { initializeUploadRequest: { owner } },
          // Makes an empty image slot, attached to nothing: harmless to repeat.
          idempotent: true,
        },
        initialized,
      );
      await this.client.upload(init.value.uploadUrl, media.bytes, type);
      uploaded.push({ url, urn: init.value.image });
    }
    if (uploaded.length > 0) await io.saveState({ ...io.state, images: uploaded });
    return uploaded.map((u) => u.urn);
  }

  /** Uploads the PDF through the Documents API, or reuses the one an earlier attempt uploaded. */
  private async document(item: MediaItem, owner: string, io: PublishIo): Promise<string> {
    const saved = state.parse(io.state).document;
    if (saved?.url === item.url) return saved.urn;
    const media = await fetchMedia(this.outbound, item.url, DOCUMENT_FETCH);
    if (!isPdf(media.bytes)) throw PublishError.fatal('LinkedIn publishes PDF documents; this file is not a PDF');
    const init = await this.client.json(
      {
        method: 'POST',
        path: 'documents',
        query: { action: 'initializeUpload' },
        body: { initializeUploadRequest: { owner } },
        idempotent: true,
      },
      docInitialized,
    );
    await this.client.upload(init.value.uploadUrl, media.bytes, 'application/pdf');
    await io.saveState({ ...io.state, document: { url: item.url, urn: init.value.document } });
    return init.value.document;
  }

  /** LinkedIn processes an upload before a post may name it. */
  private async untilAvailable(urns: readonly string[], io: PublishIo, kind: 'images' | 'documents'): Promise<void> {
    const what = kind === 'images' ? 'image' : 'document';
    for (const urn of urns) {
      for (let poll = 1; ; poll++) {
        const { status } = await this.client.get(`${kind}/${encodeUrn(urn)}`, {}, imageStatus);
        if (status === 'AVAILABLE') break;
        if (status === 'PROCESSING_FAILED') {
          // Forget the uploads, so a Retry (once the file is fixed) uploads it again.
          await io.saveState({ ...io.state, images: [], document: undefined });
          throw PublishError.fatal(
            kind === 'images'
              ? 'LinkedIn could not process the image'
              : `LinkedIn could not process the document (a PDF of at most ${LINKEDIN_DOCUMENT.maxPages} pages and 100 MB)`,
          );
        }
        if (poll >= IMAGE_POLLS) throw PublishError.retry(`LinkedIn is still processing the ${what}`, 60_000);
        await io.sleep(IMAGE_POLL_MS);
      }
    }
  }
}

/** The post's `content`: one image, several, a link card, or none (text only). */
function content(post: PublishPost, urns: readonly string[]): Record<string, unknown> {
  const [first, ...more] = urns;
  if (first && more.length === 0)
    return { content: { media: { id: first, ...(post.title ? { title: post.title } : {}) } } };
  if (first) return { content: { multiImage: { images: urns.map((id) => ({ id })) } } };
  const link = firstUrl(post.content);
  // LinkedIn does not read a link card's title from the page: a card needs the title given.
  if (link && post.title) return { content: { article: { source: link, title: post.title } } };
  return {};
}

/**
 * A document post needs a title on LinkedIn: the post's own, else the file's name without its
 * ending and with spaces for its dashes ("Q3-results.pdf" → "Q3 results"), else the last part of the link.
 */
export function documentTitle(title: string | null, item: MediaItem): string {
  if (title?.trim()) return title.trim();
  const name = item.file?.name ?? decodeURIComponent(new URL(item.url).pathname.split('/').pop() ?? '');
  // "q3_results-final.pdf" reads as "q3 results final".
  return (
    name
      .replace(/\.pdf$/i, '')
      .replace(/[_-]+/g, ' ')
      .trim() || 'Document'
  );
}

const isPdf = (b: Uint8Array) => Buffer.from(b.subarray(0, 5)).toString('latin1') === '%PDF-';

export function firstUrl(text: string): string | undefined {
  return text.match(/https?:\/\/[^\s<>"]+/)?.[0]?.replace(/[.,;:!?)]+$/, '');
}

/** The image's type from its first bytes (JPEG, PNG, GIF), whatever its name or declared type says. */
export function imageType(b: Uint8Array): string | undefined {
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'image/png';
  if (b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x38) return 'image/gif';
  return undefined;
}

const acls = z.object({
  elements: z.array(z.object({ organization: z.string(), role: z.string(), state: z.string().optional() })),
});
const organization = z.object({ localizedName: z.string().optional(), vanityName: z.string().optional() });

/**
 * Checks a pasted token: its member must hold an approved posting role on the organization (the
 * `roleAssignee` finder of Organization Access Control), and the page's name is read for the reply.
 */
export async function verifyLinkedIn(api: LinkedInApi, creds: LinkedInCredentials): Promise<string> {
  const client = new LinkedInClient(api.base, api.version, creds.token);
  const urn = organizationUrn(creds.organizationId);
  const mine = await client.get('organizationAcls', { q: 'roleAssignee', state: 'APPROVED' }, acls);
  const roles = mine.elements.filter((e) => e.organization === urn).map((e) => e.role);
  if (!roles.some((r) => POSTING_ROLES.has(r))) {
    throw new Error(
      roles.length === 0
        ? `the token's member has no role on organization ${creds.organizationId}`
        : `the token's member is ${roles.join(', ')} on organization ${creds.organizationId}, which cannot post; an administrator or content administrator can`,
    );
  }
  const org = await client.get(`organizations/${creds.organizationId}`, {}, organization);
  return org.localizedName ?? org.vanityName ?? creds.organizationId;
}
