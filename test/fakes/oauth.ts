/**
 * A fake OAuth 2.0 authorization server (RFC 6749 §4.1 authorization code, §6 refresh, RFC 7636
 * PKCE) with each network's documented dialect: where the client authenticates (X: HTTP Basic;
 * LinkedIn, Google: the form; TikTok: `client_key` in the form), how scopes are joined in the
 * answer (LinkedIn and TikTok: commas), which extra fields come back (TikTok's `open_id`), whether
 * refresh tokens rotate (X, TikTok) and whether PKCE is required (X).
 *
 * The authorization page "signs the person in" at once and sends them back to the redirect URI
 * with a code and the state, granting what was asked (or `grantOnly`, or refusing after `deny`).
 * It refuses what the real servers refuse: an unregistered redirect_uri (no redirect at all), an
 * unknown client, a missing S256 challenge where PKCE is required; at the token endpoint a wrong
 * redirect_uri, a wrong verifier, a reused code (which also revokes what that code issued), an
 * unknown or revoked refresh token (all `invalid_grant`), a wrong secret (`invalid_client`).
 *
 * `onIssue` tells the test which access token now acts for whom, so the network's API fake accepts it.
 */
import { createHash } from 'node:crypto';
import type { FakeRequest, FakeResponse } from './server.js';
import { FakeServer } from './server.js';

export type Dialect = 'linkedin' | 'x' | 'tiktok' | 'google';

export interface FakeApp {
  clientId: string;
  clientSecret?: string;
  /** The redirect URI registered for the app (Google's clients take several: `extraRedirectUris`). */
  redirectUri: string;
  extraRedirectUris?: string[];
  /** Lifetime of access tokens, seconds. */
  accessSeconds: number;
  /** Whether refresh tokens are issued (LinkedIn: only to approved apps). */
  refresh: boolean;
}

interface Code {
  network: Dialect;
  redirectUri: string;
  scopes: string[];
  challenge?: string;
  used: boolean;
  issued: string[];
  offline: boolean;
}

interface RefreshGrant {
  network: Dialect;
  scopes: string[];
  revoked: boolean;
}

const CLIENT_ID_PARAM: Record<Dialect, string> = {
  linkedin: 'client_id',
  x: 'client_id',
  tiktok: 'client_key',
  google: 'client_id',
};

export class FakeOAuth {
  readonly server = new FakeServer((req) => this.handle(req));
  /** Token calls as received, for checks on what the bot sent. */
  readonly tokenCalls: Array<{ network: Dialect; form: Record<string, string>; basic?: string }> = [];
  onIssue: (network: Dialect, accessToken: string, scopes: string[]) => void = () => {};
  private readonly apps = new Map<Dialect, FakeApp>();
  private readonly codes = new Map<string, Code>();
  private readonly refreshTokens = new Map<string, RefreshGrant>();
  private readonly accessTokens = new Set<string>();
  private granted = new Map<Dialect, string[]>();
  private denied = new Set<Dialect>();
  private seq = 0;

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

  /** The app registered with a network (its client and its one redirect URI). */
  register(network: Dialect, app: FakeApp): void {
    this.apps.set(network, app);
  }

  /** On the next authorization the person grants only these scopes (unticks the rest). */
  grantOnly(network: Dialect, scopes: string[]): void {
    this.granted.set(network, scopes);
  }

  /** On the next authorization the person presses Cancel. */
  deny(network: Dialect): void {
    this.denied.add(network);
  }

  /** The person removed the app's access: refreshes fail with invalid_grant. */
  revoke(refreshToken: string): void {
    const g = this.refreshTokens.get(refreshToken);
    if (g) g.revoked = true;
  }

  /** The person removed the app on the network: every refresh token it holds there stops working. */
  revokeAll(network: Dialect): void {
    for (const g of this.refreshTokens.values()) if (g.network === network) g.revoked = true;
  }

  /** The token endpoint of one network (the X and TikTok fakes serve it on their own API host). */
  token(network: Dialect, req: FakeRequest): FakeResponse {
    const app = this.apps.get(network);
    const fail = (status: number, error: string, description: string): FakeResponse => ({
      // TikTok answers its OAuth errors with a log id beside the RFC fields.
      status,
      body: { error, error_description: description, ...(network === 'tiktok' ? { log_id: `log-${this.seq}` } : {}) },
    });
    if (req.method !== 'POST') return fail(405, 'invalid_request', 'POST only');
    if (!String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
      return fail(400, 'invalid_request', 'the body must be application/x-www-form-urlencoded');
    }
    const form = req.form();
    const basic = /^Basic (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1];
    this.tokenCalls.push({ network, form: Object.fromEntries(form), ...(basic ? { basic } : {}) });
    if (!app) return fail(401, 'invalid_client', 'unknown client');
    // Client authentication, as each network documents it.
    let clientId = form.get(CLIENT_ID_PARAM[network]);
    let secret = form.get('client_secret') ?? undefined;
    if (network === 'x' && app.clientSecret) {
      if (!basic) return fail(401, 'invalid_client', 'confidential clients authenticate with HTTP Basic');
      const [id, s] = Buffer.from(basic, 'base64').toString().split(':').map(decodeURIComponent);
      clientId = id ?? null;
      secret = s;
    }
    if (clientId !== app.clientId || (app.clientSecret !== undefined && secret !== app.clientSecret)) {
      return fail(401, 'invalid_client', 'Client authentication failed');
    }
    const grant = form.get('grant_type');
    if (grant === 'authorization_code') return this.codeGrant(network, app, form, fail);
    if (grant === 'refresh_token') return this.refreshGrant(network, app, form, fail);
    return fail(400, 'unsupported_grant_type', `grant_type ${grant ?? '(missing)'}`);
  }

  /** Whether an access token was issued and not revoked (for the API fakes that want to ask). */
  knows(accessToken: string): boolean {
    return this.accessTokens.has(accessToken);
  }

  private handle(req: FakeRequest): FakeResponse {
    const [, network, what] =
      /^\/(linkedin|x|tiktok|google)\/(authorize|authorization|token|accessToken)$/.exec(req.path) ?? [];
    if (!network) return { status: 404, body: { error: 'not found' } };
    const n = network as Dialect;
    return what?.startsWith('authoriz') ? this.authorize(n, req) : this.token(n, req);
  }

  /** The consent page: signs in at once and redirects, or refuses without redirecting. */
  private authorize(network: Dialect, req: FakeRequest): FakeResponse {
    const q = req.query;
    const app = this.apps.get(network);
    // RFC 6749 §4.1.2.1: a bad client or redirect URI is shown to the person, never redirected to.
    if (!app || q.get(CLIENT_ID_PARAM[network]) !== app.clientId)
      return { status: 400, body: { error: 'invalid_client' } };
    const registered = [app.redirectUri, ...(app.extraRedirectUris ?? [])];
    const redirectUri = q.get('redirect_uri') ?? '';
    if (!registered.includes(redirectUri)) {
      return { status: 400, body: { error: 'invalid_request', error_description: 'redirect_uri mismatch' } };
    }
    const back = new URL(redirectUri);
    const state = q.get('state');
    if (state) back.searchParams.set('state', state);
    const redirect = (params: Record<string, string>): FakeResponse => {
      for (const [k, v] of Object.entries(params)) back.searchParams.set(k, v);
      return { status: 302, headers: { location: back.toString() } };
    };
    if (q.get('response_type') !== 'code') return redirect({ error: 'unsupported_response_type' });
    const challenge = q.get('code_challenge') ?? undefined;
    if (challenge && q.get('code_challenge_method') !== 'S256') {
      return redirect({ error: 'invalid_request', error_description: 'code_challenge_method must be S256' });
    }
    if (network === 'x' && !challenge)
      return redirect({ error: 'invalid_request', error_description: 'PKCE required' });
    if (this.denied.delete(network)) return redirect({ error: 'access_denied', error_description: 'The user denied' });
    const sep = network === 'tiktok' ? ',' : ' ';
    const asked = (q.get('scope') ?? '').split(sep).filter(Boolean);
    if (asked.length === 0) return redirect({ error: 'invalid_scope' });
    const only = this.granted.get(network);
    this.granted.delete(network);
    const scopes = only ? asked.filter((s) => only.includes(s)) : asked;
    const code = `code-${network}-${++this.seq}`;
    this.codes.set(code, {
      network,
      redirectUri,
      scopes,
      ...(challenge ? { challenge } : {}),
      used: false,
      issued: [],
      offline: network !== 'google' || q.get('access_type') === 'offline',
    });
    return redirect({ code });
  }

  private codeGrant(
    network: Dialect,
    app: FakeApp,
    form: URLSearchParams,
    fail: (s: number, e: string, d: string) => FakeResponse,
  ): FakeResponse {
    const code = this.codes.get(form.get('code') ?? '');
    if (!code || code.network !== network) return fail(400, 'invalid_grant', 'unknown authorization code');
    if (code.used) {
      // RFC 6749 §4.1.2: a code used twice revokes what it issued.
      for (const t of code.issued) {
        this.accessTokens.delete(t);
        this.revoke(t);
      }
      return fail(400, 'invalid_grant', 'authorization code already used');
    }
    if (form.get('redirect_uri') !== code.redirectUri) return fail(400, 'invalid_grant', 'redirect_uri mismatch');
    if (code.challenge) {
      const verifier = form.get('code_verifier') ?? '';
      const s256 = createHash('sha256').update(verifier).digest('base64url');
      if (s256 !== code.challenge) return fail(400, 'invalid_grant', 'code_verifier does not match the challenge');
    }
    code.used = true;
    return this.issue(network, app, code.scopes, code.offline && app.refresh, code.issued);
  }

  private refreshGrant(
    network: Dialect,
    app: FakeApp,
    form: URLSearchParams,
    fail: (s: number, e: string, d: string) => FakeResponse,
  ): FakeResponse {
    const token = form.get('refresh_token') ?? '';
    const g = this.refreshTokens.get(token);
    if (!g || g.revoked || g.network !== network) return fail(400, 'invalid_grant', 'refresh token invalid or revoked');
    // X and TikTok rotate: the old refresh token stops working once a new one is issued.
    const rotates = network === 'x' || network === 'tiktok';
    if (rotates) g.revoked = true;
    const out = this.issue(network, app, g.scopes, rotates, []);
    if (!rotates) {
      const body = out.body as Record<string, unknown>;
      if (network === 'linkedin') Object.assign(body, { refresh_token: token });
    }
    return out;
  }

  private issue(
    network: Dialect,
    app: FakeApp,
    scopes: string[],
    withRefresh: boolean,
    issued: string[],
  ): FakeResponse {
    // Google's tokens have their documented prefixes (the bot tells a refresh token by `1//`).
    const access = network === 'google' ? `ya29.fake-${++this.seq}` : `${network}-access-${++this.seq}`;
    this.accessTokens.add(access);
    issued.push(access);
    this.onIssue(network, access, scopes);
    const body: Record<string, unknown> = { access_token: access, expires_in: app.accessSeconds };
    let refresh: string | undefined;
    if (withRefresh) {
      refresh = network === 'google' ? `1//fake-refresh-${++this.seq}` : `${network}-refresh-${++this.seq}`;
      this.refreshTokens.set(refresh, { network, scopes, revoked: false });
      issued.push(refresh);
      body.refresh_token = refresh;
    }
    switch (network) {
      case 'linkedin':
        body.scope = scopes.join(',');
        if (refresh) body.refresh_token_expires_in = 31_536_000;
        break;
      case 'x':
        Object.assign(body, { token_type: 'bearer', scope: scopes.join(' ') });
        break;
      case 'tiktok':
        Object.assign(body, {
          open_id: 'tt-open-1',
          scope: scopes.join(','),
          token_type: 'Bearer',
          refresh_expires_in: 31_536_000,
        });
        break;
      case 'google':
        Object.assign(body, { scope: scopes.join(' '), token_type: 'Bearer' });
        break;
    }
    return { status: 200, body };
  }
}
