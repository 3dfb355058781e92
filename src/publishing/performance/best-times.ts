/**
 * Best times to post on a network, from the team's own published posts: their engagement rate
 * (interactions / views, as read back by post-figures.ts) per weekday and hour in the workspace's
 * time zone. Own figures are used once they are enough to mean something: posts over at least
 * MIN_WEEKS weeks and at least MIN_POSTS of them, and hours with at least MIN_SLOT_POSTS posts each.
 * Until then the published benchmark (BENCHMARKS) stands in, and the answer says which and why.
 * `nextBestSlot` is the time "next best slot" means: the next start of a top hour (or benchmark window).
 */
import { DateTime } from 'luxon';
import { iso, type L10n } from '../../core/i18n.js';

export const MIN_WEEKS = 8;
export const MIN_POSTS = 30;
/** An hour is ranked only with this many posts in it: one lucky post is not a pattern. */
export const MIN_SLOT_POSTS = 3;
/** How many hours (or benchmark windows) the answer ranks. */
export const TOP_SLOTS = 5;

export interface FiguredPost {
  publishAt: Date;
  impressions: number;
  engagements: number;
}

/** One weekday-hour of own posts: weekday 1 (Monday) … 7 (Sunday), hour 0-23 local. */
export interface OwnSlot {
  weekday: number;
  hour: number;
  posts: number;
  impressions: number;
  engagements: number;
  /** engagements / impressions over the slot's posts (a weighted rate: big posts count more). */
  rate: number;
}

/** A window of the benchmark: weekday and local hours [from, to). */
export interface BenchmarkWindow {
  weekday: number;
  from: number;
  to: number;
}

export interface Benchmark {
  /** Short name of the study shown with the answer; the full reference is in docs/scheduling.md. */
  /** The study as cited to the reader, in each language (the publisher's name stays as it is). */
  source: L10n;
  url: string;
  windows: readonly BenchmarkWindow[];
}

/**
 * Published best-time studies per network. Sprout Social's 2023 Instagram data is recorded in each
 * audience's local time across regions ("publish with the times provided in any timezone"), so it is
 * read in the workspace's zone; no region-specific study with hour-level figures was found for the
 * Gulf, Egypt or the Levant, so the same table serves every region (docs/scheduling.md says so).
 */
export const BENCHMARKS: Partial<Record<string, Benchmark>> = {
  instagram: {
    source: {
      en: 'Sprout Social, Best times to post on Instagram (2023, global, local time)',
      ar: `Sprout Social، «أفضل أوقات النشر على إنستغرام» (${iso('2023')}، بيانات عالمية بالتوقيت المحلي)`,
    },
    url: 'https://sproutsocial.com/insights/best-times-to-post-on-instagram/',
    windows: [
      { weekday: 2, from: 9, to: 13 },
      { weekday: 3, from: 10, to: 13 },
      { weekday: 1, from: 10, to: 12 },
      { weekday: 5, from: 9, to: 11 },
    ],
  },
};

export type WhyBenchmark =
  | { kind: 'fewPosts'; posts: number }
  | { kind: 'fewWeeks'; weeks: number; posts: number }
  | { kind: 'thinHours'; posts: number };

export type BestTimes =
  | { kind: 'own'; slots: OwnSlot[]; posts: number; weeks: number; rate: number }
  | { kind: 'benchmark'; why: WhyBenchmark; benchmark: Benchmark }
  | { kind: 'none'; why: WhyBenchmark };

export function bestTimes(
  channel: string,
  posts: readonly FiguredPost[],
  now: Date,
  zone: string,
  benchmarks: Partial<Record<string, Benchmark>> = BENCHMARKS,
): BestTimes {
  const figured = posts.filter((p) => p.impressions > 0 && p.publishAt <= now);
  const fallback = (why: WhyBenchmark): BestTimes => {
    const benchmark = benchmarks[channel];
    return benchmark ? { kind: 'benchmark', why, benchmark } : { kind: 'none', why };
  };
  if (figured.length < MIN_POSTS) return fallback({ kind: 'fewPosts', posts: figured.length });
  const first = Math.min(...figured.map((p) => p.publishAt.getTime()));
  const weeks = Math.floor((now.getTime() - first) / (7 * 86_400_000));
  if (weeks < MIN_WEEKS) return fallback({ kind: 'fewWeeks', weeks, posts: figured.length });
  const slots = new Map<number, OwnSlot>();
  for (const p of figured) {
    const local = DateTime.fromJSDate(p.publishAt, { zone });
    const key = local.weekday * 24 + local.hour;
    const slot = slots.get(key) ?? {
      weekday: local.weekday,
      hour: local.hour,
      posts: 0,
      impressions: 0,
      engagements: 0,
      rate: 0,
    };
    slot.posts++;
    slot.impressions += p.impressions;
    slot.engagements += p.engagements;
    slots.set(key, slot);
  }
  const ranked = [...slots.values()]
    .filter((s) => s.posts >= MIN_SLOT_POSTS)
    .map((s) => ({ ...s, rate: s.engagements / s.impressions }))
    .sort((a, b) => b.rate - a.rate || b.posts - a.posts || a.weekday - b.weekday || a.hour - b.hour)
    .slice(0, TOP_SLOTS);
  if (ranked.length === 0) return fallback({ kind: 'thinHours', posts: figured.length });
  const impressions = figured.reduce((s, p) => s + p.impressions, 0);
  const engagements = figured.reduce((s, p) => s + p.engagements, 0);
  return { kind: 'own', slots: ranked, posts: figured.length, weeks, rate: engagements / impressions };
}

/**
 * The next start of a top slot strictly after `after`, in `zone`: an own hour at its :00, a benchmark
 * window at its first hour. Undefined when there is nothing to go by (no own figures, no benchmark).
 */
export function nextBestSlot(best: BestTimes, after: Date, zone: string): Date | undefined {
  const starts =
    best.kind === 'own'
      ? best.slots.map((s) => ({ weekday: s.weekday, hour: s.hour }))
      : best.kind === 'benchmark'
        ? best.benchmark.windows.map((w) => ({ weekday: w.weekday, hour: w.from }))
        : [];
  if (starts.length === 0) return undefined;
  const from = DateTime.fromJSDate(after, { zone });
  let soonest: DateTime | undefined;
  for (const s of starts) {
    for (let week = 0; week <= 1; week++) {
      const day = from.startOf('day').plus({ days: ((s.weekday - from.weekday + 7) % 7) + 7 * week });
      const at = day.set({ hour: s.hour, minute: 0, second: 0, millisecond: 0 });
      // A start that falls in a clock change's gap is moved by Luxon; keep only real, later times.
      if (at.hour !== s.hour || at <= from) continue;
      if (!soonest || at < soonest) soonest = at;
      break;
    }
  }
  return soonest?.toJSDate();
}
