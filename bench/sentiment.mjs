#!/usr/bin/env node
// Sentiment throughput on one core, and webhook-to-alert latency through the real HTTP server.
// Run after `npm run build`: node bench/sentiment.mjs   (targets: >= 5,000 comments/s a language;
// p99 < 300 ms). The webhook part sends bursts of concurrent comments; bench/comments.mjs has the
// full burst with every side in its own process.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));
const dist = (p) => path.join(root, 'dist', 'src', p);
const { SentimentClassifier } = await import(dist('listening/sentiment/index.js'));
const { createApp } = await import(dist('main.js'));
const { loadConfig } = await import(dist('config.js'));
const { createLogger } = await import(dist('log.js'));
const { SlackAdapter } = await import(dist('adapters/slack/adapter.js'));
const { slashCommand, startMinimalSlack } = await import('./lib/slack.mjs');
const { commentTexts } = await import('./lib/comment-texts.mjs');

const pct = (xs, p) => xs.slice().sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

// 1. Throughput on one core, per language, over real comments (../shared/data; see lib/comment-texts.mjs).
const texts = commentTexts();
console.log(texts.note);
const classifier = SentimentClassifier.load();
classifier.warm();
const LANGS = { en: 'English', ar: 'Arabic' };
for (const [lang, name] of Object.entries(LANGS)) {
  const list = texts[lang];
  for (const t of list.slice(0, 300)) classifier.classify(t); // warm-up
  const rates = [];
  for (let run = 0; run < 5; run++) {
    const start = process.hrtime.bigint();
    for (const t of list) classifier.classify(t);
    rates.push(list.length / (Number(process.hrtime.bigint() - start) / 1e9));
  }
  const sorted = rates.sort((x, y) => x - y);
  console.log(
    `sentiment ${name}: ${list.length} comments x 5 runs, median ${Math.round(pct(sorted, 50))} comments/s ` +
      `(range ${Math.round(sorted[0])}-${Math.round(sorted[4])}; target >= 5000)`,
  );
}

// 2. Webhook-to-alert latency in bursts: BURSTS bursts of BURST comments sent at once (real texts
// the classifier tiers urgent, English and Arabic alternating), each from POST /webhooks/comments
// until its alert reaches Slack's chat.postMessage (the real Slack adapter against a local fake
// Slack), side by side with the same pipeline ending at a recording notifier (the floor: no
// adapter, no HTTP call to Slack). An alert names its comment by the key in the comment's link.
const SECRET = 'bench-secret-0123456789abcdef';
const SIGNING = 'bench-signing-secret';
const TOKEN = 'xoxb-bench';
const BURST = 50;
const BURSTS = 8;
const KEY = /bk\d+x\d+y/;
const arrived = new Map();
const noteAlert = (body) => {
  const key = KEY.exec(body)?.[0];
  if (key && !arrived.has(key)) arrived.set(key, performance.now());
};
const fakeSlack = await startMinimalSlack((url, body) => {
  if (url.startsWith('/api/chat.postMessage')) noteAlert(decodeURIComponent(body.replace(/\+/g, ' ')));
});
const fakeUrl = fakeSlack.url;
const urgent = { en: [], ar: [] };
for (const lang of ['en', 'ar']) {
  for (const t of texts[lang]) if (t.trim() && classifier.classify(t).alert === 'urgent') urgent[lang].push(t);
}

async function measure(withSlack) {
  const dir = mkdtempSync(path.join(tmpdir(), 'mktbot-bench-'));
  const config = loadConfig({
    DATABASE_URL: `file:${path.join(dir, 'bench.db')}`,
    PORT: '0',
    WEBHOOK_SECRET: SECRET,
    LOG_LEVEL: 'silent',
    ...(withSlack && { SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SIGNING, SLACK_API_URL: `${fakeUrl}/api/` }),
  });
  const log = createLogger('silent');
  const recording = {
    async post(_workspace, _to, reply) {
      noteAlert(JSON.stringify(reply));
      return { messageId: 'm' };
    },
  };
  const app = await createApp({ config, log, ...(!withSlack && { notifier: recording }) });
  let adapter;
  if (withSlack) {
    adapter = new SlackAdapter({ config, router: app.router, services: app.services, http: app.http, log });
    await adapter.start();
    app.notifier.set('slack', adapter.notifier);
  }
  const port = await app.listen();
  let query = '';
  if (withSlack) {
    // First contact creates the Slack workspace, and its first member (an admin) sets the alerts channel.
    const first = slashCommand({
      secret: SIGNING,
      slackUrl: fakeUrl,
      n: 1,
      command: '/alerts',
      text: 'config channel:<#C1|social>',
    });
    const res = await fetch(`http://127.0.0.1:${port}/slack/events`, first);
    await res.text();
    await new Promise((r) => setTimeout(r, 300));
    query = '?workspace=slack:T1';
  }
  const run = withSlack ? 2 : 1;
  const latencies = [];
  for (let b = 0; b <= BURSTS; b++) {
    const sent = new Map();
    await Promise.all(
      Array.from({ length: BURST }, async (_, j) => {
        const i = b * BURST + j;
        const key = `bk${run}x${i}y`;
        const list = urgent[i % 2 === 0 ? 'en' : 'ar'];
        sent.set(key, performance.now());
        const res = await fetch(`http://127.0.0.1:${port}/webhooks/comments${query}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            platform: 'instagram',
            id: key,
            text: list[(i * 7919) % list.length],
            url: `https://bench.example/c/${key}`,
          }),
        });
        if (res.status !== 202) throw new Error(`webhook answered ${res.status}: ${await res.text()}`);
        await res.arrayBuffer();
      }),
    );
    for (let wait = 0; [...sent.keys()].some((k) => !arrived.has(k)) && wait < 200; wait++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    // The first burst warms up.
    if (b > 0) for (const [k, t] of sent) latencies.push((arrived.get(k) ?? Number.NaN) - t);
  }
  await adapter?.stop();
  await app.stop();
  rmSync(dir, { recursive: true, force: true });
  return latencies;
}

const floor = await measure(false);
const slack = await measure(true);
fakeSlack.close();
const ms = (x) => `${x.toFixed(1)} ms`;
const lost = (xs) => xs.filter((x) => Number.isNaN(x)).length;
console.log(`webhook-to-alert, ${BURSTS} bursts of ${BURST} concurrent comments (target p99 < 300 ms through Slack):`);
console.log(`  recording notifier  p50 ${ms(pct(floor, 50))}  p99 ${ms(pct(floor, 99))}`);
console.log(`  fake Slack (Bolt)   p50 ${ms(pct(slack, 50))}  p99 ${ms(pct(slack, 99))}`);
if (lost(floor) + lost(slack) > 0) {
  console.error(`${lost(floor) + lost(slack)} alerts never arrived`);
  process.exit(1);
}
