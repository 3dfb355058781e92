import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { action, defineCommand, sub } from '../src/core/command.js';
import type { Context } from '../src/core/context.js';
import { UserError } from '../src/core/errors.js';
import { defineMessages, iso } from '../src/core/i18n.js';
import { opt, required } from '../src/core/options.js';
import { actions, type Block, context, type Reply, reply, text } from '../src/core/reply.js';
import { localTime, parseWhen } from '../src/lib/when.js';
import {
  approvalButtons,
  calendar,
  channelName,
  postDetails,
  ruleProblemsText,
  statusName,
  whenProblemText,
} from '../src/publishing/schedule-view.js';
import {
  CHANNELS,
  type Channel,
  checkRules,
  type Draft,
  limitsOf,
  mediaFromUrl,
  mediaOf,
  type PostStatus,
  type ScheduledPost,
  WAITING,
} from '../src/publishing/scheduler.js';
import { IntegrationService, isProvider } from '../src/workspace/integrations.js';
import { loadDraft, type StoredPost } from './shared/drafts.js';

const m = defineMessages(
  'schedule',
  {
    scheduledTitle: (p: { channel: string }) => `Scheduled for ${p.channel}`,
    awaitingTitle: (p: { channel: string }) => `Waiting for approval: ${p.channel}`,
    ambiguous:
      'This local time happens twice (clocks go back); the first one was taken. Use an ISO time with an offset to choose.',
    notConnected: (p: { channel: string }) =>
      `${p.channel} is not connected yet: an admin can run /connect ${p.channel} before the due time.`,
    howToCancel: (p: { id: number }) =>
      `Change it with /schedule edit ${p.id}, cancel it with /schedule cancel ${p.id}.`,
    needsApproval: 'A manager must approve it before it goes out.',
    duplicate: (p: { id: number }) => `The same post is already scheduled as #${p.id}.`,
    notFound: (p: { id: number }) => `There is no post #${p.id} in this workspace.`,
    tooLate: (p: { id: number; status: string }) => `Post #${p.id} can no longer be changed: it is ${p.status}.`,
    nothingToEdit: 'Say what to change: when:"…", text:"…", title:"…", media:https://… or account:…',
    edited: (p: { id: number }) => `Post #${p.id} updated.`,
    cancelled: (p: { id: number }) => `Post #${p.id} cancelled. It will not be published.`,
    approved: (p: { id: number; who: string }) => `Post #${p.id} approved by ${p.who}. It goes out at its time.`,
    approvedLate: 'Its time has passed: it goes out within a few seconds.',
    rejected: (p: { id: number; who: string }) => `Post #${p.id} rejected by ${p.who}. It will not be published.`,
    resolvedPublished: (p: { id: number }) => `Post #${p.id} marked as published. Nothing will be sent.`,
    resolvedRetry: (p: { id: number }) => `Post #${p.id} will be published again within a few seconds.`,
    notUnknown: (p: { id: number; status: string }) =>
      `Post #${p.id} is ${p.status}; only a post with an unknown outcome can be resolved.`,
    whichAccount: (p: { channel: string; list: string; example: string }) =>
      `${p.channel} has several connected accounts: ${p.list}. Say which one this post is for with account:, e.g. account:${p.example}`,
    unknownAccount: (p: { channel: string; account: string; list: string }) =>
      `${p.account} is not a connected ${p.channel} account. Connected: ${p.list}.`,
    noAccountYet: (p: { channel: string; account: string }) =>
      `No ${p.channel} account is connected yet, so ${p.account} cannot be checked: an admin can run /connect ${p.channel} account:${p.account} first.`,
    reminderNoAccount: 'The reminder channel has no account: leave account: out.',
    needChannel:
      'Say which channel: channel:instagram, facebook, youtube, mailchimp or reminder (or draft:N for a draft).',
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
  },
  {
    scheduledTitle: (p) => `جُدول على ${iso(p.channel)}`,
    awaitingTitle: (p) => `بانتظار الموافقة: ${iso(p.channel)}`,
    ambiguous: 'هذا الوقت المحلي يتكرر مرتين (عند تأخير الساعة)؛ أُخذ الأول. استخدم وقت ISO مع الإزاحة للاختيار.',
    notConnected: (p) => `${iso(p.channel)} غير متصل بعد: يستطيع المسؤول تشغيل /connect ${iso(p.channel)} قبل الموعد.`,
    howToCancel: (p) => `عدّله بالأمر /schedule edit ${iso(p.id)} أو ألغه بالأمر /schedule cancel ${iso(p.id)}.`,
    needsApproval: 'يجب أن يوافق عليه مدير قبل نشره.',
    duplicate: (p) => `المنشور نفسه مجدول بالفعل برقم #${iso(p.id)}.`,
    notFound: (p) => `لا يوجد منشور #${iso(p.id)} في مساحة العمل هذه.`,
    tooLate: (p) => `لم يعد ممكنًا تغيير المنشور #${iso(p.id)}: حالته ${p.status}.`,
    nothingToEdit: 'اذكر ما تريد تغييره: when:"…" أو text:"…" أو title:"…" أو media:https://… أو account:…',
    edited: (p) => `حُدّث المنشور #${iso(p.id)}.`,
    cancelled: (p) => `أُلغي المنشور #${iso(p.id)}. لن يُنشر.`,
    approved: (p) => `وافق ${p.who} على المنشور #${iso(p.id)}. سيُنشر في موعده.`,
    approvedLate: 'فات موعده: سيُنشر خلال ثوانٍ.',
    rejected: (p) => `رفض ${p.who} المنشور #${iso(p.id)}. لن يُنشر.`,
    resolvedPublished: (p) => `عُلّم المنشور #${iso(p.id)} كمنشور. لن يُرسل شيء.`,
    resolvedRetry: (p) => `سيُنشر المنشور #${iso(p.id)} مجددًا خلال ثوانٍ.`,
    notUnknown: (p) => `حالة المنشور #${iso(p.id)} ${p.status}؛ لا يُحسم إلا منشور نتيجته غير معروفة.`,
    whichAccount: (p) =>
      `لدى ${iso(p.channel)} أكثر من حساب مربوط: ${iso(p.list)}. حدّد الحساب الذي يُنشر عليه هذا المنشور بالخيار account:، مثل ${iso(`account:${p.example}`)}`,
    unknownAccount: (p) =>
      `${iso(p.account)} ليس حسابًا مربوطًا على ${iso(p.channel)}. الحسابات المربوطة: ${iso(p.list)}.`,
    noAccountYet: (p) =>
      `لا يوجد حساب ${iso(p.channel)} مربوط بعد، لذلك لا يمكن التحقق من ${iso(p.account)}: يستطيع المسؤول تشغيل ${iso(`/connect ${p.channel} account:${p.account}`)} أولًا.`,
    reminderNoAccount: 'قناة التذكير لا حساب لها: احذف الخيار account:.',
    needChannel: 'حدّد القناة: channel:instagram أو facebook أو youtube أو mailchimp أو reminder (أو draft:N لمسودة).',
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
  },
);

const postId = (positional = true) =>
  required(
    opt.integer({
      label: { en: 'Post number', ar: 'رقم المنشور' },
      description: { en: 'The number shown by /schedule list', ar: 'الرقم الظاهر في /schedule list' },
      positional,
      min: 1,
    }),
  );

const whenOpt = (positional: boolean) =>
  opt.string({
    label: { en: 'When', ar: 'متى' },
    description: {
      en: 'e.g. tomorrow 9am, next monday 10:00, in 2 hours, 2026-12-01 09:00',
      ar: 'مثل غدًا 9 صباحًا أو الخميس القادم 10:00 أو بعد ساعتين أو 2026-12-01 09:00',
    },
    positional,
    greedy: positional,
    maxLength: 80,
  });

const textOpt = opt.text({
  label: { en: 'Text', ar: 'النص' },
  description: { en: 'Caption, post text or email body', ar: 'التعليق أو نص المنشور أو نص الرسالة' },
  maxLength: 6000,
});
const mediaOpt = opt.url({
  label: { en: 'Media URL', ar: 'رابط الوسائط' },
  description: { en: 'A public https:// image or video', ar: 'رابط https:// عام لصورة أو فيديو' },
});
const accountOpt = opt.string({
  label: { en: 'Account', ar: 'الحساب' },
  description: {
    en: 'Which connected account (page, Instagram account, channel or audience id), when there are several',
    ar: 'أي حساب مربوط (معرّف الصفحة أو حساب إنستغرام أو القناة أو الجمهور) عند وجود أكثر من حساب',
  },
  maxLength: 100,
});
const titleOpt = opt.string({
  label: { en: 'Title / subject', ar: 'العنوان / الموضوع' },
  description: { en: 'YouTube title or Mailchimp subject', ar: 'عنوان يوتيوب أو موضوع Mailchimp' },
  maxLength: 200,
});

function readWhen(value: string, ctx: Context): { utc: Date; ambiguous: boolean } {
  const r = parseWhen(value, ctx.timezone, ctx.now());
  if (!r.ok) throw new UserError(whenProblemText(r.problem, value, ctx));
  return r;
}

function assertRules(d: Draft, ctx: Context): void {
  const problems = checkRules(d);
  if (problems.length > 0) throw new UserError(ruleProblemsText(problems, d, ctx));
}

/**
 * The account a post on `channel` publishes through: the one named (it must be connected), the only
 * one connected, or none yet (null: the note says to connect one). Several connected and none
 * named: refused with the list, so a post never goes out through an account nobody chose.
 */
async function chooseAccount(
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

async function findPost(ctx: Context, id: number): Promise<ScheduledPost> {
  const post = await ctx.services.scheduler.get(ctx.workspace.id, id);
  if (!post) throw new UserError(ctx.t(m).notFound({ id }));
  return post;
}

interface ScheduleInput {
  channel?: Channel | undefined;
  when: string;
  text?: string | undefined;
  media?: string | undefined;
  title?: string | undefined;
  account?: string | undefined;
  draft?: number | undefined;
}

async function schedule(input: ScheduleInput, ctx: Context): Promise<Reply> {
  const t = ctx.t(m);
  if (input.draft !== undefined) {
    if (input.text !== undefined) throw new UserError(t.draftAndText);
    return scheduleDraft(input.draft, input, ctx);
  }
  if (!input.channel) throw new UserError(t.needChannel);
  return scheduleGroup([{ ...input, channel: input.channel }], input, ctx);
}

/**
 * Schedules a draft kept by /draft exactly as written (its text, its title or subject), asking only
 * for the time; a draft for several networks becomes one post per network, sharing a group id.
 * `only` picks one network of the draft.
 */
export async function scheduleDraft(
  id: number,
  input: Pick<ScheduleInput, 'when' | 'media' | 'account' | 'channel' | 'title'>,
  ctx: Context,
): Promise<Reply> {
  const t = ctx.t(m);
  const posts = await loadDraft(ctx, id);
  if (!posts) throw new UserError(t.noDraft({ id }));
  const chosen = input.channel ? posts.filter((p) => p.channel === input.channel) : posts;
  if (chosen.length === 0) {
    throw new UserError(t.draftElsewhere({ id, channels: posts.map((p) => channelName(p.channel)).join(', ') }));
  }
  const one = chosen.length === 1;
  return scheduleGroup(
    chosen.map((p: StoredPost) => ({
      channel: p.channel,
      text: p.text,
      title: (one ? input.title : undefined) ?? p.title ?? p.subject,
      // Media goes to the networks that take it; an email never carries the picture.
      media: input.media && limitsOf(p.channel)?.media ? input.media : undefined,
    })),
    input,
    ctx,
  );
}

/** Every post is checked (rules, time, account, duplicate) before any is created. */
async function scheduleGroup(
  items: Array<{ channel: Channel; text?: string | undefined; title?: string | undefined; media?: string | undefined }>,
  input: Pick<ScheduleInput, 'when' | 'account'>,
  ctx: Context,
): Promise<Reply> {
  const t = ctx.t(m);
  const when = readWhen(input.when, ctx);
  const scheduler = ctx.services.scheduler;
  const ready: Array<{ draft: Draft; connected: boolean }> = [];
  for (const item of items) {
    const draft: Draft = {
      channel: item.channel,
      content: item.text ?? '',
      title: item.title ?? null,
      media: item.media ? [mediaFromUrl(item.media)] : [],
      publishAt: when.utc,
    };
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
  const awaiting = ctx.workspace.requireApproval;
  const created: ScheduledPost[] = [];
  for (const { draft } of ready) {
    const post = await scheduler.create(ctx.workspace.id, { ...draft, groupId }, ctx.member.externalId, awaiting);
    await ctx.services.audit.record(ctx, 'post.schedule', `post:${post.id}`, {
      channel: post.channel,
      ...(post.accountId ? { account: post.accountId } : {}),
      ...(groupId ? { group: groupId } : {}),
      publishAt: post.publishAt.toISOString(),
    });
    created.push(post);
  }
  const notes: Block[] = [];
  if (when.ambiguous) notes.push(context(t.ambiguous));
  for (const r of ready) if (!r.connected) notes.push(context(t.notConnected({ channel: r.draft.channel })));
  const [first] = created;
  if (!first) throw new Error('nothing to schedule');
  if (created.length > 1) notes.push(context(t.groupNote({ ids: created.map((p) => `#${p.id}`).join(', ') })));
  notes.push(context(awaiting ? t.needsApproval : t.howToCancel({ id: first.id })));
  const title =
    created.length > 1
      ? t.groupScheduled({ count: created.length })
      : awaiting
        ? t.awaitingTitle({ channel: channelName(first.channel) })
        : t.scheduledTitle({ channel: channelName(first.channel) });
  const details = created.flatMap((p) => postDetails(p, ctx));
  // Approve and Reject act on one post: a group's posts are approved one by one from /schedule show.
  const buttons = awaiting && created.length === 1 ? approvalButtons(first.id, ctx) : [];
  return reply(title, [...details, ...notes, ...(buttons.length > 0 ? [actions(buttons)] : [])], {
    tone: awaiting ? 'info' : 'success',
  });
}

/** The other posts of a post's group that can still change (none when it has no group). */
async function waitingSiblings(post: ScheduledPost, ctx: Context): Promise<ScheduledPost[]> {
  if (!post.groupId) return [];
  const group = await ctx.services.scheduler.inGroup(ctx.workspace.id, post.groupId);
  return group.filter((p) => p.id !== post.id && WAITING.includes(p.status as PostStatus));
}

const idList = (posts: readonly ScheduledPost[]) => posts.map((p) => `#${p.id}`).join(', ');

/** Cancels, or moves to `post`'s time, the rest of its group; each post keeps its own status. */
async function applyToGroup(id: number, change: 'cancel' | 'move', ctx: Context): Promise<Reply> {
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
  if (done.length === 0) return reply(undefined, [text(t.groupNothing)], { tone: 'info' });
  const message =
    change === 'cancel'
      ? t.groupCancelled({ ids: idList(done) })
      : t.groupMoved({
          ids: idList(done),
          when: iso(`${localTime(post.publishAt, ctx.timezone, ctx.locale)} (${ctx.timezone})`),
        });
  return reply(undefined, [text(message)], { tone: 'success', replaceOriginal: true });
}

async function resolve(id: number, outcome: 'published' | 'retry', ctx: Context): Promise<Reply> {
  const t = ctx.t(m);
  const post = await findPost(ctx, id);
  const result = await ctx.services.scheduler.resolve(ctx.workspace.id, id, outcome, ctx.now());
  if (!result.ok)
    throw new UserError(t.notUnknown({ id, status: statusName(result.post?.status ?? post.status, ctx) }));
  await ctx.services.audit.record(ctx, 'post.resolve', `post:${id}`, { outcome });
  return reply(undefined, [text(outcome === 'published' ? t.resolvedPublished({ id }) : t.resolvedRetry({ id }))], {
    tone: 'success',
    replaceOriginal: true,
  });
}

async function decide(id: number, approve: boolean, ctx: Context): Promise<Reply> {
  const t = ctx.t(m);
  await findPost(ctx, id);
  const now = ctx.now();
  const result = await ctx.services.scheduler.decide(ctx.workspace.id, id, approve, ctx.member.externalId, now);
  if (!result.ok) throw new UserError(t.tooLate({ id, status: statusName(result.post?.status ?? '', ctx) }));
  await ctx.services.audit.record(ctx, approve ? 'post.approve' : 'post.reject', `post:${id}`);
  const who = ctx.member.name || ctx.member.externalId;
  const blocks = [text(approve ? t.approved({ id, who }) : t.rejected({ id, who }))];
  if (approve && result.post.publishAt <= now) blocks.push(context(t.approvedLate));
  return reply(undefined, blocks, { tone: approve ? 'success' : 'info', replaceOriginal: true });
}

const idPayload = z
  .string()
  .regex(/^\d{1,12}$/)
  .transform(Number);

export default defineCommand({
  name: 'schedule',
  description: {
    en: 'Schedule posts to social networks and email, and manage them',
    ar: 'جدولة المنشورات على الشبكات والبريد وإدارتها',
  },
  defaultSubcommand: 'add',
  subcommands: {
    add: sub({
      description: { en: 'Schedule a post', ar: 'جدولة منشور' },
      allow: ['manager', 'social'],
      pipe: 'text',
      examples: [
        'instagram tomorrow 9am media:https://example.com/cup.jpg | New cold brew is here #coffee',
        'channel:mailchimp when:"next monday 10:00" title:"November news" text:"Hello!"',
        'reminder in 2 hours | Post the launch story',
      ],
      options: {
        channel: opt.choice(CHANNELS, {
          label: { en: 'Channel', ar: 'القناة' },
          description: {
            en: 'instagram, facebook, youtube, mailchimp or reminder (a draft:N brings its own)',
            ar: 'instagram أو facebook أو youtube أو mailchimp أو reminder (المسودة draft:N تحدد قناتها)',
          },
          positional: true,
        }),
        draft: opt.integer({
          label: { en: 'Draft number', ar: 'رقم المسودة' },
          description: {
            en: 'A /draft to schedule exactly as written (all its networks, or the channel named)',
            ar: 'مسودة من /draft تُجدول كما كُتبت (على كل شبكاتها، أو على القناة المحددة)',
          },
          min: 1,
        }),
        text: textOpt,
        media: mediaOpt,
        title: titleOpt,
        account: accountOpt,
        when: required(whenOpt(true)),
      },
      handler: (input, ctx) => schedule(input, ctx),
    }),
    list: sub({
      description: { en: 'The next 14 days as a calendar', ar: 'الأيام الأربعة عشر القادمة كتقويم' },
      options: {},
      async handler(_input, ctx) {
        const now = ctx.now();
        const until = new Date(now.getTime() + 14 * 86_400_000);
        return calendar(await ctx.services.scheduler.window(ctx.workspace.id, now, until), now, ctx);
      },
    }),
    show: sub({
      description: { en: 'Show one post', ar: 'عرض منشور' },
      examples: ['show 12'],
      options: { id: postId() },
      async handler({ id }, ctx) {
        const post = await findPost(ctx, id);
        const extra = post.status === 'awaiting_approval' ? [actions(approvalButtons(post.id, ctx))] : [];
        return reply(`${channelName(post.channel)} #${post.id}`, [...postDetails(post, ctx), ...extra]);
      },
    }),
    edit: sub({
      description: { en: 'Change the time or text of a post not yet sent', ar: 'تغيير وقت أو نص منشور لم يُرسل بعد' },
      allow: ['manager', 'social'],
      pipe: 'text',
      examples: ['edit 12 when:"friday 5pm"', 'edit 12 | New caption', 'edit 12 account:222'],
      options: {
        id: postId(),
        when: whenOpt(false),
        text: textOpt,
        title: titleOpt,
        media: mediaOpt,
        account: accountOpt,
      },
      async handler(input, ctx) {
        const t = ctx.t(m);
        const post = await findPost(ctx, input.id);
        if (!input.when && input.text === undefined && !input.title && !input.media && !input.account)
          throw new UserError(t.nothingToEdit);
        if (!WAITING.includes(post.status as PostStatus)) {
          throw new UserError(t.tooLate({ id: post.id, status: statusName(post.status, ctx) }));
        }
        const draft: Draft = {
          channel: post.channel as Channel,
          content: input.text ?? post.content,
          title: input.title ?? post.title,
          media: input.media ? [mediaFromUrl(input.media)] : mediaOf(post),
          publishAt: input.when ? readWhen(input.when, ctx).utc : post.publishAt,
        };
        assertRules(draft, ctx);
        if (input.account) draft.accountId = (await chooseAccount(draft.channel, input.account, ctx)).accountId;
        // An approved post that changes must be approved again.
        const awaiting = ctx.workspace.requireApproval;
        const result = await ctx.services.scheduler.edit(ctx.workspace.id, post.id, draft, awaiting);
        if (!result.ok)
          throw new UserError(t.tooLate({ id: post.id, status: statusName(result.post?.status ?? '', ctx) }));
        await ctx.services.audit.record(ctx, 'post.edit', `post:${post.id}`, {
          from: post.publishAt.toISOString(),
          to: draft.publishAt.toISOString(),
          ...(draft.accountId && draft.accountId !== post.accountId ? { account: draft.accountId } : {}),
        });
        const buttons = awaiting ? approvalButtons(post.id, ctx) : [];
        // A new time can go to the whole group; a new text belongs to this network only.
        const siblings = input.when ? await waitingSiblings(result.post, ctx) : [];
        if (siblings.length > 0) {
          buttons.push({
            id: 'schedule.moveGroup',
            label: t.moveGroup({ ids: idList(siblings) }),
            payload: String(post.id),
          });
        }
        return reply(
          t.edited({ id: post.id }),
          [...postDetails(result.post, ctx), ...(buttons.length > 0 ? [actions(buttons)] : [])],
          { tone: 'success' },
        );
      },
    }),
    cancel: sub({
      description: { en: 'Cancel a post not yet sent', ar: 'إلغاء منشور لم يُرسل بعد' },
      allow: ['manager', 'social'],
      examples: ['cancel 12'],
      options: { id: postId() },
      async handler({ id }, ctx) {
        const t = ctx.t(m);
        await findPost(ctx, id);
        const result = await ctx.services.scheduler.cancel(ctx.workspace.id, id);
        if (!result.ok) throw new UserError(t.tooLate({ id, status: statusName(result.post?.status ?? '', ctx) }));
        await ctx.services.audit.record(ctx, 'post.cancel', `post:${id}`);
        const siblings = await waitingSiblings(result.post, ctx);
        const offer =
          siblings.length > 0
            ? [
                actions([
                  {
                    id: 'schedule.cancelGroup',
                    label: t.cancelGroup({ ids: idList(siblings) }),
                    payload: String(id),
                    style: 'danger' as const,
                  },
                ]),
              ]
            : [];
        return reply(undefined, [text(t.cancelled({ id })), ...offer], { tone: 'success' });
      },
    }),
    resolve: sub({
      description: { en: 'Settle a post whose outcome is unknown', ar: 'حسم منشور نتيجته غير معروفة' },
      allow: ['manager', 'social'],
      examples: ['resolve 12 published', 'resolve 12 retry'],
      options: {
        id: postId(),
        outcome: required(
          opt.choice(['published', 'retry'] as const, {
            label: { en: 'Outcome', ar: 'النتيجة' },
            description: {
              en: 'published (it went out) or retry (it did not)',
              ar: 'published (نُشر) أو retry (لم يُنشر)',
            },
            positional: true,
          }),
        ),
      },
      handler: ({ id, outcome }, ctx) => resolve(id, outcome, ctx),
    }),
  },
  actions: {
    approve: action({ payload: idPayload, allow: ['manager'], handler: (id, ctx) => decide(id, true, ctx) }),
    cancelGroup: action({
      payload: idPayload,
      allow: ['manager', 'social'],
      handler: (id, ctx) => applyToGroup(id, 'cancel', ctx),
    }),
    moveGroup: action({
      payload: idPayload,
      allow: ['manager', 'social'],
      handler: (id, ctx) => applyToGroup(id, 'move', ctx),
    }),
    reject: action({ payload: idPayload, allow: ['manager'], handler: (id, ctx) => decide(id, false, ctx) }),
    resolve: action({
      payload: z
        .string()
        .regex(/^\d{1,12}:(published|retry)$/)
        .transform((s) => {
          const [id, outcome] = s.split(':');
          return { id: Number(id), outcome: outcome as 'published' | 'retry' };
        }),
      allow: ['manager', 'social'],
      handler: ({ id, outcome }, ctx) => resolve(id, outcome, ctx),
    }),
  },
});
