/**
 * The LLM second opinion on uncertain comments, against the fake OpenAI server: asked only when the
 * offline score is near the negative cut, its label used, cached per text (across a restart), and
 * any failure leaving the offline label, with the alert still raised.
 */
import type { Workspace } from '@prisma/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OpenAiLlm } from '../../integrations/openai/index.js';
import type { Llm } from '../../src/lib/llm.js';
import { SentimentSecondOpinion } from '../../src/listening/second-opinion.js';
import { createLogger, type Logger } from '../../src/log.js';
import { type ChatRequest, type FakeOpenAI, startFakeOpenAI } from '../fakes/openai.js';
import { createTestApp, identity, type TestApp } from '../helpers/app.js';

const KEY = 'sk-test-sentiment-0123456789';
const admin = identity({ workspace: 'T1', user: 'U-amal', name: 'Amal' });

/** What the fake model answers for each comment (it reads the comment from the quoted data). */
const VERDICTS: Record<string, string> = {
  'not sure about the new flavour': 'neutral',
  'it took a while to arrive': 'negative',
  'hmm not convinced': 'negative',
};
const commentOf = (req: ChatRequest): string =>
  (JSON.parse(req.messages.find((m) => m.role === 'user')?.content ?? '{}') as { comment?: string }).comment ?? '';

let seq = 0;
const comment = (text: string) => ({ provider: 'facebook', externalId: `fb-${++seq}`, text, author: 'Sam' });

describe('LLM second opinion on uncertain comments', () => {
  let fake: FakeOpenAI;
  let apps: TestApp[] = [];

  beforeEach(async () => {
    fake = await startFakeOpenAI({
      apiKey: KEY,
      respond: (req) => ({ label: VERDICTS[commentOf(req)] ?? 'neutral', reason: 'fake verdict' }),
      slowMs: 1500,
    });
  });
  afterEach(async () => {
    for (const app of apps) await app.cleanup();
    apps = [];
    await fake.close();
  });

  /** An app on the configured model; the threshold sits on the negative cut, so "negative" means an alert. */
  async function start(
    env: Record<string, string> = {},
    llm?: OpenAiLlm,
    log?: Logger,
  ): Promise<{ app: TestApp; ws: Workspace }> {
    const app = await createTestApp(
      llm ? env : { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: fake.url, OPENAI_MODEL: 'gpt-test', ...env },
      { ...(llm ? { llm } : {}), ...(log ? { log } : {}) },
    );
    apps.push(app);
    await app.say('/help', admin);
    const ws = await app.services.db.workspace.update({
      where: { platform_externalId: { platform: 'slack', externalId: 'T1' } },
      data: { alertThreshold: app.services.sentiment.cutsFor({ lang: 'en', arabizi: false }).negative },
    });
    return { app, ws };
  }

  /** The offline classifier must find these uncertain (or not) for the test to mean anything. */
  function expectUncertain(app: TestApp, text: string, uncertain: boolean) {
    const s = app.services.sentiment.classify(text);
    expect(app.services.sentiment.isUncertain(s), `${text}: ${JSON.stringify(s)}`).toBe(uncertain);
    return s;
  }

  it('asks the model once per text, uses its label, and asks nothing about clear-cut comments', async () => {
    const { app, ws } = await start();
    expect(expectUncertain(app, 'not sure about the new flavour', true).label).toBe('negative');
    expect(expectUncertain(app, 'it took a while to arrive', true).label).not.toBe('negative');

    // The model says neutral where the rules said negative: no alert.
    const slow = await app.services.comments.ingest(ws, comment('not sure about the new flavour'));
    expect(slow.alerted).toBe(false);
    expect(slow.comment.sentiment).toBe('neutral');
    expect(fake.requests).toHaveLength(1);
    const req = fake.requests[0] as ChatRequest;
    expect(req.model).toBe('gpt-test');
    expect(req.response_format?.json_schema).toMatchObject({ name: 'comment_sentiment', strict: true });
    const system = req.messages.find((m) => m.role === 'system')?.content ?? '';
    expect(system).not.toContain('not sure about the new flavour');
    expect(commentOf(req)).toBe('not sure about the new flavour');

    // The model says negative where the rules hesitated: an alert.
    const pricey = await app.services.comments.ingest(ws, comment('it took a while to arrive'));
    expect(pricey.alerted).toBe(true);
    expect(pricey.comment.sentiment).toBe('negative');
    expect(pricey.comment.score ?? 0).toBeLessThanOrEqual(ws.alertThreshold);
    expect(fake.requests).toHaveLength(2);

    // The same text again (another comment, other case and spacing): from the cache.
    const again = await app.services.comments.ingest(ws, comment('It took a WHILE  to arrive'));
    expect(again.alerted).toBe(true);
    expect(fake.requests).toHaveLength(2);
    const cached = await app.services.db.sentimentOpinion.findMany();
    expect(cached.map((c) => [c.label, c.model, c.workspaceId])).toEqual([
      ['neutral', 'gpt-test', ws.id],
      ['negative', 'gpt-test', ws.id],
    ]);
    expect(cached[0]?.key).toMatch(/^[0-9a-f]{64}$/);

    // Clear-cut comments never reach the model.
    expectUncertain(app, 'Worst service ever, totally useless', false);
    expect((await app.services.comments.ingest(ws, comment('Worst service ever, totally useless'))).alerted).toBe(true);
    expect((await app.services.comments.ingest(ws, comment('Love it, great quality'))).alerted).toBe(false);
    expect(fake.requests).toHaveLength(2);
  });

  it('the cache survives a restart; feedback on a text settles it without the model', async () => {
    const first = await start();
    await first.app.services.comments.ingest(first.ws, comment('it took a while to arrive'));
    expect(fake.requests).toHaveLength(1);
    // A second process on the same database (a restart, or another replica).
    const second = await createTestApp(
      {
        DATABASE_URL: first.app.services.config.DATABASE_URL,
        OPENAI_API_KEY: KEY,
        OPENAI_BASE_URL: fake.url,
        OPENAI_MODEL: 'gpt-test',
      },
      {},
    );
    apps.push(second);
    expect((await second.services.comments.ingest(first.ws, comment('it took a while to arrive'))).alerted).toBe(true);
    expect(fake.requests).toHaveLength(1);

    // "Not negative" on an uncertain text: the same text is settled by feedback, not asked.
    const slow = await first.app.services.comments.ingest(first.ws, comment('hmm not convinced'));
    expect(slow.alerted).toBe(true);
    expect(fake.requests).toHaveLength(2);
    await first.app.router.press('alerts.notnegative', String(slow.comment.id), admin);
    await first.app.services.db.sentimentOpinion.deleteMany();
    const settled = await first.app.services.comments.ingest(first.ws, comment('hmm not convinced'));
    expect(settled.alerted).toBe(false);
    expect(fake.requests).toHaveLength(2);
  });

  it('a failing model leaves the offline label, the alert is still raised, and nothing is cached', async () => {
    const log = createLogger('silent');
    const text = 'not sure about the new flavour';
    // A fresh app for each failure: a timeout or an outage pauses second opinions (tested below).
    for (const behaviour of ['slow', 'rate-limited', 'malformed'] as const) {
      const llm = new OpenAiLlm({ apiKey: KEY, baseURL: fake.url, model: 'gpt-test', timeoutMs: 500, log });
      const { app, ws } = await start({}, llm);
      expect(expectUncertain(app, text, true).label).toBe('negative');
      fake.script = behaviour === 'malformed' ? ['malformed', 'malformed'] : [behaviour];
      const hits = fake.hits;
      const started = Date.now();
      const r = await app.services.comments.ingest(ws, comment(text));
      expect(r.alerted, behaviour).toBe(true);
      expect(r.comment.sentiment).toBe('negative');
      expect(Date.now() - started).toBeLessThan(3000);
      expect(fake.hits, behaviour).toBeGreaterThan(hits);
      expect(await app.services.db.sentimentOpinion.count()).toBe(0);
    }

    // A wrong key: the same, logged as a warning that names neither key.
    fake.script = [];
    const lines: string[] = [];
    const logged = createLogger('info', { write: (line: string) => void lines.push(line) });
    const wrong = new OpenAiLlm({ apiKey: 'sk-wrong-key-000000000', baseURL: fake.url, timeoutMs: 500, log: logged });
    const other = await start({}, wrong, logged);
    expect((await other.app.services.comments.ingest(other.ws, comment(text))).alerted).toBe(true);
    expect(lines.join('\n')).toContain('sentiment second opinion failed');
    expect(lines.join('\n')).not.toContain('wrong-key');
    expect(lines.join('\n')).not.toContain(KEY);
  });

  it('a model that stops answering is not asked again for a while, so a batch is not held 4 s a comment', async () => {
    let asked = 0;
    const hanging: Llm = {
      kind: 'openai',
      generate: () => {
        asked++;
        return new Promise(() => {});
      },
    };
    const app = await createTestApp();
    apps.push(app);
    await app.say('/help', admin);
    const ws = await app.services.db.workspace.findFirstOrThrow({ where: { externalId: 'T1' } });
    let now = 1_000_000;
    const opinions = new SentimentSecondOpinion({
      db: app.services.db,
      llm: hanging,
      log: createLogger('silent'),
      timeoutMs: 200,
      pauseMs: 60_000,
      now: () => now,
    });
    const started = Date.now();
    for (let i = 0; i < 15; i++) expect(await opinions.opinion(ws.id, `uncertain comment number ${i}`)).toBeUndefined();
    expect(asked).toBe(1);
    expect(Date.now() - started).toBeLessThan(1500);
    now += 60_001;
    expect(await opinions.opinion(ws.id, 'asked again after the pause')).toBeUndefined();
    expect(asked).toBe(2);
  });

  it('gives up after its own timeout when the model never answers', async () => {
    const hanging: Llm = { kind: 'openai', generate: () => new Promise(() => {}) };
    const app = await createTestApp();
    apps.push(app);
    await app.say('/help', admin);
    const ws = await app.services.db.workspace.findFirstOrThrow({ where: { externalId: 'T1' } });
    const opinions = new SentimentSecondOpinion({
      db: app.services.db,
      llm: hanging,
      log: createLogger('silent'),
      timeoutMs: 50,
    });
    expect(await opinions.opinion(ws.id, 'it took a while to arrive')).toBeUndefined();
    expect(await app.services.db.sentimentOpinion.count()).toBe(0);
  });

  it('without a model nothing is asked and nothing is cached', async () => {
    const app = await createTestApp();
    apps.push(app);
    await app.say('/help', admin);
    const ws = await app.services.db.workspace.findFirstOrThrow({ where: { externalId: 'T1' } });
    await app.services.comments.ingest(ws, comment('it took a while to arrive'));
    await app.services.comments.ingest(ws, comment('not sure about the new flavour'));
    expect(fake.hits).toBe(0);
    expect(await app.services.db.sentimentOpinion.count()).toBe(0);
  });
});
