import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IncomingComment } from '../../src/listening/comments.js';
import { ESCALATION_JOB, RETRY_JOB, REVIEW_SUMMARY_JOB } from '../../src/listening/feature.js';
import { createTestApp, identity, type TestApp, textOf } from '../helpers/app.js';

const angry: IncomingComment = {
  provider: 'instagram',
  externalId: 'ig-1',
  // A scam accusation: urgent whatever the score, so it is posted at once.
  text: 'Worst service ever, my order never arrived and nobody answers. You scammed me, I want a refund!',
  author: '@sara',
  url: 'https://instagram.com/p/abc',
};

describe('comment pipeline', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp();
  });
  afterEach(async () => {
    await app.cleanup();
  });

  const consoleWs = () => app.services.comments.consoleWorkspace();

  it('stores, classifies and alerts a negative comment once, with the details and buttons', async () => {
    const r = await app.services.comments.ingest(await consoleWs(), angry);
    expect(r).toMatchObject({ duplicate: false, alerted: true });
    expect(r.comment).toMatchObject({
      sentiment: 'negative',
      alertTier: 'urgent',
      language: 'en',
      alertMessageId: '1',
      alertChannel: 'alerts',
    });
    expect(r.comment.alertedAt?.toISOString()).toBe('2026-11-26T09:00:00.000Z');
    expect(app.recorder.notices).toHaveLength(1);
    const notice = app.recorder.notices[0];
    expect(notice?.to).toBe('alerts');
    const shown = textOf(notice?.reply ?? { blocks: [] });
    expect(shown).toContain('Negative comment on Instagram');
    expect(shown).toContain('@sara');
    expect(shown).toContain('https://instagram.com/p/abc');
    expect(shown).toContain('English');
    expect(shown).toMatch(/Severity: high/);
    expect(shown).toContain('[Handled]');
    expect(shown).toContain('[Assign to me]');
    expect(shown).toContain('[Draft reply]');
    expect(shown).toContain('[Ignore]');
  });

  it('the same id delivered twice, even at the same time, is stored and alerted once', async () => {
    const ws = await consoleWs();
    const results = await Promise.all(Array.from({ length: 8 }, () => app.services.comments.ingest(ws, angry)));
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(results.filter((r) => r.alerted)).toHaveLength(1);
    expect(await app.services.db.comment.count()).toBe(1);
    expect(app.recorder.notices).toHaveLength(1);
    await app.services.comments.ingest(ws, { ...angry, text: 'edited text' });
    expect(app.recorder.notices).toHaveLength(1);
  });

  it('posts nothing at once for positive or review-tier comments; a lower threshold keeps mild ones out of review', async () => {
    const ws = await consoleWs();
    // The default (0) leaves it to the model's calibrated cuts; a lower threshold only the clearer ones.
    expect(ws.alertThreshold).toBe(0);
    const happy = await app.services.comments.ingest(ws, {
      provider: 'facebook',
      externalId: 'f1',
      text: 'Love it, amazing 😍',
    });
    expect(happy.comment.alertTier).toBeNull();
    const mild = app.services.sentiment.classify('a bit slow');
    expect(mild).toMatchObject({ label: 'negative', alert: 'review' });
    const review = await app.services.comments.ingest(ws, {
      provider: 'facebook',
      externalId: 'f2',
      text: 'a bit slow',
    });
    expect(review).toMatchObject({ alerted: false, comment: { alertTier: 'review', alertedAt: null } });
    const strict = await app.services.workspaces.update(ws.id, { alertThreshold: mild.score - 0.05 });
    const quiet = await app.services.comments.ingest(strict, {
      provider: 'facebook',
      externalId: 'f3',
      text: 'a bit slow',
    });
    expect(quiet.comment).toMatchObject({ sentiment: 'negative', alertTier: null });
    expect(app.recorder.notices).toHaveLength(0);
  });

  it('a question waiting for a reply goes into the review summary, in Arabic too', async () => {
    const ws = await consoleWs();
    const q = await app.services.comments.ingest(ws, {
      provider: 'instagram',
      externalId: 'q1',
      text: 'هل توصلون جدة؟',
    });
    expect(q.comment).toMatchObject({ alertTier: 'review', isQuestion: true });
    expect(app.recorder.notices).toHaveLength(0);
    app.clock.advance(61 * 60_000);
    await app.jobs.runNow(REVIEW_SUMMARY_JOB);
    expect(app.recorder.notices).toHaveLength(1);
    const shown = textOf(app.recorder.notices[0]?.reply ?? { blocks: [] });
    expect(shown).toContain('question waiting for a reply');
    expect(shown).toContain('هل توصلون جدة؟');
  });

  it('an alert that could not be posted is retried once by the sweep, not lost and not repeated', async () => {
    const ws = await consoleWs();
    const original = app.recorder.post.bind(app.recorder);
    app.recorder.post = async () => {
      throw new Error('Slack is down');
    };
    const r = await app.services.comments.ingest(ws, angry);
    expect(r.alerted).toBe(false);
    expect(r.comment.alertedAt).toBeNull();
    app.recorder.post = original;
    // Within the grace minute the live path owns it; the sweep leaves it alone.
    await app.jobs.runNow(RETRY_JOB);
    expect(app.recorder.notices).toHaveLength(0);
    app.clock.advance(5 * 60_000);
    await app.services.db.comment.update({
      where: { id: r.comment.id },
      data: { createdAt: new Date('2026-11-26T09:00:00Z') },
    });
    await Promise.all([app.jobs.runNow(RETRY_JOB), app.services.comments.retryMissedAlerts()]);
    await app.jobs.runNow(RETRY_JOB);
    expect(app.recorder.notices).toHaveLength(1);
  });

  it('a restart between storing and alerting loses nothing: the next app alerts once', async () => {
    const ws = await consoleWs();
    // A crash after the insert: the row exists, no alert was claimed.
    await app.services.db.comment.create({
      data: {
        workspaceId: ws.id,
        provider: 'facebook',
        externalId: 'crash-1',
        text: angry.text,
        sentiment: 'negative',
        score: -0.9,
        alertTier: 'urgent',
        language: 'en',
        createdAt: new Date('2026-11-26T08:50:00Z'),
      },
    });
    await app.jobs.runNow(RETRY_JOB);
    await app.jobs.runNow(RETRY_JOB);
    expect(app.recorder.notices).toHaveLength(1);
  });

  it('escalates an unhandled alert once after the workspace limit, even with two runners', async () => {
    const ws = await app.services.workspaces.update((await consoleWs()).id, { escalationMinutes: 30 });
    await app.services.comments.ingest(ws, angry);
    app.clock.advance(29 * 60_000);
    await app.jobs.runNow(ESCALATION_JOB);
    expect(app.recorder.notices.filter((n) => n.to === 'escalation')).toHaveLength(0);
    app.clock.advance(60_000);
    await Promise.all([app.jobs.runNow(ESCALATION_JOB), app.services.comments.escalateOverdue()]);
    await app.jobs.runNow(ESCALATION_JOB);
    const escalations = app.recorder.notices.filter((n) => n.to === 'escalation');
    expect(escalations).toHaveLength(1);
    expect(textOf(escalations[0]?.reply ?? { blocks: [] })).toContain(
      'nobody acted on this Instagram comment within 30 minutes',
    );
    const c = await app.services.db.comment.findFirstOrThrow();
    expect(c.status).toBe('escalated');
    expect(c.escalatedAt?.toISOString()).toBe('2026-11-26T09:30:00.000Z');
  });

  it('does not escalate an alert someone handled', async () => {
    const ws = await consoleWs();
    const r = await app.services.comments.ingest(ws, angry);
    const admin = identity({ platform: 'console', workspace: 'console', user: 'admin-1' });
    await app.router.press('alerts.handle', String(r.comment.id), admin);
    app.clock.advance(3 * 60 * 60_000);
    await app.jobs.runNow(ESCALATION_JOB);
    expect(app.recorder.notices.filter((n) => n.to === 'escalation')).toHaveLength(0);
  });
});
