import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { OpenAiLlm, openAiFromConfig } from '../../integrations/openai/index.js';
import { jsonIn } from '../../integrations/openai/llm.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { type ChatRequest, type FakeOpenAI, type FakeOpenAIOptions, startFakeOpenAI } from '../fakes/openai.js';
import { createTestApp, type TestApp, textOf } from '../helpers/app.js';

/** Local servers take any key; the SDK sends one ("local" when OPENAI_API_KEY is unset). */
const KEY = 'local';
const log = createLogger('silent');
const Answer = z.object({ colour: z.string(), count: z.number().int() });

/** A draft answer that fits Facebook, from whatever the request asks. */
const draftAnswer = () => ({
  title: null,
  subject: null,
  preview: null,
  body: 'Autumn is here at our cafe: pumpkin soup and warm bread all week.',
  cta: 'Book a table on our website.',
  hashtags: ['#AutumnMenu', '#Pumpkin'],
});

describe('with a local OpenAI-compatible server', () => {
  const fakes: FakeOpenAI[] = [];
  let app: TestApp | undefined;
  afterEach(async () => {
    await app?.cleanup();
    app = undefined;
    for (const f of fakes.splice(0)) await f.close();
  });
  const start = async (o: Partial<FakeOpenAIOptions>) => {
    const fake = await startFakeOpenAI({ apiKey: KEY, respond: () => ({ colour: 'teal', count: 3 }), ...o });
    fakes.push(fake);
    return fake;
  };
  const llm = (url: string, timeoutMs = 5_000) =>
    new OpenAiLlm({ apiKey: KEY, baseURL: url, model: 'llama3.1', timeoutMs, log });
  const prompt = { task: 'colour', instructions: 'Pick a colour and a count.', data: { hint: 'sea' } };

  it('falls back to JSON mode with the schema in the instructions when json_schema is refused, and keeps that mode', async () => {
    const f = await start({ flavour: 'no-json-schema' });
    const model = llm(f.url);
    expect(await model.generate(Answer, prompt)).toEqual({ colour: 'teal', count: 3 });
    expect(f.requests.map((r) => r.response_format?.type)).toEqual(['json_schema', 'json_object']);
    const system = f.requests[1]?.messages[0]?.content ?? '';
    expect(system).toContain('must match this JSON schema');
    expect(system).toContain('"colour"');
    // The user's data stays in the user message, never in the instructions.
    expect(system).not.toContain('sea');
    await model.generate(Answer, prompt);
    expect(f.requests.map((r) => r.response_format?.type)).toEqual(['json_schema', 'json_object', 'json_object']);
  });

  it('reads JSON inside markdown fences and prose from a server that takes no response format', async () => {
    const f = await start({ flavour: 'plain' });
    expect(await llm(f.url).generate(Answer, prompt)).toEqual({ colour: 'teal', count: 3 });
    expect(f.requests.map((r) => r.response_format?.type)).toEqual(['json_schema', 'json_object', undefined]);
    expect(jsonIn('Here:\n```json\n{"a": 1}\n```')).toEqual({ a: 1 });
    expect(jsonIn('The answer is {"a": 2}. Thanks')).toEqual({ a: 2 });
    expect(() => jsonIn('no json here')).toThrow();
  });

  it('repairs a wrong answer once in JSON mode (zod-checked), then gives up', async () => {
    let calls = 0;
    const f = await start({
      flavour: 'no-json-schema',
      respond: () => (++calls === 1 ? { colour: 'teal', count: 'three' } : { colour: 'teal', count: 3 }),
    });
    // The refused json_schema request is not an answer; the first JSON-mode answer is wrong, the repair is right.
    expect(await llm(f.url).generate(Answer, prompt)).toEqual({ colour: 'teal', count: 3 });
    const repair = f.requests.at(-1) as ChatRequest;
    expect(repair.messages.at(-1)?.content).toContain('count');
    const always = await start({ flavour: 'plain', respond: () => ({ colour: 1 }) });
    await expect(llm(always.url).generate(Answer, prompt)).rejects.toMatchObject({ reason: 'malformed' });
  });

  it('waits for a slow first token within the timeout, and falls back past it', async () => {
    const f = await start({ flavour: 'no-json-schema', firstTokenMs: 1_200 });
    expect(await llm(f.url, 5_000).generate(Answer, prompt)).toEqual({ colour: 'teal', count: 3 });
    await expect(llm(f.url, 500).generate(Answer, prompt)).rejects.toMatchObject({ reason: 'timeout' });
  });

  it('needs no key: OPENAI_BASE_URL and OPENAI_MODEL are enough, and /draft uses the model', async () => {
    const f = await start({ flavour: 'plain', respond: draftAnswer });
    const config = loadConfig({ OPENAI_BASE_URL: f.url, OPENAI_MODEL: 'llama3.1', OPENAI_TIMEOUT_MS: '8000' });
    expect(openAiFromConfig(config, log)?.model).toBe('llama3.1');
    expect(openAiFromConfig(loadConfig({}), log)).toBeUndefined();
    app = await createTestApp({ OPENAI_BASE_URL: f.url, OPENAI_MODEL: 'llama3.1' });
    const r = await app.say('/draft facebook topic:"autumn menu" keywords:"pumpkin"');
    const shown = textOf(r);
    expect(shown).toContain('pumpkin soup and warm bread');
    expect(shown).toContain('written by the AI model');
    expect(f.requests[0]?.messages.find((m) => m.role === 'user')?.content).toContain('"topicKind"');
  });
});
