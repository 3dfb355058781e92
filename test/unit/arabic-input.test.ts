/**
 * Numbers, dates and ranges typed with Arabic-Indic digits read as the same values (issue 21): a
 * budget, a /report range, a /schedule time, CSV cells. Free text (a caption) keeps what was typed.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { latinDigits } from '../../src/lib/text.js';
import { createTestApp, identity, type TestApp, textOf } from '../helpers/app.js';

describe('Arabic-Indic digits in input', () => {
  let app: TestApp;
  const ar = identity({ user: 'U-ar', locale: 'ar' });
  beforeEach(async () => {
    app = await createTestApp();
    app.clock.set('2026-11-26T09:00:00Z');
  });
  afterEach(async () => {
    await app.cleanup();
  });

  it('maps both Arabic digit sets and the Arabic separators, and nothing else', () => {
    expect(latinDigits('٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹')).toBe('0123456789 0123456789');
    expect(latinDigits('٢٬٥٠٠٫٧٥')).toBe('2,500.75');
    expect(latinDigits('خصم ٥٠٪ abc')).toBe('خصم 50٪ abc');
  });

  it('a budget typed as ٢٠٠٠ is 2,000', async () => {
    const r = await app.say('/brainstorm product:"قهوة باردة" goal:awareness budget:٢٠٠٠ currency:SAR duration:6w', ar);
    expect(r.tone).not.toBe('error');
    const row = await app.services.db.brainstorm.findFirstOrThrow();
    expect(row.request).toMatchObject({ budgetMinor: 200000 });
  });

  it('a /report range in Arabic digits is read', async () => {
    const r = await app.say('/report ٢٠٢٦-١٠-٠١..٢٠٢٦-١٠-٣١', ar);
    expect(r.tone).not.toBe('error');
    expect(textOf(r)).toContain('من 1 إلى 31 أكتوبر 2026');
  });

  it('a /schedule time in Arabic digits is read, and the caption keeps its own digits', async () => {
    const r = await app.say('/schedule facebook ٢٠٢٦-١٢-٠١ ٠٩:٠٠ | خصم ٥٠٪ هذا الأسبوع', ar);
    expect(r.tone).not.toBe('error');
    const post = await app.services.db.scheduledPost.findFirstOrThrow();
    expect(post.publishAt.toISOString()).toBe('2026-12-01T09:00:00.000Z');
    expect(post.content).toContain('خصم ٥٠٪ هذا الأسبوع');
  });

  it('CSV cells in Arabic digits are numbers; a campaign name keeps its digits', async () => {
    const ws = await app.services.comments.consoleWorkspace();
    const csv = 'date,channel,campaign,clicks,spend\n٢٠٢٦-١١-٠١,facebook,حملة ٢٠٢٦,١٠٠,١٢٫٥\n';
    const r = await app.services.metrics.importCsv(ws, csv);
    expect(r).toMatchObject({ ok: true, rows: 1 });
    const row = await app.services.db.metricDaily.findFirstOrThrow();
    expect([row.date, row.campaign, row.clicks, row.spendMinor]).toEqual(['2026-11-01', 'حملة ٢٠٢٦', 100, 1250]);
  });

  it('times typed in Arabic words are read, and shown back in the confirmation', async () => {
    await app.say('/config timezone Asia/Riyadh');
    const cases: Array<[string, string]> = [
      ['غدًا 9 صباحًا', '2026-11-27T06:00:00.000Z'],
      ['غدا ٩ صباحا', '2026-11-27T06:00:00.000Z'],
      ['بعد ساعتين', '2026-11-26T11:00:00.000Z'],
      ['الخميس القادم 10:00', '2026-12-03T07:00:00.000Z'],
      ['الساعة ٨ مساء', '2026-11-26T17:00:00.000Z'],
      ['بكرة الساعة 5 م', '2026-11-27T14:00:00.000Z'],
      ['بعد بكرة 9 الصبح', '2026-11-28T06:00:00.000Z'],
      ['غدا بعد الظهر 3', '2026-11-27T12:00:00.000Z'],
    ];
    for (const [when, utc] of cases) {
      const r = await app.say(`/schedule reminder when:"${when}" text:"تذكير ${when}"`, ar);
      expect(r.tone, when).not.toBe('error');
      const post = await app.services.db.scheduledPost.findFirstOrThrow({ orderBy: { id: 'desc' } });
      expect(post.publishAt.toISOString(), when).toBe(utc);
    }
    const positional = await app.say(
      '/schedule instagram غدًا 9 صباحًا media:https://example.com/a.jpg | نص المنشور',
      ar,
    );
    expect(positional.tone).not.toBe('error');
    const bad = textOf(await app.say('/schedule reminder when:"وقت ما" text:"x"', ar));
    expect(bad).toContain('غدًا 9 صباحًا');
    expect(bad).not.toMatch(/tomorrow|next monday/);
  });

  it('option values typed in Arabic: a goal, a network, a tone, a weekday', async () => {
    const r = await app.say('/brainstorm product:"قهوة" goal:وعي budget:2000 currency:SAR duration:6w', ar);
    expect(r.tone).not.toBe('error');
    expect((await app.services.db.brainstorm.findFirstOrThrow()).request).toMatchObject({ goal: 'awareness' });
    const post = await app.say(
      '/schedule channel:انستقرام when:"غدًا 9 صباحًا" media:https://example.com/a.jpg text:"نص"',
      ar,
    );
    expect(post.tone).not.toBe('error');
    expect((await app.services.db.scheduledPost.findFirstOrThrow()).channel).toBe('instagram');
    const fb = await app.say('/schedule فيسبوك غدًا 10 صباحًا | منشور', ar);
    expect(fb.tone).not.toBe('error');
    const draft = textOf(await app.say('/draft channel:فيسبوك topic:"عرض الجمعة" tone:ودي', ar));
    expect(draft).not.toMatch(/غير صالحة/);
    const unknown = textOf(await app.say('/brainstorm product:"قهوة" goal:شيء budget:2000', ar));
    expect(unknown).toMatch(/غير صالحة/);
    // Words that name properties of every JavaScript object are just unknown values.
    for (const word of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      expect(textOf(await app.say(`/draft ${word}`))).not.toMatch(/went wrong/);
      expect(textOf(await app.say(`/brainstorm product:x goal:${word} budget:2000`))).toMatch(/is not valid/);
    }
  });
});
