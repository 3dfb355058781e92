import type { ScheduledPost } from '@prisma/client';
import { z } from 'zod';
import { action, defineCommand, sub } from '../src/core/command.js';
import type { Context } from '../src/core/context.js';
import { UserError } from '../src/core/errors.js';
import { defineMessages, iso } from '../src/core/i18n.js';
import { opt, required } from '../src/core/options.js';
import { type Action, actions, type Block, context, fields, list, type Reply, reply, text } from '../src/core/reply.js';
import { formatLocal, formatUtc, localDay, nextQuarterHour, parseWhen, type WhenProblem } from '../src/lib/when.js';
import { preview } from '../src/publishing/dispatcher.js';
import {
  CHANNELS,
  type Channel,
  checkRules,
  type Draft,
  mediaFromUrl,
  mediaOf,
  type PostStatus,
  type RuleProblem,
  WAITING,
} from '../src/publishing/scheduler.js';
import { isProvider } from '../src/workspace/integrations.js';
import { localTime } from './config.js';

const m = defineMessages(
  'schedule',
  {
    scheduledTitle: (p: { channel: string }) => `Scheduled for ${p.channel}`,
    awaitingTitle: (p: { channel: string }) => `Waiting for approval: ${p.channel}`,
    post: 'Post',
    channel: 'Channel',
    local: 'Local time',
    utc: 'UTC',
    status: 'Status',
    title: 'Title / subject',
    media: 'Media',
    attempts: 'Attempts',
    lastError: 'Last error',
    link: 'Link',
    ambiguous:
      'This local time happens twice (clocks go back); the first one was taken. Use an ISO time with an offset to choose.',
    notConnected: (p: { channel: string }) =>
      `${p.channel} is not connected yet: an admin can run /connect ${p.channel} before the due time.`,
    howToCancel: (p: { id: number }) =>
      `Change it with /schedule edit ${p.id}, cancel it with /schedule cancel ${p.id}.`,
    needsApproval: 'A manager must approve it before it goes out.',
    approve: 'Approve',
    reject: 'Reject',
    whenUnreadable: (p: { value: string }) =>
      `"${p.value}" is not a time I can read. Try "tomorrow 9am", "next monday 10:00", "in 2 hours" or 2026-12-01 09:00.`,
    whenNoTime: 'Say a time of day too, e.g. "tomorrow 9am".',
    whenPast: (p: { local: string; zone: string }) => `${p.local} (${p.zone}) is in the past. Choose a later time.`,
    whenGap: (p: { local: string; zone: string }) =>
      `${p.local} does not exist in ${p.zone}: clocks skip that hour for daylight saving. Choose a time outside the gap.`,
    needsMedia: (p: { channel: string }) => `${p.channel} needs an image or video: add media:https://…`,
    needsVideo: 'YouTube needs a video URL (media:https://…/video.mp4).',
    needsTitle: (p: { channel: string }) =>
      p.channel === 'mailchimp'
        ? 'Mailchimp needs a subject: add title:"…".'
        : `${p.channel} needs a title: add title:"…".`,
    needsText: (p: { channel: string }) => `${p.channel} needs text: add text:"…" or write it after " | ".`,
    tooLong: (p: { what: string; max: number; got: number }) =>
      `The ${p.what} is ${p.got} characters; the limit is ${p.max}.`,
    tooManyHashtags: (p: { max: number; got: number }) => `Instagram allows ${p.max} hashtags; this has ${p.got}.`,
    notQuarterHour: (p: { suggestion: string }) =>
      `Mailchimp sends only on the quarter hour (:00, :15, :30, :45 UTC). The next one is ${p.suggestion}.`,
    duplicate: (p: { id: number }) => `The same post is already scheduled as #${p.id}.`,
    notFound: (p: { id: number }) => `There is no post #${p.id} in this workspace.`,
    tooLate: (p: { id: number; status: string }) => `Post #${p.id} can no longer be changed: it is ${p.status}.`,
    nothingToEdit: 'Say what to change: when:"…", text:"…", title:"…" or media:https://…',
    edited: (p: { id: number }) => `Post #${p.id} updated.`,
    cancelled: (p: { id: number }) => `Post #${p.id} cancelled. It will not be published.`,
    approved: (p: { id: number; who: string }) => `Post #${p.id} approved by ${p.who}. It goes out at its time.`,
    approvedLate: 'Its time has passed: it goes out within a few seconds.',
    rejected: (p: { id: number; who: string }) => `Post #${p.id} rejected by ${p.who}. It will not be published.`,
    resolvedPublished: (p: { id: number }) => `Post #${p.id} marked as published. Nothing will be sent.`,
    resolvedRetry: (p: { id: number }) => `Post #${p.id} will be published again within a few seconds.`,
    notUnknown: (p: { id: number; status: string }) =>
      `Post #${p.id} is ${p.status}; only a post with an unknown outcome can be resolved.`,
    listTitle: 'Scheduled posts, next 14 days',
    listEmpty: 'Nothing scheduled in the next 14 days. Try /schedule instagram tomorrow 9am media:https://… | Caption',
    needsAttention: 'Needs attention',
    zoneNote: (p: { zone: string }) => `Times in ${p.zone}. /schedule show N for details.`,
    s_pending: 'scheduled',
    s_awaiting_approval: 'awaiting approval',
    s_publishing: 'publishing',
    s_published: 'published',
    s_failed: 'failed',
    s_cancelled: 'cancelled',
    s_unknown: 'outcome unknown',
    w_caption: 'caption',
    w_title: 'title',
    w_subject: 'subject',
    w_text: 'text',
    w_description: 'description',
  },
  {
    scheduledTitle: (p) => `جُدول على ${iso(p.channel)}`,
    awaitingTitle: (p) => `بانتظار الموافقة: ${iso(p.channel)}`,
    post: 'المنشور',
    channel: 'القناة',
    local: 'الوقت المحلي',
    utc: 'التوقيت العالمي UTC',
    status: 'الحالة',
    title: 'العنوان / الموضوع',
    media: 'الوسائط',
    attempts: 'المحاولات',
    lastError: 'آخر خطأ',
    link: 'الرابط',
    ambiguous: 'هذا الوقت المحلي يتكرر مرتين (عند تأخير الساعة)؛ أُخذ الأول. استخدم وقت ISO مع الإزاحة للاختيار.',
    notConnected: (p) => `${iso(p.channel)} غير متصل بعد: يستطيع المسؤول تشغيل /connect ${iso(p.channel)} قبل الموعد.`,
    howToCancel: (p) => `عدّله بالأمر /schedule edit ${iso(p.id)} أو ألغه بالأمر /schedule cancel ${iso(p.id)}.`,
    needsApproval: 'يجب أن يوافق عليه مدير قبل نشره.',
    approve: 'موافقة',
    reject: 'رفض',
    whenUnreadable: (p) =>
      `لم أفهم الوقت "${iso(p.value)}". جرّب "tomorrow 9am" أو "next monday 10:00" أو "in 2 hours" أو 2026-12-01 09:00.`,
    whenNoTime: 'اذكر الساعة أيضًا، مثل "tomorrow 9am".',
    whenPast: (p) => `${iso(p.local)} (${iso(p.zone)}) في الماضي. اختر وقتًا لاحقًا.`,
    whenGap: (p) =>
      `الوقت ${iso(p.local)} غير موجود في ${iso(p.zone)}: تُقدَّم الساعة في التوقيت الصيفي. اختر وقتًا خارج هذه الفجوة.`,
    needsMedia: (p) => `${iso(p.channel)} يحتاج صورة أو فيديو: أضف media:https://…`,
    needsVideo: 'يوتيوب يحتاج رابط فيديو (media:https://…/video.mp4).',
    needsTitle: (p) =>
      p.channel === 'mailchimp'
        ? 'Mailchimp يحتاج موضوعًا: أضف title:"…".'
        : `${iso(p.channel)} يحتاج عنوانًا: أضف title:"…".`,
    needsText: (p) => `${iso(p.channel)} يحتاج نصًا: أضف text:"…" أو اكتبه بعد " | ".`,
    tooLong: (p) => `طول ${p.what} ${iso(p.got)} حرفًا؛ الحد ${iso(p.max)}.`,
    tooManyHashtags: (p) => `إنستغرام يسمح بـ ${iso(p.max)} وسمًا؛ هنا ${iso(p.got)}.`,
    notQuarterHour: (p) =>
      `يرسل Mailchimp فقط عند أرباع الساعة (:00 و:15 و:30 و:45 بتوقيت UTC). أقرب موعد ${iso(p.suggestion)}.`,
    duplicate: (p) => `المنشور نفسه مجدول بالفعل برقم #${iso(p.id)}.`,
    notFound: (p) => `لا يوجد منشور #${iso(p.id)} في مساحة العمل هذه.`,
    tooLate: (p) => `لم يعد ممكنًا تغيير المنشور #${iso(p.id)}: حالته ${p.status}.`,
    nothingToEdit: 'اذكر ما تريد تغييره: when:"…" أو text:"…" أو title:"…" أو media:https://…',
    edited: (p) => `حُدّث المنشور #${iso(p.id)}.`,
    cancelled: (p) => `أُلغي المنشور #${iso(p.id)}. لن يُنشر.`,
    approved: (p) => `وافق ${p.who} على المنشور #${iso(p.id)}. سيُنشر في موعده.`,
    approvedLate: 'فات موعده: سيُنشر خلال ثوانٍ.',
    rejected: (p) => `رفض ${p.who} المنشور #${iso(p.id)}. لن يُنشر.`,
    resolvedPublished: (p) => `عُلّم المنشور #${iso(p.id)} كمنشور. لن يُرسل شيء.`,
    resolvedRetry: (p) => `سيُنشر المنشور #${iso(p.id)} مجددًا خلال ثوانٍ.`,
    notUnknown: (p) => `حالة المنشور #${iso(p.id)} ${p.status}؛ لا يُحسم إلا منشور نتيجته غير معروفة.`,
    listTitle: 'المنشورات المجدولة في الأيام الأربعة عشر القادمة',
    listEmpty:
      'لا شيء مجدول في الأيام الأربعة عشر القادمة. جرّب /schedule instagram tomorrow 9am media:https://… | Caption',
    needsAttention: 'يحتاج إلى متابعة',
    zoneNote: (p) => `الأوقات بتوقيت ${iso(p.zone)}. استخدم /schedule show N للتفاصيل.`,
    s_pending: 'مجدول',
    s_awaiting_approval: 'بانتظار الموافقة',
    s_publishing: 'قيد النشر',
    s_published: 'منشور',
    s_failed: 'فشل',
    s_cancelled: 'ملغى',
    s_unknown: 'النتيجة غير معروفة',
    w_caption: 'التعليق',
    w_title: 'العنوان',
    w_subject: 'الموضوع',
    w_text: 'النص',
    w_description: 'الوصف',
  },
);

type T = (typeof m)['en'];

const CHANNEL_NAMES: Record<Channel, string> = {
  instagram: 'Instagram',
  facebook: 'Facebook',
  youtube: 'YouTube',
  mailchimp: 'Mailchimp',
  reminder: 'Reminder',
};
const channelName = (c: string) => CHANNEL_NAMES[c as Channel] ?? c;

function statusName(t: T, s: string): string {
  const key = `s_${s}` as keyof T;
  const v = t[key];
  return typeof v === 'string' ? v : s;
}

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
      ar: 'مثل tomorrow 9am أو next monday 10:00 أو in 2 hours أو 2026-12-01 09:00',
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
const titleOpt = opt.string({
  label: { en: 'Title / subject', ar: 'العنوان / الموضوع' },
  description: { en: 'YouTube title or Mailchimp subject', ar: 'عنوان يوتيوب أو موضوع Mailchimp' },
  maxLength: 200,
});

function whenError(t: T, p: WhenProblem, value: string, zone: string): string {
  switch (p.kind) {
    case 'unreadable':
      return t.whenUnreadable({ value });
    case 'noTime':
      return t.whenNoTime;
    case 'past':
      return t.whenPast({ local: p.local, zone });
    case 'dstGap':
      return t.whenGap({ local: p.local, zone: p.zone });
  }
}

function ruleError(t: T, p: RuleProblem, d: Draft, zone: string): string {
  switch (p.kind) {
    case 'needsMedia':
      return t.needsMedia({ channel: channelName(p.channel) });
    case 'needsVideo':
      return t.needsVideo;
    case 'needsTitle':
      return t.needsTitle({ channel: p.channel });
    case 'needsText':
      return t.needsText({ channel: channelName(p.channel) });
    case 'tooLong':
      return t.tooLong({ what: t[`w_${p.what}`], max: p.max, got: p.got });
    case 'tooManyHashtags':
      return t.tooManyHashtags({ max: p.max, got: p.got });
    case 'notQuarterHour': {
      const next = nextQuarterHour(d.publishAt);
      return t.notQuarterHour({ suggestion: `${formatLocal(next, zone)} (${zone})` });
    }
  }
}

function readWhen(value: string, ctx: Context): { utc: Date; ambiguous: boolean } {
  const r = parseWhen(value, ctx.timezone, ctx.now());
  if (!r.ok) throw new UserError(whenError(ctx.t(m), r.problem, value, ctx.timezone));
  return r;
}

function assertRules(d: Draft, ctx: Context): void {
  const problems = checkRules(d);
  if (problems.length > 0) throw new UserError(problems.map((p) => ruleError(ctx.t(m), p, d, ctx.timezone)).join('\n'));
}

async function findPost(ctx: Context, id: number): Promise<ScheduledPost> {
  const post = await ctx.services.scheduler.get(ctx.workspace.id, id);
  if (!post) throw new UserError(ctx.t(m).notFound({ id }));
  return post;
}

function approvalButtons(t: T, id: number): Action[] {
  return [
    { id: 'schedule.approve', label: t.approve, payload: String(id), style: 'primary' },
    { id: 'schedule.reject', label: t.reject, payload: String(id), style: 'danger' },
  ];
}

function details(post: ScheduledPost, ctx: Context): Block[] {
  const t = ctx.t(m);
  const rows = [
    { label: t.post, value: iso(`#${post.id}`) },
    { label: t.channel, value: iso(channelName(post.channel)) },
    { label: t.status, value: statusName(t, post.status) },
    { label: t.local, value: iso(`${localTime(post.publishAt, ctx.timezone, ctx.locale)} (${ctx.timezone})`) },
    { label: t.utc, value: iso(formatUtc(post.publishAt)) },
  ];
  if (post.title) rows.push({ label: t.title, value: post.title });
  for (const item of mediaOf(post)) rows.push({ label: t.media, value: iso(item.url) });
  if (post.attempts > 0) rows.push({ label: t.attempts, value: iso(post.attempts) });
  if (post.lastError) rows.push({ label: t.lastError, value: post.lastError });
  if (post.url) rows.push({ label: t.link, value: iso(post.url) });
  return [fields(rows), ...(post.content ? [text(post.content)] : [])];
}

async function schedule(
  input: {
    channel: Channel;
    when: string;
    text?: string | undefined;
    media?: string | undefined;
    title?: string | undefined;
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
  const scheduler = ctx.services.scheduler;
  const duplicate = await scheduler.findDuplicate(ctx.workspace.id, draft);
  if (duplicate) throw new UserError(t.duplicate({ id: duplicate.id }));
  const awaiting = ctx.workspace.requireApproval;
  const post = await scheduler.create(ctx.workspace.id, draft, ctx.member.externalId, awaiting);
  await ctx.services.audit.record(ctx, 'post.schedule', `post:${post.id}`, {
    channel: post.channel,
    publishAt: post.publishAt.toISOString(),
  });
  const notes: Block[] = [];
  if (when.ambiguous) notes.push(context(t.ambiguous));
  if (isProvider(draft.channel) && !(await ctx.services.integrations.find(ctx.workspace.id, draft.channel))) {
    notes.push(context(t.notConnected({ channel: draft.channel })));
  }
  notes.push(context(awaiting ? t.needsApproval : t.howToCancel({ id: post.id })));
  return reply(
    awaiting
      ? t.awaitingTitle({ channel: channelName(post.channel) })
      : t.scheduledTitle({ channel: channelName(post.channel) }),
    [...details(post, ctx), ...notes, ...(awaiting ? [actions(approvalButtons(t, post.id))] : [])],
    { tone: awaiting ? 'info' : 'success' },
  );
}

async function calendar(ctx: Context): Promise<Reply> {
  const t = ctx.t(m);
  const now = ctx.now();
  const zone = ctx.timezone;
  const posts = await ctx.services.scheduler.window(ctx.workspace.id, now, new Date(now.getTime() + 14 * 86_400_000));
  if (posts.length === 0) return reply(t.listTitle, [text(t.listEmpty)]);
  const line = (p: ScheduledPost) =>
    `${iso(formatLocal(p.publishAt, zone).slice(11))} · ${iso(`#${p.id}`)} ${iso(channelName(p.channel))} · ${statusName(t, p.status)} · ${preview(p.content || p.title || '', 60)}`;
  const blocks: Block[] = [];
  const attention = posts.filter(
    (p) => p.publishAt < now && (p.status === 'unknown' || p.status === 'awaiting_approval'),
  );
  if (attention.length > 0) {
    blocks.push(
      text(t.needsAttention),
      list(attention.map((p) => `${iso(formatLocal(p.publishAt, zone))} · ${line(p)}`)),
    );
  }
  const days = new Map<string, ScheduledPost[]>();
  for (const p of posts) {
    if (attention.includes(p)) continue;
    const day = localDay(p.publishAt, zone);
    days.set(day, [...(days.get(day) ?? []), p]);
  }
  const dayName = new Intl.DateTimeFormat(ctx.locale === 'ar' ? 'ar-u-nu-latn' : 'en-GB', {
    timeZone: zone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
  });
  for (const [, dayPosts] of days) {
    const first = dayPosts[0] as ScheduledPost;
    blocks.push(text(dayName.format(first.publishAt)), list(dayPosts.map(line)));
  }
  blocks.push(context(t.zoneNote({ zone })));
  return reply(t.listTitle, blocks);
}

async function resolve(id: number, outcome: 'published' | 'retry', ctx: Context): Promise<Reply> {
  const t = ctx.t(m);
  const post = await findPost(ctx, id);
  const scheduler = ctx.services.scheduler;
  const result =
    outcome === 'published'
      ? await scheduler.change(ctx.workspace.id, id, ['unknown'], {
          status: 'published',
          publishedAt: ctx.now(),
          lastError: null,
        })
      : await scheduler.change(ctx.workspace.id, id, ['unknown'], {
          status: 'pending',
          nextAttemptAt: null,
          notifiedAt: null,
          leaseOwner: null,
          leaseExpiresAt: null,
        });
  if (!result.ok) throw new UserError(t.notUnknown({ id, status: statusName(t, result.post?.status ?? post.status) }));
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
  const result = await ctx.services.scheduler.change(
    ctx.workspace.id,
    id,
    ['awaiting_approval'],
    approve
      ? { status: 'pending', approvedById: ctx.member.externalId, approvedAt: now, notifiedAt: null }
      : { status: 'cancelled' },
  );
  if (!result.ok) throw new UserError(t.tooLate({ id, status: statusName(t, result.post?.status ?? '') }));
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
        when: required(whenOpt(true)),
      },
      handler: (input, ctx) => schedule(input, ctx),
    }),
    list: sub({
      description: { en: 'The next 14 days as a calendar', ar: 'الأيام الأربعة عشر القادمة كتقويم' },
      options: {},
      handler: (_input, ctx) => calendar(ctx),
    }),
    show: sub({
      description: { en: 'Show one post', ar: 'عرض منشور' },
      examples: ['show 12'],
      options: { id: postId() },
      async handler({ id }, ctx) {
        const post = await findPost(ctx, id);
        const t = ctx.t(m);
        const extra = post.status === 'awaiting_approval' ? [actions(approvalButtons(t, post.id))] : [];
        return reply(`${channelName(post.channel)} #${post.id}`, [...details(post, ctx), ...extra]);
      },
    }),
    edit: sub({
      description: { en: 'Change the time or text of a post not yet sent', ar: 'تغيير وقت أو نص منشور لم يُرسل بعد' },
      allow: ['manager', 'social'],
      pipe: 'text',
      examples: ['edit 12 when:"friday 5pm"', 'edit 12 | New caption'],
      options: { id: postId(), when: whenOpt(false), text: textOpt, title: titleOpt, media: mediaOpt },
      async handler(input, ctx) {
        const t = ctx.t(m);
        const post = await findPost(ctx, input.id);
        if (!input.when && input.text === undefined && !input.title && !input.media)
          throw new UserError(t.nothingToEdit);
        if (!WAITING.includes(post.status as PostStatus)) {
          throw new UserError(t.tooLate({ id: post.id, status: statusName(t, post.status) }));
        }
        const draft: Draft = {
          channel: post.channel as Channel,
          content: input.text ?? post.content,
          title: input.title ?? post.title,
          media: input.media ? [mediaFromUrl(input.media)] : mediaOf(post),
          publishAt: input.when ? readWhen(input.when, ctx).utc : post.publishAt,
        };
        assertRules(draft, ctx);
        // An approved post that changes must be approved again.
        const status = ctx.workspace.requireApproval ? 'awaiting_approval' : 'pending';
        const result = await ctx.services.scheduler.change(ctx.workspace.id, post.id, WAITING, {
          content: draft.content,
          title: draft.title,
          media: draft.media as unknown as object,
          publishAt: draft.publishAt,
          status,
          nextAttemptAt: null,
          notifiedAt: null,
          attempts: 0,
        });
        if (!result.ok)
          throw new UserError(t.tooLate({ id: post.id, status: statusName(t, result.post?.status ?? '') }));
        await ctx.services.audit.record(ctx, 'post.edit', `post:${post.id}`, {
          from: post.publishAt.toISOString(),
          to: draft.publishAt.toISOString(),
        });
        const buttons = status === 'awaiting_approval' ? [actions(approvalButtons(t, post.id))] : [];
        return reply(t.edited({ id: post.id }), [...details(result.post, ctx), ...buttons], { tone: 'success' });
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
        const result = await ctx.services.scheduler.change(ctx.workspace.id, id, WAITING, { status: 'cancelled' });
        if (!result.ok) throw new UserError(t.tooLate({ id, status: statusName(t, result.post?.status ?? '') }));
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
