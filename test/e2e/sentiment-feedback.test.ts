/**
 * "Not negative" / "Correct" on alerts, through the real router and buttons: stored (one row per
 * comment, latest press wins), audited, "Not negative" closing the alert for good, and the
 * workspace's next comments classified with what it taught, never another workspace's.
 */
import type { Workspace } from '@prisma/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { actionsOf } from '../../src/core/reply.js';
import { SentimentFeedbackService } from '../../src/listening/sentiment-feedback.js';
import { createTestApp, identity, type TestApp, textOf } from '../helpers/app.js';

const amal = identity({ workspace: 'T1', user: 'U-amal', name: 'Amal' });
const omar = identity({ workspace: 'T1', user: 'U-omar', name: 'Omar' });
const other = identity({ workspace: 'T2', user: 'U-zed', name: 'Zed' });
const member = identity({ workspace: 'T1', user: 'U-mona', name: 'Mona', admin: false });

let seq = 0;
const comment = (text: string) => ({ provider: 'instagram', externalId: `ig-${++seq}`, text, author: '@fan' });

describe('feedback buttons on negative alerts', () => {
  let app: TestApp;
  let t1: Workspace;
  let t2: Workspace;

  beforeEach(async () => {
    app = await createTestApp();
    for (const who of [amal, omar, other, member]) await app.say('/help', who);
    t1 = await app.services.db.workspace.findFirstOrThrow({ where: { externalId: 'T1' } });
    t2 = await app.services.db.workspace.findFirstOrThrow({ where: { externalId: 'T2' } });
  });
  afterEach(async () => {
    await app.cleanup();
  });

  /** Ingests a comment; `alerted` says whether it raised an alert of either tier (urgent or review). */
  async function alerted(ws: Workspace, text: string) {
    const r = await app.services.comments.ingest(ws, comment(text));
    return { id: r.comment.id, alerted: r.comment.alertTier !== null, sentiment: r.comment.sentiment };
  }

  it('negative alerts carry Not negative and Correct in their own row; questions do not', async () => {
    // Urgent (the clown is an insult): posted at once.
    const neg = await alerted(t1, 'these new kicks are sick 🤡');
    expect(neg.alerted).toBe(true);
    const posted = app.recorder.notices.at(-1)?.reply;
    if (!posted) throw new Error('no alert posted');
    const rows = posted.blocks.filter((b) => b.kind === 'actions');
    expect(rows.map((b) => b.actions.map((a) => a.id))).toEqual([
      ['alerts.handle', 'alerts.assign', 'alerts.draft', 'alerts.ignore'],
      ['alerts.notnegative', 'alerts.correct'],
    ]);
    expect(textOf(posted)).toContain('[Not negative]');
    expect(textOf(posted)).toContain('[Correct]');

    // A question goes to the review summary, where it has Ignore instead of Not negative.
    const q = await alerted(t1, 'do you ship to Jeddah?');
    expect(q.alerted).toBe(true);
    app.clock.advance(61 * 60_000);
    await app.services.comments.reviews.runDue();
    const summary = app.recorder.notices.at(-1)?.reply;
    const forQuestion = (summary ? actionsOf(summary) : []).filter((a) => a.payload === `${q.id}.s`);
    expect(forQuestion.map((a) => a.id)).toEqual(['alerts.handle', 'alerts.assign', 'alerts.draft', 'alerts.ignore']);

    await app.say('/config lang ar', amal);
    const ar = await alerted(await app.services.db.workspace.findUniqueOrThrow({ where: { id: t1.id } }), 'خدمة زفت');
    expect(ar.alerted).toBe(true);
    expect(textOf(app.recorder.notices.at(-1)?.reply ?? { blocks: [] })).toContain('[ليس سلبيًا]');
  });

  it('Not negative closes the alert in place, stores the verdict, is audited, and never escalates', async () => {
    const { id, alerted: raised } = await alerted(t1, 'these new kicks are sick');
    expect(raised).toBe(true);
    app.clock.set('2026-11-26T09:05:00Z');
    const refused = await app.router.press('alerts.notnegative', String(id), member);
    expect(refused.tone).toBe('error');
    expect(await app.services.db.sentimentFeedback.count()).toBe(0);

    const r = await app.router.press('alerts.notnegative', String(id), amal);
    expect(r.replaceOriginal).toBe(true);
    expect(textOf(r)).toContain('Marked not negative by Amal at 26 Nov, 09:05');
    expect(textOf(r)).not.toContain('Ignored by');
    expect(actionsOf(r)).toEqual([]);
    const c = await app.services.db.comment.findUniqueOrThrow({ where: { id } });
    expect(c).toMatchObject({ status: 'ignored', handledBy: 'Amal' });
    const rows = await app.services.db.sentimentFeedback.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      workspaceId: t1.id,
      commentId: id,
      label: 'not-negative',
      byUser: 'Amal',
      text: 'these new kicks are sick',
    });
    expect(rows[0]?.createdAt.toISOString()).toBe('2026-11-26T09:05:00.000Z');
    const audit = await app.services.db.auditLog.findMany({ where: { action: 'alert.not-negative' } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ workspaceId: t1.id, target: `comment:${id}` });

    app.clock.advance(3 * 60 * 60 * 1000);
    expect(await app.services.comments.escalateOverdue()).toBe(0);
    expect((await app.services.db.comment.findUniqueOrThrow({ where: { id } })).status).toBe('ignored');
    expect(await app.say('/alerts', amal).then(textOf)).not.toContain('kicks are sick');
  });

  it('Correct keeps the alert open with a note; repeated presses update one row, the latest wins', async () => {
    const { id } = await alerted(t1, 'Your delivery is a joke, my order never arrived');
    app.clock.set('2026-11-26T09:10:00Z');
    const r = await app.router.press('alerts.correct', String(id), amal);
    expect(r.replaceOriginal).toBe(true);
    expect(textOf(r)).toContain('Confirmed negative by Amal at 26 Nov, 09:10');
    expect(textOf(r)).toContain('[Handled]');
    expect((await app.services.db.comment.findUniqueOrThrow({ where: { id } })).status).toBe('new');

    app.clock.set('2026-11-26T09:12:00Z');
    await app.router.press('alerts.correct', String(id), omar);
    let rows = await app.services.db.sentimentFeedback.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ label: 'negative', byUser: 'Omar' });
    expect(await app.services.db.auditLog.count({ where: { action: 'alert.correct' } })).toBe(2);

    // Another person disagrees: the latest press wins, still one row.
    await app.router.press('alerts.notnegative', String(id), amal);
    rows = await app.services.db.sentimentFeedback.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ label: 'not-negative', byUser: 'Amal' });

    // Concurrent presses (a double click on two clients) still leave one row.
    const again = await alerted(t1, 'Refund me now, this is a scam');
    await Promise.all([
      app.router.press('alerts.correct', String(again.id), amal),
      app.router.press('alerts.correct', String(again.id), omar),
    ]);
    expect(await app.services.db.sentimentFeedback.count({ where: { commentId: again.id } })).toBe(1);

    // A handled alert re-rendered later still shows the verdict.
    const later = await app.router.press('alerts.handle', String(again.id), amal);
    expect(textOf(later)).toMatch(/Confirmed negative by (Amal|Omar)/);
  });

  it('after two Not negative presses on "sick" comments, similar ones raise no alert, angry ones still do, other workspaces unaffected', async () => {
    // Before any feedback, the classifier reads "sick" as negative in both workspaces.
    const before = await alerted(t1, 'the new colourway is sick');
    expect(before.alerted).toBe(true);
    const first = await alerted(t1, 'these new kicks are sick');
    const second = await alerted(t1, 'that sick drop last night');
    expect(first.alerted && second.alerted).toBe(true);
    await app.router.press('alerts.notnegative', String(first.id), amal);
    await app.router.press('alerts.notnegative', String(second.id), omar);

    const similar = await alerted(t1, 'sick sneakers, ordering two');
    expect(similar).toMatchObject({ alerted: false });
    expect(similar.sentiment).not.toBe('negative');
    // The very text judged: its verdict.
    expect(await alerted(t1, 'These new kicks are SICK')).toMatchObject({ alerted: false });
    // Angry comments keep their alert: no shared word, a complaint, or strong words beside "sick".
    expect((await alerted(t1, 'Worst service ever, totally useless')).alerted).toBe(true);
    expect((await alerted(t1, 'I am sick of waiting, my order never arrived')).alerted).toBe(true);
    expect((await alerted(t1, 'this is sick and disgusting')).alerted).toBe(true);

    // Workspace T2 never pressed anything: the same comment still alerts there.
    expect((await alerted(t2, 'sick sneakers, ordering two')).alerted).toBe(true);
    expect((await alerted(t2, 'These new kicks are SICK')).alerted).toBe(true);
  });

  it("another replica's presses reach this one's cache within the recheck interval", async () => {
    let now = 0;
    const replica = new SentimentFeedbackService({
      db: app.services.db,
      wordScore: (w) => app.services.sentiment.classify(w).score,
      now: () => now,
    });
    expect((await replica.adaptationFor(t1.id)).exact.size).toBe(0);
    const a = await alerted(t1, 'these new kicks are sick');
    await app.router.press('alerts.notnegative', String(a.id), amal);
    // Within the interval this replica keeps its cached (empty) adaptation…
    now = 1_000;
    expect((await replica.adaptationFor(t1.id)).exact.size).toBe(0);
    // …then one cheap check sees the change and rebuilds.
    now = 10_000;
    expect((await replica.adaptationFor(t1.id)).exact.size).toBe(1);
    expect((await replica.adaptationFor(t2.id)).exact.size).toBe(0);
  });
});
