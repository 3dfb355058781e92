/**
 * OAuth 2.0 authorization-code connect for the networks that use it (RFC 6749 §4.1, with PKCE per
 * RFC 7636 where the network takes it). A provider declares an `OAuthSpec`: where its authorization
 * page and token endpoint are, how its app authenticates, which scopes it asks for and which the
 * bot cannot work without. This module builds the authorization address, exchanges the code and
 * refreshes tokens; who may start a flow and where tokens are kept is src/workspace/oauth/.
 */
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Config } from '../src/config.js';
import { type HttpCall, parseJson, send } from './http.js';

/** The settings an OAuth spec reads. */
export type OAuthConfig = Pick<
  Config,
  | 'GOOGLE_CLIENT_ID'
  | 'GOOGLE_CLIENT_SECRET'
  | 'GOOGLE_OAUTH_URL'
  | 'GOOGLE_AUTHORIZE_URL'
  | 'LINKEDIN_CLIENT_ID'
  | 'LINKEDIN_CLIENT_SECRET'
  | 'LINKEDIN_OAUTH_URL'
  | 'X_CLIENT_ID'
  | 'X_CLIENT_SECRET'
  | 'X_AUTHORIZE_URL'
  | 'X_API_URL'
  | 'TIKTOK_CLIENT_KEY'
  | 'TIKTOK_CLIENT_SECRET'
  | 'TIKTOK_AUTHORIZE_URL'
  | 'TIKTOK_API_URL'
  | 'META_APP_ID'
  | 'META_APP_SECRET'
  | 'META_LOGIN_URL'
  | 'META_GRAPH_URL'
>;

/** The app registered with the network; a public client (X allows one) has no secret. */
export interface OAuthClient {
  id: string;
  secret?: string;
}

export interface OAuthSpec {
  /** The variables that hold the app's credentials, named when they are not set. */
  clientVariables: readonly string[];
  client(config: OAuthConfig): OAuthClient | undefined;
  authorizeUrl(config: OAuthConfig): string;
  tokenUrl(config: OAuthConfig): string;
  /** What is asked for on the authorization page. */
  scopes: readonly string[];
  /** What the bot cannot work without; a grant without one of them is named in chat. */
  needed: readonly string[];
  /** How the network joins scopes in the authorization address. */
  scopeSeparator: ' ' | ',';
  /** PKCE with S256 (X requires it; Google accepts it). */
  pkce: boolean;
  /** `basic`: the client in an Authorization header (X's confidential clients); `body`: in the form. */
  clientAuth: 'basic' | 'body';
  /** TikTok calls the client id `client_key`. */
  clientIdParam?: 'client_id' | 'client_key';
  /** Extra authorization parameters (Google: offline access, so a refresh token comes back). */
  authorizeParams?: Readonly<Record<string, string>>;
  /**
   * Which token /connect checks and keeps as the account's token: `refresh` where the provider
   * renews access tokens itself from a refresh token (Google), `access` elsewhere.
   */
  connectWith: 'access' | 'refresh';
  /**
   * A login that reaches several accounts, each with its own token (Facebook Login: the person's
   * Pages and their Page tokens). The code is exchanged the network's own way, and the person
   * picks which accounts to connect when there are several.
   */
  login?: AccountLogin;
}

/** One account a login reaches, with the token that acts for it. */
export interface LoginAccount {
  id: string;
  name: string;
  token: string;
}

export interface AccountLogin {
  /** The code exchanged for the person's token; `scopes` are what the person granted. */
  exchange(
    config: OAuthConfig,
    client: OAuthClient,
    flow: { code: string; redirectUri: string },
    now: Date,
  ): Promise<Grant & { scopes: string[] }>;
  /** The accounts the person's token reaches. */
  accounts(config: OAuthConfig, grant: Grant): Promise<LoginAccount[]>;
}

/** What a token endpoint granted. */
export interface Grant {
  accessToken: string;
  refreshToken?: string;
  /** When the access token lapses; undefined when the network did not say. */
  expiresAt?: Date;
  /** The scopes granted, as the network listed them; undefined when it did not list them. */
  scopes?: string[];
}

/** The network refused the grant or the client (`invalid_grant`, `invalid_client`, …): no token. */
export class OAuthRefused extends Error {
  override readonly name = 'OAuthRefused';
  constructor(
    readonly code: string,
    /** The network's own words (`error_description`), when it gave any. */
    readonly description?: string,
  ) {
    super(`${code}${description ? `: ${description}` : ''}`);
  }
}

/** A PKCE verifier (RFC 7636 §4.1: 43-128 unreserved characters) and its S256 challenge. */
export function pkceVerifier(): string {
  return randomBytes(48).toString('base64url');
}

export function pkceChallenge(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

/** The network's authorization page for one flow. */
export function authorizationUrl(
  spec: OAuthSpec,
  config: OAuthConfig,
  client: OAuthClient,
  flow: { state: string; redirectUri: string; verifier?: string },
): string {
  const url = new URL(spec.authorizeUrl(config));
  url.searchParams.set('response_type', 'code');
  url.searchParams.set(spec.clientIdParam ?? 'client_id', client.id);
  url.searchParams.set('redirect_uri', flow.redirectUri);
  url.searchParams.set('scope', spec.scopes.join(spec.scopeSeparator));
  url.searchParams.set('state', flow.state);
  if (spec.pkce && flow.verifier) {
    url.searchParams.set('code_challenge', pkceChallenge(flow.verifier));
    url.searchParams.set('code_challenge_method', 'S256');
  }
  for (const [k, v] of Object.entries(spec.authorizeParams ?? {})) url.searchParams.set(k, v);
  return url.toString();
}

/** The code the network sent back, exchanged for tokens (sent once: a code is single-use). */
export function exchangeCode(
  spec: OAuthSpec,
  config: OAuthConfig,
  client: OAuthClient,
  flow: { code: string; redirectUri: string; verifier?: string },
  now: Date,
): Promise<Grant> {
  const form: Record<string, string> = {
    grant_type: 'authorization_code',
    code: flow.code,
    redirect_uri: flow.redirectUri,
    ...(spec.pkce && flow.verifier ? { code_verifier: flow.verifier } : {}),
  };
  return tokenCall(spec, config, client, form, now, false);
}

/** A new access token from a refresh token (some networks send a new refresh token too). */
export function refreshGrant(
  spec: OAuthSpec,
  config: OAuthConfig,
  client: OAuthClient,
  refreshToken: string,
  now: Date,
): Promise<Grant> {
  // Asking again is harmless until an answer is read; X rotates refresh tokens, so a lost answer
  // can still cost the grant, which then shows as invalid_grant and a reconnect notice.
  return tokenCall(spec, config, client, { grant_type: 'refresh_token', refresh_token: refreshToken }, now, true);
}

const answer = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  expires_in: z.coerce.number().positive().optional(),
  scope: z.string().optional(),
});
const failure = z.object({ error: z.string().min(1), error_description: z.string().optional() });

async function tokenCall(
  spec: OAuthSpec,
  config: OAuthConfig,
  client: OAuthClient,
  form: Record<string, string>,
  now: Date,
  idempotent: boolean,
): Promise<Grant> {
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    accept: 'application/json',
  };
  const body = new URLSearchParams(form);
  if (spec.clientAuth === 'basic' && client.secret) {
    // RFC 6749 §2.3.1: both parts form-encoded before they are joined.
    const pair = `${encodeURIComponent(client.id)}:${encodeURIComponent(client.secret)}`;
    headers.authorization = `Basic ${Buffer.from(pair).toString('base64')}`;
  } else {
    body.set(spec.clientIdParam ?? 'client_id', client.id);
    if (client.secret) body.set('client_secret', client.secret);
  }
  const call: HttpCall = { method: 'POST', url: spec.tokenUrl(config), headers, body: body.toString(), idempotent };
  const res = await send(call);
  const json = parseJson(res.text);
  // TikTok answers some refusals with 200 and an `error` field, so the body decides, not the status.
  const refused = failure.safeParse(json);
  if (refused.success && !(json as { access_token?: unknown }).access_token) {
    throw new OAuthRefused(refused.data.error, refused.data.error_description);
  }
  const ok = answer.safeParse(json);
  if (res.status !== 200 || !ok.success) {
    throw new Error(`the token endpoint answered ${res.status} without a usable token`);
  }
  const { access_token, refresh_token, expires_in, scope } = ok.data;
  return {
    accessToken: access_token,
    ...(refresh_token ? { refreshToken: refresh_token } : {}),
    ...(expires_in ? { expiresAt: new Date(now.getTime() + expires_in * 1000) } : {}),
    // RFC 6749 joins scopes with spaces; LinkedIn and TikTok with commas.
    ...(scope !== undefined ? { scopes: scope.split(/[\s,]+/).filter(Boolean) } : {}),
  };
}

/** The needed scopes a grant lacks; none when the network did not list what it granted. */
export function missingScopes(spec: OAuthSpec, granted: readonly string[] | undefined): string[] {
  if (granted === undefined) return [];
  return spec.needed.filter((s) => !granted.includes(s));
}
