/**
 * `/config channels add|remove|list NAME`: the team's own metric channels (Workspace.customChannels).
 * An import refuses a channel that is neither known nor declared here, so a typo never becomes a
 * channel (src/reporting/channel-names.ts).
 */
import { z } from 'zod';
import { sub } from '../../src/core/command.js';
import { UserError } from '../../src/core/errors.js';
import { defineMessages, iso } from '../../src/core/i18n.js';
import { opt } from '../../src/core/options.js';
import { reply, text } from '../../src/core/reply.js';
import { customChannelsOf, KNOWN_CHANNELS, normalizeChannel } from '../../src/reporting/channel-names.js';

const m = defineMessages(
  'config-channels',
  {
    added: (p: { name: string }) => `Channel "${p.name}" declared: imports may use it now.`,
    removed: (p: { name: string }) =>
      `Channel "${p.name}" removed: imports refuse it from now on; its stored figures stay.`,
    known: (p: { name: string }) => `"${p.name}" is a known channel already: there is nothing to declare.`,
    notDeclared: (p: { name: string }) => `"${p.name}" is not one of your declared channels.`,
    needName: 'Give the channel name, e.g. /config channels add tiktok-shop',
    list: (p: { custom: string; known: string }) => `Your channels: ${p.custom}. Known to every workspace: ${p.known}.`,
    none: 'none yet',
  },
  {
    added: (p) => `أُعلنت القناة «${iso(p.name)}»: يمكن استخدامها في الاستيراد الآن.`,
    removed: (p) => `أُزيلت القناة «${iso(p.name)}»: سيرفضها الاستيراد من الآن، وتبقى أرقامها المحفوظة.`,
    known: (p) => `«${iso(p.name)}» قناة معروفة أصلًا: لا حاجة إلى إعلانها.`,
    notDeclared: (p) => `«${iso(p.name)}» ليست من القنوات التي أعلنتها.`,
    needName: 'اكتب اسم القناة، مثل /config channels add tiktok-shop',
    list: (p) => `قنواتك: ${iso(p.custom)}. القنوات المعروفة لكل مساحات العمل: ${iso(p.known)}.`,
    none: 'لا شيء بعد',
  },
);

/** Same rule as an import's channel column (src/reporting/metrics.ts). */
const CHANNEL_NAME = /^[\p{L}\p{N}][\p{L}\p{N} _.-]{0,39}$/u;

export const channelsSub = sub({
  description: {
    en: 'Declare or remove your own metric channels (for imports)',
    ar: 'إعلان قنوات المقاييس الخاصة بك أو إزالتها (للاستيراد)',
  },
  allow: ['admin'],
  examples: ['channels add tiktok-shop', 'channels remove tiktok-shop', 'channels list'],
  options: {
    action: opt.choice(['add', 'remove', 'list'] as const, {
      label: { en: 'Action', ar: 'الإجراء' },
      description: { en: 'add, remove or list', ar: 'add أو remove أو list' },
      positional: true,
    }),
    name: {
      ...opt.string({
        label: { en: 'Channel', ar: 'القناة' },
        description: { en: 'A channel name, e.g. tiktok-shop', ar: 'اسم قناة، مثل tiktok-shop' },
        positional: true,
        maxLength: 40,
      }),
      expected: {
        en: 'letters, digits, spaces, _ . - (at most 40 characters)',
        ar: 'حروف وأرقام ومسافات و _ . - (حتى \u206840\u2069 حرفًا)',
      },
      schema: z.string().trim().regex(CHANNEL_NAME).optional(),
    },
  },
  async handler({ action, name }, ctx) {
    const t = ctx.t(m);
    const custom = customChannelsOf(ctx.workspace);
    if (!action || action === 'list') {
      const known = KNOWN_CHANNELS.join(', ');
      return reply(undefined, [text(t.list({ custom: custom.length > 0 ? custom.join(', ') : t.none, known }))]);
    }
    if (!name) throw new UserError(t.needName);
    const id = normalizeChannel(name);
    if (action === 'add' && KNOWN_CHANNELS.includes(id)) throw new UserError(t.known({ name: id }));
    if (action === 'remove' && !custom.includes(id)) throw new UserError(t.notDeclared({ name: id }));
    const next = action === 'add' ? [...new Set([...custom, id])].sort() : custom.filter((c) => c !== id);
    await ctx.services.workspaces.update(ctx.workspace.id, { customChannels: next });
    await ctx.services.audit.record(ctx, 'config.set', 'customChannels', { from: custom, to: next });
    const done = action === 'add' ? t.added({ name: id }) : t.removed({ name: id });
    return reply(undefined, [text(done)], { tone: 'success' });
  },
});
