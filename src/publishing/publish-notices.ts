/**
 * What the dispatcher tells the team channel (docs/architecture.md §5): a post published, failed,
 * of unknown outcome (with the buttons that resolve it) or overdue, in the workspace's language.
 */
import type { ScheduledPost, Workspace } from '@prisma/client';
import type { PublishError, PublishResult } from '../../integrations/publisher.js';
import { defineMessages, iso, type Locale } from '../core/i18n.js';
import { type Action, actions, context, fields, type Reply, reply, text } from '../core/reply.js';
import { dateText } from '../lib/when.js';
import { channelLabel } from '../reporting/channel-names.js';
import { reasonText, storedReason } from './failure-reason.js';

export const m = defineMessages(
  'dispatcher',
  {
    publishedTitle: (p: { channel: string }) => `Published on ${p.channel}`,
    publishedBody: (p: { id: number; preview: string }) => `Post #${p.id}: ${p.preview}`,
    scheduledThere: (p: { channel: string; time: string }) => `${p.channel} holds it and releases it at ${p.time}.`,
    late: (p: { minutes: number }) =>
      `It went out ${p.minutes} minutes late (the bot was not running at the due time).`,
    link: 'Link',
    noLink: 'The service did not return a link; check the account.',
    firstCommentMissing: (p: { detail: string }) =>
      `Published, but its first comment was not posted (${p.detail}): add it by hand on the post.`,
    reminderTitle: (p: { id: number }) => `Reminder: time to post #${p.id}`,
    reminderHow: 'Publish this by hand now. Nothing was posted automatically.',
    title: 'Title',
    media: 'Media',
    failedTitle: (p: { id: number; channel: string }) => `Post #${p.id} to ${p.channel} failed`,
    failedWhat: (p: { id: number }) =>
      `Nothing was published. Fix the cause, then press Retry (or /schedule retry ${p.id}); /schedule cancel ${p.id} dismisses it. It stays in /schedule list until then.`,
    retry: 'Retry',
    reauthTitle: (p: { name: string }) => `The ${p.name} connection needs to be renewed`,
    reauthWhat: (p: { provider: string; name: string }) =>
      `The token was refused. An admin should run /connect ${p.provider} with a fresh token; posts to ${p.name} fail until then.`,
    reason: 'Reason',
    notConnected: (p: { provider: string }) =>
      `${p.provider} is not connected. An admin can run /connect ${p.provider}.`,
    accountGone: (p: { provider: string; account: string }) =>
      `The ${p.provider} account ${p.account} this post was scheduled for is no longer connected, so nothing was published. An admin can connect it again (/connect ${p.provider} account:${p.account}), then schedule the post again.`,
    unknownTitle: (p: { id: number; channel: string }) => `Post #${p.id} to ${p.channel}: outcome unknown`,
    unknownWhat:
      'We could not confirm whether it was published, so it will NOT be sent again automatically. Check the account, then press one of the buttons (or /schedule resolve).',
    markPublished: 'It is published',
    publishAgain: 'It is not: publish again',
    overdueTitle: (p: { id: number; channel: string }) => `Post #${p.id} to ${p.channel} is overdue`,
    overdueDue: (p: { local: string; utc: string }) => `It was due at ${p.local} (${p.utc}) and has not gone out.`,
    overdueApproval: 'It is still waiting for a manager to approve it.',
    overdueRetrying: (p: { error: string; next: string }) =>
      `The last attempt failed. ${p.error} Next attempt at ${p.next}.`,
    overdueStuck: 'The dispatcher has not picked it up: check that the bot is running (npm start) and its logs.',
  },
  {
    publishedTitle: (p) => `نُشر على ${iso(p.channel)}`,
    publishedBody: (p) => `المنشور #${iso(p.id)}: ${p.preview}`,
    scheduledThere: (p) => `تحتفظ به ${iso(p.channel)} وتنشره في ${iso(p.time)}.`,
    late: (p) => `نُشر متأخرًا ${iso(p.minutes)} دقيقة (لم يكن البوت يعمل في الموعد).`,
    link: 'الرابط',
    noLink: 'لم تُرجع الخدمة رابطًا؛ تحقّق من الحساب.',
    firstCommentMissing: (p) => `نُشر المنشور، لكن تعليقه الأول لم يُنشر (${iso(p.detail)}): أضفه يدويًا على المنشور.`,
    reminderTitle: (p) => `تذكير: حان وقت نشر #${iso(p.id)}`,
    reminderHow: 'انشر هذا يدويًا الآن. لم يُنشر شيء تلقائيًا.',
    title: 'العنوان',
    media: 'الوسائط',
    failedTitle: (p) => `فشل نشر المنشور #${iso(p.id)} على ${iso(p.channel)}`,
    failedWhat: (p) =>
      `لم يُنشر شيء. أصلح السبب ثم اضغط «أعد المحاولة» (أو نفّذ ${iso(`/schedule retry ${p.id}`)})، أو استبعده بالأمر ${iso(`/schedule cancel ${p.id}`)}. يبقى ظاهرًا في /schedule list إلى ذلك الحين.`,
    retry: 'أعد المحاولة',
    reauthTitle: (p) => `يجب تجديد الاتصال بـ ${iso(p.name)}`,
    reauthWhat: (p) =>
      `رُفض الرمز. على المسؤول تشغيل /connect ${iso(p.provider)} برمز جديد؛ ستفشل المنشورات على ${iso(p.name)} حتى ذلك الحين.`,
    reason: 'السبب',
    notConnected: (p) => `${iso(p.provider)} غير متصل. يستطيع المسؤول تشغيل /connect ${iso(p.provider)}.`,
    accountGone: (p) =>
      `حساب ${iso(p.provider)} ${iso(p.account)} الذي جُدول له هذا المنشور لم يعد متصلًا، لذلك لم يُنشر شيء. يستطيع المسؤول ربطه من جديد (${iso(`/connect ${p.provider} account:${p.account}`)}) ثم جدولة المنشور مرة أخرى.`,
    unknownTitle: (p) => `المنشور #${iso(p.id)} على ${iso(p.channel)}: النتيجة غير معروفة`,
    unknownWhat:
      'لم نتمكن من التأكد من نشره، لذلك لن يُرسل مرة أخرى تلقائيًا. تحقّق من الحساب ثم اضغط أحد الزرين (أو /schedule resolve).',
    markPublished: 'نُشر بالفعل',
    publishAgain: 'لم يُنشر: أعد النشر',
    overdueTitle: (p) => `المنشور #${iso(p.id)} على ${iso(p.channel)} متأخر`,
    overdueDue: (p) => `كان موعده ${iso(p.local)} (${iso(p.utc)}) ولم يُنشر بعد.`,
    overdueApproval: 'ما زال ينتظر موافقة مدير.',
    overdueRetrying: (p) => `فشلت المحاولة الأخيرة. ${p.error} المحاولة التالية في ${iso(p.next)}.`,
    overdueStuck: 'لم يلتقطه المُرسِل: تأكد من أن البوت يعمل (npm start) وراجع سجلاته.',
  },
);

/** A moment as the workspace reads it, in its zone, named: "Fri 27 Nov 2026, 09:00 UTC+3 (Asia/Riyadh)". */
function zoned(at: Date, ws: Workspace): string {
  return `${dateText(at, ws.timezone, ws.locale as Locale, 'stamp')} (${ws.timezone})`;
}

/** Published: the link (or why there is none), when the network releases it, and how late it went out. */
export function publishedNotice(post: ScheduledPost & { workspace: Workspace }, r: PublishResult, now: Date): Reply {
  const ws = post.workspace;
  const locale: Locale = ws.locale === 'ar' ? 'ar' : 'en';
  const t = m[locale];
  const blocks = [text(t.publishedBody({ id: post.id, preview: preview(post.content || post.title || '') }))];
  blocks.push(r.url ? fields([{ label: t.link, value: r.url }]) : context(t.noLink));
  if (r.warning) blocks.push(context(t.firstCommentMissing({ detail: r.warning.detail })));
  if (post.publishAt.getTime() > now.getTime() + 60_000) {
    blocks.push(
      context(
        t.scheduledThere({
          channel: channelLabel(post.channel, locale),
          time: zoned(post.publishAt, ws),
        }),
      ),
    );
  }
  const lateMin = Math.floor((now.getTime() - post.publishAt.getTime()) / 60_000);
  if (lateMin >= 5) blocks.push(context(t.late({ minutes: lateMin })));
  return reply(t.publishedTitle({ channel: channelLabel(post.channel, locale) }), blocks, {
    tone: 'success',
    rtl: locale === 'ar',
  });
}

/**
 * A known failure: nothing was published; a refused token says who must reconnect. Retry puts the
 * post back in the queue once the cause is fixed (SchedulerService.retry).
 */
export function failedNotice(post: ScheduledPost & { workspace: Workspace }, e: PublishError, locale: Locale): Reply {
  const t = m[locale] ?? m.en;
  const retry = actions([retryAction(post.id, t.retry)]);
  if (e.reauth) {
    // The title and first line already say to reconnect: the reason adds the network's own words.
    const said = e.reason?.code === 'needsReconnect' ? { message: e.reason.detail ?? e.message, reason: undefined } : e;
    return reply(
      t.reauthTitle({ name: channelLabel(post.channel, locale) }),
      [
        text(t.reauthWhat({ provider: post.channel, name: channelLabel(post.channel, locale) })),
        fields([{ label: t.reason, value: reasonText(storedReason(said), locale) }]),
        context(t.failedWhat({ id: post.id })),
        retry,
      ],
      { tone: 'error', rtl: locale === 'ar' },
    );
  }
  return reply(
    t.failedTitle({ id: post.id, channel: channelLabel(post.channel, locale) }),
    [
      fields([{ label: t.reason, value: reasonText(storedReason(e), locale) }]),
      text(t.failedWhat({ id: post.id })),
      retry,
    ],
    { tone: 'error', rtl: locale === 'ar' },
  );
}

/** The Retry button of a failed post, in its notice and in /schedule list (commands/schedule.ts handles it). */
export function retryAction(id: number, label: string): Action {
  return { id: 'schedule.retry', label, payload: String(id), style: 'primary' };
}

/** The outcome is unknown: never re-sent by itself; a person checks and presses a button. `reason` is as stored (failure-reason). */
export function unknownNotice(post: ScheduledPost, reason: string, locale: Locale, extra?: string): Reply {
  const t = m[locale] ?? m.en;
  return reply(
    t.unknownTitle({ id: post.id, channel: channelLabel(post.channel, locale) }),
    [
      text(preview(post.content || post.title || '')),
      fields([{ label: t.reason, value: reasonText(reason, locale) }]),
      text(t.unknownWhat),
      ...(extra ? [context(extra)] : []),
      actions([
        { id: 'schedule.resolve', label: t.markPublished, payload: `${post.id}:published`, style: 'primary' },
        { id: 'schedule.resolve', label: t.publishAgain, payload: `${post.id}:retry`, style: 'danger' },
      ]),
    ],
    { tone: 'warning', rtl: locale === 'ar' },
  );
}

/** A post still waiting past its time, and why (approval, backing off, or no dispatcher running). */
export function overdueNotice(post: ScheduledPost & { workspace: Workspace }): Reply {
  const ws = post.workspace;
  const t = m[ws.locale as Locale] ?? m.en;
  const why =
    post.status === 'awaiting_approval'
      ? t.overdueApproval
      : post.nextAttemptAt && post.lastError
        ? t.overdueRetrying({
            error: reasonText(post.lastError, ws.locale as Locale),
            next: zoned(post.nextAttemptAt, ws),
          })
        : t.overdueStuck;
  return reply(
    t.overdueTitle({ id: post.id, channel: channelLabel(post.channel, ws.locale as Locale) }),
    [
      text(
        t.overdueDue({
          local: zoned(post.publishAt, ws),
          utc: `${dateText(post.publishAt, 'UTC', ws.locale as Locale, 'moment')} UTC`,
        }),
      ),
      text(why),
    ],
    { tone: 'warning', rtl: ws.locale === 'ar' },
  );
}

/** A post's text on one line, cut to `max` characters with an ellipsis. */
export function preview(s: string, max = 140): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return [...flat].length > max ? `${[...flat].slice(0, max - 1).join('')}…` : flat;
}
