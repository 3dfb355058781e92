/**
 * Discord gateway mode with several replicas on PostgreSQL: only the replica holding the
 * `discord-gateway` leader lock connects, and another takes over when the leader stops or its
 * database session dies (what the server sees when a replica is killed). The lock itself is
 * tested with SIGKILLed processes in test/unit/job-safety.test.ts.
 */
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { createDiscordAdapter, type DiscordAdapter, GATEWAY_LOCK } from '../../src/adapters/discord/adapter.js';
import { Router } from '../../src/core/router.js';
import { createLogger } from '../../src/log.js';
import { FakeDiscord } from '../fakes/discord.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { describePg } from '../helpers/pg.js';

async function until(cond: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describePg('Discord gateway leadership across replicas', () => {
  let fake: FakeDiscord;
  let app: TestApp;
  let replicas: DiscordAdapter[] = [];

  beforeAll(async () => {
    fake = new FakeDiscord();
    await fake.start();
  });
  afterAll(async () => {
    await fake.stop();
  });
  beforeEach(async () => {
    app = await createTestApp({ DISCORD_TOKEN: fake.token, DISCORD_APP_ID: fake.appId, DISCORD_API_URL: fake.api });
  });
  afterEach(async () => {
    for (const r of replicas) await r.stop();
    replicas = [];
    await app.cleanup();
  });

  function replica(): DiscordAdapter {
    const log = createLogger('silent');
    const r = createDiscordAdapter({
      config: app.services.config,
      router: new Router(commands, app.services, log),
      db: app.services.db,
      http: app.http,
      log,
      rest: { retries: 0, timeout: 3000 },
      leaderCheckMs: 100,
    });
    replicas.push(r);
    return r;
  }
  const connected = () => replicas.filter((r) => r.gateway?.client.isReady());

  it('connects one gateway for three replicas; another connects when the leader stops', async () => {
    const [a, b, c] = [replica(), replica(), replica()];
    for (const r of [a, b, c]) await r.start();
    expect(a.gateway?.client.isReady()).toBe(true);
    expect(b.gateway).toBeUndefined();
    expect(c.gateway).toBeUndefined();
    expect(fake.openGateways).toBe(1);

    // Never two connections during a hand-over: the leader disconnects before it frees the lock.
    let most = 0;
    const watch = setInterval(() => {
      most = Math.max(most, fake.openGateways);
    }, 2);
    try {
      await a.stop();
      await until(() => connected().length === 1);
    } finally {
      clearInterval(watch);
    }
    expect(most).toBeLessThanOrEqual(1);
    expect(a.gateway).toBeUndefined();
    expect(connected()[0]).not.toBe(a);
    expect(fake.openGateways).toBe(1);
  });

  it('moves the gateway when the leader’s database session dies', async () => {
    const [a, b] = [replica(), replica()];
    await a.start();
    await b.start();
    expect(connected()).toEqual([a]);
    const old = a.gateway;
    const identifiesBefore = fake.gatewayFrames.filter((f) => f.op === 2).length;
    // The server ends the session holding the advisory lock, as when the leader's process is killed.
    const ended = await app.services.db.$queryRawUnsafe<Array<{ ended: boolean }>>(
      `SELECT pg_terminate_backend(pid) AS ended FROM pg_locks
        WHERE locktype = 'advisory' AND objid = (hashtextextended('mktbot:leader:' || $1, 0) & 4294967295)::oid`,
      GATEWAY_LOCK,
    );
    expect(ended).toEqual([{ ended: true }]);
    // The old leader notices and disconnects; one replica (either may win the race) leads again.
    await until(() => connected().length === 1 && connected()[0]?.gateway !== old && fake.openGateways === 1);
    // A new session identified: the connection really moved (or was re-made), not just kept.
    expect(fake.gatewayFrames.filter((f) => f.op === 2).length).toBe(identifiesBefore + 1);
    await new Promise((r) => setTimeout(r, 400));
    expect(connected()).toHaveLength(1);
    expect(fake.openGateways).toBe(1);
  });
});
