/**
 * Text as a database can hold it. PostgreSQL's text type refuses the NUL character outright (the
 * whole INSERT fails), and a lone UTF-16 surrogate (legal in JSON's \u escapes) has no UTF-8 form:
 * both arrive from outside (webhooks, CSV files, API responses) and must not cost the rest of a batch.
 * Also the names close to what someone typed, for "did you mean …?" (commands, CSV columns, channels).
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

/**
 * Token-shaped strings, as the networks issue them: Meta (EAA…), Google access and refresh tokens
 * (ya29.…, 1//…), OpenAI (sk-…), Slack (xox…-), Mailchimp keys (32 hex + -usN), Discord bot tokens
 * (three base64 parts), and any `access_token=` / `token=` parameter of a URL.
 */
const SECRET_SHAPES = [
  /\bEAA[A-Za-z0-9_-]{8,}/g,
  /\bya29\.[A-Za-z0-9_-]{8,}/g,
  /(^|[^A-Za-z0-9])1\/\/[A-Za-z0-9_-]{8,}/g,
  /\bsk-[A-Za-z0-9_-]{8,}/g,
  /\bxox[abposr]-[A-Za-z0-9-]{8,}/g,
  /\b[0-9a-f]{32}-us\d{1,3}\b/g,
  /\b[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{20,}\b/g,
  /((?:access_|refresh_|id_)?token=)[^&\s"']+/gi,
];

/** A provider's error text with anything token-shaped replaced by "[hidden]" (errors reach chat and logs). */
export function maskSecrets(text: string): string {
  let out = text;
  for (const shape of SECRET_SHAPES) {
    out = out.replace(shape, (whole, lead: unknown) =>
      typeof lead === 'string' && whole.startsWith(lead) && lead.length < whole.length ? `${lead}[hidden]` : '[hidden]',
    );
  }
  return out;
}

/**
 * Digits as the parsers read them: Arabic-Indic (٠١٢٣٤٥٦٧٨٩) and Eastern Arabic-Indic (۰…۹, Persian and
 * Urdu keyboards) become 0-9, and the Arabic decimal and thousands separators (٫ ٬) become "." and ",".
 * Only for values that are numbers, dates, times or codes: free text (a caption) keeps what was typed.
 */
export function latinDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06f0-\u06f9\u066b\u066c]/g, (ch) => {
    const code = ch.charCodeAt(0);
    if (code === 0x066b) return '.';
    if (code === 0x066c) return ',';
    return String(code >= 0x06f0 ? code - 0x06f0 : code - 0x0660);
  });
}

/** Damerau-free Levenshtein distance, small strings only (command names). */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] ?? 0;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j] ?? 0;
      prev[j] = Math.min(up + 1, (prev[j - 1] ?? 0) + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length] ?? 0;
}

/** The closest names within a small distance, best first (for "did you mean ...?"). */
export function closest(word: string, candidates: readonly string[], max = 3): string[] {
  const limit = word.length <= 3 ? 1 : word.length <= 6 ? 2 : 3;
  return candidates
    .map((c) => ({ c, d: c.startsWith(word) && word.length >= 2 ? 0.5 : editDistance(word, c) }))
    .filter((x) => x.d <= limit)
    .sort((x, y) => x.d - y.d || x.c.localeCompare(y.c))
    .slice(0, max)
    .map((x) => x.c);
}
