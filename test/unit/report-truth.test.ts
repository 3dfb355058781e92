import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveFiles } from '../../src/adapters/console/exports.js';
import type { Reply } from '../../src/core/reply.js';
import { checkChannel } from '../../src/reporting/channel-names.js';
import { describeError, type LineError } from '../../src/reporting/metrics.js';
import { createTestApp, textOf as rawText, type TestApp } from '../helpers/app.js';
import { days, plainText as textOf } from '../helpers/report-data.js';

describe('reports that tell the truth (issue 19)', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp();
    await app.say('/config');
  });
  afterEach(async () => {
    await app.cleanup();
  });
  const ws = () => app.services.db.workspace.findFirstOrThrow();
  const load = async (lines: string[]) => {
    const r = await app.services.metrics.importCsv(await ws(), lines.join('\n'));
    expect(r).toMatchObject({ ok: true });
  };

  it('compares per-day averages when the previous period is only partly covered (19.2)', async () => {
    // October in full at 100 a day; September only from the 7th (24 of its 31 days) at 100 a day: no real change.
    await load([
      'date,channel,campaign,spend,clicks,impressions',
      ...days('2026-09-07', '2026-10-31', (d) => `${d},facebook,Autumn Launch,100,10,1000`),
    ]);
    const out = textOf(await app.say('/report 2026-10-01..2026-10-31 campaign:"Autumn Launch"'));
    expect(out).toContain('The previous period has data on 24 of its 31 days.');
    expect(out).toContain('changes in totals compare averages per day with data');
    // 3,100 against 2,400 in total, but 100 a day in both: no change (it was +29.2%).
    expect(out).toContain('Spend | USD 3,100 | USD 2,400 | ▬ ±0%');
  });

  it('ends 7d and this-month at the last complete day, and the digest agrees with /report 7d (19.1)', async () => {
    // Data every day up to yesterday (the clock stands at 2026-11-26 09:00), the same every day.
    await load(['date,channel,spend,revenue', ...days('2026-10-01', '2026-11-25', (d) => `${d},facebook,100,300`)]);
    const week = await app.say('/report 7d');
    expect(week.title).toBe('Report: 19 – 25 Nov 2026 (7 days)');
    // Today counted as a day without data showed revenue -14.3%.
    expect(textOf(week)).toContain('Revenue | USD 2,100 | USD 2,100 | ▬ ±0%');
    const digest = await app.say('/digest preview');
    expect(digest.title).toBe('Weekly digest: 19 – 25 Nov 2026 (7 days)');
    expect(textOf(digest)).toContain('Revenue: USD 2,100  ▬ ±0%');
    const month = await app.say('/report this-month');
    expect(month.title).toBe('Report: 1 – 25 Nov 2026 (25 days)');
    expect(textOf(month)).toContain('Spend | USD 2,500 | USD 2,500 | ▬ ±0%');
    const arabic = textOf(await app.say('/report range:"الشهر الماضي"'));
    expect(arabic).toContain('Report: 1 – 31 Oct 2026 (31 days)');
    // Unquoted too, with a named option after the words.
    const words = await app.say('/report الأسبوع الماضي channel:facebook');
    expect(words.title).toBe('Report: 16 – 22 Nov 2026 (7 days)');
  });

  it('says when the range has days without data (19.1)', async () => {
    await load(['date,channel,spend', ...days('2026-11-01', '2026-11-10', (d) => `${d},facebook,10`)]);
    const out = textOf(await app.say('/report 2026-11-05..2026-11-14'));
    expect(out).toContain('Data covers 6 of the 10 days (5 – 10 Nov 2026)');
  });

  it('judges goals only on their plan’s channels and dates; n/a is never off track (19.3)', async () => {
    await load([
      'date,channel,campaign,spend,clicks,impressions,revenue,emails_delivered,emails_clicked',
      ...days('2026-09-01', '2026-11-25', (d) => `${d},facebook,Launch,100,10,1000,300,,`),
    ]);
    const w = await ws();
    await app.services.db.plan.create({
      data: {
        workspaceId: w.id,
        name: 'Winter',
        goal: 'sales',
        budgetSplit: [
          { channel: 'facebook', amountMinor: 100 },
          { channel: 'email', amountMinor: 100 },
        ],
        kpiTargets: [
          { kpi: 'roas', target: 2 },
          { kpi: 'click_rate', target: 3 },
        ],
        startsOn: new Date('2026-11-01T00:00:00Z'),
        endsOn: new Date('2026-11-30T00:00:00Z'),
      },
    });
    const september = textOf(await app.say('/report 2026-09-01..2026-09-30'));
    expect(september).toContain(
      'The goals of the plan "Winter" apply for 1 – 30 Nov 2026, outside this range: they are not judged here.',
    );
    expect(september).not.toContain('off track');
    const november = textOf(await app.say('/report 2026-11-01..2026-11-25 channel:facebook'));
    expect(november).toContain('🟢 ROAS: 3.00x against a goal of at least 2.00x: on track');
    expect(november).toContain('⚪ Email click rate: n/a against a goal of at least 3%: no data in this scope');
    expect(november).not.toMatch(/click rate.*off track/);
  });

  it('keeps ad and site conversions apart (19.4)', async () => {
    await load([
      'date,channel,clicks,conversions,sessions',
      '2026-11-20,google-ads,200,10,',
      '2026-11-20,web,,30,1000',
    ]);
    const out = textOf(await app.say('/report 2026-11-20..2026-11-20'));
    expect(out).toMatch(/^Conversions \| 10$/m);
    expect(out).toMatch(/^Site conversions \| 30$/m);
    expect(out).toMatch(/^Ad conversion rate \| 5%$/m);
    expect(out).toMatch(/^Site conversion rate \| 3%$/m);
    // Summed and divided by ad clicks this was 20%.
    expect(out).not.toContain('20%');
  });

  it('judges an awareness channel by CPM against a named benchmark, not by ROAS (19.5)', async () => {
    await app.say('/config currency USD');
    await load([
      'date,channel,campaign,spend,impressions,clicks,revenue',
      ...days('2026-11-01', '2026-11-25', (d) => `${d},google-ads,Search,100,5000,200,500`),
      ...days('2026-11-01', '2026-11-25', (d) => `${d},facebook,Launch,100,5000,100,150`),
      // Brand video: no revenue at all, and a CPM of 40 USD against a benchmark of about 9.
      ...days('2026-11-01', '2026-11-25', (d) => `${d},youtube,Brand Video,100,2500,5,`),
    ]);
    const r = await app.say('/report 2026-11-01..2026-11-25');
    const recs = r.blocks.find((b) => b.kind === 'list' && b.ordered);
    const items = recs?.kind === 'list' ? recs.items.map((i) => i.replace(/\u00a0/g, ' ')) : [];
    expect(items.join('\n')).not.toMatch(/from YouTube \(ROAS/);
    expect(items).toContain(
      'Move about USD 500 from Facebook (ROAS 1.50x) to Google Ads (ROAS 5.00x, the best sales channel): both are judged by sales, and each unit spent on Google Ads returned more.',
    );
    expect(
      items.find((i) =>
        i.startsWith(
          'YouTube is judged by awareness: its CPM is USD 40.00 against a benchmark of USD 9.00 (Google Ads video benchmarks)',
        ),
      ),
    ).toBeDefined();
  });

  it('judges a channel by the goal of its campaign’s plan even when it brings some revenue (19.5)', async () => {
    await load([
      'date,channel,campaign,spend,impressions,clicks,revenue',
      ...days('2026-11-01', '2026-11-25', (d) => `${d},google-ads,Search,100,5000,200,500`),
      ...days('2026-11-01', '2026-11-25', (d) => `${d},youtube,Brand Video,100,20000,5,30`),
    ]);
    const w = await ws();
    const plan = await app.services.db.plan.create({
      data: {
        workspaceId: w.id,
        name: 'Brand',
        goal: 'awareness',
        budgetSplit: [],
        kpiTargets: [],
        createdAt: new Date('2026-10-01T00:00:00Z'),
      },
    });
    await app.services.db.campaign.create({ data: { workspaceId: w.id, name: 'Brand Video', planId: plan.id } });
    const out = textOf(await app.say('/report 2026-11-01..2026-11-25'));
    // ROAS 0.30x against 5.00x was "move budget from YouTube"; its job is awareness, and its CPM is fine.
    expect(out).not.toMatch(/from YouTube/);
    expect(out).not.toContain('Weakest channel: YouTube');
    expect(out).not.toContain('Pause or rework "Brand Video"');
    // ...and the reader is told why the table's lowest ROAS is not ranked.
    expect(out).toContain('Judged by awareness, so not ranked by ROAS: YouTube and the campaign "Brand Video".');
    await app.say('/config lang ar');
    const ar = textOf(await app.say('/report 2026-11-01..2026-11-25')).replace(/[\u2066-\u2069]/g, '');
    expect(ar).toContain('تُقاس بهدف الوعي فلا تُرتَّب بالعائد على الإنفاق الإعلاني: يوتيوب والحملة «Brand Video».');
    await app.say('/config lang en');
  });

  it('treats google_ads and google-ads as one channel, and refuses typos with a suggestion (19.8)', async () => {
    await load(['date,channel,spend', '2026-11-20,google_ads,100', '2026-11-21,Google Ads,50']);
    const rows = await app.services.db.metricDaily.findMany({ select: { channel: true } });
    expect(new Set(rows.map((x) => x.channel))).toEqual(new Set(['google-ads']));
    const out = textOf(await app.say('/report 2026-11-20..2026-11-21 channel:google_ads'));
    expect(out).toContain('Spend | USD 150.00');
    // A pushed body (POST /webhooks/metrics) goes through the same check.
    const pushed = await app.services.metrics.importJson(await ws(), [
      { date: '2026-11-22', channel: 'GOOGLE_ADS', spend: 5 },
    ]);
    expect(pushed).toMatchObject({ ok: true, channels: ['google-ads'] });
    const pushedTypo = await app.services.metrics.importJson(await ws(), [
      { date: '2026-11-22', channel: 'instagran' },
    ]);
    expect(pushedTypo.ok).toBe(false);
    const typo = await app.services.metrics.importCsv(await ws(), 'date,channel,spend\n2026-11-20,facebok,1\n');
    expect(typo.ok).toBe(false);
    if (!typo.ok) {
      expect(describeError(typo.errors[0] as LineError, 'en')).toBe(
        'line 2: channel "facebok" is unknown: did you mean "facebook"? A channel of your own must be declared first: /config channels add facebok',
      );
      expect(describeError(typo.errors[0] as LineError, 'ar')).toContain('هل تقصد «⁨facebook⁩»؟');
    }
    expect(checkChannel('facebok', [])).toEqual({ ok: false, suggestion: 'facebook' });
    const refused = await app.services.metrics.importCsv(await ws(), 'date,channel,spend\n2026-11-20,tiktok-shop,1\n');
    expect(refused.ok).toBe(false);
    expect(textOf(await app.say('/config channels add tiktok-shop'))).toContain('Channel "tiktok-shop" declared');
    expect(
      (await app.services.metrics.importCsv(await ws(), 'date,channel,spend\n2026-11-20,tiktok-shop,1\n')).ok,
    ).toBe(true);
    await app.say('/config channels remove tiktok-shop');
    expect(
      (await app.services.metrics.importCsv(await ws(), 'date,channel,spend\n2026-11-20,tiktok-shop,1\n')).ok,
    ).toBe(false);
  });
});

describe('/report trends covers rates (19.6)', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp();
    await app.say('/config');
  });
  afterEach(async () => {
    await app.cleanup();
  });

  it('reports a falling CTR and open rate on enough volume, ranked by impact, and says the minimums', async () => {
    // The clock stands at 2026-11-26: the 8 weeks are 2026-09-28..11-22, the halves split on 10-26.
    const w = await app.services.db.workspace.findFirstOrThrow();
    const late = (d: string) => d >= '2026-10-26';
    const lines = [
      'date,channel,campaign,impressions,clicks,spend,revenue,emails_delivered,emails_opened',
      // Facebook: revenue flat, CTR 2% -> 1.5% (-25%) on 28,000 impressions a half.
      ...days('2026-09-28', '2026-11-22', (d) => `${d},facebook,Launch,1000,${late(d) ? 15 : 20},10,100,,`),
      // Email: open rate 24% -> 19% (-20.8%) on 2,800 deliveries a half.
      ...days('2026-09-28', '2026-11-22', (d) => `${d},email,News,,,,,100,${late(d) ? 19 : 24}`),
      // X: CTR halves, but on 280 impressions a half: too little to mean anything.
      ...days('2026-09-28', '2026-11-22', (d) => `${d},x,Promo,10,${late(d) ? 1 : 2},,,,`),
    ];
    expect((await app.services.metrics.importCsv(w, lines.join('\n'))).ok).toBe(true);
    const r = await app.say('/report trends');
    const out = textOf(r);
    expect(out).not.toContain('No channel and no rate moved');
    const rates = r.blocks.filter((b) => b.kind === 'list').at(-1);
    const items = rates?.kind === 'list' ? rates.items.map((i) => i.replace(/\u00a0/g, ' ')) : [];
    expect(items).toEqual([
      // Spend flat on fewer clicks: CPC up a third, on 94% of all clicks, the biggest impact.
      'Facebook, CPC: USD 0.50 → USD 0.67 (▲ +33.3%), on 420 clicks',
      'Facebook, CTR: 2% → 1.5% (▼ −25%), on 28,000 impressions',
      'Email, Email open rate: 24% → 19% (▼ −20.8%), on 2,800 emails delivered',
    ]);
    expect(out).toContain('Rates are compared only on enough volume in both halves: 1,000 impressions (CTR)');
    expect(out).not.toMatch(/^X, CTR/m);
  });
});

describe('console files (19.7)', () => {
  it('writes a reply’s file to the export folder and prints its path', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'exports-'));
    try {
      const r: Reply = {
        blocks: [{ kind: 'file', filename: 'report-a.csv', mime: 'text/csv', content: 'a,b\r\n1,2\r\n' }],
      };
      const shown = await saveFiles(r, path.join(dir, 'exports'), 'en');
      const target = path.join(dir, 'exports', 'report-a.csv');
      expect(readFileSync(target, 'utf8')).toBe('a,b\r\n1,2\r\n');
      expect(rawText(shown)).toContain(`Saved the file to ${target}`);
      expect(rawText(shown)).not.toContain('[file:');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
