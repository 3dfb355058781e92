import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, identity, type TestApp, textOf } from '../helpers/app.js';

const SECRET = 'test-webhook-secret-0123456789';
const APP_SECRET = 'meta-app-secret-for-tests';
const VERIFY = 'meta-verify-token';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.cleanup();
  app = undefined;
});

async function start(env: Record<string, string> = {}) {
  app = await createTestApp({ PORT: '0', ...env });
  const port = await app.listen();
  return { app, base: `http://127.0.0.1:${port}` };
}

const push = (base: string, body: unknown, auth = `Bearer ${SECRET}`, query = '') =>
  fetch(`${base}/webhooks/comments${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

const comment = {
  platform: 'facebook',
  id: 'c-100',
  text: 'Terrible service, my order arrived broken and nobody answers',
  author: 'Sam',
  post_id: 'p-1',
  url: 'https://facebook.com/p/1',
  created_at: '2026-11-26T08:59:00Z',
};

describe('POST /webhooks/comments', () => {
  it('is off (404) when WEBHOOK_SECRET is unset', async () => {
    const { base } = await start();
    expect((await push(base, comment)).status).toBe(404);
  });

  it('stores and alerts once, answers 202, and deduplicates a retried delivery', async () => {
    const { app, base } = await start({ WEBHOOK_SECRET: SECRET });
    const first = await push(base, comment);
    expect(first.status).toBe(202);
    expect(await first.json()).toEqual({ stored: 1, duplicates: 0, alerted: 1 });
    const retries = await Promise.all([push(base, comment), push(base, [comment, comment])]);
    expect(retries.map((r) => r.status)).toEqual([202, 202]);
    expect(await app.services.db.comment.count()).toBe(1);
    expect(app.recorder.besidesDigests()).toHaveLength(1);
    const stored = await app.services.db.comment.findFirstOrThrow({ include: { workspace: true } });
    expect(stored).toMatchObject({ provider: 'facebook', externalId: 'c-100', author: 'Sam', postId: 'p-1' });
    expect(stored.workspace).toMatchObject({ platform: 'console', externalId: 'console' });
    expect(stored.postedAt?.toISOString()).toBe('2026-11-26T08:59:00.000Z');
  });

  it('refuses a missing or wrong secret with 401 and stores nothing', async () => {
    const { app, base } = await start({ WEBHOOK_SECRET: SECRET });
    expect((await push(base, comment, '')).status).toBe(401);
    expect((await push(base, comment, `Bearer ${SECRET}x`)).status).toBe(401);
    expect((await push(base, comment, SECRET)).status).toBe(401);
    expect(await app.services.db.comment.count()).toBe(0);
  });

  it('answers 400 with the problem for invalid bodies, storing nothing of a bad batch', async () => {
    const { app, base } = await start({ WEBHOOK_SECRET: SECRET });
    const cases: unknown[] = [
      '{not json',
      { ...comment, id: undefined },
      { ...comment, text: 42 },
      { ...comment, url: 'javascript:alert(1)' },
      { ...comment, created_at: 'yesterday' },
      { ...comment, extra: 'field' },
      [],
      [comment, { ...comment, id: '' }],
      'null',
    ];
    for (const body of cases) {
      const r = await push(base, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(((await r.json()) as { error?: string }).error).toBeTruthy();
    }
    expect(await app.services.db.comment.count()).toBe(0);
  });

  it('routes to the workspace named by ?workspace=platform:externalId', async () => {
    const { app, base } = await start({ WEBHOOK_SECRET: SECRET });
    await app.say('/help', identity({ platform: 'slack', workspace: 'T9' }));
    expect((await push(base, comment, undefined, '?workspace=slack:T9')).status).toBe(202);
    const stored = await app.services.db.comment.findFirstOrThrow({ include: { workspace: true } });
    expect(stored.workspace.externalId).toBe('T9');
    expect((await push(base, comment, undefined, '?workspace=slack:nope')).status).toBe(400);
    expect((await push(base, comment, undefined, '?workspace=bogus')).status).toBe(400);
  });
});

const sign = (body: string, secret = APP_SECRET) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

const pageEvent = (commentId: string, fromId = 'user-1') =>
  JSON.stringify({
    object: 'page',
    entry: [
      {
        id: 'page-1',
        time: 1764147600,
        changes: [
          {
            field: 'feed',
            value: {
              item: 'comment',
              verb: 'add',
              comment_id: commentId,
              post_id: 'page-1_post-9',
              parent_id: 'page-1_post-9',
              // A scam accusation: urgent, so the alert goes out at once.
              message: 'وين طلبي؟ صار لي أسبوعين وما وصل، نصابين',
              from: { id: fromId, name: 'Khalid' },
              created_time: 1764147500,
              post: { permalink_url: 'https://www.facebook.com/page-1/posts/9' },
            },
          },
          { field: 'feed', value: { item: 'reaction', verb: 'add', reaction_type: 'like' } },
        ],
      },
    ],
  });

const igEvent = JSON.stringify({
  object: 'instagram',
  entry: [
    {
      id: 'ig-account-1',
      time: 1764147600,
      changes: [
        {
          field: 'comments',
          value: {
            id: 'ig-c-1',
            text: 'Do you ship to Jeddah?',
            from: { id: 'ig-user-7', username: 'noura' },
            media: { id: 'media-3', media_product_type: 'FEED' },
          },
        },
      ],
    },
  ],
});

const metaPost = (base: string, body: string, signature?: string) =>
  fetch(`${base}/webhooks/meta`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(signature ? { 'x-hub-signature-256': signature } : {}) },
    body,
  });

describe('Meta webhooks', () => {
  it('GET verification echoes the challenge only with the right verify token', async () => {
    const { base } = await start({ META_VERIFY_TOKEN: VERIFY, META_APP_SECRET: APP_SECRET });
    const ok = await fetch(
      `${base}/webhooks/meta?hub.mode=subscribe&hub.verify_token=${VERIFY}&hub.challenge=1158201444`,
    );
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    const wrong = await fetch(`${base}/webhooks/meta?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1`);
    expect(wrong.status).toBe(403);
    const noMode = await fetch(`${base}/webhooks/meta?hub.verify_token=${VERIFY}&hub.challenge=1`);
    expect(noMode.status).toBe(403);
  });

  it('is off (404) without META_APP_SECRET / META_VERIFY_TOKEN', async () => {
    const { base } = await start();
    expect((await metaPost(base, pageEvent('c1'), sign(pageEvent('c1')))).status).toBe(404);
    expect((await fetch(`${base}/webhooks/meta?hub.mode=subscribe`)).status).toBe(404);
  });

  it('accepts a signed Page feed comment, alerts once in Arabic, and ignores the Page itself', async () => {
    const { app, base } = await start({ META_APP_SECRET: APP_SECRET });
    const body = pageEvent('page-1_post-9_c1');
    expect((await metaPost(base, body, sign(body))).status).toBe(200);
    expect((await metaPost(base, body, sign(body))).status).toBe(200);
    const own = pageEvent('page-1_post-9_c2', 'page-1');
    expect((await metaPost(base, own, sign(own))).status).toBe(200);
    const stored = await app.services.db.comment.findMany();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      provider: 'facebook',
      externalId: 'page-1_post-9_c1',
      author: 'Khalid',
      language: 'ar',
      sentiment: 'negative',
      url: 'https://www.facebook.com/page-1/posts/9',
    });
    expect(app.recorder.besidesDigests()).toHaveLength(1);
    expect(textOf(app.recorder.besidesDigests()[0]?.reply ?? { blocks: [] })).toContain('Negative comment on Facebook');
  });

  it('rejects forged and missing signatures with 401 and stores nothing', async () => {
    const { app, base } = await start({ META_APP_SECRET: APP_SECRET });
    const body = pageEvent('c1');
    expect((await metaPost(base, body)).status).toBe(401);
    expect((await metaPost(base, body, sign(body, 'another-secret'))).status).toBe(401);
    expect((await metaPost(base, body.replace('Khalid', 'Mallory'), sign(body))).status).toBe(401);
    expect((await metaPost(base, body, 'sha1=abc')).status).toBe(401);
    expect(await app.services.db.comment.count()).toBe(0);
  });

  it('maps an Instagram account to its workspace through the Integration table', async () => {
    const { app, base } = await start({ META_APP_SECRET: APP_SECRET });
    await app.say('/help', identity({ platform: 'slack', workspace: 'T-brand' }));
    const ws = await app.services.db.workspace.findFirstOrThrow({ where: { externalId: 'T-brand' } });
    await app.services.db.integration.create({
      data: { workspaceId: ws.id, provider: 'instagram', accountId: 'ig-account-1', credentials: 'sealed' },
    });
    expect((await metaPost(base, igEvent, sign(igEvent))).status).toBe(200);
    const stored = await app.services.db.comment.findFirstOrThrow();
    expect(stored).toMatchObject({
      workspaceId: ws.id,
      provider: 'instagram',
      author: '@noura',
      isQuestion: true,
      postId: 'media-3',
    });
    // A question is not urgent: it waits for the workspace's review summary.
    expect(stored.alertTier).toBe('review');
    expect(app.recorder.besidesDigests()).toHaveLength(0);
    app.clock.advance(61 * 60_000);
    await app.services.comments.reviews.runDue();
    expect(app.recorder.besidesDigests()).toHaveLength(1);
    expect(app.recorder.besidesDigests()[0]?.workspaceId).toBe(ws.id);
    const summary = textOf(app.recorder.besidesDigests()[0]?.reply ?? { blocks: [] });
    expect(summary).toContain('Instagram · @noura');
    expect(summary).toContain('question waiting for a reply');
  });
});

describe('one bad comment never costs the others (a NUL failed its row, and every redelivery, on PostgreSQL)', () => {
  const batch = [
    { platform: 'facebook', id: 'p1', text: 'fine' },
    { platform: 'facebook', id: 'p2', text: 'poison \u0000 here', author: 'N\u0000ul' },
    { platform: 'facebook', id: 'p3', text: 'lone \ud800 surrogate' },
  ];

  it('stores every comment of a batch with a NUL and a lone surrogate, made storable', async () => {
    const { app, base } = await start({ WEBHOOK_SECRET: SECRET });
    const r = await push(base, batch);
    expect(r.status).toBe(202);
    expect(await r.json()).toMatchObject({ stored: 3, duplicates: 0 });
    const rows = await app.services.db.comment.findMany({ orderBy: { externalId: 'asc' } });
    expect(rows.map((c) => [c.externalId, c.text, c.author])).toEqual([
      ['p1', 'fine', null],
      ['p2', 'poison  here', 'Nul'],
      ['p3', 'lone \ufffd surrogate', null],
    ]);
  });

  it('stores the rest and names the comment that failed; 503 only when nothing could be stored', async () => {
    const { app, base } = await start({ WEBHOOK_SECRET: SECRET });
    const ingest = app.services.comments.ingest.bind(app.services.comments);
    app.services.comments.ingest = async (ws, c) => {
      if (c.externalId === 'p2' || c.externalId === 'only') throw new Error('simulated database refusal');
      return ingest(ws, c);
    };
    const r = await push(base, batch);
    expect(r.status).toBe(202);
    expect(await r.json()).toMatchObject({ stored: 2, failed: [{ item: 2, id: 'p2' }] });
    expect((await app.services.db.comment.findMany()).map((c) => c.externalId).sort()).toEqual(['p1', 'p3']);
    const none = await push(base, { platform: 'facebook', id: 'only', text: 'x' });
    expect(none.status).toBe(503);
  });

  it('the Meta webhook stores the comments after a bad one and answers 200', async () => {
    const { app, base } = await start({ META_VERIFY_TOKEN: VERIFY, META_APP_SECRET: APP_SECRET });
    const change = (id: string, message: string) => ({
      field: 'feed',
      value: { item: 'comment', verb: 'add', comment_id: id, post_id: 'p_1', message, from: { id: 'u1', name: 'A' } },
    });
    const body = JSON.stringify({
      object: 'page',
      entry: [
        { id: 'page-1', time: 1, changes: [change('m1', 'ok'), change('m2', 'bad \u0000'), change('m3', 'ok too')] },
      ],
    });
    const r = await metaPost(base, body, sign(body));
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ stored: 3 });
    expect((await app.services.db.comment.findMany()).map((c) => c.text).sort()).toEqual(['bad ', 'ok', 'ok too']);
  });
});
