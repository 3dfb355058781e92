/**
 * Ack latency under a burst: 100 concurrent signed slash commands against this app (full adapter,
 * router, database) and, in the same run, against a bare Bolt app whose handler only acks (the
 * floor). Target: our p99 within 1.25x of bare Bolt's; the work after the ack must not delay acks.
 * Run after `npm run build`: node bench/slack-ack.mjs [burst=100] [rounds=3]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import bolt from '@slack/bolt';
import { SlackAdapter } from '../dist/src/adapters/slack/adapter.js';
import { loadConfig } from '../dist/src/config.js';
import { createLogger } from '../dist/src/log.js';
import { createApp } from '../dist/src/main.js';
import { slashCommand, startMinimalSlack } from './lib/slack.mjs';

const BURST = Number(process.argv[2] ?? 100);
const ROUNDS = Number(process.argv[3] ?? 3);
const SECRET = 'bench-secret';
const TOKEN = 'xoxb-bench';

const fake = await startMinimalSlack();
const fakeUrl = fake.url;

let seq = 0;
async function burst(url) {
  const one = async () => {
    const n = ++seq;
    const request = slashCommand({
      secret: SECRET,
      slackUrl: fakeUrl,
      n,
      command: '/config',
      text: n % 2 ? '' : 'currency EUR',
    });
    const started = performance.now();
    const res = await fetch(url, request);
    await res.text();
    if (res.status !== 200) throw new Error(`status ${res.status}`);
    return performance.now() - started;
  };
  return Promise.all(Array.from({ length: BURST }, one));
}

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

// The floor: bare Bolt, ack only.
const bare = new bolt.App({
  token: TOKEN,
  signingSecret: SECRET,
  clientOptions: { slackApiUrl: `${fakeUrl}/api/` },
  logLevel: bolt.LogLevel.ERROR,
});
bare.command(/.*/, async ({ ack }) => ack());
const bareServer = await bare.start({ port: 0, host: '127.0.0.1' });
const bareUrl = `http://127.0.0.1:${bareServer.address().port}/slack/events`;

// This app: full adapter on the shared HTTP server, SQLite in a temporary folder.
const dir = mkdtempSync(path.join(tmpdir(), 'mktbot-bench-'));
const config = loadConfig({
  DATABASE_URL: `file:${path.join(dir, 'bench.db')}`,
  SLACK_BOT_TOKEN: TOKEN,
  SLACK_SIGNING_SECRET: SECRET,
  SLACK_API_URL: `${fakeUrl}/api/`,
  PORT: '0',
  LOG_LEVEL: 'silent',
});
const log = createLogger('silent');
const app = await createApp({ config, log });
const adapter = new SlackAdapter({
  config,
  router: app.router,
  services: app.services,
  http: app.http,
  log,
  clientOptions: { retryConfig: { retries: 0 } },
});
await adapter.start();
const port = await app.listen();
const oursUrl = `http://127.0.0.1:${port}/slack/events`;

await burst(bareUrl);
await burst(oursUrl); // warm-up: first contact creates the workspace
const bareTimes = [];
const ourTimes = [];
for (let i = 0; i < ROUNDS; i++) {
  bareTimes.push(...(await burst(bareUrl)));
  ourTimes.push(...(await burst(oursUrl)));
  await new Promise((r) => setTimeout(r, 300)); // let the work after the acks drain
}
const f = (x) => `${x.toFixed(1)} ms`;
console.log(`burst ${BURST} x ${ROUNDS} rounds`);
console.log(`bare Bolt  p50 ${f(pct(bareTimes, 50))}  p99 ${f(pct(bareTimes, 99))}`);
console.log(`mktbot     p50 ${f(pct(ourTimes, 50))}  p99 ${f(pct(ourTimes, 99))}`);
const ratio = pct(ourTimes, 99) / pct(bareTimes, 99);
console.log(`p99 ratio ${ratio.toFixed(2)} (target <= 1.25)`);

await adapter.stop();
await app.stop();
await bare.stop();
fake.close();
rmSync(dir, { recursive: true, force: true });
