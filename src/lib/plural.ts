/**
 * Counted nouns in both languages, so no reply says "1 minutes", «7 يومًا» or «على 2 قنوات».
 * English has one and other. Arabic chooses by Intl.PluralRules('ar'): 1 names the noun then «واحد»
 * (يوم واحد), 2 is the dual without a number (يومين), 3-10 take the plural (3 أيام), 11-99 the singular
 * with tanween (11 يومًا), 100, 1000 and 0 the plain singular (100 يوم). The dual is given in the form
 * that follows a preposition or an object (يومين, not يومان), which reads naturally in every place the
 * replies put a count.
 */
import { iso, type Locale, plainNumber } from '../core/i18n.js';

export interface CountedNoun {
  en: { one: string; other: string };
  ar: {
    /** The noun with «واحد/واحدة» after it: «يوم واحد». */
    one: string;
    /** The dual: «يومين». */
    two: string;
    /** The plural after 3-10: «أيام». */
    few: string;
    /** The singular after 11-99: «يومًا». */
    many: string;
    /** The singular after 100, 1000 and 0: «يوم». */
    other: string;
  };
}

export const NOUNS = {
  day: {
    en: { one: 'day', other: 'days' },
    ar: { one: 'يوم واحد', two: 'يومين', few: 'أيام', many: 'يومًا', other: 'يوم' },
  },
  hour: {
    en: { one: 'hour', other: 'hours' },
    ar: { one: 'ساعة واحدة', two: 'ساعتين', few: 'ساعات', many: 'ساعة', other: 'ساعة' },
  },
  minute: {
    en: { one: 'minute', other: 'minutes' },
    ar: { one: 'دقيقة واحدة', two: 'دقيقتين', few: 'دقائق', many: 'دقيقة', other: 'دقيقة' },
  },
  character: {
    en: { one: 'character', other: 'characters' },
    ar: { one: 'حرف واحد', two: 'حرفين', few: 'أحرف', many: 'حرفًا', other: 'حرف' },
  },
  hashtag: {
    en: { one: 'hashtag', other: 'hashtags' },
    ar: { one: 'وسم واحد', two: 'وسمين', few: 'وسوم', many: 'وسمًا', other: 'وسم' },
  },
  change: {
    en: { one: 'change', other: 'changes' },
    ar: { one: 'تغيير واحد', two: 'تغييرين', few: 'تغييرات', many: 'تغييرًا', other: 'تغيير' },
  },
  follower: {
    en: { one: 'follower', other: 'followers' },
    ar: { one: 'متابع واحد', two: 'متابعَين', few: 'متابعين', many: 'متابعًا', other: 'متابع' },
  },
  row: {
    en: { one: 'row', other: 'rows' },
    ar: { one: 'صف واحد', two: 'صفين', few: 'صفوف', many: 'صفًا', other: 'صف' },
  },
  alert: {
    en: { one: 'open alert', other: 'open alerts' },
    ar: {
      one: 'تنبيه مفتوح واحد',
      two: 'تنبيهين مفتوحين',
      few: 'تنبيهات مفتوحة',
      many: 'تنبيهًا مفتوحًا',
      other: 'تنبيه مفتوح',
    },
  },
  time: {
    en: { one: 'time', other: 'times' },
    ar: { one: 'مرة واحدة', two: 'مرتين', few: 'مرات', many: 'مرة', other: 'مرة' },
  },
  problem: {
    en: { one: 'problem', other: 'problems' },
    ar: { one: 'مشكلة واحدة', two: 'مشكلتين', few: 'مشكلات', many: 'مشكلةً', other: 'مشكلة' },
  },
  channel: {
    en: { one: 'channel', other: 'channels' },
    ar: { one: 'قناة واحدة', two: 'قناتين', few: 'قنوات', many: 'قناة', other: 'قناة' },
  },
  part: {
    en: { one: 'part', other: 'parts' },
    ar: { one: 'جزء واحد', two: 'جزأين', few: 'أجزاء', many: 'جزءًا', other: 'جزء' },
  },
  comment: {
    en: { one: 'comment', other: 'comments' },
    ar: { one: 'تعليق واحد', two: 'تعليقين', few: 'تعليقات', many: 'تعليقًا', other: 'تعليق' },
  },
  second: {
    en: { one: 'second', other: 'seconds' },
    ar: { one: 'ثانية واحدة', two: 'ثانيتين', few: 'ثوانٍ', many: 'ثانية', other: 'ثانية' },
  },
} as const satisfies Record<string, CountedNoun>;

export type Noun = keyof typeof NOUNS;

const arabicRules = new Intl.PluralRules('ar');

/**
 * "3 days" / «3 أيام», «يوم واحد», «يومين», «11 يومًا». The number is formatted by `show` (grouping by
 * default) and isolated in Arabic, where it sits inside right-to-left text.
 */
export function count(
  n: number,
  noun: Noun | CountedNoun,
  locale: Locale,
  show: (n: number) => string = grouped,
): string {
  const forms = typeof noun === 'string' ? NOUNS[noun] : noun;
  if (locale === 'en') return `${show(n)} ${n === 1 ? forms.en.one : forms.en.other}`;
  switch (arabicRules.select(n)) {
    case 'one':
      return forms.ar.one;
    case 'two':
      return forms.ar.two;
    case 'few':
      return `${iso(show(n))} ${forms.ar.few}`;
    case 'many':
      return `${iso(show(n))} ${forms.ar.many}`;
    default:
      return `${iso(show(n))} ${forms.ar.other}`;
  }
}

/**
 * The noun alone, as it follows a number shown some other way ("150/2,200 characters", «150/2,200
 * حرف»): it agrees with `n`, and 1 and 2 take the form a written number would.
 */
export function nounAfter(n: number, noun: Noun, locale: Locale): string {
  const forms = NOUNS[noun];
  if (locale === 'en') return n === 1 ? forms.en.one : forms.en.other;
  const category = arabicRules.select(n);
  return category === 'few' ? forms.ar.few : category === 'many' ? forms.ar.many : forms.ar.other;
}

const grouped = (n: number): string => plainNumber(n, 'en');

/**
 * "Google Ads, Facebook and Email" / «إعلانات Google وفيسبوك والبريد الإلكتروني»: a list as a sentence
 * says it, never a bare comma list (Arabic joins every item with «و», attached to the next word).
 */
export function andList(items: readonly string[], locale: Locale): string {
  if (locale === 'ar') return items.join(' و');
  return items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items.at(-1)}` : (items[0] ?? '');
}

/**
 * Items of a line kept apart by semicolons ("Save time; Feel safe" / «توفير الوقت؛ الأمان»), except
 * after an item that ends a sentence itself: "Can I return it?; I have never…" is a seam, so a
 * question or an exclamation is followed by a space only.
 */
export function itemList(items: readonly string[], locale: Locale): string {
  const sep = locale === 'ar' ? '؛ ' : '; ';
  return items.reduce((line, item, i) => (i === 0 ? item : `${line}${/[?؟!.…]$/.test(line) ? ' ' : sep}${item}`), '');
}

/** "x, tiktok or reminder" / «x أو tiktok أو reminder»: choices as a sentence offers them. */
export function orList(items: readonly string[], locale: Locale): string {
  if (locale === 'ar') return items.join(' أو ');
  return items.length > 1 ? `${items.slice(0, -1).join(', ')} or ${items.at(-1)}` : (items[0] ?? '');
}
