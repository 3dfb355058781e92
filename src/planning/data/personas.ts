/**
 * The persona archetypes behind the offline persona generator: the words that point to each one
 * and its bilingual profile (role, demographics, goals, pains, objections, channels, content,
 * messaging, keywords), and the first names given to personas. Data only: the matching and the
 * building of a persona are in ../personas.ts.
 */
import type { L10n, Locale } from '../../core/i18n.js';
import type { Channel } from './catalog.js';

export interface Archetype {
  id: string;
  /** Lower-case words (English and Arabic) that point to this archetype. */
  words: readonly string[];
  role: L10n;
  demographics: L10n;
  goals: readonly L10n[];
  pains: readonly L10n[];
  objections: readonly L10n[];
  channels: readonly Channel[];
  content: readonly L10n[];
  messaging: readonly L10n[];
  keywords: L10n;
}

/**
 * Matched on the words of a segment description (the one with most words in common wins); the
 * last one, the everyday shopper, is the fallback when none match, so it stays last.
 */
export const ARCHETYPES: readonly Archetype[] = [
  {
    id: 'founder',
    words: [
      'founder',
      'founders',
      'owner',
      'owners',
      'startup',
      'startups',
      'smb',
      'entrepreneur',
      'entrepreneurs',
      'مؤسس',
      'مؤسسي',
      'رواد',
      'أصحاب',
      'ناشئة',
    ],
    role: { en: 'the founder', ar: 'رائدة الأعمال' },
    demographics: {
      en: '30-45, runs a business of 2-50 people, decides and pays',
      ar: 'من ٣٠ إلى ٤٥ عامًا، تدير شركة من ٢ إلى ٥٠ موظفًا وتتخذ قرار الشراء',
    },
    goals: [
      { en: 'Grow revenue without hiring', ar: 'زيادة الإيرادات دون توظيف إضافي' },
      { en: 'Save hours every week', ar: 'توفير ساعات كل أسبوع' },
    ],
    pains: [
      { en: 'Too many tools, too little time', ar: 'أدوات كثيرة ووقت قليل' },
      { en: 'Cash flow is tight', ar: 'السيولة محدودة' },
    ],
    objections: [
      { en: 'Will it pay for itself this quarter?', ar: 'هل سيغطي تكلفته هذا الربع؟' },
      { en: 'Switching takes time I do not have', ar: 'الانتقال يحتاج وقتًا لا أملكه' },
    ],
    channels: ['linkedin', 'search', 'email', 'webinars'],
    content: [
      { en: 'Short case studies with numbers', ar: 'دراسات حالة قصيرة بالأرقام' },
      { en: 'Checklists and templates', ar: 'قوائم مرجعية ونماذج جاهزة' },
    ],
    messaging: [
      { en: 'Lead with time and money saved', ar: 'ابدأ بالوقت والمال الموفَّر' },
      { en: 'Show a result in the first week', ar: 'أظهر نتيجة في الأسبوع الأول' },
    ],
    keywords: { en: 'small business, save time, grow sales', ar: 'شركات صغيرة، توفير الوقت، زيادة المبيعات' },
  },
  {
    id: 'marketer',
    words: [
      'marketing',
      'marketer',
      'marketers',
      'manager',
      'managers',
      'team',
      'teams',
      'b2b',
      'companies',
      'enterprise',
      'مدير',
      'مديري',
      'تسويق',
      'التسويق',
      'فرق',
      'شركات',
    ],
    role: { en: 'the team lead', ar: 'قائدة الفريق' },
    demographics: {
      en: '28-45, manages a team in a mid-size company, reports to leadership',
      ar: 'من ٢٨ إلى ٤٥ عامًا، تدير فريقًا في شركة متوسطة وترفع التقارير للإدارة',
    },
    goals: [
      { en: 'Hit the quarterly targets', ar: 'تحقيق أهداف الربع' },
      { en: 'Prove results to leadership', ar: 'إثبات النتائج أمام الإدارة' },
    ],
    pains: [
      { en: 'Reporting takes too long', ar: 'إعداد التقارير يستغرق وقتًا طويلًا' },
      { en: 'Budget must be justified', ar: 'يجب تبرير كل ميزانية' },
    ],
    objections: [
      { en: 'Does it integrate with our stack?', ar: 'هل يتكامل مع أدواتنا الحالية؟' },
      { en: 'Security and approval process', ar: 'الأمان وإجراءات الموافقة' },
    ],
    channels: ['linkedin', 'content_seo', 'webinars', 'email'],
    content: [
      { en: 'Benchmark reports', ar: 'تقارير مقارنة معيارية' },
      { en: 'Webinars with peers', ar: 'ندوات مع نظراء المهنة' },
    ],
    messaging: [
      { en: 'Make them look good to their boss', ar: 'ساعدهم على الظهور بمظهر جيد أمام الإدارة' },
      { en: 'Speak in outcomes and KPIs', ar: 'تحدث بلغة النتائج ومؤشرات الأداء' },
    ],
    keywords: { en: 'ROI, reporting, team productivity', ar: 'العائد، التقارير، إنتاجية الفريق' },
  },
  {
    id: 'student',
    words: [
      'student',
      'students',
      'gen',
      'genz',
      'youth',
      'young',
      'teens',
      'university',
      'college',
      'طلاب',
      'الطلاب',
      'طالب',
      'شباب',
      'الشباب',
      'جامعة',
      'الجامعة',
    ],
    role: { en: 'the student', ar: 'الطالبة' },
    demographics: {
      en: '18-25, studying or in a first job, mobile-first, price-sensitive',
      ar: 'من ١٨ إلى ٢٥ عامًا، تدرس أو في أول وظيفة، تعتمد على الجوال وتهتم بالسعر',
    },
    goals: [
      { en: 'Look good and fit in', ar: 'الظهور بمظهر جيد والانتماء' },
      { en: 'Get more for less money', ar: 'الحصول على أكثر بمال أقل' },
    ],
    pains: [
      { en: 'Small budget', ar: 'ميزانية صغيرة' },
      { en: 'Too many ads, little trust', ar: 'إعلانات كثيرة وثقة قليلة' },
    ],
    objections: [
      { en: 'Is it worth it, or just hype?', ar: 'هل يستحق أم أنه مجرد ضجة؟' },
      { en: 'My friends do not use it', ar: 'أصدقائي لا يستخدمونه' },
    ],
    channels: ['social_organic', 'influencers', 'video', 'social_ads'],
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
    words: [
      'parent',
      'parents',
      'mother',
      'mothers',
      'moms',
      'mums',
      'dads',
      'family',
      'families',
      'kids',
      'children',
      'أمهات',
      'الأمهات',
      'أم',
      'آباء',
      'الآباء',
      'عائلات',
      'العائلات',
      'أطفال',
      'الأطفال',
    ],
    role: { en: 'the busy parent', ar: 'الأم المشغولة' },
    demographics: {
      en: '28-45, has children at home, plans the household budget',
      ar: 'من ٢٨ إلى ٤٥ عامًا، لديها أطفال في المنزل وتخطط لميزانية البيت',
    },
    goals: [
      { en: 'Keep the family healthy and happy', ar: 'الحفاظ على صحة العائلة وسعادتها' },
      { en: 'Save time on daily chores', ar: 'توفير الوقت في المهام اليومية' },
    ],
    pains: [
      { en: 'Never enough time', ar: 'الوقت لا يكفي أبدًا' },
      { en: 'Worried about safety and quality', ar: 'القلق بشأن السلامة والجودة' },
    ],
    objections: [
      { en: 'Is it safe for my children?', ar: 'هل هو آمن لأطفالي؟' },
      { en: 'Other parents have not tried it', ar: 'لم يجربه أولياء أمور آخرون' },
    ],
    channels: ['social_organic', 'influencers', 'email', 'search'],
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
    words: [
      'professional',
      'professionals',
      'employees',
      'workers',
      'office',
      'commuters',
      'developers',
      'engineers',
      'doctors',
      'موظفين',
      'الموظفين',
      'موظفون',
      'مهنيين',
      'المهنيين',
      'مهندسين',
      'أطباء',
    ],
    role: { en: 'the professional', ar: 'الموظفة المحترفة' },
    demographics: {
      en: '25-40, works full time in a city, earns a steady income',
      ar: 'من ٢٥ إلى ٤٠ عامًا، تعمل بدوام كامل في مدينة ولها دخل ثابت',
    },
    goals: [
      { en: 'Advance in their career', ar: 'التقدم في المسار المهني' },
      { en: 'Balance work and personal life', ar: 'التوازن بين العمل والحياة' },
    ],
    pains: [
      { en: 'Long days and little energy', ar: 'أيام طويلة وطاقة قليلة' },
      { en: 'Too many choices to compare', ar: 'خيارات كثيرة يصعب مقارنتها' },
    ],
    objections: [
      { en: 'I do not have time to learn something new', ar: 'ليس لدي وقت لتعلم شيء جديد' },
      { en: 'Cheaper alternatives exist', ar: 'توجد بدائل أرخص' },
    ],
    channels: ['search', 'social_ads', 'email', 'linkedin'],
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
    words: [],
    role: { en: 'the everyday shopper', ar: 'المتسوقة اليومية' },
    demographics: {
      en: '25-55, buys online and in store, compares before buying',
      ar: 'من ٢٥ إلى ٥٥ عامًا، تشتري عبر الإنترنت ومن المتاجر وتقارن قبل الشراء',
    },
    goals: [
      { en: 'Get good value', ar: 'الحصول على قيمة جيدة' },
      { en: 'Buy with confidence', ar: 'الشراء بثقة' },
    ],
    pains: [
      { en: 'Hard to tell good products from bad', ar: 'صعوبة التمييز بين المنتج الجيد والرديء' },
      { en: 'Hidden costs and slow delivery', ar: 'تكاليف خفية وتوصيل بطيء' },
    ],
    objections: [
      { en: 'Can I return it?', ar: 'هل يمكنني الإرجاع؟' },
      { en: 'I have not heard of this brand', ar: 'لم أسمع بهذه العلامة من قبل' },
    ],
    channels: ['social_ads', 'search', 'social_organic', 'email'],
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

/** First names the offline persona picks from (by a hash of the segment and the seed). */
export const NAMES: Readonly<Record<Locale, readonly string[]>> = {
  en: ['Sara', 'Maya', 'Lina', 'Nora', 'Dana', 'Hana', 'Rana', 'Leila'],
  ar: ['سارة', 'مايا', 'لينا', 'نورة', 'دانة', 'هناء', 'رنا', 'ليلى'],
};
