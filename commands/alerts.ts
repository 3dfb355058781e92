import type { Comment } from '@prisma/client';
import { z } from 'zod';
import { action, defineCommand, sub } from '../src/core/command.js';
import type { Context } from '../src/core/context.js';
import { UserError } from '../src/core/errors.js';
import { defineMessages, iso } from '../src/core/i18n.js';
import { opt } from '../src/core/options.js';
import { fields, list, reply, text } from '../src/core/reply.js';
import {
  alertMessages,
  formatWhen,
  platformName,
  renderAlert,
  severityOf,
  truncate,
} from '../src/services/alert-message.js';

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
    minutes: (p: { n: number }) => `${p.n} minutes`,
    notSet: 'not set (the team channel)',
    saved: 'Alert settings saved.',
    howTo:
      'Change them with /alerts config channel:#social threshold:-0.5 limit:45 escalate:#managers. The score runs from -1 (very negative) to 1.',
    notFound: 'That alert does not exist in this workspace.',
    alreadyClosed: (p: { status: string }) => `This alert is already ${p.status}; nothing changed.`,
    handled: 'handled',
    ignored: 'ignored',
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
    minutes: (p) => `${iso(p.n)} دقيقة`,
    notSet: 'غير محددة (قناة الفريق)',
    saved: 'تم حفظ إعدادات التنبيهات.',
    howTo:
      'غيّرها بالأمر /alerts config channel:#social threshold:-0.5 limit:45 escalate:#managers. الدرجة من -1 (سلبي جدًا) إلى 1.',
    notFound: 'هذا التنبيه غير موجود في مساحة العمل هذه.',
    alreadyClosed: (p) => `هذا التنبيه ${p.status} بالفعل؛ لم يتغير شيء.`,
    handled: 'تمت معالجته',
    ignored: 'متجاهَل',
  },
);

const OPEN = ['new', 'escalated'];
const LIST_LIMIT = 20;

/** Button payloads carry the comment id; it must belong to the presser's workspace. */
const commentId = z
  .string()
  .regex(/^\d{1,10}$/)
  .transform(Number);

async function load(ctx: Context, id: number): Promise<Comment> {
  const c = await ctx.services.db.comment.findFirst({ where: { id, workspaceId: ctx.workspace.id } });
  if (!c) throw new UserError(ctx.t(m).notFound);
  return c;
}

const who = (ctx: Context) => ctx.member.name || ctx.identity.user.name || ctx.member.externalId;

/** Re-renders the alert in place with its new state and the given notes. */
async function rerender(ctx: Context, id: number, extra: { notes?: string[]; draft?: string } = {}) {
  const fresh = await load(ctx, id);
  const view = ctx.services.comments.view(ctx.workspace, fresh, ctx.locale);
  return renderAlert({ ...view, ...extra, replaceOriginal: true });
}

/** Closes an open alert (handled or ignored); a second press shows who closed it and changes nothing. */
async function close(ctx: Context, id: number, status: 'handled' | 'ignored') {
  const c = await load(ctx, id);
  const done = await ctx.services.db.comment.updateMany({
    where: { id: c.id, workspaceId: ctx.workspace.id, status: { in: OPEN } },
    data: { status, handledBy: who(ctx), handledAt: ctx.now() },
  });
  if (done.count === 0) {
    const t = ctx.t(m);
    return rerender(ctx, id, { notes: [t.alreadyClosed({ status: c.status === 'ignored' ? t.ignored : t.handled })] });
  }
  await ctx.services.audit.record(ctx, `alert.${status === 'handled' ? 'handle' : 'ignore'}`, `comment:${id}`);
  return rerender(ctx, id);
}

const ACT: readonly ['manager', 'social'] = ['manager', 'social'];

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
        const where = { workspaceId: ctx.workspace.id, status: { in: OPEN }, alertedAt: { not: null } };
        const [open, total] = await Promise.all([
          ctx.services.db.comment.findMany({ where, orderBy: { alertedAt: 'desc' }, take: LIST_LIMIT }),
          ctx.services.db.comment.count({ where }),
        ]);
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
            en: 'Alert at or below this score, -1 to 0 (default -0.3)',
            ar: 'نبّه عند هذه الدرجة أو أقل، من -1 إلى 0 (الافتراضي -0.3)',
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
    handle: action({ payload: commentId, allow: ACT, handler: (id, ctx) => close(ctx, id, 'handled') }),
    ignore: action({ payload: commentId, allow: ACT, handler: (id, ctx) => close(ctx, id, 'ignored') }),
    assign: action({
      payload: commentId,
      allow: ACT,
      async handler(id, ctx) {
        const c = await load(ctx, id);
        await ctx.services.db.comment.updateMany({
          where: { id: c.id, workspaceId: ctx.workspace.id, status: { in: OPEN } },
          data: { assignedTo: who(ctx) },
        });
        await ctx.services.audit.record(ctx, 'alert.assign', `comment:${id}`);
        const when = formatWhen(ctx.now(), ctx.timezone, ctx.locale);
        return rerender(ctx, id, { notes: [alertMessages[ctx.locale].assignedAt({ who: who(ctx), when })] });
      },
    }),
    draft: action({
      payload: commentId,
      allow: ACT,
      async handler(id, ctx) {
        const c = await load(ctx, id);
        const d = await ctx.services.replyDrafter.draft(ctx.services.comments.draftRequest(ctx.workspace, c));
        const when = formatWhen(ctx.now(), ctx.timezone, ctx.locale);
        return rerender(ctx, id, {
          notes: [alertMessages[ctx.locale].draftBy({ who: who(ctx), when })],
          draft: d.text,
        });
      },
    }),
  },
});
