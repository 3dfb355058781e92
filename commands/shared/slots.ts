/**
 * The team's posting slots (/schedule slots) and "next slot" as a time: `/schedule instagram next
 * slot | …`, «الموعد التالي», takes the first slot of that channel with no post near it.
 */

import { sub } from '../../src/core/command.js';
import type { Context } from '../../src/core/context.js';
import { UserError } from '../../src/core/errors.js';
import { defineMessages, iso } from '../../src/core/i18n.js';
import { opt } from '../../src/core/options.js';
import { context, fields, type Reply, reply, text } from '../../src/core/reply.js';
import { isRecurring, parseRecurrence } from '../../src/publishing/recurring/recurrence.js';
import { recurrenceProblemText, slotsText, writtenTime } from '../../src/publishing/recurring/series-view.js';
import { addSlots, SLOT_SEARCH_WEEKS, slotsOf, withoutChannel } from '../../src/publishing/recurring/slots.js';
import { channelName } from '../../src/publishing/schedule-view.js';
import { CHANNELS, type Channel } from '../../src/publishing/scheduler.js';

const m = defineMessages(
  'slots',
  {
    title: 'Posting slots',
    none: 'No posting slots yet. Set some with /schedule slots instagram mon,wed,fri 18:00, then schedule with /schedule instagram next slot | Caption.',
    added: (p: { channel: string; slots: string }) => `${p.channel} slots are now: ${p.slots}.`,
    cleared: (p: { channel: string }) => `${p.channel} has no posting slots any more. Posts already scheduled stay.`,
    nothingToClear: (p: { channel: string }) => `${p.channel} had no posting slots.`,
    needChannel: 'Say which channel, e.g. /schedule slots instagram mon,wed,fri 18:00.',
    needDays: 'Say the days and the time, e.g. /schedule slots instagram mon,wed,fri 18:00.',
    weekly: 'A slot is a weekday and a time, every week: leave out "every 2 weeks" and end dates.',
    how: "A slot counts as taken when a post on that channel is within 30 minutes of it. To remove a channel's slots: /schedule slots instagram clear.",
    noSlots: (p: { channel: string; id: string }) =>
      `${p.channel} has no posting slots yet: set them with /schedule slots ${p.id} mon,wed,fri 18:00, or give a time.`,
    allTaken: (p: { channel: string; weeks: number }) =>
      `Every ${p.channel} slot in the next ${p.weeks} weeks already has a post. Give a time, or add slots with /schedule slots.`,
    slotNote: (p: { when: string }) => `The next free slot: ${p.when}.`,
    severalChannels: '"next slot" picks one channel\'s slot: schedule each network on its own.',
    noBest: (p: { channel: string; id: string }) =>
      `There is no best time to go by for ${p.channel} yet (see /schedule best-times ${p.id}): give a time, or use "next slot".`,
    bestNote: (p: { when: string; id: string }) =>
      `The next of the best times to post: ${p.when} (/schedule best-times ${p.id} says why).`,
  },
  {
    title: 'مواعيد النشر',
    none: 'لا مواعيد نشر بعد. حدّدها بالأمر «/schedule slots instagram الاثنين والأربعاء والجمعة 18:00» ثم جدول بالأمر «/schedule instagram الموعد التالي | النص».',
    added: (p) => `مواعيد ${p.channel} الآن: ${p.slots}.`,
    cleared: (p) => `لم تعد لـ${p.channel} مواعيد نشر. المنشورات المجدولة تبقى كما هي.`,
    nothingToClear: (p) => `لم تكن لـ${p.channel} مواعيد نشر.`,
    needChannel: 'حدّد القناة، مثل «/schedule slots instagram الاثنين والأربعاء والجمعة 18:00».',
    needDays: 'حدّد الأيام والساعة، مثل «/schedule slots instagram الاثنين والأربعاء والجمعة 18:00».',
    weekly: 'الموعد يوم من الأسبوع وساعة، كل أسبوع: احذف «كل أسبوعين» وتاريخ الانتهاء.',
    how: `يُعدّ الموعد محجوزًا إذا كان على القناة منشور قبله أو بعده بثلاثين دقيقة أو أقل. لحذف مواعيد قناة: ${iso('/schedule slots instagram clear')}.`,
    noSlots: (p) =>
      `لا مواعيد نشر لـ${p.channel} بعد: حدّدها بالأمر «${iso(`/schedule slots ${p.id}`)} الاثنين والأربعاء والجمعة 18:00» أو اذكر وقتًا.`,
    allTaken: (p) =>
      `كل مواعيد ${p.channel} في الأسابيع الـ${iso(p.weeks)} القادمة عليها منشورات. اذكر وقتًا، أو أضف مواعيد بالأمر /schedule slots.`,
    slotNote: (p) => `الموعد المتاح التالي: ${p.when}.`,
    severalChannels: '«الموعد التالي» يختار موعد قناة واحدة: جدول كل شبكة وحدها.',
    noBest: (p) =>
      `لا يوجد بعدُ أفضل وقت يُعتمد عليه في ${p.channel} (انظر ${iso(`/schedule best-times ${p.id}`)}): اذكر وقتًا، أو استخدم «الموعد التالي».`,
    bestNote: (p) => `أقرب أفضل وقت للنشر: ${p.when} (يشرح ${iso(`/schedule best-times ${p.id}`)} السبب).`,
  },
);

const NEXT_SLOT =
  /^(?:the\s+)?next\s+(?:free\s+|open\s+)?slot$|^(?:في\s+)?(?:ال)?موعد\s+(?:ال)?(?:متاح\s+)?(?:ال)?تالي$|^أول\s+موعد\s+(?:متاح|فاضي)$/i;

/** "next best slot": the next start of one of the channel's best hours (/schedule best-times). */
const NEXT_BEST =
  /^(?:the\s+)?next\s+best\s+(?:slot|time)$|^(?:في\s+)?(?:ال)?(?:موعد|وقت)\s+(?:ال)?أفضل(?:\s+(?:ال)?تالي)?$|^أفضل\s+(?:موعد|وقت)(?:\s+(?:قادم|تالي))?$/i;

const plain = (value: string) => value.trim().replace(/[\u064b-\u0652]/g, '');

export function isNextSlot(value: string): boolean {
  return NEXT_SLOT.test(plain(value)) || NEXT_BEST.test(plain(value));
}

/**
 * The next free slot of `channels` (one channel), or with "next best slot" the next of its best hours,
 * as readWhen answers a typed time.
 */
export async function nextSlot(
  value: string,
  channels: readonly Channel[],
  ctx: Context,
): Promise<{ utc: Date; ambiguous: boolean; note: string }> {
  const t = ctx.t(m);
  const [channel, ...more] = channels;
  if (!channel || more.length > 0) throw new UserError(t.severalChannels);
  const name = channelName(channel, ctx);
  if (NEXT_BEST.test(plain(value))) {
    const best = await ctx.services.performance.nextBestSlot(ctx.workspace.id, channel, ctx.now(), ctx.timezone);
    if (!best) throw new UserError(t.noBest({ channel: name, id: channel }));
    return {
      utc: best,
      ambiguous: false,
      note: t.bestNote({ when: writtenTime(best, ctx.timezone, ctx.locale), id: channel }),
    };
  }
  const slots = slotsOf(ctx.workspace)[channel] ?? [];
  if (slots.length === 0) throw new UserError(t.noSlots({ channel: name, id: channel }));
  const at = await ctx.services.slots.nextFree(ctx.workspace.id, channel, slots, ctx.timezone, ctx.now());
  if (!at) throw new UserError(t.allTaken({ channel: name, weeks: SLOT_SEARCH_WEEKS }));
  return { utc: at, ambiguous: false, note: t.slotNote({ when: writtenTime(at, ctx.timezone, ctx.locale) }) };
}

function show(ctx: Context): Reply {
  const t = ctx.t(m);
  const all = Object.entries(slotsOf(ctx.workspace)).filter(([, s]) => s.length > 0);
  if (all.length === 0) return reply(t.title, [text(t.none)]);
  return reply(t.title, [
    fields(all.map(([channel, s]) => ({ label: channelName(channel, ctx), value: slotsText(s, ctx.locale) }))),
    context(t.how),
  ]);
}

export const slotsCommand = sub({
  description: {
    en: "Set, list or clear the team's weekly posting slots per channel",
    ar: 'ضبط مواعيد النشر الأسبوعية لكل قناة أو عرضها أو حذفها',
  },
  allow: ['manager', 'social'],
  examples: [
    'slots',
    { en: 'slots instagram mon,wed,fri 18:00', ar: 'slots instagram الاثنين والأربعاء والجمعة 18:00' },
    { en: 'slots facebook tue 9am', ar: 'slots facebook الثلاثاء 9 صباحًا' },
    'slots instagram clear',
  ],
  options: {
    channel: opt.choice(CHANNELS, {
      label: { en: 'Channel', ar: 'القناة' },
      description: { en: 'The channel whose slots to set or clear', ar: 'القناة التي تُضبط مواعيدها أو تُحذف' },
      positional: true,
    }),
    slots: opt.string({
      label: { en: 'Days and time', ar: 'الأيام والساعة' },
      description: {
        en: 'e.g. mon,wed,fri 18:00, or clear',
        ar: 'مثل «الاثنين والأربعاء والجمعة \u206818:00\u2069» أو «الخميس \u20686\u2069 مساءً» أو clear',
      },
      positional: true,
      greedy: true,
      maxLength: 120,
    }),
  },
  async handler({ channel, slots }, ctx) {
    const t = ctx.t(m);
    if (!channel && !slots) return show(ctx);
    if (!channel) throw new UserError(t.needChannel);
    if (!slots) throw new UserError(t.needDays);
    const current = slotsOf(ctx.workspace);
    const name = channelName(channel, ctx);
    if (/^(?:clear|none|off|امسح|احذف|الغ|ألغ)$/i.test(slots.trim())) {
      if (!current[channel]?.length) return reply(undefined, [text(t.nothingToClear({ channel: name }))]);
      await ctx.services.workspaces.update(ctx.workspace.id, { postingSlots: withoutChannel(current, channel) });
      await ctx.services.audit.record(ctx, 'config.set', 'postingSlots', { channel, cleared: true });
      return reply(undefined, [text(t.cleared({ channel: name }))], { tone: 'success' });
    }
    const read = parseRecurrence(isRecurring(slots) ? slots : `every ${slots}`, ctx.timezone, ctx.now());
    if (!read.ok) throw new UserError(recurrenceProblemText(read.problem, ctx));
    if (read.rule.every !== 1 || read.until) throw new UserError(t.weekly);
    const next = addSlots(current, channel, read.rule.weekdays, read.rule.time);
    await ctx.services.workspaces.update(ctx.workspace.id, { postingSlots: next });
    await ctx.services.audit.record(ctx, 'config.set', 'postingSlots', { channel, slots: next[channel] ?? [] });
    return reply(
      undefined,
      [text(t.added({ channel: name, slots: slotsText(next[channel] ?? [], ctx.locale) })), context(t.how)],
      {
        tone: 'success',
      },
    );
  },
});
