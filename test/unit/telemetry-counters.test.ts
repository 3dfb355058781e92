/**
 * The metrics features increment through `services.telemetry` (docs/operations.md): publishes by
 * outcome and the dispatcher lag, alerts raised, digests sent, LLM calls and tokens.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { Dispatcher } from '../../src/publishing/dispatcher.js';
import { type FakeOpenAI, startFakeOpenAI } from '../fakes/openai.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

describe('telemetry counters', () => {
  let app: TestApp;
  afterEach(async () => {
    await app.cleanup();
  });

  describe('without a model', () => {
    beforeEach(async () => {
      app = await createTestApp();
      app.clock.set('2026-11-26T09:00:00Z');
      await app.say('/config');
    });
    const t = () => app.services.telemetry;

    async function post(channel: string, publishAt: string, key: string) {
      const ws = await app.services.db.workspace.findFirstOrThrow();
      return app.services.db.scheduledPost.create({
        data: {
          workspaceId: ws.id,
          channel,
          content: `post ${key}`,
          publishAt: new Date(publishAt),
          idempotencyKey: key,
        },
      });
    }

    it('counts publishes by channel and outcome, and reports the lag of the oldest due post', async () => {
      await post('reminder', '2026-11-26T08:58:30Z', 'a');
      // Not connected: fails for good.
      await post('facebook', '2026-11-26T08:59:00Z', 'b');
      await post('reminder', '2026-11-26T10:00:00Z', 'later');
      await t().registry.render();
      expect(t().dispatcherLagSeconds.get({})).toBe(90);

      const d = new Dispatcher({
        db: app.services.db,
        clock: app.clock,
        notifier: app.recorder,
        integrations: app.services.integrations,
        log: createLogger('silent'),
        telemetry: t(),
      });
      const report = await d.tick();
      expect(report).toMatchObject({ published: 1, failed: 1 });
      expect(t().publishes.get({ channel: 'reminder', outcome: 'published' })).toBe(1);
      expect(t().publishes.get({ channel: 'facebook', outcome: 'failed' })).toBe(1);
      expect(await t().registry.render()).toContain('mktbot_publishes_total{channel="reminder",outcome="published"} 1');
      // Nothing due is waiting any more; the later post is not late.
      expect(t().dispatcherLagSeconds.get({})).toBe(0);
    });

    it('counts an alert once per comment, however often the comment arrives', async () => {
      const ws = await app.services.comments.consoleWorkspace();
      const angry = {
        provider: 'instagram',
        externalId: 'ig-1',
        text: 'Worst service ever, my order never arrived and nobody answers. You scammed me, I want a refund!',
      } as const;
      await app.services.comments.ingest(ws, angry);
      await app.services.comments.ingest(ws, angry);
      await app.services.comments.ingest(ws, { provider: 'facebook', externalId: 'f1', text: 'Love it, amazing' });
      expect(t().alerts.get({ provider: 'instagram' })).toBe(1);
      expect(t().alerts.get({ provider: 'facebook' })).toBe(0);
    });

    it('counts a digest when it is sent, not when it was already sent', async () => {
      const ws = await app.services.db.workspace.findFirstOrThrow();
      const csv = ['date,channel,spend,revenue', '2026-11-18,facebook,10,40', '2026-11-20,google_ads,20,90'];
      expect((await app.services.metrics.importCsv(ws, csv.join('\n'))).ok).toBe(true);
      app.clock.set('2026-11-23T09:00:00Z');
      await app.jobs.runNow('digest');
      await app.jobs.runNow('digest');
      expect(app.recorder.notices.filter((n) => n.to === 'digest')).toHaveLength(1);
      expect(t().digests.get({ outcome: 'sent' })).toBe(1);
    });
  });

  describe('with the model (fake OpenAI)', () => {
    let fake: FakeOpenAI;
    afterEach(async () => {
      await fake.close();
    });

    it('counts LLM calls and the tokens the API reported', async () => {
      const KEY = 'sk-test-0123456789abcdef';
      fake = await startFakeOpenAI({
        apiKey: KEY,
        respond: () => ({
          title: null,
          subject: null,
          preview: null,
          body: 'Cold brew, slow and smooth.',
          cta: 'Try it today',
          hashtags: ['coldbrew'],
        }),
      });
      app = await createTestApp({ OPENAI_API_KEY: KEY, OPENAI_BASE_URL: fake.url, OPENAI_MODEL: 'gpt-test' });
      const r = await app.say('/draft facebook topic:"cold brew"');
      expect(r.tone).not.toBe('error');
      const t = app.services.telemetry;
      expect(fake.requests.length).toBeGreaterThan(0);
      expect(t.llmCalls.get({ outcome: 'ok' })).toBe(fake.requests.length);
      // The fake reports 321 prompt tokens per call.
      expect(t.llmTokens.get({ kind: 'prompt' })).toBe(321 * fake.requests.length);
      expect(t.llmTokens.get({ kind: 'completion' })).toBeGreaterThan(0);
    });
  });
});
