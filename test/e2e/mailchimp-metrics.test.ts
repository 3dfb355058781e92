import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MailchimpClient } from '../../integrations/mailchimp/publisher.js';
import { fetchCampaignReport } from '../../integrations/mailchimp/reports.js';
import { createLogger } from '../../src/log.js';
import { Dispatcher } from '../../src/publishing/dispatcher.js';
import { MAILCHIMP_CHANNEL, pullMailchimpReports } from '../../src/reporting/metric-pull.js';
import { FakeMailchimp } from '../fakes/mailchimp.js';
import { createTestApp, type TestApp, textOf } from '../helpers/app.js';

const MC_KEY = '0123456789abcdef-us19';
const log = createLogger('silent');

describe('daily Mailchimp reports into MetricDaily (fake Mailchimp)', () => {
  const mc = new FakeMailchimp();
  let app: TestApp;
  let dispatcher: Dispatcher;
  beforeAll(async () => {
    await mc.start();
    mc.addKey(MC_KEY);
    mc.addList('list1', 'Customers', 'Cold Brew Co', 'hello@coldbrew.example');
  });
  afterAll(async () => {
    await mc.close();
  });
  beforeEach(async () => {
    mc.campaigns.clear();
    mc.reports.clear();
    app = await createTestApp({ MAILCHIMP_API_URL: mc.url });
    app.clock.set('2026-11-20T09:00:00Z');
    mc.now = () => app.clock.now();
    dispatcher = new Dispatcher({
      db: app.services.db,
      clock: app.clock,
      notifier: app.recorder,
      integrations: app.services.integrations,
      log,
      sleep: async () => {},
    });
  });
  afterEach(async () => {
    await app.cleanup();
  });

  /** Schedules and publishes one campaign through the real dispatcher; returns its Mailchimp id. */
  async function publish(when: string, subject: string): Promise<string> {
    await app.say(`/schedule mailchimp ${when} title:"${subject}" | Hello from Cold Brew Co`);
    const post = await app.services.db.scheduledPost.findFirstOrThrow({ where: { title: subject } });
    app.clock.set(new Date(post.publishAt.getTime() - 10 * 60_000).toISOString());
    await dispatcher.tick();
    const done = await app.services.db.scheduledPost.findUniqueOrThrow({ where: { id: post.id } });
    expect(done.status).toBe('published');
    return done.externalId as string;
  }

  it('stores each sent campaign on its send day with source api, and replaces it with later totals', async () => {
    await app.say('/config timezone Asia/Riyadh');
    await app.say(`/connect mailchimp account:list1 token:${MC_KEY}`);
    const first = await publish('2026-11-21 10:00', 'November news');
    const second = await publish('2026-11-22 23:30', 'Late offer'); // 20:30 UTC: still the 22nd in Riyadh
    mc.setReport(
      first,
      {
        emails_sent: 1000,
        hard_bounces: 15,
        soft_bounces: 5,
        unique_opens: 300,
        unique_subscriber_clicks: 40,
        unsubscribed: 3,
      },
      '2026-11-21T07:00:00+00:00',
    );
    // The second is scheduled but not sent yet: Mailchimp has no report for it (404), nothing is stored.
    app.clock.set('2026-11-22T02:00:00Z');
    let r = await pullMailchimpReports(app.services, log);
    expect(r).toEqual({ workspaces: 1, rows: 1, failed: 0 });
    let rows = await app.services.db.metricDaily.findMany({ orderBy: { date: 'asc' } });
    expect(
      rows.map((x) => [
        x.date,
        x.channel,
        x.source,
        x.emailsSent,
        x.emailsDelivered,
        x.emailsOpened,
        x.emailsClicked,
        x.emailsUnsubscribed,
      ]),
    ).toEqual([['2026-11-21', MAILCHIMP_CHANNEL, 'api', 1000, 980, 300, 40, 3]]);

    // A day later more opens came in, and the second campaign went out.
    mc.setReport(first, {
      emails_sent: 1000,
      hard_bounces: 15,
      soft_bounces: 5,
      unique_opens: 420,
      unique_subscriber_clicks: 61,
      unsubscribed: 7,
    });
    mc.setReport(
      second,
      { emails_sent: 800, unique_opens: 100, unique_subscriber_clicks: 9 },
      '2026-11-22T20:30:00+00:00',
    );
    app.clock.set('2026-11-23T02:00:00Z');
    r = await pullMailchimpReports(app.services, log);
    expect(r.rows).toBe(2);
    rows = await app.services.db.metricDaily.findMany({ orderBy: { date: 'asc' } });
    expect(rows.map((x) => [x.date, x.emailsDelivered, x.emailsOpened, x.emailsClicked, x.emailsUnsubscribed])).toEqual(
      [
        ['2026-11-21', 980, 420, 61, 7],
        ['2026-11-22', 800, 100, 9, 0],
      ],
    );
    // And /report reads them like any other metrics: open rate (420 + 100) / (980 + 800).
    const out = textOf(await app.say('/report 7d'));
    expect(out).toMatch(/Email open rate \| 29\.2%/);
  });

  it('pauses a workspace whose key Mailchimp refuses, and leaves other workspaces alone', async () => {
    await app.say(`/connect mailchimp account:list1 token:${MC_KEY}`);
    const id = await publish('2026-11-21 10:00', 'November news');
    mc.setReport(id, { emails_sent: 10, unique_opens: 1, unique_subscriber_clicks: 0 });
    mc.keys.delete(MC_KEY);
    app.clock.set('2026-11-22T02:00:00Z');
    try {
      const r = await pullMailchimpReports(app.services, log);
      expect(r).toMatchObject({ workspaces: 1, rows: 0, failed: 1 });
      const integration = await app.services.db.integration.findFirstOrThrow();
      expect(integration.status).toBe('reauth');
      expect(await app.services.db.metricDaily.count()).toBe(0);
      // Paused: the next run does not call Mailchimp with the refused key again.
      expect((await pullMailchimpReports(app.services, log)).workspaces).toBe(0);
    } finally {
      mc.addKey(MC_KEY);
    }
  });

  it('the fake answers reports like Mailchimp: 404 before the send, the report shape after, 401 for a bad key', async () => {
    await app.say(`/connect mailchimp account:list1 token:${MC_KEY}`);
    const id = await publish('2026-11-21 10:00', 'November news');
    const client = new MailchimpClient({ apiKey: MC_KEY }, mc.url);
    await expect(fetchCampaignReport(client, id)).rejects.toMatchObject({ notFound: true });
    mc.setReport(id, { emails_sent: 5, unique_opens: 2, unique_subscriber_clicks: 1 });
    expect(await fetchCampaignReport(client, id)).toMatchObject({ id, emails_sent: 5, opens: { unique_opens: 2 } });
    const bad = new MailchimpClient({ apiKey: 'nope-us19' }, mc.url);
    await expect(fetchCampaignReport(bad, id)).rejects.toMatchObject({ reauth: true });
  });
});
