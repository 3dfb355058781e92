/**
 * The LLM second opinion on review-tier comments, against the fake OpenAI server: asked before the
 * review summary (never when a comment arrives, never about urgent or clear comments), its label
 * used, cached per text (across a restart), and any failure leaving the offline label, with the
 * comment still in the summary.
 */
import type { Workspace } from '@prisma/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OpenAiLlm } from '../../integrations/openai/index.js';
import type { Llm } from '../../src/lib/llm.js';
import { SentimentSecondOpinion } from '../../src/listening/second-opinion.js';
import { createLogger, type Logger } from '../../src/log.js';
import { type ChatRequest, type FakeOpenAI, startFakeOpenAI } from '../fakes/openai.js';
import { createTestApp, identity, type TestApp, textOf } from '../helpers/app.js';

const KEY = 'sk-test-sentiment-0123456789';
const admin = identity({ workspace: 'T1', user: 'U-amal', name: 'Amal' });

/** What the fake model answers for each comment (it reads the comment from the quoted data). */
const VERDICTS: Record<string, string> = {
  'a bit slow': 'neutral',
  'Meh, expected more from you': 'negative',
};
const commentOf = (req: ChatRequest): string =>
  (JSON.parse(req.messages.find((m) => m.role === 'user')?.content ?? '{}') as { comment?: string }).comment ?? '';

let seq = 0;
const comment = (text: string) => ({ provider: 'facebook', externalId: `fb-${++seq}`, text, author: 'Sam' });

describe('LLM second opinion on review-tier comments', () => {
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

  /** An app on the configured model, and its Slack workspace T1. */
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
    const ws = await app.services.db.workspace.findFirstOrThrow({ where: { externalId: 'T1' } });
    return { app, ws };
  }

  /** The review summary the next run posts, as text (after the interval has passed). */
  async function summary(app: TestApp): Promise<string> {
    const before = app.recorder.notices.length;
    app.clock.advance(61 * 60_000);
    await app.services.comments.reviews.runDue();
    const posted = app.recorder.notices.slice(before);
    return posted.map((n) => textOf(n.reply)).join('\n');
  }

  it('asks the model about likely negatives before the summary, uses its label, once per text', async () => {
    const { app, ws } = await start();
    for (const text of ['a bit slow', 'Meh, expected more from you', 'Do you deliver to Dammam?']) {
      expect(app.services.sentiment.classify(text).alert, text).toBe('review');
      await app.services.comments.ingest(ws, comment(text));
    }
    // Urgent and clear comments never reach the model; nothing is asked when comments arrive.
    expect((await app.services.comments.ingest(ws, comment('I will sue you for this'))).alerted).toBe(true);
    expect((await app.services.comments.ingest(ws, comment('Love it, great quality'))).comment.alertTier).toBeNull();
    expect(fake.requests).toHaveLength(0);

    const shown = await summary(app);
    // The two likely negatives were asked (the question was not: it needs an answer whatever its tone).
    expect(fake.requests.map(commentOf).sort()).toEqual(['Meh, expected more from you', 'a bit slow']);
    const req = fake.requests[0] as ChatRequest;
    expect(req.model).toBe('gpt-test');
    expect(req.response_format?.json_schema).toMatchObject({ name: 'comment_sentiment', strict: true });
    const system = req.messages.find((m) => m.role === 'system')?.content ?? '';
    expect(system).not.toContain('a bit slow');
    // The model called "a bit slow" neutral: out of the summary, relabelled, summed up all the same.
    expect(shown).toContain('2 comments to review');
    expect(shown).toContain('Meh, expected more from you');
    expect(shown).toContain('Do you deliver to Dammam?');
    expect(shown).not.toContain('a bit slow');
    const slow = await app.services.db.comment.findFirstOrThrow({ where: { text: 'a bit slow' } });
    expect(slow).toMatchObject({ sentiment: 'neutral', alertTier: null, alertedAt: null });
    expect(slow.reviewedAt).not.toBeNull();

    // The same text again (another comment, other case and spacing): from the cache.
    await app.services.comments.ingest(ws, comment('A bit  SLOW'));
    await summary(app);
    expect(fake.requests).toHaveLength(2);
    const cached = await app.services.db.sentimentOpinion.findMany({ orderBy: { label: 'asc' } });
    expect(cached.map((c) => [c.label, c.model, c.workspaceId])).toEqual([
      ['negative', 'gpt-test', ws.id],
      ['neutral', 'gpt-test', ws.id],
    ]);
    expect(cached[0]?.key).toMatch(/^[0-9a-f]{64}$/);
  });

  it('the cache survives a restart; feedback on a text settles it without the model', async () => {
    const first = await start();
    await first.app.services.comments.ingest(first.ws, comment('Meh, expected more from you'));
    await summary(first.app);
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
    second.clock.set(first.app.clock.now().toISOString());
    await second.services.comments.ingest(first.ws, comment('Meh, expected more from you'));
    expect(await summary(second)).toContain('Meh, expected more from you');
    expect(fake.requests).toHaveLength(1);

    // "Correct" on a text: the same text is settled by the person, not asked.
    first.app.clock.set(second.clock.now().toISOString());
    const judged = await first.app.services.comments.ingest(first.ws, comment('a bit slow'));
    await first.app.router.press('alerts.correct', String(judged.comment.id), admin);
    await first.app.services.comments.ingest(first.ws, comment('a bit slow'));
    expect(await summary(first.app)).toContain('a bit slow');
    expect(fake.requests).toHaveLength(1);
  });

  it('a failing model leaves the offline label: the comment stays in the summary, nothing is cached', async () => {
    const log = createLogger('silent');
    const text = 'a bit slow';
    // A fresh app for each failure: a timeout or an outage pauses second opinions (tested below).
    for (const behaviour of ['slow', 'rate-limited', 'malformed'] as const) {
      const llm = new OpenAiLlm({ apiKey: KEY, baseURL: fake.url, model: 'gpt-test', timeoutMs: 500, log });
      const { app, ws } = await start({}, llm);
      await app.services.comments.ingest(ws, comment(text));
      fake.script = behaviour === 'malformed' ? ['malformed', 'malformed'] : [behaviour];
      const hits = fake.hits;
      const started = Date.now();
      expect(await summary(app), behaviour).toContain(text);
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
    await other.app.services.comments.ingest(other.ws, comment(text));
    expect(await summary(other.app)).toContain(text);
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
    await app.services.comments.ingest(ws, comment('a bit slow'));
    await app.services.comments.ingest(ws, comment('Meh, expected more from you'));
    expect(await summary(app)).toContain('2 comments to review');
    expect(fake.hits).toBe(0);
    expect(await app.services.db.sentimentOpinion.count()).toBe(0);
  });
});
