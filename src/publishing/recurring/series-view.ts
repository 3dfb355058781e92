/**
 * How recurring posts and posting slots are shown: a rule in words ("every Monday, Wednesday and
 * Friday at 18:00", «كل أسبوع أيام الاثنين والأربعاء والجمعة الساعة 18:00»), a date written out in
 * the reader's language, the confirmation of a new series, its line in /schedule list, and why a
 * typed rule was refused.
 */
import { defineMessages, iso, isoIn, type Locale } from '../../core/i18n.js';
import type { Viewer } from '../../core/identity.js';
import { type Action, type Block, context, list, text } from '../../core/reply.js';
import { andList, type CountedNoun, count } from '../../lib/plural.js';
import { dayFigure, formatLocal, writtenDate } from '../../lib/when.js';
import { preview } from '../dispatcher.js';
import { channelName } from '../schedule-view.js';
import type { ScheduledPost } from '../scheduler.js';
import type { RecurrenceProblem, RecurrenceRule } from './recurrence.js';
import { type PostSeries, ruleOf, templateOf } from './series.js';
import type { Slot } from './slots.js';

const DAY_NAMES: Record<Locale, readonly string[]> = {
  en: ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
  ar: ['', 'الاثنين', 'الثلاثاء', 'الأربعاء', 'الخميس', 'الجمعة', 'السبت', 'الأحد'],
};

const WEEK: CountedNoun = {
  en: { one: 'week', other: 'weeks' },
  ar: { one: 'أسبوع واحد', two: 'أسبوعين', few: 'أسابيع', many: 'أسبوعًا', other: 'أسبوع' },
};

const DATE: CountedNoun = {
  en: { one: 'date', other: 'dates' },
  ar: { one: 'موعد واحد', two: 'موعدين', few: 'مواعيد', many: 'موعدًا', other: 'موعد' },
};

const m = defineMessages(
  'series',
  {
    title: (p: { channel: string; id: number }) => `Recurring post on ${p.channel} (series ${p.id})`,
    awaitingTitle: (p: { channel: string; id: number }) =>
      `Recurring post on ${p.channel} (series ${p.id}), waiting for approval`,
    until: (p: { date: string }) => `until ${p.date}`,
    reminderTitle: (p: { id: number }) => `Recurring reminder (series ${p.id})`,
    evergreen: 'with no end date',
    firstDates: 'First dates:',
    generated: (p: { dates: string; n: number; last: string }) =>
      `${p.dates} scheduled now, up to ${p.last}; later dates are added as time passes.`,
    allGenerated: (p: { dates: string; n: number }) => `${p.dates} scheduled, the whole series.`,
    howTo: (p: { id: number; first: number }) =>
      `Each date is a post of its own: /schedule cancel ${p.first} skips the first one (any date by its number), /schedule stop-series ${p.id} stops the series.`,
    approval:
      'A manager approves the whole series once (Approve every date: the dates added later need no approval), or each date on its own.',
    approveSeries: 'Approve every date',
    rejectSeries: 'Reject the series',
    approvedSeries: (p: { id: number; who: string; n: number }) =>
      `Series ${p.id} approved by ${p.who}: its ${p.n} waiting dates go out at their times, and the dates added later need no approval.`,
    rejectedSeries: (p: { id: number; who: string; n: number }) =>
      `Series ${p.id} rejected by ${p.who}: it is stopped and its ${p.n} waiting dates are cancelled.`,
    recurring: 'Recurring',
    seriesLine: (p: { id: number; channel: string; rule: string; next: string; text: string }) =>
      `Series ${p.id} · ${p.channel} · ${p.rule} · next: ${p.next} · ${p.text}`,
    nextPost: (p: { when: string; id: number }) => `${p.when} (#${p.id})`,
    noneWaiting: 'no date waiting',
    seriesHow: (p: { id: number }) =>
      `/schedule series ${p.id} shows a series and its dates; /schedule stop-series ${p.id} stops it (each by its number).`,
    stopped: (p: { id: number; dates: string; n: number }) =>
      `Series ${p.id} stopped. ${p.dates} cancelled; posts already published stay.`,
    stoppedNone: (p: { id: number }) => `Series ${p.id} stopped. No date was waiting; posts already published stay.`,
    notActive: (p: { id: number }) => `There is no active series ${p.id} in this workspace. /schedule list shows them.`,
    upcoming: 'Next dates:',
    noUpcoming: 'No date is waiting.',
    occurrenceNote: (p: { id: number }) =>
      `Only this date is skipped: series ${p.id} goes on. Stop the whole series with /schedule stop-series ${p.id}.`,
    noDays: 'Say which days: "every monday 9am", "every mon,wed,fri 18:00", "every day 9am".',
    noTime: 'Say the time of day too: "every monday 9am" or "every day 18:00".',
    badTime: (p: { value: string }) =>
      `"${p.value}" is not a time of day I can read. Write it like 9am, 6:30pm or 18:00.`,
    unreadable: (p: { value: string }) =>
      `"${p.value}" is not a repeat I can read. Try "every 2 weeks on friday 10:00".`,
    untilUnreadable: (p: { value: string }) =>
      `"${p.value}" is not a date I can read. Write the end date as 2027-03-01.`,
    untilBeforeFirst: (p: { first: string }) =>
      `The end date comes before the first date (${p.first}): nothing would be published. Choose a later end date.`,
    untilTooFar: (p: { limit: string }) =>
      `A series can run up to ${p.limit} (two years). Choose an earlier end date, or leave it out: a series with no end keeps going.`,
    oneChannel: 'A recurring post is for one channel at a time: schedule each network on its own.',
    duplicate: (p: { id: number }) => `The same recurring post is already scheduled as series ${p.id}.`,
  },
  {
    title: (p) => `منشور متكرر على ${p.channel} (السلسلة ${iso(p.id)})`,
    awaitingTitle: (p) => `منشور متكرر على ${p.channel} (السلسلة ${iso(p.id)}) بانتظار الموافقة`,
    until: (p) => `حتى ${iso(p.date)}`,
    reminderTitle: (p) => `تذكير متكرر (السلسلة ${iso(p.id)})`,
    evergreen: 'بلا تاريخ انتهاء',
    firstDates: 'أول المواعيد:',
    // The count stands as a figure after «عددها»: a counted noun as the subject would need the
    // nominative dual (موعدان), which plural.ts does not give.
    generated: (p) => `جُدولت المواعيد حتى ${iso(p.last)} (عددها ${iso(p.n)})، وتُضاف المواعيد التالية مع مرور الوقت.`,
    allGenerated: (p) => `جُدولت السلسلة كاملة (عدد مواعيدها ${iso(p.n)}).`,
    howTo: (p) =>
      `كل موعد منشور مستقل: الأمر ${iso(`/schedule cancel ${p.first}`)} يلغي الموعد الأول (وأي موعد برقمه)، والأمر ${iso(`/schedule stop-series ${p.id}`)} يوقف السلسلة.`,
    approval:
      'يوافق المدير على السلسلة كلها مرة واحدة (زر الموافقة على كل المواعيد، ولا تحتاج المواعيد التي تُضاف لاحقًا إلى موافقة)، أو على كل موعد وحده.',
    approveSeries: 'الموافقة على كل المواعيد',
    rejectSeries: 'رفض السلسلة',
    approvedSeries: (p) =>
      `وافق ${p.who} على السلسلة ${iso(p.id)}: تُنشر مواعيدها المنتظرة (عددها ${iso(p.n)}) في أوقاتها، ولا تحتاج المواعيد التي تُضاف لاحقًا إلى موافقة.`,
    rejectedSeries: (p) => `رفض ${p.who} السلسلة ${iso(p.id)}: أُوقفت وأُلغيت مواعيدها المنتظرة (عددها ${iso(p.n)}).`,
    recurring: 'منشورات متكررة',
    seriesLine: (p) => `السلسلة ${iso(p.id)} · ${p.channel} · ${p.rule} · الموعد التالي: ${p.next} · ${p.text}`,
    nextPost: (p) => `${p.when} (${iso(`#${p.id}`)})`,
    noneWaiting: 'لا موعد منتظر',
    seriesHow: (p) =>
      `الأمر ${iso(`/schedule series ${p.id}`)} يعرض السلسلة ومواعيدها، والأمر ${iso(`/schedule stop-series ${p.id}`)} يوقفها (كلٌّ برقمها).`,
    stopped: (p) => `أُوقفت السلسلة ${iso(p.id)} وأُلغيت مواعيدها المنتظرة (عددها ${iso(p.n)})؛ أما ما نُشر منها فيبقى.`,
    stoppedNone: (p) => `أُوقفت السلسلة ${iso(p.id)}. لم يكن أي موعد منتظرًا، وما نُشر منها يبقى.`,
    notActive: (p) => `لا توجد سلسلة نشطة برقم ${iso(p.id)} في مساحة العمل هذه. يعرضها الأمر /schedule list.`,
    upcoming: 'المواعيد القادمة:',
    noUpcoming: 'لا موعد منتظر.',
    occurrenceNote: (p) =>
      `أُلغي هذا الموعد وحده وتستمر السلسلة ${iso(p.id)}. لإيقاف السلسلة كلها: ${iso(`/schedule stop-series ${p.id}`)}.`,
    noDays: 'حدّد الأيام: «كل اثنين 9 صباحًا» أو «كل يوم 9 صباحًا» أو every mon,wed,fri 18:00.',
    noTime: 'حدّد الساعة أيضًا: «كل اثنين 9 صباحًا» أو «كل يوم 18:00».',
    badTime: (p) => `لم أفهم «${p.value}» على أنه ساعة من اليوم. اكتبها هكذا: 9 صباحًا أو 6:30 مساءً أو 18:00.`,
    unreadable: (p) => `لم أفهم التكرار «${p.value}». جرّب «كل أسبوعين يوم الجمعة 10:00».`,
    untilUnreadable: (p) => `لم أفهم «${p.value}» على أنه تاريخ. اكتب تاريخ الانتهاء هكذا: ${iso('2027-03-01')}.`,
    untilBeforeFirst: (p) => `تاريخ الانتهاء يسبق أول موعد (${iso(p.first)})، فلن يُنشر شيء. اختر تاريخ انتهاء لاحقًا.`,
    untilTooFar: (p) =>
      `يمكن أن تستمر السلسلة حتى ${p.limit} (سنتين). اختر تاريخ انتهاء أقرب، أو احذفه لتستمر السلسلة بلا نهاية.`,
    oneChannel: 'المنشور المتكرر لقناة واحدة في كل مرة: جدول كل شبكة وحدها.',
    duplicate: (p) => `المنشور المتكرر نفسه مجدول بالفعل في السلسلة ${iso(p.id)}.`,
  },
);

/** "Monday, Wednesday and Friday" / «الاثنين والأربعاء والجمعة». */
export function dayList(days: readonly number[], locale: Locale): string {
  return andList(
    days.map((d) => DAY_NAMES[locale][d] ?? ''),
    locale,
  );
}

/** A rule in words in the reader's language. */
export function ruleText(rule: RecurrenceRule, locale: Locale): string {
  const time = iso(rule.time);
  const daily = rule.weekdays.length === 7;
  const several = rule.weekdays.length > 1;
  const days = dayList(rule.weekdays, locale);
  if (locale === 'ar') {
    const every = rule.every === 1 ? 'كل أسبوع' : `كل ${count(rule.every, WEEK, 'ar')}`;
    if (daily && rule.every === 1) return `كل يوم الساعة ${time}`;
    if (!several && rule.every === 1) return `كل يوم ${days} الساعة ${time}`;
    return `${every} ${several ? 'أيام' : 'يوم'} ${days} الساعة ${time}`;
  }
  if (daily && rule.every === 1) return `every day at ${time}`;
  if (rule.every === 1) return `every ${days} at ${time}`;
  return `every ${count(rule.every, WEEK, 'en')} on ${days} at ${time}`;
}

/** The rule opening a sentence: "Every Monday at 09:00, …" (Arabic has no capitals). */
const asSentence = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** "Monday 7 December 2026, 09:00" / «الاثنين، 7 ديسمبر 2026، 09:00»: no way to misread it. */
export function writtenTime(at: Date, zone: string, locale: Locale): string {
  const sep = locale === 'ar' ? '، ' : ', ';
  return isoIn(`${writtenDate(at, zone, locale)}${sep}${formatLocal(at, zone).slice(11)}`, locale);
}

/** The blocks of a new series' confirmation (the first occurrence's card comes from postDetails). */
export function seriesSummary(series: PostSeries, posts: readonly ScheduledPost[], v: Viewer): Block[] {
  const t = v.t(m);
  const rule = ruleOf(series);
  const sep = v.locale === 'ar' ? '، ' : ', ';
  const end = series.until ? t.until({ date: writtenDate(series.until, v.timezone, v.locale) }) : t.evergreen;
  const last = posts.at(-1);
  const dates = count(posts.length, DATE, v.locale);
  const whole = series.until && last && series.generatedUntil && series.generatedUntil >= series.until;
  return [
    text(asSentence(`${ruleText(rule, v.locale)}${sep}${end}.`)),
    text(t.firstDates),
    list(posts.slice(0, 3).map((p) => `${writtenTime(p.publishAt, v.timezone, v.locale)} · ${iso(`#${p.id}`)}`)),
    context(
      whole || !last
        ? t.allGenerated({ dates, n: posts.length })
        : t.generated({ dates, n: posts.length, last: writtenDate(last.publishAt, v.timezone, v.locale) }),
    ),
  ];
}

export function seriesTitle(series: PostSeries, awaiting: boolean, v: Viewer): string {
  const t = v.t(m);
  const channel = templateOf(series).channel;
  const p = { channel: channelName(channel, v), id: series.id };
  return awaiting ? t.awaitingTitle(p) : channel === 'reminder' ? t.reminderTitle(p) : t.title(p);
}

/** Approve every date / Reject the series, under a series waiting for approval. */
export function seriesApprovalButtons(id: number, v: Viewer): Action[] {
  const t = v.t(m);
  return [
    { id: 'schedule.approveSeries', label: t.approveSeries, payload: String(id), style: 'primary' },
    { id: 'schedule.rejectSeries', label: t.rejectSeries, payload: String(id), style: 'danger' },
  ];
}

/** `first`: the first date's post number, the one a person would cancel as an example. */
export function seriesNotes(series: PostSeries, first: number, awaiting: boolean, v: Viewer): Block[] {
  const t = v.t(m);
  return [context(awaiting ? t.approval : t.howTo({ id: series.id, first }))];
}

/** The "Recurring" part of /schedule list: each active series once, with its rule and next date. */
export function seriesSection(
  rows: ReadonlyArray<{ series: PostSeries; next: ScheduledPost | null }>,
  v: Viewer,
): Block[] {
  if (rows.length === 0) return [];
  const t = v.t(m);
  const line = ({ series, next }: { series: PostSeries; next: ScheduledPost | null }) => {
    const tpl = templateOf(series);
    const rule = ruleText(ruleOf(series), v.locale);
    const end = series.until ? ` ${t.until({ date: writtenDate(series.until, v.timezone, v.locale) })}` : '';
    return t.seriesLine({
      id: series.id,
      channel: channelName(tpl.channel, v),
      rule: `${rule}${end}`,
      next: next ? t.nextPost({ when: writtenTime(next.publishAt, v.timezone, v.locale), id: next.id }) : t.noneWaiting,
      text: preview(tpl.content || tpl.title || '', 50),
    });
  };
  return [text(t.recurring), list(rows.map(line)), context(t.seriesHow({ id: rows[0]?.series.id ?? 1 }))];
}

/** /schedule series N: the rule, its end and the dates waiting. */
export function seriesDetails(series: PostSeries, upcoming: readonly ScheduledPost[], v: Viewer): Block[] {
  const t = v.t(m);
  const end = series.until ? t.until({ date: writtenDate(series.until, v.timezone, v.locale) }) : t.evergreen;
  const sep = v.locale === 'ar' ? '، ' : ', ';
  return [
    text(asSentence(`${ruleText(ruleOf(series), v.locale)}${sep}${end}.`)),
    ...(upcoming.length > 0
      ? [
          text(t.upcoming),
          list(upcoming.map((p) => `${writtenTime(p.publishAt, v.timezone, v.locale)} · ${iso(`#${p.id}`)}`)),
        ]
      : [text(t.noUpcoming)]),
    ...(upcoming[0] ? [context(t.howTo({ id: series.id, first: upcoming[0].id }))] : []),
  ];
}

export function stoppedText(id: number, cancelled: number, v: Viewer): string {
  const t = v.t(m);
  return cancelled > 0
    ? t.stopped({ id, dates: count(cancelled, DATE, v.locale), n: cancelled })
    : t.stoppedNone({ id });
}

export const seriesMessages = m;

/** Why a typed rule was refused, in the reader's language. */
export function recurrenceProblemText(p: RecurrenceProblem, v: Viewer): string {
  const t = v.t(m);
  switch (p.kind) {
    case 'noDays':
      return t.noDays;
    case 'noTime':
      return t.noTime;
    case 'badTime':
      return t.badTime({ value: p.value });
    case 'unreadable':
      return t.unreadable({ value: p.word });
    case 'untilUnreadable':
      return t.untilUnreadable({ value: p.value });
    case 'untilBeforeFirst':
      return t.untilBeforeFirst({ first: writtenTime(p.first, v.timezone, v.locale) });
    case 'untilTooFar':
      return t.untilTooFar({ limit: dayFigure(p.limit, v.locale) });
  }
}

/** A channel's slots: "Monday and Wednesday at 18:00; Tuesday at 09:00". */
export function slotsText(slots: readonly Slot[], locale: Locale): string {
  const byTime = new Map<string, number[]>();
  for (const s of slots) byTime.set(s.time, [...(byTime.get(s.time) ?? []), s.weekday]);
  return [...byTime]
    .map(([time, days]) =>
      locale === 'ar' ? `${dayList(days, 'ar')} الساعة ${iso(time)}` : `${dayList(days, 'en')} at ${time}`,
    )
    .join(locale === 'ar' ? '؛ ' : '; ');
}
