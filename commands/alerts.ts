import { z } from 'zod';
import { action, defineCommand, sub } from '../src/core/command.js';
import type { Context } from '../src/core/context.js';
import { UserError } from '../src/core/errors.js';
import { defineMessages, iso } from '../src/core/i18n.js';
import { opt, required } from '../src/core/options.js';
import { type Form, fields, list, reply, text } from '../src/core/reply.js';
import { count } from '../src/lib/plural.js';
import {
  alertMessages,
  formatWhen,
  platformName,
  renderAlert,
  severityOf,
  truncate,
} from '../src/listening/alert-message.js';
import { MAX_REPLY_CHARS, type SendOutcome, sendCommentReply } from '../src/listening/comment-replies.js';
import type { Comment } from '../src/listening/comments.js';
import type { FeedbackLabel } from '../src/listening/sentiment/adapt.js';

const m = defineMessages(
  'alerts-command',
  {
    openTitle: (p: { n: number }) => `Open alerts (${p.n})`,
    none: 'No open alerts. Negative comments and questions waiting for a reply show up here.',
    item: (p: { id: number; platform: string; severity: string; author: string; text: string; when: string }) =>
      `#${p.id} ${p.platform} · ${p.severity} · ${p.author} · ${p.when}: "${p.text}"`,
    more: (p: { n: number }) => `…and ${p.n} more.`,
    configTitle: 'Alert settings',
    channel: 'Alerts channel',
    threshold: 'Alert when the score is at or below',
    limit: 'Escalate unhandled alerts after',
    escalate: 'Escalation channel',
    minutes: (p: { n: number }) => count(p.n, 'minute', 'en'),
    notSet: 'not set (the team channel)',
    saved: 'Alert settings saved.',
    howTo:
      'Change them with /alerts config channel:#social threshold:-0.5 limit:45 escalate:#managers. The score runs from -1 (very negative) to 1.',
    notFound: 'That alert does not exist in this workspace.',
    alreadyClosed: (p: { status: string }) => `This alert is already ${p.status}; nothing changed.`,
    handled: 'handled',
    ignored: 'ignored',
    editTitle: 'Edit the reply',
    editHow: (p: { id: number }) =>
      `Type the reply you want, and it is posted under the comment at once:\n/alerts reply ${p.id} text:"your reply"`,
    formTitle: 'Edit the reply',
    formField: 'Reply to post under the comment',
    formSubmit: 'Post reply',
    noText: (p: { id: number }) =>
      `There is no reply to send yet. Press Draft reply, or type /alerts reply ${p.id} text:"your reply".`,
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
    openTitle: (p) => `التنبيهات المفتوحة (${iso(p.n)})`,
    none: 'لا توجد تنبيهات مفتوحة. تظهر هنا التعليقات السلبية والأسئلة التي تنتظر ردًا.',
    item: (p) => `#${iso(p.id)} ${iso(p.platform)} · ${p.severity} · ${iso(p.author)} · ${iso(p.when)}: «${p.text}»`,
    more: (p) => `…و${iso(p.n)} أخرى.`,
    configTitle: 'إعدادات التنبيهات',
    channel: 'قناة التنبيهات',
    threshold: 'نبّه عندما تكون الدرجة عند أو أقل من',
    limit: 'تصعيد التنبيهات غير المعالجة بعد',
    escalate: 'قناة التصعيد',
    minutes: (p) => count(p.n, 'minute', 'ar'),
    notSet: 'غير محددة (قناة الفريق)',
    saved: 'تم حفظ إعدادات التنبيهات.',
    howTo:
      'غيّرها بالأمر /alerts config channel:#social threshold:-0.5 limit:45 escalate:#managers. الدرجة من -1 (سلبي جدًا) إلى 1.',
    notFound: 'هذا التنبيه غير موجود في مساحة العمل هذه.',
    alreadyClosed: (p) => `هذا التنبيه ${p.status} بالفعل؛ لم يتغير شيء.`,
    handled: 'تمت معالجته',
    ignored: 'متجاهَل',
    editTitle: 'تعديل الرد',
    editHow: (p) => `اكتب الرد الذي تريده وسيُنشر تحت التعليق فورًا:\n${iso(`/alerts reply ${p.id} text:"…"`)}`,
    formTitle: 'تعديل الرد',
    formField: 'الرد الذي يُنشر تحت التعليق',
    formSubmit: 'انشر الرد',
    noText: (p) => `لا يوجد رد لإرساله بعد. اضغط «اقترح ردًا» أو اكتب ${iso(`/alerts reply ${p.id} text:"…"`)}.`,
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

const LIST_LIMIT = 20;

/**
 * Button payloads carry the comment id; it must belong to the presser's workspace. A button of a
 * review summary carries "N.s": the action is the same, and the summary is re-rendered in place
 * (with every comment's state) instead of being replaced by one alert.
 */
const commentId = z
  .string()
  .regex(/^\d{1,10}(\.s)?$/)
  .transform((p) => ({ id: Number.parseInt(p, 10), summary: p.endsWith('.s') }));
type Ref = z.output<typeof commentId>;

async function load(ctx: Context, id: number): Promise<Comment> {
  const c = await ctx.services.comments.find(ctx.workspace.id, id);
  if (!c) throw new UserError(ctx.t(m).notFound);
  return c;
}

const who = (ctx: Context) => ctx.member.name || ctx.identity.user.name || ctx.member.externalId;

/** Re-renders the alert (or the review summary it is in) in place with its new state and the given notes. */
async function rerender(ctx: Context, id: number, extra: { notes?: string[] } = {}, summary = false) {
  if (summary) {
    const r = await ctx.services.comments.reviews.render(ctx.workspace, id, ctx.locale, extra.notes);
    if (r) return r;
  }
  const fresh = await load(ctx, id);
  const view = ctx.services.comments.view(ctx.workspace, fresh, ctx.locale);
  const feedback = await ctx.services.comments.feedbackOf(ctx.workspace, id);
  return renderAlert({ ...view, feedback, ...extra, replaceOriginal: true });
}

/**
 * "Not negative" / "Correct": stores the verdict (the latest press wins) for the workspace's
 * classifier. "Not negative" also closes the alert as a false alarm (ignored, so it never
 * escalates); "Correct" leaves it open. Every press is audited, as it rewrites the stored verdict.
 */
async function judge(ctx: Context, id: number, label: FeedbackLabel, summary = false) {
  const c = await load(ctx, id);
  const outcome = await ctx.services.comments.recordFeedback(ctx.workspace, c, label, who(ctx));
  if (label === 'not-negative') await ctx.services.comments.close(ctx.workspace.id, c.id, 'ignored', who(ctx));
  await ctx.services.audit.record(ctx, `alert.${label === 'negative' ? 'correct' : 'not-negative'}`, `comment:${id}`, {
    label,
    outcome,
  });
  return rerender(ctx, id, {}, summary);
}

/** Closes an open alert (handled or ignored); a second press shows who closed it and changes nothing. */
async function close(ctx: Context, id: number, status: 'handled' | 'ignored', summary = false) {
  const c = await load(ctx, id);
  if (!(await ctx.services.comments.close(ctx.workspace.id, c.id, status, who(ctx)))) {
    const t = ctx.t(m);
    const notes = [t.alreadyClosed({ status: c.status === 'ignored' ? t.ignored : t.handled })];
    return rerender(ctx, id, { notes }, summary);
  }
  await ctx.services.audit.record(ctx, `alert.${status === 'handled' ? 'handle' : 'ignore'}`, `comment:${id}`);
  return rerender(ctx, id, {}, summary);
}

const ACT: readonly ['manager', 'social'] = ['manager', 'social'];

/** The command that sends `draft` (a command is the same in every language; quotes would end the value). */
const replyCommand = (id: number, draft: string) => `/alerts reply ${id} text:"${draft.replace(/"/g, "'")}"`;

/** Sends the stored draft, or `typed`, under the comment; re-renders the alert or explains why not. */
async function send(ctx: Context, id: number, typed?: string, inPlace = false, summary = false) {
  const c = await load(ctx, id);
  const s = ctx.services;
  const outcome = await sendCommentReply(s, ctx.workspace, c, who(ctx), typed);
  if (outcome.kind === 'sent') {
    await ctx.services.audit.record(ctx, 'alert.reply', `comment:${id}`, { replyId: outcome.comment.replyId });
  }
  if (outcome.kind === 'unknown') {
    await ctx.services.audit.record(ctx, 'alert.reply', `comment:${id}`, { outcome: 'unknown' });
  }
  const note = sendNote(ctx, id, c.provider, outcome);
  // A typed reply comes from a command, not from the alert's buttons: answer it in its own message.
  const r = await rerender(ctx, id, note ? { notes: [note] } : {}, summary && typed === undefined);
  if (typed === undefined || inPlace) return r;
  return { ...r, replaceOriginal: false, ...(outcome.kind === 'sent' ? { tone: 'success' as const } : {}) };
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
      return t.unsupported({ platform: platformName(o.provider) });
    case 'not-connected':
      return t.notConnected({ provider: o.provider });
    case 'failed':
      return o.reauth ? t.failedReauth({ provider, reason: o.reason }) : t.failed({ reason: o.reason });
    case 'unknown':
      return t.unknown({ reason: o.reason });
  }
}

export default defineCommand({
  name: 'alerts',
  description: {
    en: 'Negative-comment alerts: list open ones, settings',
    ar: 'تنبيهات التعليقات السلبية: المفتوحة والإعدادات',
  },
  defaultSubcommand: 'list',
  subcommands: {
    list: sub({
      description: { en: 'List open alerts', ar: 'عرض التنبيهات المفتوحة' },
      options: {},
      async handler(_input, ctx) {
        const t = ctx.t(m);
        const a = alertMessages[ctx.locale];
        const { open, total } = await ctx.services.comments.openAlerts(ctx.workspace.id, LIST_LIMIT);
        if (open.length === 0) return reply(undefined, [text(t.none)]);
        const items = open.map((c) =>
          t.item({
            id: c.id,
            platform: platformName(c.provider),
            severity: a[severityOf(c)],
            author: c.author ?? a.unknownAuthor,
            text: truncate(c.text.replace(/\s+/g, ' '), 80),
            when: formatWhen(c.alertedAt ?? c.createdAt, ctx.timezone, ctx.locale),
          }),
        );
        const blocks = [list(items)];
        if (total > open.length) blocks.push(text(t.more({ n: total - open.length })));
        return reply(t.openTitle({ n: total }), blocks);
      },
    }),
    reply: sub({
      description: {
        en: "Post a reply under an alert's comment (your text, or the draft)",
        ar: 'انشر ردًا تحت تعليق التنبيه (نصك أو المسودة)',
      },
      allow: ACT,
      slow: true,
      examples: ['reply 12 text:"Sorry about that, we sent you a message."', 'reply 12'],
      options: {
        id: required(
          opt.integer({
            label: { en: 'Alert number', ar: 'رقم التنبيه' },
            description: { en: 'The # shown in /alerts', ar: 'الرقم # الظاهر في /alerts' },
            positional: true,
            min: 1,
          }),
        ),
        text: opt.text({
          label: { en: 'Reply', ar: 'الرد' },
          description: {
            en: 'What to post under the comment (default: the drafted reply)',
            ar: 'ما يُنشر تحت التعليق (الافتراضي: الرد المقترح)',
          },
          positional: true,
          greedy: true,
          maxLength: MAX_REPLY_CHARS,
        }),
      },
      handler: (input, ctx) => send(ctx, input.id, input.text),
    }),
    config: sub({
      description: { en: 'Show or set alert channel, threshold, limit', ar: 'عرض أو ضبط قناة التنبيهات والحد والمهلة' },
      allow: ['manager'],
      examples: ['config', 'config channel:#social threshold:-0.5', 'config limit:45 escalate:#managers'],
      options: {
        channel: opt.channel({
          label: { en: 'Alerts channel', ar: 'قناة التنبيهات' },
          description: { en: 'Where alerts are posted', ar: 'القناة التي تُنشر فيها التنبيهات' },
        }),
        threshold: opt.number({
          label: { en: 'Threshold', ar: 'الحد' },
          description: {
            en: 'Alert at or below this score, -1 to 0 (default 0: every negative comment)',
            ar: 'نبّه عند هذه الدرجة أو أقل، من -1 إلى 0 (الافتراضي 0: كل تعليق سلبي)',
          },
          min: -1,
          max: 0,
        }),
        limit: opt.integer({
          label: { en: 'Escalation limit (minutes)', ar: 'مهلة التصعيد (بالدقائق)' },
          description: {
            en: 'Escalate if nobody acts within this many minutes',
            ar: 'صعّد إن لم يتصرف أحد خلال هذه الدقائق',
          },
          min: 1,
          max: 10080,
        }),
        escalate: opt.channel({
          label: { en: 'Escalation channel', ar: 'قناة التصعيد' },
          description: { en: 'Channel or person for escalations', ar: 'القناة أو الشخص الذي يتلقى التصعيد' },
        }),
      },
      async handler(input, ctx) {
        const t = ctx.t(m);
        const data = {
          ...(input.channel === undefined ? {} : { alertChannel: input.channel }),
          ...(input.threshold === undefined ? {} : { alertThreshold: input.threshold }),
          ...(input.limit === undefined ? {} : { escalationMinutes: input.limit }),
          ...(input.escalate === undefined ? {} : { escalationChannel: input.escalate }),
        };
        let w = ctx.workspace;
        const changed = Object.keys(data).length > 0;
        if (changed) {
          w = await ctx.services.workspaces.update(w.id, data);
          const from = Object.fromEntries(Object.keys(data).map((k) => [k, ctx.workspace[k as keyof typeof data]]));
          await ctx.services.audit.record(ctx, 'config.set', 'alerts', { from, to: data });
        }
        const blocks = [
          fields([
            { label: t.channel, value: w.alertChannel ? iso(w.alertChannel) : t.notSet },
            { label: t.threshold, value: iso(w.alertThreshold) },
            { label: t.limit, value: t.minutes({ n: w.escalationMinutes }) },
            { label: t.escalate, value: w.escalationChannel ? iso(w.escalationChannel) : t.notSet },
          ]),
        ];
        if (changed) blocks.unshift(text(t.saved));
        else blocks.push(text(t.howTo));
        return reply(t.configTitle, blocks, changed ? { tone: 'success' } : {});
      },
    }),
  },
  actions: {
    handle: action({ payload: commentId, allow: ACT, handler: (p, ctx) => close(ctx, p.id, 'handled', p.summary) }),
    ignore: action({ payload: commentId, allow: ACT, handler: (p, ctx) => close(ctx, p.id, 'ignored', p.summary) }),
    notnegative: action({
      payload: commentId,
      allow: ACT,
      handler: (p, ctx) => judge(ctx, p.id, 'not-negative', p.summary),
    }),
    correct: action({ payload: commentId, allow: ACT, handler: (p, ctx) => judge(ctx, p.id, 'negative', p.summary) }),
    assign: action({
      payload: commentId,
      allow: ACT,
      async handler({ id, summary }: Ref, ctx) {
        const c = await load(ctx, id);
        await ctx.services.comments.assign(ctx.workspace.id, c.id, who(ctx));
        await ctx.services.audit.record(ctx, 'alert.assign', `comment:${id}`);
        const when = formatWhen(ctx.now(), ctx.timezone, ctx.locale);
        return rerender(ctx, id, { notes: [alertMessages[ctx.locale].assignedAt({ who: who(ctx), when })] }, summary);
      },
    }),
    draft: action({
      payload: commentId,
      allow: ACT,
      async handler({ id, summary }: Ref, ctx) {
        const c = await load(ctx, id);
        const d = await ctx.services.replyDrafter.draft(ctx.services.comments.draftRequest(ctx.workspace, c));
        // Kept on the comment, so Send reply and a re-render after a restart use the same text.
        await ctx.services.comments.keepDraft(ctx.workspace.id, c.id, d.text);
        await ctx.services.audit.record(ctx, 'alert.draft', `comment:${id}`, { source: d.source });
        const when = formatWhen(ctx.now(), ctx.timezone, ctx.locale);
        const notes = [alertMessages[ctx.locale].draftBy({ who: who(ctx), when })];
        if (d.fallback) notes.push(ctx.t(m).draftFallback);
        if (d.source === 'llm') notes.push(ctx.t(m).draftModel);
        return rerender(ctx, id, { notes }, summary);
      },
    }),
    send: action({ payload: commentId, allow: ACT, handler: (p, ctx) => send(ctx, p.id, undefined, false, p.summary) }),
    edit: action({
      payload: commentId,
      allow: ACT,
      async handler({ id }: Ref, ctx) {
        const c = await load(ctx, id);
        const t = ctx.t(m);
        // The form's fields and command stand in for the form where it cannot be shown.
        const blocks = [text(t.editHow({ id }))];
        const draft = c.repliedAt ? undefined : (c.replyDraft ?? undefined);
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
              ...(draft ? { value: draft } : {}),
            },
          ],
          typed: replyCommand(id, draft ?? '…'),
        };
        return reply(t.editTitle, blocks, { ephemeral: true, form, ...(ctx.locale === 'ar' ? { rtl: true } : {}) });
      },
    }),
    /** Receives the Edit reply form: posts the edited text and re-renders the alert in place. */
    write: action({
      payload: commentId,
      fields: z.object({ text: z.string().trim().min(1).max(MAX_REPLY_CHARS) }),
      allow: ACT,
      handler: (p, ctx, values) => send(ctx, p.id, values.text, true),
    }),
  },
});
