/**
 * Review-tier comments: nothing is posted when they arrive; every Workspace.reviewSummaryMinutes
 * one summary message lists them, each with the alert's actions, and each comment goes out in one
 * summary only, even with two processes on one database, a failed post or a process that died.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Identity } from '../../src/core/context.js';
import { actionsOf } from '../../src/core/reply.js';
import { REVIEW_SUMMARY_JOB } from '../../src/listening/feature.js';
import { STALE_LOCK_MS } from '../../src/listening/review-summary.js';
import { createTestApp, identity, type TestApp, textOf } from '../helpers/app.js';

let seq = 0;
const comment = (text: string) => ({ provider: 'facebook', externalId: `fb-${++seq}`, text, author: 'Sam' });
/** Review tier on the shipped model: likely negative but not sure, or a question to the brand. */
const MILD = ['a bit slow', 'Meh, expected more from you', 'Do you deliver to Dammam?'];
const admin: Identity = identity({ workspace: 'T1', user: 'U-admin', name: 'Amal' });

describe('review summaries', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp();
    await app.say('/help', admin);
  });
  afterEach(async () => {
    await app.cleanup();
  });

  const workspace = () => app.services.db.workspace.findFirstOrThrow({ where: { externalId: 'T1' } });
  const summaries = () => app.recorder.notices.filter((n) => n.to === 'alerts');

  it('the texts of these tests are review-tier', () => {
    for (const text of MILD) expect(app.services.sentiment.classify(text).alert, text).toBe('review');
  });

  it('collects review-tier comments into one message once the interval has passed, once', async () => {
    const ws = await workspace();
    expect(ws.reviewSummaryMinutes).toBe(60);
    for (const text of MILD) {
      const r = await app.services.comments.ingest(ws, comment(text));
      expect(r).toMatchObject({ alerted: false, comment: { alertTier: 'review', reviewedAt: null } });
      app.clock.advance(5 * 60_000);
    }
    // The oldest has waited 59 minutes: not yet.
    app.clock.set('2026-11-26T09:59:00Z');
    await app.jobs.runNow(REVIEW_SUMMARY_JOB);
    expect(summaries()).toHaveLength(0);
    app.clock.set('2026-11-26T10:00:30Z');
    await Promise.all([app.jobs.runNow(REVIEW_SUMMARY_JOB), app.services.comments.reviews.runDue()]);
    await app.jobs.runNow(REVIEW_SUMMARY_JOB);
    expect(summaries()).toHaveLength(1);
    const summary = summaries()[0]?.reply ?? { blocks: [] };
    const shown = textOf(summary);
    expect(summary.title).toBe('3 comments to review');
    for (const text of MILD) expect(shown).toContain(text);
    expect(shown).toContain('likely negative');
    expect(shown).toContain('question waiting for a reply');
    expect(shown).toContain('every 60 minutes');
    // Each comment with the actions of an alert; "Not negative" only on the negative ones.
    const rows = await app.services.db.comment.findMany({ orderBy: { id: 'asc' } });
    const buttons = actionsOf(summary).map((a) => `${a.id} ${a.payload}`);
    for (const c of rows) {
      expect(buttons).toContain(`alerts.handle ${c.id}.s`);
      expect(buttons).toContain(`alerts.assign ${c.id}.s`);
      expect(buttons).toContain(`alerts.draft ${c.id}.s`);
      expect(buttons).toContain(`${c.sentiment === 'negative' ? 'alerts.notnegative' : 'alerts.ignore'} ${c.id}.s`);
      expect(c.reviewedAt?.toISOString()).toBe('2026-11-26T10:00:30.000Z');
      expect(c.alertedAt).not.toBeNull();
    }
    // Summed-up comments are open alerts (/alerts lists them) that never escalate on their own.
    expect(textOf(await app.say('/alerts', admin))).toContain('Open alerts (3)');
    app.clock.advance(5 * 60 * 60_000);
    await app.services.comments.escalateOverdue();
    expect(app.recorder.notices.filter((n) => n.to === 'escalation')).toHaveLength(0);
  });

  it('sends the next summary one interval after the last; /config review-minutes sets it', async () => {
    expect(textOf(await app.say('/config review-minutes 15', admin))).toContain('every 15 minutes');
    const ws = await workspace();
    expect(ws.reviewSummaryMinutes).toBe(15);
    await app.services.comments.ingest(ws, comment('a bit slow'));
    app.clock.advance(15 * 60_000);
    await app.services.comments.reviews.runDue();
    expect(summaries()).toHaveLength(1);
    expect(textOf(summaries()[0]?.reply ?? { blocks: [] })).toContain('every 15 minutes');
    // A comment arriving now waits its 15 minutes, though the last summary is also 15 minutes old then.
    await app.services.comments.ingest(ws, comment('Meh, expected more from you'));
    app.clock.advance(14 * 60_000);
    await app.services.comments.reviews.runDue();
    expect(summaries()).toHaveLength(1);
    app.clock.advance(60_000);
    await app.services.comments.reviews.runDue();
    expect(summaries()).toHaveLength(2);
    expect(summaries()[1]?.reply.title).toBe('1 comment to review');
  });

  it('mentions the social media people on duty, like an urgent alert, and nobody when none is set', async () => {
    const ws = await workspace();
    await app.services.comments.ingest(ws, comment('a bit slow'));
    app.clock.advance(61 * 60_000);
    await app.services.comments.reviews.runDue();
    expect(summaries()[0]?.reply.mention).toBeUndefined();
    await app.say('/roles', identity({ workspace: 'T1', user: 'U0OMAR', name: 'Omar', admin: false }));
    expect(textOf(await app.say('/roles set <@U0OMAR> job:social', admin))).toContain('Omar');
    await app.services.comments.ingest(ws, comment('Meh, expected more from you'));
    app.clock.advance(61 * 60_000);
    await app.services.comments.reviews.runDue();
    expect(summaries()).toHaveLength(2);
    expect(summaries()[1]?.reply.mention).toEqual([{ id: 'U0OMAR', name: 'Omar' }]);
  });

  it('urgent comments are posted at once and never wait for a summary', async () => {
    const ws = await workspace();
    const r = await app.services.comments.ingest(ws, comment('I will sue you for this'));
    expect(r).toMatchObject({ alerted: true, comment: { alertTier: 'urgent' } });
    expect(textOf(summaries()[0]?.reply ?? { blocks: [] })).toContain('Negative comment on Facebook');
    app.clock.advance(2 * 60 * 60_000);
    await app.services.comments.reviews.runDue();
    expect(summaries()).toHaveLength(1);
  });

  it('a post that fails leaves the batch for the next run, not lost and not repeated', async () => {
    const ws = await workspace();
    await app.services.comments.ingest(ws, comment('a bit slow'));
    app.clock.advance(61 * 60_000);
    const post = app.recorder.post.bind(app.recorder);
    app.recorder.post = async () => {
      throw new Error('Slack is down');
    };
    await app.services.comments.reviews.runDue();
    const c = await app.services.db.comment.findFirstOrThrow();
    expect(c).toMatchObject({ reviewedAt: null, alertedAt: null });
    app.recorder.post = post;
    await app.services.comments.reviews.runDue();
    await app.services.comments.reviews.runDue();
    expect(summaries()).toHaveLength(1);
  });

  it('a batch claimed by a process that died is taken over once its claim is stale', async () => {
    const ws = await workspace();
    const r = await app.services.comments.ingest(ws, comment('a bit slow'));
    app.clock.advance(61 * 60_000);
    // Another process claimed the batch and died before posting it.
    await app.services.db.processedEvent.create({
      data: { key: `review-summary:${ws.id}:${r.comment.id}`, createdAt: app.clock.now() },
    });
    await app.services.comments.reviews.runDue();
    expect(summaries()).toHaveLength(0);
    app.clock.advance(STALE_LOCK_MS + 60_000);
    await app.services.comments.reviews.runDue();
    await app.services.comments.reviews.runDue();
    expect(summaries()).toHaveLength(1);
  });

  it('two processes on one database post one summary', async () => {
    const ws = await workspace();
    for (const text of MILD) await app.services.comments.ingest(ws, comment(text));
    const other = await createTestApp({ DATABASE_URL: app.services.config.DATABASE_URL });
    try {
      app.clock.advance(61 * 60_000);
      other.clock.set(app.clock.now().toISOString());
      await Promise.all([app.services.comments.reviews.runDue(), other.services.comments.reviews.runDue()]);
      await Promise.all([app.services.comments.reviews.runDue(), other.services.comments.reviews.runDue()]);
      const posted = [...summaries(), ...other.recorder.notices.filter((n) => n.to === 'alerts')];
      expect(posted).toHaveLength(1);
      expect(posted[0]?.reply.title).toBe('3 comments to review');
    } finally {
      await other.stop();
    }
  });

  it('a press in the summary acts on that comment and re-renders the summary in place', async () => {
    const ws = await workspace();
    for (const text of MILD) await app.services.comments.ingest(ws, comment(text));
    app.clock.advance(61 * 60_000);
    await app.services.comments.reviews.runDue();
    const [first, second] = await app.services.db.comment.findMany({ orderBy: { id: 'asc' } });
    const handled = await app.router.press('alerts.handle', `${first?.id}.s`, admin);
    expect(handled).toMatchObject({ replaceOriginal: true, title: '3 comments to review' });
    expect(textOf(handled)).toContain('Handled by Amal');
    const buttons = actionsOf(handled).map((a) => a.payload);
    expect(buttons).not.toContain(`${first?.id}.s`);
    expect(buttons).toContain(`${second?.id}.s`);
    const judged = await app.router.press('alerts.notnegative', `${second?.id}.s`, admin);
    expect(textOf(judged)).toContain('Marked not negative by Amal');
    expect(await app.services.db.sentimentFeedback.count({ where: { commentId: second?.id } })).toBe(1);
    expect((await app.services.db.comment.findUniqueOrThrow({ where: { id: second?.id ?? 0 } })).status).toBe(
      'ignored',
    );
    // The same button without ".s" (an alert of its own) answers with that alert, as before.
    expect((await app.router.press('alerts.assign', String(first?.id), admin)).title).toContain('Facebook');
  });
});
