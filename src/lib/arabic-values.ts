/**
 * Option values typed in Arabic: the words people use for a goal, a network, a tone, a weekday or a
 * role, mapped to the value the command takes (`goal:وعي` is `goal:awareness`). A word stands for a
 * value only where that value is one of the option's choices, so «بريد» is email in /plan and
 * Mailchimp in /schedule. Keys are in normalised spelling (`normalizeArabic`).
 */
const WORDS: Record<string, readonly string[]> = {
  // goals
  وعي: ['awareness'],
  'الوعي بالعلامه': ['awareness'],
  انتشار: ['awareness'],
  'عملاء محتملين': ['leads'],
  'عملاء محتملون': ['leads'],
  ليدز: ['leads'],
  مبيعات: ['sales'],
  بيع: ['sales'],
  تفاعل: ['engagement'],
  احتفاظ: ['retention'],
  ولاء: ['retention'],
  // networks and channels
  انستقرام: ['instagram'],
  انستغرام: ['instagram'],
  انستا: ['instagram'],
  فيسبوك: ['facebook'],
  'فيس بوك': ['facebook'],
  فيس: ['facebook'],
  يوتيوب: ['youtube', 'video'],
  ميلشيمب: ['mailchimp'],
  بريد: ['email', 'mailchimp'],
  'البريد الالكتروني': ['email', 'mailchimp'],
  ايميل: ['email', 'mailchimp'],
  تذكير: ['reminder'],
  بحث: ['search'],
  'اعلانات البحث': ['search'],
  'اعلانات التواصل': ['social_ads'],
  فيديو: ['video'],
  مؤثرين: ['influencers'],
  لينكدان: ['linkedin'],
  'لينكد ان': ['linkedin'],
  ويبينار: ['webinars'],
  ندوات: ['webinars'],
  احاله: ['referral'],
  // tones
  ودي: ['friendly'],
  ودود: ['friendly'],
  رسمي: ['formal', 'professional'],
  احترافي: ['professional', 'formal'],
  مرح: ['playful'],
  عاجل: ['urgent'],
  ملهم: ['inspirational'],
  تحفيزي: ['inspirational'],
  // weekdays
  الاحد: ['sunday'],
  الاثنين: ['monday'],
  الثلاثاء: ['tuesday'],
  الاربعاء: ['wednesday'],
  الخميس: ['thursday'],
  الجمعه: ['friday'],
  السبت: ['saturday'],
  // roles and languages
  مشرف: ['admin'],
  مدير: ['manager'],
  'مدير تواصل': ['social'],
  عضو: ['member'],
  عربي: ['ar', 'arabic'],
  العربيه: ['ar', 'arabic'],
  // digit styles (/config digits): «عربية» for ٠١٢٣, «لاتينية» or «غربية» for 0123
  عربيه: ['arabic'],
  هنديه: ['arabic'],
  لاتينيه: ['latin'],
  غربيه: ['latin'],
  انجليزي: ['en'],
  الانجليزيه: ['en'],
};

// A Map, not the object: a typed word such as "constructor" must not find Object's own properties.
const ALIASES = new Map(Object.entries(WORDS));

/** Hamza forms, taa marbuta and alif maqsura folded, diacritics and tatweel removed, spaces single. */
export function normalizeArabic(text: string): string {
  return text
    .replace(/[\u064b-\u0652\u0640]/g, '')
    .replace(/[أإآ]/g, 'ا')
    .replace(/ة/g, 'ه')
    .replace(/ى/g, 'ي')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The choice an Arabic word stands for among `choices` («وعي», «الوعي», «انستقرام»), or undefined. */
export function arabicChoice(typed: string, choices: readonly string[]): string | undefined {
  const key = normalizeArabic(typed);
  const targets = ALIASES.get(key) ?? (key.startsWith('ال') ? ALIASES.get(key.slice(2)) : undefined);
  return targets?.find((t) => choices.includes(t));
}
