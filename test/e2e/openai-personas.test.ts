import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PersonaDraft } from '../../src/planning/personas.js';
import { type FakeOpenAI, startFakeOpenAI } from '../fakes/openai.js';
import { createTestApp, identity, type TestApp, textOf } from '../helpers/app.js';

const KEY = 'sk-test-0123456789abcdef';

/** A persona as a model writes it; each test says who it describes. */
function persona(over: Partial<PersonaDraft>): PersonaDraft {
  return {
    name: 'Hana, the everyday shopper',
    demographics: 'Woman, 30-40, shops online',
    goals: ['Find good deals'],
    pains: ['Too many choices'],
    objections: ['Can I return it?'],
    channels: ['social_ads', 'email'],
    content: ['Reviews'],
    messaging: ['Keep it simple'],
    keywords: ['deals'],
    ...over,
  };
}

describe('personas written by the model are checked against the segment (issue 17, model personas)', () => {
  let fake: FakeOpenAI;
  let app: TestApp;
  let answer: PersonaDraft;

  beforeEach(async () => {
    fake = await startFakeOpenAI({ apiKey: KEY, respond: () => answer });
    app = await createTestApp({ OPENAI_API_KEY: KEY, OPENAI_BASE_URL: fake.url, OPENAI_MODEL: 'gpt-test' });
  });
  afterEach(async () => {
    await app.cleanup();
    await fake.close();
  });

  it('a woman for "busy fathers" is replaced by a father, and the reply says why', async () => {
    answer = persona({});
    const r = textOf(await app.say('/persona create busy fathers in Doha who order pet food online'));
    expect(fake.requests).toHaveLength(1);
    expect(r).toContain(
      "The AI model described a woman, but the segment's words say a man: this is the built-in planner's persona instead.",
    );
    expect(r).not.toContain('Written by the AI model');
    const stored = await app.services.db.persona.findFirstOrThrow();
    expect(stored.name).toMatch(/, the busy father$/);
    expect(JSON.stringify(stored.data)).toContain('Will my pet eat it');
    expect(JSON.stringify(stored.data)).not.toContain('Can I return it?');
  });

  it('a consumer for HR managers at mid-size companies is replaced by a business buyer', async () => {
    answer = persona({ name: 'Sam, the bargain hunter', demographics: '25-35, loves deals' });
    const r = textOf(await app.say('/persona create HR managers at mid-size companies in Riyadh'));
    expect(r).toContain(
      "The AI model described a consumer, but the segment is buyers at work: this is the built-in planner's business persona instead.",
    );
    const stored = await app.services.db.persona.findFirstOrThrow();
    expect(stored.name).toMatch(/, the HR manager$/);
    expect(JSON.stringify(stored.data)).toContain('company of 50-500 employees');
  });

  it('in Arabic: a man for «أمهات» is replaced, with the note in Arabic', async () => {
    answer = persona({ name: 'خالد، المتسوق', demographics: 'رجل، من ٣٠ إلى ٤٠ عامًا' });
    const ar = identity({ locale: 'ar' });
    const r = textOf(await app.say('/persona create أمهات عاملات في القاهرة', ar));
    expect(r).toContain('وصف نموذج الذكاء الاصطناعي رجلًا، لكن كلمات الشريحة تدل على امرأة');
    const stored = await app.services.db.persona.findFirstOrThrow();
    expect(stored.name).not.toContain('خالد');
    expect(JSON.stringify(stored.data)).toContain('امرأة');
  });

  it('a model persona that fits the segment is kept as the model wrote it', async () => {
    answer = persona({ name: 'Sami, the dog dad', demographics: '35-45, father of two, works long hours' });
    const r = textOf(await app.say('/persona create busy fathers in Doha who order pet food online'));
    expect(r).toContain('Written by the AI model');
    expect(r).not.toContain('built-in planner');
    expect((await app.services.db.persona.findFirstOrThrow()).name).toBe('Sami, the dog dad');
    // A business buyer the model wrote as one is kept too.
    answer = persona({ name: 'Noura, HR director', demographics: '40-50, head of HR at a 300-employee company' });
    const b2b = textOf(await app.say('/persona create HR managers at mid-size companies in Riyadh'));
    expect(b2b).toContain('Written by the AI model');
  });
});
