/**
 * Typed message catalogs. Every user-facing string exists in English and Arabic; the Arabic
 * catalog must have the same keys and the same parameter shapes (the compiler checks that, and
 * test/unit/i18n.test.ts checks every registered catalog at run time).
 */

export const LOCALES = ['en', 'ar'] as const;
export type Locale = (typeof LOCALES)[number];

/** A pair of translations for a short label declared inline (command and option descriptions). */
export interface L10n {
  en: string;
  ar: string;
}

// Parameters are typed per message; `never[]` keeps the constraint without `any`.
export type Message = string | ((...args: never[]) => string);
export type Messages = Record<string, Message>;

export interface Catalog<T extends Messages> {
  name: string;
  en: T;
  ar: T;
}

const catalogs: Array<Catalog<Messages>> = [];

/** Declares a catalog and registers it for the completeness test. */
export function defineMessages<T extends Messages>(name: string, en: T, ar: NoInfer<T>): Catalog<T> {
  const catalog = { name, en, ar };
  catalogs.push(catalog);
  return catalog;
}

export function registeredCatalogs(): ReadonlyArray<Catalog<Messages>> {
  return catalogs;
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export function pick(l: L10n, locale: Locale): string {
  return l[locale];
}

const FSI = '\u2068';
const PDI = '\u2069';

/**
 * Wraps an embedded value (a number, a Latin name, a URL) in Unicode first-strong isolates so it
 * keeps its own direction inside right-to-left text and does not reorder the words around it.
 */
export function iso(value: string | number): string {
  return `${FSI}${value}${PDI}`;
}

/**
 * Isolates only matter inside right-to-left text; in an English reply they are invisible noise that
 * ends up in copied text, so replies in left-to-right languages drop them.
 */
export function dropIsolates(text: string): string {
  return text.replace(/[\u2068\u2069]/g, '');
}

/** An embedded value isolated in Arabic text, as it is (no isolates needed) in English. */
export function isoIn(value: string, locale: Locale): string {
  return locale === 'ar' ? iso(value) : value;
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/**
 * A number with Western digits and grouping, at most `digits` decimals (exactly `digits` with
 * `fixed`), without isolates: for a figure built from several parts ("41.2%"). One cached formatter
 * per locale and precision (a formatter per table cell was a hot spot).
 */
export function plainNumber(n: number, locale: Locale, digits = 0, fixed = false): string {
  const key = `${locale}|${digits}|${fixed}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale === 'ar' ? 'ar-u-nu-latn' : 'en-US', {
      maximumFractionDigits: digits,
      minimumFractionDigits: fixed ? digits : 0,
    });
    numberFormats.set(key, format);
  }
  return format.format(n).replace(/[\u061c\u200e\u200f]/g, '');
}

/**
 * A number for the locale with Western digits, isolated in Arabic, where that marks it as a figure
 * the workspace's digit style applies to (lib/digits).
 */
export function formatNumber(n: number, locale: Locale, digits = 0): string {
  return isoIn(plainNumber(n, locale, digits), locale);
}
