/**
 * /schedule calendar (and the calendar part of /home) in the reader's language: the picture, with the
 * same counts as text for its alt text and for the console, where a terminal shows no picture (the PNG
 * is saved as a file there instead).
 */
import { defineMessages, iso, isoIn, plainNumber } from '../../core/i18n.js';
import type { Viewer } from '../../core/identity.js';
import { type Block, context, type Reply, reply, table, text } from '../../core/reply.js';
import { arabicDigits, digitStyleOf, imageFigure, withoutIsolates } from '../../lib/digits.js';
import { dayRange, dayText } from '../../lib/when.js';
import { channelName } from '../schedule-view.js';
import {
  CALENDAR_KINDS,
  type CalendarGrid,
  type CalendarKind,
  type CalendarLabels,
  type CalendarSpan,
  type Counts,
  calendarPng,
} from './picture.js';

const m = defineMessages(
  'calendar',
  {
    weekTitle: (p: { range: string }) => `Calendar, this week and next: ${p.range}`,
    monthTitle: (p: { month: string }) => `Calendar, ${p.month}`,
    subtitle: (p: { zone: string }) => `Scheduled, published and failed posts per day and channel · times in ${p.zone}`,
    scheduled: 'Scheduled',
    published: 'Published',
    failed: 'Failed or unknown',
    day: 'Day',
    channel: 'Channel',
    empty: 'Nothing scheduled, published or failed in this period.',
    emptyHint: 'Schedule a post with /schedule instagram tomorrow 9am media:https://… | Caption',
    more: (p: { n: string }) => `+${p.n} more`,
    alt: (p: { title: string; days: string }) => `${p.title}. ${p.days}`,
    altEmpty: (p: { title: string }) => `${p.title}: no posts.`,
    dayLine: (p: { day: string; channels: string }) => `${p.day}: ${p.channels}`,
    countsLine: (p: { channel: string; counts: string }) => `${p.channel} ${p.counts}`,
    count: (p: { kind: string; n: string }) => `${p.n} ${p.kind.toLowerCase()}`,
    totals: (p: { scheduled: string; published: string; failed: string }) =>
      `In all: ${p.scheduled} scheduled, ${p.published} published, ${p.failed} failed or unknown.`,
    other: 'Also: /schedule calendar week or /schedule calendar month; /schedule list for each post.',
  },
  {
    weekTitle: (p) => `التقويم: هذا الأسبوع والذي يليه، ${p.range}`,
    monthTitle: (p) => `التقويم: ${p.month}`,
    subtitle: (p) => `المنشورات المجدولة والمنشورة والفاشلة لكل يوم وقناة · الأوقات بتوقيت ${p.zone}`,
    scheduled: 'مجدولة',
    published: 'منشورة',
    failed: 'فاشلة أو نتيجتها غير معروفة',
    day: 'اليوم',
    channel: 'القناة',
    empty: 'لا منشورات مجدولة أو منشورة أو فاشلة في هذه الفترة.',
    emptyHint: `جدوِل منشورًا بالأمر ${iso('/schedule instagram')} غدًا 9 صباحًا ${iso('media:https://…')} | نص المنشور`,
    more: (p) => `و${p.n} غيرها`,
    alt: (p) => `${p.title}. ${p.days}`,
    altEmpty: (p) => `${p.title}: لا منشورات.`,
    dayLine: (p) => `${p.day}: ${p.channels}`,
    countsLine: (p) => `${p.channel} (${p.counts})`,
    count: (p) => `${p.kind}: ${p.n}`,
    totals: (p) => `المجموع: مجدولة ${p.scheduled}، ومنشورة ${p.published}، وفاشلة أو غير معروفة النتيجة ${p.failed}.`,
    other: 'وأيضًا: /schedule calendar week أو /schedule calendar month؛ و/schedule list لتفاصيل كل منشور.',
  },
);

export function calendarTitle(g: CalendarGrid, v: Viewer): string {
  const t = v.t(m);
  if (g.span === 'month') {
    return t.monthTitle({ month: isoIn(dayText(g.first, v.locale, 'month'), v.locale) });
  }
  return t.weekTitle({ range: dayRange(g.first, g.last, v.locale) });
}

function kindName(kind: CalendarKind, v: Viewer): string {
  return v.t(m)[kind];
}

/** "Instagram 2 scheduled, 1 published" / «إنستغرام (مجدولة: 2، منشورة: 1)», kinds with no posts left out. */
function countsText(channel: string, counts: Counts, v: Viewer): string {
  const t = v.t(m);
  const parts = CALENDAR_KINDS.filter((k) => counts[k] > 0).map((k) =>
    t.count({ kind: kindName(k, v), n: isoIn(plainNumber(counts[k], v.locale), v.locale) }),
  );
  return t.countsLine({ channel: channelName(channel, v), counts: parts.join(v.locale === 'ar' ? '، ' : ', ') });
}

/** One line per day with posts: the text the picture shows, for alt text and screen readers. */
export function calendarLines(g: CalendarGrid, v: Viewer): string[] {
  const t = v.t(m);
  const sep = v.locale === 'ar' ? '؛ ' : '; ';
  return g.weeks
    .flat()
    .filter((d) => d.inPeriod && d.channels.length > 0)
    .map((d) =>
      t.dayLine({
        day: isoIn(dayText(d.date, v.locale, 'dayShort'), v.locale),
        channels: d.channels.map((c) => countsText(c.channel, c.counts, v)).join(sep),
      }),
    );
}

function totalsText(g: CalendarGrid, v: Viewer): string {
  const n = (k: CalendarKind) => isoIn(plainNumber(g.totals[k], v.locale), v.locale);
  return v.t(m).totals({ scheduled: n('scheduled'), published: n('published'), failed: n('failed') });
}

/** What the picture writes: weekday names in grid order, figures in the workspace's digits. */
export function calendarLabels(g: CalendarGrid, v: Viewer): CalendarLabels {
  const t = v.t(m);
  const arabic = v.locale === 'ar';
  const digits = digitStyleOf(v.workspace);
  const figure = (n: number) => imageFigure(plainNumber(n, v.locale), arabic, digits);
  return {
    // The title is ours (no user text): all its figures take the workspace's digits.
    title:
      arabic && digits === 'arabic'
        ? arabicDigits(withoutIsolates(calendarTitle(g, v)))
        : withoutIsolates(calendarTitle(g, v)),
    subtitle: withoutIsolates(t.subtitle({ zone: v.timezone })),
    weekdays: (g.weeks[0] ?? []).map((d) => dayText(d.date, v.locale, 'weekdayShort')),
    dayNumber: (date) => figure(Number(date.slice(8))),
    channel: (c) => withoutIsolates(channelName(c, v)),
    figure,
    kinds: { scheduled: t.scheduled, published: t.published, failed: t.failed },
    more: (n) => t.more({ n: figure(n) }),
    rtl: arabic,
  };
}

export function calendarFilename(g: CalendarGrid): string {
  return `calendar-${g.span}-${g.first}.png`;
}

/**
 * The calendar's blocks without its title. `picture`: the PNG as an image with the day lines as its
 * alt text (Slack, Discord); otherwise (the console) a table of the same counts, and with `file` the
 * PNG as a file to open.
 */
export function calendarBlocks(g: CalendarGrid, v: Viewer, picture: boolean, file: boolean): Block[] {
  const t = v.t(m);
  const title = calendarTitle(g, v);
  const lines = calendarLines(g, v);
  const blocks: Block[] = [];
  if (lines.length === 0) blocks.push(text(t.empty), context(t.emptyHint));
  if (picture || file) {
    const png = calendarPng(g, calendarLabels(g, v));
    const alt = lines.length > 0 ? t.alt({ title, days: lines.join(' ') }) : t.altEmpty({ title });
    if (picture) blocks.push({ kind: 'image', png, alt, filename: calendarFilename(g) });
    else {
      if (lines.length > 0) blocks.push(calendarTable(g, v));
      blocks.push({ kind: 'file', filename: calendarFilename(g), mime: 'image/png', content: png });
    }
  } else if (lines.length > 0) blocks.push(calendarTable(g, v));
  if (lines.length > 0) blocks.push(context(totalsText(g, v)));
  return blocks;
}

/** /schedule calendar: the picture on Slack and Discord, a table and the PNG as a file in the console. */
export function calendarReply(g: CalendarGrid, v: Viewer, picture: boolean): Reply {
  const blocks = [...calendarBlocks(g, v, picture, !picture), context(v.t(m).other)];
  return reply(calendarTitle(g, v), blocks, { rtl: v.locale === 'ar' });
}

/** Day, channel and the three counts, one row per day and channel with posts. */
export function calendarTable(g: CalendarGrid, v: Viewer): Block {
  const t = v.t(m);
  const n = (x: number) => isoIn(plainNumber(x, v.locale), v.locale);
  const rows = g.weeks
    .flat()
    .filter((d) => d.inPeriod)
    .flatMap((d) =>
      d.channels.map((c, i) => [
        i === 0 ? isoIn(dayText(d.date, v.locale, 'dayShort'), v.locale) : '',
        channelName(c.channel, v),
        n(c.counts.scheduled),
        n(c.counts.published),
        n(c.counts.failed),
      ]),
    );
  return table([t.day, t.channel, t.scheduled, t.published, t.failed], rows);
}

export type { CalendarSpan };
