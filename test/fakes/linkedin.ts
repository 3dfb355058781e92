/**
 * A fake of LinkedIn's versioned REST API for organization page posts, following the official
 * shapes (learn.microsoft.com/linkedin/marketing: Posts API, Images API, Organization Access
 * Control, Organization Lookup): every `/rest/` call needs `Authorization: Bearer`, a
 * `LinkedIn-Version: YYYYMM` that is active (missing: 400 VERSION_MISSING; not active: 426
 * NONEXISTENT_VERSION) and `X-Restli-Protocol-Version: 2.0.0`; errors are
 * `{status, serviceErrorCode, code, message}`; a created post answers 201 with its URN in the
 * `x-restli-id` header and no body. Writes need `w_organization_social` and a member who is an
 * ADMINISTRATOR or CONTENT_ADMINISTRATOR of the page (403 ACCESS_DENIED otherwise). Images go
 * through `initializeUpload`, a PUT of the bytes to the handed-out URL (processed by their magic
 * bytes: AVAILABLE, or PROCESSING_FAILED), and a post may name only an AVAILABLE image of its author.
 * Documents the same way through the Documents API (`/rest/documents?action=initializeUpload`,
 * `urn:li:document:…`): a PDF of at most 100 MB and 300 pages becomes AVAILABLE, anything else
 * PROCESSING_FAILED; a post names one in `content.media` with the `title` LinkedIn requires there.
 * The same text posted again by the same author is refused as LinkedIn refuses it: 422 with
 * `errorDetails.inputErrors[].code` DUPLICATE_POST and "Content is a duplicate of <urn>" (the shape
 * LinkedIn answered in github.com/Arisamiga/Linkedin-RSS/issues/5).
 * Stricter than LinkedIn on one point, on purpose: `commentary` is parsed as little text, and a
 * reserved character left unescaped is refused (LinkedIn cuts the text there instead).
 */
import { sniff } from '../../src/publishing/media/sniff.js';
import { type FakeRequest, type FakeResponse, FakeServer } from './server.js';

export const ACTIVE_VERSIONS = new Set(['202606', '202609', '202611']);
const POSTING_ROLES = new Set(['ADMINISTRATOR', 'CONTENT_ADMINISTRATOR']);
const RESERVED = '|{}@[]()<>#\\*_~';
export const COMMENTARY_MAX = 3000;
const DOCUMENT_MAX_BYTES = 100 * 1024 * 1024;
const DOCUMENT_MAX_PAGES = 300;

interface Member {
  id: string;
  scopes: Set<string>;
}

interface Image {
  kind: 'image' | 'document';
  urn: string;
  owner: string;
  uploadId: string;
  status: 'WAITING_UPLOAD' | 'PROCESSING' | 'AVAILABLE' | 'PROCESSING_FAILED';
  /** Status reads left while PROCESSING before it becomes AVAILABLE. */
  readsLeft: number;
}

export interface FakeLinkedInPost {
  id: string;
  author: string;
  /** The commentary as a reader sees it (little text decoded). */
  text: string;
  content?: {
    media?: { id: string; title?: string };
    multiImage?: { images: Array<{ id: string }> };
    article?: { source: string };
  };
  /** The headers the post came with. */
  version: string;
}

const error = (status: number, code: string, message: string, serviceErrorCode?: number): FakeResponse => ({
  status,
  body: { status, code, message, ...(serviceErrorCode === undefined ? {} : { serviceErrorCode }) },
});
const invalid = (message: string): FakeResponse => ({
  status: 422,
  body: { status: 422, errorDetailType: 'com.linkedin.common.error.BadRequest', message },
});

/** Little text to plain text; undefined when a reserved character is left bare. */
export function decodeLittleText(s: string): string | undefined {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (c === '\\') {
      const next = s[i + 1];
      if (next === undefined) return undefined;
      out += next;
      i++;
      continue;
    }
    if (c === '{') {
      const tag = /^\{hashtag\|\\#\|((?:\\.|[^|{}\\])+)\}/u.exec(s.slice(i));
      if (!tag?.[1]) return undefined;
      const word = decodeLittleText(tag[1]);
      if (word === undefined) return undefined;
      out += `#${word}`;
      i += tag[0].length - 1;
      continue;
    }
    if (RESERVED.includes(c)) return undefined;
    out += c;
  }
  return out;
}

const isImage = (b: Buffer) =>
  (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) ||
  (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) ||
  (b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x38);

export class FakeLinkedIn {
  readonly server = new FakeServer((req) => this.handle(req));
  readonly posts: FakeLinkedInPost[] = [];
  readonly images = new Map<string, Image>();
  /** Uploaded documents by URN (urn:li:document:…), with the bytes LinkedIn received. */
  readonly documents = new Map<string, Image & { bytes?: number }>();
  /** Every /rest/ request's headers, for checks on the version and protocol headers. */
  readonly headers: Array<{ path: string; version?: string; protocol?: string }> = [];
  /** Status reads an uploaded image stays PROCESSING for. */
  processingReads = 0;
  private readonly tokens = new Map<string, Member>();
  private readonly roles: Array<{ member: string; organization: string; role: string; state: string }> = [];
  private readonly organizations = new Map<string, string>();
  private readonly files = new Map<string, { bytes: Uint8Array; type: string }>();
  private seq = 7_000_000_000;

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

  addOrganization(id: string, name: string): void {
    this.organizations.set(id, name);
  }

  /** A member's token with its granted scopes. */
  addToken(token: string, member: string, scopes: readonly string[]): void {
    this.tokens.set(token, { id: member, scopes: new Set(scopes) });
  }

  revoke(token: string): void {
    this.tokens.delete(token);
  }

  addRole(member: string, organizationId: string, role: string, state = 'APPROVED'): void {
    this.roles.push({ member, organization: `urn:li:organization:${organizationId}`, role, state });
  }

  addMedia(name: string, bytes: Uint8Array, type = 'image/png'): string {
    this.files.set(name, { bytes, type });
    return `${this.url}/media/${name}`;
  }

  private handle(req: FakeRequest): FakeResponse {
    if (req.method === 'GET' && req.path.startsWith('/media/')) {
      const f = this.files.get(req.path.slice('/media/'.length));
      return f ? { status: 200, body: f.bytes, headers: { 'content-type': f.type } } : { status: 404 };
    }
    const member = this.member(req);
    if (req.method === 'PUT' && req.path.startsWith('/dms-uploads/')) {
      if (!member) return error(401, 'INVALID_ACCESS_TOKEN', 'Invalid access token', 65600);
      return this.upload(req.path.slice('/dms-uploads/'.length), req.body);
    }
    if (!req.path.startsWith('/rest/')) return error(404, 'NOT_FOUND', 'Not Found');
    const version = req.headers['linkedin-version'];
    const protocol = req.headers['x-restli-protocol-version'];
    this.headers.push({
      path: req.path,
      ...(typeof version === 'string' ? { version } : {}),
      ...(typeof protocol === 'string' ? { protocol } : {}),
    });
    if (!member) return error(401, 'INVALID_ACCESS_TOKEN', 'Invalid access token', 65600);
    if (typeof version !== 'string') {
      return error(
        400,
        'VERSION_MISSING',
        'A version must be present. Please specify a version by adding the LinkedIn-Version header.',
      );
    }
    if (!ACTIVE_VERSIONS.has(version))
      return error(426, 'NONEXISTENT_VERSION', `Requested version ${version} is not active`);
    if (protocol !== '2.0.0') return error(400, 'ILLEGAL_ARGUMENT', 'X-Restli-Protocol-Version 2.0.0 is required');
    const path = decodeURIComponent(req.path.slice('/rest/'.length));
    if (req.method === 'GET' && path === 'organizationAcls') return this.acls(req, member);
    if (req.method === 'GET' && path.startsWith('organizations/')) {
      const id = path.slice('organizations/'.length);
      const name = this.organizations.get(id);
      return name
        ? { status: 200, body: { id: Number(id), localizedName: name, vanityName: name.toLowerCase() } }
        : error(404, 'NOT_FOUND', `Organization ${id} not found`);
    }
    if (req.method === 'POST' && path === 'images' && req.query.get('action') === 'initializeUpload') {
      return this.initialize(req, member, 'image');
    }
    if (req.method === 'POST' && path === 'documents' && req.query.get('action') === 'initializeUpload') {
      return this.initialize(req, member, 'document');
    }
    if (req.method === 'GET' && path.startsWith('images/')) return this.image(path.slice('images/'.length));
    if (req.method === 'GET' && path.startsWith('documents/')) return this.image(path.slice('documents/'.length));
    if (req.method === 'POST' && path === 'posts') return this.createPost(req, member, version);
    return error(404, 'NOT_FOUND', `No resource ${req.method} ${req.path}`);
  }

  private member(req: FakeRequest): Member | undefined {
    const auth = req.headers.authorization;
    const token = typeof auth === 'string' && auth.startsWith('Bearer ') ? auth.slice(7) : undefined;
    return token === undefined ? undefined : this.tokens.get(token);
  }

  private canPost(member: Member, author: string): boolean {
    return this.roles.some(
      (r) => r.member === member.id && r.organization === author && r.state === 'APPROVED' && POSTING_ROLES.has(r.role),
    );
  }

  private acls(req: FakeRequest, member: Member): FakeResponse {
    if (req.query.get('q') !== 'roleAssignee') return error(400, 'ILLEGAL_ARGUMENT', 'Unsupported finder');
    const readers = ['r_organization_admin', 'rw_organization_admin', 'r_organization_social', 'w_organization_social'];
    if (!readers.some((s) => member.scopes.has(s))) {
      return error(403, 'ACCESS_DENIED', 'Not enough permissions to access: organizationAcls.FINDER-roleAssignee', 100);
    }
    const state = req.query.get('state');
    const role = req.query.get('role');
    const elements = this.roles
      .filter((r) => r.member === member.id && (!state || r.state === state) && (!role || r.role === role))
      .map((r) => ({
        roleAssignee: `urn:li:person:${r.member}`,
        organization: r.organization,
        role: r.role,
        state: r.state,
      }));
    return { status: 200, body: { elements, paging: { start: 0, count: 10, total: elements.length } } };
  }

  private initialize(req: FakeRequest, member: Member, kind: 'image' | 'document'): FakeResponse {
    const owner = (req.json() as { initializeUploadRequest?: { owner?: unknown } } | undefined)?.initializeUploadRequest
      ?.owner;
    if (typeof owner !== 'string') return invalid('/initializeUploadRequest/owner :: field is required but not found');
    if (!member.scopes.has('w_organization_social') || !this.canPost(member, owner)) {
      return error(403, 'ACCESS_DENIED', `Not enough permissions to access: ${kind}s.ACTION-initializeUpload`, 100);
    }
    const uploadId = `up-${++this.seq}`;
    const urn = kind === 'image' ? `urn:li:image:D4E10AQ${this.seq}` : `urn:li:document:D4D10AQ${this.seq}`;
    (kind === 'image' ? this.images : this.documents).set(urn, {
      kind,
      urn,
      owner,
      uploadId,
      status: 'WAITING_UPLOAD',
      readsLeft: 0,
    });
    return {
      status: 200,
      body: {
        value: {
          uploadUrlExpiresAt: Date.now() + 3_600_000,
          uploadUrl: `${this.url}/dms-uploads/${uploadId}`,
          [kind]: urn,
        },
      },
    };
  }

  private upload(uploadId: string, body: Buffer): FakeResponse {
    const document = [...this.documents.values()].find((d) => d.uploadId === uploadId);
    if (document) {
      const facts = sniff(body);
      const fits =
        facts?.mime === 'application/pdf' &&
        body.length <= DOCUMENT_MAX_BYTES &&
        (facts.pages ?? 0) <= DOCUMENT_MAX_PAGES;
      document.status = fits ? (this.processingReads > 0 ? 'PROCESSING' : 'AVAILABLE') : 'PROCESSING_FAILED';
      document.readsLeft = this.processingReads;
      document.bytes = body.length;
      return { status: 201 };
    }
    const image = [...this.images.values()].find((i) => i.uploadId === uploadId);
    if (!image) return { status: 404 };
    if (isImage(body)) {
      image.status = this.processingReads > 0 ? 'PROCESSING' : 'AVAILABLE';
      image.readsLeft = this.processingReads;
    } else {
      image.status = 'PROCESSING_FAILED';
    }
    return { status: 201 };
  }

  private image(urn: string): FakeResponse {
    const image = this.images.get(urn) ?? this.documents.get(urn);
    if (!image) return error(404, 'NOT_FOUND', `${urn} not found`);
    if (image.status === 'PROCESSING' && image.readsLeft-- <= 0) image.status = 'AVAILABLE';
    return { status: 200, body: { id: image.urn, owner: image.owner, status: image.status } };
  }

  private createPost(req: FakeRequest, member: Member, version: string): FakeResponse {
    const b = req.json() as Record<string, unknown> | undefined;
    if (!b) return invalid('the request body is not JSON');
    const author = b.author;
    if (typeof author !== 'string') return invalid('/author :: field is required but not found');
    if (!member.scopes.has('w_organization_social')) {
      return error(
        403,
        'ACCESS_DENIED',
        `Not enough permissions to access: partnerApiPostsExternal.CREATE.${version}`,
        100,
      );
    }
    if (!this.canPost(member, author)) {
      return error(403, 'ACCESS_DENIED', `Member is not authorized to create a post as ${author}`, 100);
    }
    if (!['PUBLIC', 'CONNECTIONS', 'LOGGED_IN'].includes(String(b.visibility)))
      return invalid('/visibility :: invalid');
    if (b.lifecycleState !== 'PUBLISHED') return invalid('/lifecycleState :: must be PUBLISHED');
    const distribution = b.distribution as { feedDistribution?: unknown } | undefined;
    if (!distribution || typeof distribution.feedDistribution !== 'string') {
      return invalid('/distribution/feedDistribution :: field is required but not found');
    }
    if (typeof b.commentary !== 'string') return invalid('/commentary :: expected a string');
    const text = decodeLittleText(b.commentary);
    if (text === undefined) return invalid('/commentary :: a reserved character is not escaped');
    if ([...text].length > COMMENTARY_MAX) return invalid(`/commentary :: length exceeds ${COMMENTARY_MAX} characters`);
    const content = b.content as FakeLinkedInPost['content'] | undefined;
    const named = [content?.media?.id, ...(content?.multiImage?.images ?? []).map((i) => i.id)].filter(
      (id): id is string => typeof id === 'string',
    );
    const multi = content?.multiImage?.images.length;
    if (multi !== undefined && (multi < 2 || multi > 20))
      return invalid('/content/multiImage/images :: 2 to 20 images');
    const doc = content?.media?.id ? this.documents.get(content.media.id) : undefined;
    if (doc && typeof content?.media?.title !== 'string') {
      return invalid('/content/media/title :: field is required for a document but not found');
    }
    for (const id of named) {
      const image = this.images.get(id) ?? (id === doc?.urn ? doc : undefined);
      if (!image || image.owner !== author) return invalid(`/content :: ${id} is not an image of ${author}`);
      if (image.status !== 'AVAILABLE') return invalid(`/content :: ${id} is ${image.status}`);
    }
    const article = (content as { article?: { source?: unknown; title?: unknown } } | undefined)?.article;
    if (article && (typeof article.source !== 'string' || typeof article.title !== 'string')) {
      return invalid('/content/article :: source and title are required');
    }
    const earlier = this.posts.find((p) => p.author === author && text !== '' && p.text === text);
    if (earlier) {
      return {
        status: 422,
        body: {
          errorDetailType: 'com.linkedin.common.error.BadRequest',
          message: `com.linkedin.content.common.exception.BadRequestResponseException: Content is a duplicate of ${earlier.id}`,
          errorDetails: {
            inputErrors: [{ description: 'Duplicate post is detected', input: {}, code: 'DUPLICATE_POST' }],
          },
          status: 422,
        },
      };
    }
    const id = `urn:li:share:${++this.seq}`;
    this.posts.push({ id, author, text, ...(content ? { content } : {}), version });
    return { status: 201, headers: { 'x-restli-id': id } };
  }
}
