/**
 * Brand urgency: threats, legal steps, safety or health issues, scam accusations, cancelling an
 * account, calls to boycott and abusive language make a comment urgent whatever its score. The
 * phrases are data (data/urgency.ts); this file matches them.
 */
import { URGENCY_KINDS, URGENCY_PATTERNS, type UrgencyKind } from './data/urgency.js';

export type { UrgencyKind } from './data/urgency.js';
export { URGENCY_KINDS } from './data/urgency.js';

const ARABIC = /[\u0600-\u06FF]/;
const LATIN = /[a-z]/;

// One pattern per kind and script, so a comment is scanned only by the patterns of its letters.
const BY_KIND = URGENCY_KINDS.flatMap((kind) =>
  [false, true].map((soft) => ({
    kind,
    soft,
    patterns: URGENCY_PATTERNS.filter((p) => p.kind === kind && Boolean(p.soft) === soft).flatMap((p) => p.patterns),
  })),
).map(({ kind, soft, patterns }) => {
  const join = (ps: RegExp[]) =>
    ps.length === 0 ? undefined : new RegExp(ps.map((p) => `(?:${p.source})`).join('|'), 'u');
  const isArabic = (p: RegExp) => ARABIC.test(p.source);
  const isEmoji = (p: RegExp) => /\\u\{|[\u{1F000}-\u{1FFFF}]/u.test(p.source);
  return {
    kind,
    soft,
    arabic: join(patterns.filter(isArabic)),
    latin: join(patterns.filter((p) => !isArabic(p) && !isEmoji(p))),
    emoji: join(patterns.filter(isEmoji)),
  };
});

export interface Urgency {
  kind: UrgencyKind;
  /** The words that matched, for explanations and tests. */
  match: string;
  /** Swearing that may be banter: it counts only without praise or laughter around it. */
  soft: boolean;
}

/** The most pressing brand-urgency kind in a normalised text (see normalize()), if any. */
export function urgencyOf(normalized: string): Urgency | undefined {
  // Hashtags are slogans about anything ("#انتخبوا_العرص" in an election); only a call to boycott
  // ("#boycott", "#مقاطعه_...") counts in one.
  const text = normalized.replace(/#(?!boycott|مقاطعه)\S+/gu, ' ');
  return urgencyIn(text);
}

function urgencyIn(normalized: string): Urgency | undefined {
  const hasArabic = ARABIC.test(normalized);
  const hasLatin = LATIN.test(normalized);
  const hasOther = /[^\u0000-\u06FF]/u.test(normalized);
  for (const k of BY_KIND) {
    const m =
      (hasArabic && k.arabic?.exec(normalized)) ||
      (hasLatin && k.latin?.exec(normalized)) ||
      (hasOther && k.emoji?.exec(normalized)) ||
      null;
    if (m) return { kind: k.kind, match: m[0], soft: k.soft };
  }
  return undefined;
}
