/**
 * Hostile bodies at every endpoint that takes one from outside, correctly signed (so they reach the
 * parsers) and forged: prototype-pollution keys, deep nesting, huge arrays, wrong types, invalid
 * UTF-8, oversize bodies. Each gets a clear 4xx (or a harmless 2xx for a platform that must
 * acknowledge), nothing is written, nothing crashes, and Object.prototype stays clean.
 */
import { createHmac, generateKeyPairSync, sign } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import type { DiscordAdapter } from '../../src/adapters/discord/adapter.js';
import { SlackAdapter } from '../../src/adapters/slack/adapter.js';
import { Router } from '../../src/core/router.js';
import { MAX_BODY_BYTES } from '../../src/http/server.js';
import { createLogger } from '../../src/log.js';
import { MAX_PUSH_BYTES } from '../../src/reporting/webhook.js';
import { FakeDiscord } from '../fakes/discord.js';
import { FakeSlack } from '../fakes/slack.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { startDiscordAdapter } from '../helpers/discord.js';

const WEBHOOK_SECRET = 'hook-secret-1234567890';
const META_SECRET = 'meta-app-secret';
const SLACK_SECRET = 'slack-signing-secret';
const discordKeys = generateKeyPairSync('ed25519');
const discordPublicHex = (() => {
  const der = discordKeys.publicKey.export({ format: 'der', type: 'spki' });
  return der.subarray(der.length - 32).toString('hex');
})();

let app: TestApp;
let base: string;
let slack: SlackAdapter;
let discord: DiscordAdapter;
let fakeSlack: FakeSlack;
let fakeDiscord: FakeDiscord;

beforeAll(async () => {
  fakeSlack = await new FakeSlack().start();
  fakeDiscord = new FakeDiscord();
  await fakeDiscord.start();
  app = await createTestApp({
    WEBHOOK_SECRET,
    META_APP_SECRET: META_SECRET,
    META_VERIFY_TOKEN: 'verify-me',
    SLACK_BOT_TOKEN: fakeSlack.botToken,
    SLACK_SIGNING_SECRET: SLACK_SECRET,
    SLACK_API_URL: fakeSlack.apiUrl,
    DISCORD_PUBLIC_KEY: discordPublicHex,
    DISCORD_APP_ID: fakeDiscord.appId,
    DISCORD_TOKEN: fakeDiscord.token,
    DISCORD_API_URL: fakeDiscord.api,
    PORT: '0',
  });
  const log = createLogger(process.env.TEST_LOG ?? 'silent');
  const router = new Router(commands, app.services, log);
  slack = new SlackAdapter({
    config: app.services.config,
    router,
    services: app.services,
    http: app.http,
    log,
    clientOptions: { retryConfig: { retries: 0 } },
  });
  await slack.start();
  discord = await startDiscordAdapter(app, { router });
  const port = await app.listen();
  base = `http://127.0.0.1:${port}`;
  // A workspace exists, so the webhooks have somewhere they could (wrongly) write.
  await app.say('/config');
}, 60_000);

afterAll(async () => {
  await discord?.stop();
  await slack?.stop();
  await app?.cleanup();
  await fakeSlack?.stop();
  await fakeDiscord?.stop();
});

type Endpoint = {
  name: string;
  path: string;
  headers: (body: Buffer) => Record<string, string>;
  ack: number[];
  /** The endpoint's body limit when it is not the server's default. */
  maxBody?: number;
};

const now = () => Math.floor(Date.now() / 1000);
const endpoints: Endpoint[] = [
  {
    name: 'comments',
    path: '/webhooks/comments',
    headers: () => ({ authorization: `Bearer ${WEBHOOK_SECRET}` }),
    ack: [],
  },
  {
    name: 'metrics',
    path: '/webhooks/metrics',
    headers: () => ({ authorization: `Bearer ${WEBHOOK_SECRET}` }),
    ack: [],
    maxBody: MAX_PUSH_BYTES,
  },
  {
    name: 'meta',
    path: '/webhooks/meta',
    headers: (b) => ({ 'x-hub-signature-256': `sha256=${createHmac('sha256', META_SECRET).update(b).digest('hex')}` }),
    // Meta wants 200 for any well-formed notification, including ones with nothing to store.
    ack: [200],
  },
  {
    name: 'slack',
    path: '/slack/events',
    headers: (b) => {
      const ts = String(now());
      const mac = createHmac('sha256', SLACK_SECRET).update(`v0:${ts}:`).update(b).digest('hex');
      return { 'x-slack-request-timestamp': ts, 'x-slack-signature': `v0=${mac}` };
    },
    // Bolt acknowledges what it has a listener for; anything else gets its 404 ("not handled").
    ack: [200, 404],
  },
  {
    name: 'discord',
    path: '/discord/interactions',
    headers: (b) => {
      const ts = String(now());
      const signature = sign(null, Buffer.concat([Buffer.from(ts), b]), discordKeys.privateKey).toString('hex');
      return { 'x-signature-ed25519': signature, 'x-signature-timestamp': ts };
    },
    ack: [],
  },
];

async function post(e: Endpoint, body: Buffer, headers: Record<string, string>) {
  const res = await fetch(`${base}${e.path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: new Uint8Array(body),
  });
  const text = await res.text();
  return { status: res.status, text };
}

/** Row counts of every table a webhook could write. */
async function counts(): Promise<string> {
  const db = app.db.prisma;
  return JSON.stringify([
    await db.comment.count(),
    await db.metricDaily.count(),
    await db.processedEvent.count(),
    await db.workspace.count(),
    await db.member.count(),
    await db.auditLog.count(),
    await db.scheduledPost.count(),
  ]);
}

const POLLUTERS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];

/** JSON text built by hand, so `__proto__` arrives as a real key, as an attacker would send it. */
const hostileJson: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v) ?? 'null'),
    fc
      .array(fc.tuple(fc.oneof(fc.constantFrom(...POLLUTERS), fc.string({ maxLength: 8 })), tie('value')), {
        maxLength: 5,
      })
      .map((pairs) => `{${pairs.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`),
    fc.array(tie('value'), { maxLength: 4 }).map((items) => `[${items.join(',')}]`),
  ),
})).value;

/** Plausible shapes with polluting keys and wrong types in the places the parsers look. */
const shaped = fc
  .tuple(fc.constantFrom(...POLLUTERS), hostileJson, hostileJson)
  .map(([k, a, b]) =>
    [
      `{"${k}":{"isAdmin":true,"polluted":1},"entry":${a},"object":"page"}`,
      `{"type":1,"id":${a},"application_id":${b},"token":{"${k}":1}}`,
      `{"type":"event_callback","event":{"${k}":${a}},"team_id":${b}}`,
      `{"provider":${a},"text":${b},"${k}":{"polluted":1}}`,
      `[{"date":${a},"channel":"facebook","${k}":{"polluted":1}},${b}]`,
    ].join('\n'),
  )
  .chain((lines) => fc.constantFrom(...lines.split('\n')));

const special: Array<[string, Buffer]> = [
  ['deep nesting', Buffer.from(`${'['.repeat(50_000)}${']'.repeat(50_000)}`)],
  ['deep objects', Buffer.from(`${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`)],
  ['huge array', Buffer.from(`[${Array.from({ length: 150_000 }, () => '0').join(',')}]`)],
  ['huge array of objects', Buffer.from(`[${Array.from({ length: 40_000 }, () => '{"__proto__":{}}').join(',')}]`)],
  ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d])],
  ['lone surrogate escapes', Buffer.from('{"text":"\\ud800\\udfff\\ud800","provider":"facebook"}')],
  ['not JSON', Buffer.from('<xml>nope</xml>')],
  ['empty', Buffer.alloc(0)],
  ['null', Buffer.from('null')],
  ['a string', Buffer.from('"__proto__"')],
];

describe('hostile webhook bodies', () => {
  for (const e of endpoints) {
    describe(e.name, () => {
      it('answers generated hostile JSON with a clear 4xx (or an acknowledgement) and writes nothing', async () => {
        const before = await counts();
        // Sent together: Bolt answers an event nobody listens to only after its 3-second wait.
        const bodies = fc.sample(fc.oneof(hostileJson, shaped), 80);
        const answers = await Promise.all(
          bodies.map(async (json) => {
            const body = Buffer.from(json);
            return { json, ...(await post(e, body, e.headers(body))) };
          }),
        );
        for (const r of answers) {
          expect([...e.ack, 400, 401, 413, 415, 422], `${r.status} ${r.text} for ${r.json}`).toContain(r.status);
        }
        expect(await counts()).toBe(before);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
      }, 60_000);

      it('answers deep, huge, malformed and non-UTF-8 bodies with a 4xx and writes nothing', async () => {
        const before = await counts();
        const answers = await Promise.all(
          special.map(async ([what, body]) => {
            expect(body.length).toBeLessThan(MAX_BODY_BYTES);
            return { what, ...(await post(e, body, e.headers(body))) };
          }),
        );
        for (const r of answers) {
          expect([...e.ack, 400, 401, 413, 415, 422], `${r.what}: ${r.status} ${r.text.slice(0, 200)}`).toContain(
            r.status,
          );
        }
        expect(await counts()).toBe(before);
      }, 60_000);

      if (e.name === 'comments' || e.name === 'meta') {
        it('says plainly that a body is not UTF-8', async () => {
          const body = Buffer.from([0x7b, 0x22, 0x74, 0x65, 0x78, 0x74, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]);
          const r = await post(e, body, e.headers(body));
          expect(r.status).toBe(400);
          expect(r.text).toContain('not valid UTF-8');
        });
      }

      it('refuses an oversize body with 413', async () => {
        const body = Buffer.alloc((e.maxBody ?? MAX_BODY_BYTES) + 1, 0x20);
        const r = await post(e, body, e.headers(body));
        expect(r.status).toBe(413);
      });

      it('refuses forged and missing signatures with 401 and writes nothing', async () => {
        const before = await counts();
        await fc.assert(
          fc.asyncProperty(hostileJson, fc.string({ unit: 'binary-ascii', maxLength: 130 }), async (json, forged) => {
            const body = Buffer.from(json);
            const good = e.headers(body);
            const bad = Object.fromEntries(
              Object.keys(good).map((k) => [k, k.includes('timestamp') ? good[k] : forged]),
            );
            const safe = Object.fromEntries(Object.entries(bad).filter(([, v]) => /^[\x20-\x7e]*$/.test(v ?? '')));
            const r = await post(e, body, safe as Record<string, string>);
            expect(r.status, r.text).toBe(401);
          }),
          { numRuns: 40 },
        );
        const body = Buffer.from('{"type":1}');
        expect((await post(e, body, {})).status).toBe(401);
        expect(await counts()).toBe(before);
      }, 60_000);
    });
  }

  it('slack: hostile interactivity payloads (form bodies) get a 4xx or an acknowledgement and write nothing', async () => {
    const e = endpoints.find((x) => x.name === 'slack') as Endpoint;
    const before = await counts();
    const payloads = [...fc.sample(fc.oneof(hostileJson, shaped), 40), 'null', '[]', '{"type":{"__proto__":1}}'];
    const answers = await Promise.all(
      payloads.map(async (payload) => {
        const body = Buffer.from(new URLSearchParams({ payload }).toString());
        const res = await fetch(`${base}${e.path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', ...e.headers(body) },
          body: new Uint8Array(body),
        });
        return { payload, status: res.status };
      }),
    );
    for (const r of answers) expect([200, 400, 404], `${r.status} for ${r.payload}`).toContain(r.status);
    expect(await counts()).toBe(before);
  }, 60_000);

  it('the server is still healthy afterwards', async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });
});
