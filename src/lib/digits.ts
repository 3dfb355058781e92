/**
 * The digits an Arabic reply is shown in, one style per workspace (`/config digits arabic|latin`), and
 * the direction isolates that reply keeps.
 *
 * Formatters write figures with Western digits and wrap each one in first-strong isolates (`iso`), which
 * marks it as a figure. When the reply is finished (`settleFigures`, called by core/reply forLocale):
 * - a marked figure with no Latin letters in it takes the workspace's digits: ١٥٬٠٠٠٫٥ and ٤١٫٢٪ in the
 *   Arabic style, 15,000.5 and 41.2% in the Latin one, so one reply never mixes the two systems;
 * - its isolates are dropped when the bidi algorithm already keeps it in order (a plain number, a
 *   date, a time, a percentage, an amount followed by its Arabic currency sign), and kept where the
 *   text around it would be reordered (a sign in front, Latin words, a range with "..", a space).
 * What the user typed (captions, names) is never a marked figure, so it keeps its own digits.
 */

export const DIGIT_STYLES = ['latin', 'arabic'] as const;
export type DigitStyle = (typeof DIGIT_STYLES)[number];

export function isDigitStyle(value: unknown): value is DigitStyle {
  return typeof value === 'string' && (DIGIT_STYLES as readonly string[]).includes(value);
}

const FSI = '\u2068';
const PDI = '\u2069';
const ZERO = 0x0660;
const LATIN_LETTER = /[A-Za-z]/;
const ARABIC_INDIC = /[\u0660-\u0669]/;
const ARABIC_FIRST = /^[\u0621-\u064a]/;

/**
 * "15,000.5" -> "١٥٬٠٠٠٫٥", "41.2%" -> "٤١٫٢٪": each run of digits with its separators, the Arabic
 * separators between digits, the Arabic percent sign after them. Colons, dashes and slashes stay
 * (١٠:٠٠, ٢٠٢٦-١٠-٠١).
 */
export function arabicDigits(text: string): string {
  return text.replace(/\d(?:[\d,.]*\d)?%?/g, (run) =>
    run.replace(/[\d,.%]/g, (ch) => {
      if (ch === ',') return '\u066c';
      if (ch === '.') return '\u066b';
      if (ch === '%') return '\u066a';
      return String.fromCharCode(ZERO + Number(ch));
    }),
  );
}

/** The reverse, for figures a catalog wrote in Arabic-Indic digits shown in a Latin-digit workspace. */
function westernDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u066a-\u066c]/g, (ch) => {
    const code = ch.charCodeAt(0);
    if (code === 0x066a) return '%';
    if (code === 0x066b) return '.';
    if (code === 0x066c) return ',';
    return String(code - ZERO);
  });
}

/**
 * A figure the bidi algorithm keeps in order without help inside right-to-left text: it starts with a
 * digit (or "#") and has only digits, their separators, ":", "-" and "/" between them, an optional
 * percent sign, and optionally Arabic words or a currency sign after a space (an amount and its
 * currency: «15,000 ر.س.», «250 دولارًا», "820.80 €").
 */
const ORDERED_FIGURE =
  /^#?[\d\u0660-\u0669](?:[\d\u0660-\u0669,.:/\u066b\u066c-]*[\d\u0660-\u0669])?[%\u066a]?(?:(?: [\u0600-\u06ff.]+){1,3}| \p{Sc})?$/u;

function settleOne(inner: string, digits: DigitStyle): string {
  if (LATIN_LETTER.test(inner) || inner.includes('://')) return `${FSI}${inner}${PDI}`;
  // Arabic words alone (a channel name that may have been Latin) flow with the text around them.
  if (!/[\d\u0660-\u0669]/.test(inner)) return inner;
  const shown = digits === 'arabic' ? arabicDigits(inner) : ARABIC_INDIC.test(inner) ? westernDigits(inner) : inner;
  if (shown.includes('..')) return `${FSI}${shown}${PDI}`;
  // A figure in order by itself, or Arabic words with numbers among them («الاثنين، 1 مارس 2027»),
  // which the bidi algorithm lays out like the sentence around them.
  return ORDERED_FIGURE.test(shown) || ARABIC_FIRST.test(shown) ? shown : `${FSI}${shown}${PDI}`;
}

/**
 * Every isolated segment of `text`, innermost first, in the workspace's digits, and without the
 * isolates it does not need (see the module comment). Unbalanced marks are left as they are.
 */
export function settleFigures(text: string, digits: DigitStyle): string {
  if (!text.includes(FSI)) return text;
  const out: string[] = [''];
  // An amount whose sign ends with its own dot («ر.س.») closes the sentence too: never «ر.س..».
  for (const ch of text.replace(/(\.\u2069)\.(?=\s|$)/g, '$1')) {
    if (ch === FSI) out.push('');
    else if (ch === PDI && out.length > 1) {
      const inner = out.pop() as string;
      out[out.length - 1] += settleOne(inner, digits);
    } else out[out.length - 1] += ch;
  }
  // An FSI never closed: keep what followed it as written.
  return out.reduce((acc, part, i) => (i === 0 ? part : `${acc}${FSI}${part}`), '');
}

/**
 * A figure drawn into an image (a chart's axis): the workspace's digits in Arabic, and no isolates,
 * which an image has no use for.
 */
export function imageFigure(text: string, arabic: boolean, digits: DigitStyle): string {
  return withoutIsolates(arabic ? settleFigures(`${FSI}${text}${PDI}`, digits) : text);
}

/** Text for a plain-text export (CSV, a log line): no direction marks at all. */
export function withoutIsolates(text: string): string {
  return text.replace(/[\u2066-\u2069]/g, '');
}

/** A workspace's stored style; anything else (an older row, a hand-edited value) reads as Latin. */
export function digitStyleOf(workspace: { digits?: string | null }): DigitStyle {
  return isDigitStyle(workspace.digits) ? workspace.digits : 'latin';
}
