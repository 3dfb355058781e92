import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, identity, type TestApp, textOf } from '../helpers/app.js';

const clean = (s: string) => s.replace(/[\u2068\u2069]/g, '');

describe('/schedule recurring posts', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp();
    app.clock.set('2026-11-26T09:00:00Z'); // Thursday
    await app.say('/config timezone Asia/Riyadh');
  });
  afterEach(async () => {
    await app.cleanup();
  });

  it('schedules every monday 9am until a date: a series with its dates ahead, the first three written out', async () => {
    const r = await app.say('/schedule facebook every monday 9am until 2027-03-01 | Weekly offer');
    const shown = clean(textOf(r));
    console.log(shown);
    expect(r.tone).toBe('success');
  });
});
