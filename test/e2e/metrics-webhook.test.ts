import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, identity, type TestApp } from '../helpers/app.js';

const SECRET = 'a-long-webhook-secret-123';

describe('POST /webhooks/metrics', () => {
  let app: TestApp | undefined;
  afterEach(async () => {
    await app?.cleanup();
    app = undefined;
  });

  async function start(env: Record<string, string> = { WEBHOOK_SECRET: SECRET }) {
    app = await createTestApp({ PORT: '0', ...env });
    const port = await app.listen();
    return `http://127.0.0.1:${port}/webhooks/metrics`;
  }
  const post = (url: string, body: string, auth?: string) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
      body,
    });

  it('stores one object or an array with the bearer secret, and replaces on a repeat', async () => {
    const url = await start();
    const one = await post(
      url,
      JSON.stringify({ date: '2026-11-20', channel: 'facebook', spend: '10.5', clicks: 4 }),
      `Bearer ${SECRET}`,
    );
    expect(one.status).toBe(202);
    expect(await one.json()).toEqual({ stored: 1, inserted: 1, replaced: 0 });
    const many = [
      { date: '2026-11-20', channel: 'facebook', spend: 11, clicks: 5 },
      // Email tools call the column "Unsubscribes": read as emails_unsubscribed.
      {
        date: '2026-11-21',
        channel: 'email',
        campaign: 'Winter',
        emails_delivered: 100,
        emails_opened: 30,
        Unsubscribes: 2,
      },
    ];
    const r = await post(url, JSON.stringify(many), `Bearer ${SECRET}`);
    expect(r.status).toBe(202);
    expect(await r.json()).toEqual({ stored: 2, inserted: 1, replaced: 1 });
    const rows = await app?.services.db.metricDaily.findMany({ orderBy: { date: 'asc' } });
    expect(rows?.map((x) => [x.channel, x.spendMinor, x.clicks, x.source, x.emailsUnsubscribed])).toEqual([
      ['facebook', 1100, 5, 'push', 0],
      ['email', 0, 0, 'push', 2],
    ]);
  });

  it('refuses a missing or wrong secret and stores nothing', async () => {
    const url = await start();
    const body = JSON.stringify({ date: '2026-11-20', channel: 'facebook' });
    expect((await post(url, body)).status).toBe(401);
    expect((await post(url, body, 'Bearer wrong-secret-of-some-length')).status).toBe(401);
    expect((await post(url, body, SECRET)).status).toBe(401);
    expect(await app?.services.db.metricDaily.count()).toBe(0);
  });

  it('answers 400 with every problem by item and stores nothing', async () => {
    const url = await start();
    const r = await post(
      url,
      JSON.stringify([
        { date: '2026-11-20', channel: 'facebook', clicks: 3 },
        { date: '20-11-2026', channel: 'facebook', bogus: 1 },
        { date: '2026-11-20', channel: 'email', unsubscribes: 1, emails_unsubscribed: 2 },
      ]),
      `Bearer ${SECRET}`,
    );
    expect(r.status).toBe(400);
    const body = (await r.json()) as { errors: Array<{ item: number; message: string }> };
    expect(body.errors.map((e) => e.item)).toEqual([2, 2, 3]);
    expect(body.errors[0]?.message).toContain('unknown column "bogus"');
    expect(body.errors[1]?.message).toContain('date "20-11-2026"');
    // Two spellings of one column in one item: which figure is meant is not guessed.
    expect(body.errors[2]?.message).toContain('"emails_unsubscribed"');
    expect((await post(url, '{not json', `Bearer ${SECRET}`)).status).toBe(400);
    expect(await app?.services.db.metricDaily.count()).toBe(0);
  });

  it('needs a workspace named when there are several', async () => {
    const url = await start();
    await app?.say('/config', identity({ workspace: 'T1' }));
    await app?.say('/config', identity({ workspace: 'T2' }));
    const body = JSON.stringify({ date: '2026-11-20', channel: 'facebook', clicks: 1 });
    expect((await post(url, body, `Bearer ${SECRET}`)).status).toBe(400);
    const r = await post(`${url}?workspace=slack:T2`, body, `Bearer ${SECRET}`);
    expect(r.status).toBe(202);
    const row = await app?.services.db.metricDaily.findFirstOrThrow({ include: { workspace: true } });
    expect(row?.workspace.externalId).toBe('T2');
  });

  it('is off when WEBHOOK_SECRET is unset', async () => {
    const url = await start({});
    expect((await post(url, '{}', 'Bearer anything-at-all-here')).status).toBe(404);
  });

  it('stores a campaign name with a NUL in it (it answered 500 on PostgreSQL)', async () => {
    const url = await start();
    const body = JSON.stringify([{ date: '2026-11-20', channel: 'facebook', campaign: 'Win\u0000ter', clicks: 4 }]);
    const r = await post(url, body, `Bearer ${SECRET}`);
    expect(r.status).toBe(202);
    const rows = await app?.services.db.metricDaily.findMany();
    expect(rows?.map((x) => x.campaign)).toEqual(['Winter']);
  });
});
