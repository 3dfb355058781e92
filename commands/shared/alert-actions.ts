/**
 * What can be done to an alert, once: each button of an alert and each `/alerts <verb> N` command
 * call the same function here, so both check the same things (the alert exists in this workspace,
 * it is still open) and change the same way. The only difference is where the answer goes: a button
 * updates the alert in place, a command answers in its own message.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Context } from '../../src/core/context.js';
import { UserError } from '../../src/core/errors.js';
import { defineMessages, iso } from '../../src/core/i18n.js';
import { actions, context, type Form, type Reply, reply, text } from '../../src/core/reply.js';
import {
  alertMessages,
  formatWhen,
  isOpen,
  platformName,
  renderAlert,
  truncate,
} from '../../src/listening/alert-message.js';
import {
  MAX_REPLY_CHARS,
  replyRoute,
  type SendOutcome,
  sendCommentReply,
} from '../../src/listening/comment-replies.js';
import type { Comment } from '../../src/listening/comments.js';
import type { FeedbackLabel } from '../../src/listening/sentiment/adapt.js';
import { jobRolesOf } from '../../src/workspace/job-roles.js';

export const m = defineMessages(
  'alert-actions',
  {
    notFound: (p: { id: number }) => `Alert #${p.id} does not exist in this workspace. /alerts lists the open ones.`,
    alreadyClosed: (p: { status: string }) => `This alert is already ${p.status}; nothing changed.`,
    handled: 'handled',
    ignored: 'ignored',
    assignedBy: (p: { who: string; to: string; when: string }) => `${p.who} assigned this to ${p.to} at ${p.when}.`,
    notAssignable: (p: { person: string }) =>
      `${p.person} cannot handle alerts here. An admin can give them the social role first: /roles set @${p.person} social.`,
    editTitle: 'Edit the reply',
    editHow: (p: { id: number }) =>
      `Type the reply you want; you will see it and confirm before it is posted under the comment:\n/alerts reply ${p.id} text:"your reply"`,
    formTitle: 'Edit the reply',
    formField: 'Reply to post under the comment',
    formSubmit: 'Post reply',
    noText: (p: { id: number }) =>
      `There is no reply to send yet. Press Draft reply (or type /alerts draft ${p.id}), or type /alerts reply ${p.id} text:"your reply".`,
    confirmTitle: (p: { id: number; author: string; platform: string }) =>
      `Post this reply under ${p.author}'s comment on ${p.platform} (alert #${p.id})?`,
    confirmNote:
      'Nothing is posted until you press Send reply. The comment and everyone who sees it will read this text.',
    confirmSend: 'Send reply',
    cancel: 'Cancel',
    cancelled: (p: { id: number }) => `Nothing was posted. The draft stays on alert #${p.id}.`,
    draftChanged: 'The draft changed after this was shown, so nothing was posted. Here is the current one.',
    unsupported: (p: { platform: string }) =>
      `Replies to ${p.platform} comments cannot be posted from here; answer on the platform, then press Handled.`,
    notConnected: (p: { provider: string }) =>
      `${p.provider} is not connected, so the reply cannot be posted from here. An admin can connect it with /connect ${p.provider} account:ID token:TOKEN (the token needs permission to manage comments); until then, post the reply on the platform and press Handled.`,
    failed: (p: { reason: string }) => `The reply was not posted: ${p.reason}. Nothing was published; try again.`,
    failedReauth: (p: { provider: string; reason: string }) =>
      `The reply was not posted: ${p.provider} refused the token (${p.reason}). Connect it again with /connect ${p.provider}, then send again.`,
    unknown: (p: { reason: string }) =>
      `The platform did not confirm the reply (${p.reason}). It may be live: check the comment. It will not be sent again automatically.`,
    draftFallback: 'The AI model did not answer, so this draft comes from the templates.',
    draftModel: 'Written by the AI model: read it before sending.',
  },
  {
    notFound: (p) =>
      `التنبيه رقم ${iso(p.id)} غير موجود في مساحة العمل هذه. يعرض ${iso('/alerts')} التنبيهات المفتوحة.`,
    alreadyClosed: (p) => `هذا التنبيه ${p.status} بالفعل؛ لم يتغير شيء.`,
    handled: 'تمت معالجته',
    ignored: 'متجاهَل',
    assignedBy: (p) => `أسنده ${iso(p.who)} إلى ${iso(p.to)} في ${iso(p.when)}.`,
    notAssignable: (p) =>
      `لا يستطيع ${iso(p.person)} معالجة التنبيهات هنا. يمكن للمسؤول أن يمنحه دور التواصل الاجتماعي أولًا: ${iso(`/roles set @${p.person} social`)}.`,
    editTitle: 'تعديل الرد',
    editHow: (p) =>
      `اكتب الرد الذي تريده، وستراه وتؤكده قبل أن يُنشر تحت التعليق:\n${iso(`/alerts reply ${p.id} text:"…"`)}`,
    formTitle: 'تعديل الرد',
    formField: 'الرد الذي يُنشر تحت التعليق',
    formSubmit: 'انشر الرد',
    noText: (p) =>
      `لا يوجد رد لإرساله بعد. اضغط «اقترح ردًا» (أو اكتب ${iso(`/alerts draft ${p.id}`)})، أو اكتب ${iso(`/alerts reply ${p.id} text:"…"`)}.`,
    confirmTitle: (p) =>
      `هل تنشر هذا الرد تحت تعليق ${iso(p.author)} على ${iso(p.platform)} (التنبيه رقم ${iso(p.id)})؟`,
    confirmNote: 'لن يُنشر شيء حتى تضغط «أرسل الرد». سيقرأ هذا النص صاحب التعليق وكل من يراه.',
    confirmSend: 'أرسل الرد',
    cancel: 'إلغاء',
    cancelled: (p) => `لم يُنشر شيء. تبقى المسودة على التنبيه رقم ${iso(p.id)}.`,
    draftChanged: 'تغيّرت المسودة بعد عرضها، لذا لم يُنشر شيء. هذه هي المسودة الحالية.',
    unsupported: (p) =>
      `لا يمكن نشر الردود على تعليقات ${iso(p.platform)} من هنا؛ رد على المنصة ثم اضغط «تمت المعالجة».`,
    notConnected: (p) =>
      `${iso(p.provider)} غير مربوط، لذا لا يمكن نشر الرد من هنا. يمكن للمسؤول ربطه بالأمر ${iso(`/connect ${p.provider} account:ID token:TOKEN`)} (بصلاحية إدارة التعليقات)؛ وحتى ذلك الحين انشر الرد على المنصة واضغط «تمت المعالجة».`,
    failed: (p) => `لم يُنشر الرد: ${iso(p.reason)}. لم يُنشر شيء؛ حاول مرة أخرى.`,
    failedReauth: (p) =>
      `لم يُنشر الرد: رفضت ${iso(p.provider)} الرمز (${iso(p.reason)}). اربطه من جديد بالأمر ${iso(`/connect ${p.provider}`)} ثم أرسل مرة أخرى.`,
    unknown: (p) =>
      `لم تؤكد المنصة الرد (${iso(p.reason)}). قد يكون منشورًا: تحقّق من التعليق. لن يُرسل مرة أخرى تلقائيًا.`,
    draftFallback: 'لم يُجب نموذج الذكاء الاصطناعي، لذا هذه المسودة من القوالب.',
    draftModel: 'كتبها نموذج الذكاء الاصطناعي: راجعها قبل الإرسال.',
  },
);

/**
 * A button updates the alert it belongs to (or, pressed in a review summary, that summary); a typed
 * command answers in a message of its own.
 */
export type Via = 'button' | 'summary' | 'command';

const answer = (r: Reply, via: Via): Reply => (via === 'command' ? { ...r, replaceOriginal: false } : r);

/**
 * Button payloads carry the comment id; it must belong to the presser's workspace. A button of a
 * review summary carries "N.s": the action is the same, and the summary is re-rendered in place.
 */
export const commentId = z
  .string()
  .regex(/^\d{1,10}(\.s)?$/)
  .transform((p) => ({ id: Number.parseInt(p, 10), via: (p.endsWith('.s') ? 'summary' : 'button') as Via }));

/** The confirmation's Send reply carries the id and a fingerprint of the text it showed. */
export const confirmPayload = z
  .string()
  .regex(/^\d{1,10}:[0-9a-f]{12}$/)
  .transform((s) => {
    const [id, hash] = s.split(':') as [string, string];
    return { id: Number(id), hash };
  });

const fingerprint = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 12);

async function load(ctx: Context, id: number): Promise<Comment> {
  const c = await ctx.services.comments.find(ctx.workspace.id, id);
  if (!c) throw new UserError(ctx.t(m).notFound({ id }));
  return c;
}

export const who = (ctx: Context) => ctx.member.name || ctx.identity.user.name || ctx.member.externalId;

/** The alert with its current state and the given notes, updating the original message. */
async function rerender(ctx: Context, id: number, extra: { notes?: string[] } = {}): Promise<Reply> {
  const fresh = await load(ctx, id);
  const view = await ctx.services.comments.describe(ctx.workspace, fresh, ctx.locale);
  return renderAlert({ ...view, ...extra, replaceOriginal: true });
}

/** The answer to an action: the review summary it was pressed in (re-rendered), or the alert. */
async function respond(ctx: Context, id: number, via: Via, extra: { notes?: string[] } = {}): Promise<Reply> {
  if (via === 'summary') {
    const summary = await ctx.services.comments.reviews.render(ctx.workspace, id, ctx.locale, extra.notes);
    if (summary) return summary;
  }
  return answer(await rerender(ctx, id, extra), via);
}

/** A closed alert changes no more: the answer says so (with the alert as it is) and nothing is done. */
async function refuseClosed(ctx: Context, c: Comment, via: Via): Promise<Reply | undefined> {
  if (isOpen(c)) return undefined;
  const t = ctx.t(m);
  const note = t.alreadyClosed({ status: c.status === 'ignored' ? t.ignored : t.handled });
  return respond(ctx, c.id, via, { notes: [note] });
}

/** `/alerts show N`: the alert as it is now, with its buttons while it is open. */
export async function show(ctx: Context, id: number): Promise<Reply> {
  await load(ctx, id);
  return answer(await rerender(ctx, id), 'command');
}

/**
 * "Not negative" / "Correct": stores the verdict (the latest press wins) for the workspace's
 * classifier. "Not negative" also closes the alert as a false alarm (ignored, so it never
 * escalates); "Correct" leaves it open. Every press is audited, as it rewrites the stored verdict.
 */
export async function judge(ctx: Context, id: number, label: FeedbackLabel, via: Via): Promise<Reply> {
  const c = await load(ctx, id);
  const closed = await refuseClosed(ctx, c, via);
  if (closed) return closed;
  const outcome = await ctx.services.comments.recordFeedback(ctx.workspace, c, label, who(ctx));
  if (label === 'not-negative') await ctx.services.comments.close(ctx.workspace.id, c.id, 'ignored', who(ctx));
  await ctx.services.audit.record(ctx, `alert.${label === 'negative' ? 'correct' : 'not-negative'}`, `comment:${id}`, {
    label,
    outcome,
  });
  return respond(ctx, id, via);
}

/** Closes an open alert (handled or ignored); on a closed one it shows who closed it and changes nothing. */
export async function close(ctx: Context, id: number, status: 'handled' | 'ignored', via: Via): Promise<Reply> {
  const c = await load(ctx, id);
  const closed = await refuseClosed(ctx, c, via);
  if (closed) return closed;
  // Someone may close it between the read and the update: the first close wins, the other is told.
  if (!(await ctx.services.comments.close(ctx.workspace.id, c.id, status, who(ctx)))) {
    return (await refuseClosed(ctx, await load(ctx, id), via)) ?? respond(ctx, id, via);
  }
  await ctx.services.audit.record(ctx, `alert.${status === 'handled' ? 'handle' : 'ignore'}`, `comment:${id}`);
  return respond(ctx, id, via);
}

/**
 * Assigns an open alert to the presser ("Assign to me") or to someone who may handle alerts
 * (`/alerts assign N @sara`); their time limit starts now (docs/alerts.md, "Assigned alerts").
 */
export async function assign(ctx: Context, id: number, to: string | undefined, via: Via): Promise<Reply> {
  const c = await load(ctx, id);
  const t = ctx.t(m);
  const self = to === undefined || to === ctx.member.externalId;
  const target = self ? ctx.member : await ctx.services.workspaces.member(ctx.workspace.id, to);
  const mayHandle = (x: NonNullable<typeof target>) =>
    ['admin', 'manager', 'social'].includes(x.role) || jobRolesOf(x).includes('social');
  if (!self && (!target || !mayHandle(target))) throw new UserError(t.notAssignable({ person: target?.name || to }));
  const closed = await refuseClosed(ctx, c, via);
  if (closed) return closed;
  const assignee = target ?? ctx.member;
  if (!(await ctx.services.comments.assign(ctx.workspace.id, c.id, assignee.externalId))) {
    return (await refuseClosed(ctx, await load(ctx, id), via)) ?? respond(ctx, id, via);
  }
  await ctx.services.audit.record(ctx, 'alert.assign', `comment:${id}`, { to: assignee.externalId });
  const when = formatWhen(ctx.now(), ctx.timezone, ctx.locale);
  const note = self
    ? alertMessages[ctx.locale].assignedAt({ who: who(ctx), when })
    : t.assignedBy({ who: who(ctx), to: assignee.name || assignee.externalId, when });
  return respond(ctx, id, via, { notes: [note] });
}

/** Drafts a reply in the comment's language and keeps it on the comment; nothing is posted. */
export async function draft(ctx: Context, id: number, via: Via): Promise<Reply> {
  const c = await load(ctx, id);
  const closed = await refuseClosed(ctx, c, via);
  if (closed) return closed;
  const d = await ctx.services.replyDrafter.draft(ctx.services.comments.draftRequest(ctx.workspace, c));
  // Kept on the comment, so Send reply and a re-render after a restart use the same text.
  await ctx.services.comments.keepDraft(ctx.workspace.id, c.id, d.text);
  await ctx.services.audit.record(ctx, 'alert.draft', `comment:${id}`, { source: d.source });
  const when = formatWhen(ctx.now(), ctx.timezone, ctx.locale);
  const notes = [alertMessages[ctx.locale].draftBy({ who: who(ctx), when })];
  if (d.fallback) notes.push(ctx.t(m).draftFallback);
  if (d.source === 'llm') notes.push(ctx.t(m).draftModel);
  return respond(ctx, id, via, { notes });
}

/**
 * `/alerts reply N [text]`: keeps the typed text as the draft (or takes the stored one) and shows
 * it with Send reply and Cancel. Nothing is posted until Send reply is pressed, and then only the
 * text that was shown (its fingerprint rides on the button).
 */
export async function confirmReply(ctx: Context, id: number, typed?: string, notes: string[] = []): Promise<Reply> {
  const c = await load(ctx, id);
  const t = ctx.t(m);
  // A reply already posted shows where it is; a closed alert takes no reply.
  if (c.repliedAt) return answer(await rerender(ctx, id), 'command');
  const closed = await refuseClosed(ctx, c, 'command');
  if (closed) return closed;
  // Said before anyone confirms a text that could not be posted anyway.
  const route = await replyRoute(ctx.services, ctx.workspace, c);
  if ('blocked' in route) throw new UserError(sendNote(ctx, id, c.provider, route.blocked) ?? '');
  if (typed !== undefined) await ctx.services.comments.keepDraft(ctx.workspace.id, c.id, typed);
  const draftText = typed ?? c.replyDraft ?? '';
  if (!draftText.trim()) throw new UserError(t.noText({ id }));
  const a = alertMessages[ctx.locale];
  return reply(
    t.confirmTitle({ id, author: c.author ?? a.unknownAuthor, platform: platformName(c.provider, ctx.locale) }),
    [
      context(`> ${truncate(c.text, 200).replace(/\n/g, '\n> ')}`),
      text(draftText),
      ...notes.map(context),
      context(t.confirmNote),
      actions([
        { id: 'alerts.confirm', label: t.confirmSend, payload: `${id}:${fingerprint(draftText)}`, style: 'primary' },
        { id: 'alerts.cancel', label: t.cancel, payload: String(id) },
      ]),
    ],
    { ...(ctx.locale === 'ar' ? { rtl: true } : {}) },
  );
}

/** The confirmation's Send reply: posts the text it showed, or shows the new draft when it changed. */
export async function confirmed(ctx: Context, p: { id: number; hash: string }): Promise<Reply> {
  const c = await load(ctx, p.id);
  const shown = c.replyDraft ?? '';
  if (!c.repliedAt && isOpen(c) && fingerprint(shown) !== p.hash) {
    const again = await confirmReply(ctx, p.id, undefined, [ctx.t(m).draftChanged]);
    return { ...again, replaceOriginal: true };
  }
  return send(ctx, p.id, shown);
}

/** The confirmation's Cancel: nothing is posted, the draft stays. */
export async function cancelled(ctx: Context, id: number): Promise<Reply> {
  await load(ctx, id);
  return reply(undefined, [text(ctx.t(m).cancelled({ id }))], { replaceOriginal: true });
}

/** Sends the stored draft, or `typed`, under the comment; re-renders the alert in place or explains why not. */
export async function send(ctx: Context, id: number, typed?: string): Promise<Reply> {
  const c = await load(ctx, id);
  // A closed alert takes no reply (a stale button, a form left open); a posted one shows where it is.
  const closed = c.repliedAt ? undefined : await refuseClosed(ctx, c, 'button');
  if (closed) return closed;
  const outcome = await sendCommentReply(ctx.services, ctx.workspace, c, who(ctx), typed);
  if (outcome.kind === 'sent') {
    await ctx.services.audit.record(ctx, 'alert.reply', `comment:${id}`, { replyId: outcome.comment.replyId });
  }
  if (outcome.kind === 'unknown') {
    await ctx.services.audit.record(ctx, 'alert.reply', `comment:${id}`, { outcome: 'unknown' });
  }
  const note = sendNote(ctx, id, c.provider, outcome);
  const r = await rerender(ctx, id, note ? { notes: [note] } : {});
  return outcome.kind === 'sent' ? { ...r, tone: 'success' } : r;
}

function sendNote(ctx: Context, id: number, provider: string, o: SendOutcome): string | undefined {
  const t = ctx.t(m);
  switch (o.kind) {
    case 'sent':
    case 'already':
      return undefined;
    case 'no-text':
      return t.noText({ id });
    case 'unsupported':
      return t.unsupported({ platform: platformName(o.provider, ctx.locale) });
    case 'not-connected':
      return t.notConnected({ provider: o.provider });
    case 'failed':
      return o.reauth ? t.failedReauth({ provider, reason: o.reason }) : t.failed({ reason: o.reason });
    case 'unknown':
      return t.unknown({ reason: o.reason });
  }
}

/** The command that sends `draft` (a command is the same in every language; quotes would end the value). */
const replyCommand = (id: number, draft: string) => `/alerts reply ${id} text:"${draft.replace(/"/g, "'")}"`;

/** Edit reply: a form prefilled with the draft; where forms cannot show, the command to type. */
export async function editForm(ctx: Context, id: number): Promise<Reply> {
  const c = await load(ctx, id);
  const t = ctx.t(m);
  const blocks = [text(t.editHow({ id }))];
  const current = c.repliedAt ? undefined : (c.replyDraft ?? undefined);
  const form: Form = {
    action: 'alerts.write',
    payload: String(id),
    title: t.formTitle,
    submit: t.formSubmit,
    fields: [
      {
        key: 'text',
        label: t.formField,
        multiline: true,
        maxLength: MAX_REPLY_CHARS,
        ...(current ? { value: current } : {}),
      },
    ],
    typed: replyCommand(id, current ?? '…'),
  };
  return reply(t.editTitle, blocks, { ephemeral: true, form, ...(ctx.locale === 'ar' ? { rtl: true } : {}) });
}
