/**
 * Google's OAuth token endpoint (`POST /token`, form-encoded, grant_type=refresh_token) and the bearer
 * check of the APIs behind it, for the fakes of Google services (YouTube, GA4) to embed. It answers
 * 401 invalid_client for a wrong client id/secret, 400 invalid_grant for an unknown or revoked refresh
 * token, 400 unsupported_grant_type for a body that is not a form. The access tokens it issues are
 * accepted until they expire (by the owner's clock), then refused like any unknown token.
 */
import type { FakeRequest, FakeResponse } from './server.js';

export class FakeGoogleTokens<Subject> {
  /** Lifetime of an issued access token, in seconds (Google's is 3599). */
  accessTokenSeconds = 3599;
  /** The OAuth client the token endpoint accepts. */
  private client: { id: string; secret: string } | undefined;
  private readonly refreshTokens = new Map<string, { subject: Subject; revoked: boolean }>();
  private readonly accessTokens = new Map<string, { subject: Subject; expiresAt?: number }>();
  private seq = 0;

  constructor(
    private readonly now: () => Date,
    /** The scopes the issued tokens carry, as Google lists them in the answer. */
    private readonly scope: string,
  ) {}

  setClient(id: string, secret: string): void {
    this.client = { id, secret };
  }

  /** An access token that never expires (what tests hand to /connect directly). */
  addAccessToken(token: string, subject: Subject): void {
    this.accessTokens.set(token, { subject });
  }

  /** A refresh token granted to the OAuth client. */
  addRefreshToken(refreshToken: string, subject: Subject): void {
    this.refreshTokens.set(refreshToken, { subject, revoked: false });
  }

  /** The user removed the app's access (or the token lapsed): refreshes fail with invalid_grant. */
  revoke(refreshToken: string): void {
    const r = this.refreshTokens.get(refreshToken);
    if (r) r.revoked = true;
  }

  /** Google ends every issued access token early (a password change does). */
  expireAccessTokens(): void {
    for (const t of this.accessTokens.values()) if (t.expiresAt !== undefined) t.expiresAt = 0;
  }

  /** Whom the request's bearer token acts for; undefined for a missing, unknown or expired token. */
  bearer(req: FakeRequest): Subject | undefined {
    const token = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1] ?? '';
    const t = this.accessTokens.get(token);
    if (!t || (t.expiresAt !== undefined && t.expiresAt <= this.now().getTime())) return undefined;
    return t.subject;
  }

  /** The token endpoint. */
  token(req: FakeRequest): FakeResponse {
    const oauthErr = (status: number, error: string, description?: string): FakeResponse => ({
      status,
      body: { error, ...(description ? { error_description: description } : {}) },
    });
    // Google reads only form fields: a JSON body carries no grant_type at all.
    if (!String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
      return oauthErr(400, 'unsupported_grant_type', 'Invalid grant_type: ');
    }
    const f = req.form();
    const grant = f.get('grant_type');
    if (!grant) return oauthErr(400, 'invalid_request', 'Required parameter is missing: grant_type');
    if (grant !== 'refresh_token') return oauthErr(400, 'unsupported_grant_type', `Invalid grant_type: ${grant}`);
    if (!this.client || f.get('client_id') !== this.client.id) {
      return oauthErr(401, 'invalid_client', 'The OAuth client was not found.');
    }
    if (f.get('client_secret') !== this.client.secret) return oauthErr(401, 'invalid_client', 'Unauthorized');
    const refresh = f.get('refresh_token');
    if (!refresh) return oauthErr(400, 'invalid_request', 'Missing required parameter: refresh_token');
    const grantOf = this.refreshTokens.get(refresh);
    if (!grantOf || grantOf.revoked) return oauthErr(400, 'invalid_grant', 'Token has been expired or revoked.');
    const access = `ya29.fake-access-${++this.seq}`;
    this.accessTokens.set(access, {
      subject: grantOf.subject,
      expiresAt: this.now().getTime() + this.accessTokenSeconds * 1000,
    });
    return {
      status: 200,
      body: { access_token: access, expires_in: this.accessTokenSeconds, scope: this.scope, token_type: 'Bearer' },
    };
  }
}
