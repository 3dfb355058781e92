import { z } from 'zod';
import { action, defineCommand, sub } from '../src/core/command.js';
import type { Context } from '../src/core/context.js';
import { UserError } from '../src/core/errors.js';
import { defineMessages, iso } from '../src/core/i18n.js';
import { opt, required } from '../src/core/options.js';
import { actions, context, type Reply, reply, text } from '../src/core/reply.js';
import { CALENDAR_SPANS } from '../src/publishing/calendar/picture.js';
import { calendarReply } from '../src/publishing/calendar/view.js';
import { tagPostText } from '../src/publishing/links/utm.js';
import { nextBestSlot } from '../src/publishing/performance/best-times.js';
import { FIGURE_CHANNELS } from '../src/publishing/performance/service.js';
import { bestTimesReply } from '../src/publishing/performance/view.js';
import { isRecurring } from '../src/publishing/recurring/recurrence.js';
import { seriesSection } from '../src/publishing/recurring/series-view.js';
import { approvalButtons, calendar, channelName, postDetails, statusName } from '../src/publishing/schedule-view.js';
import { CHANNELS, type Channel, type Draft, mediaOf, type PostStatus, WAITING } from '../src/publishing/scheduler.js';
import { collectMedia, hasMedia } from './shared/media.js';
import {
  decideSeriesAction,
  occurrenceCancelNote,
  scheduleSeries,
  seriesCommand,
  stopSeriesCommand,
} from './shared/recurring.js';
import { importCancelAction, importCommand, importConfirmAction } from './shared/schedule-import.js';
import {
  applyToGroup,
  assertRules,
  chooseAccount,
  findPost,
  groupNote,
  idList,
  readWhen,
  schedule,
  sm,
  waitingSiblings,
  whenNotes,
} from './shared/scheduling.js';
import { slotsCommand } from './shared/slots.js';

const m = defineMessages(
  'schedule',
  {
    tooLate: (p: { id: number; status: string }) => `Post #${p.id} can no longer be changed: it is ${p.status}.`,
    nothingToEdit: 'Say what to change: when:"…", text:"…", title:"…", media:https://… or account:…',
    edited: (p: { id: number }) => `Post #${p.id} updated.`,
    cancelled: (p: { id: number }) => `Post #${p.id} cancelled. It will not be published.`,
    approved: (p: { id: number; who: string }) => `Post #${p.id} approved by ${p.who}. It goes out at its time.`,
    approvedLate: 'Its time has passed: it goes out within a few seconds.',
    rejected: (p: { id: number; who: string }) => `Post #${p.id} rejected by ${p.who}. It will not be published.`,
    resolvedPublished: (p: { id: number }) => `Post #${p.id} marked as published. Nothing will be sent.`,
    resolvedRetry: (p: { id: number }) => `Post #${p.id} will be published again within a few seconds.`,
    retried: (p: { id: number }) =>
      `Post #${p.id} is back in the queue: it goes out at its time, or within a few seconds if that has passed.`,
    notFailed: (p: { id: number; status: string }) =>
      `Post #${p.id} is ${p.status}; only a failed post can be retried. A post whose outcome is unknown may already be live: settle it with /schedule resolve ${p.id}.`,
    notUnknown: (p: { id: number; status: string }) =>
      `Post #${p.id} is ${p.status}; only a post with an unknown outcome can be resolved.`,
  },
  {
    tooLate: (p) => `لم يعد ممكنًا تغيير المنشور #${iso(p.id)}: حالته ${p.status}.`,
    nothingToEdit: 'اذكر ما تريد تغييره: when:"…" أو text:"…" أو title:"…" أو media:https://… أو account:…',
    edited: (p) => `حُدّث المنشور #${iso(p.id)}.`,
    cancelled: (p) => `أُلغي المنشور #${iso(p.id)}. لن يُنشر.`,
    approved: (p) => `وافق ${p.who} على المنشور #${iso(p.id)}. سيُنشر في موعده.`,
    approvedLate: 'فات موعده: سيُنشر خلال ثوانٍ.',
    rejected: (p) => `رفض ${p.who} المنشور #${iso(p.id)}. لن يُنشر.`,
    resolvedPublished: (p) => `عُلّم المنشور #${iso(p.id)} كمنشور. لن يُرسل شيء.`,
    resolvedRetry: (p) => `سيُنشر المنشور #${iso(p.id)} مجددًا خلال ثوانٍ.`,
    retried: (p) => `أُعيد المنشور #${iso(p.id)} إلى قائمة الانتظار: سيُنشر في موعده، أو خلال ثوانٍ إن كان موعده قد فات.`,
    notFailed: (p) =>
      `حالة المنشور #${iso(p.id)} ${p.status}؛ لا تُعاد المحاولة إلا لمنشور فشل. أما المنشور غير المعروفة نتيجته فقد يكون منشورًا بالفعل: احسمه بالأمر ${iso(`/schedule resolve ${p.id}`)}.`,
    notUnknown: (p) => `حالة المنشور #${iso(p.id)} ${p.status}؛ لا يُحسم إلا منشور نتيجته غير معروفة.`,
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
      // Marked figures: shown in the workspace's digits, which people may type as well.
      ar: 'مثل غدًا \u20689\u2069 صباحًا أو الخميس القادم \u206810:00\u2069 أو بعد ساعتين أو \u20682026-12-01 09:00\u2069',
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
const mediaOpt = opt.string({
  label: { en: 'Media', ar: 'الوسائط' },
  description: {
    en: 'Public https:// image or video links, separated by spaces; or attach the files instead',
    ar: 'روابط https:// عامة لصور أو فيديو تفصل بينها مسافات، أو أرفق الملفات بدلًا منها',
  },
  maxLength: 2000,
});
const accountOpt = opt.string({
  label: { en: 'Account', ar: 'الحساب' },
  description: {
    en: 'Which connected account (page, Instagram account, channel or audience id), when there are several',
    ar: 'أي حساب مربوط (معرّف الصفحة أو حساب إنستغرام أو القناة أو الجمهور) عند وجود أكثر من حساب',
  },
  maxLength: 100,
});
const firstCommentOpt = opt.string({
  label: { en: 'First comment', ar: 'التعليق الأول' },
  description: {
    en: 'Instagram: posted as the first comment right after the post (hashtags, a link)',
    ar: 'إنستغرام: يُنشر تعليقًا أول بعد المنشور مباشرة (وسوم أو رابط)',
  },
  maxLength: 2200,
});
const campaignOpt = opt.string({
  label: { en: 'Campaign', ar: 'الحملة' },
  description: {
    en: 'The campaign it belongs to (created when new): its links get utm_campaign from it',
    ar: 'الحملة التي ينتمي إليها (تُنشأ إن كانت جديدة): تأخذ روابطه منها utm_campaign',
  },
  maxLength: 100,
});
const titleOpt = opt.string({
  label: { en: 'Title / subject', ar: 'العنوان / الموضوع' },
  description: {
    en: 'YouTube title, Mailchimp subject, or the title of a LinkedIn link card or PDF document',
    ar: 'عنوان يوتيوب أو موضوع Mailchimp أو عنوان بطاقة الرابط أو مستند PDF في لينكدإن',
  },
  maxLength: 200,
});

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

/** Re-queues a failed post (SchedulerService.retry); anything else is refused with its status. */
async function retry(id: number, ctx: Context): Promise<Reply> {
  const t = ctx.t(m);
  const post = await findPost(ctx, id);
  const result = await ctx.services.scheduler.retry(ctx.workspace.id, id);
  if (!result.ok) throw new UserError(t.notFailed({ id, status: statusName(result.post?.status ?? post.status, ctx) }));
  await ctx.services.audit.record(ctx, 'post.retry', `post:${id}`);
  return reply(undefined, [text(t.retried({ id }))], { tone: 'success', replaceOriginal: true });
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
      // Discord asks for files as options; Slack sends the files shared with the message (docs/media.md).
      attachments: 4,
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
        {
          en: 'facebook every monday 9am until 2027-03-01 | Weekly offer: https://shop.example.com/offers',
          ar: 'facebook كل اثنين 9 صباحًا حتى 2027-03-01 | عرض الأسبوع: https://shop.example.com/offers',
        },
        { en: 'facebook next slot | Our new menu', ar: 'facebook الموعد التالي | قائمتنا الجديدة' },
      ],
      options: {
        channel: opt.choice(CHANNELS, {
          label: { en: 'Channel', ar: 'القناة' },
          description: {
            en: 'instagram, facebook, linkedin, x, tiktok, youtube, mailchimp or reminder',
            ar: 'instagram أو facebook أو linkedin أو x أو tiktok أو youtube أو mailchimp أو reminder',
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
        first_comment: firstCommentOpt,
        campaign: campaignOpt,
        when: required(whenOpt(true)),
      },
      handler: (input, ctx) => (isRecurring(input.when) ? scheduleSeries(input, ctx) : schedule(input, ctx)),
    }),
    list: sub({
      description: {
        en: 'The posts of the next 14 days, day by day',
        ar: 'منشورات الأيام الأربعة عشر القادمة، يومًا بيوم',
      },
      options: {},
      async handler(_input, ctx) {
        const now = ctx.now();
        const until = new Date(now.getTime() + 14 * 86_400_000);
        const posts = await ctx.services.scheduler.window(ctx.workspace.id, now, until);
        const series = await ctx.services.series.active(ctx.workspace.id, now);
        // A series shows once, with its next date, rather than as every one of its dates.
        const inSeries = new Set(series.map((s) => s.series.id));
        const single = posts.filter(
          (p) =>
            !(p.seriesId && inSeries.has(p.seriesId) && WAITING.includes(p.status as PostStatus) && p.publishAt > now),
        );
        const shown = calendar(single, now, ctx);
        if (series.length === 0) return shown;
        return { ...shown, blocks: [...(single.length > 0 ? shown.blocks : []), ...seriesSection(series, ctx)] };
      },
    }),
    calendar: sub({
      description: {
        en: 'Posts per day and channel, scheduled, published or failed: this week and next, or the month',
        ar: 'المنشورات لكل يوم وقناة، مجدولة ومنشورة وفاشلة: هذا الأسبوع والذي يليه، أو الشهر',
      },
      examples: ['calendar', 'calendar month'],
      options: {
        span: opt.choice(CALENDAR_SPANS, {
          label: { en: 'Period', ar: 'الفترة' },
          description: {
            en: 'week (this week and next, the default) or month',
            ar: 'week (هذا الأسبوع والذي يليه، الافتراضي) أو month (الشهر)',
          },
          positional: true,
        }),
      },
      async handler({ span }, ctx) {
        const grid = await ctx.services.calendar.grid(ctx.workspace.id, ctx.now(), ctx.timezone, span ?? 'week');
        return calendarReply(grid, ctx, ctx.platform !== 'console');
      },
    }),
    'best-times': sub({
      description: {
        en: 'When your posts on a network get the most engagement, by weekday and hour',
        ar: 'متى تحصد منشوراتكم على شبكة ما أعلى تفاعل، حسب اليوم والساعة',
      },
      examples: ['best-times instagram'],
      options: {
        channel: required(
          opt.choice(FIGURE_CHANNELS, {
            label: { en: 'Network', ar: 'الشبكة' },
            description: { en: 'instagram, facebook or youtube', ar: 'instagram أو facebook أو youtube' },
            positional: true,
          }),
        ),
      },
      async handler({ channel }, ctx) {
        const now = ctx.now();
        const best = await ctx.services.performance.bestTimes(ctx.workspace.id, channel, now, ctx.timezone);
        return bestTimesReply(channel, best, nextBestSlot(best, now, ctx.timezone), ctx);
      },
    }),
    show: sub({
      description: { en: 'Show one post', ar: 'عرض منشور' },
      examples: ['show 12'],
      options: { id: postId() },
      async handler({ id }, ctx) {
        const post = await findPost(ctx, id);
        const extra = post.status === 'awaiting_approval' ? [actions(approvalButtons(post.id, ctx))] : [];
        return reply(`${channelName(post.channel, ctx)} ${iso(`#${post.id}`)}`, [
          ...postDetails(post, ctx),
          ...(await groupNote(post, ctx)),
          ...extra,
        ]);
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
      attachments: 4,
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
        const newMedia = hasMedia(input.media, ctx);
        if (!input.when && input.text === undefined && !input.title && !newMedia && !input.account)
          throw new UserError(t.nothingToEdit);
        if (!WAITING.includes(post.status as PostStatus)) {
          throw new UserError(t.tooLate({ id: post.id, status: statusName(post.status, ctx) }));
        }
        const when = input.when ? readWhen(input.when, ctx) : undefined;
        const publishAt = when ? when.utc : post.publishAt;
        const campaign = post.campaignId ? await ctx.services.scheduler.campaignName(post.campaignId) : null;
        const draft: Draft = {
          channel: post.channel as Channel,
          // New text is tagged as new posts are; the text kept was tagged when it was scheduled.
          content:
            input.text !== undefined
              ? tagPostText(input.text, { channel: post.channel, campaign, publishAt }, ctx.workspace)
              : post.content,
          title: input.title ?? post.title,
          media: newMedia ? await collectMedia(input.media, ctx) : mediaOf(post),
          publishAt,
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
            label: ctx.t(sm).moveGroup({ ids: idList(siblings) }),
            payload: String(post.id),
          });
        }
        return reply(
          t.edited({ id: post.id }),
          [
            ...postDetails(result.post, ctx),
            ...(when ? whenNotes(when, ctx) : []),
            ...(buttons.length > 0 ? [actions(buttons)] : []),
          ],
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
                    label: ctx.t(sm).cancelGroup({ ids: idList(siblings) }),
                    payload: String(id),
                    style: 'danger' as const,
                  },
                ]),
              ]
            : [];
        return reply(
          undefined,
          [text(t.cancelled({ id })), ...occurrenceCancelNote(result.post.seriesId, ctx), ...offer],
          { tone: 'success' },
        );
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
    import: importCommand,
    slots: slotsCommand,
    series: seriesCommand,
    'stop-series': stopSeriesCommand,
    retry: sub({
      description: { en: 'Re-queue a failed post', ar: 'إعادة منشور فشل إلى قائمة الانتظار' },
      allow: ['manager', 'social'],
      examples: ['retry 12'],
      options: { id: postId() },
      handler: ({ id }, ctx) => retry(id, ctx),
    }),
  },
  actions: {
    retry: action({ payload: idPayload, allow: ['manager', 'social'], handler: (id, ctx) => retry(id, ctx) }),
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
    importConfirm: importConfirmAction,
    importCancel: importCancelAction,
    approveSeries: decideSeriesAction(true),
    rejectSeries: decideSeriesAction(false),
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
