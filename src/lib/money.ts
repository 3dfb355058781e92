/**
 * Money for plans: minor units per currency, an exact split of a budget, and rough USD rates so
 * benchmark figures quoted in USD can be shown in the workspace currency.
 */
import { iso, type Locale } from '../core/i18n.js';

// Building an Intl.NumberFormat costs far more than using one; plans and reports format dozens of amounts.
const digitsCache = new Map<string, number>();
const formatCache = new Map<string, Intl.NumberFormat>();

/** Digits after the decimal point that a currency uses (JPY 0, USD 2, KWD 3), per ICU. */
export function minorDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsCache.set(currency, digits);
  }
  return digits;
}

export function toMinor(major: number, currency: string): number {
  return Math.round(major * 10 ** minorDigits(currency));
}

export function toMajor(minor: number, currency: string): number {
  return minor / 10 ** minorDigits(currency);
}

// Intl's Arabic output carries its own direction marks; the reply's isolates do that job (lib/digits).
// Its no-break spaces become plain ones, as every other space in a reply.
const BIDI_MARKS = /[\u061c\u200e\u200f]/g;
const NO_BREAK = /[\u00a0\u202f]/g;

/**
 * An amount in major units, placed by the locale's convention (Intl): the code first in English
 * ("SAR 15,000"), the number then the Arabic currency sign in Arabic («15,000 ر.س.», «250 دولار
 * أمريكي»), isolated as a figure so the workspace's digits apply (lib/digits).
 */
export function formatAmount(major: number, currency: string, locale: Locale, fractionDigits: number): string {
  const key = `${locale}|${currency}|${fractionDigits}`;
  let format = formatCache.get(key);
  if (!format) {
    const options = (currencyDisplay: 'code' | 'symbol' | 'name') =>
      new Intl.NumberFormat(locale === 'ar' ? 'ar-u-nu-latn' : 'en-US', {
        style: 'currency',
        currency,
        currencyDisplay,
        minimumFractionDigits: fractionDigits,
        maximumFractionDigits: fractionDigits,
      });
    format = locale === 'en' ? options('code') : options('symbol');
    // Arabic has a sign of its own for the region's currencies (ر.س., د.إ.); where the sign would
    // be Latin (US$, TRY) the currency's Arabic name reads better than English letters.
    if (locale === 'ar' && /[A-Za-z]/.test(format.format(1))) format = options('name');
    formatCache.set(key, format);
  }
  const s = format.format(major).replace(BIDI_MARKS, '').replace(NO_BREAK, ' ');
  return locale === 'ar' ? iso(s) : s;
}

/**
 * Money in a plan: whole units when the amount is whole ("SAR 156,611"), else every decimal the
 * currency has ("EUR 820.80", never "EUR 820.8").
 */
export function formatMoney(minor: number, currency: string, locale: Locale = 'en'): string {
  const digits = minorDigits(currency);
  return formatAmount(minor / 10 ** digits, currency, locale, minor % 10 ** digits === 0 ? 0 : digits);
}

/**
 * Splits `total` minor units by integer-or-fractional weights so the parts sum to exactly `total`
 * (largest-remainder / Hamilton method): each part gets the floor of its exact share, and the units
 * left over go one each to the largest fractional remainders, ties to the earlier entry.
 */
export function splitExact(total: number, weights: readonly number[]): number[] {
  if (!Number.isInteger(total) || total < 0) throw new RangeError('total must be a non-negative integer');
  if (weights.length === 0) return [];
  if (weights.some((w) => !(w >= 0) || !Number.isFinite(w))) throw new RangeError('weights must be >= 0');
  const sum = weights.reduce((a, b) => a + b, 0);
  const effective = sum > 0 ? weights : weights.map(() => 1);
  const effectiveSum = sum > 0 ? sum : weights.length;
  const exact = effective.map((w) => (total * w) / effectiveSum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) {
    const at = order[k]?.i ?? 0;
    parts[at] = (parts[at] ?? 0) + 1;
  }
  return parts;
}

/**
 * Units of each currency per US dollar, rounded mid-2025 market rates (pegged ones exact: SAR, AED,
 * QAR, BHD, OMR, JOD). Only used to express USD benchmark figures (minimum budgets, CPL, CPM) in the
 * workspace currency, where a 10% error does not change any recommendation.
 */
const UNITS_PER_USD: Record<string, number> = {
  USD: 1,
  EUR: 0.92,
  GBP: 0.79,
  CHF: 0.88,
  CAD: 1.37,
  AUD: 1.52,
  NZD: 1.66,
  JPY: 150,
  CNY: 7.2,
  INR: 84,
  SAR: 3.75,
  AED: 3.6725,
  QAR: 3.64,
  KWD: 0.31,
  BHD: 0.376,
  OMR: 0.3845,
  JOD: 0.709,
  EGP: 48,
  MAD: 9.9,
  TND: 3.1,
  TRY: 38,
  PKR: 280,
  NGN: 1550,
  ZAR: 18.2,
  BRL: 5.5,
  MXN: 18.5,
};

/** Converts a USD figure to the currency (major units); `known` is false when the rate is a guess. */
export function fromUsd(usd: number, currency: string): { value: number; known: boolean } {
  const rate = UNITS_PER_USD[currency];
  return rate === undefined ? { value: usd, known: false } : { value: usd * rate, known: true };
}
