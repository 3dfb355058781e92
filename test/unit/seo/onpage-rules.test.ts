import { describe, expect, it } from 'vitest';
import {
  canonical,
  h1,
  headingOrder,
  hreflang,
  imageAlt,
  jsonLd,
  keyword,
  langDir,
  links,
  metaDescription,
  openGraph,
  title,
  twitterCard,
  viewport,
  wordCount,
} from '../../../src/search/rules/onpage.js';
import { inputFor, page, words } from '../../helpers/seo.js';

const check = (rule: { check: typeof title.check }, html: string, over: Parameters<typeof inputFor>[1] = {}) =>
  rule.check(inputFor(html, over));

describe('title', () => {
  it('passes 30-60 characters', () => {
    const f = check(title, page('<title>Cold Brew Coffee Kit – Smooth Coffee at Home</title>', ''));
    expect(f).toMatchObject({ status: 'pass', earned: 1, msg: { key: 'titleOk' } });
  });
  it('fails a missing or empty title', () => {
    expect(check(title, page('', '')).status).toBe('fail');
    expect(check(title, page('<title>  </title>', '')).msg.key).toBe('titleMissing');
  });
  it('warns about short, long and duplicated titles', () => {
    expect(check(title, page('<title>Hi</title>', '')).msg).toMatchObject({ key: 'titleShort', params: { n: 2 } });
    expect(check(title, page(`<title>${'x'.repeat(90)}</title>`, '')).msg.key).toBe('titleLong');
    expect(check(title, page('<title>One good title of enough length here</title><title>b</title>', '')).msg.key).toBe(
      'titleMany',
    );
  });
  it('ignores the title of an inline SVG and counts Arabic letters, not bytes', () => {
    const ar = 'قهوة باردة منزلية – طقم التخمير البارد الكامل';
    const f = check(title, page(`<title>${ar}</title>`, '<svg><title>icon</title></svg>'));
    expect(f.status).toBe('pass');
    expect(f.msg.params?.n).toBe([...ar].length);
  });
});

describe('meta-description', () => {
  it('passes 70-160 characters and fails when missing', () => {
    expect(check(metaDescription, page(`<meta name="description" content="${'a'.repeat(120)}">`, '')).status).toBe(
      'pass',
    );
    expect(check(metaDescription, page('', '')).msg.key).toBe('descriptionMissing');
  });
  it('warns about a short or long one, and about two', () => {
    expect(check(metaDescription, page('<meta name="description" content="tiny">', '')).msg.key).toBe(
      'descriptionShort',
    );
    expect(check(metaDescription, page(`<meta name="description" content="${'a'.repeat(250)}">`, '')).msg.key).toBe(
      'descriptionLong',
    );
    const two = `<meta name="description" content="${'a'.repeat(100)}"><meta name="description" content="b">`;
    expect(check(metaDescription, page(two, '')).msg.key).toBe('descriptionMany');
  });
});

describe('h1', () => {
  it('wants exactly one H1 with words in it', () => {
    expect(check(h1, page('', '<h1>Cold brew</h1>')).status).toBe('pass');
    expect(check(h1, page('', '<h2>x</h2>')).msg.key).toBe('h1Missing');
    expect(check(h1, page('', '<h1>a</h1><h1>b</h1>')).msg).toMatchObject({ key: 'h1Many', params: { n: 2 } });
    expect(check(h1, page('', '<h1><img src="logo.png"></h1>')).msg.key).toBe('h1Empty');
  });
});

describe('heading-order', () => {
  it('passes levels that go down one at a time', () => {
    expect(check(headingOrder, page('', '<h1>a</h1><h2>b</h2><h3>c</h3><h2>d</h2>')).status).toBe('pass');
  });
  it('names each skipped level', () => {
    const f = check(headingOrder, page('', '<h1>a</h1><h3>b</h3><h4>c</h4><h2>d</h2><h5>e</h5>'));
    expect(f.status).toBe('warn');
    expect(f.msg.params?.list).toBe('h1→h3, h2→h5');
  });
  it('warns when the page does not start with its H1, and is advisory without headings', () => {
    expect(check(headingOrder, page('', '<h2>a</h2><h1>b</h1>')).msg.key).toBe('headingsStartLow');
    expect(check(headingOrder, page('', '<p>x</p>')).status).toBe('info');
  });
});

describe('image-alt', () => {
  it('accepts alt="" for decorative images and counts only missing attributes', () => {
    expect(check(imageAlt, page('', '<img src="a" alt="A cup"><img src="b" alt="">')).status).toBe('pass');
    const f = check(imageAlt, page('', '<img src="a"><img src="b" alt="x">'));
    expect(f).toMatchObject({ status: 'fail', earned: 0.5, msg: { params: { n: 1, total: 2 } } });
  });
  it('only warns when most images are described, and is advisory without images', () => {
    const many = `${'<img src="a" alt="x">'.repeat(9)}<img src="b">`;
    expect(check(imageAlt, page('', many)).status).toBe('warn');
    expect(check(imageAlt, page('', '<p>no images</p>')).status).toBe('info');
  });
});

describe('canonical', () => {
  const url = 'https://shop.example/coffee/cold-brew';
  it('passes a canonical link to the page itself, relative or absolute', () => {
    expect(check(canonical, page('<link rel="canonical" href="/coffee/cold-brew">', ''), { url }).status).toBe('pass');
  });
  it('warns when missing or pointing elsewhere, fails two different ones', () => {
    expect(check(canonical, page('', ''), { url }).msg.key).toBe('canonicalMissing');
    expect(check(canonical, page('<link rel="canonical" href="https://other.example/">', ''), { url }).msg.key).toBe(
      'canonicalElsewhere',
    );
    const two = '<link rel="canonical" href="/a"><link rel="canonical" href="/b">';
    expect(check(canonical, page(two, ''), { url }).status).toBe('fail');
  });
});

describe('open-graph and twitter-card', () => {
  const og = (keys: string[]) => keys.map((k) => `<meta property="og:${k}" content="v">`).join('');
  it('lists the Open Graph properties that are missing', () => {
    expect(check(openGraph, page(og(['title', 'description', 'image', 'url']), '')).status).toBe('pass');
    const f = check(openGraph, page(og(['title', 'url']), ''));
    expect(f).toMatchObject({ status: 'warn', earned: 0.5, msg: { params: { list: 'og:description, og:image' } } });
    expect(check(openGraph, page('', '')).status).toBe('fail');
  });
  it('wants a twitter:card, with an image from twitter:image or og:image', () => {
    expect(check(twitterCard, page(`<meta name="twitter:card" content="summary">${og(['image'])}`, '')).status).toBe(
      'pass',
    );
    expect(check(twitterCard, page('<meta name="twitter:card" content="summary">', '')).msg.key).toBe('twitterNoImage');
    expect(check(twitterCard, page('', '')).msg.key).toBe('twitterMissing');
  });
});

describe('json-ld', () => {
  const ld = (s: string) => `<script type="application/ld+json">${s}</script>`;
  it('passes JSON-LD that parses, naming its types (graphs included)', () => {
    const f = check(
      jsonLd,
      page(
        ld('{"@context":"https://schema.org","@graph":[{"@type":"Organization"},{"@type":["Product","Thing"]}]}'),
        '',
      ),
    );
    expect(f.status).toBe('pass');
    expect(f.msg.params?.list).toBe('Organization, Product, Thing');
  });
  it('fails JSON-LD that does not parse', () => {
    const f = check(jsonLd, page(ld('{"@type": "Product",}') + ld('{"@type":"Thing"}'), ''));
    expect(f).toMatchObject({ status: 'fail', msg: { params: { n: 1, total: 2 } } });
  });
  it('warns when there is none or it has no type', () => {
    expect(check(jsonLd, page('', '')).msg.key).toBe('jsonLdNone');
    expect(check(jsonLd, page(ld('{"name":"x"}'), '')).msg.key).toBe('jsonLdNoType');
  });
});

describe('lang-dir', () => {
  const arabic = '<p>القهوة الباردة أنعم وأقل حموضة من القهوة الساخنة</p>';
  it('passes an Arabic page with lang="ar" and dir="rtl"', () => {
    expect(check(langDir, page('', arabic, 'lang="ar" dir="rtl"')).msg.key).toBe('langDirOkRtl');
  });
  it('fails an Arabic page without dir="rtl", or labelled as English', () => {
    expect(check(langDir, page('', arabic, 'lang="ar-SA"')).msg.key).toBe('dirMissing');
    expect(check(langDir, page('', arabic, 'lang="en" dir="rtl"')).msg.key).toBe('langMismatch');
  });
  it('suggests the language that the text is written in when lang is missing', () => {
    expect(check(langDir, page('', arabic, '')).msg).toMatchObject({ key: 'langMissing', params: { v: 'ar' } });
    expect(check(langDir, page('', '<p>hello</p>', '')).msg.params?.v).toBe('en');
  });
  it('passes English, and fails dir="rtl" on it', () => {
    expect(check(langDir, page('', '<p>hello world</p>', 'lang="en"')).status).toBe('pass');
    expect(check(langDir, page('', '<p>hello world</p>', 'lang="en" dir="rtl"')).msg.key).toBe('dirWrong');
  });
  it('accepts dir on <body> when <html> has none', () => {
    const html = `<!doctype html><html lang="ar"><head></head><body dir="rtl">${arabic}</body></html>`;
    expect(check(langDir, html).status).toBe('pass');
  });
});

describe('hreflang', () => {
  const url = 'https://shop.example/coffee/cold-brew';
  const alt = (code: string, href: string) => `<link rel="alternate" hreflang="${code}" href="${href}">`;
  it('passes a set that includes this page and x-default', () => {
    const head = alt('en', url) + alt('ar', '/ar/coffee/cold-brew') + alt('x-default', url);
    expect(check(hreflang, page(head, ''), { url }).status).toBe('pass');
  });
  it('warns when the page does not list itself or there is no x-default', () => {
    expect(check(hreflang, page(alt('ar', '/ar/') + alt('x-default', '/'), ''), { url }).msg.key).toBe(
      'hreflangNoSelf',
    );
    expect(check(hreflang, page(alt('en', url) + alt('ar', '/ar/'), ''), { url }).msg.key).toBe('hreflangNoDefault');
  });
  it('fails invalid and duplicated codes', () => {
    expect(check(hreflang, page(alt('english', url), ''), { url }).msg).toMatchObject({
      key: 'hreflangInvalid',
      params: { list: 'english' },
    });
    expect(check(hreflang, page(alt('en', url) + alt('EN', '/x'), ''), { url }).msg.key).toBe('hreflangDuplicate');
  });
  it('is advisory on a page without alternates', () => {
    expect(check(hreflang, page('', '')).status).toBe('info');
  });
});

describe('word-count', () => {
  it('counts visible words only, in English and Arabic', () => {
    const f = check(
      wordCount,
      page('<title>many words here</title>', `<p>${words(320)}</p><script>${words(500)}</script>`),
    );
    expect(f).toMatchObject({ status: 'pass', msg: { params: { n: 320 } } });
    const ar = check(wordCount, page('', `<p>${words(150, 'قهوة')}</p>`, 'lang="ar"'));
    expect(ar).toMatchObject({ status: 'warn', msg: { params: { n: 150 } } });
  });
  it('does not glue words across block elements', () => {
    expect(check(wordCount, page('', '<p>one</p><p>two</p><li>three</li>')).msg.params?.n).toBe(3);
  });
  it('fails very thin pages', () => {
    expect(check(wordCount, page('', '<p>tiny</p>')).status).toBe('fail');
  });
});

describe('links', () => {
  it('counts internal and external links', () => {
    const f = check(
      links,
      page('', '<a href="/a">A</a><a href="https://shop.example/b">B</a><a href="https://x.example">X</a>'),
    );
    expect(f.msg).toMatchObject({ key: 'linksOk', params: { n: 2, total: 1 } });
  });
  it('warns without internal links and about links without a name', () => {
    expect(check(links, page('', '<a href="https://x.example">X</a>')).msg.key).toBe('linksNoInternal');
    const f = check(
      links,
      page('', '<a href="/a">A</a><a href="/b"><img src="i.png"></a><a href="/c"><img src="i" alt="Cart"></a>'),
    );
    expect(f.msg).toMatchObject({ key: 'linksUnnamed', params: { n: 1, total: 3 } });
  });
  it('ignores links that are not web addresses', () => {
    expect(
      check(links, page('', '<a href="/a">A</a><a href="mailto:a@b.c"></a><a href="javascript:void(0)"></a>')).status,
    ).toBe('pass');
  });
});

describe('keyword', () => {
  const full = page(
    '<title>Cold brew kit for home</title><meta name="description" content="The best cold brew kit.">',
    '<h1>Cold Brew at home</h1><p>Cold brew is easy.</p>',
  );
  it('is advisory without a keyword', () => {
    expect(check(keyword, full).status).toBe('info');
  });
  it('finds the keyword in every place, ignoring case and the URL dashes', () => {
    expect(check(keyword, full, { keyword: 'cold brew' }).msg.key).toBe('keywordEverywhere');
  });
  it('lists the places where it is missing', () => {
    const f = check(keyword, full, { keyword: 'espresso', url: 'https://shop.example/x' });
    expect(f).toMatchObject({
      status: 'fail',
      earned: 0,
      msg: { params: { list: 'title,description,h1,opening,url' } },
    });
    const partial = check(keyword, full, { keyword: 'kit', url: 'https://shop.example/x' });
    expect(partial.msg.params?.list).toBe('h1,opening,url');
  });
  it('matches Arabic across hamza, taa marbuta and diacritics', () => {
    const ar = page('<title>إطلاق القهوة الباردة</title>', '<h1>اطلاق القهوه الباردة</h1><p>قَهْوَة</p>', 'lang="ar"');
    const f = check(keyword, ar, { keyword: 'اطلاق القهوة', url: 'https://shop.example/x' });
    expect(f.msg.params?.list).toBe('description,url');
  });
});

describe('viewport', () => {
  it('wants width=device-width', () => {
    expect(
      check(viewport, page('<meta name="viewport" content="width=device-width, initial-scale=1">', '')).status,
    ).toBe('pass');
    expect(check(viewport, page('<meta name="viewport" content="width=1024">', '')).status).toBe('warn');
    expect(check(viewport, page('', '')).status).toBe('fail');
  });
});
