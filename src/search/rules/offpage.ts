/**
 * Off-page signals live outside the page (who links to it, who talks about the brand). The audit
 * cannot measure them from one fetch, so these rules say which data source to connect; they are
 * advisory and left out of the score.
 */
import { info, type Rule } from '../rule.js';

export const backlinks: Rule = {
  id: 'backlinks',
  group: 'offpage',
  weight: 0,
  check: ({ page }) => info('backlinksConnect', { v: page.url.host }),
};

export const mentions: Rule = {
  id: 'mentions',
  group: 'offpage',
  weight: 0,
  check: ({ page }) => info('mentionsConnect', { v: page.url.host }),
};

export const searchPerformance: Rule = {
  id: 'search-performance',
  group: 'offpage',
  weight: 0,
  check: ({ page }) => info('searchConsoleConnect', { v: page.url.host }),
};

export const offPageRules: readonly Rule[] = [backlinks, mentions, searchPerformance];
