import { defineCommand } from '../src/core/command.js';
import { defineMessages, iso, type L10n, type Locale } from '../src/core/i18n.js';
import { opt } from '../src/core/options.js';
import { reply, table, text } from '../src/core/reply.js';
import { count } from '../src/lib/plural.js';
import { localTime } from '../src/lib/when.js';
import { channelLabel } from '../src/reporting/channel-names.js';

/** What each recorded action means, as the reader says it; an action missing here shows its code. */
export const ACTIONS: Record<string, L10n> = {
  'alert.assign': { en: 'took an alert', ar: 'تولّى تنبيهًا' },
  'alert.draft': { en: 'drafted a reply', ar: 'صاغ ردًا' },
  'alert.reply': { en: 'replied to a comment', ar: 'ردّ على تعليق' },
  'alert.correct': { en: 'confirmed an alert', ar: 'أكّد تنبيهًا' },
  'alert.not-negative': { en: 'marked a comment not negative', ar: 'وسم تعليقًا بأنه ليس سلبيًا' },
  'alert.handle': { en: 'handled an alert', ar: 'عالج تنبيهًا' },
  'alert.ignore': { en: 'ignored an alert', ar: 'تجاهل تنبيهًا' },
  'brainstorm.create': { en: 'brainstormed ideas', ar: 'ولّد أفكارًا' },
  'brand.set': { en: 'changed the brand profile', ar: 'عدّل ملف العلامة التجارية' },
  'brand.clear': { en: 'cleared a field of the brand profile', ar: 'حذف حقلًا من ملف العلامة التجارية' },
  'config.set': { en: 'changed a setting', ar: 'غيّر إعدادًا' },
  'draft.create': { en: 'drafted a post', ar: 'صاغ منشورًا' },
  'integration.connect': { en: 'connected an account', ar: 'ربط حسابًا' },
  'persona.create': { en: 'created a persona', ar: 'أنشأ شخصية' },
  'persona.delete': { en: 'deleted a persona', ar: 'حذف شخصية' },
  'plan.create': { en: 'saved a plan', ar: 'حفظ خطة' },
  'plan.delete': { en: 'deleted a plan', ar: 'حذف خطة' },
  'plan.edit': { en: 'edited a plan', ar: 'عدّل خطة' },
  'post.schedule': { en: 'scheduled a post', ar: 'جدول منشورًا' },
  'post.edit': { en: 'edited a post', ar: 'عدّل منشورًا' },
  'post.cancel': { en: 'cancelled a post', ar: 'ألغى منشورًا' },
  'post.approve': { en: 'approved a post', ar: 'وافق على منشور' },
  'post.reject': { en: 'rejected a post', ar: 'رفض منشورًا' },
  'post.resolve': { en: 'settled a post of unknown outcome', ar: 'حسم منشورًا مجهول النتيجة' },
  'post.retry': { en: 'retried a failed post', ar: 'أعاد محاولة نشر منشور فشل' },
  'post.import.preview': { en: 'previewed posts from a CSV file', ar: 'عاين منشورات من ملف CSV' },
  'post.import': { en: 'scheduled posts from a CSV file', ar: 'جدول منشورات من ملف CSV' },
  'series.create': { en: 'scheduled a recurring post', ar: 'جدول منشورًا متكررًا' },
  'series.stop': { en: 'stopped a recurring post', ar: 'أوقف منشورًا متكررًا' },
  'series.approve': { en: 'approved a recurring post', ar: 'وافق على منشور متكرر' },
  'series.reject': { en: 'rejected a recurring post', ar: 'رفض منشورًا متكررًا' },
  'role.set': { en: 'changed a role', ar: 'غيّر دورًا' },
  'seo.watch': { en: 'started watching a site', ar: 'بدأ مراقبة موقع' },
  'seo.unwatch': { en: 'stopped watching a site', ar: 'أوقف مراقبة موقع' },
  'role.jobs': { en: 'changed job roles', ar: 'غيّر أدوار العمل' },
};

/** `post:12` and `comment:5` as words; other targets (a setting's name, a channel) as stored. */
const TARGETS: Record<string, L10n> = {
  post: { en: 'post', ar: 'منشور' },
  comment: { en: 'comment', ar: 'تعليق' },
  plan: { en: 'plan', ar: 'خطة' },
  persona: { en: 'persona', ar: 'شخصية' },
};

/** The settings /config and /alerts change, by the key the audit row stores. */
const SETTINGS: Record<string, L10n> = {
  lang: { en: 'language', ar: 'اللغة' },
  timezone: { en: 'time zone', ar: 'المنطقة الزمنية' },
  currency: { en: 'currency', ar: 'العملة' },
  digits: { en: 'digits', ar: 'الأرقام' },
  approval: { en: 'post approval', ar: 'موافقة المنشورات' },
  digestCron: { en: 'digest schedule', ar: 'موعد الملخص' },
  alerts: { en: 'alert settings', ar: 'إعدادات التنبيهات' },
  'channel.team': { en: 'team channel', ar: 'قناة الفريق' },
  'channel.alerts': { en: 'alerts channel', ar: 'قناة التنبيهات' },
  'channel.digest': { en: 'digest channel', ar: 'قناة الملخص' },
  'channel.escalation': { en: 'escalation channel', ar: 'قناة التصعيد' },
  'assignee-minutes': { en: 'time an assignee has', ar: 'مهلة من يتولّى التنبيه' },
  'review-minutes': { en: 'review summary interval', ar: 'فترة ملخص المراجعة' },
  customChannels: { en: 'custom channels', ar: 'القنوات المخصصة' },
  postingSlots: { en: 'posting slots', ar: 'مواعيد النشر' },
  utm: { en: 'UTM tags on links', ar: 'وسوم UTM على الروابط' },
  // A job role's own weekly digest (/digest subscribe), stored as `roleDigest.<role>`.
  'roleDigest.seo': { en: 'the SEO digest', ar: 'ملخص تحسين محركات البحث' },
  'roleDigest.content': { en: 'the content digest', ar: 'ملخص المحتوى' },
  'roleDigest.social': { en: 'the social media digest', ar: 'ملخص التواصل الاجتماعي' },
  'roleDigest.automation': { en: 'the marketing automation digest', ar: 'ملخص أتمتة التسويق' },
};

/**
 * A stored target as words: `post:12` as «منشور 12», a setting's key as its name, a network as its
 * name (`instagram:acct` as «إنستغرام acct»); anything else (a person, a plan number) as stored.
 */
export function targetOf(target: string, locale: Locale): string {
  if (Object.hasOwn(SETTINGS, target)) return (SETTINGS[target] as L10n)[locale];
  const m = /^([a-z_-]+):(.+)$/.exec(target);
  if (/^\d+$/.test(target)) return iso(target);
  if (!m) return channelLabel(target, locale);
  const [, kind = '', rest = ''] = m;
  // A CSV import's id is a random key that means nothing to a reader: the action already says what it was.
  if (kind === 'import') return '';
  if (Object.hasOwn(TARGETS, kind) && /^\d+$/.test(rest)) return `${(TARGETS[kind] as L10n)[locale]} ${iso(rest)}`;
  const network = channelLabel(kind, locale);
  return network === kind ? target : `${network} ${iso(rest)}`;
}

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
          (Object.hasOwn(ACTIONS, r.action) ? ACTIONS[r.action]?.[ctx.locale] : undefined) ?? r.action,
          targetOf(r.target, ctx.locale),
        ]),
      ),
    ]);
  },
});
