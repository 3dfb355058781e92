/** Every sentence the SEO audit can say, in English and Arabic. Rules refer to them by key. */
import { defineMessages, iso } from '../core/i18n.js';
import { count } from '../lib/plural.js';

export interface SeoParams {
  n?: number;
  total?: number;
  min?: number;
  max?: number;
  v?: string;
  /** Comma-separated names or codes. */
  list?: string;
}

type Say = (p: SeoParams) => string;

const PLACES_EN: Record<string, string> = {
  title: 'title',
  description: 'meta description',
  h1: 'H1',
  opening: 'first 100 words',
  url: 'address',
};
const PLACES_AR: Record<string, string> = {
  title: 'العنوان',
  description: 'الوصف التعريفي',
  h1: 'عنوان H1',
  opening: 'أول 100 كلمة',
  url: 'الرابط',
};
const places = (list: string | undefined, names: Record<string, string>, sep: string) =>
  (list ?? '')
    .split(',')
    .filter(Boolean)
    .map((p) => names[p] ?? p)
    .join(sep);

const en = {
  titleMissing: () => 'No <title>. Write one of 30-60 characters that names the page and its main keyword.',
  titleMany: (p) => `${p.n} <title> tags; search engines pick one at random. Keep exactly one.`,
  titleOk: (p) => `${count(p.n ?? 0, 'character', 'en')}: "${p.v}".`,
  titleShort: (p) =>
    `Only ${count(p.n ?? 0, 'character', 'en')}; aim for ${p.min}-${p.max} so it says what the page offers.`,
  titleLong: (p) =>
    `${count(p.n ?? 0, 'character', 'en')}; results cut it after about ${p.max}. Put the keyword first and shorten it.`,
  descriptionMissing: () => 'No meta description. Add 70-160 characters that make people want to click.',
  descriptionMany: (p) => `${p.n} meta descriptions; keep exactly one.`,
  descriptionOk: (p) => `${count(p.n ?? 0, 'character', 'en')}.`,
  descriptionShort: (p) => `Only ${count(p.n ?? 0, 'character', 'en')}; aim for ${p.min}-${p.max}.`,
  descriptionLong: (p) => `${count(p.n ?? 0, 'character', 'en')}; results cut it after about ${p.max}.`,
  h1Missing: () => 'No H1. Give the page one main heading that states its topic.',
  h1Empty: () => 'The H1 is empty (an image without alt text, or nothing). Put the topic in words.',
  h1Many: (p) => `${p.n} H1 headings; keep one and turn the others into H2.`,
  h1Ok: (p) => `One H1: "${p.v}".`,
  headingsNone: () => 'No headings on the page.',
  headingsOk: (p) => `${p.n} headings in a sensible order.`,
  headingsStartLow: (p) => `The first heading is ${p.v}; start with the H1.`,
  headingsSkip: (p) => `Heading levels skip (${p.list}); go down one level at a time.`,
  imagesNone: () => 'No images.',
  imagesOk: (p) => `All ${p.n} images have alt text.`,
  imagesMissingAlt: (p) =>
    `${p.n} of ${p.total} images have no alt attribute. Describe each image (alt="" for purely decorative ones).`,
  canonicalMissing: () => 'No canonical link. Add <link rel="canonical"> pointing to the preferred address.',
  canonicalMany: (p) => `${p.n} different canonical links; keep exactly one.`,
  canonicalInvalid: (p) => `The canonical link "${p.v}" is not a valid address.`,
  canonicalSelf: () => 'The canonical link points to this page.',
  canonicalElsewhere: (p) =>
    `The canonical link points to ${p.v}; this page will not rank itself. Make sure that is meant.`,
  ogOk: () => 'og:title, og:description, og:image and og:url are set.',
  ogMissing: () =>
    'No Open Graph tags: shared links show no image or summary. Add og:title, og:description, og:image, og:url.',
  ogPartial: (p) => `Open Graph is missing ${p.list}.`,
  twitterMissing: () => 'No twitter:card tag; add <meta name="twitter:card" content="summary_large_image">.',
  twitterNoImage: (p) => `twitter:card is "${p.v}" but there is no image (twitter:image or og:image).`,
  twitterOk: (p) => `twitter:card is "${p.v}".`,
  jsonLdNone: () => 'No structured data. Add JSON-LD (Organization, Product, Article...) for rich results.',
  jsonLdBroken: (p) => `${p.n} of ${p.total} JSON-LD blocks do not parse as JSON; search engines ignore them.`,
  jsonLdNoType: () => 'The JSON-LD has no @type, so it describes nothing.',
  jsonLdOk: (p) => `Found: ${p.list}.`,
  langMissing: (p) => `<html> has no lang attribute; add lang="${p.v}".`,
  langMismatch: (p) => `The text is Arabic (right-to-left) but lang="${p.v}". Set lang="ar" and dir="rtl".`,
  dirMissing: (p) => `lang="${p.v}" is right-to-left but dir="rtl" is missing on <html>.`,
  langDirOkRtl: (p) => `lang="${p.v}" with dir="rtl".`,
  dirWrong: (p) => `dir="rtl" is set on a left-to-right page (lang="${p.v}").`,
  langOk: (p) => `lang="${p.v}".`,
  hreflangNone: () => 'No hreflang links (fine for a single-language site).',
  hreflangInvalid: (p) => `Invalid hreflang codes: ${p.list}. Use codes such as en, ar, ar-SA or x-default.`,
  hreflangDuplicate: (p) => `The same hreflang appears twice: ${p.list}.`,
  hreflangNoSelf: (p) =>
    `${p.n} hreflang links, but none points back to this page; each language version must list itself.`,
  hreflangNoDefault: (p) => `${p.n} hreflang links without x-default for other languages.`,
  hreflangOk: (p) => `${p.n} hreflang links (${p.list}).`,
  wordsOk: (p) => `${p.n} words.`,
  wordsThin: (p) => `${p.n} words; pages under ${p.min} rarely rank. Answer the searcher's question in more depth.`,
  wordsVeryThin: (p) => `Only ${p.n} words: thin content. Aim for ${p.min} or more useful words.`,
  linksNoInternal: (p) => `No links to other pages of this site (${p.n} external). Link to related pages.`,
  linksUnnamed: (p) => `${p.n} of ${p.total} links have no text; give each a descriptive anchor text.`,
  linksOk: (p) => `${p.n} internal and ${p.total} external links.`,
  keywordNone: () => 'No keyword given; add keyword:"..." to check where it appears.',
  keywordEverywhere: (p) => `"${p.v}" is in the title, description, H1, opening and address.`,
  keywordMissingIn: (p) => `"${p.v}" is missing from: ${places(p.list, PLACES_EN, ', ')}.`,
  viewportMissing: () =>
    'No viewport meta tag: phones show the desktop layout. Add width=device-width, initial-scale=1.',
  viewportFixed: (p) => `The viewport "${p.v}" does not use width=device-width.`,
  viewportOk: () => 'Mobile viewport set.',
  statusOk: (p) => `HTTP ${p.n}.`,
  statusOdd: (p) => `HTTP ${p.n}; a page meant to rank should answer 200.`,
  statusBad: (p) => `HTTP ${p.n}: search engines drop pages that answer this. Fix the page or redirect it.`,
  redirectsNone: () => 'No redirects.',
  redirectsChain: (p) => `${p.n} redirects in a row: ${p.list}. Link straight to the final address.`,
  redirectsTemporary: (p) => `A temporary redirect: ${p.list}. Use 301 if the move is permanent.`,
  redirectsOne: (p) => `One permanent redirect: ${p.list}.`,
  httpsOk: () => 'Served over HTTPS.',
  httpsMissing: () => 'Served over plain HTTP. Move to HTTPS and redirect http:// to it.',
  mixedNotHttps: () => 'Not checked (the page is not on HTTPS).',
  mixedOk: () => 'No insecure http:// resources.',
  mixedFound: (p) => `${p.n} resources load over http:// (e.g. ${p.v}); browsers block or flag them.`,
  robotsMissing: () => 'No robots.txt (everything may be crawled).',
  robotsUnreachable: () => 'robots.txt did not answer; Google pauses crawling a site whose robots.txt fails.',
  robotsBlocked: (p) =>
    p.n === undefined
      ? 'robots.txt forbids Googlebot to crawl this page.'
      : `robots.txt forbids Googlebot to crawl this page (line ${p.n}).`,
  robotsAllowed: () => 'robots.txt lets Googlebot crawl this page.',
  sitemapInvalid: (p) => `${p.v} answers but is not a sitemap (no <urlset> or <sitemapindex>).`,
  sitemapInRobots: (p) => `Sitemap listed in robots.txt: ${p.v}.`,
  sitemapFound: (p) => `Sitemap at ${p.v} (add a Sitemap: line to robots.txt too).`,
  sitemapMissing: () => 'No sitemap found (neither in robots.txt nor at /sitemap.xml).',
  noindexMeta: () => 'A robots meta tag says noindex: this page will not appear in search. Remove it.',
  noindexHeader: () => 'The X-Robots-Tag header says noindex: this page will not appear in search.',
  noindexOk: () => 'Indexable (no noindex).',
  weightTruncated: (p) => `The HTML is larger than ${p.n} KB; only that much was read. Make it much smaller.`,
  weightOk: (p) => `${p.n} KB of HTML.`,
  weightHeavy: (p) => `${p.n} KB of HTML; keep it under ${p.max} KB.`,
  weightHuge: (p) => `${p.n} KB of HTML: very heavy. Keep it under ${p.max} KB.`,
  compressionOk: (p) => `Compressed with ${p.v} (${p.n}% smaller).`,
  compressionTiny: () => 'Too small to need compression.',
  compressionMissing: (p) => `${p.n} KB sent uncompressed; turn on gzip or Brotli on the server.`,
  cacheNoStore: () => 'Cache-Control: no-store; returning visitors download everything again.',
  cacheOk: (p) => `Cache-Control: ${p.v}, with a validator.`,
  cacheNoValidator: (p) => `Cache-Control: ${p.v}, but no ETag or Last-Modified for revalidation.`,
  cacheNoPolicy: () => 'ETag or Last-Modified set, but no Cache-Control.',
  cacheNone: () => 'No Cache-Control, ETag or Last-Modified header.',
  ttfbOk: (p) => `First byte after ${p.n} ms.`,
  ttfbSlow: (p) => `First byte after ${p.n} ms; aim for under ${p.max} ms (caching, a CDN).`,
  ttfbVerySlow: (p) => `First byte after ${p.n} ms: very slow. Aim for under ${p.max} ms.`,
  backlinksConnect: (p) =>
    `Links to ${p.v} from other sites need outside data: export the Links report from Google Search Console (or Ahrefs, Semrush, Majestic) and track referring domains.`,
  mentionsConnect: () =>
    'Connect your social accounts with /connect so comments are collected, and set up Google Alerts for the brand name.',
  searchConsoleConnect: () =>
    'Clicks, impressions and average position come from Google Search Console: import its export into the metrics to see them in /report.',
} satisfies Record<string, Say>;

export const seoFindings = defineMessages<Record<keyof typeof en, Say>>('seo-findings', en, {
  titleMissing: () => 'لا يوجد وسم <title>. اكتب عنوانًا من 30 إلى 60 حرفًا يذكر الصفحة وكلمتها المفتاحية الرئيسية.',
  titleMany: (p) => `يوجد ${iso(p.n ?? 0)} من وسوم <title>؛ تختار محركات البحث واحدًا منها عشوائيًا. أبقِ واحدًا فقط.`,
  titleOk: (p) => `${count(p.n ?? 0, 'character', 'ar')}: «${iso(p.v ?? '')}».`,
  titleShort: (p) =>
    `${count(p.n ?? 0, 'character', 'ar')} فقط؛ اجعله بين ${iso(p.min ?? 0)} و${count(p.max ?? 0, 'character', 'ar')} ليوضح ما تقدمه الصفحة.`,
  titleLong: (p) =>
    `${count(p.n ?? 0, 'character', 'ar')}؛ تقطعه نتائج البحث بعد نحو ${count(p.max ?? 0, 'character', 'ar')}. ضع الكلمة المفتاحية أولًا واختصره.`,
  descriptionMissing: () => 'لا يوجد وصف تعريفي (meta description). أضف وصفًا من 70 إلى 160 حرف يشجع على النقر.',
  descriptionMany: (p) => `يوجد ${iso(p.n ?? 0)} أوصاف تعريفية؛ أبقِ واحدًا فقط.`,
  descriptionOk: (p) => `${count(p.n ?? 0, 'character', 'ar')}.`,
  descriptionShort: (p) =>
    `${count(p.n ?? 0, 'character', 'ar')} فقط؛ اجعله بين ${iso(p.min ?? 0)} و${iso(p.max ?? 0)}.`,
  descriptionLong: (p) =>
    `${count(p.n ?? 0, 'character', 'ar')}؛ تقطعه النتائج بعد نحو ${count(p.max ?? 0, 'character', 'ar')}.`,
  h1Missing: () => 'لا يوجد عنوان H1. أعطِ الصفحة عنوانًا رئيسيًا واحدًا يذكر موضوعها.',
  h1Empty: () => 'عنوان H1 فارغ (صورة بلا نص بديل أو لا شيء). اكتب الموضوع بالكلمات.',
  h1Many: (p) => `يوجد ${iso(p.n ?? 0)} عناوين H1؛ أبقِ واحدًا وحوّل الباقي إلى H2.`,
  h1Ok: (p) => `عنوان H1 واحد: «${iso(p.v ?? '')}».`,
  headingsNone: () => 'لا توجد عناوين في الصفحة.',
  headingsOk: (p) => `${iso(p.n ?? 0)} عناوين بترتيب سليم.`,
  headingsStartLow: (p) => `أول عنوان هو ${iso(p.v ?? '')}؛ ابدأ بعنوان H1.`,
  headingsSkip: (p) => `مستويات العناوين تقفز (${iso(p.list ?? '')})؛ انزل مستوى واحدًا في كل مرة.`,
  imagesNone: () => 'لا توجد صور.',
  imagesOk: (p) => `كل الصور (${iso(p.n ?? 0)}) لها نص بديل.`,
  imagesMissingAlt: (p) =>
    `${iso(p.n ?? 0)} من ${iso(p.total ?? 0)} صورة بلا سمة alt. صِف كل صورة (واترك alt="" للصور الزخرفية فقط).`,
  canonicalMissing: () => 'لا يوجد رابط أساسي (canonical). أضف <link rel="canonical"> يشير إلى العنوان المفضل.',
  canonicalMany: (p) => `يوجد ${iso(p.n ?? 0)} روابط canonical مختلفة؛ أبقِ واحدًا فقط.`,
  canonicalInvalid: (p) => `الرابط الأساسي «${iso(p.v ?? '')}» ليس عنوانًا صالحًا.`,
  canonicalSelf: () => 'الرابط الأساسي يشير إلى هذه الصفحة.',
  canonicalElsewhere: (p) =>
    `الرابط الأساسي يشير إلى ${iso(p.v ?? '')}؛ لن تظهر هذه الصفحة بنفسها في النتائج. تأكد أن هذا مقصود.`,
  ogOk: () => 'وسوم og:title وog:description وog:image وog:url موجودة.',
  ogMissing: () =>
    'لا توجد وسوم Open Graph: الروابط المشاركة تظهر بلا صورة أو ملخص. أضف og:title وog:description وog:image وog:url.',
  ogPartial: (p) => `ينقص Open Graph: ${iso(p.list ?? '')}.`,
  twitterMissing: () => 'لا يوجد وسم twitter:card؛ أضف <meta name="twitter:card" content="summary_large_image">.',
  twitterNoImage: (p) => `قيمة twitter:card هي «${iso(p.v ?? '')}» لكن لا توجد صورة (twitter:image أو og:image).`,
  twitterOk: (p) => `قيمة twitter:card هي «${iso(p.v ?? '')}».`,
  jsonLdNone: () => 'لا توجد بيانات منظمة. أضف JSON-LD (Organization أو Product أو Article...) لتظهر نتائج غنية.',
  jsonLdBroken: (p) => `${iso(p.n ?? 0)} من ${iso(p.total ?? 0)} كتل JSON-LD لا تُقرأ كـJSON؛ تتجاهلها محركات البحث.`,
  jsonLdNoType: () => 'كتلة JSON-LD بلا @type، فهي لا تصف شيئًا.',
  jsonLdOk: (p) => `موجودة: ${iso(p.list ?? '')}.`,
  langMissing: (p) => `وسم <html> بلا سمة lang؛ أضف lang="${iso(p.v ?? '')}".`,
  langMismatch: (p) => `النص عربي (من اليمين إلى اليسار) لكن lang="${iso(p.v ?? '')}". اضبط lang="ar" وdir="rtl".`,
  dirMissing: (p) => `اللغة lang="${iso(p.v ?? '')}" تُكتب من اليمين إلى اليسار لكن dir="rtl" غير موجود في <html>.`,
  langDirOkRtl: (p) => `lang="${iso(p.v ?? '')}" مع dir="rtl".`,
  dirWrong: (p) => `تم ضبط dir="rtl" على صفحة تُكتب من اليسار إلى اليمين (lang="${iso(p.v ?? '')}").`,
  langOk: (p) => `لغة الصفحة ${iso(`lang="${p.v ?? ''}"`)}.`,
  hreflangNone: () => 'لا توجد روابط hreflang (لا بأس لموقع بلغة واحدة).',
  hreflangInvalid: (p) =>
    `رموز hreflang غير صالحة: ${iso(p.list ?? '')}. استخدم رموزًا مثل en أو ar أو ar-SA أو x-default.`,
  hreflangDuplicate: (p) => `رمز hreflang نفسه مكرر: ${iso(p.list ?? '')}.`,
  hreflangNoSelf: (p) =>
    `يوجد ${iso(p.n ?? 0)} روابط hreflang لكن لا يشير أي منها إلى هذه الصفحة؛ يجب أن تذكر كل نسخة لغوية نفسها.`,
  hreflangNoDefault: (p) => `يوجد ${iso(p.n ?? 0)} روابط hreflang دون x-default للغات الأخرى.`,
  hreflangOk: (p) => `${iso(p.n ?? 0)} روابط hreflang (${iso(p.list ?? '')}).`,
  wordsOk: (p) => `${iso(p.n ?? 0)} كلمة.`,
  wordsThin: (p) =>
    `${iso(p.n ?? 0)} كلمة؛ نادرًا ما تتصدر الصفحات التي تقل عن ${iso(p.min ?? 0)} كلمة. أجب عن سؤال الباحث بعمق أكبر.`,
  wordsVeryThin: (p) => `${iso(p.n ?? 0)} كلمة فقط: محتوى ضعيف. اهدف إلى ${iso(p.min ?? 0)} كلمة مفيدة أو أكثر.`,
  linksNoInternal: (p) => `لا روابط إلى صفحات أخرى من الموقع (${iso(p.n ?? 0)} روابط خارجية). اربط بصفحات ذات صلة.`,
  linksUnnamed: (p) => `${iso(p.n ?? 0)} من ${iso(p.total ?? 0)} روابط بلا نص؛ أعطِ كل رابط نصًا يصف وجهته.`,
  linksOk: (p) => `${iso(p.n ?? 0)} روابط داخلية و${iso(p.total ?? 0)} روابط خارجية.`,
  keywordNone: () => 'لم تُحدد كلمة مفتاحية؛ أضف keyword:"..." لمعرفة أين تظهر.',
  keywordEverywhere: (p) => `«${iso(p.v ?? '')}» موجودة في العنوان والوصف وH1 والمقدمة والرابط.`,
  keywordMissingIn: (p) => `«${iso(p.v ?? '')}» غير موجودة في: ${places(p.list, PLACES_AR, '، ')}.`,
  viewportMissing: () =>
    'لا يوجد وسم viewport: تعرض الهواتف تصميم سطح المكتب. أضف width=device-width, initial-scale=1.',
  viewportFixed: (p) => `قيمة viewport «${iso(p.v ?? '')}» لا تستخدم width=device-width.`,
  viewportOk: () => 'إعداد العرض على الجوال موجود.',
  statusOk: (p) => `رمز HTTP ${iso(p.n ?? 0)}.`,
  statusOdd: (p) => `رمز HTTP ${iso(p.n ?? 0)}؛ يجب أن تجيب الصفحة التي تريد ترتيبها بالرمز 200.`,
  statusBad: (p) => `رمز HTTP ${iso(p.n ?? 0)}: تحذف محركات البحث الصفحات التي تجيب به. أصلح الصفحة أو أعد توجيهها.`,
  redirectsNone: () => 'لا توجد إعادات توجيه.',
  redirectsChain: (p) => `${iso(p.n ?? 0)} إعادات توجيه متتالية: ${iso(p.list ?? '')}. اربط مباشرة بالعنوان النهائي.`,
  redirectsTemporary: (p) => `إعادة توجيه مؤقتة: ${iso(p.list ?? '')}. استخدم 301 إن كان النقل دائمًا.`,
  redirectsOne: (p) => `إعادة توجيه دائمة واحدة: ${iso(p.list ?? '')}.`,
  httpsOk: () => 'الصفحة تُقدَّم عبر HTTPS.',
  httpsMissing: () => 'الصفحة تُقدَّم عبر HTTP غير المشفر. انتقل إلى HTTPS وأعد توجيه http:// إليه.',
  mixedNotHttps: () => 'لم يُفحص (الصفحة ليست على HTTPS).',
  mixedOk: () => 'لا توجد موارد غير آمنة عبر http://.',
  mixedFound: (p) => `${iso(p.n ?? 0)} موارد تُحمَّل عبر http:// (مثل ${iso(p.v ?? '')})؛ تحجبها المتصفحات أو تحذر منها.`,
  robotsMissing: () => 'لا يوجد ملف robots.txt (يمكن الزحف إلى كل شيء).',
  robotsUnreachable: () => 'ملف robots.txt لم يجب؛ توقف Google الزحف إلى موقع يتعطل فيه هذا الملف.',
  robotsBlocked: (p) =>
    p.n === undefined
      ? 'ملف robots.txt يمنع Googlebot من الزحف إلى هذه الصفحة.'
      : `ملف robots.txt يمنع Googlebot من الزحف إلى هذه الصفحة (السطر ${iso(p.n)}).`,
  robotsAllowed: () => 'ملف robots.txt يسمح لـGooglebot بالزحف إلى هذه الصفحة.',
  sitemapInvalid: (p) => `${iso(p.v ?? '')} يجيب لكنه ليس خريطة موقع (لا يوجد <urlset> أو <sitemapindex>).`,
  sitemapInRobots: (p) => `خريطة الموقع مذكورة في robots.txt: ${iso(p.v ?? '')}.`,
  sitemapFound: (p) => `خريطة الموقع في ${iso(p.v ?? '')} (أضف سطر Sitemap: إلى robots.txt أيضًا).`,
  sitemapMissing: () => 'لم يُعثر على خريطة موقع (لا في robots.txt ولا في /sitemap.xml).',
  noindexMeta: () => 'وسم robots يقول noindex: لن تظهر هذه الصفحة في البحث. أزله.',
  noindexHeader: () => 'ترويسة X-Robots-Tag تقول noindex: لن تظهر هذه الصفحة في البحث.',
  noindexOk: () => 'قابلة للفهرسة (لا يوجد noindex).',
  weightTruncated: (p) => `حجم HTML أكبر من ${iso(p.n ?? 0)} كيلوبايت؛ قُرئ هذا القدر فقط. صغّره كثيرًا.`,
  weightOk: (p) => `${iso(p.n ?? 0)} كيلوبايت من HTML.`,
  weightHeavy: (p) => `${iso(p.n ?? 0)} كيلوبايت من HTML؛ اجعله أقل من ${iso(p.max ?? 0)} كيلوبايت.`,
  weightHuge: (p) => `${iso(p.n ?? 0)} كيلوبايت من HTML: ثقيل جدًا. اجعله أقل من ${iso(p.max ?? 0)} كيلوبايت.`,
  compressionOk: (p) => `مضغوط بـ${iso(p.v ?? '')} (أصغر بنسبة ${iso(p.n ?? 0)}٪).`,
  compressionTiny: () => 'أصغر من أن يحتاج إلى ضغط.',
  compressionMissing: (p) => `أُرسل ${iso(p.n ?? 0)} كيلوبايت دون ضغط؛ فعّل gzip أو Brotli على الخادم.`,
  cacheNoStore: () => 'Cache-Control: no-store؛ يعيد الزوار العائدون تنزيل كل شيء.',
  cacheOk: (p) => `Cache-Control: ${iso(p.v ?? '')} مع أداة تحقق.`,
  cacheNoValidator: (p) => `Cache-Control: ${iso(p.v ?? '')} لكن دون ETag أو Last-Modified لإعادة التحقق.`,
  cacheNoPolicy: () => 'يوجد ETag أو Last-Modified لكن دون Cache-Control.',
  cacheNone: () => 'لا توجد ترويسات Cache-Control أو ETag أو Last-Modified.',
  ttfbOk: (p) => `أول بايت بعد ${iso(p.n ?? 0)} ملّي ثانية.`,
  ttfbSlow: (p) =>
    `أول بايت بعد ${iso(p.n ?? 0)} ملّي ثانية؛ اهدف إلى أقل من ${iso(p.max ?? 0)} (التخزين المؤقت، شبكة CDN).`,
  ttfbVerySlow: (p) => `أول بايت بعد ${iso(p.n ?? 0)} ملّي ثانية: بطيء جدًا. اهدف إلى أقل من ${iso(p.max ?? 0)}.`,
  backlinksConnect: (p) =>
    `الروابط من مواقع أخرى إلى ${iso(p.v ?? '')} تحتاج بيانات خارجية: صدّر تقرير الروابط من Google Search Console (أو Ahrefs أو Semrush أو Majestic) وتابع النطاقات المحيلة.`,
  mentionsConnect: () => 'اربط حساباتك الاجتماعية بالأمر /connect لجمع التعليقات، وفعّل Google Alerts لاسم العلامة.',
  searchConsoleConnect: () =>
    'النقرات ومرات الظهور ومتوسط الترتيب تأتي من Google Search Console: استورد ملف تصديره إلى المقاييس لتراها في /report.',
});

export type SeoMessageKey = keyof typeof en;

/** Rule and group names as an SEO person says them. */
export const seoLabels = defineMessages(
  'seo-labels',
  {
    onpage: 'On-page',
    technical: 'Technical',
    offpage: 'Off-page',
    title: 'Title',
    'meta-description': 'Meta description',
    keyword: 'Keyword placement',
    h1: 'H1',
    'heading-order': 'Heading order',
    'image-alt': 'Image alt text',
    canonical: 'Canonical',
    'open-graph': 'Open Graph',
    'twitter-card': 'Twitter card',
    'json-ld': 'Structured data',
    'lang-dir': 'Language and direction',
    hreflang: 'hreflang',
    'word-count': 'Word count',
    links: 'Links',
    viewport: 'Mobile viewport',
    status: 'HTTP status',
    noindex: 'Indexing',
    robots: 'robots.txt',
    https: 'HTTPS',
    redirects: 'Redirects',
    'mixed-content': 'Mixed content',
    'response-time': 'Response time',
    sitemap: 'Sitemap',
    compression: 'Compression',
    'page-weight': 'Page weight',
    'cache-headers': 'Cache headers',
    backlinks: 'Backlinks',
    mentions: 'Brand mentions',
    'search-performance': 'Search performance',
  },
  {
    onpage: 'داخل الصفحة',
    technical: 'تقني',
    offpage: 'خارج الصفحة',
    title: 'العنوان',
    'meta-description': 'الوصف التعريفي',
    keyword: 'موضع الكلمة المفتاحية',
    h1: 'عنوان H1',
    'heading-order': 'ترتيب العناوين',
    'image-alt': 'النص البديل للصور',
    canonical: 'الرابط الأساسي',
    'open-graph': 'بطاقات Open Graph',
    'twitter-card': 'بطاقة تويتر',
    'json-ld': 'البيانات المنظمة',
    'lang-dir': 'اللغة والاتجاه',
    hreflang: 'روابط hreflang للغات',
    'word-count': 'عدد الكلمات',
    links: 'الروابط',
    viewport: 'العرض على الجوال',
    status: 'رمز HTTP',
    noindex: 'الفهرسة',
    robots: 'ملف robots.txt',
    https: 'اتصال HTTPS الآمن',
    redirects: 'إعادات التوجيه',
    'mixed-content': 'المحتوى المختلط',
    'response-time': 'زمن الاستجابة',
    sitemap: 'خريطة الموقع',
    compression: 'الضغط',
    'page-weight': 'حجم الصفحة',
    'cache-headers': 'ترويسات التخزين المؤقت',
    backlinks: 'الروابط الخلفية',
    mentions: 'ذكر العلامة التجارية',
    'search-performance': 'أداء البحث',
  },
);

export type SeoLabelKey = keyof typeof seoLabels.en;
