/**
 * Slow work for one person never delays another's answer (after-ack-queue.ts lanes), through the
 * real Bolt app over HTTP against the fake Slack: slow commands held in flight by a gate, and real
 * /brainstorm runs waiting on a slow (fake) OpenAI.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { SlackAdapter } from '../../src/adapters/slack/adapter.js';
import { defineCommand, sub } from '../../src/core/command.js';
import { reply, text } from '../../src/core/reply.js';
import { Router } from '../../src/core/router.js';
import { createLogger } from '../../src/log.js';
import { type FakeOpenAI, startFakeOpenAI } from '../fakes/openai.js';
import { blockActionPayload, FakeSlack, interactionBody, signedPost, slashCommandBody } from '../fakes/slack.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { probe } from './slack-probe-command.js';

const SECRET = 'test-signing-secret';
const KEY = 'sk-test-0123456789abcdef';
/** How long a model call takes in the brainstorm test. */
const MODEL_MS = 2500;

/** Who started slow work, in order; each run waits until the test opens the gate. */
const started: string[] = [];
let open: () => void = () => {};
let gate = new Promise<void>((r) => {
  open = r;
});
function closeGate(): void {
  gate = new Promise<void>((r) => {
    open = r;
  });
}

const hold = defineCommand({
  name: 'hold',
  description: { en: 'Slow work held by the test', ar: 'عمل بطيء' },
  subcommands: {
    run: sub({
      description: { en: 'Hold', ar: 'انتظر' },
      slow: true,
      options: {},
      async handler(_input, ctx) {
        started.push(ctx.identity.user.externalId);
        await gate;
        return reply(undefined, [text(`released ${ctx.identity.user.externalId}`)], { ephemeral: true });
      },
    }),
  },
});

let fake: FakeSlack;
let openai: FakeOpenAI;
let app: TestApp;
let adapter: SlackAdapter;
let events: string;

beforeAll(async () => {
  fake = await new FakeSlack().start();
  openai = await startFakeOpenAI({
    apiKey: KEY,
    slowMs: MODEL_MS,
    respond: () => ({
      ideas: [1, 2, 3].map((n) => ({
        title: `Model idea ${n}`,
        hook: `Hook ${n}`,
        channels: [
          { channel: 'search', weight: 70 },
          { channel: 'email', weight: 30 },
        ],
        tactics: { attract: ['Attract tactic'], engage: ['Engage tactic'], delight: ['Delight tactic'] },
        kpis: [
          { kpi: 'ctr', target: 2.1, direction: 'min' },
          { kpi: 'cpl', target: 18, direction: 'max' },
        ],
        reasoning: 'Model reasoning.',
      })),
    }),
  });
  app = await createTestApp({
    SLACK_BOT_TOKEN: fake.botToken,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.apiUrl,
    OPENAI_API_KEY: KEY,
    OPENAI_BASE_URL: openai.url,
    OPENAI_MODEL: 'gpt-test',
    PORT: '0',
  });
  const router = new Router([...commands, probe, hold], app.services, app.log);
  adapter = new SlackAdapter({
    config: app.services.config,
    router,
    services: app.services,
    http: app.http,
    log: createLogger('silent'),
    clientOptions: { retryConfig: { retries: 0 } },
  });
  await adapter.start();
  const port = await app.listen();
  events = `http://127.0.0.1:${port}/slack/events`;
  // Meet the workspace once, so the first-contact work is not part of any timing below.
  await answered((await command('/config', '', 'U_ADMIN')).responseUrl);
});

afterAll(async () => {
  open();
  await adapter?.stop();
  await app?.cleanup();
  await openai?.close();
  await fake?.stop();
});

async function command(name: string, text: string, user: string) {
  const responseUrl = fake.responseUrl();
  const body = slashCommandBody({
    command: name,
    text,
    response_url: responseUrl,
    trigger_id: fake.triggerId(),
    user_id: user,
  });
  const res = await signedPost(events, body, { secret: SECRET });
  expect(res.status).toBe(200);
  return { responseUrl, sentAt: performance.now() };
}

async function press(user: string) {
  const responseUrl = fake.responseUrl();
  const payload = blockActionPayload({
    actionId: 'probe.pick',
    value: '1',
    responseUrl,
    triggerId: fake.triggerId(),
    user,
  });
  const res = await signedPost(events, interactionBody(payload), { secret: SECRET });
  expect(res.status).toBe(200);
  return { responseUrl, sentAt: performance.now() };
}

const answered = (url: string, n = 1, timeoutMs = 5000) =>
  fake.until(() => (fake.responsesTo(url).length >= n ? fake.responsesTo(url) : undefined), timeoutMs);

/** Milliseconds from sending to the first answer at the response_url (3 s or more when none came). */
async function latency(sent: { responseUrl: string; sentAt: number }): Promise<number> {
  await answered(sent.responseUrl, 1, 3000).catch(() => undefined);
  return performance.now() - sent.sentAt;
}

/** Lets held work finish and waits for its answers, so a failed test leaves nothing in flight. */
async function release(sent: Array<{ responseUrl: string }>): Promise<Array<Array<Record<string, unknown>>>> {
  open();
  const out = [];
  for (const s of sent) out.push(await answered(s.responseUrl, 2, 10_000));
  return out;
}

const content = (r: Record<string, unknown> | undefined) => JSON.stringify(r ?? {});

describe('work after the ack, in lanes', () => {
  it("answers a third person's /help and button press at once while two people's slow commands are in flight", async () => {
    closeGate();
    started.length = 0;
    const held = [await command('/hold', 'run', 'U_ANNA'), await command('/hold', 'run', 'U_BILAL')];
    let help: number;
    let pressed: number;
    try {
      await fake.until(() => started.length === 2);
      help = await latency(await command('/help', '', 'U_CARA'));
      pressed = await latency(await press('U_CARA'));
    } finally {
      // The slow ones still get their "working" note and then their result.
      for (const [working, result] of await release(held)) {
        expect(String(working?.text)).toContain('Working on /hold run');
        expect(content(result)).toContain('released');
      }
    }
    expect(help).toBeLessThan(1000);
    expect(pressed).toBeLessThan(1000);
  });

  it('runs at most one slow command per person: a second person is not queued behind the first one’s burst', async () => {
    closeGate();
    started.length = 0;
    const held = [];
    for (let i = 0; i < 3; i++) held.push(await command('/hold', 'run', 'U_ANNA'));
    held.push(await command('/hold', 'run', 'U_BILAL'));
    let first: string[];
    try {
      await fake.until(() => started.length >= 2);
      // Give a wrongly started third one the time to show up.
      await new Promise((r) => setTimeout(r, 300));
      first = [...started];
    } finally {
      await release(held);
    }
    expect(first.sort()).toEqual(['U_ANNA', 'U_BILAL']);
    // Anna's others ran after her first, one at a time.
    expect(started.filter((u) => u === 'U_ANNA')).toHaveLength(3);
  });

  it('answers /help within a second while two people wait on a slow model for /brainstorm', async () => {
    openai.script = ['slow', 'slow'];
    const line = 'product:"clinic software" goal:leads budget:3000';
    const a = await command('/brainstorm', line, 'U_DANA');
    const b = await command('/brainstorm', line, 'U_EMAD');
    // Both model calls are under way.
    await fake.until(() => openai.requests.length >= 2);

    const help = await latency(await command('/help', '', 'U_FARAH'));
    expect(help).toBeLessThan(1000);

    for (const s of [a, b]) {
      const all = await fake.until(
        () =>
          fake.responsesTo(s.responseUrl).some((r) => content(r).includes('Model idea 1')) &&
          fake.responsesTo(s.responseUrl),
        MODEL_MS + 5000,
      );
      expect(String(all[0]?.text)).toContain('Working on /brainstorm');
    }
  });
});
