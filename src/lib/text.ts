/**
 * Text as a database can hold it. PostgreSQL's text type refuses the NUL character outright (the
 * whole INSERT fails), and a lone UTF-16 surrogate (legal in JSON's \u escapes) has no UTF-8 form:
 * both arrive from outside (webhooks, CSV files, API responses) and must not cost the rest of a batch.
 */
const NUL = /\u0000/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Drops NUL characters and turns lone surrogates into U+FFFD; everything else is kept as it is. */
export function storable(text: string): string {
  return text.replace(NUL, '').replace(LONE_SURROGATE, '\uFFFD');
}

/** The same, for an optional value. */
export function storableOr<T extends string | undefined | null>(text: T): T {
  return (typeof text === 'string' ? storable(text) : text) as T;
}
