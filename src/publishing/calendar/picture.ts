/**
 * The calendar picture of /schedule calendar and /home: scheduled, published and failed posts per local
 * day and channel, drawn as a week or month grid in SVG and rendered to PNG by the digest charts'
 * renderer (resvg with the bundled Vazirmatn font, so Arabic is shaped on machines without fonts).
 * The same counts make the text version, shown in the console and used as the picture's alt text.
 */
import { DateTime } from 'luxon';
import { escapeXml, renderPng } from '../../reporting/charts.js';

export const CALENDAR_SPANS = ['week', 'month'] as const;
export type CalendarSpan = (typeof CALENDAR_SPANS)[number];

/** What the picture counts; `unknown` goes with failed: both need a person before anything else. */
export const CALENDAR_KINDS = ['scheduled', 'published', 'failed'] as const;
export type CalendarKind = (typeof CALENDAR_KINDS)[number];

const KIND_OF_STATUS: Record<string, CalendarKind> = {
  pending: 'scheduled',
  awaiting_approval: 'scheduled',
  publishing: 'scheduled',
  published: 'published',
  failed: 'failed',
  unknown: 'failed',
};

/** The statuses the calendar shows (cancelled posts are not part of the plan any more). */
export const CALENDAR_STATUSES = Object.keys(KIND_OF_STATUS);

export const KIND_COLORS: Record<CalendarKind, string> = {
  scheduled: '#0072B2',
  published: '#009E73',
  failed: '#D55E00',
};

export type Counts = Record<CalendarKind, number>;

export interface CalendarDay {
  /** yyyy-MM-dd in the workspace's zone. */
  date: string;
  /** Part of the period (a month grid also shows the days of the weeks around it, greyed out). */
  inPeriod: boolean;
  channels: Array<{ channel: string; counts: Counts }>;
}

export interface CalendarGrid {
  span: CalendarSpan;
  zone: string;
  /** First and last day of the period itself (not of the grid). */
  first: string;
  last: string;
  /** Whole weeks, each of seven days starting on the zone's first day of the week. */
  weeks: CalendarDay[][];
  totals: Counts;
}

/**
 * Where the week starts: Sunday in the Americas and most of the Arab world (Saudi Arabia, Egypt, the
 * Levant, Iraq and the Gulf states that still work Sunday to Thursday), Monday elsewhere (ISO 8601,
 * and the UAE since 2022).
 */
const SUNDAY_ZONES = new Set([
  'Asia/Riyadh',
  'Asia/Kuwait',
  'Asia/Qatar',
  'Asia/Bahrain',
  'Asia/Aden',
  'Asia/Baghdad',
  'Asia/Amman',
  'Asia/Jerusalem',
  'Asia/Gaza',
  'Asia/Hebron',
  'Africa/Cairo',
  'Africa/Khartoum',
  'Africa/Tripoli',
]);

/** 1 (Monday) … 7 (Sunday), as Luxon numbers weekdays. */
export function firstWeekday(zone: string): number {
  return SUNDAY_ZONES.has(zone) || zone.startsWith('America/') || zone.startsWith('US/') ? 7 : 1;
}

/**
 * The period's first and last local day and the grid's first day (the start of its first week).
 * The week view is this week and the next, from the zone's first weekday: this week keeps what
 * already went out, and the next always shows at least the seven days to come (on the last day of a
 * week, a single week would show nothing after today).
 */
export function calendarPeriod(
  now: Date,
  zone: string,
  span: CalendarSpan,
): { first: DateTime; last: DateTime; gridStart: DateTime; gridEnd: DateTime } {
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  const weekStart = (d: DateTime) => d.minus({ days: (d.weekday - firstWeekday(zone) + 7) % 7 });
  if (span === 'week') {
    const first = weekStart(today);
    const last = first.plus({ days: 13 });
    return { first, last, gridStart: first, gridEnd: last };
  }
  const first = today.startOf('month');
  const last = today.endOf('month').startOf('day');
  const gridStart = weekStart(first);
  const gridEnd = weekStart(last).plus({ days: 6 });
  return { first, last, gridStart, gridEnd };
}

const zero = (): Counts => ({ scheduled: 0, published: 0, failed: 0 });

/** Counts posts (any order, any range: those outside the grid are ignored) into the period's grid. */
export function calendarGrid(
  posts: ReadonlyArray<{ channel: string; status: string; publishAt: Date }>,
  now: Date,
  zone: string,
  span: CalendarSpan,
): CalendarGrid {
  const { first, last, gridStart, gridEnd } = calendarPeriod(now, zone, span);
  const firstDay = first.toISODate() as string;
  const lastDay = last.toISODate() as string;
  const byDay = new Map<string, Map<string, Counts>>();
  const totals = zero();
  for (const p of posts) {
    const kind = KIND_OF_STATUS[p.status];
    if (!kind) continue;
    const day = DateTime.fromJSDate(p.publishAt, { zone }).toISODate() as string;
    if (day < firstDay || day > lastDay) continue;
    const channels = byDay.get(day) ?? new Map<string, Counts>();
    byDay.set(day, channels);
    const counts = channels.get(p.channel) ?? zero();
    channels.set(p.channel, counts);
    counts[kind]++;
    totals[kind]++;
  }
  const weeks: CalendarDay[][] = [];
  for (let d = gridStart; d <= gridEnd; d = d.plus({ days: 1 })) {
    if (weeks.length === 0 || (weeks[weeks.length - 1] as CalendarDay[]).length === 7) weeks.push([]);
    const date = d.toISODate() as string;
    const channels = [...(byDay.get(date) ?? new Map<string, Counts>()).entries()]
      .map(([channel, counts]) => ({ channel, counts }))
      .sort((a, b) => a.channel.localeCompare(b.channel));
    (weeks[weeks.length - 1] as CalendarDay[]).push({
      date,
      inPeriod: date >= firstDay && date <= lastDay,
      channels,
    });
  }
  return { span, zone, first: firstDay, last: lastDay, weeks, totals };
}

/** Everything the picture writes, already in the reader's language and digits. */
export interface CalendarLabels {
  title: string;
  subtitle: string;
  /** The seven weekday names in grid order. */
  weekdays: string[];
  /** The day number as shown, in the workspace's digits. */
  dayNumber(date: string): string;
  channel(c: string): string;
  figure(n: number): string;
  kinds: Record<CalendarKind, string>;
  /** "+2 more" when a day has more channels than its cell holds. */
  more(n: number): string;
  rtl: boolean;
}

const WIDTH = 980;
const MARGIN = 20;
const HEADER = 70;
const WEEKDAY_ROW = 24;
const LEGEND = 34;
const LINE = 17;

/** How many channel lines a day's cell holds: a week has room for every network, a month for three. */
const linesPerCell = (span: CalendarSpan) => (span === 'week' ? 9 : 3);

export function calendarSvg(g: CalendarGrid, l: CalendarLabels): string {
  const cols = 7;
  const cellW = (WIDTH - 2 * MARGIN) / cols;
  const lines = linesPerCell(g.span);
  const cellH = 26 + lines * LINE;
  const height = HEADER + WEEKDAY_ROW + g.weeks.length * cellH + LEGEND;
  // Right to left: the first day of the week is the rightmost column and text runs from the right.
  const colX = (i: number) => (l.rtl ? WIDTH - MARGIN - (i + 1) * cellW : MARGIN + i * cellW);
  const start = l.rtl ? 'end' : 'start';
  const edge = (x: number, pad: number) => (l.rtl ? x + cellW - pad : x + pad);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="Vazirmatn">`,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    `<text x="${l.rtl ? WIDTH - MARGIN : MARGIN}" y="30" font-size="18" font-weight="bold" fill="#1f2328" text-anchor="${start}">${escapeXml(l.title)}</text>`,
    `<text x="${l.rtl ? WIDTH - MARGIN : MARGIN}" y="52" font-size="12" fill="#57606a" text-anchor="${start}">${escapeXml(l.subtitle)}</text>`,
  ];
  l.weekdays.forEach((name, i) => {
    out.push(
      `<text x="${(colX(i) + cellW / 2).toFixed(1)}" y="${HEADER + 16}" font-size="12" font-weight="bold" fill="#57606a" text-anchor="middle">${escapeXml(name)}</text>`,
    );
  });
  g.weeks.forEach((week, row) => {
    const y = HEADER + WEEKDAY_ROW + row * cellH;
    week.forEach((day, col) => {
      const x = colX(col);
      const fill = day.inPeriod ? '#ffffff' : '#f6f8fa';
      out.push(
        `<rect x="${x.toFixed(1)}" y="${y}" width="${cellW.toFixed(1)}" height="${cellH}" fill="${fill}" stroke="#d0d7de" stroke-width="1"/>`,
        `<text x="${edge(x, 6).toFixed(1)}" y="${y + 17}" font-size="12" font-weight="bold" fill="${day.inPeriod ? '#1f2328' : '#8c959f'}" text-anchor="${start}">${escapeXml(l.dayNumber(day.date))}</text>`,
      );
      const shown = day.channels.length > lines ? day.channels.slice(0, lines - 1) : day.channels;
      shown.forEach((c, k) => {
        const ly = y + 22 + (k + 1) * LINE - 4;
        out.push(
          `<text x="${edge(x, 6).toFixed(1)}" y="${ly}" font-size="11" fill="#1f2328" text-anchor="${start}">${escapeXml(l.channel(c.channel))}</text>`,
        );
        // The counts sit at the cell's far edge, one coloured chip per kind that has posts.
        let offset = 6;
        for (const kind of [...CALENDAR_KINDS].reverse()) {
          const n = c.counts[kind];
          if (n === 0) continue;
          const label = l.figure(n);
          const w = 8 + label.length * 7;
          const cx = l.rtl ? x + offset : x + cellW - offset - w;
          out.push(
            `<rect x="${cx.toFixed(1)}" y="${ly - 11}" width="${w}" height="14" rx="7" fill="${KIND_COLORS[kind]}"/>`,
            `<text x="${(cx + w / 2).toFixed(1)}" y="${ly}" font-size="10" font-weight="bold" fill="#ffffff" text-anchor="middle">${escapeXml(label)}</text>`,
          );
          offset += w + 3;
        }
      });
      if (shown.length < day.channels.length) {
        const ly = y + 22 + lines * LINE - 4;
        out.push(
          `<text x="${edge(x, 6).toFixed(1)}" y="${ly}" font-size="11" fill="#57606a" text-anchor="${start}">${escapeXml(l.more(day.channels.length - shown.length))}</text>`,
        );
      }
    });
  });
  const ly = height - 12;
  let lx = l.rtl ? WIDTH - MARGIN : MARGIN;
  for (const kind of CALENDAR_KINDS) {
    const label = `${l.kinds[kind]} (${l.figure(g.totals[kind])})`;
    const w = 14 + label.length * 7 + 24;
    const sx = l.rtl ? lx - 12 : lx;
    out.push(
      `<rect x="${sx}" y="${ly - 10}" width="12" height="12" rx="6" fill="${KIND_COLORS[kind]}"/>`,
      `<text x="${l.rtl ? sx - 6 : sx + 18}" y="${ly}" font-size="12" fill="#1f2328" text-anchor="${start}">${escapeXml(label)}</text>`,
    );
    lx += l.rtl ? -w : w;
  }
  out.push('</svg>');
  return out.join('');
}

/**
 * 1.5 times the drawing's size: the calendar is half as wide again as a chart, so this is as sharp
 * on a high-density screen, and a third less to rasterise and encode than twice the size.
 */
export const CALENDAR_ZOOM = 1.5;

export function calendarPng(g: CalendarGrid, l: CalendarLabels): Uint8Array {
  return renderPng(calendarSvg(g, l), CALENDAR_ZOOM);
}
