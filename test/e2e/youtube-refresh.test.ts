/**
 * YouTube connected with a refresh token keeps working after Google's one-hour access token
 * expires: uploads scheduled hours ahead, comment polling, the 401 → refresh-once path, a revoked
 * grant (reauth), a missing or wrong OAuth client, rows stored before refresh tokens existed, and
 * the refresh token and client secret never shown in a reply, a notice, a log line or the database.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GoogleClientProblem, GoogleOAuth } from '../../integrations/google/oauth.js';
import { PublishError } from '../../integrations/publisher.js';
import { COMMENT_POLL_JOB } from '../../src/listening/feature.js';
import { createLogger } from '../../src/log.js';
import { Dispatcher } from '../../src/publishing/dispatcher.js';
import { Secrets } from '../../src/workspace/secrets.js';
import { FakeYoutube } from '../fakes/youtube.js';
import { createTestApp, identity, type TestApp, textOf } from '../helpers/app.js';
import { LogLines } from '../helpers/log-lines.js';

const CHANNEL = 'UCabc';
const CLIENT_ID = '1234-fake.apps.googleusercontent.com';
const CLIENT_SECRET = 'GOCSPX-client-secret-never-shown';
const REFRESH = '1//0refresh-token-never-shown';
const TOKEN_PATH = /^\/token$/;

describe('YouTube with a Google refresh token', () => {
  const yt = new FakeYoutube();
  const key = randomBytes(32).toString('hex');
  let app: TestApp;
  let logs: LogLines;
  let dispatcher: Dispatcher;
  /** Every reply the tests saw, checked for secrets after each test. */
  let shown: string[];

  beforeAll(async () => {
    await yt.start();
    yt.oauth.setClient(CLIENT_ID, CLIENT_SECRET);
  });
  afterAll(() => yt.close());

  async function start(env: Record<string, string> = {}): Promise<void> {
    logs = new LogLines();
    shown = [];
    app = await createTestApp(
      {
        YOUTUBE_API_URL: yt.url,
        GOOGLE_OAUTH_URL: yt.url,
        GOOGLE_CLIENT_ID: CLIENT_ID,
        GOOGLE_CLIENT_SECRET: CLIENT_SECRET,
        OUTBOUND_ALLOW_HOSTS: '127.0.0.1',
        ENCRYPTION_KEY: key,
        ...env,
      },
      { log: createLogger('trace', logs) },
    );
    app.clock.set('2026-11-26T09:00:00Z');
    yt.now = () => app.clock.now();
    dispatcher = new Dispatcher({
      db: app.services.db,
      clock: app.clock,
      notifier: app.recorder,
      integrations: app.services.integrations,
      log: createLogger('trace', logs),
      sleep: async () => {},
    });
  }

  beforeEach(async () => {
    yt.addRefreshToken(REFRESH, CHANNEL, 'Cold Brew TV');
    yt.oauth.accessTokenSeconds = 3599;
    await start();
  });
  afterEach(async () => {
    const everything = [
      ...shown,
      ...app.recorder.notices.map((n) => textOf(n.reply)),
      ...logs.lines,
      JSON.stringify(await app.services.db.integration.findMany()),
      JSON.stringify(await app.services.db.auditLog.findMany()),
    ].join('\n');
    expect(everything).not.toContain(REFRESH);
    expect(everything).not.toContain(CLIENT_SECRET);
    await app.cleanup();
    yt.videos.length = 0;
    yt.comments.length = 0;
  });

  const say = async (line: string, who = identity()) => {
    const r = await app.say(line, who);
    shown.push(textOf(r));
    return r;
  };
  const tokenCalls = () => yt.server.count('POST', TOKEN_PATH);
  const integration = () => app.services.db.integration.findFirstOrThrow({ where: { provider: 'youtube' } });
  const poll = () => app.jobs.runNow(COMMENT_POLL_JOB);
  const onlyPost = () => app.services.db.scheduledPost.findFirstOrThrow();

  it('connects with a refresh token: exchanges it, verifies the channel, stores it sealed, no expiry warning', async () => {
    const before = tokenCalls();
    const r = await say(`/connect youtube account:${CHANNEL} token:${REFRESH}`);
    expect(r.tone).toBe('success');
    expect(textOf(r)).toContain('YouTube connected: Cold Brew TV');
    expect(textOf(r)).not.toMatch(/about an hour/);
    expect(tokenCalls()).toBe(before + 1);
    expect((await integration()).status).toBe('ok');
  });

  it('an access token connects as before, with a warning in English and Arabic that it expires in an hour', async () => {
    yt.addChannel(CHANNEL, 'ya29.short-lived-access', 'Cold Brew TV');
    const en = textOf(await say(`/connect youtube account:${CHANNEL} token:ya29.short-lived-access`));
    expect(en).toContain('YouTube connected: Cold Brew TV');
    expect(en).toMatch(/expires it in about an hour[\s\S]*refresh token/);
    const ar = textOf(
      await say(
        `/connect youtube account:${CHANNEL} token:ya29.short-lived-access`,
        identity({ user: 'U2', locale: 'ar' }),
      ),
    );
    expect(ar).toMatch(/ساعة تقريبًا[\s\S]*رمز تحديث/);
  });

  it('uploads a video scheduled three hours ahead after the first access token has expired', async () => {
    const url = yt.addMedia('launch.mp4', new Uint8Array(2048).fill(3));
    await say(`/connect youtube account:${CHANNEL} token:${REFRESH}`);
    await say(`/schedule youtube 2026-11-26 12:00 title:"Launch day" media:${url} | Our launch video`);
    const before = tokenCalls();
    app.clock.set('2026-11-26T11:40:00Z'); // the 09:00 token died at 09:59:59
    await dispatcher.tick();
    expect(yt.videos).toHaveLength(1);
    expect(yt.videos[0]).toMatchObject({ channelId: CHANNEL, privacyStatus: 'private', bytes: 2048 });
    expect(await onlyPost()).toMatchObject({ status: 'published' });
    // One fresh token served the session open and the PUT.
    expect(tokenCalls()).toBe(before + 1);
  });

  it('comment polling keeps reading after the access token expired, and reuses a token while it is valid', async () => {
    await say(`/connect youtube account:${CHANNEL} token:${REFRESH}`);
    yt.addVideo('vid1', CHANNEL);
    yt.addComment('vid1', { text: 'First!', at: new Date('2026-11-26T08:55:00Z') });
    const afterConnect = tokenCalls();
    await poll();
    expect(await app.services.db.comment.count()).toBe(1);
    expect(tokenCalls()).toBe(afterConnect); // the connect token is still fresh

    app.clock.set('2026-11-26T13:00:00Z');
    yt.addComment('vid1', {
      text: 'This is a scam, I paid and never got anything',
      at: new Date('2026-11-26T12:30:00Z'),
    });
    await poll();
    expect(await app.services.db.comment.count()).toBe(2);
    expect((await integration()).status).toBe('ok');
    expect(tokenCalls()).toBe(afterConnect + 1);
  });

  it('a cached token YouTube refuses is dropped and the call repeated once with a fresh one; never more', async () => {
    await say(`/connect youtube account:${CHANNEL} token:${REFRESH}`);
    yt.addVideo('vid1', CHANNEL);
    yt.addComment('vid1', { text: 'Hello there', at: new Date('2026-11-26T08:58:00Z') });
    // Google ended the access token early (password change, say); the bot's cache still trusts it.
    yt.oauth.expireAccessTokens();
    const before = tokenCalls();
    await poll();
    expect(await app.services.db.comment.count()).toBe(1);
    expect(tokenCalls()).toBe(before + 1);

    // YouTube refusing the next two calls: one refresh, one repeat, then reauth. A loop would make a
    // third call, which the fake would answer, and the integration would stay ok.
    const refused = { status: 401, body: { error: { code: 401, message: 'Invalid Credentials', errors: [] } } };
    yt.server.failNext('GET', /commentThreads$/, refused, 2);
    const threadsBefore = yt.server.count('GET', /commentThreads$/);
    await poll();
    expect(yt.server.count('GET', /commentThreads$/)).toBe(threadsBefore + 2);
    expect(tokenCalls()).toBe(before + 2);
    expect((await integration()).status).toBe('reauth');
  });

  it('a revoked refresh token fails the post, marks the integration for reconnecting and tells the team', async () => {
    const url = yt.addMedia('revoked.mp4', new Uint8Array(1024).fill(1));
    await say(`/connect youtube account:${CHANNEL} token:${REFRESH}`);
    await say(`/schedule youtube 2026-11-26 12:00 title:"Revoked" media:${url} | Will not go out`);
    yt.oauth.revoke(REFRESH);
    app.clock.set('2026-11-26T11:40:00Z');
    await dispatcher.tick();
    expect(yt.videos).toHaveLength(0);
    expect((await onlyPost()).status).toBe('failed');
    const row = await integration();
    expect(row.status).toBe('reauth');
    expect(row.statusMessage).toMatch(/invalid_grant/);
    const notice = textOf(app.recorder.notices.at(-1)?.reply ?? { blocks: [] });
    expect(notice).toMatch(/YouTube connection needs to be renewed|youtube connection needs to be renewed/);
    expect(notice).toMatch(/\/connect youtube[\s\S]*Token has been expired or revoked/);
    const status = textOf(await say('/connect status'));
    expect(status).toMatch(/YouTube.*UCabc.*needs reconnecting/);
  });

  it('comment polling with a revoked refresh token marks the integration reauth', async () => {
    await say(`/connect youtube account:${CHANNEL} token:${REFRESH}`);
    yt.oauth.revoke(REFRESH);
    app.clock.set('2026-11-26T11:00:00Z');
    await poll();
    expect((await integration()).status).toBe('reauth');
  });

  it('a refresh token refused at /connect is reported as refused and nothing is saved', async () => {
    const r = textOf(await say(`/connect youtube account:${CHANNEL} token:1//0unknown-refresh-token`));
    expect(r).toMatch(/refused the token \(.*invalid_grant/);
    expect(r).not.toContain('1//0unknown-refresh-token');
    expect(await app.services.db.integration.count()).toBe(0);
  });

  it('without GOOGLE_CLIENT_ID/SECRET a refresh token is refused in English and Arabic, nothing saved', async () => {
    await app.cleanup();
    await start({ GOOGLE_CLIENT_ID: '', GOOGLE_CLIENT_SECRET: '' });
    const before = tokenCalls();
    const en = await say(`/connect youtube account:${CHANNEL} token:${REFRESH}`);
    expect(en.tone).toBe('error');
    expect(textOf(en)).toMatch(/set GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET[\s\S]*Nothing was saved/);
    const ar = textOf(
      await say(`/connect youtube account:${CHANNEL} token:${REFRESH}`, identity({ user: 'U2', locale: 'ar' })),
    );
    expect(ar).toMatch(/GOOGLE_CLIENT_ID[\s\S]*GOOGLE_CLIENT_SECRET[\s\S]*لم يُحفظ شيء/);
    expect(tokenCalls()).toBe(before);
    expect(await app.services.db.integration.count()).toBe(0);
  });

  it('a wrong client secret is reported as a server configuration error (invalid_client), nothing saved', async () => {
    await app.cleanup();
    await start({ GOOGLE_CLIENT_SECRET: 'GOCSPX-wrong-secret' });
    const r = await say(`/connect youtube account:${CHANNEL} token:${REFRESH}`);
    expect(r.tone).toBe('error');
    expect(textOf(r)).toMatch(/refused the server’s OAuth client: GOOGLE_CLIENT_ID or GOOGLE_CLIENT_SECRET is wrong/);
    expect(textOf(r)).not.toContain('GOCSPX-wrong-secret');
    expect(await app.services.db.integration.count()).toBe(0);
  });

  it('a channel stored as {channelId, token} before refresh tokens still publishes and polls', async () => {
    await say('/connect status'); // creates the workspace
    const ws = await app.services.db.workspace.findFirstOrThrow();
    yt.addChannel(CHANNEL, 'ya29.legacy-access-token', 'Cold Brew TV');
    const sealed = Secrets.fromKey(Buffer.from(key, 'hex')).seal(
      JSON.stringify({ channelId: CHANNEL, token: 'ya29.legacy-access-token' }),
    );
    await app.services.db.integration.create({
      data: { workspaceId: ws.id, provider: 'youtube', accountId: CHANNEL, credentials: sealed, status: 'ok' },
    });
    const url = yt.addMedia('legacy.mp4', new Uint8Array(512).fill(9));
    await say(`/schedule youtube in 10 minutes title:"Legacy" media:${url} | Old row`);
    yt.addVideo('vid1', CHANNEL);
    yt.addComment('vid1', { text: 'Still here', at: new Date('2026-11-26T08:59:00Z') });
    const before = tokenCalls();
    await dispatcher.tick();
    expect(yt.videos).toHaveLength(1);
    await poll();
    expect(await app.services.db.comment.count()).toBe(1);
    expect((await integration()).status).toBe('ok');
    expect(tokenCalls()).toBe(before); // a plain access token is never exchanged
  });
});

describe('GoogleOAuth against the fake token endpoint', () => {
  const yt = new FakeYoutube();
  let now = new Date('2026-11-26T09:00:00Z');
  const clock = () => now;

  beforeAll(async () => {
    await yt.start();
    yt.oauth.setClient(CLIENT_ID, CLIENT_SECRET);
    yt.now = clock;
  });
  afterAll(() => yt.close());
  beforeEach(() => {
    now = new Date('2026-11-26T09:00:00Z');
    yt.addRefreshToken(REFRESH, CHANNEL);
  });

  const oauth = (secret = CLIENT_SECRET) =>
    new GoogleOAuth({ base: yt.url, clientId: CLIENT_ID, clientSecret: secret }, clock);

  it('caches the access token until a minute before it expires', async () => {
    const tokens = oauth().source(REFRESH);
    const before = yt.server.count('POST', TOKEN_PATH);
    const first = await tokens.get();
    now = new Date(now.getTime() + 3599_000 - 61_000);
    expect(await tokens.get()).toBe(first);
    expect(yt.server.count('POST', TOKEN_PATH)).toBe(before + 1);
    now = new Date(now.getTime() + 2_000);
    expect(await tokens.get()).not.toBe(first);
    expect(yt.server.count('POST', TOKEN_PATH)).toBe(before + 2);
  });

  it('invalid_grant is reauth; invalid_client is a configuration problem, not reauth; 5xx is retryable', async () => {
    yt.oauth.revoke(REFRESH);
    const revoked = await oauth()
      .source(REFRESH)
      .get()
      .catch((e: unknown) => e);
    expect(revoked).toBeInstanceOf(PublishError);
    expect(revoked).toMatchObject({ reauth: true });
    expect((revoked as Error).message).toMatch(/invalid_grant: Token has been expired or revoked/);

    yt.addRefreshToken(REFRESH, CHANNEL);
    const wrong = await oauth('GOCSPX-wrong')
      .source(REFRESH)
      .get()
      .catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(GoogleClientProblem);
    expect(wrong).toMatchObject({ problem: 'rejected', reauth: false, retryable: false });
    expect((wrong as Error).message).not.toContain('GOCSPX-wrong');

    yt.server.failNext('POST', TOKEN_PATH, { status: 500, body: { error: 'internal_failure' } });
    const down = await oauth()
      .source(REFRESH)
      .get()
      .catch((e: unknown) => e);
    expect(down).toMatchObject({ retryable: true, outcome: 'known' });

    expect(() => new GoogleOAuth(undefined, clock).source(REFRESH)).toThrow(GoogleClientProblem);
  });

  it('the fake follows Google: JSON bodies and wrong grant types are refused, issued tokens expire', async () => {
    const post = (body: string, type: string) =>
      fetch(`${yt.url}/token`, { method: 'POST', headers: { 'content-type': type }, body });
    const json = await post(
      JSON.stringify({
        grant_type: 'refresh_token',
        refresh_token: REFRESH,
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
      }),
      'application/json',
    );
    expect(json.status).toBe(400);
    expect(await json.json()).toMatchObject({ error: 'unsupported_grant_type' });
    const form = (grant: string) =>
      new URLSearchParams({
        grant_type: grant,
        refresh_token: REFRESH,
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
      }).toString();
    const code = await post(form('authorization_code'), 'application/x-www-form-urlencoded');
    expect(await code.json()).toMatchObject({ error: 'unsupported_grant_type' });
    const ok = await post(form('refresh_token'), 'application/x-www-form-urlencoded');
    const issued = (await ok.json()) as { access_token: string; expires_in: number; token_type: string };
    expect(issued).toMatchObject({ expires_in: 3599, token_type: 'Bearer' });
    const channels = () =>
      fetch(`${yt.url}/youtube/v3/channels?part=id&mine=true`, {
        headers: { authorization: `Bearer ${issued.access_token}` },
      });
    expect((await channels()).status).toBe(200);
    now = new Date(now.getTime() + 3600_000);
    const expired = await channels();
    expect(expired.status).toBe(401);
    expect(await expired.json()).toMatchObject({ error: { errors: [{ reason: 'authError' }] } });
  });
});
