#!/usr/bin/env node
// Sentiment throughput on one core, and webhook-to-alert latency through the real HTTP server.
// Run after `npm run build`: node bench/sentiment.mjs   (targets: >= 5,000 comments/s; p99 < 300 ms)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));
const dist = (p) => path.join(root, 'dist', 'src', p);
const { SentimentClassifier } = await import(dist('listening/sentiment/index.js'));
const { arabicTestRows } = await import(dist('listening/sentiment/evaluate.js'));
const { createApp } = await import(dist('main.js'));
const { loadConfig } = await import(dist('config.js'));
const { createLogger } = await import(dist('log.js'));
const { SlackAdapter } = await import(dist('adapters/slack/adapter.js'));
const { slashCommand, startMinimalSlack } = await import('./lib/slack.mjs');

const pct = (xs, p) => xs.slice().sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

// 1. Throughput: the Arabic test set when present, else a fixed mix of English and Arabic comments.
const fallback = [
  'Worst service ever, my order never arrived and nobody answers',
  'Love it, amazing quality 😍',
  'Do you ship to Jeddah?',
  'الطلب ما وصل لحد الآن، خدمة زفت',
  'المنتج حلو جدا',
  'el order et2a5ar gedan',
];
const texts =
  arabicTestRows()?.map((r) => r.text) ?? Array.from({ length: 3000 }, (_, i) => fallback[i % fallback.length]);
const classifier = SentimentClassifier.load();
for (const t of texts.slice(0, 300)) classifier.classify(t); // warm-up
const rates = [];
for (let run = 0; run < 5; run++) {
  const start = process.hrtime.bigint();
  for (const t of texts) classifier.classify(t);
  rates.push(texts.length / (Number(process.hrtime.bigint() - start) / 1e9));
}
const median = pct(rates, 50);
console.log(`sentiment: ${texts.length} comments x 5 runs, median ${Math.round(median)} comments/s (target >= 5000)`);

// 2. Webhook-to-alert latency: POST /webhooks/comments until the alert reaches Slack's
// chat.postMessage (the real Slack adapter against a local fake Slack), side by side with the same
// pipeline ending at a recording notifier (the floor: no adapter, no HTTP call to Slack).
const SECRET = 'bench-secret-0123456789abcdef';
const SIGNING = 'bench-signing-secret';
const TOKEN = 'xoxb-bench';
let posted = () => {};
const fakeSlack = await startMinimalSlack((url) => {
  if (url.startsWith('/api/chat.postMessage')) posted();
});
const fakeUrl = fakeSlack.url;

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
    async post() {
      posted();
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
  const latencies = [];
  for (let i = 0; i < 320; i++) {
    const alerted = new Promise((r) => {
      posted = r;
    });
    const start = performance.now();
    const res = await fetch(`http://127.0.0.1:${port}/webhooks/comments${query}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        platform: 'instagram',
        id: `bench-${i}`,
        // Urgent (a scam accusation): alerted at once. Review-tier comments wait for the summary.
        text: 'Terrible, my order never arrived. You scammed me, refund now!',
      }),
    });
    if (res.status !== 202) throw new Error(`webhook answered ${res.status}: ${await res.text()}`);
    await res.arrayBuffer();
    await alerted;
    if (i >= 20) latencies.push(performance.now() - start); // the first 20 warm up
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
console.log(`webhook-to-alert, 300 comments each (target p99 < 300 ms through Slack):`);
console.log(`  recording notifier  p50 ${ms(pct(floor, 50))}  p99 ${ms(pct(floor, 99))}`);
console.log(`  fake Slack (Bolt)   p50 ${ms(pct(slack, 50))}  p99 ${ms(pct(slack, 99))}`);
