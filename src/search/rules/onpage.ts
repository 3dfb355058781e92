/** On-page rules: what the page itself says to search engines and to people sharing it. */
import { containsKeyword, countWords, normalizeForMatch } from '../page.js';
import { type AuditInput, chars, type Finding, fail, info, pass, type Rule, warn } from '../rule.js';

const first = (input: AuditInput, key: string): string | undefined => input.page.metas.get(key)?.[0];

/** Length inside [lo, hi] passes; inside [softLo, softHi] earns 60%; else 30%. */
function lengthScore(n: number, lo: number, hi: number, softLo: number, softHi: number): number {
  if (n >= lo && n <= hi) return 1;
  if (n >= softLo && n <= softHi) return 0.6;
  return 0.3;
}

export const title: Rule = {
  id: 'title',
  group: 'onpage',
  weight: 10,
  check({ page }) {
    const t = page.titles.find((x) => x.length > 0);
    if (!t) return fail('titleMissing');
    const n = chars(t);
    const earned = lengthScore(n, 30, 60, 15, 70) * (page.titles.length > 1 ? 0.7 : 1);
    if (page.titles.length > 1) return warn(earned, 'titleMany', { n: page.titles.length });
    if (earned === 1) return pass('titleOk', { n, v: t });
    return warn(earned, n < 30 ? 'titleShort' : 'titleLong', { n, min: 30, max: 60 });
  },
};

export const metaDescription: Rule = {
  id: 'meta-description',
  group: 'onpage',
  weight: 6,
  check(input) {
    const all = input.page.metas.get('description') ?? [];
    const d = all.find((x) => x.length > 0);
    if (!d) return fail('descriptionMissing');
    if (all.length > 1) return warn(0.6, 'descriptionMany', { n: all.length });
    const n = chars(d);
    const earned = lengthScore(n, 70, 160, 50, 200);
    if (earned === 1) return pass('descriptionOk', { n });
    return warn(earned, n < 70 ? 'descriptionShort' : 'descriptionLong', { n, min: 70, max: 160 });
  },
};

export const h1: Rule = {
  id: 'h1',
  group: 'onpage',
  weight: 6,
  check({ page }) {
    const h1s = page.headings.filter((h) => h.level === 1);
    if (h1s.length === 0) return fail('h1Missing');
    if (h1s.some((h) => h.text.length === 0)) return fail('h1Empty', undefined, 0.3);
    if (h1s.length > 1) return warn(0.5, 'h1Many', { n: h1s.length });
    return pass('h1Ok', { v: h1s[0]?.text ?? '' });
  },
};

export const headingOrder: Rule = {
  id: 'heading-order',
  group: 'onpage',
  weight: 2,
  check({ page }) {
    const hs = page.headings;
    if (hs.length === 0) return info('headingsNone');
    const skips: string[] = [];
    let previous = 0;
    for (const h of hs) {
      if (previous > 0 && h.level > previous + 1) skips.push(`h${previous}→h${h.level}`);
      previous = h.level;
    }
    const firstIsH1 = hs[0]?.level === 1;
    const problems = skips.length + (firstIsH1 ? 0 : 1);
    if (problems === 0) return pass('headingsOk', { n: hs.length });
    if (!firstIsH1 && skips.length === 0) return warn(0.6, 'headingsStartLow', { v: `h${hs[0]?.level}` });
    return warn(Math.max(0, 1 - 0.25 * problems), 'headingsSkip', {
      n: skips.length,
      list: skips.slice(0, 3).join(', '),
    });
  },
};

export const imageAlt: Rule = {
  id: 'image-alt',
  group: 'onpage',
  weight: 4,
  check({ page }) {
    const total = page.images.length;
    if (total === 0) return info('imagesNone');
    // alt="" is right for decorative images; only a missing attribute is a fault.
    const missing = page.images.filter((i) => i.alt === undefined).length;
    if (missing === 0) return pass('imagesOk', { n: total });
    const earned = (total - missing) / total;
    if (earned >= 0.8) return warn(earned, 'imagesMissingAlt', { n: missing, total });
    return fail('imagesMissingAlt', { n: missing, total }, earned);
  },
};

export const canonical: Rule = {
  id: 'canonical',
  group: 'onpage',
  weight: 4,
  check({ page }) {
    const tags = page.linkTags.filter((l) => l.rel.includes('canonical'));
    if (tags.length === 0) return warn(0.4, 'canonicalMissing');
    const hrefs = new Set(tags.map((t) => t.href.trim()));
    if (hrefs.size > 1) return fail('canonicalMany', { n: hrefs.size });
    let target: URL;
    try {
      target = new URL(tags[0]?.href ?? '', page.url);
    } catch {
      return fail('canonicalInvalid', { v: tags[0]?.href ?? '' });
    }
    const self = new URL(page.url);
    self.hash = '';
    target.hash = '';
    if (target.href === self.href) return pass('canonicalSelf');
    return warn(0.7, 'canonicalElsewhere', { v: target.href });
  },
};

const OG_REQUIRED = ['og:title', 'og:description', 'og:image', 'og:url'] as const;

export const openGraph: Rule = {
  id: 'open-graph',
  group: 'onpage',
  weight: 2,
  check(input) {
    const missing = OG_REQUIRED.filter((k) => !first(input, k));
    if (missing.length === 0) return pass('ogOk');
    if (missing.length === OG_REQUIRED.length) return fail('ogMissing');
    return warn(1 - missing.length / OG_REQUIRED.length, 'ogPartial', { list: missing.join(', ') });
  },
};

export const twitterCard: Rule = {
  id: 'twitter-card',
  group: 'onpage',
  weight: 1,
  check(input) {
    const card = first(input, 'twitter:card');
    if (!card) return warn(0, 'twitterMissing');
    // X falls back to Open Graph for the title and the image.
    if (!first(input, 'twitter:image') && !first(input, 'og:image')) return warn(0.5, 'twitterNoImage', { v: card });
    return pass('twitterOk', { v: card });
  },
};

export const jsonLd: Rule = {
  id: 'json-ld',
  group: 'onpage',
  weight: 3,
  check({ page }) {
    if (page.jsonLd.length === 0) return warn(0.5, 'jsonLdNone');
    const types: string[] = [];
    let broken = 0;
    for (const raw of page.jsonLd) {
      try {
        collectTypes(JSON.parse(raw) as unknown, types);
      } catch {
        broken++;
      }
    }
    if (broken > 0) return fail('jsonLdBroken', { n: broken, total: page.jsonLd.length });
    if (types.length === 0) return warn(0.5, 'jsonLdNoType');
    return pass('jsonLdOk', { list: [...new Set(types)].slice(0, 5).join(', ') });
  },
};

function collectTypes(value: unknown, into: string[], depth = 0): void {
  if (depth > 4 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const v of value) collectTypes(v, into, depth + 1);
    return;
  }
  const record = value as Record<string, unknown>;
  const t = record['@type'];
  if (typeof t === 'string') into.push(t);
  if (Array.isArray(t)) into.push(...t.filter((x): x is string => typeof x === 'string'));
  if (record['@graph']) collectTypes(record['@graph'], into, depth + 1);
}

const RTL_LANGS = new Set(['ar', 'fa', 'he', 'iw', 'ur', 'ps', 'sd', 'ckb', 'yi', 'dv', 'ug']);

/** Share of letters written in a right-to-left script (Arabic, Hebrew, Thaana...). */
export function rtlShare(text: string): number {
  let rtl = 0;
  let letters = 0;
  for (const ch of text.slice(0, 50_000)) {
    if (!/\p{L}/u.test(ch)) continue;
    letters++;
    if (/[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Thaana}\p{Script=Syriac}\p{Script=Nko}]/u.test(ch)) rtl++;
  }
  return letters === 0 ? 0 : rtl / letters;
}

export const langDir: Rule = {
  id: 'lang-dir',
  group: 'onpage',
  weight: 4,
  check({ page }) {
    const lang = page.lang?.toLowerCase();
    const primary = lang?.split(/[-_]/)[0];
    const mostlyRtl = rtlShare(page.text) > 0.5;
    const dir = page.dir ?? page.bodyDir;
    if (!lang) return fail('langMissing', mostlyRtl ? { v: 'ar' } : { v: 'en' });
    const langIsRtl = primary !== undefined && RTL_LANGS.has(primary);
    if (mostlyRtl && !langIsRtl) return fail('langMismatch', { v: page.lang ?? '' }, 0.3);
    if (langIsRtl || mostlyRtl) {
      if (dir !== 'rtl') return fail('dirMissing', { v: page.lang ?? '' }, 0.4);
      return pass('langDirOkRtl', { v: page.lang ?? '' });
    }
    if (dir === 'rtl') return fail('dirWrong', { v: page.lang ?? '' }, 0.4);
    return pass('langOk', { v: page.lang ?? '' });
  },
};

const LANGUAGE_NAMES = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/** hreflang takes an ISO 639 language, optionally a script and an ISO 3166 region, or x-default. */
export function validHreflang(tag: string): boolean {
  if (tag.toLowerCase() === 'x-default') return true;
  const m = /^([a-z]{2,3})(-[a-z]{4})?(-(?:[a-z]{2}|\d{3}))?$/i.exec(tag);
  return m !== null && LANGUAGE_NAMES.of(m[1]?.toLowerCase() ?? '') !== undefined;
}

export const hreflang: Rule = {
  id: 'hreflang',
  group: 'onpage',
  weight: 2,
  check({ page }) {
    const alts = page.linkTags.filter((l) => l.rel.includes('alternate') && l.hreflang);
    if (alts.length === 0) return info('hreflangNone');
    const invalid = alts.filter((a) => !validHreflang(a.hreflang ?? '')).map((a) => a.hreflang ?? '');
    if (invalid.length > 0) return fail('hreflangInvalid', { list: invalid.slice(0, 3).join(', ') });
    const codes = alts.map((a) => (a.hreflang ?? '').toLowerCase());
    const dupes = codes.filter((c, i) => codes.indexOf(c) !== i);
    if (dupes.length > 0) return fail('hreflangDuplicate', { list: [...new Set(dupes)].join(', ') }, 0.3);
    const resolved = alts.map((a) => {
      try {
        return new URL(a.href, page.url).href;
      } catch {
        return '';
      }
    });
    // Each language version must list itself too, or search engines ignore the pair.
    if (!resolved.includes(page.url.href)) return warn(0.5, 'hreflangNoSelf', { n: alts.length });
    if (!codes.includes('x-default')) return warn(0.8, 'hreflangNoDefault', { n: alts.length });
    return pass('hreflangOk', { n: alts.length, list: codes.slice(0, 6).join(', ') });
  },
};

export const wordCount: Rule = {
  id: 'word-count',
  group: 'onpage',
  weight: 4,
  check({ page }) {
    const n = countWords(page.text, page.lang ?? 'en');
    if (n >= 300) return pass('wordsOk', { n });
    if (n >= 100) return warn(0.6, 'wordsThin', { n, min: 300 });
    return fail('wordsVeryThin', { n, min: 300 }, 0.2);
  },
};

export const links: Rule = {
  id: 'links',
  group: 'onpage',
  weight: 3,
  check({ page }) {
    const web = page.anchors.filter((a) => a.url);
    const internal = web.filter((a) => a.url?.host === page.url.host).length;
    const external = web.length - internal;
    const unnamed = page.anchors.filter((a) => a.url && a.name.length === 0).length;
    if (internal === 0) return warn(0.4, 'linksNoInternal', { n: external });
    if (unnamed > 0) return warn(0.7, 'linksUnnamed', { n: unnamed, total: internal + external });
    return pass('linksOk', { n: internal, total: external });
  },
};

/** Where the target keyword appears: title, description, H1, the opening words, the address. */
export const keyword: Rule = {
  id: 'keyword',
  group: 'onpage',
  weight: 8,
  check(input): Finding {
    const k = input.keyword;
    if (!k) return info('keywordNone');
    const { page } = input;
    const opening = page.text.split(/\s+/).slice(0, 100).join(' ');
    const slug = decodeURIComponent(page.url.pathname).replace(/[-_/]+/g, ' ');
    const places: Array<[string, boolean, number]> = [
      ['title', containsKeyword(page.titles[0], k), 3],
      ['description', containsKeyword(first(input, 'description'), k), 2],
      ['h1', page.headings.some((h) => h.level === 1 && containsKeyword(h.text, k)), 2],
      ['opening', containsKeyword(opening, k), 2],
      ['url', containsKeyword(slug, k) || normalizeForMatch(slug).includes(normalizeForMatch(k).replace(/ /g, '')), 1],
    ];
    const total = places.reduce((s, [, , w]) => s + w, 0);
    const got = places.reduce((s, [, ok, w]) => s + (ok ? w : 0), 0);
    const missing = places.filter(([, ok]) => !ok).map(([name]) => name);
    if (missing.length === 0) return pass('keywordEverywhere', { v: k });
    const earned = got / total;
    const list = missing.join(',');
    return earned >= 0.5
      ? warn(earned, 'keywordMissingIn', { v: k, list })
      : fail('keywordMissingIn', { v: k, list }, earned);
  },
};

export const viewport: Rule = {
  id: 'viewport',
  group: 'onpage',
  weight: 3,
  check(input) {
    const v = first(input, 'viewport');
    if (!v) return fail('viewportMissing');
    if (!/width\s*=\s*device-width/i.test(v)) return warn(0.5, 'viewportFixed', { v });
    return pass('viewportOk');
  },
};

export const onPageRules: readonly Rule[] = [
  title,
  metaDescription,
  keyword,
  h1,
  headingOrder,
  imageAlt,
  canonical,
  openGraph,
  twitterCard,
  jsonLd,
  langDir,
  hreflang,
  wordCount,
  links,
  viewport,
];
