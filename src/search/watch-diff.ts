/**
 * What changed on a watched site between two weekly crawls: the SEO manager's Monday list. Only
 * pages seen in both crawls are compared page by page; pages that appeared or went are listed as such.
 */
import type { CrawledPage } from './crawl.js';

export interface PageProblem {
  url: string;
  rule: string;
}

export interface SiteChanges {
  score: { before: number; after: number };
  newProblems: PageProblem[];
  fixedProblems: PageProblem[];
  turnedNoindex: string[];
  /** Fail now (4xx/5xx or unreachable) after answering before, or new and failing (a broken link). */
  broken: Array<{ url: string; status: number }>;
  titleChanged: Array<{ url: string; before: string; after: string }>;
  descriptionChanged: Array<{ url: string; before: string; after: string }>;
  slower: Array<{ url: string; beforeMs: number; afterMs: number }>;
  newPages: string[];
  gonePages: string[];
}

/** A page counts as slower when it takes half as long again and at least this much more. */
export const SLOWER_MIN_MS = 300;

const fine = (p: CrawledPage) => p.status > 0 && p.status < 400;

export function diffCrawls(
  before: readonly CrawledPage[],
  after: readonly CrawledPage[],
  scores: { before: number; after: number },
): SiteChanges {
  const old = new Map(before.map((p) => [p.url, p]));
  const now = new Map(after.map((p) => [p.url, p]));
  const c: SiteChanges = {
    score: scores,
    newProblems: [],
    fixedProblems: [],
    turnedNoindex: [],
    broken: [],
    titleChanged: [],
    descriptionChanged: [],
    slower: [],
    // A new page that fails is a broken link from another page: listed as broken, not as new.
    newPages: after.filter((p) => !old.has(p.url) && fine(p)).map((p) => p.url),
    gonePages: before.filter((p) => !now.has(p.url)).map((p) => p.url),
  };
  for (const p of after) {
    const o = old.get(p.url);
    if (!o) {
      if (!fine(p)) c.broken.push({ url: p.url, status: p.status });
      continue;
    }
    if (fine(o) && !fine(p)) {
      c.broken.push({ url: p.url, status: p.status });
      continue;
    }
    if (!fine(p) || !fine(o)) continue;
    if (p.noindex && !o.noindex) c.turnedNoindex.push(p.url);
    for (const rule of p.failing) if (!o.failing.includes(rule)) c.newProblems.push({ url: p.url, rule });
    for (const rule of o.failing) if (!p.failing.includes(rule)) c.fixedProblems.push({ url: p.url, rule });
    if (p.title !== o.title) c.titleChanged.push({ url: p.url, before: o.title, after: p.title });
    if (p.description !== o.description) {
      c.descriptionChanged.push({ url: p.url, before: o.description, after: p.description });
    }
    if (p.ms >= o.ms * 1.5 && p.ms - o.ms >= SLOWER_MIN_MS)
      c.slower.push({ url: p.url, beforeMs: o.ms, afterMs: p.ms });
  }
  return c;
}

export function nothingChanged(c: SiteChanges): boolean {
  return (
    c.score.before === c.score.after &&
    [
      c.newProblems,
      c.fixedProblems,
      c.turnedNoindex,
      c.broken,
      c.titleChanged,
      c.descriptionChanged,
      c.slower,
      c.newPages,
      c.gonePages,
    ].every((xs) => xs.length === 0)
  );
}
