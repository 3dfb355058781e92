/**
 * An audit rule: one named check over what was fetched, in one of the groups SEO people use. A rule
 * returns how much of its weight the page earned and a message (a key into the SEO catalog, so the
 * command renders it in the user's language). Adding a check is adding one small function.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { graphemes } from '../core/segment.js';
import type { Hop } from '../net/safe-fetch.js';
import type { SeoMessageKey, SeoParams } from './messages.js';
import type { Page } from './page.js';

export type Group = 'onpage' | 'technical' | 'offpage';

/** `info`: not applicable or advisory; left out of the score. */
export type Status = 'pass' | 'warn' | 'fail' | 'info';

export interface Msg {
  key: SeoMessageKey;
  params?: SeoParams;
}

export interface Finding {
  status: Status;
  /** Share of the rule's weight the page earned, 0..1. */
  earned: number;
  msg: Msg;
}

export interface RobotsInfo {
  /** found: robots.txt answered 200; missing: 4xx (everything allowed); unreachable: 5xx or no answer. */
  state: 'found' | 'missing' | 'unreachable';
  /** Whether Googlebot may crawl the page; undefined when robots.txt could not be read. */
  allowed: boolean | undefined;
  /** Line of robots.txt that decided, when one did. */
  line: number | undefined;
  sitemaps: string[];
}

export interface SitemapInfo {
  found: boolean;
  url: string;
  /** found but not a sitemap document. */
  invalid?: boolean;
}

export interface FetchFacts {
  requestedUrl: string;
  status: number;
  headers: IncomingHttpHeaders;
  redirects: Hop[];
  /** Decompressed size of the HTML. */
  bodyBytes: number;
  /** Bytes on the wire (compressed when the server compressed). */
  transferBytes: number;
  truncated: boolean;
  firstByteMs: number;
  totalMs: number;
}

export interface AuditInput {
  page: Page;
  fetch: FetchFacts;
  robots: RobotsInfo;
  sitemap: SitemapInfo;
  keyword: string | undefined;
}

export interface Rule {
  /** Stable kebab-case name; also the key of its label in the catalog. */
  id: string;
  group: Group;
  /** Impact on search visibility: how many points of 100 the rule is worth relative to the others. */
  weight: number;
  check(input: AuditInput): Finding;
}

export const pass = (key: SeoMessageKey, params?: SeoParams): Finding => ({
  status: 'pass',
  earned: 1,
  msg: msg(key, params),
});
export const warn = (earned: number, key: SeoMessageKey, params?: SeoParams): Finding => ({
  status: 'warn',
  earned,
  msg: msg(key, params),
});
export const fail = (key: SeoMessageKey, params?: SeoParams, earned = 0): Finding => ({
  status: 'fail',
  earned,
  msg: msg(key, params),
});
export const info = (key: SeoMessageKey, params?: SeoParams): Finding => ({
  status: 'info',
  earned: 0,
  msg: msg(key, params),
});

function msg(key: SeoMessageKey, params?: SeoParams): Msg {
  return params ? { key, params } : { key };
}

/** Chars as a person counts them (emoji and combined letters count once). */
export const chars = (s: string): number => graphemes(s).length;
