/**
 * A brief as the planner reads it: the options typed with /brainstorm or /plan create, with the
 * brand profile filling in what they leave out (currency, market, average order value) and giving
 * the business type. The brief's own options always win.
 */

import type { Locale } from '../core/i18n.js';
import { toMinor } from '../lib/money.js';
import type { BrandProfile } from '../workspace/brand.js';
import type { Goal } from './catalog.js';
import { businessTypeOf } from './catalog.js';
import type { BrainstormRequest } from './ideas.js';

export interface BriefOptions {
  product: string;
  goal: Goal;
  /** Major units of the brief's currency. */
  budget: number;
  currency?: string | undefined;
  weeks?: number | undefined;
  market?: string | undefined;
  /** Major units. */
  orderValue?: number | undefined;
  locale: Locale;
}

export function briefRequest(o: BriefOptions, brand: BrandProfile, workspaceCurrency: string): BrainstormRequest {
  const currency = o.currency ?? brand.currency ?? workspaceCurrency;
  const market = o.market ?? brand.market ?? '';
  // The brand's order value counts only in its own currency: never converted into an implied one.
  const brandOrder =
    brand.averageOrderMinor !== undefined && (brand.currency ?? workspaceCurrency) === currency
      ? brand.averageOrderMinor
      : undefined;
  const orderValueMinor = o.orderValue !== undefined ? Math.max(1, toMinor(o.orderValue, currency)) : brandOrder;
  return {
    product: o.product,
    goal: o.goal,
    budgetMinor: Math.max(1, toMinor(o.budget, currency)),
    currency,
    weeks: o.weeks ?? 4,
    market,
    locale: o.locale,
    seed: 0,
    ...(orderValueMinor !== undefined ? { orderValueMinor } : {}),
    businessType: brand.businessType ?? businessTypeOf(o.product, market),
    businessTypeFrom: brand.businessType ? 'brand' : 'brief',
  };
}
