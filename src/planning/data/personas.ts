/**
 * The consumer life stages' bilingual profile (goals, pains, content, messaging, keywords) behind
 * the offline persona. Data only: which one a segment gets, and the name, age, gender, channels
 * and objections, come from its words (persona-traits.ts, read by ../persona-profile.ts).
 */
import type { L10n } from '../../core/i18n.js';

export interface Archetype {
  id: string;
  goals: readonly L10n[];
  pains: readonly L10n[];
  content: readonly L10n[];
  messaging: readonly L10n[];
  keywords: L10n;
}

/** By id, as LIFE_STAGES (persona-traits.ts) name them. */
export const ARCHETYPES: readonly Archetype[] = [
  {
    id: 'student',
    goals: [
      { en: 'Look good and fit in', ar: 'الظهور بمظهر جيد والانتماء' },
      { en: 'Get more for less money', ar: 'الحصول على أكثر بمال أقل' },
    ],
    pains: [
      { en: 'Small budget', ar: 'ميزانية صغيرة' },
      { en: 'Too many ads, little trust', ar: 'إعلانات كثيرة وثقة قليلة' },
    ],
    content: [
      { en: 'Short vertical videos', ar: 'مقاطع فيديو عمودية قصيرة' },
      { en: 'Creator reviews and memes', ar: 'مراجعات صنّاع المحتوى والمحتوى الطريف' },
    ],
    messaging: [
      { en: 'Be casual and honest', ar: 'كن بسيطًا وصادقًا' },
      { en: 'Student discount up front', ar: 'اذكر خصم الطلاب من البداية' },
    ],
    keywords: { en: 'cheap, student discount, trending', ar: 'سعر مناسب، خصم الطلاب، رائج' },
  },
  {
    id: 'parent',
    goals: [
      { en: 'Keep the family healthy and happy', ar: 'الحفاظ على صحة العائلة وسعادتها' },
      { en: 'Save time on daily chores', ar: 'توفير الوقت في المهام اليومية' },
    ],
    pains: [
      { en: 'Never enough time', ar: 'الوقت لا يكفي أبدًا' },
      { en: 'Worried about safety and quality', ar: 'القلق بشأن السلامة والجودة' },
    ],
    content: [
      { en: 'Reviews from other parents', ar: 'تجارب أولياء أمور آخرين' },
      { en: 'Quick practical tips', ar: 'نصائح عملية سريعة' },
    ],
    messaging: [
      { en: 'Lead with safety and convenience', ar: 'ابدأ بالأمان والراحة' },
      { en: 'Show real families', ar: 'اعرض عائلات حقيقية' },
    ],
    keywords: { en: 'family, safe, easy, time-saving', ar: 'العائلة، آمن، سهل، يوفر الوقت' },
  },
  {
    id: 'professional',
    goals: [
      { en: 'Advance in their career', ar: 'التقدم في المسار المهني' },
      { en: 'Balance work and personal life', ar: 'التوازن بين العمل والحياة' },
    ],
    pains: [
      { en: 'Long days and little energy', ar: 'أيام طويلة وطاقة قليلة' },
      { en: 'Too many choices to compare', ar: 'خيارات كثيرة يصعب مقارنتها' },
    ],
    content: [
      { en: 'Comparisons and reviews', ar: 'مقارنات ومراجعات' },
      { en: 'Short how-to videos', ar: 'فيديوهات شرح قصيرة' },
    ],
    messaging: [
      { en: 'Respect their time: get to the point', ar: 'احترم وقتهم: ادخل في الموضوع مباشرة' },
      { en: 'Quality that lasts', ar: 'جودة تدوم' },
    ],
    keywords: { en: 'best, review, quick, premium', ar: 'الأفضل، مراجعة، سريع، فاخر' },
  },
  {
    id: 'shopper',
    goals: [
      { en: 'Get good value', ar: 'الحصول على قيمة جيدة' },
      { en: 'Buy with confidence', ar: 'الشراء بثقة' },
    ],
    pains: [
      { en: 'Hard to tell good products from bad', ar: 'صعوبة التمييز بين المنتج الجيد والرديء' },
      { en: 'Hidden costs and slow delivery', ar: 'تكاليف خفية وتوصيل بطيء' },
    ],
    content: [
      { en: 'Customer reviews and ratings', ar: 'تقييمات العملاء ومراجعاتهم' },
      { en: 'Offers and bundles', ar: 'العروض والباقات' },
    ],
    messaging: [
      { en: 'Social proof and easy returns', ar: 'آراء العملاء وسهولة الإرجاع' },
      { en: 'A clear price and a clear benefit', ar: 'سعر واضح وفائدة واضحة' },
    ],
    keywords: { en: 'deal, reviews, free delivery', ar: 'عرض، تقييمات، توصيل مجاني' },
  },
];
