/**
 * Times typed in Arabic (MSA and the Gulf, Levantine and Egyptian words people type most), turned into
 * the English phrase the date parser reads: «غدًا 9 صباحًا» -> "tomorrow 9 am", «بعد ساعتين» ->
 * "in 2 hours", «الخميس القادم الساعة 10» -> "next thursday at 10". The parsed time is always shown
 * back in the confirmation, so a reading the person did not mean is seen before it is published.
 * Text with Arabic left over after the known words is returned as it is, and refused as unreadable.
 */

const DIACRITICS = /[\u064b-\u0652\u0640]/g; // tanween, short vowels, shadda, sukun, tatweel

export type Prayer = 'fajr' | 'dhuhr' | 'asr' | 'maghrib' | 'isha';

/**
 * The hour taken for «بعد/عند» each prayer, the same all year and in every city: a little after the
 * prayer as it falls in the Gulf, the Levant and Egypt for most of the year (maghrib, at sunset, is
 * 17:00-20:00 there). Real prayer times move with the season and the place, so a time read this way
 * is an approximation, and the confirmation says so with the time taken (docs/arabic.md).
 */
const PRAYERS: ReadonlyArray<{ re: RegExp; prayer: Prayer; hour: number }> = [
  { re: /الفجر/, prayer: 'fajr', hour: 6 },
  { re: /الظهر/, prayer: 'dhuhr', hour: 13 },
  { re: /العصر/, prayer: 'asr', hour: 16 },
  { re: /المغرب/, prayer: 'maghrib', hour: 19 },
  { re: /العشاء/, prayer: 'isha', hour: 21 },
];

/** «بعد المغرب», «عند صلاة العصر»: a prayer named as a time of day (not «بعد الظهر 3», an hour). */
const prayerPhrase = (re: RegExp) => new RegExp(`(?:بعد|عند)\\s+(?:صلا[ةه]\\s+)?(?:${re.source})(?!\\s*\\d)`);

/** The prayer a time was given by, with the words used and the hour taken for it. */
export function prayerTimeIn(input: string): { prayer: Prayer; phrase: string; hour: number } | undefined {
  const s = input.replace(DIACRITICS, '').replace(/\s+/g, ' ');
  for (const p of PRAYERS) {
    const found = prayerPhrase(p.re).exec(s);
    if (found) return { prayer: p.prayer, phrase: found[0], hour: p.hour };
  }
  return undefined;
}

const englishHour = (hour: number) => `${hour % 12 || 12}${hour < 12 ? 'am' : 'pm'}`;

const WEEKDAYS: Array<[RegExp, string]> = [
  [/(?<=\s)(?:يوم\s+)?(?:ال)?(?:احد|أحد)/g, 'sunday'],
  [/(?<=\s)(?:يوم\s+)?(?:ال)?(?:اثنين|إثنين|اتنين)/g, 'monday'],
  [/(?<=\s)(?:يوم\s+)?(?:ال)?(?:ثلاثاء|ثلاثا|تلات)/g, 'tuesday'],
  [/(?<=\s)(?:يوم\s+)?(?:ال)?(?:اربعاء|أربعاء|اربع)/g, 'wednesday'],
  [/(?<=\s)(?:يوم\s+)?(?:ال)?خميس/g, 'thursday'],
  [/(?<=\s)(?:يوم\s+)?(?:ال)?جمع[ةه]/g, 'friday'],
  [/(?<=\s)(?:يوم\s+)?(?:ال)?سبت/g, 'saturday'],
];

const UNITS: Array<[RegExp, string]> = [
  [/ساعات|ساع[ةه]/, 'hours'],
  [/دقائق|دقيق[ةه]|دقايق/, 'minutes'],
  [/أيام|ايام|يوم/, 'days'],
  [/أسابيع|اسابيع|أسبوع|اسبوع/, 'weeks'],
];

const DUALS: Array<[RegExp, string]> = [
  [/ساعتين|ساعتان/, 'in 2 hours'],
  [/دقيقتين|دقيقتان/, 'in 2 minutes'],
  [/يومين|يومان/, 'in 2 days'],
  [/أسبوعين|اسبوعين/, 'in 2 weeks'],
];

const ARABIC_LETTER = /[\u0621-\u064a]/;

/** The English phrase for an Arabic time, or the text unchanged when it has no Arabic in it. */
export function arabicTimeToEnglish(input: string): string {
  if (!ARABIC_LETTER.test(input)) return input;
  let s = ` ${input.replace(DIACRITICS, '').replace(/\s+/g, ' ').trim()} `;
  const sub = (re: RegExp, to: string) => {
    s = s.replace(new RegExp(re.source, 'g'), ` ${to} `);
  };
  sub(/بعد\s+(?:بكر[ةه]|الغد|غد)/, 'the day after tomorrow');
  // Prayer times name a part of the day, not a clock time, and move with the seasons: a fixed hour
  // near them all year is an approximation, which the confirmation shows back to be corrected.
  // «بعد الظهر 3» is three in the afternoon, not a prayer time: an hour after it keeps that reading.
  for (const p of PRAYERS) sub(prayerPhrase(p.re), englishHour(p.hour));
  sub(/بعد\s+الظهر|العصر/, 'pm');
  sub(/بعد\s+(?:نص|نصف)\s+ساع[ةه]/, 'in 30 minutes');
  sub(/بعد\s+ربع\s+ساع[ةه]/, 'in 15 minutes');
  for (const [re, to] of DUALS) sub(new RegExp(`بعد\\s+(?:${re.source})`), to);
  for (const [re, unit] of UNITS) {
    s = s.replace(new RegExp(`بعد\\s+(\\d+)\\s+(?:${re.source})`, 'g'), ` in $1 ${unit} `);
    s = s.replace(new RegExp(`بعد\\s+(?:${re.source})(?:\\s+واحد[ةه]?)?`, 'g'), ` in 1 ${unit.replace(/s$/, '')} `);
  }
  sub(/غدا|بكر[ةه]|باكر/, 'tomorrow');
  sub(/اليوم/, 'today');
  sub(/الليل[ةه]/, 'tonight');
  for (const [re, day] of WEEKDAYS) {
    s = s.replace(new RegExp(`${re.source}\\s+(?:القادم|الجاي|المقبل|الجاي[ةه])`, 'g'), ` next ${day} `);
    s = s.replace(re, ` ${day} `);
  }
  sub(/الساع[ةه]|ساع[ةه]/, 'at');
  sub(/الظهر|ظهرا/, 'noon');
  sub(/صباحا|صباح|الصبح|الفجر|(?<=\s)ص(?=\s)/, 'am');
  sub(/مساءا|مساء|المسا|بالليل|ليلا|(?<=\s)م(?=\s)/, 'pm');
  s = s.replace(/\s+و\s+/g, ' ');
  // «بعد الظهر 3» reads "pm 3": the hour goes first.
  s = s.replace(/\b(am|pm)\s+(\d{1,2}(?::\d{2})?)\b/g, '$2 $1');
  const out = s.replace(/\s+/g, ' ').trim();
  return ARABIC_LETTER.test(out) ? input : out;
}
