import type { Workspace } from '@prisma/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Identity } from '../../src/core/context.js';
import { actionsOf, formAsText, type Reply } from '../../src/core/reply.js';
import { createTestApp, identity, type TestApp, textOf } from '../helpers/app.js';
import { CHANNEL, IG, PAGE, useSocialFakes } from '../helpers/social-fakes.js';

// Urgent (abuse), so it is alerted at once.
const ANGRY = 'My order never arrived and nobody answers, you idiots. I want a refund!';

describe('Draft reply, Edit reply and Send reply through the platform APIs', () => {
  const fakes = useSocialFakes('reply');
  let app: TestApp;
  let ws: Workspace;
  let social: Identity;
  let member: Identity;

  beforeEach(async () => {
    app = await createTestApp(fakes.env());
    fakes.yt.now = () => app.clock.now();
    social = identity({ user: 'U-social', name: 'Omar', admin: false });
    member = identity({ user: 'U-member', name: 'Mona', admin: false });
    await app.say('/help', social);
    await app.say('/help', member);
    await app.services.db.member.updateMany({ where: { externalId: 'U-social' }, data: { role: 'social' } });
    ws = await app.services.db.workspace.findFirstOrThrow({ where: { externalId: 'T1' } });
  });
  afterEach(async () => {
    await app.cleanup();
  });

  async function facebookAlert() {
    await app.say(`/connect facebook account:${PAGE} token:${fakes.tokens.page}`);
    const post = fakes.meta.addPost(PAGE);
    const commentId = fakes.meta.addComment(post, { message: ANGRY, from: { id: '42', name: 'Sara' }, at: new Date() });
    const r = await app.services.comments.ingest(ws, {
      provider: 'facebook',
      externalId: commentId,
      text: ANGRY,
      author: 'Sara',
    });
    expect(r.alerted).toBe(true);
    return { id: r.comment.id, commentId };
  }

  it('posts the drafted reply under the Facebook comment once, however often Send is pressed', async () => {
    const { id, commentId } = await facebookAlert();
    const drafted = await app.router.press('alerts.draft', String(id), social);
    // The buttons keep their places; the reply's come last (docs/alerts.md, "Buttons keep their numbers").
    expect(actionsOf(drafted).map((a) => a.id)).toEqual([
      'alerts.handle',
      'alerts.assign',
      'alerts.draft',
      'alerts.ignore',
      // The feedback row of a negative alert (docs/alerts.md).
      'alerts.notnegative',
      'alerts.correct',
      'alerts.send',
      'alerts.edit',
    ]);
    const draft = (await app.services.db.comment.findUniqueOrThrow({ where: { id } })).replyDraft;
    expect(draft).toMatch(/^Hi Sara, we're sorry/);

    // Members may not post on the brand's behalf.
    expect((await app.router.press('alerts.send', String(id), member)).tone).toBe('error');
    expect(fakes.meta.repliesTo(commentId)).toHaveLength(0);

    // Two presses at the same moment and one later: one reply on Facebook.
    const [a, b] = await Promise.all([
      app.router.press('alerts.send', String(id), social),
      app.router.press('alerts.send', String(id), social),
    ]);
    const later = await app.router.press('alerts.send', String(id), social);
    expect(fakes.meta.repliesTo(commentId).map((r) => r.message)).toEqual([draft]);
    // The press that lost the race sees the send in flight (or done), never a second send.
    expect([a, b].some((r) => textOf(r).includes('Reply posted under the comment by Omar'))).toBe(true);
    for (const r of [a, b]) expect(textOf(r)).toMatch(/Reply posted under the comment|has not confirmed it \(yet\)/);
    for (const r of [a, b, later]) expect(r.replaceOriginal).toBe(true);
    expect(textOf(later)).toContain('Reply posted under the comment by Omar');
    expect(textOf(later)).toContain(draft ?? '-');
    expect(actionsOf(later)).toHaveLength(0);
    const c = await app.services.db.comment.findUniqueOrThrow({ where: { id } });
    expect(c).toMatchObject({ status: 'handled', handledBy: 'Omar', repliedBy: 'Omar' });
    expect(c.replyId).toBe(fakes.meta.repliesTo(commentId)[0]?.id);
    expect(await app.services.db.auditLog.count({ where: { action: 'alert.reply' } })).toBe(1);
  });

  /** Presses the confirmation's Send reply, as the person would. */
  async function confirm(shown: Reply, who: Identity) {
    const button = actionsOf(shown).find((a) => a.id === 'alerts.confirm');
    expect(button, textOf(shown)).toBeDefined();
    return app.router.press('alerts.confirm', button?.payload ?? '', who);
  }

  it('Edit reply explains how to type a new one; /alerts reply shows the typed text and posts it on confirmation', async () => {
    await app.say(`/connect instagram account:${IG} token:${fakes.tokens.ig}`);
    const media = fakes.meta.addIgMedia(IG);
    const igComment = fakes.meta.addComment(media, {
      message: 'الطلب ما وصل لحد الآن، خدمة زفت يا كلاب',
      at: new Date(),
    });
    const r = await app.services.comments.ingest(ws, {
      provider: 'instagram',
      externalId: igComment,
      text: 'الطلب ما وصل لحد الآن، خدمة زفت يا كلاب',
      author: '@khalid',
    });
    await app.router.press('alerts.draft', String(r.comment.id), social);
    const edit = await app.router.press('alerts.edit', String(r.comment.id), social);
    expect(edit.ephemeral).toBe(true);
    expect(edit.replaceOriginal).toBeUndefined();
    expect(edit.form?.fields[0]?.value).toMatch(/^أهلًا khalid/);
    // Where the form cannot show (the console), its fields and the command to type stand in.
    expect(textOf(formAsText(edit))).toContain(`/alerts reply ${r.comment.id} text:"أهلًا khalid`);

    const typed = 'نعتذر جدًا يا خالد، أرسلنا لك رسالة خاصة الآن.';
    const shown = await app.say(`/alerts reply ${r.comment.id} text:"${typed}"`, social);
    expect(textOf(shown)).toContain(typed);
    expect(fakes.meta.repliesTo(igComment)).toHaveLength(0);
    const sent = await confirm(shown, social);
    expect(sent.tone).toBe('success');
    expect(sent.replaceOriginal).toBe(true);
    expect(fakes.meta.repliesTo(igComment).map((x) => x.message)).toEqual([typed]);
    expect(textOf(await app.say(`/alerts reply ${r.comment.id} text:"again"`, social))).toContain(typed);
    expect(fakes.meta.repliesTo(igComment)).toHaveLength(1);
  });

  it('replies on YouTube with comments.insert under the top-level comment', async () => {
    await app.say(`/connect youtube account:${CHANNEL} token:${fakes.tokens.yt}`);
    fakes.yt.addVideo('vid1', CHANNEL);
    const ytComment = fakes.yt.addComment('vid1', {
      text: 'This is a scam, I paid and never got anything',
      at: new Date(),
    });
    const r = await app.services.comments.ingest(ws, {
      provider: 'youtube',
      externalId: ytComment,
      text: 'This is a scam, I paid and never got anything',
    });
    const shown = await app.say(
      `/alerts reply ${r.comment.id} We have refunded you today; sorry for the wait.`,
      social,
    );
    expect(fakes.yt.comments.filter((c) => c.parentId === ytComment)).toHaveLength(0);
    const out = await confirm(shown, social);
    expect(out.tone).toBe('success');
    const replies = fakes.yt.comments.filter((c) => c.parentId === ytComment);
    expect(replies.map((c) => c.text)).toEqual(['We have refunded you today; sorry for the wait.']);
    expect(replies[0]?.authorChannelId).toBe(CHANNEL);
  });

  it('says how to connect when the platform is not connected, and changes nothing', async () => {
    const r = await app.services.comments.ingest(ws, { provider: 'instagram', externalId: 'ig-x', text: ANGRY });
    await app.router.press('alerts.draft', String(r.comment.id), social);
    const out = await app.router.press('alerts.send', String(r.comment.id), social);
    expect(textOf(out)).toContain('instagram is not connected');
    expect(textOf(out)).toContain('/connect instagram');
    expect(actionsOf(out).map((a) => a.id)).toContain('alerts.send');
    const c = await app.services.db.comment.findUniqueOrThrow({ where: { id: r.comment.id } });
    expect(c).toMatchObject({ repliedAt: null, status: 'new' });

    const other = await app.services.comments.ingest(ws, { provider: 'tiktok', externalId: 't-1', text: ANGRY });
    // Said before any confirmation is offered, and the typed text is not kept.
    const t = await app.say(`/alerts reply ${other.comment.id} text:"Sorry!"`, social);
    expect(t.tone).toBe('error');
    expect(textOf(t)).toContain('cannot be posted from here');
    expect(
      (await app.services.db.comment.findUniqueOrThrow({ where: { id: other.comment.id } })).replyDraft,
    ).toBeNull();
    const none = await app.services.comments.ingest(ws, { provider: 'facebook', externalId: 'f-1', text: ANGRY });
    expect(textOf(await app.router.press('alerts.send', String(none.comment.id), social))).toContain(
      'no reply to send yet',
    );
  });

  it('a refused token releases the claim so the reply can be sent after reconnecting', async () => {
    const { id, commentId } = await facebookAlert();
    await app.router.press('alerts.draft', String(id), social);
    fakes.meta.revoke(fakes.tokens.page);
    const failed = await app.router.press('alerts.send', String(id), social);
    expect(textOf(failed)).toMatch(/refused the token .*190/);
    expect(textOf(failed)).not.toContain(fakes.tokens.page);
    expect((await app.services.db.integration.findFirstOrThrow()).status).toBe('reauth');
    expect((await app.services.db.comment.findUniqueOrThrow({ where: { id } })).repliedAt).toBeNull();

    fakes.meta.addPage(PAGE, fakes.tokens.page, 'Cold Brew Co');
    await app.say(`/connect facebook account:${PAGE} token:${fakes.tokens.page}`);
    const ok = await app.router.press('alerts.send', String(id), social);
    expect(textOf(ok)).toContain('Reply posted');
    expect(fakes.meta.repliesTo(commentId)).toHaveLength(1);
  });

  it('an unknown outcome (the platform acted but never answered) is never re-sent', async () => {
    const { id, commentId } = await facebookAlert();
    await app.router.press('alerts.draft', String(id), social);
    fakes.meta.server.hangAfterActing('POST', new RegExp(`${commentId}/comments$`));
    app.services.integrations.commentTimeoutMs = 300;
    const r = await app.router.press('alerts.send', String(id), social);
    expect(textOf(r)).toContain('did not confirm the reply');
    const again = await app.router.press('alerts.send', String(id), social);
    expect(textOf(again)).toContain('Check the comment before sending again');
    expect(fakes.meta.repliesTo(commentId)).toHaveLength(1);
  });
});
