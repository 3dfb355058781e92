/**
 * /home (and Slack's App Home tab): the team's fortnight at a glance. The calendar of this week and next, the posts
 * waiting for approval with Approve and Reject, the open alerts with Handled and Assign to me, and
 * the health of each connected account. The buttons are the very actions of /schedule and /alerts
 * (schedule.approve, schedule.reject, alerts.handle, alerts.assign), so they check and do the same.
 */
import type { Comment, Integration, ScheduledPost } from '@prisma/client';
import { defineMessages, iso, isoIn, type Locale } from '../../core/i18n.js';
import type { Viewer } from '../../core/identity.js';
import { type Action, actions, type Block, context, list, type Reply, reply, text } from '../../core/reply.js';

import { localTime } from '../../lib/when.js';
import { channelLabel } from '../../reporting/channel-names.js';
import { statusDetail } from '../../workspace/integrations.js';
import { preview } from '../dispatcher.js';
import { channelName } from '../schedule-view.js';
import type { CalendarGrid } from './picture.js';
import { calendarBlocks, calendarTitle } from './view.js';

/** Items each list shows; the rest are counted and pointed to. */
export const HOME_ITEMS = 5;

const m = defineMessages(
  'home',
  {
    title: 'Home',
    approvals: (p: { n: string }) => `Waiting for approval (${p.n})`,
    noApprovals: 'No post is waiting for approval.',
    moreApprovals: (p: { n: string }) => `And ${p.n} more: /schedule list shows them all.`,
    approve: (p: { id: number }) => `Approve #${p.id}`,
    reject: (p: { id: number }) => `Reject #${p.id}`,
    alerts: (p: { n: string }) => `Open alerts (${p.n})`,
    noAlerts: 'No open alerts.',
    moreAlerts: (p: { n: string }) => `And ${p.n} more: /alerts lists them all.`,
    handle: (p: { id: number }) => `Handled #${p.id}`,
    assign: (p: { id: number }) => `Assign #${p.id} to me`,
    someone: 'someone',
    connections: 'Connections',
    noConnections: 'No account is connected yet: /connect instagram account:ID token:TOKEN (admins).',
    ok: 'working',
    reauth: 'needs reconnecting (/connect)',
    error: 'error',
  },
  {
    title: 'الرئيسية',
    approvals: (p) => `بانتظار الموافقة (${p.n})`,
    noApprovals: 'لا منشور بانتظار الموافقة.',
    moreApprovals: (p) => `و${p.n} غيرها: يعرضها كلها الأمر /schedule list.`,
    approve: (p) => `موافقة #${iso(p.id)}`,
    reject: (p) => `رفض #${iso(p.id)}`,
    alerts: (p) => `التنبيهات المفتوحة (${p.n})`,
    noAlerts: 'لا تنبيهات مفتوحة.',
    moreAlerts: (p) => `و${p.n} غيرها: يعرضها كلها الأمر /alerts.`,
    handle: (p) => `تمت معالجة #${iso(p.id)}`,
    assign: (p) => `أسند #${iso(p.id)} إليّ`,
    someone: 'شخص ما',
    connections: 'الحسابات المربوطة',
    noConnections: `لا حساب مربوطًا بعد: ${iso('/connect instagram account:ID token:TOKEN')} (للمسؤولين).`,
    ok: 'يعمل',
    reauth: 'يحتاج إلى إعادة الربط (/connect)',
    error: 'خطأ',
  },
);

export interface HomeData {
  week: CalendarGrid;
  approvals: { posts: ScheduledPost[]; total: number };
  alerts: { open: Comment[]; total: number };
  integrations: Integration[];
}

/** `picture`: the calendar as an image (Slack, Discord); the console and the Slack Home tab get its table. */
export function homeReply(d: HomeData, v: Viewer, picture: boolean): Reply {
  const t = v.t(m);
  const n = (x: number) => isoIn(String(x), v.locale);
  const blocks: Block[] = [text(calendarTitle(d.week, v)), ...calendarBlocks(d.week, v, picture, false)];

  blocks.push(text(t.approvals({ n: n(d.approvals.total) })));
  if (d.approvals.posts.length === 0) blocks.push(context(t.noApprovals));
  else {
    blocks.push(
      list(
        d.approvals.posts.map(
          (p) =>
            `${iso(`#${p.id}`)} ${channelName(p.channel, v)} · ${localTime(p.publishAt, v.timezone, v.locale)} · ${preview(p.content || p.title || '', 60)}`,
        ),
      ),
      actions(
        d.approvals.posts.flatMap((p): Action[] => [
          { id: 'schedule.approve', label: t.approve({ id: p.id }), payload: String(p.id), style: 'primary' },
          { id: 'schedule.reject', label: t.reject({ id: p.id }), payload: String(p.id), style: 'danger' },
        ]),
      ),
    );
    if (d.approvals.total > d.approvals.posts.length)
      blocks.push(context(t.moreApprovals({ n: n(d.approvals.total - d.approvals.posts.length) })));
  }

  blocks.push(text(t.alerts({ n: n(d.alerts.total) })));
  if (d.alerts.open.length === 0) blocks.push(context(t.noAlerts));
  else {
    blocks.push(
      list(
        d.alerts.open.map(
          (c) =>
            `${iso(`#${c.id}`)} ${isoIn(channelLabel(c.provider, v.locale), v.locale)} · ${c.author ? iso(c.author) : t.someone} · ${quoted(preview(c.text, 80), v.locale)}`,
        ),
      ),
      actions(
        d.alerts.open.flatMap((c): Action[] => [
          { id: 'alerts.handle', label: t.handle({ id: c.id }), payload: String(c.id), style: 'primary' },
          { id: 'alerts.assign', label: t.assign({ id: c.id }), payload: String(c.id) },
        ]),
      ),
    );
    if (d.alerts.total > d.alerts.open.length)
      blocks.push(context(t.moreAlerts({ n: n(d.alerts.total - d.alerts.open.length) })));
  }

  blocks.push(text(t.connections));
  if (d.integrations.length === 0) blocks.push(context(t.noConnections));
  else {
    const health = (s: string) => (s === 'ok' ? t.ok : s === 'reauth' ? t.reauth : t.error);
    blocks.push(
      list(
        d.integrations.map(
          (i) =>
            `${isoIn(channelLabel(i.provider, v.locale), v.locale)} ${iso(i.accountId)}: ${health(i.status)}${i.status !== 'ok' && i.statusMessage ? ` · ${preview(statusDetail(i, v), 160)}` : ''}`,
        ),
      ),
    );
  }
  return reply(t.title, blocks, { rtl: v.locale === 'ar' });
}

/** A commenter's words, quoted as each language quotes (they are theirs, in their language). */
const quoted = (words: string, locale: Locale) => (locale === 'ar' ? `«${words}»` : `"${words}"`);
