/**
 * Language by script: Arabic letters mean Arabic; Latin words with the digits Arabizi uses for
 * Arabic sounds (2 3 5 6 7 8 9 inside a word: "7elw", "et2a5ar") or common Arabizi words mean
 * Arabic written in Latin; other Latin text is taken as English (the bot's other language);
 * anything else is "other".
 */
export type Language = 'ar' | 'en' | 'other';

export interface DetectedLanguage {
  lang: Language;
  /** Arabic written with Latin letters and digits. */
  arabizi: boolean;
}

const ARABIC_LETTER = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/g;
const LATIN_LETTER = /[A-Za-z\u00C0-\u024F]/g;
const ARABIZI_WORD = /^(?=.*[a-z])[a-z]*[2356789][a-z0-9]*$/;
// Frequent Arabizi words without digits; short and distinctive enough not to be English.
const ARABIZI_VOCAB = new Set([
  'mesh',
  'msh',
  'mish',
  'wallah',
  'wallahi',
  'yalla',
  'ya3ni',
  'inshallah',
  'mashallah',
  'habibi',
  'shukran',
  'shokran',
  'keda',
  'kda',
  'leh',
  'ezay',
  'izzay',
  'zay',
  'mafi',
  'mafish',
  'ma3',
  'bas',
  'kteer',
  'ktir',
  'wayed',
  'zift',
  'sa7',
  'ahlan',
  'tayeb',
  'tayyeb',
  'helw',
  'wesh',
  'shlon',
  'abdan',
  'khalas',
  'ana',
  'enta',
  'enti',
  'howa',
  'heya',
  'ehna',
  'leeh',
]);

export function detectLanguage(raw: string): DetectedLanguage {
  // Links and @handles are Latin whatever the comment's language.
  const text = raw.replace(/https?:\/\/\S+|www\.\S+|@[\w.]+/g, ' ');
  const arabic = text.match(ARABIC_LETTER)?.length ?? 0;
  const latin = text.match(LATIN_LETTER)?.length ?? 0;
  if (arabic > 0 && arabic >= latin * 0.5) return { lang: 'ar', arabizi: false };
  if (latin === 0) return { lang: arabic > 0 ? 'ar' : 'other', arabizi: false };
  const tokens = text
    .toLowerCase()
    .split(/[^a-z0-9']+/)
    .filter(Boolean);
  const letterWords = tokens.filter((t) => /[a-z]/.test(t));
  const arabiziHits = letterWords.filter((t) => ARABIZI_WORD.test(t) || ARABIZI_VOCAB.has(t)).length;
  // One marker in a short comment is enough ("el delivery et2a5ar"); longer texts need a share.
  if (arabiziHits >= 2 || (arabiziHits === 1 && letterWords.length <= 6) || arabiziHits / letterWords.length >= 0.2) {
    return { lang: 'ar', arabizi: true };
  }
  if (arabic > 0) return { lang: 'ar', arabizi: false };
  return { lang: 'en', arabizi: false };
}
