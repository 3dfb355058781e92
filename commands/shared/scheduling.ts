/**
 * Scheduling that /schedule and /draft share: reading the time, checking a post against its
 * network's rules, choosing the account, and creating one post or a group of them (a draft written
 * for several networks), plus cancelling or moving the rest of a group together.
 */
import { randomUUID } from 'node:crypto';
import type { MediaItem } from '../../integrations/publisher.js';
import { PROVIDERS } from '../../integrations/registry.js';
import type { Context } from '../../src/core/context.js';
import { UserError } from '../../src/core/errors.js';
import { defineMessages, iso } from '../../src/core/i18n.js';
import { actions, type Block, context, type Reply, reply, text } from '../../src/core/reply.js';
import { orList } from '../../src/lib/plural.js';
import { dateText, localTime, parseWhen, type WhenResult, writtenDate } from '../../src/lib/when.js';
import { tagPostText } from '../../src/publishing/links/utm.js';
import {
  approvalButtons,
  channelName,
  postDetails,
  ruleProblemsText,
  statusName,
  whenProblemText,
} from '../../src/publishing/schedule-view.js';
import {
  CHANNELS,
  type Channel,
  checkRules,
  type Draft,
  FIRST_COMMENT_CHANNELS,
  limitsOf,
  mediaOf,
  type PostStatus,
  REMINDER,
  type ScheduledPost,
  WAITING,
} from '../../src/publishing/scheduler.js';
import { IntegrationService, isProvider } from '../../src/workspace/integrations.js';
import { loadDraft, type StoredPost } from './drafts.js';
import { collectMedia, hasMedia } from './media.js';
import { isNextSlot, nextSlot } from './slots.js';

export const sm = defineMessages(
  'scheduling',
  {
    scheduledTitle: (p: { channel: string }) => `Scheduled for ${p.channel}`,
    // A reminder is not a network a post goes "on": «جُدول على تذكير» read as a seam.
    reminderScheduled: 'Reminder scheduled',
    awaitingTitle: (p: { channel: string }) => `Waiting for approval: ${p.channel}`,
    ambiguous:
      'This local time happens twice (clocks go back); the first one was taken. Use an ISO time with an offset to choose.',
    twoReadings: (p: { read: string; other: string }) =>
      `Read as ${p.read}. Numbers alone could also mean ${p.other}: if you meant that, edit the post with the month written out.`,
    prayerTime: (p: { phrase: string; time: string }) =>
      `"${p.phrase}" was taken as ${p.time}, an approximation: prayer times move with the season and the city. If you meant another time, edit the post with a clock time.`,
    notConnected: (p: { channel: string; id: string }) =>
      `${p.channel} is not connected yet: an admin can run /connect ${p.id} before the due time.`,
    howToCancel: (p: { id: number }) =>
      `Change it with /schedule edit ${p.id}, cancel it with /schedule cancel ${p.id}.`,
    needsApproval: 'A manager must approve it before it goes out.',
    duplicate: (p: { id: number }) => `The same post is already scheduled as #${p.id}.`,
    notFound: (p: { id: number }) => `There is no post #${p.id} in this workspace.`,
    whichAccount: (p: { channel: string; list: string; example: string }) =>
      `${p.channel} has several connected accounts: ${p.list}. Say which one this post is for with account:, e.g. account:${p.example}`,
    unknownAccount: (p: { channel: string; account: string; list: string }) =>
      `${p.account} is not a connected ${p.channel} account. Connected: ${p.list}.`,
    noAccountYet: (p: { channel: string; account: string }) =>
      `No ${p.channel} account is connected yet, so ${p.account} cannot be checked: an admin can run /connect ${p.channel} account:${p.account} first.`,
    reminderNoAccount: 'The reminder channel has no account: leave account: out.',
    needChannel: (p: { channels: string }) => `Say which channel: channel:${p.channels} (or draft:N for a draft).`,
    noDraft: (p: { id: number }) => `There is no draft #${p.id} in this workspace. Run /draft again.`,
    draftElsewhere: (p: { id: number; channels: string }) => `Draft #${p.id} is for ${p.channels}.`,
    draftAndText: 'A draft brings its own text: leave text out, or change it afterwards with /schedule edit.',
    groupScheduled: (p: { count: number }) => `Scheduled on ${p.count} networks as one group`,
    groupNote: (p: { ids: string }) =>
      `Posts ${p.ids}: each keeps its own status. /schedule cancel or edit on any of them offers to do the same to the group.`,
    cancelGroup: (p: { ids: string }) => `Cancel the rest of its group too (${p.ids})`,
    moveGroup: (p: { ids: string }) => `Move the rest of its group to this time too (${p.ids})`,
    groupCancelled: (p: { ids: string }) => `Cancelled too: ${p.ids}. They will not be published.`,
    groupMoved: (p: { ids: string; when: string }) => `Moved to ${p.when} too: ${p.ids}.`,
    groupNothing: 'The rest of the group has already gone out or been cancelled: nothing changed.',
    groupMembers: (p: { posts: string }) => `Drafted together with ${p.posts}.`,
  },
  {
    scheduledTitle: (p) => `جُدول على ${iso(p.channel)}`,
    reminderScheduled: 'جُدول التذكير',
    awaitingTitle: (p) => `بانتظار الموافقة: ${iso(p.channel)}`,
    ambiguous: 'هذا الوقت المحلي يتكرر مرتين (عند تأخير الساعة)؛ أُخذ الأول. استخدم وقت ISO مع الإزاحة للاختيار.',
    twoReadings: (p) =>
      `فُهم التاريخ على أنه ${iso(p.read)}. الأرقام وحدها قد تعني أيضًا ${iso(p.other)}: إن كنت تقصده فعدّل المنشور واكتب اسم الشهر.`,
    prayerTime: (p) =>
      `«${p.phrase}» وقت تقريبي، أُخذ على أنه ${iso(p.time)}، لأن مواقيت الصلاة تتغير مع الفصول ومن مدينة إلى أخرى. إن كنت تقصد وقتًا آخر فعدّل المنشور واكتب الساعة.`,
    notConnected: (p) => `${p.channel} غير متصل بعد: يستطيع المسؤول تشغيل ${iso(`/connect ${p.id}`)} قبل الموعد.`,
    howToCancel: (p) => `عدّله بالأمر /schedule edit ${iso(p.id)} أو ألغه بالأمر /schedule cancel ${iso(p.id)}.`,
    needsApproval: 'يجب أن يوافق عليه مدير قبل نشره.',
    duplicate: (p) => `المنشور نفسه مجدول بالفعل برقم #${iso(p.id)}.`,
    notFound: (p) => `لا يوجد منشور #${iso(p.id)} في مساحة العمل هذه.`,
    whichAccount: (p) =>
      `لدى ${iso(p.channel)} أكثر من حساب مربوط: ${iso(p.list)}. حدّد الحساب الذي يُنشر عليه هذا المنشور بالخيار account:، مثل ${iso(`account:${p.example}`)}`,
    unknownAccount: (p) =>
      `${iso(p.account)} ليس حسابًا مربوطًا على ${iso(p.channel)}. الحسابات المربوطة: ${iso(p.list)}.`,
    noAccountYet: (p) =>
      `لا يوجد حساب ${iso(p.channel)} مربوط بعد، لذلك لا يمكن التحقق من ${iso(p.account)}: يستطيع المسؤول تشغيل ${iso(`/connect ${p.channel} account:${p.account}`)} أولًا.`,
    reminderNoAccount: 'قناة التذكير لا حساب لها: احذف الخيار account:.',
    needChannel: (p) => `حدّد القناة: channel:${p.channels} (أو draft:N لمسودة).`,
    noDraft: (p) => `لا توجد مسودة #${iso(p.id)} في مساحة العمل هذه. شغّل /draft مرة أخرى.`,
    draftElsewhere: (p) => `المسودة #${iso(p.id)} مكتوبة لـ ${iso(p.channels)}.`,
    draftAndText: 'المسودة تحمل نصها: احذف text، أو عدّله لاحقًا بالأمر /schedule edit.',
    groupScheduled: (p) => `جُدولت المسودة على الشبكات المطلوبة (${iso(p.count)}) كمجموعة واحدة`,
    groupNote: (p) =>
      `المنشورات ${iso(p.ids)}: لكل منشور حالته. الأمر /schedule cancel أو edit على أي منها يعرض تطبيق الشيء نفسه على المجموعة.`,
    cancelGroup: (p) => `ألغِ بقية المجموعة أيضًا (${iso(p.ids)})`,
    moveGroup: (p) => `انقل بقية المجموعة إلى هذا الوقت أيضًا (${iso(p.ids)})`,
    groupCancelled: (p) => `أُلغيت أيضًا: ${iso(p.ids)}. لن تُنشر.`,
    groupMoved: (p) => `نُقلت أيضًا إلى ${p.when}: ${iso(p.ids)}.`,
    groupNothing: 'بقية المجموعة نُشرت أو أُلغيت من قبل: لم يتغير شيء.',
    groupMembers: (p) => `كُتب مع ${iso(p.posts)} في مسودة واحدة.`,
  },
);

const m = sm;

export type ReadWhen = Extract<WhenResult, { ok: true }>;

export function readWhen(value: string, ctx: Context): ReadWhen {
  const r = parseWhen(value, ctx.timezone, ctx.now());
  if (!r.ok) throw new UserError(whenProblemText(r.problem, value, ctx));
  return r;
}

/**
 * What the confirmation says about how a time was read, for a new post and an edited one alike: a
 * local time that happens twice, a numeric date with two readings, a prayer taken as a fixed hour.
 */
export function whenNotes(when: ReadWhen, ctx: Context): Block[] {
  const t = ctx.t(m);
  const notes: Block[] = [];
  if (when.ambiguous) notes.push(context(t.ambiguous));
  if (when.otherReading) {
    const [read, other] = [when.utc, when.otherReading].map((d) => writtenDate(d, ctx.timezone, ctx.locale));
    notes.push(context(t.twoReadings({ read: read ?? '', other: other ?? '' })));
  }
  if (when.prayer) {
    const time = dateText(when.utc, ctx.timezone, ctx.locale, 'stamp');
    notes.push(context(t.prayerTime({ phrase: when.prayer.phrase, time })));
  }
  return notes;
}

export function assertRules(d: Draft, ctx: Context): void {
  const problems = checkRules(d, PROVIDERS, { publicUrl: Boolean(ctx.services.config.PUBLIC_URL) });
  if (problems.length > 0) throw new UserError(ruleProblemsText(problems, d, ctx));
}

/**
 * The account a post on `channel` publishes through: the one named (it must be connected), the only
 * one connected, or none yet (null: the note says to connect one). Several connected and none
 * named: refused with the list, so a post never goes out through an account nobody chose.
 */
export async function chooseAccount(
  channel: Channel,
  named: string | undefined,
  ctx: Context,
): Promise<{ accountId: string | null; connected: boolean }> {
  const t = ctx.t(m);
  if (!isProvider(channel)) {
    if (named) throw new UserError(t.reminderNoAccount);
    return { accountId: null, connected: true };
  }
  const accounts = await ctx.services.integrations.accounts(ctx.workspace.id, channel);
  const list = accounts.map((a) => IntegrationService.label(a)).join(', ');
  if (named) {
    const match = accounts.find((a) => a.accountId === named);
    if (match) return { accountId: match.accountId, connected: true };
    if (accounts.length === 0) throw new UserError(t.noAccountYet({ channel, account: named }));
    throw new UserError(t.unknownAccount({ channel, account: named, list }));
  }
  const [only, ...others] = accounts;
  if (!only) return { accountId: null, connected: false };
  if (others.length === 0) return { accountId: only.accountId, connected: true };
  throw new UserError(t.whichAccount({ channel, list, example: only.accountId }));
}

export async function findPost(ctx: Context, id: number): Promise<ScheduledPost> {
  const post = await ctx.services.scheduler.get(ctx.workspace.id, id);
  if (!post) throw new UserError(ctx.t(m).notFound({ id }));
  return post;
}

export interface ScheduleInput {
  channel?: Channel | undefined;
  when: string;
  text?: string | undefined;
  media?: string | undefined;
  title?: string | undefined;
  account?: string | undefined;
  draft?: number | undefined;
  first_comment?: string | undefined;
  /** The campaign the post belongs to (created when new); its name is the links' utm_campaign. */
  campaign?: string | undefined;
}

export async function schedule(input: ScheduleInput, ctx: Context): Promise<Reply> {
  const t = ctx.t(m);
  if (input.draft !== undefined) {
    if (input.text !== undefined) throw new UserError(t.draftAndText);
    return scheduleDraft(input.draft, input, ctx);
  }
  // Every network the registry knows, so a new one is offered as soon as it is added.
  if (!input.channel) throw new UserError(t.needChannel({ channels: orList(CHANNELS, ctx.locale) }));
  const media = await collectMedia(input.media, ctx);
  return scheduleGroup([{ ...input, channel: input.channel, media }], input, ctx);
}

/**
 * Schedules a draft kept by /draft exactly as written (its text, its title or subject), asking only
 * for the time; a draft for several networks becomes one post per network, sharing a group id.
 * `only` picks one network of the draft.
 */
export async function scheduleDraft(
  id: number,
  input: Pick<ScheduleInput, 'when' | 'media' | 'account' | 'channel' | 'title' | 'first_comment' | 'campaign'>,
  ctx: Context,
): Promise<Reply> {
  const t = ctx.t(m);
  const posts = await loadDraft(ctx, id);
  if (!posts) throw new UserError(t.noDraft({ id }));
  const chosen = input.channel ? posts.filter((p) => p.channel === input.channel) : posts;
  if (chosen.length === 0) {
    throw new UserError(t.draftElsewhere({ id, channels: posts.map((p) => channelName(p.channel, ctx)).join(', ') }));
  }
  const one = chosen.length === 1;
  const media = hasMedia(input.media, ctx) ? await collectMedia(input.media, ctx) : [];
  return scheduleGroup(
    chosen.map((p: StoredPost) => ({
      channel: p.channel,
      text: p.text,
      title: (one ? input.title : undefined) ?? p.title ?? p.subject,
      // The email's inbox preview, as /draft wrote it (Mailchimp settings.preview_text).
      ...(p.preview ? { previewText: p.preview } : {}),
      // Media goes to the networks that take it; an email never carries the picture.
      media: takesMedia(p.channel) ? media : [],
    })),
    input,
    ctx,
  );
}

/** A network that publishes pictures or videos (an email or a reminder carries none from a draft). */
function takesMedia(channel: Channel): boolean {
  // Mailchimp takes linked pictures when asked for one post, but a draft's social picture is not the
  // email's, and a file from chat without PUBLIC_URL would stop the whole group over the email.
  if (channel === 'mailchimp') return false;
  const limits = limitsOf(channel);
  return Boolean(limits?.media || limits?.mediaKinds || limits?.files || limits?.text.required === 'withoutMedia');
}

/** Every post is checked (rules, time, account, duplicate) before any is created. */
async function scheduleGroup(
  items: Array<{
    channel: Channel;
    text?: string | undefined;
    title?: string | undefined;
    previewText?: string | undefined;
    media: MediaItem[];
  }>,
  input: Pick<ScheduleInput, 'when' | 'account' | 'first_comment' | 'campaign'>,
  ctx: Context,
): Promise<Reply> {
  const t = ctx.t(m);
  const when = isNextSlot(input.when)
    ? await nextSlot(
        input.when,
        items.map((i) => i.channel),
        ctx,
      )
    : readWhen(input.when, ctx);
  const campaign = input.campaign?.trim() || null;
  // Links are tagged now, so the answer shows what goes out and the length rules count the tags.
  const tag = (s: string, channel: Channel) =>
    tagPostText(
      s,
      { channel, campaign, publishAt: when.utc },
      { timezone: ctx.timezone, utmTagging: ctx.workspace.utmTagging },
    );
  const firstComment = input.first_comment?.trim();
  // A group for several networks comments first on those that take a first comment; alone, the rules refuse it elsewhere.
  const commentsOn = (channel: Channel) =>
    firstComment && (items.length === 1 || FIRST_COMMENT_CHANNELS.includes(channel))
      ? { firstComment: tag(firstComment, channel) }
      : {};
  const scheduler = ctx.services.scheduler;
  const ready: Array<{ draft: Draft; connected: boolean }> = [];
  for (const item of items) {
    const draft: Draft = {
      channel: item.channel,
      content: tag(item.text ?? '', item.channel),
      title: item.title ?? null,
      media: item.media,
      publishAt: when.utc,
    };
    const options = { ...commentsOn(item.channel), ...(item.previewText ? { previewText: item.previewText } : {}) };
    if (Object.keys(options).length > 0) draft.options = options;
    assertRules(draft, ctx);
    // account: names one network's account; in a group it applies to the network it belongs to.
    const named = items.length === 1 ? input.account : undefined;
    const account = await chooseAccount(item.channel, named, ctx);
    draft.accountId = account.accountId;
    const duplicate = await scheduler.findDuplicate(ctx.workspace.id, draft);
    if (duplicate) throw new UserError(t.duplicate({ id: duplicate.id }));
    ready.push({ draft, connected: account.connected });
  }
  const groupId = ready.length > 1 ? randomUUID() : undefined;
  const campaignId = campaign
    ? (await scheduler.campaign(ctx.workspace.id, campaign, ctx.workspace.currency)).id
    : undefined;
  const awaiting = ctx.workspace.requireApproval;
  const created: ScheduledPost[] = [];
  for (const { draft } of ready) {
    const post = await scheduler.create(
      ctx.workspace.id,
      { ...draft, groupId, campaignId },
      ctx.member.externalId,
      awaiting,
    );
    await ctx.services.audit.record(ctx, 'post.schedule', `post:${post.id}`, {
      channel: post.channel,
      ...(post.accountId ? { account: post.accountId } : {}),
      ...(groupId ? { group: groupId } : {}),
      publishAt: post.publishAt.toISOString(),
    });
    created.push(post);
  }
  // A slot was picked (its note says which); a typed time says how it was read.
  const notes: Block[] = 'note' in when ? [context(when.note)] : whenNotes(when, ctx);
  for (const r of ready) {
    if (!r.connected) {
      notes.push(context(t.notConnected({ channel: channelName(r.draft.channel, ctx), id: r.draft.channel })));
    }
  }
  const [first] = created;
  if (!first) throw new Error('nothing to schedule');
  if (created.length > 1) notes.push(context(t.groupNote({ ids: created.map((p) => `#${p.id}`).join(', ') })));
  notes.push(context(awaiting ? t.needsApproval : t.howToCancel({ id: first.id })));
  const title =
    created.length > 1
      ? t.groupScheduled({ count: created.length })
      : awaiting
        ? t.awaitingTitle({ channel: channelName(first.channel, ctx) })
        : first.channel === REMINDER
          ? t.reminderScheduled
          : t.scheduledTitle({ channel: channelName(first.channel, ctx) });
  const details = created.flatMap((p) => postDetails(p, ctx));
  // Approve and Reject act on one post: a group's posts are approved one by one from /schedule show.
  const buttons = awaiting && created.length === 1 ? approvalButtons(first.id, ctx) : [];
  return reply(title, [...details, ...notes, ...(buttons.length > 0 ? [actions(buttons)] : [])], {
    tone: awaiting ? 'info' : 'success',
  });
}

/** The other posts of a post's group that can still change (none when it has no group). */
export async function waitingSiblings(post: ScheduledPost, ctx: Context): Promise<ScheduledPost[]> {
  if (!post.groupId) return [];
  const group = await ctx.services.scheduler.inGroup(ctx.workspace.id, post.groupId);
  return group.filter((p) => p.id !== post.id && WAITING.includes(p.status as PostStatus));
}

export const idList = (posts: readonly ScheduledPost[]) => posts.map((p) => `#${p.id}`).join(', ');

/** Cancels, or moves to `post`'s time, the rest of its group; each post keeps its own status. */
export async function applyToGroup(id: number, change: 'cancel' | 'move', ctx: Context): Promise<Reply> {
  const t = ctx.t(m);
  const post = await findPost(ctx, id);
  const done: ScheduledPost[] = [];
  for (const sibling of await waitingSiblings(post, ctx)) {
    const result =
      change === 'cancel'
        ? await ctx.services.scheduler.cancel(ctx.workspace.id, sibling.id)
        : await ctx.services.scheduler.edit(
            ctx.workspace.id,
            sibling.id,
            {
              channel: sibling.channel as Channel,
              content: sibling.content,
              title: sibling.title,
              media: mediaOf(sibling),
              publishAt: post.publishAt,
            },
            ctx.workspace.requireApproval,
          );
    if (!result.ok) continue;
    await ctx.services.audit.record(ctx, change === 'cancel' ? 'post.cancel' : 'post.edit', `post:${sibling.id}`, {
      group: post.groupId,
      ...(change === 'move' ? { from: sibling.publishAt.toISOString(), to: post.publishAt.toISOString() } : {}),
    });
    done.push(sibling);
  }
  if (done.length === 0) throw new UserError(t.groupNothing);
  const message =
    change === 'cancel'
      ? t.groupCancelled({ ids: idList(done) })
      : t.groupMoved({
          ids: idList(done),
          when: iso(`${localTime(post.publishAt, ctx.timezone, ctx.locale)} (${ctx.timezone})`),
        });
  return reply(undefined, [text(message)], { tone: 'success', replaceOriginal: true });
}

/** "Drafted together with #4 (Instagram, scheduled), #5 (Mailchimp, cancelled)": a post's group. */
export async function groupNote(post: ScheduledPost, ctx: Context): Promise<Block[]> {
  if (!post.groupId) return [];
  const others = (await ctx.services.scheduler.inGroup(ctx.workspace.id, post.groupId)).filter((p) => p.id !== post.id);
  if (others.length === 0) return [];
  const posts = others.map((p) => `#${p.id} (${channelName(p.channel, ctx)}, ${statusName(p.status, ctx)})`).join(', ');
  return [context(ctx.t(sm).groupMembers({ posts }))];
}
