import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { METRICS_PULL_JOB } from '../../src/reporting/feature.js';
import { emptyTotals } from '../../src/reporting/kpi.js';
import { FakeGa4 } from '../fakes/ga4.js';
import { createTestApp, type TestApp, textOf } from '../helpers/app.js';
import { LogLines } from '../helpers/log-lines.js';

const CLIENT_ID = 'mktbot-test.apps.googleusercontent.com';
const CLIENT_SECRET = 'GOCSPX-ga4-client-secret';
const REFRESH = '1//0ga4-refresh-token-of-the-marketer';
const PROPERTY = '412345678';

describe('Google Analytics 4: /connect ga4 and the daily pull of site figures (fake GA4 Data API)', () => {
  const ga4 = new FakeGa4();
  const key = randomBytes(32).toString('hex');
  let app: TestApp;
  let logs: LogLines;
  let shown: string[];

  beforeAll(async () => {
    await ga4.start();
    ga4.oauth.setClient(CLIENT_ID, CLIENT_SECRET);
    ga4.addProperty(PROPERTY, 'Asia/Riyadh');
    ga4.addProperty('499999999', 'Europe/London');
  });
  afterAll(() => ga4.close());

  async function start(env: Record<string, string> = {}): Promise<void> {
    logs = new LogLines();
    shown = [];
    app = await createTestApp(
      {
        GA4_API_URL: ga4.url,
        GOOGLE_OAUTH_URL: ga4.url,
        GOOGLE_CLIENT_ID: CLIENT_ID,
        GOOGLE_CLIENT_SECRET: CLIENT_SECRET,
        ENCRYPTION_KEY: key,
        ...env,
      },
      { log: createLogger('trace', logs) },
    );
    // 12:00 in Riyadh on the 26th: the last complete day there is the 25th.
    app.clock.set('2026-11-26T09:00:00Z');
    ga4.now = () => app.clock.now();
    expect((await app.say('/config timezone Asia/Riyadh')).tone).toBe('success');
  }

  const say = async (line: string) => {
    const r = await app.say(line);
    shown.push(textOf(r));
    return r;
  };
  const pull = () => app.jobs.runNow(METRICS_PULL_JOB);
  const web = () => app.services.db.metricDaily.findMany({ where: { channel: 'web' }, orderBy: { date: 'asc' } });
  const integration = () => app.services.db.integration.findFirstOrThrow({ where: { provider: 'ga4' } });

  function seed(): void {
    ga4.setDay(PROPERTY, '2026-11-24', 'new', {
      activeUsers: 300,
      sessions: 340,
      engagedSessions: 200,
      userEngagementDuration: 15_000,
    });
    ga4.setDay(PROPERTY, '2026-11-24', 'returning', {
      activeUsers: 100,
      sessions: 160,
      engagedSessions: 120,
      userEngagementDuration: 12_000,
    });
    // Sessions GA4 could not sort into new or returning still count as sessions.
    ga4.setDay(PROPERTY, '2026-11-24', '(not set)', {
      activeUsers: 5,
      sessions: 10,
      engagedSessions: 0,
      userEngagementDuration: 0,
    });
    ga4.setDay(PROPERTY, '2026-11-25', 'new', {
      activeUsers: 250,
      sessions: 280,
      engagedSessions: 180,
      userEngagementDuration: 14_000,
    });
    ga4.setDay(PROPERTY, '2026-11-25', 'returning', {
      activeUsers: 150,
      sessions: 220,
      engagedSessions: 170,
      userEngagementDuration: 16_000,
    });
    // Today is not over: never read.
    ga4.setDay(PROPERTY, '2026-11-26', 'new', {
      activeUsers: 9,
      sessions: 9,
      engagedSessions: 9,
      userEngagementDuration: 90,
    });
  }

  beforeEach(async () => {
    ga4.oauth.addRefreshToken(REFRESH, { properties: [PROPERTY] });
    ga4.oauth.accessTokenSeconds = 3599;
    ga4.requests.length = 0;
    seed();
    await start();
  });
  afterEach(async () => {
    const rows = await app.services.db.integration.findMany();
    const audit = await app.services.db.auditLog.findMany();
    const everything = [...shown, ...logs.lines, JSON.stringify(rows), JSON.stringify(audit)].join('\n');
    expect(everything).not.toContain(REFRESH);
    expect(everything).not.toContain(CLIENT_SECRET);
    await app.cleanup();
  });

  it('connects a property with a refresh token ("properties/N" or N), then stores a week of site figures that /report reads', async () => {
    const r = await say(`/connect ga4 account:properties/${PROPERTY} token:${REFRESH}`);
    expect(r.tone).toBe('success');
    expect(textOf(r)).toContain(`GA4 property ${PROPERTY} (Asia/Riyadh)`);
    expect((await integration()).accountId).toBe(PROPERTY);

    await pull();
    const rows = await web();
    // Only days with traffic come back from GA4; today is never asked for.
    expect(rows.map((x) => [x.date, x.source, x.campaign, x.sessions, x.engagedSessions, x.engagementSeconds])).toEqual(
      [
        ['2026-11-24', 'api', '', 510, 320, 27_000],
        ['2026-11-25', 'api', '', 500, 350, 30_000],
      ],
    );
    expect(rows.map((x) => [x.newUsers, x.returningUsers])).toEqual([
      [300, 100],
      [250, 150],
    ]);
    const asked = ga4.requests.at(-1)?.body as { dateRanges: unknown; dimensions: unknown };
    expect(asked.dateRanges).toEqual([{ startDate: '2026-11-19', endDate: '2026-11-25' }]);
    expect((await integration()).status).toBe('ok');

    const report = textOf(await say('/report 7d channel:web'));
    expect(report).toContain('1,010'); // sessions 510 + 500
    expect(report).toMatch(/66\.3\s?%/); // engagement rate 670 / 1,010
    expect(report).toMatch(/31\.3\s?%/); // returning visitors 250 / 800
  });

  it('a second pull replaces its rows, a day later with a fresh access token; imported web rows stay', async () => {
    expect((await say(`/connect ga4 account:${PROPERTY} token:${REFRESH}`)).tone).toBe('success');
    await app.services.metrics.store(
      await app.services.db.workspace.findFirstOrThrow({ where: { externalId: 'T1' } }),
      [
        {
          date: '2026-11-20',
          channel: 'web',
          campaign: '',
          ...emptyTotals(),
          sessions: 42,
        },
      ],
      'csv',
    );
    ga4.setDay(PROPERTY, '2026-11-20', 'new', {
      activeUsers: 1,
      sessions: 1,
      engagedSessions: 1,
      userEngagementDuration: 1,
    });
    await pull();
    const count = await app.services.db.metricDaily.count();
    ga4.setDay(PROPERTY, '2026-11-25', 'new', {
      activeUsers: 260,
      sessions: 300,
      engagedSessions: 190,
      userEngagementDuration: 15_000,
    });
    // A day later: the first access token has long expired, the refresh token gets another.
    app.clock.set('2026-11-27T09:00:00Z');
    await pull();
    const rows = await web();
    expect(rows.find((x) => x.date === '2026-11-20')).toMatchObject({ source: 'csv', sessions: 42 });
    expect(rows.find((x) => x.date === '2026-11-25')).toMatchObject({ source: 'api', sessions: 520, newUsers: 260 });
    // Replaced, not added: the only new row is the 26th, complete now.
    expect(rows.find((x) => x.date === '2026-11-26')).toMatchObject({ sessions: 9 });
    expect(await app.services.db.metricDaily.count()).toBe(count + 1);
    expect(ga4.requests.at(-1)?.body).toMatchObject({
      dateRanges: [{ startDate: '2026-11-20', endDate: '2026-11-26' }],
    });
  });

  it('a revoked refresh token or a user removed from the property pauses the pull until /connect again', async () => {
    expect((await say(`/connect ga4 account:${PROPERTY} token:${REFRESH}`)).tone).toBe('success');
    ga4.oauth.revoke(REFRESH);
    ga4.oauth.expireAccessTokens();
    await pull();
    expect(await web()).toEqual([]);
    const i = await integration();
    expect(i.status).toBe('reauth');
    expect(i.statusMessage).toContain('invalid_grant');
    // The secret checks after each test read real logs: this refusal was logged, with its reason.
    expect(logs.lines.some((l) => l.includes('invalid_grant'))).toBe(true);
    // The team is told once; the next run skips the account until /connect again.
    await pull();
    const told = app.recorder.notices.filter((n) => n.to === 'team').map((n) => textOf(n.reply));
    expect(told).toHaveLength(1);
    expect(told[0]).toContain('The Google Analytics connection needs to be renewed');
    expect(told[0]).toContain('/connect ga4');
    const status = textOf(await say('/connect status'));
    expect(status).toContain('Google Analytics');
    expect(status).toContain('needs reconnecting');

    // Reconnected, then the marketer loses access to the property: GA4 answers 403.
    ga4.oauth.addRefreshToken(REFRESH, { properties: [PROPERTY] });
    expect((await say(`/connect ga4 account:${PROPERTY} token:${REFRESH}`)).tone).toBe('success');
    ga4.oauth.addRefreshToken(REFRESH, { properties: [] });
    ga4.oauth.expireAccessTokens();
    await pull();
    expect((await integration()).status).toBe('reauth');
    expect((await integration()).statusMessage).toContain('sufficient permissions');
  });

  it('refuses, saving nothing: an access token, a measurement id, a property the user cannot read, no OAuth client', async () => {
    const access = await say(`/connect ga4 account:${PROPERTY} token:ya29.an-access-token`);
    expect(access.tone).toBe('error');
    expect(textOf(access)).toContain('refresh token');

    const measurement = await say(`/connect ga4 account:G-ABC123XYZ token:${REFRESH}`);
    expect(measurement.tone).toBe('error');
    expect(textOf(measurement)).toContain('not the G-XXXX measurement id');

    const other = await say(`/connect ga4 account:499999999 token:${REFRESH}`);
    expect(other.tone).toBe('error');
    expect(textOf(other)).toContain('sufficient permissions');

    const revoked = '1//0ga4-revoked';
    ga4.oauth.addRefreshToken(revoked, { properties: [PROPERTY] });
    ga4.oauth.revoke(revoked);
    const refused = await say(`/connect ga4 account:${PROPERTY} token:${revoked}`);
    expect(refused.tone).toBe('error');
    expect(textOf(refused)).toContain('invalid_grant');
    expect(await app.services.db.integration.count()).toBe(0);
    await app.cleanup();

    await start({ GOOGLE_CLIENT_ID: '', GOOGLE_CLIENT_SECRET: '' });
    const noClient = await say(`/connect ga4 account:${PROPERTY} token:${REFRESH}`);
    expect(noClient.tone).toBe('error');
    expect(textOf(noClient)).toContain('GOOGLE_CLIENT_ID');
    expect(await app.services.db.integration.count()).toBe(0);
  });

  it('answers in Arabic for an Arabic workspace', async () => {
    expect((await app.say('/config lang ar')).tone).toBe('success');
    const r = await say(`/connect ga4 account:${PROPERTY} token:ya29.an-access-token`);
    expect(r.tone).toBe('error');
    expect(textOf(r)).toContain('رمز تحديث');
  });

  // Last in this file: it adds campaign traffic to the fake's shared property.
  it('reads sessions and key events per utm_campaign and joins them with the campaign the scheduler tagged', async () => {
    expect((await say(`/connect ga4 account:${PROPERTY} token:${REFRESH}`)).tone).toBe('success');
    const scheduled = textOf(
      await say('/schedule facebook tomorrow 9am campaign:"Winter Sale" | Menu https://shop.example.com/menu'),
    );
    expect(scheduled).toContain('utm_campaign=winter-sale');
    const ws = await app.services.db.workspace.findFirstOrThrow({ where: { externalId: 'T1' } });
    await app.services.metrics.store(
      ws,
      [
        {
          date: '2026-11-25',
          channel: 'facebook',
          campaign: 'Winter Sale',
          ...emptyTotals(),
          spendMinor: 12_000,
          clicks: 90,
        },
      ],
      'csv',
    );
    ga4.setDay(
      PROPERTY,
      '2026-11-25',
      'new',
      { activeUsers: 35, sessions: 40, engagedSessions: 30, userEngagementDuration: 2_000, keyEvents: 3 },
      'winter-sale',
    );
    ga4.setDay(
      PROPERTY,
      '2026-11-25',
      'returning',
      { activeUsers: 5, sessions: 5, engagedSessions: 5, userEngagementDuration: 500, keyEvents: 1 },
      '(organic)',
    );
    await pull();
    expect(ga4.requests.at(-1)?.body).toMatchObject({
      dimensions: [{ name: 'date' }, { name: 'newVsReturning' }, { name: 'sessionCampaignName' }],
    });
    const day = (await web()).filter((x) => x.date === '2026-11-25');
    expect(day.map((x) => [x.campaign, x.sessions, x.conversions])).toEqual([
      ['', 505, 1],
      ['Winter Sale', 40, 3],
    ]);
    // One campaign, three sides: its spend (Facebook), and the site's sessions and key events.
    const report = textOf(await say('/report 7d campaign:"Winter Sale"'));
    expect(report).toMatch(/Spend \| USD 120\.00/);
    expect(report).toMatch(/Sessions \| 40\b/);
    expect(report).toMatch(/Site conversions \| 3\b/);
    expect(report).toContain(
      'Posts in this campaign: 0 published in this period, 1 scheduled ahead; their links carry utm_campaign=winter-sale',
    );
    // The seeded 500 and the 45 added: the rows of a day add up to the site's day.
    expect(day.reduce((sum, x) => sum + x.sessions, 0)).toBe(545);
  });
});
