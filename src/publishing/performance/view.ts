/** /schedule best-times in the reader's language: own top hours with their figures, or the benchmark and why. */
import { defineMessages, iso, isoIn, plainNumber } from '../../core/i18n.js';
import type { Viewer } from '../../core/identity.js';
import { type Block, context, type Reply, reply, table, text } from '../../core/reply.js';
import { type CountedNoun, count } from '../../lib/plural.js';
import { localTime } from '../../lib/when.js';
import { channelName } from '../schedule-view.js';
import { type BestTimes, MIN_POSTS, MIN_SLOT_POSTS, MIN_WEEKS, type WhyBenchmark } from './best-times.js';
import { FIGURES_DAYS } from './post-figures.js';

const POST: CountedNoun = {
  en: { one: 'post', other: 'posts' },
  ar: { one: 'منشور واحد', two: 'منشورين', few: 'منشورات', many: 'منشورًا', other: 'منشور' },
};
const WEEK: CountedNoun = {
  en: { one: 'week', other: 'weeks' },
  ar: { one: 'أسبوع واحد', two: 'أسبوعين', few: 'أسابيع', many: 'أسبوعًا', other: 'أسبوع' },
};

const m = defineMessages(
  'best-times',
  {
    title: (p: { channel: string }) => `Best times to post on ${p.channel}`,
    own: (p: { posts: string; weeks: string; channel: string; rate: string }) =>
      `From your own ${p.posts} on ${p.channel} over ${p.weeks}, ranked by engagement rate (interactions divided by views, as ${p.channel} counts them). Your average is ${p.rate}.`,
    when: 'When',
    rate: 'Engagement rate',
    posts: 'Posts',
    views: 'Average views',
    next: (p: { at: string }) => `The next of these: ${p.at}.`,
    ownNote: (p: { min: string; zone: string; days: string }) =>
      `Hours with fewer than ${p.min} posts are not ranked. Times in ${p.zone}. Figures are read back once a day for the posts of the last ${p.days}.`,
    fewPosts: (p: { posts: string; channel: string; min: string; weeks: string }) =>
      `Figures have come back for only ${p.posts} on ${p.channel} so far; your own best times need at least ${p.min} over ${p.weeks}.`,
    noPosts: (p: { channel: string; min: string; weeks: string }) =>
      `No post on ${p.channel} has figures yet; your own best times need at least ${p.min} over ${p.weeks}.`,
    fewWeeks: (p: { posts: string; channel: string; weeks: string; minWeeks: string }) =>
      `Your ${p.posts} on ${p.channel} with figures cover ${p.weeks}; your own best times need at least ${p.minWeeks}.`,
    thinHours: (p: { posts: string; min: string }) =>
      `Your ${p.posts} are spread so thinly that no weekday and hour has ${p.min} posts yet; post a few times in the same hours so they can be compared.`,
    benchmark: 'Until then, these are the windows a published study recommends:',
    benchmarkNote: (p: { source: string; zone: string }) =>
      `Source: ${p.source}, read in ${p.zone}. It names windows, not rates: test them against your own posts. No study with hourly figures for the Gulf, Egypt or the Levant was found, so the same table applies everywhere; where the weekend is Friday and Saturday, check the Friday window against your own posts first.`,
    none: (p: { channel: string }) =>
      `There is no published study with hourly figures for ${p.channel} that mktbot can cite. Keep publishing through mktbot with the account connected: its posts' figures are read back daily, and the best times will come from them.`,
    connect: (p: { channel: string }) =>
      `Figures are read from the connected account (/connect ${p.channel}); posts published by hand are not counted.`,
  },
  {
    title: (p) => `أفضل أوقات النشر على ${p.channel}`,
    own: (p) =>
      `من منشوراتكم أنتم على ${p.channel} (${p.posts}) خلال ${p.weeks}، مرتبةً حسب معدل التفاعل (التفاعلات مقسومةً على المشاهدات كما يعدّها ${p.channel}). متوسطكم ${p.rate}.`,
    when: 'الموعد',
    rate: 'معدل التفاعل',
    posts: 'المنشورات',
    views: 'متوسط المشاهدات',
    next: (p) => `أقرب هذه المواعيد: ${p.at}.`,
    ownNote: (p) =>
      `لا تُرتَّب الساعات التي فيها أقل من ${p.min} منشورات. الأوقات بتوقيت ${p.zone}. تُقرأ الأرقام مرة يوميًا لمنشورات آخر ${p.days}.`,
    fewPosts: (p) =>
      `لم تصل الأرقام حتى الآن إلا لـ${p.posts} على ${p.channel}؛ وتحتاج أفضل أوقاتكم الخاصة إلى ${p.min} على الأقل خلال ${p.weeks}.`,
    noPosts: (p) =>
      `لا أرقام بعد لأي منشور على ${p.channel}؛ وتحتاج أفضل أوقاتكم الخاصة إلى ${p.min} على الأقل خلال ${p.weeks}.`,
    fewWeeks: (p) =>
      `منشوراتكم على ${p.channel} التي لها أرقام (${p.posts}) تغطي ${p.weeks}؛ وتحتاج أفضل أوقاتكم الخاصة إلى ${p.minWeeks} على الأقل.`,
    thinHours: (p) =>
      `منشوراتكم (${p.posts}) موزعة على ساعات كثيرة فلا يجتمع في أي يوم وساعة ${p.min} منشورات بعد؛ انشروا عدة مرات في الساعات نفسها لتمكن المقارنة بينها.`,
    benchmark: 'وإلى ذلك الحين، هذه الفترات التي توصي بها دراسة منشورة:',
    benchmarkNote: (p) =>
      `المصدر: ${p.source}، بتوقيت ${iso(p.zone)}. يذكر فترات لا معدلات: جرّبوها على منشوراتكم. لم نجد دراسة بأرقام لكل ساعة للخليج أو مصر أو الشام، فالجدول نفسه يُستخدم في كل المناطق؛ وحيث تكون العطلة الجمعة والسبت، قارنوا فترة الجمعة بمنشوراتكم أولًا.`,
    none: (p) =>
      `لا توجد دراسة منشورة بأرقام لكل ساعة عن ${p.channel} يمكن الاستناد إليها. استمروا في النشر عبر mktbot والحساب مربوط: تُقرأ أرقام منشوراته يوميًا، ومنها تأتي أفضل الأوقات.`,
    connect: (p) =>
      `تُقرأ الأرقام من الحساب المربوط (${iso(`/connect ${p.channel}`)})؛ ولا تُحسب المنشورات المنشورة يدويًا.`,
  },
);

const intl = (v: Viewer) => (v.locale === 'ar' ? 'ar-u-nu-latn' : 'en-GB');
/** A Monday at noon UTC, to name weekdays 1-7 with Intl. */
const weekdayName = (weekday: number, v: Viewer) =>
  new Intl.DateTimeFormat(intl(v), { weekday: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2026, 10, 30 + weekday - 1, 12)),
  );
const hh = (h: number) => `${String(h % 24).padStart(2, '0')}:00`;
const hours = (from: number, to: number, v: Viewer) => isoIn(`${hh(from)}–${hh(to)}`, v.locale);

function whyText(why: WhyBenchmark, channel: string, v: Viewer): string {
  const t = v.t(m);
  const posts = (n: number) => count(n, POST, v.locale);
  const weeks = (n: number) => count(n, WEEK, v.locale);
  switch (why.kind) {
    case 'fewPosts':
      if (why.posts === 0) return t.noPosts({ channel, min: posts(MIN_POSTS), weeks: weeks(MIN_WEEKS) });
      return t.fewPosts({ posts: posts(why.posts), channel, min: posts(MIN_POSTS), weeks: weeks(MIN_WEEKS) });
    case 'fewWeeks':
      return t.fewWeeks({ posts: posts(why.posts), channel, weeks: weeks(why.weeks), minWeeks: weeks(MIN_WEEKS) });
    case 'thinHours':
      return t.thinHours({ posts: posts(why.posts), min: isoIn(String(MIN_SLOT_POSTS), v.locale) });
  }
}

const percent = (rate: number, v: Viewer) => isoIn(`${plainNumber(rate * 100, v.locale, 1, true)}%`, v.locale);

export function bestTimesReply(channelId: string, best: BestTimes, next: Date | undefined, v: Viewer): Reply {
  const t = v.t(m);
  const channel = channelName(channelId, v);
  const blocks: Block[] = [];
  if (best.kind === 'own') {
    blocks.push(
      text(
        t.own({
          posts: count(best.posts, POST, v.locale),
          weeks: count(best.weeks, WEEK, v.locale),
          channel,
          rate: percent(best.rate, v),
        }),
      ),
      table(
        ['#', t.when, t.rate, t.posts, t.views],
        best.slots.map((s, i) => [
          isoIn(String(i + 1), v.locale),
          `${weekdayName(s.weekday, v)} ${hours(s.hour, s.hour + 1, v)}`,
          percent(s.rate, v),
          isoIn(plainNumber(s.posts, v.locale), v.locale),
          isoIn(plainNumber(Math.round(s.impressions / s.posts), v.locale), v.locale),
        ]),
      ),
    );
  } else {
    blocks.push(text(whyText(best.why, channel, v)));
    if (best.kind === 'benchmark') {
      blocks.push(
        text(t.benchmark),
        table(
          ['#', t.when],
          best.benchmark.windows.map((w, i) => [
            isoIn(String(i + 1), v.locale),
            `${weekdayName(w.weekday, v)} ${hours(w.from, w.to, v)}`,
          ]),
        ),
      );
    } else {
      blocks.push(text(t.none({ channel })));
    }
  }
  if (next) blocks.push(text(t.next({ at: localTime(next, v.timezone, v.locale) })));
  if (best.kind === 'own') {
    blocks.push(
      context(
        t.ownNote({
          min: isoIn(String(MIN_SLOT_POSTS), v.locale),
          zone: isoIn(v.timezone, v.locale),
          days: count(FIGURES_DAYS, 'day', v.locale),
        }),
      ),
    );
  } else if (best.kind === 'benchmark') {
    blocks.push(context(t.benchmarkNote({ source: best.benchmark.source[v.locale], zone: v.timezone })));
  }
  blocks.push(context(t.connect({ channel: channelId })));
  return reply(t.title({ channel }), blocks, { rtl: v.locale === 'ar' });
}
