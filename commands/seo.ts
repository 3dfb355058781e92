import { defineCommand, sub } from '../src/core/command.js';
import type { Context } from '../src/core/context.js';
import { UserError } from '../src/core/errors.js';
import { defineMessages, iso } from '../src/core/i18n.js';
import { opt, required } from '../src/core/options.js';
import { EXPENSIVE } from '../src/core/rate-limit.js';
import { type Block, context, fields, list, reply, type Tone, text } from '../src/core/reply.js';
import { count } from '../src/lib/plural.js';
import { dateFigure } from '../src/lib/when.js';
import { OutboundError } from '../src/net/safe-fetch.js';
import { type AuditReport, GROUPS, NotHtmlError, type RuleResult } from '../src/search/audit.js';
import { type SeoLabelKey, seoFindings, seoLabels } from '../src/search/messages.js';
import type { Status } from '../src/search/rule.js';
import { MAX_PAGES, MAX_WATCHES } from '../src/search/watch.js';
import { PAGE, siteName, watchListMessages as w } from '../src/search/watch-view.js';

const m = defineMessages(
  'seo',
  {
    title: (p: { score: number }) => `SEO audit: ${p.score}/100`,
    address: 'Address',
    keyword: 'Keyword',
    none: 'none',
    groupScore: (p: { group: string; score: number }) => `${p.group}: ${p.score}/100`,
    groupAdvice: (p: { group: string }) => `${p.group} (needs outside data)`,
    fixes: 'Fixes, most valuable first',
    points: (p: { label: string; points: number }) =>
      `${p.label} (+${p.points} ${p.points === 1 ? 'point' : 'points'})`,
    noFixes: 'Nothing to fix: every scored check passed.',
    redirected: (p: { chain: string }) => `Followed redirects: ${p.chain}`,
    timing: (p: { ms: number; kb: number }) => `Fetched in ${p.ms} ms, ${p.kb} KB of HTML.`,
    blocked: (p: { url: string }) =>
      `I do not fetch ${p.url}: it leads to a private, local or reserved network address. If it is your own intranet site, an admin can add the host to OUTBOUND_ALLOW_HOSTS.`,
    dns: (p: { url: string }) => `I could not find ${p.url}. Check the address for typos.`,
    timeout: (p: { url: string }) => `${p.url} took too long to answer, so the audit stopped. Try again later.`,
    redirectLoop: (p: { chain: string }) => `The address redirects in a loop: ${p.chain}. Fix the redirects first.`,
    tooManyRedirects: (p: { chain: string }) => `Too many redirects: ${p.chain}. Link straight to the final page.`,
    network: (p: { url: string }) => `I could not connect to ${p.url}. Check that the site is up.`,
    badUrl: (p: { url: string }) =>
      `"${p.url}" is not an address I can fetch: use http:// or https:// without a password.`,
    notHtml: (p: { type: string }) => `That address is not a web page (it sends ${p.type}). Audit an HTML page.`,
  },
  {
    title: (p) => `تدقيق SEO: ${iso(`${p.score}/100`)}`,
    address: 'العنوان',
    keyword: 'الكلمة المفتاحية',
    none: 'لا يوجد',
    groupScore: (p) => `${p.group}: ${iso(`${p.score}/100`)}`,
    groupAdvice: (p) => `${p.group} (يحتاج بيانات خارجية)`,
    fixes: 'الإصلاحات، الأهم أولًا',
    points: (p) => `${p.label} (+${iso(p.points)} نقطة)`,
    noFixes: 'لا شيء لإصلاحه: نجحت كل الفحوص المحتسبة.',
    redirected: (p) => `تمت متابعة إعادات التوجيه: ${iso(p.chain)}`,
    timing: (p) => `جُلبت الصفحة في ${iso(p.ms)} ملّي ثانية، ${iso(p.kb)} كيلوبايت من HTML.`,
    blocked: (p) =>
      `لا أجلب ${iso(p.url)}: فهو يقود إلى عنوان شبكة خاص أو محلي أو محجوز. إن كان موقع شبكتك الداخلية، يمكن للمسؤول إضافة المضيف إلى OUTBOUND_ALLOW_HOSTS.`,
    dns: (p) => `لم أعثر على ${iso(p.url)}. تحقق من كتابة العنوان.`,
    timeout: (p) => `استغرق ${iso(p.url)} وقتًا طويلًا للرد، فتوقف التدقيق. حاول لاحقًا.`,
    redirectLoop: (p) => `العنوان يعيد التوجيه في حلقة: ${iso(p.chain)}. أصلح إعادات التوجيه أولًا.`,
    tooManyRedirects: (p) => `إعادات توجيه كثيرة جدًا: ${iso(p.chain)}. اربط مباشرة بالصفحة النهائية.`,
    network: (p) => `تعذر الاتصال بـ${iso(p.url)}. تحقق من أن الموقع يعمل.`,
    badUrl: (p) => `«${iso(p.url)}» ليس عنوانًا يمكنني جلبه: استخدم http:// أو https:// دون كلمة مرور.`,
    notHtml: (p) => `هذا العنوان ليس صفحة ويب (يرسل ${iso(p.type)}). دقّق صفحة HTML.`,
  },
);

const MARK: Record<Status, string> = { pass: '✅', warn: '⚠️', fail: '❌', info: 'ℹ️' };
const MAX_FIXES = 10;

function findingText(r: RuleResult, ctx: Context): string {
  const say = ctx.t(seoFindings)[r.msg.key];
  return say(r.msg.params ?? {});
}

const labelOf = (id: string, ctx: Context): string => ctx.t(seoLabels)[id as SeoLabelKey] ?? id;

export function renderAudit(report: AuditReport, ctx: Context) {
  const t = ctx.t(m);
  const blocks: Block[] = [
    fields([
      { label: t.address, value: iso(report.finalUrl) },
      { label: t.keyword, value: report.keyword ? iso(report.keyword) : t.none },
      ...report.groups
        .filter((g) => g.score !== undefined)
        .map((g) => ({ label: labelOf(g.group, ctx), value: iso(`${g.score}/100`) })),
    ]),
  ];
  for (const group of GROUPS) {
    const g = report.groups.find((x) => x.group === group);
    if (!g || g.results.length === 0) continue;
    const name = labelOf(group, ctx);
    blocks.push(
      text(g.score === undefined ? t.groupAdvice({ group: name }) : t.groupScore({ group: name, score: g.score })),
    );
    blocks.push(list(g.results.map((r) => `${MARK[r.status]} ${labelOf(r.id, ctx)}: ${findingText(r, ctx)}`)));
  }
  blocks.push(text(t.fixes));
  blocks.push(
    report.fixes.length === 0
      ? text(t.noFixes)
      : list(
          report.fixes
            .slice(0, MAX_FIXES)
            .map((r) => t.points({ label: labelOf(r.id, ctx), points: Math.max(1, Math.round(r.lost)) })),
          true,
        ),
  );
  if (report.redirects.length > 0) {
    blocks.push(context(t.redirected({ chain: [...report.redirects.map((h) => h.url), report.finalUrl].join(' → ') })));
  }
  blocks.push(context(t.timing({ ms: Math.round(report.totalMs), kb: Math.round(report.bodyBytes / 1024) })));
  const tone: Tone = report.score >= 80 ? 'success' : report.score >= 50 ? 'warning' : 'error';
  return reply(t.title({ score: report.score }), blocks, { tone });
}

/** A refused or failed fetch, said in the user's language; the fetch error itself goes nowhere else. */
function explain(err: unknown, url: string, ctx: Context): UserError | undefined {
  const t = ctx.t(m);
  if (err instanceof NotHtmlError) return new UserError(t.notHtml({ type: err.contentType.split(';')[0] ?? '' }));
  if (!(err instanceof OutboundError)) return undefined;
  const chain = [...err.redirects.map((h) => h.url), err.url].join(' → ');
  const shown = err.url || url;
  switch (err.code) {
    case 'blocked':
      return new UserError(t.blocked({ url: shown }));
    case 'dns':
      return new UserError(t.dns({ url: shown }));
    case 'timeout':
      return new UserError(t.timeout({ url: shown }));
    case 'redirect_loop':
      return new UserError(t.redirectLoop({ chain }));
    case 'too_many_redirects':
      return new UserError(t.tooManyRedirects({ chain }));
    case 'bad_url':
    case 'scheme':
      return new UserError(t.badUrl({ url: shown }));
    case 'too_large':
    case 'network':
      return new UserError(t.network({ url: shown }));
  }
}

export default defineCommand({
  name: 'seo',
  description: {
    en: 'Audit a page for search, or watch a site every week',
    ar: 'تدقيق صفحة لمحركات البحث أو مراقبة موقع كل أسبوع',
  },
  // `/seo https://…` is an audit too.
  defaultSubcommand: 'audit',
  subcommands: {
    audit: sub({
      description: {
        en: 'Score a page out of 100 with fixes ordered by impact',
        ar: 'تقييم صفحة من 100 مع الإصلاحات مرتبة حسب الأثر',
      },
      slow: true,
      limit: EXPENSIVE,
      examples: [
        {
          en: 'audit url:https://example.com/ keyword:"cold brew"',
          ar: 'audit url:https://example.com/ keyword:"قهوة باردة"',
        },
        'audit https://example.com/ar/',
      ],
      options: {
        url: required(
          opt.url({
            label: { en: 'Page address', ar: 'عنوان الصفحة' },
            description: { en: 'The http:// or https:// page to audit', ar: 'الصفحة المراد تدقيقها' },
            positional: true,
          }),
        ),
        keyword: opt.string({
          label: { en: 'Keyword', ar: 'الكلمة المفتاحية' },
          description: { en: 'The search phrase the page should rank for', ar: 'عبارة البحث المستهدفة' },
          maxLength: 100,
        }),
      },
      async handler({ url, keyword }, ctx) {
        try {
          const report = await ctx.services.seo.audit(url, keyword);
          return renderAudit(report, ctx);
        } catch (err) {
          const said = explain(err, url, ctx);
          if (said) throw said;
          throw err;
        }
      },
    }),
    watch: sub({
      description: {
        en: 'Crawl a site every week and tell the SEO people what changed',
        ar: 'الزحف على موقع كل أسبوع وإخبار فريق SEO بما تغيّر',
      },
      allow: ['manager'],
      examples: [
        {
          en: 'watch url:https://example.com/ pages:25 keyword:"cold brew"',
          ar: 'watch url:https://example.com/ pages:25 keyword:"قهوة باردة"',
        },
      ],
      options: {
        url: required(
          opt.url({
            label: { en: 'Site address', ar: 'عنوان الموقع' },
            description: { en: 'The page the crawl starts from', ar: 'الصفحة التي يبدأ منها الزحف' },
            positional: true,
          }),
        ),
        pages: opt.integer({
          label: { en: 'Pages', ar: 'الصفحات' },
          description: {
            en: 'Most pages crawled each week (default 25)',
            ar: 'أقصى عدد من الصفحات كل أسبوع (25 افتراضيًا)',
          },
          min: 1,
          max: MAX_PAGES,
        }),
        keyword: opt.string({
          label: { en: 'Keyword', ar: 'الكلمة المفتاحية' },
          description: { en: 'The search phrase the site should rank for', ar: 'عبارة البحث المستهدفة' },
          maxLength: 100,
        }),
      },
      async handler({ url, pages, keyword }, ctx) {
        const t = ctx.t(w);
        const maxPages = pages ?? 25;
        const r = await ctx.services.seoWatch.add(
          ctx.workspace.id,
          url,
          maxPages,
          keyword?.trim() || null,
          ctx.member.externalId,
        );
        if (!r.ok) throw new UserError(t.tooMany({ max: MAX_WATCHES }));
        await ctx.services.audit.record(ctx, 'seo.watch', url, { maxPages, keyword: keyword ?? null });
        const say = { site: siteName(url), pages: count(maxPages, PAGE, ctx.locale) };
        return reply(undefined, [text(r.created ? t.added(say) : t.updated(say))], { tone: 'success' });
      },
    }),
    watches: sub({
      description: { en: 'The sites the team watches', ar: 'المواقع التي يراقبها الفريق' },
      options: {},
      async handler(_o, ctx) {
        const t = ctx.t(w);
        const watches = await ctx.services.seoWatch.list(ctx.workspace.id);
        if (watches.length === 0) return reply(t.title, [text(t.none)]);
        const lines = watches.map((x) => {
          const last = x.crawls[0];
          return t.line({
            id: x.id,
            site: siteName(x.url),
            pages: count(x.maxPages, PAGE, ctx.locale),
            keyword: x.keyword ? t.keyword({ keyword: x.keyword }) : '',
            last: last
              ? t.lastCrawl({ date: dateFigure(last.startedAt, ctx.timezone, ctx.locale, 'date'), score: last.score })
              : t.never,
          });
        });
        return reply(t.title, [list(lines)]);
      },
    }),
    unwatch: sub({
      description: { en: 'Stop watching a site', ar: 'إيقاف مراقبة موقع' },
      allow: ['manager'],
      options: {
        id: required(
          opt.integer({
            label: { en: 'Number', ar: 'الرقم' },
            description: { en: 'The number shown by /seo watches', ar: 'الرقم الظاهر في /seo watches' },
            positional: true,
            min: 1,
          }),
        ),
      },
      async handler({ id }, ctx) {
        const t = ctx.t(w);
        const gone = await ctx.services.seoWatch.remove(ctx.workspace.id, id);
        if (!gone) throw new UserError(t.notFound({ id }));
        await ctx.services.audit.record(ctx, 'seo.unwatch', gone.url);
        return reply(undefined, [text(t.removed({ site: siteName(gone.url) }))], { tone: 'success' });
      },
    }),
  },
});
