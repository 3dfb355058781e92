/**
 * The Connect button end to end from the console (issue 22 item 2): /connect without a token gives
 * a link; the bot's start address sends the browser to the fake authorization server
 * (test/fakes/oauth.ts), which sends it back to the callback with a code; the bot exchanges it,
 * checks the token against the network's fake, stores it sealed with its lapse and scopes, and
 * tells the person in chat. Then: spent, expired and unknown links; refusals; missing scopes;
 * renewal before expiry; the 7-day and 1-day lapse notices, each once; both languages.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { exchangeCode, OAuthRefused, pkceVerifier } from '../../integrations/oauth.js';
import { x as xProvider } from '../../integrations/x/index.js';
import { loadConfig } from '../../src/config.js';
import { actionsOf } from '../../src/core/reply.js';
import { TOKEN_EXPIRY_JOB, TOKEN_REFRESH_JOB } from '../../src/workspace/feature.js';
import { FakeGa4 } from '../fakes/ga4.js';
import { FakeLinkedIn } from '../fakes/linkedin.js';
import { FakeOAuth } from '../fakes/oauth.js';
import { FakeTiktok } from '../fakes/tiktok.js';
import { FakeX } from '../fakes/x.js';
import { FakeYoutube } from '../fakes/youtube.js';
import { createTestApp, identity, type TestApp, textOf } from '../helpers/app.js';
import { ORG, seedLinkedIn } from '../helpers/linkedin.js';
import { CLIENT_SECRETS, clickConnect, connectUrl, freePort, get, oauthEnv } from '../helpers/oauth.js';
import { seedTiktok, TT_USER } from '../helpers/tiktok.js';
import { seedX, X_HANDLE } from '../helpers/x.js';

const DAY = 24 * 3600_000;
const auth = new FakeOAuth();
const li = new FakeLinkedIn();
const xapi = new FakeX();
const tt = new FakeTiktok();
const yt = new FakeYoutube();
const ga4 = new FakeGa4();
const PROPERTY = '412345678';
const X_ACCOUNT = { id: '1500000000000000001', username: X_HANDLE, name: 'Cold Brew Co' };
const CHANNEL = 'UCcoldbrew0000000000000a';

beforeAll(async () => {
  await Promise.all([auth.start(), li.start(), xapi.start(), tt.start(), yt.start(), ga4.start()]);
  ga4.addProperty(PROPERTY, 'Asia/Riyadh');
  seedLinkedIn(li);
  seedX(xapi);
  seedTiktok(tt);
  xapi.oauthToken = (req) => auth.token('x', req);
  tt.oauthToken = (req) => auth.token('tiktok', req);
  // The person who signs in on each network: the page admin, the X account, the TikTok creator, the channel owner.
  auth.onIssue = (network, token, scopes) => {
    if (network === 'linkedin') li.addToken(token, 'admin1', scopes);
    if (network === 'x') xapi.addToken(token, X_ACCOUNT, scopes);
    if (network === 'tiktok')
      tt.addToken(token, { openId: 'tt-open-1', username: TT_USER, name: 'Cold Brew Co' }, scopes);
    if (network === 'google') {
      yt.oauth.addAccessToken(token, { channelId: CHANNEL, title: 'Cold Brew Channel' });
      ga4.oauth.addAccessToken(token, { properties: [PROPERTY] });
    }
  };
});
afterAll(() => Promise.all([auth.close(), li.close(), xapi.close(), tt.close(), yt.close(), ga4.close()]));

describe('the Connect button from the console', () => {
  let app: TestApp;
  let publicUrl: string;

  beforeEach(async () => {
    const port = await freePort();
    publicUrl = `http://127.0.0.1:${port}`;
    app = await createTestApp({
      PORT: String(port),
      LINKEDIN_API_URL: li.url,
      X_API_URL: xapi.url,
      TIKTOK_API_URL: tt.url,
      YOUTUBE_API_URL: yt.url,
      GA4_API_URL: ga4.url,
      ...oauthEnv(auth, publicUrl),
    });
    await app.listen();
  });
  afterEach(async () => {
    const everything = JSON.stringify([app.recorder.notices, await app.services.db.integration.findMany()]);
    for (const secret of CLIENT_SECRETS) expect(everything).not.toContain(secret);
    await app.cleanup();
  });

  const integration = (provider: string) => app.services.db.integration.findFirstOrThrow({ where: { provider } });
  const lastNotice = () => textOf(app.recorder.besidesDigests().at(-1)?.reply ?? { blocks: [] });

  it('connects a LinkedIn page: link, start, authorization, callback, token sealed, chat told', async () => {
    const r = await app.say(`/connect linkedin account:${ORG}`);
    expect(textOf(r)).toMatch(/Press Connect to sign in to LinkedIn and allow mktbot to use 2414183.*10 minutes/);
    const url = connectUrl(r);
    expect(url).toMatch(new RegExp(`^${publicUrl}/oauth/linkedin/start\\?state=[\\w-]{43}$`));
    // The state is stored bound to the workspace and the person, for ten minutes.
    const state = await app.services.db.oAuthState.findFirstOrThrow();
    expect(state).toMatchObject({ memberId: 'U1', provider: `linkedin:${ORG}`, codeVerifier: null });
    expect(state.expiresAt.getTime() - app.clock.now().getTime()).toBe(10 * 60_000);

    const { start, callback, authorizeUrl } = await clickConnect(url);
    expect(start.headers.get('cache-control')).toBe('no-store');
    expect(Object.fromEntries(authorizeUrl.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'li-client',
      redirect_uri: `${publicUrl}/oauth/linkedin/callback`,
      scope: 'w_organization_social r_organization_social rw_organization_admin',
      state: state.id,
    });
    expect(callback.status).toBe(200);
    expect(callback.text).toContain('LinkedIn is connected: Cold Brew Co');
    expect(callback.headers.get('content-type')).toMatch(/^text\/html/);

    const row = await integration('linkedin');
    expect(row).toMatchObject({
      accountId: ORG,
      status: 'ok',
      scopes: 'w_organization_social r_organization_social rw_organization_admin',
    });
    expect(row.expiresAt?.getTime()).toBe(app.clock.now().getTime() + 60 * DAY);
    expect(row.credentials).not.toMatch(/linkedin-access/);
    const told = app.recorder.besidesDigests().at(-1);
    expect(told?.reply.mention).toEqual([{ id: 'U1', name: 'Test User' }]);
    expect(lastNotice()).toContain('LinkedIn connected through the Connect button: Cold Brew Co');
    expect(lastNotice()).not.toMatch(/missing/);
    const audit = await app.services.db.auditLog.findFirstOrThrow({ where: { action: 'integration.connect' } });
    expect(audit).toMatchObject({ actorId: 'U1', target: `linkedin:${ORG}` });
    // /connect status shows the day it lapses (LinkedIn gives no refresh token to this app).
    expect(textOf(await app.say('/connect status'))).toMatch(/LinkedIn.*2414183.*ok.*Expires Monday, 25 January 2027/);

    // The link works once: the same callback again is refused and changes nothing.
    const calls = auth.tokenCalls.length;
    const again = await get(`${publicUrl}/oauth/linkedin/callback?code=whatever&state=${state.id}`);
    expect(again.status).toBe(400);
    expect(again.text).toContain('has expired, has already been used, or is not valid');
    expect(auth.tokenCalls.length).toBe(calls);
    // A published post goes out with the token the button stored.
    expect((await app.say('/schedule linkedin in 10 minutes | Connected by button')).tone).toBe('success');
  });

  it('names the permissions the person unticked, and stores what works', async () => {
    auth.grantOnly('linkedin', ['r_organization_social']);
    const { callback } = await clickConnect(connectUrl(await app.say(`/connect linkedin account:${ORG}`)));
    expect(callback.text).toContain('Some permissions were not granted (w_organization_social)');
    expect(lastNotice()).toMatch(
      /LinkedIn did not grant every permission mktbot asked for; missing: w_organization_social/,
    );
    expect((await integration('linkedin')).scopes).toBe('r_organization_social');
  });

  it('refuses an expired, unknown, foreign-network or denied link, saving nothing', async () => {
    const url = connectUrl(await app.say(`/connect linkedin account:${ORG}`));
    app.clock.advance(11 * 60_000);
    const late = await get(url);
    expect(late.status).toBe(400);
    expect(late.text).toContain('This Connect link has expired');
    // Unknown: no workspace to take a language from, so both.
    const unknown = await get(`${publicUrl}/oauth/linkedin/callback?code=c&state=${'a'.repeat(43)}`);
    expect(unknown.text).toContain('This Connect link has expired');
    expect(unknown.text).toContain('انتهت صلاحية رابط الربط هذا');
    // A LinkedIn state shown to the X callback.
    const state = new URL(connectUrl(await app.say(`/connect linkedin account:${ORG}`))).searchParams.get('state');
    expect((await get(`${publicUrl}/oauth/x/start?state=${state}`)).status).toBe(400);
    // The person pressed Cancel on LinkedIn.
    auth.deny('linkedin');
    const { callback } = await clickConnect(connectUrl(await app.say(`/connect linkedin account:${ORG}`)));
    expect(callback.status).toBe(400);
    expect(callback.text).toContain('Access was not allowed on LinkedIn. Nothing was saved.');
    expect(await app.services.db.integration.count()).toBe(0);
  });

  it('says in chat why a token the network refuses to check was not saved', async () => {
    // The person who signs in is an analyst of the page, not an admin.
    const onIssue = auth.onIssue;
    auth.onIssue = (_network, token, scopes) => {
      li.addToken(token, 'analyst1', scopes);
    };
    try {
      const { callback } = await clickConnect(connectUrl(await app.say(`/connect linkedin account:${ORG}`)));
      expect(callback.status).toBe(502);
      expect(callback.text).toMatch(/Connecting LinkedIn failed: .*ANALYST/);
      expect(lastNotice()).toMatch(/Connecting LinkedIn through the Connect button failed: .*Nothing was saved/);
      expect(lastNotice()).not.toMatch(/linkedin-access/);
      expect(await app.services.db.integration.count()).toBe(0);
    } finally {
      auth.onIssue = onIssue;
    }
  });

  it('connects X with PKCE (S256) and renews its two-hour token before it lapses', async () => {
    const { callback, authorizeUrl } = await clickConnect(connectUrl(await app.say(`/connect x account:@${X_HANDLE}`)));
    expect(authorizeUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorizeUrl.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(callback.text).toContain('X is connected: Cold Brew Co');
    const exchange = auth.tokenCalls.at(-1);
    // X's confidential client: HTTP Basic, the verifier, no secret in the form.
    expect(exchange?.basic).toBe(Buffer.from('x-client:x-secret-value').toString('base64'));
    expect(exchange?.form).toMatchObject({ grant_type: 'authorization_code' });
    expect(exchange?.form.code_verifier).toMatch(/^[\w-]{43,128}$/);
    expect(exchange?.form.client_secret).toBeUndefined();
    const first = await integration('x');
    expect(first.expiresAt?.getTime()).toBe(app.clock.now().getTime() + 7200_000);
    expect(textOf(await app.say('/connect status'))).toMatch(/X.*ok.*Renewed automatically/);

    // Not yet due: nothing is asked.
    const before = auth.tokenCalls.length;
    await app.jobs.runNow(TOKEN_REFRESH_JOB);
    expect(auth.tokenCalls.length).toBe(before);
    app.clock.advance(95 * 60_000);
    await app.jobs.runNow(TOKEN_REFRESH_JOB);
    const refresh = auth.tokenCalls.at(-1);
    expect(refresh?.form.grant_type).toBe('refresh_token');
    const renewed = await integration('x');
    expect(renewed.expiresAt?.getTime()).toBe(app.clock.now().getTime() + 7200_000);
    expect(renewed.credentials).not.toBe(first.credentials);
    // X rotated the refresh token: the next renewal uses the new one, and works.
    app.clock.advance(95 * 60_000);
    await app.jobs.runNow(TOKEN_REFRESH_JOB);
    expect(auth.tokenCalls.at(-1)?.form.refresh_token).not.toBe(refresh?.form.refresh_token);
    expect((await integration('x')).status).toBe('ok');
    // The bot was down past the lapse and a post was refused meanwhile: the refresh token still renews it.
    app.clock.advance(3 * 3600_000);
    await app.services.integrations.markReauth(await integration('x'), 'X refused the token (401)');
    await app.jobs.runNow(TOKEN_REFRESH_JOB);
    expect(await integration('x')).toMatchObject({ status: 'ok', statusMessage: null });
    // The post still goes out with the renewed token.
    expect((await app.say(`/schedule x in 10 minutes | Renewed and posting`)).tone).toBe('success');

    // The person removes the app's access on X: the next renewal is refused, the team is told once.
    auth.revokeAll('x');
    app.clock.advance(95 * 60_000);
    await app.jobs.runNow(TOKEN_REFRESH_JOB);
    await app.jobs.runNow(TOKEN_REFRESH_JOB);
    expect(await integration('x')).toMatchObject({ status: 'reauth', expiresAt: null });
    const refusals = app.recorder.notices.filter((n) => n.reply.title === 'The X connection needs to be renewed');
    expect(refusals).toHaveLength(1);
    // What happened in words, X's own quoted, not the protocol's code ("invalid_grant").
    expect(textOf(refusals[0]?.reply ?? { blocks: [] })).toContain(
      'X would not renew the connection: the access the bot was given has been withdrawn or has lapsed (X said: “refresh token invalid or revoked”). An admin should press Reconnect (or run /connect x); posts to X fail until then.',
    );
    expect(actionsOf(refusals[0]?.reply ?? { blocks: [] })[0]).toMatchObject({
      id: 'connect.reconnect',
      payload: 'x:coldbrewco',
    });
  });

  it('connects TikTok with its client key and comma-joined scopes, YouTube and GA4 with a Google refresh token', async () => {
    const tiktok = await clickConnect(connectUrl(await app.say(`/connect tiktok account:@${TT_USER}`)));
    expect(tiktok.authorizeUrl.searchParams.get('client_key')).toBe('tt-client-key');
    expect(tiktok.authorizeUrl.searchParams.get('scope')).toBe('user.info.basic,video.publish');
    expect(tiktok.authorizeUrl.searchParams.has('code_challenge')).toBe(false);
    expect(tiktok.callback.text).toContain('TikTok is connected');
    expect((await integration('tiktok')).scopes).toBe('user.info.basic video.publish');
    // TikTok's day-long token is renewed in its last half hour, with the client key in the form.
    const lapse = (await integration('tiktok')).expiresAt?.getTime() ?? 0;
    app.clock.advance(23 * 3600_000 + 40 * 60_000);
    await app.jobs.runNow(TOKEN_REFRESH_JOB);
    expect(auth.tokenCalls.at(-1)?.form).toMatchObject({ grant_type: 'refresh_token', client_key: 'tt-client-key' });
    expect((await integration('tiktok')).expiresAt?.getTime()).toBe(app.clock.now().getTime() + 86_400_000);
    expect((await integration('tiktok')).expiresAt?.getTime()).toBeGreaterThan(lapse);

    const google = await clickConnect(connectUrl(await app.say(`/connect youtube account:${CHANNEL}`)));
    expect(Object.fromEntries(google.authorizeUrl.searchParams)).toMatchObject({
      access_type: 'offline',
      prompt: 'consent',
      code_challenge_method: 'S256',
      scope: 'https://www.googleapis.com/auth/youtube.upload https://www.googleapis.com/auth/youtube.force-ssl',
    });
    expect(google.callback.text).toContain('YouTube is connected: Cold Brew Channel');
    const row = await integration('youtube');
    // Google's refresh token does not lapse: no expiry, nothing to announce.
    expect(row.expiresAt).toBeNull();

    const analytics = await clickConnect(connectUrl(await app.say(`/connect ga4 account:properties/${PROPERTY}`)));
    expect(analytics.authorizeUrl.searchParams.get('scope')).toBe('https://www.googleapis.com/auth/analytics.readonly');
    expect(analytics.authorizeUrl.searchParams.get('redirect_uri')).toBe(`${publicUrl}/oauth/ga4/callback`);
    expect(analytics.callback.text).toContain('Google Analytics is connected: GA4 property 412345678 (Asia/Riyadh)');
    expect(await integration('ga4')).toMatchObject({
      accountId: PROPERTY,
      status: 'ok',
      scopes: 'https://www.googleapis.com/auth/analytics.readonly',
    });
  });

  it('renews a LinkedIn token of an app LinkedIn gave refresh tokens to, and announces nothing', async () => {
    auth.register('linkedin', {
      clientId: 'li-client',
      clientSecret: 'li-secret-value',
      redirectUri: `${publicUrl}/oauth/linkedin/callback`,
      accessSeconds: 60 * 24 * 3600,
      refresh: true,
    });
    await clickConnect(connectUrl(await app.say(`/connect linkedin account:${ORG}`)));
    expect(textOf(await app.say('/connect status'))).toMatch(/LinkedIn.*Renewed automatically/);
    app.clock.advance(60 * DAY - 20 * 60_000);
    await app.jobs.runNow(TOKEN_EXPIRY_JOB);
    expect(app.recorder.notices.filter((n) => /lapses in/.test(n.reply.title ?? ''))).toHaveLength(0);
    await app.jobs.runNow(TOKEN_REFRESH_JOB);
    expect(auth.tokenCalls.at(-1)?.form).toMatchObject({ grant_type: 'refresh_token', client_id: 'li-client' });
    expect((await integration('linkedin')).expiresAt?.getTime()).toBe(app.clock.now().getTime() + 60 * DAY);
  });

  it('announces a LinkedIn token that cannot be renewed 7 days and 1 day ahead, each once, with Reconnect', async () => {
    await clickConnect(connectUrl(await app.say(`/connect linkedin account:${ORG}`)));
    const notices = () => app.recorder.notices.filter((n) => /lapses in/.test(n.reply.title ?? ''));
    await app.jobs.runNow(TOKEN_EXPIRY_JOB);
    expect(notices()).toHaveLength(0);
    app.clock.advance(53 * DAY + 3600_000);
    await app.jobs.runNow(TOKEN_EXPIRY_JOB);
    await app.jobs.runNow(TOKEN_EXPIRY_JOB);
    expect(notices()).toHaveLength(1);
    const week = notices()[0]?.reply;
    expect(week?.title).toBe('The LinkedIn connection for 2414183 lapses in 7 days');
    expect(textOf(week ?? { blocks: [] })).toMatch(
      /stops working on Monday, 25 January 2027; .*run \/connect linkedin\)/,
    );
    const [button] = actionsOf(week ?? { blocks: [] });
    expect(button).toMatchObject({ id: 'connect.reconnect', payload: `linkedin:${ORG}` });
    expect((await integration('linkedin')).expiryNotice).toBe('7d');

    app.clock.advance(6 * DAY);
    await app.jobs.runNow(TOKEN_EXPIRY_JOB);
    await app.jobs.runNow(TOKEN_EXPIRY_JOB);
    expect(notices().map((n) => n.reply.title)).toEqual([
      'The LinkedIn connection for 2414183 lapses in 7 days',
      'The LinkedIn connection for 2414183 lapses in 1 day',
    ]);
    // Reconnect: a fresh link for whoever pressed it; connecting again clears the notice mark.
    const again = await app.router.press('connect.reconnect', `linkedin:${ORG}`, identity({ user: 'U1' }));
    await clickConnect(connectUrl(again));
    expect((await integration('linkedin')).expiryNotice).toBeNull();
  });
});

describe('the Connect button in Arabic', () => {
  let app: TestApp;
  let publicUrl: string;
  beforeEach(async () => {
    const port = await freePort();
    publicUrl = `http://127.0.0.1:${port}`;
    app = await createTestApp({ PORT: String(port), LINKEDIN_API_URL: li.url, ...oauthEnv(auth, publicUrl) });
    await app.listen();
    await app.say('/connect status');
    await app.services.db.workspace.updateMany({ data: { locale: 'ar' } });
  });
  afterEach(() => app.cleanup());

  it('answers, tells the chat, shows the page and announces the lapse in Arabic', async () => {
    const r = await app.say(`/connect linkedin account:${ORG}`);
    expect(textOf(r)).toContain('اضغط «ربط» لتسجّل الدخول إلى');
    expect(textOf(r)).toContain('10 دقائق');
    const { callback } = await clickConnect(connectUrl(r));
    expect(callback.text).toContain('<html lang="ar" dir="rtl">');
    expect(callback.text).toContain('تم ربط');
    expect(textOf(app.recorder.besidesDigests().at(-1)?.reply ?? { blocks: [] })).toContain('عبر زر الربط');
    const replay = await get(
      `${publicUrl}/oauth/linkedin/callback?code=c&state=${new URL(connectUrl(r)).searchParams.get('state')}`,
    );
    expect(replay.text).toContain('انتهت صلاحية رابط الربط هذا');
    expect(replay.text).not.toContain('This Connect link');
    expect(textOf(await app.say('/connect status'))).toMatch(/تنتهي صلاحيته يوم الاثنين، 25 يناير 2027/);

    app.clock.advance(59 * DAY + 3600_000);
    await app.jobs.runNow(TOKEN_EXPIRY_JOB);
    const notice = app.recorder.besidesDigests().at(-1)?.reply;
    // Missed the 7-day window: the 1-day notice alone.
    expect(notice?.title).toMatch(/تنتهي صلاحية ربط .*LinkedIn.* للحساب .*2414183.* بعد يوم واحد/);
    expect(actionsOf(notice ?? { blocks: [] })[0]?.label).toBe('إعادة الربط');
  });
});

describe('without PUBLIC_URL or the app credentials', () => {
  it('says what to set, and pasting a token still works', async () => {
    const app = await createTestApp({ LINKEDIN_API_URL: li.url });
    try {
      const r = await app.say(`/connect linkedin account:${ORG}`);
      expect(r.tone).toBe('warning');
      expect(textOf(r)).toContain('must set PUBLIC_URL, PORT, LINKEDIN_CLIENT_ID, LINKEDIN_CLIENT_SECRET');
      expect(textOf(r)).toContain('/connect linkedin account:… token:…');
      expect(await app.services.db.oAuthState.count()).toBe(0);
      const ar = textOf(await app.say(`/connect linkedin account:${ORG}`, identity({ locale: 'ar' })));
      expect(ar).toContain('زر الربط مع');
      // A network without a Connect button still needs its token.
      expect(textOf(await app.say('/connect mailchimp account:123'))).toMatch(/Mailchimp has no Connect button/);
    } finally {
      await app.cleanup();
    }
  });
});

describe('the fake authorization server refuses what the real ones refuse', () => {
  const config = () =>
    loadConfig({
      X_CLIENT_ID: 'x-client',
      X_CLIENT_SECRET: 'x-secret-value',
      X_API_URL: xapi.url,
      X_AUTHORIZE_URL: `${auth.url}/x/authorize`,
    });

  async function codeFor(redirectUri: string, verifier: string) {
    const { pkceChallenge } = await import('../../integrations/oauth.js');
    const u = new URL(`${auth.url}/x/authorize`);
    u.search = new URLSearchParams({
      response_type: 'code',
      client_id: 'x-client',
      redirect_uri: redirectUri,
      scope: 'tweet.read users.read',
      state: 's',
      code_challenge: pkceChallenge(verifier),
      code_challenge_method: 'S256',
    }).toString();
    const hop = await get(u.toString());
    return new URL(hop.location ?? 'http://none/').searchParams.get('code') ?? '';
  }

  it('wrong redirect_uri, wrong verifier, reused code: invalid_grant; unregistered redirect: no redirect', async () => {
    const redirect = 'http://127.0.0.1:1/oauth/x/callback';
    auth.register('x', {
      clientId: 'x-client',
      clientSecret: 'x-secret-value',
      redirectUri: redirect,
      accessSeconds: 7200,
      refresh: true,
    });
    const spec = xProvider.oauth;
    const client = { id: 'x-client', secret: 'x-secret-value' };
    const verifier = pkceVerifier();
    const refused = (p: Promise<unknown>) =>
      p.then(
        () => 'granted',
        (e: unknown) => (e instanceof OAuthRefused ? e.code : String(e)),
      );
    const now = new Date();

    let code = await codeFor(redirect, verifier);
    expect(
      await refused(exchangeCode(spec, config(), client, { code, redirectUri: `${redirect}x`, verifier }, now)),
    ).toBe('invalid_grant');
    code = await codeFor(redirect, verifier);
    expect(
      await refused(
        exchangeCode(spec, config(), client, { code, redirectUri: redirect, verifier: pkceVerifier() }, now),
      ),
    ).toBe('invalid_grant');
    code = await codeFor(redirect, verifier);
    expect(await refused(exchangeCode(spec, config(), client, { code, redirectUri: redirect, verifier }, now))).toBe(
      'granted',
    );
    expect(await refused(exchangeCode(spec, config(), client, { code, redirectUri: redirect, verifier }, now))).toBe(
      'invalid_grant',
    );
    expect(
      await refused(
        exchangeCode(
          spec,
          config(),
          { id: 'x-client', secret: 'wrong' },
          { code, redirectUri: redirect, verifier },
          now,
        ),
      ),
    ).toBe('invalid_client');
    // An unregistered redirect URI is never redirected to.
    const u = new URL(
      `${auth.url}/x/authorize?response_type=code&client_id=x-client&redirect_uri=${encodeURIComponent('https://evil.example/cb')}&scope=tweet.read&state=s`,
    );
    const hop = await get(u.toString());
    expect(hop.status).toBe(400);
    expect(hop.location).toBeUndefined();
  });
});
