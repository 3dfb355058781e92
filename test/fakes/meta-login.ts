/**
 * Facebook Login inside the Graph fake ("Manually Build a Login Flow"), with Meta's shapes:
 * - `GET /v<version>/dialog/oauth?client_id&redirect_uri&state&scope&response_type=code`: an unknown
 *   app or a redirect URI not registered for it gets an error page and no redirect (Meta's "URL
 *   blocked"); otherwise the person "signs in" at once and is sent to
 *   `redirect_uri?code=…&state=…#_=_`, or, after `deny()`, to
 *   `redirect_uri?error=access_denied&error_code=200&error_description=Permissions+error&error_reason=user_denied&state=…`.
 * - `oauth/access_token` (GET or POST, as Graph takes both): `code` with client_id, client_secret and
 *   redirect_uri gives a short-lived user token; `grant_type=fb_exchange_token` a long-lived one
 *   (`expires_in` about 60 days). Refusals as Graph words them (OAuthException, code 100 with
 *   subcode 36007 expired code, 36008 redirect_uri not identical, 36009 code used; code 1 for a bad
 *   client secret; 101 for an unknown app).
 * - `GET /me/permissions` (granted and declined) and `GET /me/accounts` (each Page with its Page
 *   token and, when linked, `instagram_business_account`; cursor paging) with a user token.
 * Page tokens handed out are registered with the Graph fake, so publishing with them works.
 */
import { randomBytes } from 'node:crypto';
import type { FakeRequest, FakeResponse } from './server.js';

export interface LoginPage {
  id: string;
  name: string;
  instagram?: { id: string; username: string };
}

/** What the Graph fake lets the login register: a Page token, and the Instagram account it also reaches. */
export interface GraphTokens {
  addPage(id: string, token: string, name: string): void;
  linkInstagram(pageToken: string, igId: string, username: string): void;
}

/** Authorization codes live ten minutes (Meta's documented lifetime). */
const CODE_MS = 10 * 60_000;
const SHORT_SECONDS = 5400;
const LONG_SECONDS = 5_183_944;

const oauthError = (message: string, code: number, subcode?: number): FakeResponse => ({
  status: 400,
  body: {
    error: {
      message,
      type: 'OAuthException',
      code,
      ...(subcode ? { error_subcode: subcode } : {}),
      fbtrace_id: 'AzLogin',
    },
  },
});

export class FakeMetaLogin {
  app: { id: string; secret: string; redirectUris: string[] } | undefined;
  /** The Pages the person who signs in manages. */
  pages: LoginPage[] = [];
  /** Permissions the person unticks on the dialog. */
  declined: string[] = [];
  /** Pages per `GET /me/accounts` answer, small so tests exercise paging. */
  pageSize = 25;
  /** Every token call as received (form or query), for checks on what the bot sent. */
  readonly tokenCalls: Array<{ method: string; params: Record<string, string> }> = [];
  private denied = false;
  private readonly codes = new Map<
    string,
    { redirectUri: string; scopes: string[]; used: boolean; issuedAt: number }
  >();
  private readonly userTokens = new Map<string, { scopes: string[]; long: boolean }>();
  /** Moves code lifetimes forward, to test an expired code. */
  skewMs = 0;

  constructor(
    private readonly graph: GraphTokens,
    private readonly baseUrl: () => string,
  ) {}

  register(app: { id: string; secret: string; redirectUris: string[] }): void {
    this.app = app;
  }

  /** The next dialog is refused by the person (Cancel). */
  deny(): void {
    this.denied = true;
  }

  /** Answers a login request, or undefined when the request is not one. */
  handle(req: FakeRequest): FakeResponse | undefined {
    const path = /^\/v\d+\.\d+\/(.+)$/.exec(req.path)?.[1];
    if (path === 'dialog/oauth' && req.method === 'GET') return this.dialog(req.query);
    if (path === 'oauth/access_token') {
      const params = req.method === 'GET' ? req.query : req.form();
      this.tokenCalls.push({ method: req.method, params: Object.fromEntries(params) });
      return this.token(params);
    }
    const bearer = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1] ?? req.query.get('access_token');
    const user = bearer ? this.userTokens.get(bearer) : undefined;
    if (!user || req.method !== 'GET') return undefined;
    if (path === 'me/permissions') {
      const data = user.scopes.map((permission) => ({ permission, status: 'granted' }));
      return {
        status: 200,
        body: { data: [...data, ...this.declined.map((permission) => ({ permission, status: 'declined' }))] },
      };
    }
    if (path === 'me/accounts') return this.accounts(req.query, user.scopes);
    return undefined;
  }

  private dialog(q: URLSearchParams): FakeResponse {
    const app = this.app;
    if (!app || q.get('client_id') !== app.id) {
      return { status: 400, body: 'Invalid App ID: The provided app ID does not look like a valid app ID.' };
    }
    const redirectUri = q.get('redirect_uri') ?? '';
    if (!app.redirectUris.includes(redirectUri)) {
      return {
        status: 400,
        body: "URL blocked: This redirect failed because the redirect URI is not whitelisted in the app's client OAuth settings.",
      };
    }
    const state = q.get('state') ?? '';
    const back = new URL(redirectUri);
    if (this.denied) {
      this.denied = false;
      back.search = new URLSearchParams({
        error: 'access_denied',
        error_code: '200',
        error_description: 'Permissions error',
        error_reason: 'user_denied',
        state,
      }).toString();
      return { status: 302, headers: { location: `${back.toString()}#_=_` }, body: '' };
    }
    const asked = (q.get('scope') ?? '').split(',').filter(Boolean);
    const code = `AQ${randomBytes(24).toString('base64url')}`;
    this.codes.set(code, {
      redirectUri,
      scopes: asked.filter((s) => !this.declined.includes(s)),
      used: false,
      issuedAt: Date.now(),
    });
    back.search = new URLSearchParams({ code, state }).toString();
    return { status: 302, headers: { location: `${back.toString()}#_=_` }, body: '' };
  }

  private token(p: URLSearchParams): FakeResponse {
    const app = this.app;
    if (!app || p.get('client_id') !== app.id)
      return oauthError('Error validating application. Invalid application ID.', 101);
    if (p.get('client_secret') !== app.secret) return oauthError('Error validating client secret.', 1);
    if (p.get('grant_type') === 'fb_exchange_token') {
      const short = this.userTokens.get(p.get('fb_exchange_token') ?? '');
      if (!short) return oauthError('Invalid OAuth access token - Cannot parse access token', 190);
      return this.issue(short.scopes, true);
    }
    const code = this.codes.get(p.get('code') ?? '');
    if (!code) return oauthError('Invalid verification code format.', 100);
    if (code.used) return oauthError('This authorization code has been used.', 100, 36009);
    if (Date.now() + this.skewMs - code.issuedAt > CODE_MS) {
      return oauthError('This authorization code has expired.', 100, 36007);
    }
    if (p.get('redirect_uri') !== code.redirectUri) {
      return oauthError(
        'Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request',
        100,
        36008,
      );
    }
    code.used = true;
    return this.issue(code.scopes, false);
  }

  private issue(scopes: string[], long: boolean): FakeResponse {
    const token = `EAA${long ? 'L' : 'S'}${randomBytes(24).toString('base64url')}`;
    this.userTokens.set(token, { scopes, long });
    return {
      status: 200,
      body: { access_token: token, token_type: 'bearer', expires_in: long ? LONG_SECONDS : SHORT_SECONDS },
    };
  }

  /** The person's Pages: none without pages_show_list, as Graph answers an empty list then. */
  private accounts(q: URLSearchParams, scopes: string[]): FakeResponse {
    const visible = scopes.includes('pages_show_list') ? this.pages : [];
    const start = Number(q.get('after') ?? '0');
    const size = Math.min(Number(q.get('limit') ?? '25'), this.pageSize);
    const slice = visible.slice(start, start + size);
    const fields = q.get('fields') ?? '';
    const data = slice.map((page) => {
      const token = `EAAP${page.id}${randomBytes(12).toString('base64url')}`;
      this.graph.addPage(page.id, token, page.name);
      if (page.instagram) this.graph.linkInstagram(token, page.instagram.id, page.instagram.username);
      return {
        access_token: token,
        category: 'Coffee Shop',
        name: page.name,
        id: page.id,
        tasks: ['ANALYZE', 'ADVERTISE', 'MODERATE', 'CREATE_CONTENT', 'MANAGE'],
        ...(page.instagram && fields.includes('instagram_business_account')
          ? { instagram_business_account: { id: page.instagram.id, username: page.instagram.username } }
          : {}),
      };
    });
    const end = start + slice.length;
    const paging = {
      cursors: { before: String(start), after: String(end) },
      ...(end < visible.length ? { next: `${this.baseUrl()}/v21.0/me/accounts?after=${end}&limit=${size}` } : {}),
    };
    return { status: 200, body: { data, paging } };
  }
}
