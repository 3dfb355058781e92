import { z } from 'zod';
import { action, defineCommand, sub } from '../src/core/command.js';
import { defineMessages, iso } from '../src/core/i18n.js';
import { opt, required } from '../src/core/options.js';
import { fields, list, reply, text } from '../src/core/reply.js';
import { count } from '../src/lib/plural.js';
import { alertMessages, formatWhen, platformName, severityOf, truncate } from '../src/listening/alert-message.js';
import { MAX_REPLY_CHARS } from '../src/listening/comment-replies.js';
import {
  assign,
  cancelled,
  close,
  commentId,
  confirmed,
  confirmPayload,
  confirmReply,
  draft,
  editForm,
  judge,
  send,
  show,
} from './shared/alert-actions.js';

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
    assigneeLimit: 'Escalate assigned alerts after',
    escalate: 'Escalation channel',
    minutes: (p: { n: number }) => count(p.n, 'minute', 'en'),
    notSet: 'not set (the team channel)',
    saved: 'Alert settings saved.',
    howTo:
      'Change them with /alerts config channel:#social threshold:-0.5 limit:45 escalate:#managers. The score runs from -1 (very negative) to 1.',
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
    assigneeLimit: 'تصعيد التنبيهات المُسندة بعد',
    escalate: 'قناة التصعيد',
    minutes: (p) => count(p.n, 'minute', 'ar'),
    notSet: 'غير محددة (قناة الفريق)',
    saved: 'تم حفظ إعدادات التنبيهات.',
    howTo:
      'غيّرها بالأمر /alerts config channel:#social threshold:-0.5 limit:45 escalate:#managers. الدرجة من -1 (سلبي جدًا) إلى 1.',
  },
);

const LIST_LIMIT = 20;

const ACT: readonly ['manager', 'social'] = ['manager', 'social'];

/** The alert number every `/alerts <verb> N` takes: the # shown in /alerts and on the alert. */
const alertNumber = () =>
  required(
    opt.integer({
      label: { en: 'Alert number', ar: 'رقم التنبيه' },
      description: { en: 'The # shown in /alerts', ar: 'الرقم # الظاهر في /alerts' },
      positional: true,
      min: 1,
    }),
  );

/** A sub-action that does to alert N what one of its buttons does. */
const byNumber = (
  en: string,
  ar: string,
  example: string,
  run: (id: number, ctx: Parameters<typeof show>[0]) => ReturnType<typeof show>,
) =>
  sub({
    description: { en, ar },
    allow: ACT,
    examples: [example],
    options: { id: alertNumber() },
    handler: (input, ctx) => run(input.id, ctx),
  });

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
            platform: platformName(c.provider, ctx.locale),
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
    show: sub({
      description: { en: 'Show one alert with its buttons', ar: 'عرض تنبيه واحد مع أزراره' },
      examples: ['show 12'],
      options: { id: alertNumber() },
      handler: (input, ctx) => show(ctx, input.id),
    }),
    handle: byNumber('Mark an alert handled', 'وسم التنبيه بأنه تمت معالجته', 'handle 12', (id, ctx) =>
      close(ctx, id, 'handled', 'command'),
    ),
    assign: sub({
      description: { en: 'Assign an alert to someone (you by default)', ar: 'إسناد تنبيه إلى شخص (إليك افتراضيًا)' },
      allow: ACT,
      examples: ['assign 12 @sara', 'assign 12'],
      options: {
        id: alertNumber(),
        person: opt.user({
          label: { en: 'Person', ar: 'الشخص' },
          description: { en: 'Who takes it, e.g. @sara (default: you)', ar: 'من يتولاه، مثل @sara (الافتراضي: أنت)' },
          positional: true,
        }),
      },
      handler: (input, ctx) => assign(ctx, input.id, input.person, 'command'),
    }),
    ignore: byNumber('Ignore an alert', 'تجاهل تنبيه', 'ignore 12', (id, ctx) => close(ctx, id, 'ignored', 'command')),
    'not-negative': byNumber(
      'Mark the comment not negative and close the alert',
      'وسم التعليق بأنه ليس سلبيًا وإغلاق التنبيه',
      'not-negative 12',
      (id, ctx) => judge(ctx, id, 'not-negative', 'command'),
    ),
    draft: sub({
      description: { en: 'Draft a reply to an alert (nothing is posted)', ar: 'اقتراح رد على تنبيه (لا يُنشر شيء)' },
      allow: ACT,
      slow: true,
      examples: ['draft 12'],
      options: { id: alertNumber() },
      handler: (input, ctx) => draft(ctx, input.id, 'command'),
    }),
    reply: sub({
      description: {
        en: "Reply under an alert's comment: shows it, posts on confirmation",
        ar: 'الرد تحت تعليق التنبيه: يعرضه ثم ينشره بعد التأكيد',
      },
      allow: ACT,
      examples: [
        {
          en: 'reply 12 text:"Sorry about that, we sent you a message."',
          ar: 'reply 12 text:"نعتذر عن ذلك، راسلناك على الخاص."',
        },
        'reply 12',
      ],
      options: {
        id: alertNumber(),
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
      handler: (input, ctx) => confirmReply(ctx, input.id, input.text),
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
            { label: t.assigneeLimit, value: t.minutes({ n: w.assigneeMinutes }) },
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
    handle: action({ payload: commentId, allow: ACT, handler: (p, ctx) => close(ctx, p.id, 'handled', p.via) }),
    ignore: action({ payload: commentId, allow: ACT, handler: (p, ctx) => close(ctx, p.id, 'ignored', p.via) }),
    notnegative: action({
      payload: commentId,
      allow: ACT,
      handler: (p, ctx) => judge(ctx, p.id, 'not-negative', p.via),
    }),
    correct: action({ payload: commentId, allow: ACT, handler: (p, ctx) => judge(ctx, p.id, 'negative', p.via) }),
    assign: action({ payload: commentId, allow: ACT, handler: (p, ctx) => assign(ctx, p.id, undefined, p.via) }),
    draft: action({ payload: commentId, allow: ACT, handler: (p, ctx) => draft(ctx, p.id, p.via) }),
    send: action({ payload: commentId, allow: ACT, handler: (p, ctx) => send(ctx, p.id) }),
    /** The confirmation of `/alerts reply N`: posts the text it showed. */
    confirm: action({ payload: confirmPayload, allow: ACT, handler: (p, ctx) => confirmed(ctx, p) }),
    cancel: action({ payload: commentId, allow: ACT, handler: (p, ctx) => cancelled(ctx, p.id) }),
    edit: action({ payload: commentId, allow: ACT, handler: (p, ctx) => editForm(ctx, p.id) }),
    /** Receives the Edit reply form: its submit button is the confirmation; posts and re-renders in place. */
    write: action({
      payload: commentId,
      fields: z.object({ text: z.string().trim().min(1).max(MAX_REPLY_CHARS) }),
      allow: ACT,
      handler: (p, ctx, values) => send(ctx, p.id, values.text),
    }),
  },
});
