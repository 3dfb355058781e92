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
 * The Arabic name of the currencies whose Intl sign would be Latin letters (US$, UK£, CHF), as a
 * counted noun agrees with the number before it: «5 دولارات», «250 دولارًا», «15,000 دولار». Intl's own
 * name does not agree («5 دولار أمريكي», «روبية هندي»). The dollar alone is the US dollar, as Gulf
 * marketers say it; the other dollars keep their country.
 */
interface CurrencyNoun {
  /** The singular after 100, 1000, 0, 1, 2 and a fraction: «دولار». */
  other: string;
  /** The plural after 3-10: «دولارات». */
  few: string;
  /** The singular with tanween after 11-99: «دولارًا». */
  many: string;
}

const ARABIC_NAMES: Record<string, CurrencyNoun> = {
  USD: { other: 'دولار', few: 'دولارات', many: 'دولارًا' },
  CAD: { other: 'دولار كندي', few: 'دولارات كندية', many: 'دولارًا كنديًا' },
  AUD: { other: 'دولار أسترالي', few: 'دولارات أسترالية', many: 'دولارًا أستراليًا' },
  NZD: { other: 'دولار نيوزيلندي', few: 'دولارات نيوزيلندية', many: 'دولارًا نيوزيلنديًا' },
  GBP: { other: 'جنيه إسترليني', few: 'جنيهات إسترلينية', many: 'جنيهًا إسترلينيًا' },
  CHF: { other: 'فرنك سويسري', few: 'فرنكات سويسرية', many: 'فرنكًا سويسريًا' },
  JPY: { other: 'ين ياباني', few: 'ينات يابانية', many: 'ينًا يابانيًا' },
  CNY: { other: 'يوان صيني', few: 'يوانات صينية', many: 'يوانًا صينيًا' },
  INR: { other: 'روبية هندية', few: 'روبيات هندية', many: 'روبية هندية' },
  PKR: { other: 'روبية باكستانية', few: 'روبيات باكستانية', many: 'روبية باكستانية' },
  TRY: { other: 'ليرة تركية', few: 'ليرات تركية', many: 'ليرة تركية' },
};

const arabicRules = new Intl.PluralRules('ar');

/**
 * The noun for `major`: a figure written with decimals («2.50 دولار», «8.00 دولار») is read as a
 * fraction and takes the plain singular, as 100 and 1000 do; so a report's column of amounts with
 * cents reads the same noun all the way down.
 */
function currencyNoun(major: number, fractionDigits: number, noun: CurrencyNoun): string {
  if (fractionDigits > 0) return noun.other;
  // The noun agrees with the figure the reader sees: 9,944.37 shown as «9,944» is «9,944 دولارًا».
  const category = arabicRules.select(Math.abs(Math.round(major)));
  return category === 'few' ? noun.few : category === 'many' ? noun.many : noun.other;
}

function arabicFigure(major: number, fractionDigits: number): string {
  const key = `figure|${fractionDigits}`;
  let format = formatCache.get(key);
  if (!format) {
    format = new Intl.NumberFormat('en-US', {
      minimumFractionDigits: fractionDigits,
      maximumFractionDigits: fractionDigits,
    });
    formatCache.set(key, format);
  }
  return format.format(major);
}

/**
 * An amount in major units, placed by the locale's convention (Intl): the code first in English
 * ("SAR 15,000"), the number then the Arabic currency sign in Arabic («15,000 ر.س.»), or, where that
 * sign would be Latin letters, the currency's Arabic name agreeing with the number («250 دولارًا»,
 * «5 دولارات»); isolated as a figure so the workspace's digits apply (lib/digits).
 */
export function formatAmount(major: number, currency: string, locale: Locale, fractionDigits: number): string {
  const counted = locale === 'ar' ? ARABIC_NAMES[currency] : undefined;
  if (counted) return iso(`${arabicFigure(major, fractionDigits)} ${currencyNoun(major, fractionDigits, counted)}`);
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
 * Money in a plan, a brainstorm or a brand profile: whole units when the amount is whole ("SAR
 * 156,611"), else every decimal the currency has ("EUR 820.80", never "EUR 820.8"). Reports round
 * differently (lib/format.ts formatMoney: no minor unit from a thousand up).
 */
export function formatPlanMoney(minor: number, currency: string, locale: Locale = 'en'): string {
  const digits = minorDigits(currency);
  return formatAmount(minor / 10 ** digits, currency, locale, minor % 10 ** digits === 0 ? 0 : digits);
}

/**
 * An amount for "about …": two significant figures in whole units (461.62 -> 460, 105.03 -> 110,
 * 7.40 -> 7), so a suggestion does not read as a figure to the cent. In minor units.
 */
export function aboutAmount(minor: number, currency: string): number {
  const major = Math.abs(toMajor(minor, currency));
  if (major < 10) return Math.sign(minor) * toMinor(Math.max(1, Math.round(major)), currency);
  const step = 10 ** (Math.floor(Math.log10(major)) - 1);
  return Math.sign(minor) * toMinor(Math.round(major / step) * step, currency);
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
