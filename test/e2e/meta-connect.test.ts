/**
 * Meta's Connect button from the console (issue 22): `/connect facebook` (or instagram) without a
 * token gives a link; the bot's start address sends the browser to Facebook Login's dialog (the
 * Graph fake, test/fakes/meta-login.ts), which sends it back with a code; the bot exchanges it for
 * a short-lived then a long-lived user token, reads the granted permissions and the person's Pages,
 * and connects the one Page (or the Instagram account linked to it) with its Page token, or lists
 * several for the person to pick, by button or by `page:`. Then: the code refusals Meta answers
 * (expired, used, redirect_uri not identical), a declined permission, Cancel, nothing to connect,
 * a server without the app, and pasting a token as before; English and Arabic.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { metaOAuthSpec } from '../../integrations/facebook/login.js';
import { actionsOf } from '../../src/core/reply.js';
import { FakeMetaGraph } from '../fakes/meta-graph.js';
import { createTestApp, identity, type TestApp, textOf } from '../helpers/app.js';
import { clickConnect, connectUrl, freePort, get } from '../helpers/oauth.js';

const graph = new FakeMetaGraph();
const APP = { id: '1234567890123', secret: 'meta-app-secret-value' };
const COLD_BREW = {
  id: '100200300400',
  name: 'Cold Brew Co',
  instagram: { id: '17841400000000001', username: 'coldbrewco' },
};
const ROASTERY = { id: '100200300401', name: 'Roastery Riyadh' };
const KIOSK = {
  id: '100200300402',
  name: 'Kiosk Jeddah',
  instagram: { id: '17841400000000002', username: 'kioskjed' },
};

beforeAll(() => graph.start());
afterAll(() => graph.close());

describe("Meta's Connect button from the console", () => {
  let app: TestApp;
  let publicUrl: string;

  beforeEach(async () => {
    const port = await freePort();
    publicUrl = `http://127.0.0.1:${port}`;
    graph.login.register({
      ...APP,
      redirectUris: [`${publicUrl}/oauth/facebook/callback`, `${publicUrl}/oauth/instagram/callback`],
    });
    graph.login.pages = [COLD_BREW];
    graph.login.declined = [];
    graph.login.pageSize = 25;
    graph.login.skewMs = 0;
    app = await createTestApp({
      PORT: String(port),
      PUBLIC_URL: publicUrl,
      META_GRAPH_URL: graph.url,
      META_LOGIN_URL: graph.url,
      META_APP_ID: APP.id,
      META_APP_SECRET: APP.secret,
    });
    await app.listen();
  });
  afterEach(async () => {
    const everything = JSON.stringify([app.recorder.notices, await app.services.db.integration.findMany()]);
    expect(everything).not.toContain(APP.secret);
    expect(everything).not.toMatch(/EAA[LSP]/);
    await app.cleanup();
  });

  const lastNotice = () => app.recorder.besidesDigests().at(-1)?.reply ?? { blocks: [] };

  it('connects the one Page: dialog, code, long-lived token, permissions, Page token sealed', async () => {
    const r = await app.say('/connect facebook');
    expect(textOf(r)).toMatch(
      /Press Connect to sign in with Facebook and allow mktbot to use the Facebook Pages you manage/,
    );
    const state = await app.services.db.oAuthState.findFirstOrThrow();
    expect(state).toMatchObject({ memberId: 'U1', provider: 'facebook:' });

    const { authorizeUrl, authorize, callback } = await clickConnect(connectUrl(r));
    expect(`${authorizeUrl.origin}${authorizeUrl.pathname}`).toBe(`${graph.url}/v21.0/dialog/oauth`);
    expect(Object.fromEntries(authorizeUrl.searchParams)).toEqual({
      response_type: 'code',
      client_id: APP.id,
      redirect_uri: `${publicUrl}/oauth/facebook/callback`,
      scope:
        'pages_show_list,pages_read_engagement,pages_manage_posts,pages_read_user_content,pages_manage_engagement,read_insights,business_management',
      state: state.id,
    });
    // Meta appends #_=_ to the redirect; the browser keeps it to itself.
    expect(authorize.location).toMatch(/#_=_$/);
    expect(callback.status).toBe(200);
    expect(callback.text).toContain('Facebook is connected: Cold Brew Co');

    // The code, then the short-lived token for a long-lived one, each with the app's secret in a form body.
    const calls = graph.login.tokenCalls.slice(-2);
    expect(calls.map((c) => c.method)).toEqual(['POST', 'POST']);
    expect(calls[0]?.params).toMatchObject({ client_id: APP.id, redirect_uri: `${publicUrl}/oauth/facebook/callback` });
    expect(calls[1]?.params).toMatchObject({ grant_type: 'fb_exchange_token', client_id: APP.id });

    const row = await app.services.db.integration.findFirstOrThrow({ where: { provider: 'facebook' } });
    expect(row).toMatchObject({ accountId: COLD_BREW.id, status: 'ok', expiresAt: null });
    expect(row.scopes).toContain('pages_manage_posts');
    expect(textOf(lastNotice())).toContain('Facebook connected through the Connect button: Cold Brew Co');
    expect(textOf(lastNotice())).not.toMatch(/missing/);
    // The stored Page token publishes.
    expect((await app.say('/schedule facebook in 10 minutes | Connected by button')).tone).toBe('success');
  });

  it('lists several Pages to pick from, by button and by page:, each its own account', async () => {
    graph.login.pages = [COLD_BREW, ROASTERY, KIOSK];
    graph.login.pageSize = 2; // two answers from /me/accounts: the bot follows the cursor
    const { callback } = await clickConnect(connectUrl(await app.say('/connect facebook')));
    expect(callback.text).toContain(
      'Your sign-in reached several Facebook Pages (Cold Brew Co, Roastery Riyadh, and Kiosk Jeddah)',
    );
    expect(await app.services.db.integration.count()).toBe(0);
    // The Page tokens wait sealed, and no Connect address takes the list's id as a state.
    const list = await app.services.db.oAuthState.findFirstOrThrow({ where: { provider: 'pick:facebook' } });
    expect(list.codeVerifier).not.toMatch(/EAAP/);
    expect((await get(`${publicUrl}/oauth/facebook/start?state=${list.id}`)).status).toBe(400);

    const notice = lastNotice();
    expect(textOf(notice)).toMatch(/Press each one mktbot should use/);
    expect(textOf(notice)).toMatch(/Or type \/connect facebook page:… with the name or id\. .*30 minutes/);
    const buttons = actionsOf(notice);
    expect(buttons.map((b) => b.label)).toEqual(['Cold Brew Co', 'Roastery Riyadh', 'Kiosk Jeddah']);

    // Another admin cannot use this person's list.
    const other = identity({ user: 'U2', name: 'Other Admin' });
    const theirs = await app.router.press('connect.pick', buttons[1]?.payload, other);
    expect(textOf(theirs)).toContain('There is no list of accounts to pick from');

    const first = await app.router.press('connect.pick', buttons[1]?.payload, identity());
    expect(textOf(first)).toContain('Facebook connected: Roastery Riyadh');
    const second = await app.say('/connect facebook page:"kiosk jeddah"');
    expect(textOf(second)).toContain('Facebook connected: Kiosk Jeddah');
    const unknown = await app.say('/connect facebook page:Downtown');
    expect(textOf(unknown)).toContain(
      'Downtown is not on the list your sign-in reached: Cold Brew Co, Roastery Riyadh, and Kiosk Jeddah.',
    );
    const rows = await app.services.db.integration.findMany({ orderBy: { accountId: 'asc' } });
    expect(rows.map((x) => x.accountId)).toEqual([ROASTERY.id, KIOSK.id]);
    expect(rows[0]?.scopes).toContain('read_insights');

    // Thirty minutes on, the list is gone.
    app.clock.advance(31 * 60_000);
    expect(textOf(await app.say('/connect facebook page:"Cold Brew Co"'))).toContain(
      'it lapsed, or you have not signed in yet',
    );
  });

  it('connects the Instagram account linked to the Page, with its Page token, and names declined permissions', async () => {
    graph.login.pages = [COLD_BREW, ROASTERY];
    graph.login.declined = ['instagram_manage_insights'];
    const r = await app.say('/connect instagram');
    expect(textOf(r)).toContain('the Instagram professional accounts linked to your Facebook Pages');
    const { authorizeUrl, callback } = await clickConnect(connectUrl(r));
    expect(authorizeUrl.searchParams.get('scope')).toBe(
      'instagram_basic,instagram_content_publish,instagram_manage_comments,instagram_manage_insights,pages_show_list,pages_read_engagement,business_management',
    );
    expect(callback.text).toContain('Instagram is connected: coldbrewco');
    expect(callback.text).toContain('Some permissions were not granted (instagram_manage_insights)');
    expect(textOf(lastNotice())).toContain(
      'Instagram did not grant every permission mktbot asked for; missing: instagram_manage_insights',
    );
    const row = await app.services.db.integration.findFirstOrThrow({ where: { provider: 'instagram' } });
    expect(row.accountId).toBe(COLD_BREW.instagram.id);
    expect(row.scopes).not.toContain('instagram_manage_insights');
  });

  it('says why when the sign-in reaches nothing to connect, or not the account the link was for', async () => {
    graph.login.pages = [ROASTERY];
    const ig = await clickConnect(connectUrl(await app.say('/connect instagram')));
    expect(ig.callback.status).toBe(502);
    expect(ig.callback.text).toContain(
      'none of the Facebook Pages shared with mktbot has an Instagram professional account',
    );
    graph.login.declined = ['pages_show_list'];
    await clickConnect(connectUrl(await app.say('/connect facebook')));
    expect(textOf(lastNotice())).toContain('Facebook did not share any Page you manage with mktbot');
    expect(textOf(lastNotice())).toContain('missing: pages_show_list');
    graph.login.declined = [];
    const named = await clickConnect(connectUrl(await app.say('/connect facebook account:999')));
    expect(named.callback.text).toContain('999 is not among the Facebook accounts this sign-in reached');
    expect(await app.services.db.integration.count()).toBe(0);
  });

  it('refuses what Meta refuses: an expired code, a used code, another redirect_uri; Cancel; no app', async () => {
    graph.login.skewMs = 11 * 60_000;
    const late = await clickConnect(connectUrl(await app.say('/connect facebook')));
    expect(late.callback.status).toBe(502);
    expect(late.callback.text).toContain('This authorization code has expired.');
    graph.login.skewMs = 0;

    // The bot spends each code once (the state is single-use); Meta's own refusals, asked directly.
    const spec = metaOAuthSpec('facebook');
    const login = spec.login;
    if (!login) throw new Error('no login');
    const config = app.services.config;
    const client = { id: APP.id, secret: APP.secret };
    const start = await get(connectUrl(await app.say('/connect facebook')));
    const dialog = await get(start.location ?? '');
    const code = new URL(dialog.location ?? '').searchParams.get('code') ?? '';
    const redirectUri = `${publicUrl}/oauth/facebook/callback`;
    await expect(
      login.exchange(config, client, { code, redirectUri: `${publicUrl}/elsewhere` }, new Date()),
    ).rejects.toThrow(/100\/36008: Error validating verification code/);
    await login.exchange(config, client, { code, redirectUri }, new Date());
    await expect(login.exchange(config, client, { code, redirectUri }, new Date())).rejects.toThrow(
      /100\/36009: This authorization code has been used/,
    );

    graph.login.deny();
    const denied = await clickConnect(connectUrl(await app.say('/connect facebook')));
    expect(denied.callback.text).toContain('Access was not allowed on Facebook. Nothing was saved.');
    expect(await app.services.db.integration.count()).toBe(0);
  });

  it('keeps pasting a token working', async () => {
    graph.addPage('100200300499', 'pasted-page-token', 'Pasted Page');
    const r = await app.say('/connect facebook account:100200300499 token:pasted-page-token');
    expect(textOf(r)).toContain('Facebook connected: Pasted Page');
    expect(textOf(await app.say('/connect facebook token:pasted-page-token'))).toContain(
      'A pasted token needs the account it is for',
    );
  });

  it('answers in Arabic: the link, the list to pick from, the pick', async () => {
    const ar = identity({ locale: 'ar' });
    graph.login.pages = [COLD_BREW, ROASTERY];
    await app.say('/connect status', ar);
    await app.services.db.workspace.updateMany({ data: { locale: 'ar' } });
    const r = await app.say('/connect facebook', ar);
    expect(textOf(r)).toContain('اضغط «ربط» لتسجّل الدخول عبر فيسبوك وتسمح للبوت باستخدام صفحات فيسبوك التي تديرها');
    const { callback } = await clickConnect(connectUrl(r));
    expect(callback.text).toContain('وصل تسجيل دخولك إلى عدة صفحات فيسبوك');
    expect(callback.text).toContain('dir="rtl"');
    const notice = textOf(lastNotice());
    expect(notice).toContain('وصل تسجيل دخولك إلى عدة صفحات فيسبوك');
    expect(notice).toContain('أو اكتب /connect facebook page:… مع الاسم أو المعرّف');
    expect(notice).toMatch(/تبقى صالحة لمدة \u2068?30\u2069? دقيقة/);
    const picked = await app.say('/connect facebook page:"Cold Brew Co"', ar);
    expect(textOf(picked)).toContain('تم ربط');
    expect(textOf(await app.say('/connect facebook page:Downtown', ar))).toContain(
      'ليس في القائمة التي وصل إليها تسجيل دخولك',
    );
  });
});

describe("Meta's Connect button on a server without the app", () => {
  it('names the settings to set, and offers pasting meanwhile', async () => {
    const port = await freePort();
    const app = await createTestApp({
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      META_GRAPH_URL: graph.url,
    });
    try {
      const r = await app.say('/connect instagram');
      expect(textOf(r)).toContain('must set META_APP_ID, META_APP_SECRET');
      expect(textOf(r)).toContain('/connect instagram account:… token:…');
    } finally {
      await app.cleanup();
    }
  });
});
