import { defineCommand } from '../src/core/command.js';
import { defineMessages } from '../src/core/i18n.js';
import { opt } from '../src/core/options.js';
import { reply, table, text } from '../src/core/reply.js';
import { count } from '../src/lib/plural.js';
import { localTime } from './config.js';

const m = defineMessages(
  'audit',
  {
    title: (p: { n: number }) => `Last ${count(p.n, 'change', 'en')}`,
    when: 'When',
    who: 'Who',
    what: 'What',
    target: 'On',
    none: 'Nothing has been changed yet.',
  },
  {
    title: (p) => `آخر ${count(p.n, 'change', 'ar')}`,
    when: 'متى',
    who: 'من',
    what: 'ماذا',
    target: 'على',
    none: 'لم يتغير شيء بعد.',
  },
);

export default defineCommand({
  name: 'audit',
  description: { en: 'Show who changed what, and when', ar: 'عرض من غيّر ماذا ومتى' },
  allow: ['manager'],
  options: {
    limit: opt.integer({
      label: { en: 'How many', ar: 'العدد' },
      description: { en: 'How many entries to show (default 20)', ar: 'عدد السجلات المعروضة (20 افتراضيًا)' },
      min: 1,
      max: 100,
      positional: true,
    }),
  },
  examples: ['', '50'],
  async handler({ limit = 20 }, ctx) {
    const t = ctx.t(m);
    const rows = await ctx.services.audit.latest(ctx.workspace.id, limit);
    if (rows.length === 0) return reply(undefined, [text(t.none)]);
    return reply(t.title({ n: rows.length }), [
      table(
        [t.when, t.who, t.what, t.target],
        rows.map((r) => [
          localTime(r.createdAt, ctx.timezone, ctx.locale),
          r.actorName || r.actorId,
          r.action,
          r.target,
        ]),
      ),
    ]);
  },
});
