import { defineCommand, sub } from '../src/core/command.js';
import type { Context } from '../src/core/context.js';
import { defineMessages, iso, LOCALES, type Locale } from '../src/core/i18n.js';
import { CHANNEL_COLUMNS, type ChannelRole } from '../src/core/notifier.js';
import { opt, required } from '../src/core/options.js';
import { fields, reply, text } from '../src/core/reply.js';
import { DIGIT_STYLES, digitStyleOf } from '../src/lib/digits.js';
import { count } from '../src/lib/plural.js';
import { localTime } from '../src/lib/when.js';
import { channelsSub } from './shared/config-channels.js';
import { setting } from './shared/config-setting.js';

const m = defineMessages(
  'config',
  {
    title: 'Settings',
    language: 'Language',
    timezone: 'Time zone',
    localTime: (p: { time: string }) => `now ${p.time}`,
    currency: 'Currency',
    digits: 'Digits in Arabic replies',
    latinDigits: 'Western (0123456789)',
    arabicDigits: 'Arabic-Indic (٠١٢٣٤٥٦٧٨٩)',
    digitsSet: (p: { arabic: boolean }) =>
      `Arabic replies now show numbers in ${p.arabic ? 'Arabic-Indic digits (٠١٢٣)' : 'Western digits (0123)'}.`,
    approval: 'Posts need approval',
    utm: 'UTM tags on links in scheduled posts',
    utmSet: (p: { on: boolean }): string =>
      p.on
        ? 'Links in posts scheduled from now on get utm_source, utm_medium, utm_campaign and utm_content (unless they already have utm_ tags).'
        : 'Links in posts scheduled from now on are left as typed. Posts already scheduled keep their tags.',
    teamChannel: 'Team channel (reminders, publish notices)',
    alertChannel: 'Alerts channel',
    digestChannel: 'Digest channel',
    escalationChannel: 'Escalation channel',
    channelSet: (p: { role: string; channel: string }) => `${p.role} set to ${p.channel}.`,
    escalation: 'Escalate unhandled alerts after',
    assignee: 'Escalate and remind assigned alerts after',
    assigneeSet: (p: { minutes: string }) =>
      `Assigned alerts now escalate, and remind their assignee once a day, after ${p.minutes} without an answer.`,
    reviewMinutes: 'Summarise comments to review every',
    reviewSet: (p: { minutes: string }) =>
      `Comments to review are now summed up in one message every ${p.minutes}. Urgent comments are still posted at once.`,
    minutes: (p: { n: number }) => count(p.n, 'minute', 'en'),
    digestSchedule: 'Weekly digest (cron, local time)',
    notSet: 'not set',
    yes: 'yes',
    no: 'no',
    english: 'English',
    arabic: 'Arabic',
    langSet: (p: { name: string }) => `Language set to ${p.name}. Every reply in this workspace now uses it.`,
    timezoneSet: (p: { zone: string; time: string }) =>
      `Time zone set to ${p.zone}. It is now ${p.time} there; schedules and digests follow this zone.`,
    currencySet: (p: { code: string }) => `Currency set to ${p.code}. Budgets and reports use it from now on.`,
    approvalSet: (p: { on: boolean }): string =>
      p.on
        ? 'From now on, new posts wait for a manager to approve them.'
        : 'New posts no longer need approval. Posts already waiting still do.',
    unchanged: 'This setting already has that value, so nothing changed.',
    howToChange:
      'Change a setting with /config lang ar, /config timezone Asia/Riyadh, /config currency SAR, /config digits arabic or /config channel alerts #social.',
  },
  {
    title: 'الإعدادات',
    language: 'اللغة',
    timezone: 'المنطقة الزمنية',
    localTime: (p) => `الوقت الآن ${iso(p.time)}`,
    currency: 'العملة',
    digits: 'الأرقام في الردود العربية',
    latinDigits: 'غربية (0123456789)',
    arabicDigits: 'عربية هندية (٠١٢٣٤٥٦٧٨٩)',
    digitsSet: (p) =>
      `تعرض الردود العربية الأرقام الآن ${p.arabic ? 'بالأرقام العربية الهندية (٠١٢٣)' : 'بالأرقام الغربية (0123)'}.`,
    approval: 'المنشورات تحتاج موافقة',
    utm: 'وسوم UTM على روابط المنشورات المجدولة',
    utmSet: (p) =>
      p.on
        ? 'تأخذ الروابط في المنشورات التي تُجدول من الآن utm_source وutm_medium وutm_campaign وutm_content (ما لم تحمل وسوم utm_ من قبل).'
        : 'تبقى الروابط في المنشورات التي تُجدول من الآن كما كُتبت. المنشورات المجدولة من قبل تحتفظ بوسومها.',
    teamChannel: 'قناة الفريق (التذكيرات وإشعارات النشر)',
    alertChannel: 'قناة التنبيهات',
    digestChannel: 'قناة الملخص',
    escalationChannel: 'قناة التصعيد',
    channelSet: (p) => `تم ضبط ${p.role} على ${iso(p.channel)}.`,
    escalation: 'تصعيد التنبيهات غير المعالجة بعد',
    assignee: 'تصعيد التنبيهات المُسندة وتذكير من تولّاها بعد',
    assigneeSet: (p) => `أصبحت التنبيهات المُسندة تُصعَّد، ويُذكَّر من تولّاها مرة كل يوم، بعد ${p.minutes} بلا رد.`,
    reviewMinutes: 'ملخص التعليقات التي تحتاج مراجعة كل',
    reviewSet: (p) =>
      `ستُجمع التعليقات التي تحتاج مراجعة في رسالة واحدة كل ${p.minutes}. التعليقات العاجلة ما زالت تُنشر فورًا.`,
    minutes: (p) => count(p.n, 'minute', 'ar'),
    digestSchedule: 'الملخص الأسبوعي (cron بالتوقيت المحلي)',
    notSet: 'غير محدد',
    yes: 'نعم',
    no: 'لا',
    english: 'الإنجليزية',
    arabic: 'العربية',
    langSet: (p) => `تم ضبط اللغة على ${p.name}. كل الردود في مساحة العمل هذه ستستخدمها الآن.`,
    timezoneSet: (p) =>
      `تم ضبط المنطقة الزمنية على ${iso(p.zone)}. الوقت هناك الآن ${iso(p.time)}؛ الجداول والملخصات تتبع هذه المنطقة.`,
    currencySet: (p) => `تم ضبط العملة على ${iso(p.code)}. الميزانيات والتقارير تستخدمها من الآن.`,
    approvalSet: (p) =>
      p.on
        ? 'من الآن، تنتظر المنشورات الجديدة موافقة مدير.'
        : 'لم تعد المنشورات الجديدة تحتاج موافقة. ما زالت المنشورات المنتظرة تحتاجها.',
    unchanged: 'هذا الإعداد مضبوط على هذه القيمة من قبل، فلم يتغير شيء.',
    howToChange:
      'غيّر الإعدادات بالأوامر: /config lang ar أو /config timezone Asia/Riyadh أو /config currency SAR أو /config digits arabic أو /config channel alerts #social.',
  },
);

const CHANNEL_ROLES = ['team', 'alerts', 'digest', 'escalation'] as const satisfies readonly ChannelRole[];

function languageName(locale: Locale, ctx: Context): string {
  const t = ctx.t(m);
  return locale === 'ar' ? t.arabic : t.english;
}

/** Each setting as /config shows it, by the workspace column that holds it. */
function settingFields(ctx: Context) {
  const t = ctx.t(m);
  const w = ctx.workspace;
  const orNotSet = (v: string | null) => (v ? iso(v) : t.notSet);
  return {
    // The workspace's language (what /config lang sets), not the reader's own: a person whose client
    // is in English reads "Language: Arabic" in English.
    locale: { label: t.language, value: languageName(w.locale === 'ar' ? 'ar' : 'en', ctx) },
    timezone: {
      label: t.timezone,
      value: `${iso(w.timezone)} (${t.localTime({ time: localTime(ctx.now(), w.timezone, ctx.locale) })})`,
    },
    currency: { label: t.currency, value: iso(w.currency) },
    digits: { label: t.digits, value: digitStyleOf(w) === 'arabic' ? t.arabicDigits : t.latinDigits },
    requireApproval: { label: t.approval, value: w.requireApproval ? t.yes : t.no },
    utmTagging: { label: t.utm, value: w.utmTagging ? t.yes : t.no },
    teamChannel: { label: t.teamChannel, value: orNotSet(w.teamChannel) },
    alertChannel: { label: t.alertChannel, value: orNotSet(w.alertChannel) },
    digestChannel: { label: t.digestChannel, value: orNotSet(w.digestChannel) },
    escalationChannel: { label: t.escalationChannel, value: orNotSet(w.escalationChannel) },
    escalationMinutes: { label: t.escalation, value: t.minutes({ n: w.escalationMinutes }) },
    assigneeMinutes: { label: t.assignee, value: t.minutes({ n: w.assigneeMinutes }) },
    reviewSummaryMinutes: { label: t.reviewMinutes, value: t.minutes({ n: w.reviewSummaryMinutes }) },
    digestCron: { label: t.digestSchedule, value: iso(w.digestCron) },
  };
}

type Shown = keyof ReturnType<typeof settingFields>;

function show(ctx: Context) {
  const t = ctx.t(m);
  return reply(t.title, [fields(Object.values(settingFields(ctx))), text(t.howToChange)]);
}

/** The reply to a change the setting already had: the setting as /config shows it, and that nothing changed. */
const unchanged = (column: Shown) => (ctx: Context) =>
  reply(undefined, [fields([settingFields(ctx)[column]]), text(ctx.t(m).unchanged)]);

export default defineCommand({
  name: 'config',
  description: { en: 'Show or change the workspace settings', ar: 'عرض إعدادات مساحة العمل أو تغييرها' },
  defaultSubcommand: 'show',
  subcommands: {
    channels: channelsSub,
    show: sub({
      description: { en: 'Show the settings', ar: 'عرض الإعدادات' },
      options: {},
      handler: (_input, ctx) => show(ctx),
    }),
    lang: sub({
      description: { en: 'Set the language of every reply', ar: 'ضبط لغة كل الردود' },
      aliases: ['language'],
      allow: ['admin'],
      examples: ['lang ar', 'lang en'],
      options: {
        value: required(
          opt.choice(LOCALES, {
            label: { en: 'Language', ar: 'اللغة' },
            description: { en: 'en for English, ar for Arabic', ar: 'en للإنجليزية و ar للعربية' },
            positional: true,
          }),
        ),
      },
      async handler({ value }, ctx) {
        if (value === ctx.workspace.locale) return unchanged('locale')(ctx);
        await ctx.services.workspaces.update(ctx.workspace.id, { locale: value });
        await ctx.services.audit.record(ctx, 'config.set', 'lang', { from: ctx.workspace.locale, to: value });
        // The confirmation is already in the new language: that is the proof it worked.
        const locale = ctx.identity.locale ?? value;
        return reply(undefined, [text(m[locale].langSet({ name: m[locale][value === 'ar' ? 'arabic' : 'english'] }))], {
          tone: 'success',
          rtl: locale === 'ar',
        });
      },
    }),
    timezone: setting({
      description: { en: 'Set the team time zone', ar: 'ضبط المنطقة الزمنية للفريق' },
      allow: ['admin'],
      examples: ['timezone Asia/Riyadh', 'timezone Europe/London'],
      value: opt.timezone({
        label: { en: 'Time zone', ar: 'المنطقة الزمنية' },
        description: { en: 'An IANA zone such as Asia/Riyadh', ar: 'منطقة IANA مثل Asia/Riyadh' },
      }),
      column: 'timezone',
      unchanged: unchanged('timezone'),
      audit: 'timezone',
      confirm: (zone, ctx) => ctx.t(m).timezoneSet({ zone, time: localTime(ctx.now(), zone, ctx.locale) }),
    }),
    currency: setting({
      description: { en: 'Set the currency for budgets and reports', ar: 'ضبط عملة الميزانيات والتقارير' },
      allow: ['admin'],
      examples: ['currency SAR', 'currency USD'],
      value: opt.currency({
        label: { en: 'Currency', ar: 'العملة' },
        description: { en: 'An ISO 4217 code such as USD or SAR', ar: 'رمز ISO 4217 مثل USD أو SAR' },
      }),
      column: 'currency',
      unchanged: unchanged('currency'),
      audit: 'currency',
      confirm: (code, ctx) => ctx.t(m).currencySet({ code }),
    }),
    digits: setting({
      description: {
        en: 'Show numbers in Arabic replies with Western or Arabic-Indic digits',
        ar: 'عرض الأرقام في الردود العربية بالأرقام الغربية أو العربية الهندية',
      },
      allow: ['admin'],
      examples: ['digits arabic', 'digits latin'],
      value: opt.choice(DIGIT_STYLES, {
        label: { en: 'Digits', ar: 'الأرقام' },
        description: {
          en: 'latin for 0123456789 (the default), arabic for ٠١٢٣٤٥٦٧٨٩',
          ar: 'latin للأرقام 0123456789 (الافتراضي) و arabic للأرقام ٠١٢٣٤٥٦٧٨٩',
        },
      }),
      column: 'digits',
      unchanged: unchanged('digits'),
      audit: 'digits',
      before: digitStyleOf,
      confirm: (value, ctx) => ctx.t(m).digitsSet({ arabic: value === 'arabic' }),
    }),
    approval: setting({
      description: { en: 'Require a manager to approve each post', ar: 'اشتراط موافقة مدير على كل منشور' },
      allow: ['admin'],
      examples: ['approval on', 'approval off'],
      value: opt.boolean({
        label: { en: 'Approval', ar: 'الموافقة' },
        description: { en: 'on or off', ar: 'on أو off' },
      }),
      column: 'requireApproval',
      unchanged: unchanged('requireApproval'),
      audit: 'approval',
      confirm: (on, ctx) => ctx.t(m).approvalSet({ on }),
    }),
    utm: setting({
      description: {
        en: 'Add UTM tags to links in scheduled posts (on by default)',
        ar: 'إضافة وسوم UTM إلى روابط المنشورات المجدولة (مفعّلة افتراضيًا)',
      },
      allow: ['admin'],
      examples: ['utm on', 'utm off'],
      value: opt.boolean({
        label: { en: 'UTM tags', ar: 'وسوم UTM' },
        description: { en: 'on or off', ar: 'on أو off' },
      }),
      column: 'utmTagging',
      unchanged: unchanged('utmTagging'),
      audit: 'utm',
      confirm: (on, ctx) => ctx.t(m).utmSet({ on }),
    }),
    'assignee-minutes': setting({
      description: {
        en: 'Minutes an assignee has before their alert escalates (default 120)',
        ar: 'الدقائق المتاحة لمن تولّى تنبيهًا قبل تصعيده (الافتراضي 120)',
      },
      allow: ['manager'],
      examples: ['assignee-minutes 120', 'assignee-minutes 240'],
      value: opt.integer({
        label: { en: 'Minutes', ar: 'الدقائق' },
        description: { en: 'From 5 to 10080 (a week)', ar: 'من 5 إلى 10080 (أسبوع)' },
        min: 5,
        max: 10080,
      }),
      column: 'assigneeMinutes',
      unchanged: unchanged('assigneeMinutes'),
      audit: 'assignee-minutes',
      confirm: (n, ctx) => ctx.t(m).assigneeSet({ minutes: ctx.t(m).minutes({ n }) }),
    }),
    'review-minutes': setting({
      description: {
        en: 'How often comments to review are summed up in one message',
        ar: 'كل كم دقيقة تُجمع التعليقات التي تحتاج مراجعة في رسالة واحدة',
      },
      allow: ['manager'],
      examples: ['review-minutes 60', 'review-minutes 15'],
      value: opt.integer({
        label: { en: 'Minutes', ar: 'الدقائق' },
        description: { en: 'From 1 to 1440 (default 60)', ar: 'من 1 إلى 1440 (الافتراضي 60)' },
        min: 1,
        max: 1440,
      }),
      column: 'reviewSummaryMinutes',
      unchanged: unchanged('reviewSummaryMinutes'),
      audit: 'review-minutes',
      confirm: (n, ctx) => ctx.t(m).reviewSet({ minutes: ctx.t(m).minutes({ n }) }),
    }),
    channel: sub({
      description: {
        en: 'Choose where notices, alerts and digests go',
        ar: 'اختيار قناة الإشعارات والتنبيهات والملخصات',
      },
      allow: ['admin'],
      examples: ['channel alerts #social', 'channel digest #managers', 'channel team #marketing'],
      options: {
        role: required(
          opt.choice(CHANNEL_ROLES, {
            label: { en: 'Purpose', ar: 'الغرض' },
            description: { en: 'team, alerts, digest or escalation', ar: 'team أو alerts أو digest أو escalation' },
            positional: true,
          }),
        ),
        channel: required(
          opt.channel({
            label: { en: 'Channel', ar: 'القناة' },
            description: { en: 'The channel to post into', ar: 'القناة التي يُنشر فيها' },
            positional: true,
          }),
        ),
      },
      async handler({ role, channel }, ctx) {
        const column = CHANNEL_COLUMNS[role];
        if (ctx.workspace[column] === channel) return unchanged(column)(ctx);
        await ctx.services.workspaces.update(ctx.workspace.id, { [column]: channel });
        await ctx.services.audit.record(ctx, 'config.set', `channel.${role}`, {
          from: ctx.workspace[column],
          to: channel,
        });
        const t = ctx.t(m);
        const label = {
          team: t.teamChannel,
          alerts: t.alertChannel,
          digest: t.digestChannel,
          escalation: t.escalationChannel,
        }[role];
        return reply(undefined, [text(t.channelSet({ role: label, channel }))], { tone: 'success' });
      },
    }),
  },
});
