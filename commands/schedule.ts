import { z } from 'zod';
import { action, defineCommand, sub } from '../src/core/command.js';
import type { Context } from '../src/core/context.js';
import { UserError } from '../src/core/errors.js';
import { defineMessages, iso } from '../src/core/i18n.js';
import { opt, required } from '../src/core/options.js';
import { actions, type Block, context, type Reply, reply, text } from '../src/core/reply.js';
import { parseWhen, writtenDate } from '../src/lib/when.js';
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
  mediaFromUrl,
  mediaOf,
  type PostStatus,
  type ScheduledPost,
  WAITING,
} from '../src/publishing/scheduler.js';
import { IntegrationService, isProvider } from '../src/workspace/integrations.js';

const m = defineMessages(
  'schedule',
  {
    scheduledTitle: (p: { channel: string }) => `Scheduled for ${p.channel}`,
    awaitingTitle: (p: { channel: string }) => `Waiting for approval: ${p.channel}`,
    twoReadings: (p: { read: string; other: string }) =>
      `Read as ${p.read}. Numbers alone could also mean ${p.other}: if you meant that, edit the post with the month written out.`,
    ambiguous:
      'This local time happens twice (clocks go back); the first one was taken. Use an ISO time with an offset to choose.',
    notConnected: (p: { channel: string; id: string }) =>
      `${p.channel} is not connected yet: an admin can run /connect ${p.id} before the due time.`,
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
  },
  {
    scheduledTitle: (p) => `جُدول على ${p.channel}`,
    awaitingTitle: (p) => `بانتظار الموافقة: ${p.channel}`,
    twoReadings: (p) =>
      `فُهم التاريخ على أنه ${iso(p.read)}. الأرقام وحدها قد تعني أيضًا ${iso(p.other)}: إن كنت تقصده فعدّل المنشور واكتب اسم الشهر.`,
    ambiguous: 'هذا الوقت المحلي يتكرر مرتين (عند تأخير الساعة)؛ أُخذ الأول. استخدم وقت ISO مع الإزاحة للاختيار.',
    notConnected: (p) => `${p.channel} غير متصل بعد: يستطيع المسؤول تشغيل ${iso(`/connect ${p.id}`)} قبل الموعد.`,
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

function readWhen(value: string, ctx: Context): { utc: Date; ambiguous: boolean; otherReading?: Date } {
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

async function schedule(
  input: {
    channel: Channel;
    when: string;
    text?: string | undefined;
    media?: string | undefined;
    title?: string | undefined;
    account?: string | undefined;
  },
  ctx: Context,
): Promise<Reply> {
  const t = ctx.t(m);
  const when = readWhen(input.when, ctx);
  const draft: Draft = {
    channel: input.channel,
    content: input.text ?? '',
    title: input.title ?? null,
    media: input.media ? [mediaFromUrl(input.media)] : [],
    publishAt: when.utc,
  };
  assertRules(draft, ctx);
  const account = await chooseAccount(input.channel, input.account, ctx);
  draft.accountId = account.accountId;
  const scheduler = ctx.services.scheduler;
  const duplicate = await scheduler.findDuplicate(ctx.workspace.id, draft);
  if (duplicate) throw new UserError(t.duplicate({ id: duplicate.id }));
  const awaiting = ctx.workspace.requireApproval;
  const post = await scheduler.create(ctx.workspace.id, draft, ctx.member.externalId, awaiting);
  await ctx.services.audit.record(ctx, 'post.schedule', `post:${post.id}`, {
    channel: post.channel,
    ...(post.accountId ? { account: post.accountId } : {}),
    publishAt: post.publishAt.toISOString(),
  });
  const notes: Block[] = [];
  if (when.ambiguous) notes.push(context(t.ambiguous));
  if (when.otherReading) {
    const [read, other] = [when.utc, when.otherReading].map((d) => writtenDate(d, ctx.timezone, ctx.locale));
    notes.push(context(t.twoReadings({ read: read ?? '', other: other ?? '' })));
  }
  if (!account.connected)
    notes.push(context(t.notConnected({ channel: channelName(draft.channel, ctx), id: draft.channel })));
  notes.push(context(awaiting ? t.needsApproval : t.howToCancel({ id: post.id })));
  return reply(
    awaiting
      ? t.awaitingTitle({ channel: channelName(post.channel, ctx) })
      : t.scheduledTitle({ channel: channelName(post.channel, ctx) }),
    [...postDetails(post, ctx), ...notes, ...(awaiting ? [actions(approvalButtons(post.id, ctx))] : [])],
    { tone: awaiting ? 'info' : 'success' },
  );
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
        {
          en: 'instagram tomorrow 9am media:https://example.com/cup.jpg | New cold brew is here #coffee',
          ar: 'instagram غدًا 9 صباحًا media:https://example.com/cup.jpg | قهوتنا الباردة وصلت #قهوة',
        },
        {
          en: 'channel:mailchimp when:"next monday 10:00" title:"November news" text:"Hello!"',
          ar: 'channel:mailchimp when:"الاثنين القادم 10:00" title:"أخبار نوفمبر" text:"أهلًا!"',
        },
        { en: 'reminder in 2 hours | Post the launch story', ar: 'reminder بعد ساعتين | انشر قصة الإطلاق' },
      ],
      options: {
        channel: required(
          opt.choice(CHANNELS, {
            label: { en: 'Channel', ar: 'القناة' },
            description: {
              en: 'instagram, facebook, youtube, mailchimp or reminder',
              ar: 'instagram أو facebook أو youtube أو mailchimp أو reminder',
            },
            positional: true,
          }),
        ),
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
        return reply(`${channelName(post.channel, ctx)} ${iso(`#${post.id}`)}`, [...postDetails(post, ctx), ...extra]);
      },
    }),
    edit: sub({
      description: { en: 'Change the time or text of a post not yet sent', ar: 'تغيير وقت أو نص منشور لم يُرسل بعد' },
      allow: ['manager', 'social'],
      pipe: 'text',
      examples: [
        { en: 'edit 12 when:"friday 5pm"', ar: 'edit 12 when:"الجمعة 5 مساءً"' },
        { en: 'edit 12 | New caption', ar: 'edit 12 | نص جديد' },
        'edit 12 account:222',
      ],
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
        const buttons = awaiting ? [actions(approvalButtons(post.id, ctx))] : [];
        return reply(t.edited({ id: post.id }), [...postDetails(result.post, ctx), ...buttons], { tone: 'success' });
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
        return reply(undefined, [text(t.cancelled({ id }))], { tone: 'success' });
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
