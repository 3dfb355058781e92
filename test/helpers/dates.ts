/**
 * ISO dates (2026-11-30, ٢٠٢٦-١١-٣٠) shown to a reader, who should read «٣٠ نوفمبر ٢٠٢٦» or "30 Nov
 * 2026" instead. Left out: what the reader types or opens as it is (commands and what follows them,
 * key:value options, URLs, file names) and the examples of what to type ("e.g. …", «مثل …»).
 */
const ISO_DATE = /[\d\u0660-\u0669]{4}-[\d\u0660-\u0669]{2}-[\d\u0660-\u0669]{2}/g;

export function isoDates(line: string): string[] {
  const stripped = line
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/\/[a-z][\w-]*(?: [^\s،؛.]+)*/g, ' ')
    .replace(/[\w-]+:(?:"[^"]*"|\S+)/g, ' ')
    .replace(/[\w./-]*\.(?:csv|png)\b/g, ' ')
    .replace(/(?:مثل|e\.g\.) [^(]*/g, ' ');
  return [...stripped.matchAll(ISO_DATE)].map((m) => m[0]);
}
