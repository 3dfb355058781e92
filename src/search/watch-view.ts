/**
 * The weekly SEO message of a watched site (src/search/watch.ts): the score trend and what changed,
 * most urgent first (pages that broke or left the index, then new problems, fixed ones, wording
 * changes, slower pages), each list capped so a big site stays readable.
 */
import { defineMessages, iso, type Locale } from '../core/i18n.js';
import { type Block, context, list, type Reply, reply, type Tone, text } from '../core/reply.js';
import { count } from '../lib/plural.js';
import type { CrawledPage } from './crawl.js';
import { type SeoLabelKey, seoLabels } from './messages.js';
import { POSITION_NEWS, type WatchRun } from './watch.js';
import { nothingChanged } from './watch-diff.js';

const SHOWN = 8;
const PAGE = {
  en: { one: 'page', other: 'pages' },
  ar: { one: 'صفحة واحدة', two: 'صفحتين', few: 'صفحات', many: 'صفحةً', other: 'صفحة' },
};

const m = defineMessages(
  'seo-watch',
  {
    firstTitle: (p: { site: string; score: number }) => `SEO watch started for ${p.site}: ${p.score}/100`,
    weeklyTitle: (p: { site: string; score: number; change: string }) =>
      `SEO this week for ${p.site}: ${p.score}/100 (${p.change})`,
    crawled: (p: { pages: string }) => `Crawled ${p.pages}, following robots.txt and the sitemap.`,
    firstNote: 'This is the baseline: from next week this message says what changed.',
    noChange: 'Nothing changed since last week.',
    broken: 'Broken pages',
    noindex: 'Pages that left the index (noindex)',
    newProblems: 'New problems',
    fixed: 'Fixed',
    titles: 'Titles changed',
    descriptions: 'Descriptions changed',
    slower: 'Slower pages',
    newPages: 'New pages found',
    gonePages: 'Pages no longer found',
    worst: 'Pages with the lowest scores',
    status: (p: { url: string; status: string }) => `${p.url}: ${p.status}`,
    unreachable: 'no answer',
    problem: (p: { url: string; label: string }) => `${p.url}: ${p.label}`,
    changed: (p: { url: string; before: string; after: string }) => `${p.url}: "${p.before}" → "${p.after}"`,
    empty: '(none)',
    slowerLine: (p: { url: string; before: number; after: number }) => `${p.url}: ${p.before} ms → ${p.after} ms`,
    scoreLine: (p: { url: string; score: number }) => `${p.url}: ${p.score}/100`,
    more: (p: { n: number }) => `… and ${p.n} more`,
    position: (p: { before: string; after: string }) =>
      `Average Google position (Search Console, last 7 days against the 7 before): ${p.before} → ${p.after}.`,
    points: (p: { n: number }) => (p.n === 0 ? 'unchanged' : `${p.n > 0 ? '+' : ''}${p.n} since last week`),
    queries: (p: { n: number }) =>
      `Search queries that moved more than ${p.n} places (Search Console, last 7 days against the 7 before)`,
    queryLine: (p: { query: string; before: string; after: string; up: boolean }) =>
      `"${p.query}": ${p.before} → ${p.after} (${p.up ? 'up' : 'down'})`,
  },
  {
    firstTitle: (p) => `بدأت مراقبة SEO لموقع ${iso(p.site)}: ${iso(`${p.score}/100`)}`,
    weeklyTitle: (p) => `SEO هذا الأسبوع لموقع ${iso(p.site)}: ${iso(`${p.score}/100`)} (${p.change})`,
    crawled: (p) => `زحفتُ على ${p.pages} مع احترام robots.txt وخريطة الموقع.`,
    firstNote: 'هذه نقطة الأساس: ابتداءً من الأسبوع القادم تذكر هذه الرسالة ما تغيّر.',
    noChange: 'لم يتغيّر شيء منذ الأسبوع الماضي.',
    broken: 'صفحات معطّلة',
    noindex: 'صفحات خرجت من الفهرسة (noindex)',
    newProblems: 'مشكلات جديدة',
    fixed: 'ما أُصلح',
    titles: 'عناوين تغيّرت',
    descriptions: 'أوصاف تغيّرت',
    slower: 'صفحات أصبحت أبطأ',
    newPages: 'صفحات جديدة',
    gonePages: 'صفحات لم تعد موجودة',
    worst: 'الصفحات الأقل تقييمًا',
    status: (p) => `${iso(p.url)}: ${p.status}`,
    unreachable: 'لا استجابة',
    problem: (p) => `${iso(p.url)}: ${p.label}`,
    changed: (p) => `${iso(p.url)}: «${p.before}» ← «${p.after}»`,
    empty: '(فارغ)',
    slowerLine: (p) => `${iso(p.url)}: ${iso(p.before)} ملّي ثانية ← ${iso(p.after)} ملّي ثانية`,
    scoreLine: (p) => `${iso(p.url)}: ${iso(`${p.score}/100`)}`,
    more: (p) => `… و${iso(p.n)} أخرى`,
    position: (p) =>
      `متوسط الترتيب في Google (Search Console، آخر 7 أيام مقارنة بالسبعة التي قبلها): ${iso(p.before)} ← ${iso(p.after)}.`,
    points: (p) => (p.n === 0 ? 'دون تغيير' : `${iso(`${p.n > 0 ? '+' : '−'}${Math.abs(p.n)}`)} منذ الأسبوع الماضي`),
    queries: (p) =>
      `عبارات بحث تحرّك ترتيبها أكثر من ${iso(p.n)} مراتب (Search Console، آخر 7 أيام مقارنة بالسبعة التي قبلها)`,
    queryLine: (p) => `«${p.query}»: ${iso(p.before)} ← ${iso(p.after)} (${p.up ? 'تقدّم' : 'تراجع'})`,
  },
);

/** The site as people call it: its host and path, without the scheme. */
const siteName = (url: string) => url.replace(/^https?:\/\//, '').replace(/\/$/, '');
/** A page of the site by its path (the host is in the title). */
const pathOf = (url: string) => {
  const u = new URL(url);
  return `${u.pathname}${u.search}` || '/';
};

export function watchReply(run: WatchRun, locale: Locale): Reply {
  const t = m[locale];
  const label = (rule: string) => seoLabels[locale][rule as SeoLabelKey] ?? rule;
  const capped = (items: string[]) =>
    items.length > SHOWN ? [...items.slice(0, SHOWN), t.more({ n: items.length - SHOWN })] : items;
  const section = (title: string, items: string[], blocks: Block[]) => {
    if (items.length > 0) blocks.push(text(title), list(capped(items)));
  };
  const site = siteName(run.watch.url);
  const blocks: Block[] = [context(t.crawled({ pages: count(run.pages.length, PAGE, locale) }))];
  let tone: Tone = 'info';

  if (!run.changes) {
    section(
      t.worst,
      worstPages(run.pages).map((p) => t.scoreLine({ url: pathOf(p.url), score: p.score })),
      blocks,
    );
    section(
      t.broken,
      run.pages.filter((p) => p.status === 0 || p.status >= 400).map((p) => statusLine(p, locale)),
      blocks,
    );
    blocks.push(context(t.firstNote));
  } else {
    const c = run.changes;
    section(
      t.broken,
      c.broken.map((b) => statusLine({ url: b.url, status: b.status }, locale)),
      blocks,
    );
    section(t.noindex, c.turnedNoindex.map(pathOf), blocks);
    section(
      t.newProblems,
      c.newProblems.map((p) => t.problem({ url: pathOf(p.url), label: label(p.rule) })),
      blocks,
    );
    section(
      t.fixed,
      c.fixedProblems.map((p) => t.problem({ url: pathOf(p.url), label: label(p.rule) })),
      blocks,
    );
    const words = (s: string) => s || t.empty;
    section(
      t.titles,
      c.titleChanged.map((x) => t.changed({ url: pathOf(x.url), before: words(x.before), after: words(x.after) })),
      blocks,
    );
    section(
      t.descriptions,
      c.descriptionChanged.map((x) =>
        t.changed({ url: pathOf(x.url), before: words(x.before), after: words(x.after) }),
      ),
      blocks,
    );
    section(
      t.slower,
      c.slower.map((x) => t.slowerLine({ url: pathOf(x.url), before: x.beforeMs, after: x.afterMs })),
      blocks,
    );
    section(t.newPages, c.newPages.map(pathOf), blocks);
    section(t.gonePages, c.gonePages.map(pathOf), blocks);
    if (nothingChanged(c) && !run.position && run.queries.length === 0) blocks.push(text(t.noChange));
    if (c.broken.length > 0 || c.turnedNoindex.length > 0) tone = 'error';
    else if (c.newProblems.length > 0 || c.score.after < c.score.before) tone = 'warning';
    else if (c.score.after > c.score.before) tone = 'success';
  }
  if (run.position) {
    blocks.push(context(t.position({ before: run.position.before.toFixed(1), after: run.position.after.toFixed(1) })));
  }
  // A smaller position is better: 8 -> 3 moved up.
  section(
    t.queries({ n: POSITION_NEWS }),
    run.queries.map((q) =>
      t.queryLine({ query: q.query, before: q.before.toFixed(1), after: q.after.toFixed(1), up: q.after < q.before }),
    ),
    blocks,
  );
  const title = run.changes
    ? t.weeklyTitle({
        site,
        score: run.crawl.score,
        change: t.points({ n: run.changes.score.after - run.changes.score.before }),
      })
    : t.firstTitle({ site, score: run.crawl.score });
  return reply(title, blocks, { tone });

  function statusLine(p: Pick<CrawledPage, 'url' | 'status'>, l: Locale) {
    return m[l].status({ url: pathOf(p.url), status: p.status === 0 ? m[l].unreachable : String(p.status) });
  }
}

function worstPages(pages: readonly CrawledPage[]): CrawledPage[] {
  return pages
    .filter((p) => p.status > 0 && p.status < 400)
    .sort((a, b) => a.score - b.score)
    .slice(0, 3);
}

/** For /seo watches: the site, its page limit and keyword, and the last crawl. */
export const watchListMessages = defineMessages(
  'seo-watch-list',
  {
    title: 'Sites the team watches',
    none: 'No site is watched yet. Start with /seo watch url:https://example.com/ pages:25',
    line: (p: { id: number; site: string; pages: string; keyword: string; last: string }) =>
      `#${p.id} ${p.site}: up to ${p.pages}${p.keyword}; ${p.last}`,
    keyword: (p: { keyword: string }) => `, keyword "${p.keyword}"`,
    lastCrawl: (p: { date: string; score: number }) => `last crawled ${p.date}, ${p.score}/100`,
    never: 'first crawl within 10 minutes',
    added: (p: { site: string; pages: string }) =>
      `Watching ${p.site} (up to ${p.pages}, once a week). The first crawl starts within 10 minutes; what it finds goes to the team channel, to the people with the SEO job role.`,
    updated: (p: { site: string; pages: string }) => `${p.site} was already watched: now up to ${p.pages}.`,
    tooMany: (p: { max: number }) =>
      `A workspace can watch ${p.max} sites at most: stop one with /seo unwatch N first.`,
    removed: (p: { site: string }) => `Stopped watching ${p.site}. Its past crawls are deleted.`,
    notFound: (p: { id: number }) => `There is no watched site #${p.id}: /seo watches lists them.`,
  },
  {
    title: 'المواقع التي يراقبها الفريق',
    none: 'لا يُراقَب أي موقع بعد. ابدأ بالأمر /seo watch url:https://example.com/ pages:25',
    line: (p) => `#${iso(p.id)} ${iso(p.site)}: حتى ${p.pages}${p.keyword}؛ ${p.last}`,
    keyword: (p) => `، الكلمة المفتاحية «${p.keyword}»`,
    lastCrawl: (p) => `آخر زحف ${p.date}، ${iso(`${p.score}/100`)}`,
    never: 'أول زحف خلال 10 دقائق',
    added: (p) =>
      `أراقب الآن ${iso(p.site)} (حتى ${p.pages}، مرة كل أسبوع). يبدأ أول زحف خلال 10 دقائق، وتصل نتائجه إلى قناة الفريق لمن يحملون دور SEO.`,
    updated: (p) => `كان ${iso(p.site)} مراقَبًا من قبل: صار الحد ${p.pages}.`,
    tooMany: (p) => `لا تراقب مساحة العمل أكثر من ${iso(p.max)} مواقع: أوقف أحدها أولًا بالأمر /seo unwatch N.`,
    removed: (p) => `أوقفتُ مراقبة ${iso(p.site)} وحُذفت عمليات الزحف السابقة.`,
    notFound: (p) => `لا يوجد موقع مراقَب برقم #${iso(p.id)}: يعرضها الأمر /seo watches.`,
  },
);

export { PAGE, siteName };
