import { defineCommand, sub } from '../src/core/command.js';
import type { Context } from '../src/core/context.js';
import { UserError } from '../src/core/errors.js';
import { defineMessages, iso } from '../src/core/i18n.js';
import { opt, required } from '../src/core/options.js';
import { reply, table, text } from '../src/core/reply.js';
import { ROLES, type Role } from '../src/core/roles.js';

const m = defineMessages(
  'roles',
  {
    title: 'Roles',
    person: 'Person',
    role: 'Role',
    admin: 'admin: connects accounts, changes settings and roles',
    manager: 'manager: approves posts, receives digests',
    social: 'social: handles comment alerts',
    member: 'member: plans, drafts and reports',
    none: 'Nobody has used the bot in this workspace yet.',
    howToChange: 'Admins change a role with /roles set @person manager.',
    set: (p: { person: string; role: string }) => `${p.person} is now ${p.role}.`,
    unchanged: (p: { person: string; role: string }) => `${p.person} is already ${p.role}.`,
    lastAdmin: 'That would leave the workspace without an admin. Make someone else admin first.',
  },
  {
    title: 'الأدوار',
    person: 'الشخص',
    role: 'الدور',
    admin: 'admin (مشرف): يربط الحسابات ويغيّر الإعدادات والأدوار',
    manager: 'manager (مدير): يوافق على المنشورات ويستلم الملخصات',
    social: 'social (تواصل اجتماعي): يعالج تنبيهات التعليقات',
    member: 'member (عضو): يخطط ويكتب المسودات ويطلب التقارير',
    none: 'لم يستخدم أحد البوت في مساحة العمل هذه بعد.',
    howToChange: 'يغيّر المشرفون الدور بالأمر /roles set @person manager.',
    set: (p) => `أصبح ${iso(p.person)} بدور ${iso(p.role)}.`,
    unchanged: (p) => `${iso(p.person)} بدور ${iso(p.role)} أصلًا.`,
    lastAdmin: 'سيترك هذا مساحة العمل بلا مشرف. اجعل شخصًا آخر مشرفًا أولًا.',
  },
);

async function list(ctx: Context) {
  const t = ctx.t(m);
  const members = await ctx.services.workspaces.members(ctx.workspace.id);
  const legend = ROLES.map((r) => t[r]);
  if (members.length === 0) return reply(t.title, [text(t.none), text(legend.join('\n'))]);
  const rows = members.map((x) => [x.name ? `${x.name} (${x.externalId})` : x.externalId, x.role]);
  return reply(t.title, [table([t.person, t.role], rows), text(legend.join('\n')), text(t.howToChange)]);
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
      examples: ['set @sara manager', 'set @omar social'],
      options: {
        user: required(
          opt.user({
            label: { en: 'Person', ar: 'الشخص' },
            description: { en: 'Mention the person, e.g. @sara', ar: 'اذكر الشخص، مثل @sara' },
            positional: true,
          }),
        ),
        role: required(
          opt.choice(ROLES, {
            label: { en: 'Role', ar: 'الدور' },
            description: { en: 'admin, manager, social or member', ar: 'admin أو manager أو social أو member' },
            positional: true,
          }),
        ),
      },
      async handler({ user, role }, ctx) {
        const t = ctx.t(m);
        const change = await ctx.services.workspaces.setRole(ctx.workspace.id, user, role as Role);
        const person = change.name || user;
        if (change.outcome === 'unchanged') return reply(undefined, [text(t.unchanged({ person, role }))]);
        if (change.outcome === 'last-admin') throw new UserError(t.lastAdmin);
        await ctx.services.audit.record(ctx, 'role.set', user, { from: change.before, to: role });
        return reply(undefined, [text(t.set({ person, role: role as Role }))], { tone: 'success' });
      },
    }),
  },
});
