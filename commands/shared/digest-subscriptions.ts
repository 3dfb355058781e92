/**
 * `/digest subscribe ROLE [channel:#x]`, `/digest unsubscribe ROLE`, `/digest subscriptions`: which
 * job roles get their own weekly message, and where (Workspace.roleDigests; src/reporting/analysis/
 * role-digests.ts builds the message, src/reporting/digest.ts sends it once a week).
 */
import { sub } from '../../src/core/command.js';
import type { Context } from '../../src/core/context.js';
import { defineMessages, iso } from '../../src/core/i18n.js';
import { opt, required } from '../../src/core/options.js';
import { list, reply, text } from '../../src/core/reply.js';
import { roleDigestsOf, storedRoleDigests } from '../../src/reporting/analysis/role-digests.js';
import { roleName } from '../../src/reporting/analysis/role-parts.js';
import { JOB_ROLES, type JobRole, jobRolesOf } from '../../src/workspace/job-roles.js';

const m = defineMessages(
  'digest-subscriptions',
  {
    subscribed: (p: { role: string; where: string; key: string }) =>
      `The ${p.role} part of the digest is now sent as its own weekly message ${p.where}, at the digest's time; the main digest points to it instead of repeating it. Stop it with /digest unsubscribe ${p.key}.`,
    unchanged: (p: { role: string; where: string }) =>
      `The ${p.role} part is already sent as its own weekly message ${p.where}; nothing changed.`,
    unsubscribed: (p: { role: string }) =>
      `The ${p.role} part is back in the main digest; it is no longer sent as a message of its own.`,
    notSubscribed: (p: { role: string; key: string }) =>
      `The ${p.role} part has no message of its own; nothing changed. Give it one with /digest subscribe ${p.key}.`,
    title: 'Job roles with their own weekly digest',
    line: (p: { key: string; role: string; where: string; people: string }) =>
      `${p.key} (${p.role}): ${p.where}, for ${p.people}`,
    lineNobody: (p: { key: string; role: string; where: string }) =>
      `${p.key} (${p.role}): ${p.where}; nobody holds this job role yet (/roles set @person ${p.key})`,
    none: 'No job role has its own weekly digest: each reads its part in the main digest. A manager can start one with /digest subscribe seo channel:#seo-team.',
    inDigest: 'in the digest channel',
    inChannel: (p: { channel: string }) => `in ${p.channel}`,
  },
  {
    subscribed: (p) =>
      `أصبح جزء ${p.role} من الملخص يُرسل في رسالة أسبوعية مستقلة ${p.where}، في موعد الملخص، ويشير إليه الملخص الرئيسي بدل تكراره. أوقفه بالأمر /digest unsubscribe ${p.key}.`,
    unchanged: (p) => `جزء ${p.role} يُرسل أصلًا في رسالة أسبوعية مستقلة ${p.where}؛ لم يتغير شيء.`,
    unsubscribed: (p) => `عاد جزء ${p.role} إلى الملخص الرئيسي، ولم يعد يُرسل في رسالة مستقلة.`,
    notSubscribed: (p) =>
      `ليس لجزء ${p.role} رسالة مستقلة؛ لم يتغير شيء. اجعله يُرسل مستقلًا بالأمر /digest subscribe ${p.key}.`,
    title: 'أدوار العمل التي لها ملخص أسبوعي خاص',
    line: (p) => `${p.key} (${p.role}): ${p.where}، إلى ${iso(p.people)}`,
    lineNobody: (p) =>
      `${p.key} (${p.role}): ${p.where}؛ ولا أحد يحمل هذا الدور بعد (${iso(`/roles set @person ${p.key}`)})`,
    none: 'ليس لأي دور عمل ملخص أسبوعي خاص: يقرأ كل دور جزأه في الملخص الرئيسي. يستطيع المدير بدء ملخص خاص بالأمر /digest subscribe seo channel:#seo-team.',
    inDigest: 'في قناة الملخص',
    inChannel: (p) => `في ${iso(p.channel)}`,
  },
);

const roleOption = required(
  opt.choice(JOB_ROLES, {
    label: { en: 'Job role', ar: 'دور العمل' },
    description: { en: 'seo, content, social or automation', ar: 'seo أو content أو social أو automation' },
    positional: true,
  }),
);

/** Where a subscription posts, as a reader sees it. */
const where = (ctx: Context, channel: string) =>
  channel === '' ? ctx.t(m).inDigest : ctx.t(m).inChannel({ channel: `#${channel}` });

const name = (ctx: Context, role: JobRole) => roleName(role, ctx.locale);

async function save(ctx: Context, role: JobRole, from: string | undefined, subs: Map<JobRole, string>) {
  await ctx.services.workspaces.update(ctx.workspace.id, { roleDigests: storedRoleDigests(subs) });
  await ctx.services.audit.record(ctx, 'config.set', `roleDigest.${role}`, {
    from: from ?? null,
    to: subs.get(role) ?? null,
  });
}

export const subscribeSub = sub({
  description: {
    en: 'Give a job role its own weekly digest, in its channel',
    ar: 'إعطاء دور عمل ملخصًا أسبوعيًا خاصًا في قناته',
  },
  allow: ['manager'],
  examples: ['subscribe seo', 'subscribe social channel:#social-team'],
  options: {
    role: roleOption,
    channel: opt.channel({
      label: { en: 'Channel', ar: 'القناة' },
      description: {
        en: 'Where it is posted; the digest channel when left out',
        ar: 'حيث يُنشر؛ قناة الملخص إن لم تُذكر',
      },
      positional: true,
    }),
  },
  async handler({ role, channel }, ctx) {
    const t = ctx.t(m);
    const subs = roleDigestsOf(ctx.workspace);
    const from = subs.get(role);
    const to = channel ?? '';
    if (from === to) return reply(undefined, [text(t.unchanged({ role: name(ctx, role), where: where(ctx, to) }))]);
    subs.set(role, to);
    await save(ctx, role, from, subs);
    return reply(undefined, [text(t.subscribed({ role: name(ctx, role), where: where(ctx, to), key: role }))], {
      tone: 'success',
    });
  },
});

export const unsubscribeSub = sub({
  description: {
    en: "Stop a job role's own weekly digest",
    ar: 'إيقاف الملخص الأسبوعي الخاص بدور عمل',
  },
  allow: ['manager'],
  examples: ['unsubscribe seo'],
  options: { role: roleOption },
  async handler({ role }, ctx) {
    const t = ctx.t(m);
    const subs = roleDigestsOf(ctx.workspace);
    const from = subs.get(role);
    if (from === undefined) return reply(undefined, [text(t.notSubscribed({ role: name(ctx, role), key: role }))]);
    subs.delete(role);
    await save(ctx, role, from, subs);
    return reply(undefined, [text(t.unsubscribed({ role: name(ctx, role) }))], { tone: 'success' });
  },
});

export const subscriptionsSub = sub({
  description: {
    en: 'List the job roles that get their own weekly digest',
    ar: 'عرض أدوار العمل التي لها ملخص أسبوعي خاص',
  },
  options: {},
  async handler(_input, ctx) {
    const t = ctx.t(m);
    const subs = roleDigestsOf(ctx.workspace);
    if (subs.size === 0) return reply(undefined, [text(t.none)]);
    const sep = ctx.locale === 'ar' ? '، ' : ', ';
    const members = await ctx.services.workspaces.members(ctx.workspace.id);
    const lines = [...subs].map(([role, channel]) => {
      const people = members.filter((p) => jobRolesOf(p).includes(role));
      const says = { key: role, role: name(ctx, role), where: where(ctx, channel) };
      return people.length > 0
        ? t.line({ ...says, people: people.map((p) => p.name || p.externalId).join(sep) })
        : t.lineNobody(says);
    });
    return reply(t.title, [list(lines)]);
  },
});
