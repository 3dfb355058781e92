// Benchmark (issue 23): the calendar picture of /schedule calendar, a busy month (1,000 posts on 8
// channels) drawn in English and in Arabic (right to left, Arabic digits), against a baseline measured
// in the same process: the weekly digest's line chart, the other picture the same renderer draws.
// Target: the calendar under 200 ms. Prints medians and the ratio to the baseline. Run after a build:
//   npm run build && node bench/calendar.mjs
import { calendarGrid } from '../dist/src/publishing/calendar/picture.js';
import { calendarReply } from '../dist/src/publishing/calendar/view.js';
import { lineChartSvg, renderPng } from '../dist/src/reporting/charts.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const NOW = new Date('2026-12-10T09:00:00Z');
const CHANNELS = ['instagram', 'facebook', 'youtube', 'mailchimp', 'linkedin', 'x', 'tiktok', 'reminder'];
const STATUSES = ['pending', 'pending', 'awaiting_approval', 'published', 'published', 'failed', 'unknown'];

const posts = Array.from({ length: 1000 }, (_, i) => ({
  channel: CHANNELS[i % CHANNELS.length],
  status: STATUSES[(i * 7) % STATUSES.length],
  publishAt: new Date(Date.UTC(2026, 11, 1) + ((i * 2_654_435) % (31 * 86_400_000))),
}));

function viewer(locale) {
  return {
    workspace: { id: 1, digits: locale === 'ar' ? 'arabic' : 'latin', currency: 'SAR' },
    member: { id: 1 },
    locale,
    timezone: 'Asia/Riyadh',
    t: (catalog) => catalog[locale],
    l: (text) => text[locale],
    now: () => NOW,
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function sample(fn) {
  fn(); // warm-up: fonts, formatters
  const ms = [];
  for (let i = 0; i < RUNS; i++) {
    const t = process.hrtime.bigint();
    fn();
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return median(ms);
}

const days = Array.from({ length: 7 }, (_, i) => `12-0${i + 1}`);
const baseline = sample(() =>
  renderPng(
    lineChartSvg({
      title: 'Spend and revenue',
      subtitle: '1–7 Dec 2026 · SAR',
      xLabels: days,
      series: [
        { label: 'Spend', values: [120, 90, 140, 160, 110, 180, 130] },
        { label: 'Revenue', values: [300, 260, 420, 380, 310, 500, 350] },
      ],
      formatY: (v) => String(v),
    }),
  ),
);
console.log(`baseline: digest line chart            median ${baseline.toFixed(1).padStart(6)} ms`);
let slow = 0;
for (const [label, locale, span] of [
  ['calendar week, English', 'en', 'week'],
  ['calendar month, English', 'en', 'month'],
  ['calendar month, Arabic (RTL)', 'ar', 'month'],
]) {
  const m = sample(() => calendarReply(calendarGrid(posts, NOW, 'Asia/Riyadh', span), viewer(locale), true));
  if (m >= 200) slow++;
  console.log(
    `${label.padEnd(39)} median ${m.toFixed(1).padStart(6)} ms  x${(m / baseline).toFixed(2)} the baseline; target < 200 ms ${m < 200 ? 'OK' : 'SLOW'}`,
  );
}
// Figures only: on a shared, loaded machine the ratio to the baseline is what stays comparable.
if (slow > 0)
  console.log(
    '(above target: on a loaded machine compare the ratio to the baseline, which is the same renderer under the same load)',
  );
