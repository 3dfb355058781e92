/**
 * A job role's own weekly digest (`/digest subscribe seo [channel:#x]`): its part of the digest with
 * the few headline figures the role needs, addressed to the people who hold the role, posted in its
 * channel at the digest's time. Subscriptions live in Workspace.roleDigests as role -> channel id,
 * '' meaning the digest channel. The main digest then carries a one-line pointer instead of the part
 * (role-parts.ts), so nothing is read twice. Sent once per week and role: src/reporting/digest.ts.
 */
import { z } from 'zod';
import { defineMessages, formatNumber, iso, type Locale } from '../../core/i18n.js';
import { context, fields, list, type Reply, reply } from '../../core/reply.js';
import { arrow, formatChange, formatFigure, formatPercent } from '../../lib/format.js';
import { JOB_ROLES, type JobRole, membersWithJobRole } from '../../workspace/job-roles.js';
import { change, type KpiId, NA, unsubscribeRate } from '../kpi.js';
import { summaryRows } from '../report-view.js';
import type { ReportData } from '../reports.js';
import { type PartScope, partLines, roleName } from './role-parts.js';
import { socialPart } from './social-part.js';

const m = defineMessages(
  'role-digests',
  {
    title: (p: { role: string; range: string }) => `${p.role} weekly digest: ${p.range}`,
    forPeople: (p: { role: string; people: string }) => `For ${p.people} (${p.role}).`,
    nobody: (p: { role: string; key: string }) =>
      `Nobody has the ${p.role} job role yet: give it with /roles set @person job:${p.key}.`,
    unsubscribeRate: 'Unsubscribe rate',
    organicClicks: 'Organic search clicks',
    footer: (p: { key: string }) =>
      `Your part of the weekly digest, posted at the digest's time. Stop it with /digest unsubscribe ${p.key}: the part then returns to the main digest.`,
  },
  {
    title: (p) => `ملخص ${p.role} الأسبوعي: ${p.range}`,
    forPeople: (p) => `إلى ${iso(p.people)} (${p.role}).`,
    nobody: (p) => `لا أحد يحمل دور ${p.role} بعد: امنحه بالأمر /roles set @person job:${p.key}.`,
    unsubscribeRate: 'معدل إلغاء الاشتراك',
    organicClicks: 'نقرات البحث المجاني',
    footer: (p) =>
      `هذا جزؤكم من الملخص الأسبوعي، يُرسل في موعد الملخص. أوقفه بالأمر /digest unsubscribe ${p.key}، فيعود الجزء إلى الملخص الرئيسي.`,
  },
);

/** What Workspace.roleDigests holds: job role -> channel id, '' for the digest channel. */
const stored = z.record(z.string(), z.unknown());
const channelId = z.string().max(80);

/** The roles that asked for their own digest, in the digest's order; entries that do not parse are skipped. */
export function roleDigestsOf(ws: { roleDigests: unknown }): Map<JobRole, string> {
  const parsed = stored.safeParse(ws.roleDigests ?? {});
  const out = new Map<JobRole, string>();
  if (!parsed.success) return out;
  for (const role of JOB_ROLES) {
    const channel = channelId.safeParse(parsed.data[role]);
    if (channel.success) out.set(role, channel.data);
  }
  return out;
}

/** The Json to store for these subscriptions. */
export const storedRoleDigests = (subs: ReadonlyMap<JobRole, string>): Record<string, string> =>
  Object.fromEntries(JOB_ROLES.filter((r) => subs.has(r)).map((r) => [r, subs.get(r) as string]));

/** The headline figures each role reads first (those without a value this week are left out). */
const HEADLINE: Record<Exclude<JobRole, 'social'>, KpiId[]> = {
  content: ['engagement_rate', 'dwell_time', 'returning_rate'],
  automation: ['open_rate', 'click_rate'],
  seo: ['avg_position'],
};

type Field = { label: string; value: string };

function headline(role: Exclude<JobRole, 'social'>, d: ReportData, locale: Locale): Field[] {
  const t = m[locale];
  const moved = (now: number | typeof NA, before: number | typeof NA) => {
    const c = d.comparison === 'none' ? NA : change(now, before);
    return `${arrow(c)} ${formatChange(c, locale)}`;
  };
  const rows = summaryRows(d, locale);
  const out: Field[] = HEADLINE[role].flatMap((id) =>
    rows
      .filter((r) => r.id === id && r.now !== NA)
      .map((r) => ({
        label: r.name,
        value: `${formatFigure(r.kind, r.now, d.currency, locale)}  ${moved(r.now, r.before)}`,
      })),
  );
  if (role === 'automation' && d.totals.emailsDelivered > 0) {
    const now = unsubscribeRate(d.totals);
    out.push({
      label: t.unsubscribeRate,
      value: `${formatPercent(now, locale)}  ${moved(now, unsubscribeRate(d.previous))}`,
    });
  }
  if (role === 'seo') {
    const organic = d.channels.find((c) => c.name === 'organic-search');
    if (organic && organic.totals.clicks > 0) {
      out.unshift({
        label: t.organicClicks,
        value: `${formatNumber(organic.totals.clicks, locale)}  ${moved(organic.totals.clicks, organic.previous.clicks)}`,
      });
    }
  }
  return out;
}

/** One role's own weekly message. `d` is the digest's report of the same week (ReportService.build). */
export async function buildRoleDigest(role: JobRole, s: PartScope, d: ReportData, range: string): Promise<Reply> {
  const t = m[s.locale];
  const name = roleName(role, s.locale);
  const people = await membersWithJobRole(s.db, s.ws.id, role);
  const social = role === 'social' ? await socialPart(s.db, s.ws, s.week, s.previous, s.now, s.locale) : undefined;
  const figures = social ? social.fields : headline(role as Exclude<JobRole, 'social'>, d, s.locale);
  const lines = social ? social.lines : await partLines(role, s);
  const sep = s.locale === 'ar' ? '، ' : ', ';
  return reply(
    t.title({ role: name, range }),
    [
      context(
        people.length > 0
          ? t.forPeople({ role: name, people: people.map((p) => p.name).join(sep) })
          : t.nobody({ role: name, key: role }),
      ),
      ...(figures.length > 0 ? [fields(figures)] : []),
      list(lines),
      context(t.footer({ key: role })),
    ],
    { rtl: s.locale === 'ar', ...(people.length > 0 ? { mention: people } : {}) },
  );
}
