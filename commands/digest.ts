import { z } from 'zod';
import { defineCommand, sub } from '../src/core/command.js';
import { defineMessages, iso } from '../src/core/i18n.js';
import { opt, required } from '../src/core/options.js';
import { reply, text } from '../src/core/reply.js';
import { today } from '../src/lib/periods.js';
import { buildDigest, buildRoleDigestOn } from '../src/reporting/digest.js';
import { JOB_ROLES } from '../src/workspace/job-roles.js';
import { subscribeSub, subscriptionsSub, unsubscribeSub } from './shared/digest-subscriptions.js';

const m = defineMessages(
  'digest-command',
  {
    scheduled: (p: { day: string; time: string; zone: string; cron: string }) =>
      `The weekly digest now goes out every ${p.day} at ${p.time} (${p.zone}), cron "${p.cron}". It is posted once per week, and late if the bot was down at that time.`,
  },
  {
    scheduled: (p) =>
      `سيُرسل الملخص الأسبوعي الآن كل ${p.day} الساعة ${iso(p.time)} (${iso(p.zone)})، بصيغة cron «${iso(p.cron)}». يُرسل مرة واحدة أسبوعيًا، ومتأخرًا إن كان البوت متوقفًا في ذلك الوقت.`,
  },
);

const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

export default defineCommand({
  name: 'digest',
  description: {
    en: 'Preview or schedule the weekly KPI digest, and give job roles their own',
    ar: 'معاينة ملخص المؤشرات الأسبوعي أو جدولته، وإعطاء أدوار العمل ملخصاتها الخاصة',
  },
  defaultSubcommand: 'preview',
  subcommands: {
    preview: sub({
      description: { en: 'Show the digest for the last 7 full days now', ar: 'عرض الملخص لآخر 7 أيام كاملة الآن' },
      slow: true,
      examples: ['preview', 'preview seo'],
      options: {
        role: opt.choice(JOB_ROLES, {
          label: { en: 'Job role', ar: 'دور العمل' },
          description: {
            en: "A job role's own weekly message instead: seo, content, social or automation",
            ar: 'الرسالة الأسبوعية الخاصة بدور عمل بدلًا منه: seo أو content أو social أو automation',
          },
          positional: true,
        }),
      },
      handler: ({ role }, ctx) => {
        const day = today(ctx.now(), ctx.timezone);
        return role
          ? buildRoleDigestOn(ctx.services, ctx.workspace, role, day, ctx.locale)
          : buildDigest(ctx.services, ctx.workspace, day, ctx.locale);
      },
    }),
    subscribe: subscribeSub,
    unsubscribe: unsubscribeSub,
    subscriptions: subscriptionsSub,
    schedule: sub({
      description: { en: 'Set the day and time of the weekly digest', ar: 'ضبط يوم الملخص الأسبوعي ووقته' },
      allow: ['manager'],
      examples: ['schedule monday 09:00', 'schedule day:friday time:16:30'],
      options: {
        day: required(
          opt.choice(DAYS, {
            label: { en: 'Day', ar: 'اليوم' },
            description: { en: 'Day of the week, e.g. monday', ar: 'يوم الأسبوع، مثل monday' },
            positional: true,
          }),
        ),
        time: required({
          ...opt.string({
            label: { en: 'Time', ar: 'الوقت' },
            description: { en: 'Local time as HH:MM, 24-hour clock', ar: 'الوقت المحلي بالصيغة HH:MM بنظام 24 ساعة' },
            positional: true,
            maxLength: 5,
          }),
          expected: { en: 'a time as HH:MM, e.g. 09:00', ar: 'وقت بالصيغة HH:MM، مثل 09:00' },
          schema: z
            .string()
            .transform((s) => s.trim())
            .pipe(z.string().regex(/^([01]?\d|2[0-3]):[0-5]\d$/))
            .transform((s) => s.split(':').map(Number) as [number, number])
            .optional(),
        }),
      },
      async handler({ day, time }, ctx) {
        const [hour, minute] = time;
        const dow = (DAYS.indexOf(day) + 1) % 7;
        const cron = `${minute} ${hour} * * ${dow}`;
        await ctx.services.workspaces.update(ctx.workspace.id, { digestCron: cron });
        await ctx.services.audit.record(ctx, 'config.set', 'digestCron', { from: ctx.workspace.digestCron, to: cron });
        const hhmm = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
        const dayName = new Intl.DateTimeFormat(ctx.locale === 'ar' ? 'ar' : 'en-GB', {
          weekday: 'long',
          timeZone: 'UTC',
        }).format(new Date(Date.UTC(2024, 0, 1 + DAYS.indexOf(day))));
        return reply(undefined, [text(ctx.t(m).scheduled({ day: dayName, time: hhmm, zone: ctx.timezone, cron }))], {
          tone: 'success',
        });
      },
    }),
  },
});
