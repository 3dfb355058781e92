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
// A digit for an Arabic letter: inside a word ("et2a5ar", "ba7ebak"), before two letters or more
// ("3la", "7elw", "2ahwa"), or after a vowel at the end ("ma3", "sa7", "la2"). Not ordinals, units and
// model numbers ("2nd", "5pm", "30s", "9k", "R2", "h265").
const ARABIZI_WORD = /^(?:[a-z]*[a-z][2356789]+[a-z][a-z0-9]*|[2356789][a-z]{2,}[a-z0-9]*|[a-z]*[aeiou][2356789])$/;
const NOT_ARABIZI =
  /^\d+(?:st|nd|rd|th|s|k|m|pm|am|g|gb|mb|d|x|h|hrs?|mins?|kg|km|cm|mm|ml|p|v|b|ft|in|gal|grams?|lbs?|oz|mph|kph|ds|yo|yrs?|hp|fps|gen)$/;
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
  // Maghrebi (Darija, Algerian), written without digits as often as with them.
  'dyal',
  'dial',
  'diali',
  'dyali',
  'dialna',
  'dyalna',
  'dyalkom',
  'dyalkoum',
  'dyalhom',
  'dyalek',
  'dyalk',
  'makla',
  'bzaf',
  'bezaf',
  'bzzaf',
  'mzyan',
  'mezyan',
  'mzyana',
  'mezyana',
  'zwin',
  'zwina',
  'hadchi',
  'dakchi',
  'walo',
  'wach',
  'chno',
  'chnu',
  'achno',
  'kayn',
  'kayna',
  'kaynin',
  'daba',
  'ghir',
  'machi',
  'bghit',
  'bghina',
  'khoya',
  'khouya',
  'khti',
  'khassna',
  'khasni',
  'wlah',
  'wellah',
  'walah',
  'rah',
  'rani',
  'raki',
  'hna',
  'hnaya',
  'nta',
  'nti',
  'ntoma',
  'hadi',
  'hada',
  'hadak',
  'hadik',
  'lli',
  'kifach',
  'kifash',
  'kolchi',
  'safi',
  'iwa',
  'nchallah',
  'inchallah',
  'hamdoulah',
  'hamdullah',
  'hamdolah',
  'bslama',
  'sahbi',
  'khayb',
  'khayba',
  'mskin',
  'meskin',
  'ghadi',
  'wakha',
  'bhal',
  'chkoun',
  'chkon',
  'mnin',
  'walakin',
  'tani',
  'kima',
  'wesh',
  'barcha',
  'yesser',
  'mlih',
  'mli7',
  'kho',
  'bnadem',
  'chi',
  'hiya',
  'hya',
  'hdi',
  'dik',
  'dak',
  'lach',
  'fach',
  'kolha',
  'kolhom',
  'lik',
  'lih',
  'liya',
  'mazal',
  'khass',
  'diri',
  'chafti',
  'hta',
  'walakin',
  'momkin',
  'bghit',
  'dima',
  'bzf',
  // Egyptian and Levantine.
  'kwayes',
  'kwayyes',
  'kwayesa',
  'gamed',
  'gedan',
  'awi',
  'awy',
  'keteer',
  'ktiir',
  'mafeesh',
  'ba2a',
  'zay',
  'ezzay',
  'delwa2ty',
  'dlw2ty',
  'elly',
  'elli',
  'lessa',
  'khales',
  'bta3',
  'bta3et',
  'feen',
  'fen',
  'emta',
  'leih',
  'ahla',
  'kteer',
  'shi',
  'hayda',
  'hek',
  'heik',
  'mish',
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
  // A digit inside a longer word with a vowel ("ta3ni", "et2a5ar") is a strong marker; other digit
  // words ("3la", "ma3") and words of the vocabulary count only in a short comment or with others.
  const digitWords = letterWords.filter((t) => ARABIZI_WORD.test(t) && !NOT_ARABIZI.test(t) && /[aeiouy]/.test(t));
  const strong = digitWords.filter((t) => t.length >= 4 && /[a-z][2356789]+[a-z]/.test(t));
  const arabiziHits = digitWords.length + letterWords.filter((t) => ARABIZI_VOCAB.has(t) || /^h{4,}$/.test(t)).length;
  if (
    strong.length > 0 ||
    arabiziHits >= 2 ||
    (arabiziHits === 1 && letterWords.length <= 6) ||
    arabiziHits / letterWords.length >= 0.2
  ) {
    return { lang: 'ar', arabizi: true };
  }
  if (arabic > 0) return { lang: 'ar', arabizi: false };
  return { lang: 'en', arabizi: false };
}
