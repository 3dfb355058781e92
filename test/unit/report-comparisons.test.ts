import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { days, plainText as textOf } from '../helpers/report-data.js';

// The test clock stands at 2026-11-26 09:00 UTC.
describe('what a report compares with', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp();
    await app.say('/config');
  });
  afterEach(async () => {
    await app.cleanup();
  });
  const load = async (lines: string[]) => {
    const ws = await app.services.db.workspace.findFirstOrThrow();
    expect(await app.services.metrics.importCsv(ws, lines.join('\n'))).toMatchObject({ ok: true });
  };

  it('compares the last quarter with the quarter before it, per day (92 days against 91)', async () => {
    await load(['date,channel,spend', ...days('2026-04-01', '2026-09-30', (d) => `${d},facebook,100`)]);
    const out = textOf(await app.say('/report last-quarter'));
    // It was the 92 days ending 30 June, 31 March included.
    expect(out).toContain('Compared with 1 Apr – 30 Jun 2026 (91 days).');
    expect(out).toContain('Spend | USD 9,200 | USD 9,100 | ▬ ±0%');
    // Both quarters are whole: the reason for comparing per day is their lengths, not missing data.
    expect(out).toContain('The periods have 92 and 91 days, so changes in totals compare averages per day');
    expect(out).not.toContain('not covered alike');
    await app.say('/config lang ar');
    expect(textOf(await app.say('/report last-quarter'))).toMatch(/طول الفترتين .*92 يومًا.* و.*91 يومًا/);
  });

  it('compares a year to date with the same days last year', async () => {
    await load(['date,channel,spend', ...days('2025-01-01', '2026-11-25', (d) => `${d},facebook,10`)]);
    const out = textOf(await app.say('/report ytd'));
    expect(out).toContain('Compared with the same days last year, 1 Jan – 25 Nov 2025 (329 days).');
    expect(out).toContain('Spend | USD 3,290 | USD 3,290 | ▬ ±0%');
    await app.say('/config lang ar');
    const ar = textOf(await app.say('/report ytd'));
    expect(ar).toContain('مقارنة بالأيام نفسها من العام الماضي، ');
  });

  it('compares this month so far with the same days of the month before', async () => {
    // October at 100 a day, November at 200: the 25 days of each, not 1-25 November against 27-31 October.
    await load([
      'date,channel,spend',
      ...days('2026-10-01', '2026-10-31', (d) => `${d},facebook,100`),
      ...days('2026-11-01', '2026-11-25', (d) => `${d},facebook,200`),
    ]);
    const out = textOf(await app.say('/report this-month'));
    expect(out).toContain('Spend | USD 5,000 | USD 2,500 | ▲ +100%');
    expect(out).toContain('Compared with 1 – 25 Oct 2026 (25 days).');
  });

  it('without data before the range, shows the figures alone and compares with nothing', async () => {
    await load(['date,channel,spend,revenue', ...days('2026-11-01', '2026-11-25', (d) => `${d},facebook,100,300`)]);
    const r = await app.say('/report 30d');
    const out = textOf(r);
    expect(out).toContain('The previous period has no data, so there are no change figures.');
    // A column of zeros and one of n/a said nothing; the footer no longer names a period it did not use.
    expect(out).toContain('Totals and KPIs');
    expect(out).not.toContain('against the previous period');
    expect(out).not.toContain('Previous');
    expect(out).not.toContain('Compared with');
    expect(out).toContain('Spend | USD 2,500');
    const table = r.blocks.find((b) => b.kind === 'table');
    expect(table?.kind === 'table' ? table.columns : []).toEqual(['Metric', 'This period']);
    expect(out).not.toContain('Revenue change');
    await app.say('/config lang ar');
    const ar = textOf(await app.say('/report 30d'));
    expect(ar).not.toContain('مقارنة بالفترة');
    expect(ar).toContain('الإجماليات والمؤشرات');
  });

  /** `clicks` on 200,000 Facebook impressions in a week, against a plan whose goal is a CTR of 1.5%. */
  async function ctrAgainstGoal(clicks: number): Promise<string> {
    await load(['date,channel,impressions,clicks', `2026-11-24,facebook,200000,${clicks}`]);
    const ws = await app.services.db.workspace.findFirstOrThrow();
    await app.services.db.plan.create({
      data: {
        workspaceId: ws.id,
        name: 'CTR plan',
        goal: 'traffic',
        budgetSplit: [],
        kpiTargets: [{ kpi: 'ctr', target: 1.5, unit: 'percent' }],
        startsOn: new Date('2026-11-01T00:00:00Z'),
        endsOn: new Date('2026-11-30T00:00:00Z'),
      },
    });
    return textOf(await app.say('/report 7d'));
  }

  it('shows a rate just short of its goal with the digits that tell them apart, and a gap that is not 0', async () => {
    // 2,993 clicks: a CTR of 1.4965% against a goal of 1.5% read
    // "1.5% against a goal of at least 1.5%: at risk (0 percentage points to go)".
    const out = await ctrAgainstGoal(2993);
    // The gap is the difference of the rates as shown: 1.5 - 1.497 = 0.003 (the unrounded 0.0035 read 0.004).
    expect(out).toContain('CTR: 1.497% against a goal of at least 1.5%: at risk (0.003 percentage points to go)');
  });

  it('gives the gap to a rate goal as the difference of the figures on the line', async () => {
    // 2,982 clicks: 1.491%, shown 1.49%; the gap read "0.009 percentage points".
    const out = await ctrAgainstGoal(2982);
    expect(out).toContain('CTR: 1.49% against a goal of at least 1.5%: at risk (0.01 percentage points to go)');
  });

  it('names the channels a plan’s goals cover as a sentence does, in English and Arabic', async () => {
    await load(['date,channel,spend,revenue', ...days('2026-11-01', '2026-11-25', (d) => `${d},facebook,100,300`)]);
    const ws = await app.services.db.workspace.findFirstOrThrow();
    await app.services.db.plan.create({
      data: {
        workspaceId: ws.id,
        name: 'Winter',
        goal: 'sales',
        budgetSplit: [
          { channel: 'facebook', amountMinor: 100 },
          { channel: 'instagram', amountMinor: 100 },
          { channel: 'email', amountMinor: 100 },
        ],
        kpiTargets: [{ kpi: 'roas', target: 2 }],
        startsOn: new Date('2026-11-01T00:00:00Z'),
        endsOn: new Date('2026-11-30T00:00:00Z'),
      },
    });
    // It read "measured on Facebook, Instagram, Email".
    expect(textOf(await app.say('/report 7d'))).toContain('Goals are measured on Facebook, Instagram and Email over');
    await app.say('/config lang ar');
    expect(textOf(await app.say('/report 7d'))).toContain('تُقاس الأهداف على فيسبوك وإنستغرام والبريد الإلكتروني من');
  });
});
