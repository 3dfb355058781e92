import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defineMessages, registeredCatalogs } from '../../../src/core/i18n.js';
import { evaluate, isSitemap, RULES } from '../../../src/search/audit.js';
import { seoFindings, seoLabels } from '../../../src/search/messages.js';
import { inputFor, words } from '../../helpers/seo.js';

const fixture = (name: string, fill = 0, word = 'coffee') =>
  readFileSync(new URL(`../../fixtures/seo/${name}`, import.meta.url), 'utf8').replace('WORDS', words(fill, word));

describe('evaluate', () => {
  it('scores a good page high and a flawed page low, both stable', () => {
    const good = inputFor(fixture('good-en.html', 400), { keyword: 'cold brew' });
    const bad = inputFor(fixture('flawed.html'), {
      keyword: 'cold brew',
      fetch: { headers: { 'content-type': 'text/html' }, bodyBytes: 40_000, firstByteMs: 2500 },
      robots: { allowed: false, line: 2 },
      sitemap: { found: false },
    });
    const g = evaluate(good);
    const b = evaluate(bad);
    expect(g.score).toBeGreaterThanOrEqual(95);
    expect(b.score).toBeLessThan(35);
    expect(evaluate(good)).toEqual(g);
    expect(evaluate(bad)).toEqual(b);
  });

  it('orders fixes by the points they are worth', () => {
    const bad = inputFor(fixture('flawed.html'), { robots: { allowed: false } });
    const { fixes } = evaluate(bad);
    const lost = fixes.map((f) => f.lost);
    expect(lost).toEqual([...lost].sort((x, y) => y - x));
    expect(fixes.slice(0, 2).map((f) => f.id)).toEqual(['noindex', 'robots']);
    expect(fixes.every((f) => f.status !== 'pass' && f.status !== 'info')).toBe(true);
  });

  it('loses exactly the points the fixes list, and leaves advisory rules out', () => {
    const r = evaluate(inputFor(fixture('flawed.html')));
    const lost = r.fixes.reduce((s, f) => s + f.lost, 0);
    expect(Math.round(100 - lost)).toBe(r.score);
    const off = r.groups.find((g) => g.group === 'offpage');
    expect(off?.score).toBeUndefined();
    expect(off?.results.map((x) => x.id)).toEqual(['backlinks', 'mentions', 'search-performance']);
  });

  it('passes an Arabic right-to-left page on language, direction and keyword', () => {
    const r = evaluate(
      inputFor(fixture('arabic.html', 320, 'قهوة'), {
        url: 'https://shop.example/ar/coffee/cold-brew',
        keyword: 'القهوة الباردة',
      }),
    );
    const byId = new Map(r.groups.flatMap((g) => g.results).map((x) => [x.id, x]));
    expect(byId.get('lang-dir')?.msg.key).toBe('langDirOkRtl');
    expect(byId.get('word-count')?.status).toBe('pass');
    expect(byId.get('keyword')?.msg.params?.list).toBe('url');
    expect(byId.get('hreflang')?.status).toBe('pass');
  });

  it('fails the same Arabic page when it claims to be English', () => {
    const html = fixture('arabic.html', 50, 'قهوة').replace('lang="ar" dir="rtl"', 'lang="en"');
    const r = evaluate(inputFor(html, { url: 'https://shop.example/ar/coffee/cold-brew' }));
    expect(r.fixes.map((f) => f.id)).toContain('lang-dir');
  });
});

describe('catalogs', () => {
  it('has a label for every rule and a message for every key in both languages', () => {
    for (const rule of RULES) {
      expect(seoLabels.en[rule.id as keyof typeof seoLabels.en], rule.id).toBeTruthy();
      expect(seoLabels.ar[rule.id as keyof typeof seoLabels.ar], rule.id).toBeTruthy();
    }
    expect(Object.keys(seoFindings.ar).sort()).toEqual(Object.keys(seoFindings.en).sort());
    expect(registeredCatalogs().some((c) => c.name === 'seo-findings')).toBe(true);
    expect(typeof defineMessages).toBe('function');
  });
});

describe('isSitemap', () => {
  it('recognises urlset and sitemapindex documents, namespaced or not', () => {
    expect(
      isSitemap(
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>x</loc></url></urlset>',
      ),
    ).toBe(true);
    expect(
      isSitemap('<sm:sitemapindex xmlns:sm="http://www.sitemaps.org/schemas/sitemap/0.9"></sm:sitemapindex>'),
    ).toBe(true);
    expect(isSitemap('<!doctype html><html><body>Not found</body></html>')).toBe(false);
  });
});
