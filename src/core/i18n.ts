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

/** Formats a number for the locale, keeping Western digits (what marketing tools export). */
export function formatNumber(n: number, locale: Locale, digits = 0): string {
  return new Intl.NumberFormat(locale === 'ar' ? 'ar-u-nu-latn' : 'en-US', {
    maximumFractionDigits: digits,
    minimumFractionDigits: 0,
  }).format(n);
}
