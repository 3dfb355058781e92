/**
 * The Connect button (issue 22): `/connect <network> account:…` without a token gives the person a
 * link to `PUBLIC_URL/oauth/<network>/start?state=…`. The state is random (256 bits), stored in
 * OAuthState bound to the workspace, the person, the network and the account, lives 10 minutes and
 * is spent by the first callback that shows it. The callback exchanges the code, checks the token
 * as a pasted one is checked, stores it sealed with its lapse and scopes, and tells the chat.
 */
import { randomBytes } from 'node:crypto';
import type { Member, OAuthState, Workspace } from '@prisma/client';
import {
  type AccountLogin,
  authorizationUrl,
  exchangeCode,
  type Grant,
  type LoginAccount,
  missingScopes,
  type OAuthClient,
  type OAuthSpec,
  pkceVerifier,
} from '../../../integrations/oauth.js';
import type { Provider } from '../../../integrations/provider.js';
import { type ProviderId, providerById } from '../../../integrations/registry.js';
import type { Config } from '../../config.js';
import { dropIsolates, iso, type Locale } from '../../core/i18n.js';
import type { Notifier } from '../../core/notifier.js';
import { type Action, actions, context, type Reply, reply, text } from '../../core/reply.js';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import { count } from '../../lib/plural.js';
import { maskSecrets } from '../../lib/text.js';
import type { Logger } from '../../log.js';
import type { AuditService } from '../audit.js';
import type { GrantInfo, IntegrationService } from '../integrations.js';
import type { Secrets } from '../secrets.js';
import { m } from './messages.js';
import { PICK_BUTTONS, PICK_MINUTES, PickStore, type Picks, pickAction } from './picks.js';

/** How long a Connect link works. */
export const STATE_MINUTES = 10;

/** What /connect shows: the link, or the settings the server lacks for one. */
export type Begin = { kind: 'link'; url: string } | { kind: 'not-ready'; variables: string[] };

/** The browser page a flow ends on; `locale` undefined when nothing says whose it is (both languages). */
export interface OAuthPage {
  status: number;
  locale: Locale | undefined;
  lines: string[];
}

export type StartAnswer = { redirect: string } | { page: OAuthPage };

interface Deps {
  db: Db;
  config: Config;
  clock: Clock;
  integrations: IntegrationService;
  notifier: Notifier;
  audit: AuditService;
  log: Logger;
  /** Seals the accounts a login reached while the person picks among them. */
  secrets: Secrets;
}

/** Whose flow it is and what it connects; `accountId` empty when the person did not name one. */
interface Flow {
  workspace: Workspace;
  member: Member | null;
  locale: Locale;
  provider: Provider;
  accountId: string;
}

/** The Reconnect button of a lapse or refusal notice (commands/connect.ts answers it). */
export function reconnectAction(provider: string, accountId: string, label: string): Action {
  return { id: 'connect.reconnect', label, payload: `${provider}:${accountId}`, style: 'primary' };
}

/** The network's Connect button spec and the app credentials the server has for it. */
export function oauthOf(provider: string, config: Config): { spec: OAuthSpec; client?: OAuthClient } | undefined {
  const spec = providerById(provider)?.oauth;
  if (!spec) return undefined;
  const client = spec.client(config);
  return client ? { spec, client } : { spec };
}

export class OAuthConnectService {
  private readonly picks: PickStore;

  constructor(private readonly d: Deps) {
    this.picks = new PickStore(d);
  }

  /** The accounts this person's latest login reached, to pick from; undefined once lapsed. */
  pickable(workspace: Workspace, member: Member, provider: ProviderId): Promise<Picks | undefined> {
    return this.picks.latest(workspace.id, member.externalId, provider);
  }

  /** A Connect link for this person, network and account; or what the server must set first. */
  async begin(workspace: Workspace, member: Member, provider: ProviderId, accountId: string): Promise<Begin> {
    const oauth = oauthOf(provider, this.d.config);
    if (!oauth) return { kind: 'not-ready', variables: [] };
    // The spec names its variables as strings; read them off the config by name.
    const config: Record<string, unknown> = { ...this.d.config };
    const variables = [
      ...(this.d.config.PUBLIC_URL ? [] : ['PUBLIC_URL']),
      // The callback needs the HTTP server, which console mode starts only with a PORT.
      ...(this.d.config.PORT !== undefined || this.d.config.slack?.mode === 'http' ? [] : ['PORT']),
      ...(oauth.client ? [] : oauth.spec.clientVariables.filter((v) => !config[v])),
    ];
    if (variables.length > 0) return { kind: 'not-ready', variables };
    const state = randomBytes(32).toString('base64url');
    await this.d.db.oAuthState.create({
      data: {
        id: state,
        workspaceId: workspace.id,
        memberId: member.externalId,
        // OAuthState has no account column: the account rides with the network, "linkedin:2414183".
        provider: `${provider}:${accountId}`,
        codeVerifier: oauth.spec.pkce ? pkceVerifier() : null,
        expiresAt: new Date(this.d.clock.now().getTime() + STATE_MINUTES * 60_000),
      },
    });
    return { kind: 'link', url: `${this.d.config.PUBLIC_URL}/oauth/${provider}/start?state=${state}` };
  }

  /** GET /oauth/<network>/start: on to the network's authorization page while the state is live. */
  async start(provider: string, stateId: string | null): Promise<StartAnswer> {
    const found = await this.live(provider, stateId);
    if ('page' in found) return found;
    const { row, oauth } = found;
    return {
      redirect: authorizationUrl(oauth.spec, this.d.config, oauth.client, {
        state: row.id,
        redirectUri: this.redirectUri(provider),
        ...(row.codeVerifier ? { verifier: row.codeVerifier } : {}),
      }),
    };
  }

  /** GET /oauth/<network>/callback: spends the state, then exchanges the code and connects. */
  async callback(provider: string, query: URLSearchParams): Promise<OAuthPage> {
    const found = await this.live(provider, query.get('state'));
    if ('page' in found) return found.page;
    const { row, oauth } = found;
    // Spent by whoever moves its expiry first: a replayed or concurrent callback finds it expired.
    const spent = await this.d.db.oAuthState.updateMany({
      where: { id: row.id, expiresAt: row.expiresAt },
      data: { expiresAt: new Date(0) },
    });
    const workspace = await this.d.db.workspace.findUnique({ where: { id: row.workspaceId } });
    if (spent.count !== 1 || !workspace) return this.invalid(workspace?.locale);
    const member = await this.d.db.member.findUnique({
      where: { workspaceId_externalId: { workspaceId: workspace.id, externalId: row.memberId } },
    });
    const locale: Locale = (member?.locale ?? workspace.locale) === 'ar' ? 'ar' : 'en';
    const t = m[locale];
    const p = providerById(provider);
    const name = p?.name ?? provider;
    const accountId = row.provider.slice(provider.length + 1);
    const code = query.get('code');
    if (!code || !p) {
      // RFC 6749 §4.1.2.1: the person said no (access_denied) or the network could not ask them.
      return { status: 400, locale, lines: [t.pageDenied({ provider: name })] };
    }
    if (oauth.spec.login) {
      return this.loginCallback(oauth.spec.login, oauth, { workspace, member, locale, provider: p, accountId, code });
    }
    let grant: Grant;
    try {
      grant = await exchangeCode(
        oauth.spec,
        this.d.config,
        oauth.client,
        { code, redirectUri: this.redirectUri(provider), ...(row.codeVerifier ? { verifier: row.codeVerifier } : {}) },
        this.d.clock.now(),
      );
    } catch (err) {
      return this.failed(workspace, member, locale, name, reasonOf(err, []));
    }
    const keepsRefresh = oauth.spec.connectWith === 'access';
    return this.finish(
      { workspace, member, locale, provider: p, accountId },
      keepsRefresh ? grant.accessToken : (grant.refreshToken ?? grant.accessToken),
      {
        ...(keepsRefresh && grant.refreshToken ? { refreshToken: grant.refreshToken } : {}),
        // Google's refresh token does not lapse; its hour-long access tokens are renewed on use.
        ...(keepsRefresh && grant.expiresAt ? { expiresAt: grant.expiresAt } : {}),
        ...(grant.scopes ? { scopes: grant.scopes } : {}),
      },
      missingScopes(oauth.spec, grant.scopes),
      [grant.accessToken, grant.refreshToken ?? ''],
    );
  }

  /**
   * A login that reaches several accounts (Facebook Login: the person's Pages): one, or the one
   * the link was for, is connected at once; several are offered in chat to pick from.
   */
  private async loginCallback(
    login: AccountLogin,
    oauth: { spec: OAuthSpec; client: OAuthClient },
    who: Flow & { code: string },
  ): Promise<OAuthPage> {
    const { workspace, member, locale, provider: p, accountId } = who;
    const t = m[locale];
    let grant: Grant & { scopes: string[] };
    let accounts: LoginAccount[];
    try {
      const flow = { code: who.code, redirectUri: this.redirectUri(p.id) };
      grant = await login.exchange(this.d.config, oauth.client, flow, this.d.clock.now());
      accounts = await login.accounts(this.d.config, grant);
    } catch (err) {
      return this.failed(workspace, member, locale, p.name, reasonOf(err, []));
    }
    const secrets = [grant.accessToken, ...accounts.map((a) => a.token)];
    const missing = missingScopes(oauth.spec, grant.scopes);
    const chosen = accountId ? accounts.filter((a) => a.id === accountId) : accounts;
    const [only] = chosen;
    if (!only) {
      const reason = accountId
        ? t.notAmong({ provider: p.name, account: accountId })
        : p.id === 'instagram'
          ? t.noInstagram
          : t.noPages;
      return this.failed(workspace, member, locale, p.name, reason, missing);
    }
    if (chosen.length === 1) {
      return this.finish({ ...who, accountId: only.id }, only.token, { scopes: grant.scopes }, missing, secrets);
    }
    await this.picks.save(workspace, member, p.id, { accounts: chosen, scopes: grant.scopes });
    const names = listed(
      chosen.map((a) => iso(a.name)),
      locale,
    );
    const kind = p.id === 'instagram' ? t.kindInstagram : t.kindFacebook;
    await this.tell(workspace, member, [
      text(t.pickChat({ kind, names })),
      actions(chosen.slice(0, PICK_BUTTONS).map((a) => pickAction(p.id, a))),
      context(t.pickHow({ id: p.id, minutes: count(PICK_MINUTES, 'minute', locale) })),
      ...(missing.length > 0 ? [context(t.missingChat({ provider: p.name, scopes: missing.join(', ') }))] : []),
    ]);
    return { status: 200, locale, lines: [t.pagePick({ kind, names: dropIsolates(names) })] };
  }

  /** Checks the token as a pasted one is checked, stores it sealed, and tells the chat and the page. */
  private async finish(
    who: Flow,
    token: string,
    grant: GrantInfo,
    missing: readonly string[],
    secrets: readonly string[],
  ): Promise<OAuthPage> {
    const { workspace, member, locale, provider: p, accountId } = who;
    const t = m[locale];
    try {
      const connected = await this.d.integrations.connect(workspace, p.id as ProviderId, { accountId, token }, grant);
      if (member) {
        await this.d.audit.record({ workspace, member }, 'integration.connect', `${p.id}:${accountId}`, {
          via: 'oauth',
        });
      }
      const scopes = missing.join(', ');
      await this.tell(workspace, member, [
        text(t.connectedChat({ provider: p.name, name: connected.name })),
        ...(missing.length > 0 ? [context(t.missingChat({ provider: p.name, scopes }))] : []),
      ]);
      return {
        status: 200,
        locale,
        lines: [
          t.pageConnected({ provider: p.name, name: connected.name }),
          ...(missing.length > 0 ? [t.pageMissing({ scopes })] : []),
        ],
      };
    } catch (err) {
      return this.failed(workspace, member, locale, p.name, reasonOf(err, secrets));
    }
  }

  private async failed(
    workspace: Workspace,
    member: Member | null,
    locale: Locale,
    provider: string,
    reason: string,
    missing: readonly string[] = [],
  ): Promise<OAuthPage> {
    const t = m[locale];
    const scopes = missing.join(', ');
    await this.tell(
      workspace,
      member,
      [
        text(t.failedChat({ provider, reason })),
        ...(missing.length > 0 ? [context(t.missingChat({ provider, scopes }))] : []),
      ],
      'error',
    );
    return { status: 502, locale, lines: [m[locale].pageFailed({ provider, reason })] };
  }

  /** The state row when it is live for this network, and the network's spec with its client. */
  private async live(
    provider: string,
    stateId: string | null,
  ): Promise<{ row: OAuthState; oauth: { spec: OAuthSpec; client: OAuthClient } } | { page: OAuthPage }> {
    const row =
      stateId && /^[\w-]{20,100}$/.test(stateId)
        ? await this.d.db.oAuthState.findUnique({ where: { id: stateId } })
        : null;
    const oauth = oauthOf(provider, this.d.config);
    if (!row?.provider.startsWith(`${provider}:`) || row.expiresAt <= this.d.clock.now() || !oauth?.client) {
      const workspace = row ? await this.d.db.workspace.findUnique({ where: { id: row.workspaceId } }) : null;
      return { page: this.invalid(workspace?.locale) };
    }
    return { row, oauth: { spec: oauth.spec, client: oauth.client } };
  }

  /** Expired, spent or unknown: the workspace's language when the state names one, else both. */
  private invalid(workspaceLocale: string | undefined): OAuthPage {
    const locale = workspaceLocale === 'ar' ? 'ar' : workspaceLocale ? 'en' : undefined;
    return {
      status: 400,
      locale,
      lines: locale ? [m[locale].pageInvalid] : [m.en.pageInvalid, m.ar.pageInvalid],
    };
  }

  private redirectUri(provider: string): string {
    return `${this.d.config.PUBLIC_URL}/oauth/${provider}/callback`;
  }

  /** Tells the person, by mention in the team channel (the notifier has no direct messages). */
  private async tell(
    workspace: Workspace,
    member: Member | null,
    blocks: Reply['blocks'],
    tone: 'success' | 'error' = 'success',
  ): Promise<void> {
    const mention = member ? [{ id: member.externalId, name: member.name || member.externalId }] : [];
    try {
      await this.d.notifier.post(workspace, 'team', reply(undefined, blocks, { tone, mention }));
    } catch (err) {
      this.d.log.warn({ err, workspace: workspace.id }, 'could not tell the team about a Connect button result');
    }
  }
}

/** Names within a sentence, joined as a reader says them («أ وب وج»). */
function listed(names: readonly string[], locale: Locale): string {
  return new Intl.ListFormat(locale, { type: 'conjunction' }).format(names);
}

/** Why a connect failed, without any token the network or the grant carried. */
function reasonOf(err: unknown, secrets: readonly string[]): string {
  let message = err instanceof Error ? err.message : String(err);
  for (const s of secrets) if (s.length >= 4) message = message.split(s).join('***');
  return maskSecrets(message).slice(0, 300);
}
