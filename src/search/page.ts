/**
 * What the audit rules read from a page, extracted in one walk over the document that htmlparser2
 * builds. Rules then look at plain arrays instead of querying the tree each, which keeps a large page
 * fast and every rule a few lines.
 */
import { DomUtils, parseDocument } from 'htmlparser2';

type Document = ReturnType<typeof parseDocument>;
type Element = ReturnType<typeof DomUtils.getElementsByTagName>[number];
type Node = Document['children'][number];

export interface Heading {
  level: number;
  text: string;
}

export interface Anchor {
  href: string;
  /** Resolved against the page; undefined when the href is not a fetchable URL. */
  url: URL | undefined;
  rel: string[];
  /** What a reader or a crawler sees as the link's name: text, image alt or aria-label. */
  name: string;
}

export interface LinkTag {
  rel: string[];
  href: string;
  hreflang: string | undefined;
}

export interface Page {
  url: URL;
  lang: string | undefined;
  dir: string | undefined;
  bodyDir: string | undefined;
  titles: string[];
  /** Meta tags by lower-cased name or property, every content in order. */
  metas: Map<string, string[]>;
  headings: Heading[];
  images: Array<{ src: string | undefined; alt: string | undefined }>;
  anchors: Anchor[];
  linkTags: LinkTag[];
  /** Raw text of each `<script type="application/ld+json">`. */
  jsonLd: string[];
  /** URLs of sub-resources the browser loads (scripts, styles, images, frames, media). */
  resources: string[];
  /** Visible text (scripts, styles and templates left out), whitespace collapsed. */
  text: string;
}

const INVISIBLE = new Set(['script', 'style', 'noscript', 'template', 'svg', 'head']);
const BLOCK = new Set([
  'p',
  'div',
  'li',
  'br',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'td',
  'th',
  'tr',
  'section',
  'article',
  'header',
  'footer',
  'nav',
  'main',
  'aside',
  'blockquote',
  'figcaption',
  'dt',
  'dd',
  'option',
]);
const RESOURCE_ATTRS: Record<string, readonly string[]> = {
  img: ['src'],
  script: ['src'],
  iframe: ['src'],
  video: ['src', 'poster'],
  audio: ['src'],
  source: ['src'],
  track: ['src'],
  embed: ['src'],
  object: ['data'],
};
const RESOURCE_LINK_RELS = new Set(['stylesheet', 'icon', 'preload', 'modulepreload', 'manifest']);

const attr = (el: Element, name: string): string | undefined => el.attribs[name];
const rels = (el: Element): string[] => (attr(el, 'rel') ?? '').toLowerCase().split(/\s+/).filter(Boolean);
const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();

function resolve(href: string, base: URL): URL | undefined {
  try {
    const u = new URL(href, base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u : undefined;
  } catch {
    return undefined;
  }
}

export function parsePage(html: string, url: string | URL): Page {
  const doc = parseDocument(html, { lowerCaseTags: true, lowerCaseAttributeNames: true, decodeEntities: true });
  const page: Page = {
    url: new URL(url),
    lang: undefined,
    dir: undefined,
    bodyDir: undefined,
    titles: [],
    metas: new Map(),
    headings: [],
    images: [],
    anchors: [],
    linkTags: [],
    jsonLd: [],
    resources: [],
    text: '',
  };
  let base = page.url;
  const textParts: string[] = [];
  const anchorsToName: Array<[Anchor, Element]> = [];

  // Iterative depth-first walk: deeply nested pages must not overflow the stack.
  const stack: Array<{ node: Node; hidden: boolean }> = doc.children.map((node) => ({ node, hidden: false })).reverse();
  while (stack.length > 0) {
    const item = stack.pop();
    if (!item) break;
    const { node, hidden } = item;
    if (node.type === 'text') {
      if (!hidden) textParts.push(node.data);
      continue;
    }
    if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'style') continue;
    const el = node as Element;
    const name = el.name;
    const inSvg = name === 'svg';
    switch (name) {
      case 'html':
        page.lang = attr(el, 'lang')?.trim() || undefined;
        page.dir = attr(el, 'dir')?.trim().toLowerCase() || undefined;
        break;
      case 'body':
        page.bodyDir = attr(el, 'dir')?.trim().toLowerCase() || undefined;
        break;
      case 'base': {
        const href = attr(el, 'href');
        const u = href ? resolve(href, page.url) : undefined;
        if (u) base = u;
        break;
      }
      case 'title':
        if (!hiddenBySvg(el)) page.titles.push(squash(DomUtils.textContent(el)));
        break;
      case 'meta': {
        const key = (attr(el, 'name') ?? attr(el, 'property') ?? attr(el, 'http-equiv'))?.trim().toLowerCase();
        const content = attr(el, 'content');
        if (key && content !== undefined) {
          const list = page.metas.get(key) ?? [];
          list.push(content.trim());
          page.metas.set(key, list);
        }
        break;
      }
      case 'h1':
      case 'h2':
      case 'h3':
      case 'h4':
      case 'h5':
      case 'h6':
        page.headings.push({ level: Number(name[1]), text: squash(DomUtils.textContent(el)) });
        break;
      case 'img':
        page.images.push({ src: attr(el, 'src'), alt: attr(el, 'alt') });
        break;
      case 'a': {
        const href = attr(el, 'href');
        if (href !== undefined) {
          const anchor: Anchor = { href, url: resolve(href, base), rel: rels(el), name: '' };
          page.anchors.push(anchor);
          anchorsToName.push([anchor, el]);
        }
        break;
      }
      case 'link': {
        const href = attr(el, 'href');
        if (href !== undefined) {
          const r = rels(el);
          page.linkTags.push({ rel: r, href, hreflang: attr(el, 'hreflang')?.trim() });
          if (r.some((x) => RESOURCE_LINK_RELS.has(x))) page.resources.push(href);
        }
        break;
      }
      case 'script':
        if ((attr(el, 'type') ?? '').trim().toLowerCase() === 'application/ld+json') {
          page.jsonLd.push(DomUtils.textContent(el));
        }
        break;
    }
    for (const a of RESOURCE_ATTRS[name] ?? []) {
      const v = attr(el, a);
      if (v) page.resources.push(v);
    }
    const srcset = attr(el, 'srcset');
    if (srcset && (name === 'img' || name === 'source')) {
      for (const candidate of srcset.split(',')) {
        const u = candidate.trim().split(/\s+/)[0];
        if (u) page.resources.push(u);
      }
    }
    const childHidden = hidden || INVISIBLE.has(name) || inSvg;
    if (BLOCK.has(name)) textParts.push(' ');
    for (let i = el.children.length - 1; i >= 0; i--) {
      const child = el.children[i];
      if (child) stack.push({ node: child, hidden: childHidden });
    }
  }
  page.text = squash(textParts.join(''));
  for (const [anchor, el] of anchorsToName) anchor.name = accessibleName(el);
  // Resources are compared by scheme later; resolve them against the page's base now.
  page.resources = page.resources.map((r) => resolve(r, base)?.href ?? r);
  return page;
}

/** A `<title>` inside inline SVG names the graphic, not the page. */
function hiddenBySvg(el: Element): boolean {
  for (let p = el.parent; p; p = p.parent) {
    if ('name' in p && p.name === 'svg') return true;
  }
  return false;
}

function accessibleName(el: Element): string {
  const label = attr(el, 'aria-label')?.trim() || attr(el, 'title')?.trim();
  if (label) return label;
  const text = squash(DomUtils.textContent(el));
  if (text) return text;
  const img = DomUtils.findOne((n) => n.name === 'img' && Boolean(n.attribs.alt?.trim()), el.children, true);
  return img?.attribs.alt?.trim() ?? '';
}

export { countWords } from '../core/segment.js';

/**
 * Case-, diacritic- and Arabic-letter-variant-insensitive form for keyword matching: "Café" finds
 * "cafe", "القهوة" finds "قهوه" and "إطلاق" finds "اطلاق".
 */
export function normalizeForMatch(s: string): string {
  return (
    s
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .replace(/\u0640/g, '') // tatweel
      .replace(/[أإآٱ]/g, 'ا')
      .replace(/ة/g, 'ه')
      .replace(/ى/g, 'ي')
      .toLocaleLowerCase('en')
      .replace(/\s+/g, ' ')
      .trim()
      // The definite article is written joined to the word: "القهوة الباردة" and "قهوة باردة" match.
      .replace(/(^|\s)ال(?=\p{L}{2})/gu, '$1')
  );
}

export function containsKeyword(haystack: string | undefined, keyword: string): boolean {
  if (!haystack) return false;
  const k = normalizeForMatch(keyword);
  return k.length > 0 && normalizeForMatch(haystack).includes(k);
}
