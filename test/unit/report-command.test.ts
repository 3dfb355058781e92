import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/reply.js';
import { createTestApp, identity, textOf as rawText, type TestApp } from '../helpers/app.js';

/** Money is formatted with a no-break space between code and amount; compare with plain spaces. */
const textOf = (r: Reply) => rawText(r).replace(/\u00a0/g, ' ');

// The test clock stands at 2026-11-26 09:00 UTC: 7d is 2026-11-20..26, the period before 13..19.
const DATA = [
  'date,channel,campaign,impressions,clicks,spend,revenue,conversions,leads,emails_delivered,emails_opened',
  '2026-11-20,facebook,Launch,10000,200,100.00,500.00,10,5,,',
  '2026-11-21,facebook,Launch,10000,100,100.00,300.00,5,5,,',
  '2026-11-20,google_ads,Search,5000,250,200.00,1000.00,25,10,,',
  '2026-11-20,youtube,Video,20000,40,100.00,50.00,1,0,,',
  '2026-11-20,email,News,,,,,,,1000,180',
  '2026-11-14,facebook,Launch,10000,150,100.00,400.00,8,4,,',
  '2026-11-14,google_ads,Search,5000,200,200.00,600.00,20,8,,',
  '2026-11-14,email,News,,,,,,,1000,250',
  // Outside both periods: must not count.
  '2026-10-01,facebook,Launch,99999,9999,9999,9999,999,999,,',
].join('\n');

describe('/report', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp();
    await app.say('/config');
    const ws = await app.services.db.workspace.findFirstOrThrow();
    const r = await app.services.metrics.importCsv(ws, DATA);
    expect(r.ok).toBe(true);
  });
  afterEach(async () => {
    await app.cleanup();
  });

  async function addPlan() {
    const ws = await app.services.db.workspace.findFirstOrThrow();
    await app.services.db.plan.create({
      data: {
        workspaceId: ws.id,
        name: 'Q4 plan',
        goal: 'sales',
        budgetSplit: [],
        kpiTargets: [
          { kpi: 'ROAS', target: 4 },
          { kpi: 'ctr', target: 2, unit: 'percent' },
          { kpi: 'cpa', target: 15, unit: 'currency', direction: 'lower' },
          { kpi: 'leads', target: 300 },
          { kpi: 'happiness', target: 10 },
        ],
        startsOn: new Date('2026-11-01T00:00:00Z'),
        endsOn: new Date('2026-11-30T00:00:00Z'),
      },
    });
  }

  it('shows totals, KPIs and the change against the previous 7 days', async () => {
    const r = await app.say('/report 7d');
    const out = textOf(r);
    // The data ends on the 21st: 7d is the 7 days up to it, not up to today (issue 19.1).
    expect(r.title).toBe('Report: 15 – 21 Nov 2026 (7 days)');
    expect(out).toContain('Ends on 21 Nov 2026, the last day with data: nothing has come in since.');
    // spend 500 vs 300; revenue 1850 vs 1000 (+85%); ROAS 3.70x vs 3.33x (+11%); ROI 270%.
    expect(out).toContain('Spend | USD 500.00 | USD 300.00 | ▲ +66.7%');
    expect(out).toContain('Revenue | USD 1,850 | USD 1,000 | ▲ +85%');
    expect(out).toContain('ROAS | 3.70x | 3.33x | ▲ +11%');
    expect(out).toContain('ROI | 270% | 233.3%');
    // Open rate 180/1000 against 250/1000.
    expect(out).toContain('Email open rate | 18% | 25% | ▼ −28%');
    expect(out).not.toContain('99,999');
    expect(out).toContain('Compared with 8 – 14 Nov 2026 (7 days). Days are counted in UTC.');
  });

  it('lists channels, the best and weakest, and three recommendations with their figures', async () => {
    await addPlan();
    const out = textOf(await app.say('/report range:7d'));
    expect(out).toContain('Google Ads | USD 200.00 | USD 1,000 | 5.00x | 5% | 25 | USD 8.00 | +66.7%');
    expect(out).toContain('YouTube | USD 100.00 | USD 50.00 | 0.50x | 0.2% | 1 | USD 100.00 | n/a');
    expect(out).toContain('Best channel: Google Ads (ROAS 5.00x, revenue USD 1,000)');
    expect(out).toContain('Weakest channel: YouTube (ROAS 0.50x, revenue USD 50.00)');
    expect(out).toContain('Weakest campaign: Video (ROAS 0.50x, revenue USD 50.00)');
    const recs = (await app.say('/report 7d')).blocks.filter((b) => b.kind === 'list' && b.ordered);
    expect(recs).toHaveLength(1);
    const items = recs[0]?.kind === 'list' ? recs[0].items.map((i) => i.replace(/\u00a0/g, ' ')) : [];
    expect(items).toEqual([
      'Move about USD 20 from YouTube (ROAS 0.50x) to Google Ads (ROAS 5.00x, the best sales channel): both are judged by sales, and each unit spent on Google Ads returned more.',
      // CTR fell most: 350/15000 = 2.3% before, 590/45000 = 1.3% now (open rate fell 28%, CTR 44%).
      'Fix the falling CTR: 2.33% before, 1.31% now. Test new subject lines, creatives or targeting.',
      // Leads: 300 over a 30-day plan is 70 for 7 days; 20 reached.
      'Close the gap on Leads: 20 against a goal of 70. Put the next effort there.',
    ]);
  });

  it('measures progress against the linked plan targets', async () => {
    await addPlan();
    const out = textOf(await app.say('/report 7d'));
    expect(out).toContain('Goals of the plan "Q4 plan"');
    // ROAS 3.70 vs 4: within 10% -> at risk; CTR 590/45000 = 1.3% vs 2% -> off track; CPA 12.20 <= 15.
    expect(out).toContain('🟠 ROAS: 3.70x against a goal of at least 4.00x: at risk (0.30x to go)');
    // The gap is what the line's own figures give: 2 - 1.31 = 0.69 (was rounded to 0.7).
    expect(out).toContain('🔴 CTR: 1.31% against a goal of at least 2%: off track (0.69 percentage points to go)');
    expect(out).toContain('🟢 CPA (cost per conversion): USD 12.20 against a goal of at most USD 15.00: on track');
    expect(out).toContain('🔴 Leads: 20 against a goal of at least 70: off track (50 to go)');
    expect(out).toContain('Skipped 1 unreadable target in the plan.');
  });

  it('filters by channel and campaign', async () => {
    const out = textOf(await app.say('/report 7d channel:Facebook'));
    expect(out).toContain('Showing only Facebook.');
    expect(out).toContain('Spend | USD 200.00 | USD 100.00 | ▲ +100%');
    expect(out).not.toContain('google_ads');
    const arFiltered = textOf(await app.say('/report 7d channel:Facebook campaign:Launch', identity({ locale: 'ar' })));
    expect(arFiltered.replace(/[\u2068\u2069]/g, '')).toContain('يقتصر هذا التقرير على فيسبوك والحملة «Launch».');
    const byCampaign = textOf(await app.say('/report 7d campaign:Launch'));
    expect(byCampaign).toContain('Revenue | USD 800.00 | USD 400.00 | ▲ +100%');
  });

  it('attaches the table as CSV', async () => {
    const r = await app.say('/report 7d format:csv');
    const file = r.blocks.find((b) => b.kind === 'file');
    expect(file?.kind === 'file' && file.filename).toBe('report-2026-11-15-2026-11-21.csv');
    const csv = file?.kind === 'file' ? String(file.content) : '';
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe(
      'level,name,spend,revenue,roas,ctr,impressions,clicks,conversions,leads,cpa,previous_revenue,revenue_change',
    );
    // Plain numbers for spreadsheets: major units, rates as fractions, empty for n/a.
    expect(lines).toContain('channel,google-ads,200.00,1000.00,5,0.05,5000,250,25,10,8.00,600.00,0.6667');
    expect(lines).toContain('campaign,Video,100.00,50.00,0.5,0.002,20000,40,1,0,100.00,0.00,');
    expect(lines).toContain('channel,email,0.00,0.00,,,0,0,0,0,,0.00,');
  });

  it('takes explicit ranges in the workspace time zone and says n/a for empty denominators', async () => {
    const out = textOf(await app.say('/report 2026-11-20..2026-11-20 channel:email'));
    expect(out).toContain('Report: 20 Nov 2026 (1 day)');
    expect(out).toContain('Email open rate | 18% | n/a | ▬ n/a');
    expect(out).not.toMatch(/NaN|Infinity/);
  });

  it('gives the same figures over a long range (the index-hinted query) as over a short one', async () => {
    const short = textOf(await app.say('/report 2026-11-01..2026-11-30 channel:google_ads'));
    const long = textOf(await app.say('/report 2026-01-01..2026-11-30 channel:google_ads'));
    const revenue = (out: string) => /Revenue \| (USD [\d,.]+)/.exec(out)?.[1];
    expect(revenue(short)).toBeDefined();
    expect(revenue(long)).toBe(revenue(short));
  });

  it('refuses bad ranges with a clear message and warns when there is no data', async () => {
    const bad = await app.say('/report 2026-11-30..2026-11-01');
    expect(bad.tone).toBe('error');
    expect(textOf(bad)).toContain('The range must not end before it starts.');
    const garbage = await app.say('/report yesterday');
    expect(textOf(garbage)).toContain(
      'Range (range): "yesterday" is not valid. Expected 7d, 30d, 90d, 365d, this-month',
    );
    const none = await app.say('/report last-month channel:tiktok');
    expect(none.tone).toBe('warning');
    expect(textOf(none)).toContain('No metrics for 1 – 31 Oct 2026 (31 days)');
  });

  it('answers in Arabic with the same figures', async () => {
    const r = await app.say('/report 7d', identity({ locale: 'ar' }));
    expect(r.rtl).toBe(true);
    const out = textOf(r);
    expect(out).toContain('التقرير');
    // Multiples with × (no Latin letter); amounts then the currency as Intl writes Arabic money.
    expect(out).toContain('3.70×');
    expect(out).toMatch(/500\.00 دولار(?! أمريكي)/);
    // Channels by their names, not the ids the CSV keeps (google_ads, youtube leaked into Arabic tables).
    expect(out).toContain('إعلانات Google');
    expect(out).toContain('يوتيوب');
    expect(out).not.toMatch(/google_ads|\byoutube\b/);
  });

  it('shows trends over the last 8 full weeks', async () => {
    const r = await app.say('/report trends');
    expect(r.title).toBe('Trends over 8 weeks: 28 Sept – 22 Nov 2026');
    const out = textOf(r);
    // facebook: weeks 1-4 (from 2026-09-28 to 10-25) include the 2026-10-01 row; weeks 5-8 the 11-14..21 rows.
    // The data runs from 10-01 to 11-21: 25 and 27 days of the halves, so compared per day (19.1).
    expect(out).toContain('Facebook | USD 9,999 | USD 1,200 | ▼ −88.9%');
    expect(out).toContain('Weeks 1-4 have data on 25 of their 28 days and weeks 5-8 on 27');
    expect(out).toContain('Falling: Facebook');
    // Email brought no revenue in either half: it showed as "USD 0.00 | USD 0.00 | n/a".
    expect(out).not.toMatch(/^Email \|/m);
  });
});
