import { z } from 'zod';
import { defineCommand, sub } from '../src/core/command.js';
import type { Context } from '../src/core/context.js';
import { UserError } from '../src/core/errors.js';
import { defineMessages, iso, type L10n } from '../src/core/i18n.js';
import { opt, required, stripBidi } from '../src/core/options.js';
import { type Reply, reply, table, text } from '../src/core/reply.js';
import { ROLES, type Role } from '../src/core/roles.js';
import { arabicChoice } from '../src/lib/arabic-values.js';
import { JOB_ROLES, type JobRole, jobRoleList, jobRolesOf } from '../src/workspace/job-roles.js';

const m = defineMessages(
  'roles',
  {
    title: 'Roles',
    person: 'Person',
    role: 'Role',
    jobRoles: 'Job roles',
    noJobRoles: '-',
    jobLegend: 'Job roles say whose work a message concerns:',
    seo: 'seo: SEO manager',
    content: 'content: content specialist',
    social_job: 'social: social media manager, mentioned in comment alerts',
    automation: 'automation: marketing-automation specialist',
    jobsSet: (p: { person: string; roles: string }) => `${p.person}'s job roles are now ${p.roles}.`,
    jobsCleared: (p: { person: string }) => `${p.person} has no job role now.`,
    jobsUnchanged: (p: { person: string }) => `${p.person} already has these job roles; nothing changed.`,
    roleOrJobs: 'Say a permission role or job roles, e.g. /roles set @sara manager or /roles set @sara seo,content.',
    admin: 'admin: connects accounts, changes settings and roles',
    manager: 'manager: approves posts, receives digests',
    social: 'social: handles comment alerts',
    member: 'member: plans, drafts and reports',
    none: 'Nobody has used the bot in this workspace yet.',
    howToChange:
      'Admins change a role with /roles set @person manager, and job roles with /roles set @person seo,content (job:social for the social job role alone, none to clear).',
    set: (p: { person: string; role: string }) => `${p.person} is now ${p.role}.`,
    unchanged: (p: { person: string; role: string }) => `${p.person} is already ${p.role}.`,
    lastAdmin: 'That would leave the workspace without an admin. Make someone else admin first.',
  },
  {
    title: 'الأدوار',
    person: 'الشخص',
    role: 'الدور',
    jobRoles: 'أدوار العمل',
    noJobRoles: '-',
    jobLegend: 'تحدد أدوار العمل من تعنيه كل رسالة:',
    seo: 'seo: مدير تحسين محركات البحث',
    content: 'content: أخصائي المحتوى',
    social_job: 'social: مدير وسائل التواصل الاجتماعي، يُذكر اسمه في تنبيهات التعليقات',
    automation: 'automation: أخصائي أتمتة التسويق',
    jobsSet: (p) => `أصبحت أدوار عمل ${iso(p.person)}: ${p.roles}.`,
    jobsCleared: (p) => `لم يعد لدى ${iso(p.person)} أي دور عمل.`,
    jobsUnchanged: (p) => `لدى ${iso(p.person)} أدوار العمل هذه أصلًا؛ لم يتغير شيء.`,
    roleOrJobs: `اذكر دور صلاحية أو أدوار عمل، مثل ${iso('/roles set @sara manager')} أو ${iso('/roles set @sara seo,content')}.`,
    admin: 'admin (مشرف): يربط الحسابات ويغيّر الإعدادات والأدوار',
    manager: 'manager (مدير): يوافق على المنشورات ويستلم الملخصات',
    social: 'social (تواصل اجتماعي): يعالج تنبيهات التعليقات',
    member: 'member (عضو): يخطط ويكتب المسودات ويطلب التقارير',
    none: 'لم يستخدم أحد البوت في مساحة العمل هذه بعد.',
    howToChange: `يغيّر المشرفون الدور بالأمر ${iso('/roles set @person manager')}، وأدوار العمل بالأمر ${iso('/roles set @person seo,content')} (واكتب ${iso('job:social')} لدور التواصل الاجتماعي وحده، و${iso('none')} لمسحها).`,
    set: (p) => `أصبح ${iso(p.person)} بدور ${iso(p.role)}.`,
    unchanged: (p) => `${iso(p.person)} بدور ${iso(p.role)} أصلًا.`,
    lastAdmin: 'سيترك هذا مساحة العمل بلا مشرف. اجعل شخصًا آخر مشرفًا أولًا.',
  },
);

/** Job and permission roles as a reader says them, in replies and the /roles table (ids stay what is typed). */
const JOB_NAMES: Record<JobRole, L10n> = {
  seo: { en: 'SEO', ar: 'تحسين محركات البحث' },
  content: { en: 'content', ar: 'المحتوى' },
  social: { en: 'social media', ar: 'التواصل الاجتماعي' },
  automation: { en: 'marketing automation', ar: 'أتمتة التسويق' },
};
const ROLE_NAMES: Record<string, L10n> = {
  admin: { en: 'admin', ar: 'مشرف' },
  manager: { en: 'manager', ar: 'مدير' },
  social: { en: 'social', ar: 'تواصل اجتماعي' },
  member: { en: 'member', ar: 'عضو' },
};
const jobNames = (roles: readonly JobRole[], ctx: Context) =>
  roles.map((r) => ctx.l(JOB_NAMES[r])).join(ctx.locale === 'ar' ? '، ' : ', ');

async function list(ctx: Context) {
  const t = ctx.t(m);
  const members = await ctx.services.workspaces.members(ctx.workspace.id);
  const legend = [...ROLES.map((r) => t[r]), '', t.jobLegend, ...JOB_ROLES.map((r) => jobLabel(t, r))];
  if (members.length === 0) return reply(t.title, [text(t.none), text(legend.join('\n'))]);
  const rows = members.map((x) => [
    x.name ? `${x.name} (${x.externalId})` : x.externalId,
    ROLE_NAMES[x.role] ? ctx.l(ROLE_NAMES[x.role] as L10n) : x.role,
    jobNames(jobRolesOf(x), ctx) || t.noJobRoles,
  ]);
  return reply(t.title, [table([t.person, t.role, t.jobRoles], rows), text(legend.join('\n')), text(t.howToChange)]);
}

const jobLabel = (t: (typeof m)['en'], r: JobRole) => (r === 'social' ? t.social_job : t[r]);

/**
 * What follows the person: one permission role (admin, manager, social, member: "social" alone is
 * the permission role, as it always was), or job roles (seo,content), or none to clear them.
 */
const roleOrJobs = z.union([
  z
    .string()
    .transform((s) => stripBidi(s).trim())
    // `مدير` is manager, as in every choice typed in Arabic (src/lib/arabic-values.ts).
    .transform((s) => arabicChoice(s, ROLES) ?? s.toLowerCase())
    .pipe(z.enum(ROLES)),
  jobRoleList,
]);

async function setJobs(ctx: Context, user: string, roles: JobRole[]) {
  const t = ctx.t(m);
  const change = await ctx.services.workspaces.setJobRoles(ctx.workspace.id, user, roles);
  const person = change.name || user;
  if (!change.changed) return reply(undefined, [text(t.jobsUnchanged({ person }))]);
  await ctx.services.audit.record(ctx, 'role.jobs', user, { from: change.before, to: roles });
  const said = roles.length === 0 ? t.jobsCleared({ person }) : t.jobsSet({ person, roles: jobNames(roles, ctx) });
  return reply(undefined, [text(said)], { tone: 'success' });
}

export default defineCommand({
  name: 'roles',
  description: { en: 'Show who may do what, and change roles', ar: 'عرض صلاحيات كل شخص وتغيير الأدوار' },
  defaultSubcommand: 'list',
  subcommands: {
    list: sub({
      description: { en: 'Show everyone and their role', ar: 'عرض الجميع وأدوارهم' },
      options: {},
      handler: (_input, ctx) => list(ctx),
    }),
    set: sub({
      description: { en: "Change a person's role", ar: 'تغيير دور شخص' },
      allow: ['admin'],
      examples: [
        'set @sara manager',
        'set @omar social',
        'set @sara seo,content',
        'set @omar job:social',
        'set @sara none',
      ],
      options: {
        user: required(
          opt.user({
            label: { en: 'Person', ar: 'الشخص' },
            description: { en: 'Mention the person, e.g. @sara', ar: 'اذكر الشخص، مثل @sara' },
            positional: true,
          }),
        ),
        role: {
          ...opt.string({
            label: { en: 'Role', ar: 'الدور' },
            description: {
              en: 'A role (admin, manager, social, member) or job roles (seo, content, social, automation, none)',
              ar: 'دور (admin، manager، social، member) أو أدوار عمل (seo، content، social، automation، none)',
            },
            positional: true,
            maxLength: 80,
          }),
          expected: {
            en: 'a role (admin, manager, social, member) or job roles (seo, content, social, automation, or none)',
            ar: 'دور (admin أو manager أو social أو member) أو أدوار عمل (seo أو content أو social أو automation أو none)',
          },
          schema: roleOrJobs.optional(),
        },
        job: {
          ...opt.string({
            label: { en: 'Job roles', ar: 'أدوار العمل' },
            description: {
              en: 'seo, content, social, automation (several with commas), or none to clear',
              ar: 'seo أو content أو social أو automation (عدة أدوار بفواصل)، أو none لمسحها',
            },
            maxLength: 80,
          }),
          expected: {
            en: 'job roles: seo, content, social, automation (several with commas), or none',
            ar: 'أدوار عمل: seo أو content أو social أو automation (عدة أدوار بفواصل)، أو none',
          },
          schema: jobRoleList.optional(),
        },
      },
      async handler({ user, role, job }, ctx) {
        if (role === undefined && job === undefined) throw new UserError(ctx.t(m).roleOrJobs);
        // `/roles set @sara manager job:social` changes both; each part answers for itself.
        const parts = [];
        if (typeof role === 'string') parts.push(await setPermission(ctx, user, role));
        const jobs = job ?? (Array.isArray(role) ? role : undefined);
        if (jobs) parts.push(await setJobs(ctx, user, [...jobs, ...(job && Array.isArray(role) ? role : [])]));
        const [first, second] = parts as [Reply, Reply | undefined];
        return second ? { ...second, blocks: [...first.blocks, ...second.blocks] } : first;
      },
    }),
  },
});

async function setPermission(ctx: Context, user: string, role: Role) {
  const t = ctx.t(m);
  const change = await ctx.services.workspaces.setRole(ctx.workspace.id, user, role);
  const person = change.name || user;
  if (change.outcome === 'unchanged') return reply(undefined, [text(t.unchanged({ person, role }))]);
  if (change.outcome === 'last-admin') throw new UserError(t.lastAdmin);
  await ctx.services.audit.record(ctx, 'role.set', user, { from: change.before, to: role });
  return reply(undefined, [text(t.set({ person, role }))], { tone: 'success' });
}
