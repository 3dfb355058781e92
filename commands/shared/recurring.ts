/**
 * Recurring posts from chat: `/schedule instagram every monday 9am until 2027-03-01 | …` stores a
 * series and its first occurrences (each a post of its own); `/schedule series N` shows one,
 * `/schedule stop-series N` stops it and cancels its waiting dates.
 */

import { z } from 'zod';
import { action, sub } from '../../src/core/command.js';
import type { Context } from '../../src/core/context.js';
import { UserError } from '../../src/core/errors.js';
import { opt, required } from '../../src/core/options.js';
import { actions, context, type Reply, reply, text } from '../../src/core/reply.js';
import { parseRecurrence } from '../../src/publishing/recurring/recurrence.js';
import { occurrenceDraft, type SeriesTemplate } from '../../src/publishing/recurring/series.js';
import {
  recurrenceProblemText,
  seriesApprovalButtons,
  seriesDetails,
  seriesMessages,
  seriesNotes,
  seriesSummary,
  seriesTitle,
  stoppedText,
} from '../../src/publishing/recurring/series-view.js';
import { channelName, postDetails } from '../../src/publishing/schedule-view.js';
import type { Channel } from '../../src/publishing/scheduler.js';
import { loadDraft } from './drafts.js';
import { collectMedia } from './media.js';
import { assertRules, chooseAccount, type ScheduleInput, sm } from './scheduling.js';

/** Schedules a recurring post: checked as its first occurrence, then stored with its dates ahead. */
export async function scheduleSeries(input: ScheduleInput, ctx: Context): Promise<Reply> {
  const t = ctx.t(seriesMessages);
  const now = ctx.now();
  const read = parseRecurrence(input.when, ctx.timezone, now);
  if (!read.ok) throw new UserError(recurrenceProblemText(read.problem, ctx));
  if (input.draft !== undefined && input.text !== undefined) throw new UserError(ctx.t(sm).draftAndText);
  const item = await what(input, ctx);
  if (!item) throw new UserError(t.oneChannel);
  const firstComment = input.first_comment?.trim();
  const campaign = input.campaign?.trim() || null;
  const template: SeriesTemplate = {
    channel: item.channel,
    content: item.text ?? '',
    title: item.title ?? null,
    media: await collectMedia(input.media, ctx),
    ...(firstComment ? { options: { firstComment } } : {}),
    accountId: null,
  };
  // The first date stands for all of them (the same text, media and time of day), checked as it will
  // go out: with its links tagged, which makes them longer.
  const ws = { timezone: ctx.timezone, utmTagging: ctx.workspace.utmTagging };
  assertRules(
    occurrenceDraft({ ...template, campaign: campaign ? { id: 0, name: campaign } : null }, read.first, ws),
    ctx,
  );
  const account = await chooseAccount(item.channel, input.account, ctx);
  template.accountId = account.accountId;
  if (campaign) {
    template.campaign = await ctx.services.scheduler.campaign(ctx.workspace.id, campaign, ctx.workspace.currency);
  }
  const twin = await ctx.services.series.findDuplicate(ctx.workspace.id, read.rule, template);
  if (twin) throw new UserError(t.duplicate({ id: twin.id }));
  const awaiting = ctx.workspace.requireApproval;
  const { series, posts } = await ctx.services.series.create(
    ctx.workspace,
    { rule: read.rule, template, first: read.first, until: read.until },
    ctx.member.externalId,
    now,
  );
  await ctx.services.audit.record(ctx, 'series.create', `series:${series.id}`, {
    channel: item.channel,
    rule: read.rule,
    until: read.until?.toISOString() ?? null,
    posts: posts.map((p) => p.id),
  });
  const [head] = posts;
  return reply(
    seriesTitle(series, awaiting, ctx),
    [
      ...seriesSummary(series, posts, ctx),
      ...(head ? postDetails(head, ctx) : []),
      ...(account.connected
        ? []
        : [context(ctx.t(sm).notConnected({ channel: channelName(item.channel, ctx), id: item.channel }))]),
      ...(head ? seriesNotes(series, head.id, awaiting, ctx) : []),
      ...(awaiting ? [actions(seriesApprovalButtons(series.id, ctx))] : []),
    ],
    { tone: awaiting ? 'info' : 'success' },
  );
}

/** The one post a series repeats: the channel and text typed, or a draft written for one network. */
async function what(
  input: ScheduleInput,
  ctx: Context,
): Promise<{ channel: Channel; text?: string | undefined; title?: string | undefined } | undefined> {
  if (input.draft === undefined) {
    return input.channel ? { channel: input.channel, text: input.text, title: input.title } : undefined;
  }
  const posts = (await loadDraft(ctx, input.draft)) ?? [];
  const chosen = input.channel ? posts.filter((p) => p.channel === input.channel) : posts;
  const [only, ...more] = chosen;
  if (!only || more.length > 0) return undefined;
  return {
    channel: only.channel,
    text: only.text,
    title: input.title ?? only.title ?? only.subject,
  };
}

const seriesId = required(
  opt.integer({
    label: { en: 'Series number', ar: 'رقم السلسلة' },
    description: { en: 'The series number shown by /schedule list', ar: 'رقم السلسلة الظاهر في /schedule list' },
    positional: true,
    min: 1,
  }),
);

async function findSeries(id: number, ctx: Context) {
  const series = await ctx.services.series.get(ctx.workspace.id, id);
  if (series?.status !== 'active') throw new UserError(ctx.t(seriesMessages).notActive({ id }));
  return series;
}

export const seriesCommand = sub({
  description: { en: 'Show a recurring post and its next dates', ar: 'عرض منشور متكرر ومواعيده القادمة' },
  examples: ['series 3'],
  options: { id: seriesId },
  async handler({ id }, ctx) {
    const series = await findSeries(id, ctx);
    const upcoming = await ctx.services.series.upcoming(ctx.workspace.id, id, ctx.now());
    return reply(seriesTitle(series, false, ctx), seriesDetails(series, upcoming, ctx));
  },
});

export const stopSeriesCommand = sub({
  description: {
    en: 'Stop a recurring post: its waiting dates are cancelled',
    ar: 'إيقاف منشور متكرر وإلغاء مواعيده المنتظرة',
  },
  allow: ['manager', 'social'],
  examples: ['stop-series 3'],
  options: { id: seriesId },
  async handler({ id }, ctx) {
    await findSeries(id, ctx);
    const done = await ctx.services.series.stop(ctx.workspace.id, id);
    if (!done) throw new UserError(ctx.t(seriesMessages).notActive({ id }));
    await ctx.services.audit.record(ctx, 'series.stop', `series:${id}`, { cancelled: done.cancelled });
    return reply(undefined, [text(stoppedText(id, done.cancelled, ctx))], { tone: 'success' });
  },
});

const seriesPayload = z
  .string()
  .regex(/^\d{1,9}$/)
  .transform(Number);

/** Approve every date / Reject the series: managers, as for a post. */
export function decideSeriesAction(approve: boolean) {
  return action({
    payload: seriesPayload,
    allow: ['manager'],
    async handler(id, ctx) {
      const t = ctx.t(seriesMessages);
      const n = await ctx.services.series.decide(ctx.workspace.id, id, approve, ctx.member.externalId, ctx.now());
      if (n === null) throw new UserError(t.notActive({ id }));
      await ctx.services.audit.record(ctx, approve ? 'series.approve' : 'series.reject', `series:${id}`, { dates: n });
      const who = ctx.member.name || ctx.member.externalId;
      const said = approve ? t.approvedSeries({ id, who, n }) : t.rejectedSeries({ id, who, n });
      return reply(undefined, [text(said)], { tone: approve ? 'success' : 'info', replaceOriginal: true });
    },
  });
}

/** The note under "Post #12 cancelled" when #12 is one date of a series. */
export function occurrenceCancelNote(seriesIdOf: number | null, ctx: Context) {
  return seriesIdOf ? [context(ctx.t(seriesMessages).occurrenceNote({ id: seriesIdOf }))] : [];
}
