import { defineCommand, sub } from '../src/core/command.js';
import type { Context } from '../src/core/context.js';
import type { Reply } from '../src/core/reply.js';
import { HOME_ITEMS, homeReply } from '../src/publishing/calendar/home.js';

/** The Home for the person asking; Slack's App Home tab runs the same command (src/adapters/slack). */
export async function home(ctx: Context): Promise<Reply> {
  const ws = ctx.workspace.id;
  const [week, approvals, alerts, integrations] = await Promise.all([
    ctx.services.calendar.grid(ws, ctx.now(), ctx.timezone, 'week'),
    ctx.services.calendar.awaitingApproval(ws, HOME_ITEMS),
    ctx.services.comments.openAlerts(ws, HOME_ITEMS),
    ctx.services.integrations.list(ws),
  ]);
  return homeReply({ week, approvals, alerts, integrations }, ctx, ctx.platform !== 'console');
}

export default defineCommand({
  name: 'home',
  description: {
    en: 'The calendar of this week and next, posts awaiting approval, open alerts, connection health',
    ar: 'تقويم هذا الأسبوع والذي يليه، والمنشورات بانتظار الموافقة، والتنبيهات المفتوحة، وحالة الحسابات',
  },
  defaultSubcommand: 'show',
  subcommands: {
    show: sub({
      description: { en: 'Show the Home', ar: 'عرض الرئيسية' },
      options: {},
      handler: (_input, ctx) => home(ctx),
    }),
  },
});
