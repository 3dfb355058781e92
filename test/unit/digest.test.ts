import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pngSize } from '../../src/reporting/charts.js';
import { createTestApp, identity, type TestApp, textOf } from '../helpers/app.js';

function metricsCsv(from: string, days: number): string {
  const lines = ['date,channel,campaign,impressions,clicks,spend,revenue,conversions'];
  const start = new Date(`${from}T00:00:00Z`);
  for (let i = 0; i < days; i++) {
    const d = new Date(start);
    d.setUTCDate(d.getUTCDate() + i);
    const date = d.toISOString().slice(0, 10);
    lines.push(`${date},facebook,Launch,1000,${20 + i},10.00,${30 + i}.00,2`);
    lines.push(`${date},google_ads,Search,500,25,20.00,90.00,4`);
  }
  return lines.join('\n');
}

describe('weekly digest', () => {
  let app: TestApp;
  const digests = () => app.recorder.notices.filter((n) => n.to === 'digest');
  const runs = () => app.services.db.digestRun.findMany({ orderBy: { period: 'asc' } });

  async function setUp(zone: string, from = '2026-09-01', days = 100) {
    app.clock.set('2026-09-01T00:00:00Z');
    await app.say('/config');
    await app.say(`/config timezone ${zone}`);
    const ws = await app.services.db.workspace.findFirstOrThrow();
    await app.services.metrics.importCsv(ws, metricsCsv(from, days));
  }

  beforeEach(async () => {
    app = await createTestApp();
  });
  afterEach(async () => {
    await app.cleanup();
  });

  it('is sent once per week at the scheduled time, in the workspace zone', async () => {
    await setUp('Asia/Riyadh');
    // Monday 23 Nov 2026, 09:00 Riyadh = 06:00 UTC. The week before was already sent.
    app.clock.set('2026-11-16T06:00:00Z');
    await app.jobs.runNow('digest');
    expect(digests()).toHaveLength(1);
    app.clock.set('2026-11-23T05:55:00Z');
    await app.jobs.runNow('digest');
    expect(digests()).toHaveLength(1);
    app.clock.set('2026-11-23T06:00:00Z');
    await app.jobs.runNow('digest');
    await app.jobs.runNow('digest');
    app.clock.advance(2 * 86_400_000);
    await app.jobs.runNow('digest');
    expect(digests()).toHaveLength(2);
    expect((await runs()).map((r) => [r.period, r.status])).toEqual([
      ['2026-W47', 'sent'],
      ['2026-W48', 'sent'],
    ]);
    const last = digests()[1]?.reply;
    expect(last?.title).toBe('Weekly digest: 16 – 22 Nov 2026 (7 days)');
  });

  it('sends a missed Monday late, when the process is back', async () => {
    await setUp('UTC');
    // Down from Sunday to Wednesday 25 Nov: Monday's digest goes out at the first tick.
    app.clock.set('2026-11-25T14:00:00Z');
    await app.jobs.runNow('digest');
    expect(digests()).toHaveLength(1);
    expect(digests()[0]?.reply.title).toBe('Weekly digest: 16 – 22 Nov 2026 (7 days)');
    expect((await runs())[0]?.period).toBe('2026-W48');
  });

  it('keeps Monday 09:00 local across the end of summer time', async () => {
    await setUp('Europe/London');
    // Clocks go back on Sunday 25 Oct 2026: Monday 26 Oct 09:00 London is 09:00 UTC, not 08:00.
    app.clock.set('2026-10-19T08:00:00Z');
    await app.jobs.runNow('digest');
    app.clock.set('2026-10-26T08:30:00Z');
    await app.jobs.runNow('digest');
    expect(digests()).toHaveLength(1);
    app.clock.set('2026-10-26T09:00:00Z');
    await app.jobs.runNow('digest');
    expect(digests()).toHaveLength(2);
    // The week covered is Monday to Sunday in London, across the change.
    expect(digests()[1]?.reply.title).toBe('Weekly digest: 19 – 25 Oct 2026 (7 days)');
  });

  it('retries a digest whose posting failed, and sends it once', async () => {
    await setUp('UTC');
    app.clock.set('2026-11-23T09:00:00Z');
    const post = app.recorder.post.bind(app.recorder);
    app.recorder.post = async () => {
      throw new Error('platform down');
    };
    await app.jobs.runNow('digest');
    expect((await runs())[0]?.status).toBe('failed');
    app.recorder.post = post;
    app.clock.advance(5 * 60_000);
    await app.jobs.runNow('digest');
    await app.jobs.runNow('digest');
    expect(digests()).toHaveLength(1);
    expect((await runs())[0]?.status).toBe('sent');
  });

  it('sends nothing to a workspace that has never recorded metrics', async () => {
    await app.say('/config');
    app.clock.set('2026-11-23T09:00:00Z');
    await app.jobs.runNow('digest');
    expect(digests()).toHaveLength(0);
    expect(await app.services.db.digestRun.count()).toBe(0);
  });

  it('shows KPIs with arrows, goals, top performers, open alerts and a chart', async () => {
    await setUp('UTC');
    const ws = await app.services.db.workspace.findFirstOrThrow();
    await app.services.db.plan.create({
      data: {
        workspaceId: ws.id,
        name: 'Plan A',
        goal: 'sales',
        budgetSplit: [],
        kpiTargets: [{ kpi: 'roas', target: 3 }],
        // A plan without dates applies from the day it was made (analysis/goals.ts).
        createdAt: new Date('2026-11-01T00:00:00Z'),
      },
    });
    for (const [id, status, sentiment] of [
      ['c1', 'new', 'negative'],
      ['c2', 'escalated', 'negative'],
      ['c3', 'handled', 'negative'],
      ['c4', 'new', 'positive'],
    ] as const) {
      await app.services.db.comment.create({
        data: {
          workspaceId: ws.id,
          provider: 'facebook',
          externalId: id,
          text: 'x',
          status,
          sentiment,
          alertedAt: sentiment === 'negative' ? new Date() : null,
        },
      });
    }
    app.clock.set('2026-11-26T10:00:00Z');
    const r = await app.say('/digest preview');
    const out = textOf(r).replace(/\u00a0/g, ' ');
    expect(r.title).toBe('Weekly digest: 19 – 25 Nov 2026 (7 days)');
    // 7 days: facebook revenue 30+79..30+85 = sum(109..115) = 784, google 7 x 90 = 630 -> 1,414.
    expect(out).toMatch(/Revenue: USD 1,414 {2}▲ \+\d/);
    expect(out).toContain('Spend: USD 210.00  ▬ ±0%');
    expect(out).toContain('ROAS: 6.73x');
    expect(out).toContain('🟢 ROAS: 6.73x against a goal of at least 3.00x: on track');
    // facebook: USD 784 on USD 70 of spend; google_ads: 630 on 140.
    expect(out).toContain('Best channel: Facebook (ROAS 11.20x, revenue USD 784.00)');
    expect(out).toContain('Weakest channel: Google Ads (ROAS 4.50x, revenue USD 630.00)');
    expect(out).toContain('2 open alerts on negative comments');
    const image = r.blocks.find((b) => b.kind === 'image');
    expect(image?.kind).toBe('image');
    if (image?.kind === 'image') expect(pngSize(image.png)).toEqual({ width: 1280, height: 640 });
  });

  it('lets managers change the schedule, stored as cron in local time', async () => {
    await app.say('/config');
    const r = await app.say('/digest schedule friday 16:30');
    expect(r.tone).toBe('success');
    expect(textOf(r)).toContain('every Friday at 16:30 (UTC)');
    expect((await app.services.db.workspace.findFirstOrThrow()).digestCron).toBe('30 16 * * 5');
    const member = await app.say('/digest schedule monday 09:00', identity({ user: 'U2', admin: false }));
    expect(member.tone).toBe('error');
    expect((await app.services.db.workspace.findFirstOrThrow()).digestCron).toBe('30 16 * * 5');
    const bad = await app.say('/digest schedule monday 9am');
    expect(textOf(bad)).toContain('Expected a time as HH:MM');
  });
});
