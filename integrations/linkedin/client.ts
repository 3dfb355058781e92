/**
 * A small client for LinkedIn's versioned REST API (`/rest/...`). Every call carries the three
 * headers LinkedIn requires: the bearer token, `LinkedIn-Version: YYYYMM` (there is no default
 * version: a missing one is refused, and a version past its sunset is refused with 426) and
 * `X-Restli-Protocol-Version: 2.0.0`. Errors are sorted by status and LinkedIn's `code`, never by
 * searching the text. The token goes in the Authorization header only.
 */
import { z } from 'zod';
import { classifyStatus, type HttpCall, type HttpResponse, joinUrl, parseJson, retryAfterMs, send } from '../http.js';
import { PublishError } from '../publisher.js';

/**
 * LinkedIn's error body: `{status, serviceErrorCode, code, message}`; a refused post body adds
 * `errorDetails.inputErrors[]` with their own `code` (DUPLICATE_POST for the same text posted again:
 * 422 "Content is a duplicate of urn:li:share:…", as in github.com/Arisamiga/Linkedin-RSS/issues/5).
 */
const errorBody = z
  .object({
    status: z.number().optional(),
    serviceErrorCode: z.number().optional(),
    code: z.string().optional(),
    message: z.string().optional(),
    errorDetails: z
      .object({
        inputErrors: z.array(z.object({ code: z.string().optional(), description: z.string().optional() })).optional(),
      })
      .optional(),
  })
  .partial();

/**
 * LinkedIn's limits count API calls per application and per member per day, and "reset at midnight
 * UTC every day" (learn.microsoft.com/linkedin/shared/api-guide/concepts/rate-limits); its 429 carries
 * no Retry-After, so without one the post waits for that reset instead of spending its attempts.
 */
function untilMidnightUtc(now: Date): number {
  const next = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
  return next - now.getTime();
}

export interface LinkedInCall {
  method: HttpCall['method'];
  /** A path under `/rest/`, URNs already encoded. */
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  idempotent: boolean;
}

export class LinkedInClient {
  constructor(
    private readonly base: string,
    private readonly version: string,
    private readonly token: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Calls the API; a 2xx answer is returned as is (the post id comes in a header). */
  async call(c: LinkedInCall): Promise<HttpResponse> {
    const url = new URL(joinUrl(this.base, `rest/${c.path}`));
    for (const [k, v] of Object.entries(c.query ?? {})) url.searchParams.set(k, v);
    const call: HttpCall = {
      method: c.method,
      url: url.toString(),
      headers: {
        authorization: `Bearer ${this.token}`,
        'linkedin-version': this.version,
        'x-restli-protocol-version': '2.0.0',
        ...(c.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(c.body === undefined ? {} : { body: JSON.stringify(c.body) }),
      idempotent: c.idempotent,
    };
    const res = await send(call);
    if (res.status >= 200 && res.status < 300) return res;
    throw linkedInError(res, call, this.version, this.now());
  }

  /** A call whose JSON answer must match `schema`. */
  async json<T>(c: LinkedInCall, schema: z.ZodType<T>): Promise<T> {
    const res = await this.call(c);
    const parsed = schema.safeParse(parseJson(res.text));
    if (parsed.success) return parsed.data;
    const what = `unexpected answer from LinkedIn to ${c.method} ${c.path.split('/')[0]}`;
    // A write that answered something we do not understand may still have happened.
    throw c.idempotent ? PublishError.retry(what) : PublishError.unknown(what);
  }

  get<T>(path: string, query: Record<string, string>, schema: z.ZodType<T>): Promise<T> {
    return this.json({ method: 'GET', path, query, idempotent: true }, schema);
  }

  /** Sends bytes to an upload URL LinkedIn handed out (it carries its own signature; the token goes too). */
  async upload(url: string, bytes: Uint8Array, contentType: string): Promise<void> {
    const call: HttpCall = {
      method: 'PUT',
      url,
      headers: { authorization: `Bearer ${this.token}`, 'content-type': contentType },
      body: bytes,
      // An uploaded image is attached to nothing until a post names it: sending it again is harmless.
      idempotent: true,
      timeoutMs: 5 * 60_000,
    };
    const res = await send(call);
    if (res.status >= 200 && res.status < 300) return;
    throw linkedInError(res, call, this.version, this.now());
  }
}

/** An encoded URN for a path segment: `urn:li:image:C4E` -> `urn%3Ali%3Aimage%3AC4E`. */
export const encodeUrn = (urn: string): string => encodeURIComponent(urn);

/**
 * LinkedIn's refusals (learn.microsoft.com/linkedin/shared/api-guide/concepts/error-handling and the
 * Posts API): 401 a refused token, 403 ACCESS_DENIED a missing scope or page role, 429 the member's or
 * application's daily throttle, 422 DUPLICATE_POST the same text again.
 */
export function linkedInError(res: HttpResponse, call: HttpCall, version: string, now: Date): PublishError {
  const body = errorBody.safeParse(parseJson(res.text));
  const e = body.success ? body.data : {};
  const said = e.message;
  const message = `LinkedIn error ${res.status}${e.code ? ` ${e.code}` : ''}: ${said ?? 'no message'}`;
  const linkedin = { provider: 'linkedin' };
  if (res.status === 426 || e.code === 'NONEXISTENT_VERSION' || e.code === 'VERSION_MISSING') {
    // Our configuration, not the post: it will not get better by itself.
    return PublishError.fatal(
      `${message} (LinkedIn-Version ${version} is not active: set LINKEDIN_VERSION to a current YYYYMM)`,
    );
  }
  if (res.status === 401) return PublishError.reauth(message).because('needsReconnect', linkedin, said);
  if (res.status === 403) {
    return PublishError.fatal(
      `${message} (the token lacks a permission, e.g. w_organization_social, or its member is not a page admin)`,
    ).because('missingPermission', linkedin, said);
  }
  if (e.errorDetails?.inputErrors?.some((i) => i.code === 'DUPLICATE_POST')) {
    return PublishError.fatal(message).because('duplicatePost', linkedin, said);
  }
  if (res.status === 429) {
    return PublishError.retry(message, retryAfterMs(res.headers, now) ?? untilMidnightUtc(now)).because(
      'postingLimit',
      linkedin,
      said,
    );
  }
  return classifyStatus(res, call, message, now);
}
