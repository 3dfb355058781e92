/**
 * What a topic is about, read from its words in English and Arabic: an offer, an event, a launch, a
 * how-to, news, a question, a newsletter issue or a job opening. The kind picks the copy framework
 * (hook-value-proof-CTA, problem-agitate-solve, before-after) and whether urgency fits at all.
 */
import { normalizeArabic } from '../../lib/arabic-values.js';

export const TOPIC_KINDS = ['offer', 'event', 'launch', 'howto', 'news', 'question', 'newsletter', 'hiring'] as const;
export type TopicKind = (typeof TOPIC_KINDS)[number];

/** Urgency is honest only when something ends or starts at a time: an offer or an event. */
export const URGENT_KINDS: readonly TopicKind[] = ['offer', 'event'];

/**
 * Cue words per kind, checked in this order (the first kind with a cue wins): a "newsletter" about a
 * sale is a newsletter, a "webinar on how to" is an event, a question about an offer is a question.
 * English cues match whole words; Arabic cues match inside words (attached prefixes: «والخصم»).
 */
const CUES: ReadonlyArray<{ kind: TopicKind; en: RegExp; ar: readonly string[] }> = [
  {
    kind: 'newsletter',
    en: /\b(newsletter|digest|roundup|round-up|bulletin|monthly update|weekly update|this month in|issue #?\d+)\b/i,
    ar: ['نشره', 'النشره', 'ملخص الشهر', 'ملخص الاسبوع', 'العدد'],
  },
  {
    kind: 'hiring',
    en: /\b(hiring|we'?re hiring|join our team|job|jobs|vacanc(y|ies)|open roles?|opening for|careers?|recruiting|internships?)\b/i,
    ar: ['توظيف', 'وظيفه', 'وظائف', 'نبحث عن موظف', 'انضم الى فريق', 'انضموا الى فريق', 'فرص عمل', 'تدريب تعاوني'],
  },
  {
    kind: 'question',
    en: /(\?\s*$)|^(which|what|who|would you|do you|should we|poll|vote)\b/i,
    ar: ['؟', 'استطلاع', 'صوّتوا', 'صوتوا', 'ايهما', 'ما رايكم'],
  },
  {
    kind: 'howto',
    en: /\b(how to|how do|tips?|guide|steps?|ways to|checklist|mistakes|tutorial|explained|what to know|choosing|choose)\b/i,
    ar: ['كيف', 'نصائح', 'نصيحه', 'دليل', 'خطوات', 'طرق', 'اخطاء', 'شرح', 'تختار', 'اختيار'],
  },
  {
    // A discount beats a date: "20% off this Saturday" is an offer, and so is «الجمعة البيضاء».
    kind: 'offer',
    en: /(\d+\s?%)|\b(sale|discount|black friday|cyber monday|coupon|promo code|bogo|price of one)\b/i,
    ar: ['خصم', 'تخفيض', 'الجمعه البيضاء', 'كوبون', 'بسعر واحد', '٪'],
  },
  {
    kind: 'event',
    en: /\b(event|webinar|workshop|meetup|meet-up|conference|summit|open day|open house|festival|class|session|live|seminar|check-?ups?|tour|party|fair|exhibition|this (mon|tues|wednes|thurs|fri|satur|sun)day|on (mon|tues|wednes|thurs|fri|satur|sun)day|tomorrow|tonight|(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d{1,2}|\d{1,2} (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)\b/i,
    ar: [
      'فعاليه',
      'ورشه',
      'ندوه',
      'مؤتمر',
      'ملتقي',
      'يوم مفتوح',
      'مهرجان',
      'معرض',
      'لقاء',
      'فحص',
      'جلسه',
      'بث مباشر',
      'السبت',
      'الاحد',
      'الاثنين',
      'الثلاثاء',
      'الاربعاء',
      'الخميس',
      'الجمعه',
      'غدا',
      'الليله',
    ],
  },
  {
    kind: 'offer',
    en: /(\d+\s?%)|\b(sale|discount|off|offer|deal|deals|promo|promotion|coupon|code|free|bogo|save|savings|bundle|clearance|black friday|cyber monday|price)\b/i,
    ar: ['خصم', 'تخفيض', 'تخفيضات', 'عرض', 'عروض', 'مجان', 'كوبون', 'كود', 'توفير', 'الجمعه البيضاء', 'اسعار', 'سعر'],
  },
  {
    kind: 'news',
    en: /\b(news|announce|announcing|announcement|award|awarded|voted|won|wins|winner|partner|partnership|milestone|opened|grand opening|moved|anniversary|certified|celebrat\w*)\b/i,
    ar: [
      'خبر',
      'نعلن',
      'اعلان',
      'جائزه',
      'فزنا',
      'فوز',
      'شراكه',
      'افتتاح',
      'افتتحنا',
      'انتقلنا',
      'ذكري',
      'اختير',
      'اختيرت',
      'حصلنا',
    ],
  },
  {
    kind: 'launch',
    en: /\b(launch|launching|new|introducing|release|released|now available|available now|feature|update|version|v\d+|collection|menu|app)\b/i,
    ar: ['اطلاق', 'نطلق', 'جديد', 'جديده', 'متوفر الان', 'متاح الان', 'ميزه', 'تحديث', 'اصدار', 'تشكيله', 'قائمه'],
  },
];

const ARABIC = /\p{Script=Arabic}/u;

/** The kind of a topic; plain news when nothing in its words says otherwise. */
export function classifyTopic(topic: string, keywords: readonly string[] = []): TopicKind {
  const text = `${topic} ${keywords.join(' ')}`;
  const arabic = ARABIC.test(text) ? normalizeArabic(text) : '';
  for (const cue of CUES) {
    if (cue.en.test(text)) return cue.kind;
    if (arabic && cue.ar.some((w) => arabic.includes(normalizeArabic(w)))) return cue.kind;
  }
  return 'news';
}

/** A topic split where the person put a label: "December newsletter: 3 HR changes" -> label and subject. */
export interface TopicParts {
  /** The topic as typed, trimmed, without its final full stop. */
  whole: string;
  /** What follows a leading "Label:" (or the whole topic). */
  subject: string;
  /** "December newsletter", "Webinar"; undefined without a colon. */
  label?: string;
  /** Ends with a question mark of either script. */
  asks: boolean;
}

export function topicParts(topic: string): TopicParts {
  const whole = topic
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.。]+$/u, '');
  const asks = /[?؟]$/u.test(whole);
  const colon = whole.match(/^([^:：]{2,60})[:：]\s*(.{3,})$/u);
  if (colon?.[1] && colon[2]) return { whole, label: colon[1].trim(), subject: colon[2].trim(), asks };
  return { whole, subject: whole, asks };
}
