/**
 * Polling paused because a network's daily quota is spent (YouTube's `quotaExceeded`). The pause is
 * kept in the integration's status message, so `/connect status` shows it, a restart does not call
 * again before the reset, and the team is told once per pause, not once per poll.
 */
import type { Integration, Workspace } from '@prisma/client';
import { defineMessages, iso, type Locale } from '../core/i18n.js';
import { context, reply, text } from '../core/reply.js';
import { localTime } from '../lib/when.js';
import { channelLabel } from '../reporting/channel-names.js';

const MARK = 'comment reading resumes at ';

/** The status message of a paused integration: the network's words, then when reading resumes. */
export function pausedMessage(reason: string, resetsAt: Date): string {
  return `${reason}: the daily quota is used up; ${MARK}${resetsAt.toISOString()}`;
}

/** When a paused integration may be polled again; undefined when it is not paused. */
export function pausedUntil(integration: Pick<Integration, 'status' | 'statusMessage'>): Date | undefined {
  if (integration.status !== 'error' || !integration.statusMessage) return undefined;
  const at = integration.statusMessage.split(MARK)[1];
  const when = at ? new Date(at) : undefined;
  return when && !Number.isNaN(when.getTime()) ? when : undefined;
}

const m = defineMessages(
  'quota-pause',
  {
    title: (p: { network: string }) => `${p.network} comments are not being read until the daily quota resets`,
    what: (p: { network: string; when: string }) =>
      `Google's daily ${p.network} quota for this bot is used up, so new comments cannot be read or answered until it resets at midnight Pacific Time (${p.when}). Nothing is lost: comments written meanwhile are read and alerted then. Until then, check YouTube Studio for anything urgent.`,
    answer: (p: { code: string }) => `YouTube's answer: ${p.code}`,
    paused: (p: { when: string }) => `Comments are not read until the daily quota resets (${p.when}).`,
  },
  {
    title: (p) => `لن تُقرأ تعليقات ${p.network} حتى تتجدد الحصة اليومية`,
    what: (p) =>
      `نفدت حصة ${p.network} اليومية المتاحة لهذا البوت لدى Google، فلا يمكن قراءة التعليقات الجديدة أو الرد عليها حتى تتجدد عند منتصف الليل بتوقيت المحيط الهادئ (${p.when}). لن يضيع شيء: تُقرأ التعليقات المكتوبة في أثناء ذلك ويُنبَّه إليها عندئذ. وإلى ذلك الحين، راجع ${iso('YouTube Studio')} إن كنت تنتظر أمرًا عاجلًا.`,
    answer: (p) => `ردّ يوتيوب: ${iso(p.code)}`,
    paused: (p) => `لا تُقرأ التعليقات حتى تتجدد الحصة اليومية (${p.when}).`,
  },
);

/** A paused account's state as /connect status and /home show it; undefined when it is not paused. */
export function pauseDetail(
  integration: Pick<Integration, 'status' | 'statusMessage'>,
  zone: string,
  locale: Locale,
): string | undefined {
  const until = pausedUntil(integration);
  return until ? m[locale].paused({ when: localTime(until, zone, locale) }) : undefined;
}

/** The one notice of a pause, in the workspace's language, with the reset in its time zone. */
export function pauseNotice(workspace: Workspace, provider: string, resetsAt: Date) {
  const locale: Locale = workspace.locale === 'ar' ? 'ar' : 'en';
  const t = m[locale];
  const network = channelLabel(provider, locale);
  const when = localTime(resetsAt, workspace.timezone, locale);
  return reply(
    t.title({ network }),
    [text(t.what({ network, when })), context(t.answer({ code: '403 quotaExceeded' }))],
    {
      tone: 'warning',
      rtl: locale === 'ar',
    },
  );
}
