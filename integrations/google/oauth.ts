/**
 * Google OAuth access tokens for YouTube and Google Analytics. An access token lives about an hour,
 * so an account connected with a refresh token gets a fresh access token from `POST {GOOGLE_OAUTH_URL}/token`
 * whenever the cached one is within a minute of expiring. One `GoogleOAuth` per process serves the
 * publisher, comment polling and /connect, so they share the cache.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { classifyStatus, type HttpCall, type HttpResponse, joinUrl, parseJson, send } from '../http.js';
import type { OAuthSpec } from '../oauth.js';
import { PublishError } from '../publisher.js';

/**
 * Google refresh tokens start with `1//`; access tokens with `ya29.`. Anything that is not a
 * refresh token is used as an access token, as before refresh tokens were supported.
 */
export function isGoogleRefreshToken(token: string): boolean {
  return token.startsWith('1//');
}

/** Where a Google API call gets its bearer token. */
export interface TokenSource {
  get(): Promise<string>;
  /** Forgets the current token after the API refused it; false when there is no way to get another. */
  drop(): boolean;
}

/** A plain access token (connected before refresh tokens, or given as-is): it expires and is not renewed. */
export function fixedToken(token: string): TokenSource {
  return { get: async () => token, drop: () => false };
}

/**
 * GOOGLE_CLIENT_ID / GOOGLE_CLIENT_SECRET are not set (`missing`) or Google refused them
 * (`rejected`): a server configuration problem, a known failure that reconnecting would not fix.
 * /connect tells the admin in their language.
 */
export class GoogleClientProblem extends PublishError {
  constructor(
    readonly problem: 'missing' | 'rejected',
    message = 'GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET must be set to use a Google refresh token',
  ) {
    super(message, { outcome: 'known' });
  }
}

const tokenAnswer = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().positive(),
  scope: z.string().optional(),
  token_type: z.literal('Bearer'),
});
const tokenError = z.object({ error: z.string(), error_description: z.string().optional() });

/** A cached token is replaced this long before Google says it expires. */
const EARLY_MS = 60_000;

export interface GoogleClient {
  base: string;
  clientId: string;
  clientSecret: string;
}

export class GoogleOAuth {
  /** Keyed by a hash of the refresh token, so the secret itself is not a map key in a heap dump. */
  private readonly cache = new Map<string, { token: string; expiresAt: number }>();

  constructor(
    private readonly client: GoogleClient | undefined,
    private readonly now: () => Date,
  ) {}

  /** The token source for a refresh token; GoogleClientProblem when the server has no OAuth client. */
  source(refreshToken: string): TokenSource {
    if (!this.client) throw new GoogleClientProblem('missing');
    const key = createHash('sha256').update(refreshToken).digest('hex');
    return {
      get: async () => {
        const hit = this.cache.get(key);
        if (hit && hit.expiresAt - EARLY_MS > this.now().getTime()) return hit.token;
        const fresh = await this.exchange(refreshToken);
        this.cache.set(key, fresh);
        return fresh.token;
      },
      drop: () => {
        this.cache.delete(key);
        return true;
      },
    };
  }

  private async exchange(refreshToken: string): Promise<{ token: string; expiresAt: number }> {
    const client = this.client;
    if (!client) throw new GoogleClientProblem('missing');
    const call: HttpCall = {
      method: 'POST',
      url: joinUrl(client.base, 'token'),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: refreshToken,
        client_id: client.clientId,
        client_secret: client.clientSecret,
      }).toString(),
      // A new access token replaces nothing, so asking again is harmless.
      idempotent: true,
    };
    const sentAt = this.now().getTime();
    const res = await send(call);
    const body = parseJson(res.text);
    if (res.status === 200) {
      const ok = tokenAnswer.safeParse(body);
      if (!ok.success) throw PublishError.retry('Google answered the token refresh without a usable access token');
      return { token: ok.data.access_token, expiresAt: sentAt + ok.data.expires_in * 1000 };
    }
    const err = tokenError.safeParse(body);
    const code = err.success ? err.data.error : '';
    const detail = err.success && err.data.error_description ? `: ${err.data.error_description}` : '';
    if (code === 'invalid_grant') {
      // The reason's words are Google's own; the network that used the token names itself (e.g. YouTube's publisher).
      throw PublishError.reauth(
        `Google refused the refresh token (invalid_grant${detail}); connect the account again`,
      ).because('needsReconnect', {}, `invalid_grant${detail}`);
    }
    if (code === 'invalid_client' || code === 'unauthorized_client') {
      throw new GoogleClientProblem(
        'rejected',
        `Google refused the OAuth client (${code}): GOOGLE_CLIENT_ID or GOOGLE_CLIENT_SECRET is wrong in the server configuration`,
      );
    }
    const message = `Google token endpoint answered ${res.status}${code ? ` (${code}${detail})` : ''}`;
    // A 401 here is the client, never the user's grant (handled above), so it must not read as reauth.
    if (res.status === 401) throw PublishError.fatal(message);
    throw classifyStatus(res, call, message, this.now());
  }
}

/**
 * Sends a Google API call with the source's bearer token. A 401 means the token was refused and
 * nothing was done, so the token is dropped and the call repeated once with a fresh one.
 */
export async function sendAuthorized(tokens: TokenSource, call: HttpCall): Promise<HttpResponse> {
  const first = await send(withBearer(call, await tokens.get()));
  if (first.status !== 401 || !tokens.drop()) return first;
  return send(withBearer(call, await tokens.get()));
}

function withBearer(call: HttpCall, token: string): HttpCall {
  return { ...call, headers: { ...call.headers, authorization: `Bearer ${token}` } };
}

/**
 * The Connect button for a Google API (YouTube, GA4): the web-server flow with PKCE, asking for
 * offline access and the consent screen so Google returns a refresh token every time (without
 * `prompt=consent` a second connect gets none). The refresh token is what /connect keeps.
 */
export function googleOAuthSpec(scopes: readonly string[]): OAuthSpec {
  return {
    clientVariables: ['GOOGLE_CLIENT_ID', 'GOOGLE_CLIENT_SECRET'],
    client: (c) =>
      c.GOOGLE_CLIENT_ID && c.GOOGLE_CLIENT_SECRET
        ? { id: c.GOOGLE_CLIENT_ID, secret: c.GOOGLE_CLIENT_SECRET }
        : undefined,
    authorizeUrl: (c) => c.GOOGLE_AUTHORIZE_URL,
    tokenUrl: (c) => joinUrl(c.GOOGLE_OAUTH_URL, 'token'),
    scopes,
    needed: scopes,
    scopeSeparator: ' ',
    pkce: true,
    clientAuth: 'body',
    authorizeParams: { access_type: 'offline', prompt: 'consent', include_granted_scopes: 'true' },
    connectWith: 'refresh',
  };
}
