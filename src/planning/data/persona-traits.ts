/**
 * What the offline persona reads from a segment's words (English and Arabic): gender, life stage
 * and age, a job role and its seniority, company size, and the product category; and what each
 * implies (job titles and objections for business buyers, channels and objections per consumer
 * category). Data only: ../persona-profile.ts reads it. Arabic labels come in both genders, so the
 * persona's title agrees with the person it describes.
 */
import type { L10n, Locale } from '../../core/i18n.js';
import type { Channel } from './catalog.js';

export type Gender = 'm' | 'f';
export type Gendered = Record<Gender, L10n>;

export const GENDER_WORDS: Readonly<Record<Gender, readonly string[]>> = {
  m: [
    'men',
    'man',
    'fathers',
    'father',
    'dads',
    'dad',
    'husbands',
    'brothers',
    'sons',
    'guys',
    'boys',
    'gentlemen',
    'آباء',
    'الآباء',
    'أب',
    'الأب',
    'رجال',
    'الرجال',
    'أزواج',
    'الأزواج',
    'شبان',
  ],
  f: [
    'women',
    'woman',
    'mothers',
    'mother',
    'moms',
    'mums',
    'mom',
    'mum',
    'wives',
    'sisters',
    'daughters',
    'girls',
    'ladies',
    'أمهات',
    'الأمهات',
    'أم',
    'الأم',
    'نساء',
    'النساء',
    'سيدات',
    'السيدات',
    'فتيات',
    'الفتيات',
    'زوجات',
    'طالبات',
    'الطالبات',
    'موظفات',
    'مديرات',
  ],
};

/** First names by gender (picked by a hash of the segment and the seed). */
export const FIRST_NAMES: Readonly<Record<Gender, Readonly<Record<Locale, readonly string[]>>>> = {
  m: {
    en: ['Omar', 'Khalid', 'Yousef', 'Faisal', 'Karim', 'Sami', 'Tariq', 'Adam'],
    ar: ['عمر', 'خالد', 'يوسف', 'فيصل', 'كريم', 'سامي', 'طارق', 'آدم'],
  },
  f: {
    en: ['Sara', 'Maya', 'Lina', 'Nora', 'Dana', 'Hana', 'Rana', 'Leila'],
    ar: ['سارة', 'مايا', 'لينا', 'نورة', 'دانة', 'هناء', 'رنا', 'ليلى'],
  },
};

export interface LifeStage {
  /** ARCHETYPES id whose goals, pains, content and messaging it uses. */
  archetype: string;
  words: readonly string[];
  /** Years, as [from, to]; to 0 means "and over". */
  age: readonly [number, number];
  role: Gendered;
}

/** Consumers' life stages, most specific first; the last is the fallback. */
export const LIFE_STAGES: readonly LifeStage[] = [
  {
    archetype: 'parent',
    words: [
      'parents',
      'parent',
      'fathers',
      'father',
      'dads',
      'mothers',
      'mother',
      'moms',
      'mums',
      'families',
      'family',
      'kids',
      'children',
      'آباء',
      'الآباء',
      'أمهات',
      'الأمهات',
      'أم',
      'أب',
      'عائلات',
      'العائلات',
      'أطفال',
      'الأطفال',
      'أولياء',
    ],
    age: [28, 45],
    role: {
      m: { en: 'the busy father', ar: 'الأب المشغول' },
      f: { en: 'the busy mother', ar: 'الأم المشغولة' },
    },
  },
  {
    archetype: 'student',
    words: [
      'students',
      'student',
      'university',
      'college',
      'undergraduates',
      'طلاب',
      'الطلاب',
      'طالب',
      'طالبات',
      'الطالبات',
      'جامعة',
      'الجامعة',
      'الجامعات',
    ],
    age: [18, 24],
    role: { m: { en: 'the student', ar: 'الطالب' }, f: { en: 'the student', ar: 'الطالبة' } },
  },
  {
    archetype: 'shopper',
    words: ['retirees', 'retired', 'seniors', 'elderly', 'pensioners', 'متقاعدين', 'المتقاعدين', 'المسنين', 'كبار'],
    age: [60, 0],
    role: { m: { en: 'the retiree', ar: 'المتقاعد' }, f: { en: 'the retiree', ar: 'المتقاعدة' } },
  },
  {
    archetype: 'professional',
    words: [
      'professionals',
      'professional',
      'employees',
      'workers',
      'commuters',
      'doctors',
      'engineers',
      'nurses',
      'موظفين',
      'الموظفين',
      'موظفون',
      'موظفات',
      'مهنيين',
      'المهنيين',
      'مهندسين',
      'أطباء',
      'ممرضات',
    ],
    age: [25, 40],
    role: {
      m: { en: 'the working professional', ar: 'الموظف المحترف' },
      f: { en: 'the working professional', ar: 'الموظفة المحترفة' },
    },
  },
  {
    archetype: 'shopper',
    words: [],
    age: [25, 55],
    role: {
      m: { en: 'the everyday shopper', ar: 'المتسوق اليومي' },
      f: { en: 'the everyday shopper', ar: 'المتسوقة اليومية' },
    },
  },
];

/** "young mothers": the life stage's ages moved younger. */
export const YOUNG_WORDS: readonly string[] = [
  'young',
  'youth',
  'gen',
  'genz',
  'new',
  'شباب',
  'الشباب',
  'الشابات',
  'شابات',
  'الجدد',
  'الجديدات',
  'حديثي',
  'حديثات',
];

export type BuyingRole = 'decision' | 'champion' | 'user';

export interface JobRole {
  id: string;
  /** Words of the role; every word of one entry must appear ("human resources" = both words). */
  words: readonly (readonly string[])[];
  title: Gendered;
  /** The systems a new purchase must work with, for the integration objection. */
  systems: L10n;
  goals: readonly L10n[];
  pains: readonly L10n[];
  /** Who decides on its own (founders, owners) rather than through a manager. */
  decides?: boolean;
}

export const JOB_ROLES: readonly JobRole[] = [
  {
    id: 'hr',
    words: [['hr'], ['human', 'resources'], ['people', 'ops'], ['الموارد', 'البشرية'], ['موارد', 'بشرية']],
    title: {
      m: { en: 'the HR manager', ar: 'مدير الموارد البشرية' },
      f: { en: 'the HR manager', ar: 'مديرة الموارد البشرية' },
    },
    systems: {
      en: 'the payroll, attendance and government portals we use',
      ar: 'أنظمة الرواتب والحضور والمنصات الحكومية التي نستخدمها',
    },
    goals: [
      { en: 'Pay everyone correctly and on time', ar: 'صرف الرواتب بدقة وفي موعدها' },
      { en: 'Spend less time on paperwork and more on people', ar: 'وقت أقل في الأوراق ووقت أكثر للموظفين' },
    ],
    pains: [
      { en: 'Manual errors in payroll and leave balances', ar: 'أخطاء يدوية في الرواتب وأرصدة الإجازات' },
      { en: 'Keeping up with labour-law changes', ar: 'مواكبة تغييرات نظام العمل' },
    ],
  },
  {
    id: 'finance',
    words: [
      ['finance'],
      ['cfo'],
      ['cfos'],
      ['accountants'],
      ['accounting'],
      ['المالية'],
      ['المحاسبين'],
      ['محاسبين'],
      ['المحاسبة'],
    ],
    title: {
      m: { en: 'the finance manager', ar: 'المدير المالي' },
      f: { en: 'the finance manager', ar: 'المديرة المالية' },
    },
    systems: { en: 'our accounting system and bank', ar: 'نظام المحاسبة والبنك اللذين نتعامل معهما' },
    goals: [
      { en: 'Close the month faster', ar: 'إقفال الشهر بسرعة أكبر' },
      { en: 'See cash and costs in one place', ar: 'رؤية السيولة والتكاليف في مكان واحد' },
    ],
    pains: [
      { en: 'Spreadsheets that do not agree', ar: 'جداول بيانات لا تتطابق أرقامها' },
      { en: 'Audit and tax deadlines', ar: 'مواعيد التدقيق والضرائب' },
    ],
  },
  {
    id: 'marketing',
    words: [['marketing'], ['marketers'], ['cmo'], ['التسويق'], ['تسويق'], ['المسوقين']],
    title: {
      m: { en: 'the marketing manager', ar: 'مدير التسويق' },
      f: { en: 'the marketing manager', ar: 'مديرة التسويق' },
    },
    systems: {
      en: 'our CRM, ad accounts and analytics',
      ar: 'نظام إدارة العملاء وحسابات الإعلانات وأدوات التحليل لدينا',
    },
    goals: [
      { en: 'Hit the quarter’s pipeline target', ar: 'تحقيق مستهدف الفرص البيعية للربع' },
      { en: 'Prove what each channel returns', ar: 'إثبات عائد كل قناة' },
    ],
    pains: [
      { en: 'Reporting takes too long', ar: 'إعداد التقارير يستغرق وقتًا طويلًا' },
      { en: 'Every budget line must be justified', ar: 'كل بند في الميزانية يحتاج إلى تبرير' },
    ],
  },
  {
    id: 'it',
    words: [['it'], ['cto'], ['ctos'], ['cio'], ['developers'], ['تقنية', 'المعلومات'], ['المطورين']],
    title: {
      m: { en: 'the IT manager', ar: 'مدير تقنية المعلومات' },
      f: { en: 'the IT manager', ar: 'مديرة تقنية المعلومات' },
    },
    systems: {
      en: 'our sign-in, security rules and existing stack',
      ar: 'نظام الدخول وقواعد الأمان والأنظمة القائمة لدينا',
    },
    goals: [
      { en: 'Fewer tools, fewer tickets', ar: 'أدوات أقل وطلبات دعم أقل' },
      { en: 'Keep data secure and compliant', ar: 'حماية البيانات والالتزام بالأنظمة' },
    ],
    pains: [
      { en: 'Shadow tools bought without IT', ar: 'أدوات تُشترى دون علم قسم التقنية' },
      { en: 'Integrations that break on updates', ar: 'تكاملات تتعطل مع كل تحديث' },
    ],
  },
  {
    id: 'operations',
    words: [
      ['operations'],
      ['logistics'],
      ['procurement'],
      ['purchasing'],
      ['العمليات'],
      ['المشتريات'],
      ['الخدمات', 'اللوجستية'],
    ],
    title: {
      m: { en: 'the operations manager', ar: 'مدير العمليات' },
      f: { en: 'the operations manager', ar: 'مديرة العمليات' },
    },
    systems: { en: 'our ERP and suppliers’ systems', ar: 'نظام تخطيط الموارد وأنظمة الموردين' },
    goals: [
      { en: 'Deliver on time at a lower cost', ar: 'التسليم في الموعد بتكلفة أقل' },
      { en: 'Fewer surprises in the supply chain', ar: 'مفاجآت أقل في سلسلة الإمداد' },
    ],
    pains: [
      { en: 'Delays nobody sees coming', ar: 'تأخيرات لا يتوقعها أحد' },
      { en: 'Too much done by phone and email', ar: 'أعمال كثيرة تُدار بالهاتف والبريد' },
    ],
  },
  {
    id: 'founder',
    words: [
      ['founders'],
      ['founder'],
      ['owners'],
      ['entrepreneurs'],
      ['ceo'],
      ['ceos'],
      ['مؤسسي'],
      ['مؤسسو'],
      ['أصحاب'],
      ['رواد'],
      ['رائدات'],
    ],
    title: {
      m: { en: 'the founder', ar: 'المؤسس' },
      f: { en: 'the founder', ar: 'المؤسسة' },
    },
    systems: { en: 'the few tools the team already relies on', ar: 'الأدوات القليلة التي يعتمد عليها الفريق' },
    goals: [
      { en: 'Grow revenue without hiring', ar: 'زيادة الإيرادات دون توظيف إضافي' },
      { en: 'Save hours every week', ar: 'توفير ساعات كل أسبوع' },
    ],
    pains: [
      { en: 'Too many tools, too little time', ar: 'أدوات كثيرة ووقت قليل' },
      { en: 'Cash flow is tight', ar: 'السيولة محدودة' },
    ],
    decides: true,
  },
];

/** Seniority words: who signs, who recommends, who uses. */
export const SENIORITY: Readonly<Record<BuyingRole, readonly string[]>> = {
  decision: [
    'directors',
    'director',
    'head',
    'heads',
    'vp',
    'vps',
    'chief',
    'chiefs',
    'executives',
    'cfo',
    'cfos',
    'cto',
    'ctos',
    'cmo',
    'ceo',
    'ceos',
    'cio',
    'owners',
    'founders',
    'رؤساء',
    'الرؤساء',
    'التنفيذيين',
  ],
  champion: [
    'managers',
    'manager',
    'leads',
    'lead',
    'supervisors',
    'مدير',
    'مديرو',
    'مديري',
    'مديرات',
    'مشرفي',
    'مشرفو',
    'قادة',
  ],
  user: [
    'specialists',
    'officers',
    'staff',
    'coordinators',
    'analysts',
    'assistants',
    'accountants',
    'developers',
    'أخصائيي',
    'موظفي',
    'المحاسبين',
    'محللي',
  ],
};

export const BUYING_ROLE_LABELS: Readonly<Record<BuyingRole, L10n>> = {
  decision: { en: 'decision maker: owns the budget and signs', ar: 'صاحب القرار: الميزانية والتوقيع بيده' },
  champion: {
    en: 'champion: finds the solution and makes the case to the budget owner',
    ar: 'المرشِّح: يبحث عن الحل ويقنع صاحب الميزانية به',
  },
  user: { en: 'user and evaluator: tests it and reports on it', ar: 'المستخدم والمقيِّم: يجرّب الحل ويرفع رأيه فيه' },
};

export const COMPANY_SIZES: ReadonlyArray<{ words: readonly string[]; label: L10n }> = [
  {
    words: ['small', 'smb', 'smbs', 'smes', 'startups', 'startup', 'صغيرة', 'الصغيرة', 'ناشئة', 'الناشئة'],
    label: { en: '10-50 employees', ar: 'من \u206810\u2069 إلى \u206850\u2069 موظفًا' },
  },
  {
    words: ['mid', 'midsize', 'medium', 'متوسطة', 'المتوسطة'],
    label: { en: '50-500 employees', ar: 'من \u206850\u2069 إلى \u2068500\u2069 موظف' },
  },
  {
    words: ['enterprise', 'enterprises', 'large', 'corporations', 'corporate', 'كبيرة', 'الكبيرة', 'الكبرى'],
    label: { en: 'over 500 employees', ar: 'تضم أكثر من \u2068500\u2069 موظف' },
  },
];
export const DEFAULT_COMPANY_SIZE: L10n = { en: '20-250 employees', ar: 'من \u206820\u2069 إلى \u2068250\u2069 موظفًا' };

/** The three objections every business buyer raises; {systems} is the role's. */
export const B2B_OBJECTIONS = {
  price: {
    en: 'Will it cost less than what this costs us now, in fees and hours?',
    ar: 'هل ستكون تكلفته أقل مما ندفعه الآن من رسوم وساعات عمل؟',
  },
  integration: { en: 'Does it work with {systems}?', ar: 'هل يعمل مع {systems}؟' },
  risk: {
    en: 'What happens to our data and our people if the rollout goes wrong?',
    ar: 'ماذا يحدث لبياناتنا وفريقنا إن تعثّر التطبيق؟',
  },
} as const satisfies Record<string, L10n>;

export const B2B_PROFILE = {
  channels: ['linkedin', 'search', 'email', 'webinars'] as readonly Channel[],
  content: [
    {
      en: 'Case studies from companies of the same size, with numbers',
      ar: 'دراسات حالة بالأرقام من شركات بالحجم نفسه',
    },
    { en: 'A cost calculator and a short demo', ar: 'حاسبة تكلفة وعرض توضيحي قصير' },
  ],
  messaging: [
    { en: 'Lead with the result and the time to get it', ar: 'ابدأ بالنتيجة والمدة اللازمة لتحقيقها' },
    {
      en: 'Answer the risk before it is raised: migration help, a trial, references',
      ar: 'أجب عن المخاطرة قبل أن تُطرح: مساعدة في النقل وفترة تجربة وعملاء مرجعيون',
    },
  ],
} as const;

export interface Category {
  id: string;
  words: readonly string[];
  channels: readonly Channel[];
  objections: readonly L10n[];
  content: L10n;
}

/** Consumer categories: what the product is, and what its buyers ask before buying. */
export const CATEGORIES: readonly Category[] = [
  {
    id: 'pets',
    words: [
      'pet',
      'pets',
      'cat',
      'cats',
      'dog',
      'dogs',
      'puppy',
      'kitten',
      'حيوانات',
      'الأليفة',
      'أليفة',
      'قطط',
      'القطط',
      'كلاب',
      'الكلاب',
    ],
    channels: ['social_ads', 'search', 'email', 'social_organic'],
    objections: [
      {
        en: 'Will my pet eat it, and can I switch food without upsetting its stomach?',
        ar: 'هل سيأكله حيواني الأليف، وهل يمكن تغيير طعامه دون أن تضطرب معدته؟',
      },
      { en: 'Will the next order arrive before we run out?', ar: 'هل يصل الطلب التالي قبل أن ينفد ما لدينا؟' },
    ],
    content: {
      en: 'Vet-backed feeding guides and other owners’ photos',
      ar: 'أدلة تغذية يعتمدها بيطريون وصور من أصحاب حيوانات آخرين',
    },
  },
  {
    id: 'food',
    words: [
      'food',
      'foods',
      'groceries',
      'grocery',
      'meal',
      'meals',
      'coffee',
      'bread',
      'sourdough',
      'bakery',
      'restaurant',
      'snacks',
      'طعام',
      'الطعام',
      'بقالة',
      'وجبات',
      'الوجبات',
      'قهوة',
      'القهوة',
      'خبز',
      'مطعم',
      'حلويات',
      'مقاضي',
    ],
    channels: ['social_ads', 'social_organic', 'influencers', 'whatsapp'],
    objections: [
      { en: 'Is it fresh, and will it arrive on time?', ar: 'هل هو طازج، وهل يصل في موعده؟' },
      { en: 'Is it better value than what I buy now?', ar: 'هل قيمته أفضل مما أشتريه الآن؟' },
    ],
    content: {
      en: 'Short videos of it being made, and first-order offers',
      ar: 'مقاطع قصيرة لطريقة التحضير وعروض الطلب الأول',
    },
  },
  {
    id: 'beauty',
    words: [
      'beauty',
      'skincare',
      'skin',
      'makeup',
      'cosmetics',
      'fashion',
      'clothes',
      'abaya',
      'abayas',
      'perfume',
      'perfumes',
      'تجميل',
      'مستحضرات',
      'عطور',
      'العطور',
      'أزياء',
      'ملابس',
      'عباءات',
      'بشرة',
      'البشرة',
    ],
    channels: ['influencers', 'social_organic', 'social_ads', 'video'],
    objections: [
      { en: 'Will it suit my skin, my size, my style?', ar: 'هل يناسب بشرتي ومقاسي وذوقي؟' },
      { en: 'Are the reviews real?', ar: 'هل التقييمات حقيقية؟' },
    ],
    content: {
      en: 'Before-and-after posts and honest creator reviews',
      ar: 'منشورات قبل وبعد ومراجعات صادقة من صنّاع المحتوى',
    },
  },
  {
    id: 'health',
    words: [
      'gym',
      'fitness',
      'yoga',
      'health',
      'dental',
      'teeth',
      'whitening',
      'clinic',
      'clinics',
      'physio',
      'صحة',
      'الصحة',
      'لياقة',
      'أسنان',
      'الأسنان',
      'تبييض',
      'عيادة',
      'العيادة',
    ],
    channels: ['search', 'social_ads', 'whatsapp', 'local_listings'],
    objections: [
      { en: 'Is it safe, and who exactly will treat me?', ar: 'هل هو آمن، ومن سيتولى علاجي بالضبط؟' },
      {
        en: 'What will it cost in total, with nothing added later?',
        ar: 'كم ستكون التكلفة الإجمالية دون إضافات لاحقة؟',
      },
    ],
    content: {
      en: 'Real results, the team’s credentials and clear prices',
      ar: 'نتائج حقيقية ومؤهلات الفريق وأسعار واضحة',
    },
  },
  {
    id: 'education',
    words: [
      'course',
      'courses',
      'classes',
      'tutoring',
      'learning',
      'school',
      'training',
      'دورة',
      'دورات',
      'تعليم',
      'دروس',
      'تدريب',
      'مدرسة',
    ],
    channels: ['search', 'social_ads', 'video', 'email'],
    objections: [
      { en: 'Will it fit around my schedule?', ar: 'هل يناسب جدولي؟' },
      { en: 'Will the certificate count for anything?', ar: 'هل للشهادة قيمة معترف بها؟' },
    ],
    content: { en: 'A free first lesson and graduates’ stories', ar: 'درس أول مجاني وقصص الخريجين' },
  },
  {
    id: 'electronics',
    words: [
      'phone',
      'phones',
      'laptop',
      'laptops',
      'gadgets',
      'electronics',
      'headphones',
      'جوال',
      'جوالات',
      'هواتف',
      'إلكترونيات',
      'الإلكترونيات',
      'سماعات',
    ],
    channels: ['search', 'video', 'social_ads', 'influencers'],
    objections: [
      { en: 'Is the warranty honoured here?', ar: 'هل الضمان معتمد هنا؟' },
      { en: 'Will the price drop next month?', ar: 'هل سينخفض السعر الشهر القادم؟' },
    ],
    content: { en: 'Side-by-side comparisons and unboxing videos', ar: 'مقارنات جنبًا إلى جنب وفيديوهات فتح العلبة' },
  },
];

/** Objections when no category matches. */
export const GENERAL_CATEGORY: Omit<Category, 'words'> = {
  id: 'general',
  channels: ['social_ads', 'search', 'social_organic', 'email'],
  objections: [
    { en: 'Can I return it if it is not right?', ar: 'هل يمكنني إرجاعه إن لم يناسبني؟' },
    { en: 'I have not heard of this brand', ar: 'لم أسمع بهذه العلامة من قبل' },
  ],
  content: { en: 'Customer reviews and clear offers', ar: 'تقييمات العملاء وعروض واضحة' },
};
