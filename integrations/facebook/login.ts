/**
 * Facebook Login for the Connect button of Facebook Pages and Instagram professional accounts
 * ("Manually Build a Login Flow"): the dialog at META_LOGIN_URL/<version>/dialog/oauth; the code
 * exchanged at `oauth/access_token` for a short-lived user token, that one for a long-lived user
 * token (`grant_type=fb_exchange_token`, about 60 days); the granted permissions read from
 * `GET /me/permissions`; the person's Pages from `GET /me/accounts`, each with a Page token, which
 * does not expire when it comes from a long-lived user token. Instagram accounts are those linked
 * to the Pages (`instagram_business_account`), published to with their Page's token.
 */
import { z } from 'zod';
import { type HttpCall, joinUrl, parseJson, send } from '../http.js';
import type { AccountLogin, LoginAccount, OAuthConfig, OAuthSpec } from '../oauth.js';
import { GRAPH_VERSION, type GraphError, graphError } from './graph.js';

/**
 * What each network's Connect button asks for. `business_management` lets /me/accounts list Pages
 * a Business portfolio owns; the bot works without it, so it is asked for and not required.
 */
const OPTIONAL = ['business_management'];
const SCOPES = {
  facebook: [
    'pages_show_list',
    'pages_read_engagement',
    'pages_manage_posts',
    'pages_read_user_content',
    'pages_manage_engagement',
    'read_insights',
  ],
  instagram: [
    'instagram_basic',
    'instagram_content_publish',
    'instagram_manage_comments',
    'instagram_manage_insights',
    'pages_show_list',
    'pages_read_engagement',
  ],
} as const;

export type MetaNetwork = keyof typeof SCOPES;

const tokenAnswer = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.coerce.number().positive().optional(),
});
const permissions = z.object({
  data: z.array(z.object({ permission: z.string(), status: z.string() })),
});
const pages = z.object({
  data: z.array(
    z.object({
      id: z.string().regex(/^\d{1,30}$/),
      name: z.string(),
      access_token: z.string().min(1).optional(),
      instagram_business_account: z
        .object({ id: z.string().regex(/^\d{1,30}$/), username: z.string().optional() })
        .optional(),
    }),
  ),
  paging: z.object({ cursors: z.object({ after: z.string() }).optional(), next: z.string().optional() }).optional(),
});
/** Pages read per call, and calls at most: a person with more than 500 Pages names the one with account:. */
const PAGE_SIZE = 100;
const MAX_CALLS = 5;

/** The Connect button spec of Facebook Pages or Instagram. */
export function metaOAuthSpec(network: MetaNetwork): OAuthSpec {
  return {
    clientVariables: ['META_APP_ID', 'META_APP_SECRET'],
    client: (c) => (c.META_APP_ID && c.META_APP_SECRET ? { id: c.META_APP_ID, secret: c.META_APP_SECRET } : undefined),
    authorizeUrl: (c) => joinUrl(c.META_LOGIN_URL, `${GRAPH_VERSION}/dialog/oauth`),
    tokenUrl: (c) => joinUrl(c.META_GRAPH_URL, `${GRAPH_VERSION}/oauth/access_token`),
    scopes: [...SCOPES[network], ...OPTIONAL],
    needed: SCOPES[network],
    scopeSeparator: ',',
    // Facebook Login's PKCE is the OIDC flow, still marked as testing by Meta: the state alone binds the flow.
    pkce: false,
    clientAuth: 'body',
    connectWith: 'access',
    login: metaLogin(network),
  };
}

function metaLogin(network: MetaNetwork): AccountLogin {
  return {
    async exchange(config, client, flow, now) {
      const short = await tokenCall(config, {
        client_id: client.id,
        client_secret: client.secret ?? '',
        redirect_uri: flow.redirectUri,
        code: flow.code,
      });
      const long = await tokenCall(config, {
        grant_type: 'fb_exchange_token',
        client_id: client.id,
        client_secret: client.secret ?? '',
        fb_exchange_token: short.access_token,
      });
      const granted = await graphGet(config, long.access_token, 'me/permissions', {}, permissions);
      return {
        accessToken: long.access_token,
        ...(long.expires_in ? { expiresAt: new Date(now.getTime() + long.expires_in * 1000) } : {}),
        scopes: granted.data.filter((p) => p.status === 'granted').map((p) => p.permission),
      };
    },
    async accounts(config, grant) {
      const found: LoginAccount[] = [];
      let after: string | undefined;
      for (let call = 0; call < MAX_CALLS; call++) {
        const fields = 'id,name,access_token,instagram_business_account{id,username}';
        const params: Record<string, string> = { fields, limit: String(PAGE_SIZE), ...(after ? { after } : {}) };
        const answer = await graphGet(config, grant.accessToken, 'me/accounts', params, pages);
        for (const page of answer.data) {
          // A Page the person cannot create content on comes without a token: nothing to connect.
          if (!page.access_token) continue;
          const ig = page.instagram_business_account;
          if (network === 'facebook') found.push({ id: page.id, name: page.name, token: page.access_token });
          else if (ig)
            found.push({ id: ig.id, name: ig.username ? `@${ig.username}` : page.name, token: page.access_token });
        }
        after = answer.paging?.next ? answer.paging.cursors?.after : undefined;
        if (!after) break;
      }
      return found;
    },
  };
}

/**
 * `oauth/access_token`, sent as a form POST (Graph takes POST as well as GET on every endpoint) so
 * the app secret and the code stay out of any URL a proxy might log.
 */
async function tokenCall(config: OAuthConfig, form: Record<string, string>): Promise<z.infer<typeof tokenAnswer>> {
  const call: HttpCall = {
    method: 'POST',
    url: joinUrl(config.META_GRAPH_URL, `${GRAPH_VERSION}/oauth/access_token`),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
    // A code works once: asking again after a lost answer would only read "already used".
    idempotent: false,
  };
  const res = await send(call);
  const body = parseJson(res.text);
  const ok = tokenAnswer.safeParse(body);
  if (res.status === 200 && ok.success) return ok.data;
  throw answerError(body, res.status, res.headers);
}

async function graphGet<T>(
  config: OAuthConfig,
  token: string,
  path: string,
  params: Record<string, string>,
  schema: z.ZodType<T>,
): Promise<T> {
  const url = new URL(joinUrl(config.META_GRAPH_URL, `${GRAPH_VERSION}/${path}`));
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  const res = await send({
    method: 'GET',
    url: url.toString(),
    headers: { authorization: `Bearer ${token}` },
    idempotent: true,
  });
  const body = parseJson(res.text);
  const ok = schema.safeParse(body);
  if (res.status === 200 && ok.success) return ok.data;
  throw answerError(body, res.status, res.headers);
}

function answerError(body: unknown, status: number, headers: Headers): Error {
  const error = ((body as { error?: GraphError } | undefined)?.error ?? {}) as GraphError;
  if (!error.message && status === 200) return new Error('Facebook answered without the expected fields');
  return graphError(error, status, headers, false, new Date());
}
