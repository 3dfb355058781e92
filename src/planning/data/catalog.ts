/**
 * The marketing knowledge behind the offline planner: channels, which goals and audiences they fit,
 * the least budget with which each one can learn anything, benchmark figures, and bilingual
 * templates for hooks and inbound tactics (attract, engage, delight). Figures are public industry
 * benchmarks, cited next to each one; they are starting targets, replaced by the team's own
 * numbers once /report has data.
 *
 * Data only, with the types that describe it: the code that reads it (which channels fit a goal or
 * an audience, a channel's least useful spend, the strategies for a goal) is ../catalog.ts, and the
 * planner's rules are in ../offline.ts and ../ideas.ts.
 */
import type { L10n } from '../../core/i18n.js';
import type { BusinessType } from '../../workspace/brand.js';

export const GOALS = ['awareness', 'leads', 'sales', 'engagement', 'retention'] as const;
export type Goal = (typeof GOALS)[number];

export const CHANNELS = [
  'search',
  'social_ads',
  'social_organic',
  'video',
  'email',
  'content_seo',
  'influencers',
  'linkedin',
  'webinars',
  'referral',
  'local_listings',
  'whatsapp',
] as const;
export type Channel = (typeof CHANNELS)[number];

export type Audience = 'b2b' | 'b2c';

export const KPIS = [
  'ctr',
  'cpl',
  'cpa',
  'cpm',
  'roas',
  'roi',
  'conversion_rate',
  'open_rate',
  'click_rate',
  'engagement_rate',
  'view_rate',
  'leads',
  'impressions',
  'repeat_purchase_rate',
  'conversions',
] as const;
export type Kpi = (typeof KPIS)[number];

export type KpiUnit = 'percent' | 'currency' | 'ratio' | 'count';

export const KPI_UNITS: Record<Kpi, KpiUnit> = {
  ctr: 'percent',
  cpl: 'currency',
  cpa: 'currency',
  cpm: 'currency',
  roas: 'ratio',
  roi: 'percent',
  conversion_rate: 'percent',
  open_rate: 'percent',
  click_rate: 'percent',
  engagement_rate: 'percent',
  view_rate: 'percent',
  leads: 'count',
  impressions: 'count',
  repeat_purchase_rate: 'percent',
  conversions: 'count',
};

/** Acronyms stay Latin in Arabic (that is how Arabic-speaking marketers write them). */
export const KPI_LABELS: Record<Kpi, L10n> = {
  ctr: { en: 'CTR', ar: 'نسبة النقر CTR' },
  cpl: { en: 'Cost per lead (CPL)', ar: 'تكلفة العميل المحتمل CPL' },
  cpa: { en: 'Cost per acquisition (CPA)', ar: 'تكلفة الاكتساب CPA' },
  cpm: { en: 'Cost per 1,000 impressions (CPM)', ar: 'تكلفة الألف ظهور CPM' },
  roas: { en: 'Return on ad spend (ROAS)', ar: 'العائد على الإنفاق الإعلاني ROAS' },
  roi: { en: 'ROI', ar: 'العائد على الاستثمار ROI' },
  conversion_rate: { en: 'Conversion rate', ar: 'معدل التحويل' },
  open_rate: { en: 'Email open rate', ar: 'معدل فتح الرسائل' },
  click_rate: { en: 'Email click rate', ar: 'معدل النقر في الرسائل' },
  engagement_rate: { en: 'Engagement rate', ar: 'معدل التفاعل' },
  view_rate: { en: 'Video view rate', ar: 'معدل مشاهدة الفيديو' },
  leads: { en: 'Leads', ar: 'العملاء المحتملون' },
  impressions: { en: 'Impressions', ar: 'مرات الظهور' },
  repeat_purchase_rate: { en: 'Repeat purchase rate', ar: 'معدل الشراء المتكرر' },
  conversions: { en: 'Purchases', ar: 'عمليات الشراء' },
};

export interface ChannelInfo {
  label: L10n;
  /** 0 = does not serve the goal; 3 = one of the best channels for it. */
  fit: Partial<Record<Goal, 1 | 2 | 3>>;
  /** Left out for the other audience (creators rarely pay for B2B). */
  audience?: Audience;
  /** Only for these business types (Maps listings are for places people visit); all when absent. */
  types?: readonly BusinessType[];
  /** Least useful budget in USD: a one-off part (production, tools) plus a weekly part (paid delivery). */
  minimum: { fixedUsd: number; weeklyUsd: number };
  /** Benchmarks (USD for money); cited per channel below. */
  bench: Partial<Record<Kpi, number>>;
  tactics: Tactics;
  /** Tactics for people who already know the brand (a strategy aimed at the list or at customers). */
  existing?: Tactics;
  /** Tactics that replace the general ones for a business type (a charity has donors, not buyers). */
  byType?: Partial<Record<BusinessType, Tactics>>;
}

export interface Tactics {
  attract: L10n;
  engage: L10n;
  delight: L10n;
}

/*
 * Sources for the figures below:
 * - Search: LocaliQ/WordStream "Search Advertising Benchmarks" 2024, all industries: CTR 6.42%,
 *   conversion rate 6.96%, CPC 4.66 USD, CPL 66.69 USD. Google Ads needs about 10 USD/day to get
 *   enough clicks a day to learn from.
 * - Meta ads: WordStream "Facebook Ads Benchmarks" 2024: traffic CTR 1.57%, leads-campaign CTR
 *   2.53%, CPL 21.98 USD, conversion rate 8.78% on lead campaigns; CPM about 8 USD (Meta's
 *   worldwide average, Revealbot 2024). A learning phase needs ~50 optimisation events a week per
 *   ad set, hence at least ~50 USD a week.
 * - LinkedIn: sponsored content CTR 0.44-0.65% (LinkedIn Marketing Solutions), CPL 75 USD typical
 *   for B2B; Campaign Manager's minimum daily budget is 10 USD.
 * - YouTube (Google video ads): view rate about 30%, CPM about 9 USD (Google Ads benchmarks).
 * - Email: Mailchimp "Email Marketing Benchmarks", all industries: open rate 21.33%, click rate
 *   2.62%. An ESP plan plus one designed template costs about 50 USD.
 * - Organic social: Rival IQ "Social Media Industry Benchmark Report" 2024: Instagram engagement
 *   rate 0.43% per post, TikTok 2.5%; blended here as 1%.
 * - Creators: HypeAuditor "State of Influencer Marketing" 2024: nano and micro creators engage
 *   2-4%; a micro creator's post costs 100-500 USD, so ~300 USD buys a first test.
 * - Content/SEO: one well-researched article from a freelancer costs ~150 USD; landing pages convert
 *   at a 6.6% median (Unbounce "Conversion Benchmark Report").
 * - Webinars: ON24 "Webinar Benchmarks": ~55% of registrants attend; ~150 USD covers the tool and
 *   a little promotion.
 * - Referral: referral programmes convert at about 3-5x other channels (Nielsen trust studies);
 *   e-commerce repeat purchase rate averages about 27% (Shopify/Metrilo).
 * - ROAS: 3x is the common break-even target for a ~33% gross margin (ROAS = 1 / margin).
 */
export const CHANNEL_INFO: Record<Channel, ChannelInfo> = {
  search: {
    label: { en: 'Search ads (Google)', ar: 'إعلانات محركات البحث' },
    fit: { leads: 3, sales: 3, awareness: 1 },
    minimum: { fixedUsd: 0, weeklyUsd: 70 },
    bench: { ctr: 6.42, conversion_rate: 6.96, cpl: 66.69, cpa: 66.95, cpm: 0 },
    tactics: {
      attract: {
        en: 'Bid on high-intent searches people make when they are ready to act',
        ar: 'المزايدة على عبارات البحث التي يكتبها الناس حين يكونون جاهزين للشراء',
      },
      engage: {
        en: 'Send each ad group to a landing page that answers that exact search',
        ar: 'توجيه كل مجموعة إعلانية إلى صفحة هبوط تجيب عن عبارة البحث نفسها',
      },
      delight: {
        en: 'Exclude existing customers and thank converters with a follow-up offer',
        ar: 'استبعاد العملاء الحاليين وشكر من أتمّ الشراء بعرض متابعة',
      },
    },
    byType: {
      ngo: {
        attract: {
          en: 'Apply for Google Ad Grants (search ads for eligible charities) and bid on the cause',
          ar: 'التقديم على منحة جوجل الإعلانية المخصصة للجهات الخيرية المؤهلة والمزايدة على عبارات القضية',
        },
        engage: {
          en: 'Send each search to a donation page with one amount and what it pays for',
          ar: 'توجيه كل بحث إلى صفحة تبرع بمبلغ واحد وما يغطيه',
        },
        delight: {
          en: 'Thank every donor by email within a day',
          ar: 'شكر كل متبرع عبر البريد خلال يوم',
        },
      },
    },
  },
  social_ads: {
    label: { en: 'Paid social (Meta)', ar: 'الإعلانات الممولة على الشبكات الاجتماعية' },
    fit: { awareness: 3, leads: 2, sales: 3, engagement: 1, retention: 1 },
    minimum: { fixedUsd: 0, weeklyUsd: 50 },
    bench: { ctr: 1.57, cpl: 21.98, conversion_rate: 8.78, cpm: 8, cpa: 38 },
    tactics: {
      attract: {
        en: 'Target lookalikes of your best customers with a short vertical video ad',
        ar: 'استهداف جمهور مشابه لأفضل عملائك بإعلان فيديو عمودي قصير',
      },
      engage: {
        en: 'Retarget visitors and video viewers with a clear offer',
        ar: 'إعادة استهداف الزوار ومشاهدي الفيديو بعرض واضح',
      },
      delight: {
        en: 'Show new customers how-to content instead of more ads',
        ar: 'عرض محتوى تعليمي للعملاء الجدد بدلًا من مزيد من الإعلانات',
      },
    },
    byType: {
      ngo: {
        attract: {
          en: 'Target people who follow similar causes with a short story video',
          ar: 'استهداف متابعي القضايا المشابهة بفيديو قصير يروي قصة حقيقية',
        },
        engage: {
          en: 'Retarget viewers with one clear way to give and what it pays for',
          ar: 'إعادة استهداف المشاهدين بطريقة واحدة واضحة للتبرع وما يغطيه المبلغ',
        },
        delight: {
          en: 'Show donors the result of their gift instead of another appeal',
          ar: 'عرض نتيجة التبرع على المتبرعين بدلًا من نداء جديد',
        },
      },
      local: {
        attract: {
          en: 'Run radius ads around the location with a photo of the place and the team',
          ar: 'إعلانات ضمن نطاق جغرافي حول الموقع بصورة للمكان والفريق',
        },
        engage: {
          en: 'Use a call or WhatsApp button instead of a website form',
          ar: 'استخدام زر الاتصال أو واتساب بدلًا من نموذج على الموقع',
        },
        delight: {
          en: 'Invite first-time visitors back with a small thank-you',
          ar: 'دعوة الزائرين لأول مرة إلى العودة بلفتة شكر صغيرة',
        },
      },
    },
  },
  social_organic: {
    label: { en: 'Organic social', ar: 'المحتوى المجاني على الشبكات الاجتماعية' },
    fit: { awareness: 2, engagement: 3, retention: 2 },
    minimum: { fixedUsd: 100, weeklyUsd: 0 },
    bench: { engagement_rate: 1 },
    tactics: {
      attract: {
        en: 'Post three short reels a week on one recurring theme',
        ar: 'نشر ثلاثة مقاطع قصيرة أسبوعيًا حول فكرة متكررة واحدة',
      },
      engage: {
        en: 'Answer every comment within the hour and ask one question per post',
        ar: 'الرد على كل تعليق خلال ساعة وطرح سؤال واحد في كل منشور',
      },
      delight: {
        en: 'Repost customer photos and stories with credit',
        ar: 'إعادة نشر صور العملاء وقصصهم مع ذكر أصحابها',
      },
    },
  },
  video: {
    label: { en: 'Video (YouTube)', ar: 'الفيديو على يوتيوب' },
    fit: { awareness: 3, engagement: 2 },
    minimum: { fixedUsd: 200, weeklyUsd: 50 },
    bench: { view_rate: 30, cpm: 9, ctr: 0.65 },
    tactics: {
      attract: {
        en: 'Run a 15-second skippable ad whose first 5 seconds name the problem',
        ar: 'إعلان قابل للتخطي مدته \u206815\u2069 ثانية يذكر المشكلة في أول خمس ثوانٍ',
      },
      engage: {
        en: 'Publish a longer demo and link it from the ad end screen',
        ar: 'نشر فيديو شرح أطول وربطه من الشاشة الأخيرة للإعلان',
      },
      delight: {
        en: 'Film tips for getting more out of the product for existing buyers',
        ar: 'تصوير نصائح للمشترين الحاليين للاستفادة أكثر من المنتج',
      },
    },
  },
  email: {
    label: { en: 'Email marketing', ar: 'التسويق عبر البريد الإلكتروني' },
    fit: { leads: 1, sales: 3, engagement: 2, retention: 3 },
    minimum: { fixedUsd: 50, weeklyUsd: 0 },
    bench: { open_rate: 21.33, click_rate: 2.62 },
    tactics: {
      attract: {
        en: 'Offer a useful checklist in exchange for an email address',
        ar: 'تقديم قائمة مرجعية مفيدة مقابل عنوان البريد الإلكتروني',
      },
      engage: {
        en: 'Send a three-email welcome sequence that ends with one offer',
        ar: 'إرسال سلسلة ترحيب من ثلاث رسائل تنتهي بعرض واحد',
      },
      delight: {
        en: 'Send buyers a thank-you note and an early-access perk',
        ar: 'إرسال رسالة شكر للمشترين مع ميزة وصول مبكر',
      },
    },
    existing: {
      attract: {
        en: 'Segment the list by what each person bought and when',
        ar: 'تقسيم القائمة حسب ما اشتراه كل شخص وتوقيت شرائه',
      },
      engage: {
        en: 'Send each segment one offer that fits what they already have',
        ar: 'إرسال عرض واحد لكل شريحة يناسب ما لديها بالفعل',
      },
      delight: {
        en: 'Thank repeat customers by name and ask what they would like next',
        ar: 'شكر العملاء المتكررين بأسمائهم وسؤالهم عما يريدونه بعد ذلك',
      },
    },
    byType: {
      ngo: {
        attract: {
          en: 'Offer a short impact report in exchange for an email address',
          ar: 'تقديم تقرير أثر مختصر مقابل عنوان البريد الإلكتروني',
        },
        engage: {
          en: 'Send new supporters three emails: the cause, one story, one way to give',
          ar: 'إرسال ثلاث رسائل للداعمين الجدد: القضية، وقصة واحدة، وطريقة واحدة للتبرع',
        },
        delight: {
          en: 'Thank every donor within a day and report what their gift did',
          ar: 'شكر كل متبرع خلال يوم وإخباره بما حققه تبرعه',
        },
      },
    },
  },
  content_seo: {
    label: { en: 'Content and SEO', ar: 'المحتوى وتحسين الظهور في البحث' },
    fit: { awareness: 2, leads: 2, engagement: 1 },
    minimum: { fixedUsd: 300, weeklyUsd: 0 },
    bench: { conversion_rate: 6.6 },
    tactics: {
      attract: {
        en: 'Write two in-depth guides on the questions buyers search before buying',
        ar: 'كتابة دليلين مفصلين عن الأسئلة التي يبحث عنها المشترون قبل الشراء',
      },
      engage: {
        en: 'Add a downloadable template to each guide to capture leads',
        ar: 'إضافة نموذج قابل للتنزيل في كل دليل لجمع العملاء المحتملين',
      },
      delight: {
        en: 'Keep a help centre that answers customer questions before they ask',
        ar: 'إنشاء مركز مساعدة يجيب عن أسئلة العملاء قبل أن يسألوها',
      },
    },
  },
  influencers: {
    label: { en: 'Creators and influencers', ar: 'صنّاع المحتوى والمؤثرون' },
    fit: { awareness: 3, sales: 2, engagement: 3 },
    audience: 'b2c',
    minimum: { fixedUsd: 300, weeklyUsd: 0 },
    bench: { engagement_rate: 3, ctr: 1 },
    tactics: {
      attract: {
        en: 'Brief two or three micro creators whose audience matches the market',
        ar: 'التعاقد مع اثنين أو ثلاثة من صنّاع المحتوى الصغار الذين يطابق جمهورهم السوق',
      },
      engage: {
        en: 'Give each creator a personal discount code to track sales',
        ar: 'منح كل صانع محتوى رمز خصم خاصًا لتتبع المبيعات',
      },
      delight: {
        en: 'Invite the best-performing creator into a longer ambassador deal',
        ar: 'دعوة صانع المحتوى الأفضل أداءً إلى شراكة سفير طويلة',
      },
    },
    byType: {
      ngo: {
        attract: {
          en: 'Ask two or three creators who care about the cause to tell one real story',
          ar: 'دعوة اثنين أو ثلاثة من صنّاع المحتوى المهتمين بالقضية لرواية قصة حقيقية واحدة',
        },
        engage: {
          en: 'Give each creator a personal donation link to see whose audience gives',
          ar: 'منح كل صانع محتوى رابط تبرع خاصًا لمعرفة أي جمهور يتبرع',
        },
        delight: {
          en: 'Show each creator what their audience’s gifts achieved, and thank them publicly',
          ar: 'إطلاع كل صانع محتوى على ما حققته تبرعات جمهوره وشكره علنًا',
        },
      },
    },
  },
  linkedin: {
    label: { en: 'LinkedIn ads', ar: 'إعلانات لينكدإن' },
    fit: { awareness: 2, leads: 3, engagement: 1 },
    // Business buyers, and the companies and foundations that fund a charity.
    types: ['b2b', 'ngo'],
    minimum: { fixedUsd: 0, weeklyUsd: 70 },
    bench: { ctr: 0.55, cpl: 75, conversion_rate: 6.1, cpm: 33 },
    tactics: {
      attract: {
        en: 'Target job titles and company sizes with a single-image ad',
        ar: 'استهداف المسميات الوظيفية وأحجام الشركات بإعلان صورة واحدة',
      },
      engage: {
        en: 'Use a pre-filled lead gen form offering a short report',
        ar: 'استخدام نموذج جمع بيانات مُعبأ مسبقًا يقدم تقريرًا مختصرًا',
      },
      delight: {
        en: 'Share customer results from the company page',
        ar: 'مشاركة نتائج العملاء من صفحة الشركة',
      },
    },
  },
  webinars: {
    label: { en: 'Webinars and live events', ar: 'الندوات والبث المباشر' },
    fit: { leads: 3, engagement: 2, retention: 2 },
    minimum: { fixedUsd: 150, weeklyUsd: 0 },
    bench: { conversion_rate: 55 },
    tactics: {
      attract: {
        en: 'Host a 30-minute live session on one problem the market has',
        ar: 'تنظيم جلسة مباشرة مدتها \u206830\u2069 دقيقة عن مشكلة واحدة يعيشها السوق',
      },
      engage: {
        en: 'Take live questions and offer a follow-up call at the end',
        ar: 'استقبال الأسئلة مباشرة وعرض مكالمة متابعة في النهاية',
      },
      delight: {
        en: 'Send attendees the recording and slides the same day',
        ar: 'إرسال التسجيل والشرائح إلى الحضور في اليوم نفسه',
      },
    },
  },
  referral: {
    label: { en: 'Referral and loyalty programme', ar: 'برنامج الإحالة والولاء' },
    fit: { sales: 2, retention: 3, engagement: 1 },
    minimum: { fixedUsd: 200, weeklyUsd: 0 },
    bench: { repeat_purchase_rate: 27 },
    tactics: {
      attract: {
        en: 'Reward customers with credit for every friend who buys',
        ar: 'مكافأة العملاء برصيد عن كل صديق يشتري',
      },
      engage: {
        en: 'Show referral progress in every order confirmation',
        ar: 'عرض تقدم الإحالات في كل تأكيد طلب',
      },
      delight: {
        en: 'Give repeat buyers a tier with early access and surprises',
        ar: 'منح المشترين المتكررين مستوى خاصًا بوصول مبكر ومفاجآت',
      },
    },
  },
  local_listings: {
    label: { en: 'Google Business Profile and Maps', ar: 'الملف التجاري على خرائط جوجل' },
    fit: { awareness: 2, leads: 3, sales: 3, engagement: 1, retention: 1 },
    types: ['local'],
    // Photos, posts and a review-request card: the listing itself is free.
    minimum: { fixedUsd: 100, weeklyUsd: 0 },
    bench: {},
    tactics: {
      attract: {
        en: 'Complete the Google Business Profile: hours, photos, services, and a post a week',
        ar: 'استكمال الملف التجاري على جوجل: ساعات العمل والصور والخدمات ومنشور كل أسبوع',
      },
      engage: {
        en: 'Answer every Google review and question within a day',
        ar: 'الرد على كل تقييم وسؤال على جوجل خلال يوم',
      },
      delight: {
        en: 'Ask every happy customer for a review with a QR-code card at the till',
        ar: 'طلب تقييم من كل عميل راضٍ عبر بطاقة باركود عند مكان الدفع',
      },
    },
  },
  whatsapp: {
    label: { en: 'WhatsApp Business', ar: 'واتساب للأعمال' },
    fit: { leads: 2, sales: 2, engagement: 2, retention: 3 },
    types: ['local', 'consumer', 'ecommerce', 'ngo'],
    // A catalogue, quick replies and a broadcast list; template messages cost little per send.
    minimum: { fixedUsd: 50, weeklyUsd: 0 },
    bench: {},
    tactics: {
      attract: {
        en: 'Put a WhatsApp button on the listing, the ads and the shop window',
        ar: 'وضع زر واتساب في الملف التجاري والإعلانات وواجهة المحل',
      },
      engage: {
        en: 'Answer within minutes with quick replies and a catalogue of services and prices',
        ar: 'الرد خلال دقائق بردود سريعة وكتالوج للخدمات والأسعار',
      },
      delight: {
        en: 'Send reminders and a thank-you to customers who opted in',
        ar: 'إرسال التذكيرات ورسالة شكر للعملاء الذين وافقوا على ذلك',
      },
    },
  },
};

export interface Strategy {
  id: string;
  goal: Goal;
  /** Channel weights, strongest first; channels that do not fit the goal or audience are dropped. */
  mix: ReadonlyArray<readonly [Channel, number]>;
  title: L10n;
  /**
   * {product} and {market} are filled in (wrapped for direction in Arabic). The user's words are
   * only ever a noun after "for", ":" or in brackets: no verb agrees with them, no article or
   * preposition is glued to them ("in {market}" breaks on "HR managers in Riyadh").
   */
  hook: L10n;
  why: L10n;
  /** Only in plans of at most this many weeks (time-limited wording such as "This week only"). */
  maxWeeks?: number;
  /** Only in plans of more than this many weeks (the always-on twin of a time-limited idea). */
  minWeeks?: number;
  /** The business types it suits (STRATEGY_FIT); all when absent. */
  types?: readonly BusinessType[];
  /** The least budget (USD equivalent) for which it makes sense. */
  minUsd?: number;
  /** Aimed at people who already know the brand (the list, customers, donors): no welcome sequence. */
  existing?: boolean;
  /**
   * Only when paid ads lose money on a first sale: the average order is below the region's cheapest
   * paid cost per sale (funnel.ts, paidLosesMoney). Bundles and repeat orders pay there; ads do not.
   */
  lowTicket?: boolean;
}

const ALL_BUT_NGO: readonly BusinessType[] = ['b2b', 'consumer', 'local', 'ecommerce', 'app'];
const SHOPPERS: readonly BusinessType[] = ['consumer', 'ecommerce', 'app'];

/**
 * Which businesses, budgets and audiences each strategy suits, by id. A charity gets no discount
 * codes or "ready to buy?" offers; a webinar funnel is for considered purchases (B2B, apps), not
 * teeth whitening; account-based marketing needs enough budget to reach each account more than once.
 */
const STRATEGY_FIT: Readonly<Record<string, Pick<Strategy, 'types' | 'minUsd' | 'existing' | 'lowTicket'>>> = {
  'bundle-repeat': { types: ['consumer', 'ecommerce', 'local'], existing: true, lowTicket: true },
  'creator-launch': { types: [...SHOPPERS, 'local', 'ngo'] },
  'thought-leadership': { types: ['b2b', 'app'] },
  'lead-magnet': { types: ['b2b', ...SHOPPERS] },
  'webinar-funnel': { types: ['b2b', 'app'] },
  'account-based': { types: ['b2b'], minUsd: 5000 },
  'search-retarget': { types: ALL_BUT_NGO },
  'social-offer': { types: [...SHOPPERS, 'local'] },
  'always-on-offer': { types: [...SHOPPERS, 'local'] },
  'creator-codes': { types: SHOPPERS },
  'email-sequence': { types: ALL_BUT_NGO, existing: true },
  'ugc-challenge': { types: [...SHOPPERS, 'local'] },
  newsletter: { existing: true },
  'loyalty-referral': { types: [...SHOPPERS, 'local'], existing: true },
  'lifecycle-email': { types: ALL_BUT_NGO, existing: true },
  community: { existing: true },
  'win-back': { types: ALL_BUT_NGO, existing: true },
  'local-maps': { types: ['local'] },
  'local-reviews': { types: ['local'] },
  'local-radius': { types: ['local'] },
  'local-regulars': { types: ['local'], existing: true },
  'donor-stories': { types: ['ngo'] },
  'monthly-giving': { types: ['ngo'] },
  'grant-partners': { types: ['ngo'] },
  'volunteer-drive': { types: ['ngo'] },
  'donor-renewal': { types: ['ngo'], existing: true },
  'demo-offer': { types: ['b2b', 'app'] },
  'quiz-funnel': { types: SHOPPERS },
  'whatsapp-ads': { types: ['local', 'consumer', 'ecommerce'] },
  'supporter-signups': { types: ['ngo'] },
  'giving-day': { types: ['ngo'] },
  'peer-fundraising': { types: ['ngo'] },
  'donation-search': { types: ['ngo'] },
  'matched-giving': { types: ['ngo'] },
  'impact-updates': { types: ['ngo'], existing: true },
};

const s = (
  id: string,
  goal: Goal,
  mix: ReadonlyArray<readonly [Channel, number]>,
  title: L10n,
  hook: L10n,
  why: L10n,
  weeks: { maxWeeks?: number; minWeeks?: number } = {},
): Strategy => ({ id, goal, mix, title, hook, why, ...weeks, ...STRATEGY_FIT[id] });

/** Distinct campaign approaches per goal: each leads with a different channel. */
export const STRATEGIES: readonly Strategy[] = [
  s(
    'creator-launch',
    'awareness',
    [
      ['influencers', 5],
      ['social_organic', 3],
      ['social_ads', 2],
    ],
    { en: 'Creator-led launch', ar: 'إطلاق بقيادة صنّاع المحتوى' },
    {
      en: 'Creators trusted by {market} show {product} in everyday use.',
      ar: 'صنّاع محتوى يثق بهم جمهورك ({market}) يعرضون {product} في الاستخدام اليومي.',
    },
    {
      en: 'People trust people: creators lend reach and credibility at once.',
      ar: 'الناس يثقون بالناس: صنّاع المحتوى يمنحون الانتشار والمصداقية معًا.',
    },
  ),
  s(
    'video-story',
    'awareness',
    [
      ['video', 5],
      ['social_ads', 3],
      ['social_organic', 1],
    ],
    { en: 'Video story', ar: 'قصة بالفيديو' },
    {
      en: 'A 15-second story for {market}: one everyday problem, and the answer: {product}.',
      ar: 'قصة في \u206815\u2069 ثانية موجهة إلى {market}: مشكلة يومية واحدة، والحل: {product}.',
    },
    {
      en: 'Video builds recall fastest per unit of spend for a new name.',
      ar: 'الفيديو يرسّخ الاسم الجديد في الذاكرة بأقل تكلفة.',
    },
  ),
  s(
    'reach-burst',
    'awareness',
    [
      ['social_ads', 5],
      ['video', 2],
      ['social_organic', 1],
    ],
    { en: 'Paid reach burst', ar: 'دفعة انتشار ممولة' },
    {
      en: 'Two weeks of concentrated reach for {market}: {product}, one message.',
      ar: 'أسبوعان من الانتشار المركّز لدى {market}: {product} ورسالة واحدة.',
    },
    {
      en: 'Concentrated frequency beats a thin, long presence.',
      ar: 'التكرار المركّز يتفوق على حضور ضعيف طويل.',
    },
  ),
  s(
    'thought-leadership',
    'awareness',
    [
      ['content_seo', 4],
      ['linkedin', 4],
      ['social_organic', 1],
    ],
    { en: 'Thought leadership', ar: 'الريادة الفكرية' },
    {
      en: 'A practical guide worth sharing, written for {market} by the team behind {product}.',
      ar: 'دليل عملي يستحق المشاركة، كتبه فريق {product} لجمهور {market}.',
    },
    {
      en: 'Useful expertise earns attention that keeps working after the budget ends.',
      ar: 'الخبرة المفيدة تجذب اهتمامًا يستمر بعد انتهاء الميزانية.',
    },
  ),
  s(
    'intent-capture',
    'leads',
    [
      ['search', 5],
      ['content_seo', 2],
      ['email', 1],
    ],
    { en: 'High-intent search capture', ar: 'اقتناص نية البحث' },
    {
      en: 'The first answer to every search for {product}, for {market}.',
      ar: 'أول إجابة في كل بحث عن {product}، تظهر لجمهور {market}.',
    },
    {
      en: 'People searching already want a solution: the cheapest leads to convert.',
      ar: 'من يبحث يريد حلًا بالفعل: أسهل العملاء المحتملين تحويلًا.',
    },
  ),
  s(
    'lead-magnet',
    'leads',
    [
      ['social_ads', 5],
      ['email', 2],
      ['content_seo', 2],
    ],
    { en: 'Lead magnet with instant forms', ar: 'هدية مقابل التسجيل بنماذج فورية' },
    {
      en: 'A free checklist for {market}, one tap away, from the makers of {product}.',
      ar: 'قائمة مرجعية مجانية لجمهور {market} بلمسة واحدة، من صانعي {product}.',
    },
    {
      en: 'Instant forms remove the landing-page drop-off; email nurtures what they capture.',
      ar: 'النماذج الفورية تلغي التسرب من صفحة الهبوط والبريد يرعى من سجّل.',
    },
  ),
  s(
    'webinar-funnel',
    'leads',
    [
      ['webinars', 4],
      ['linkedin', 3],
      ['social_ads', 3],
      ['email', 2],
    ],
    { en: 'Webinar funnel', ar: 'مسار الندوة المباشرة' },
    {
      en: 'A live 30-minute session for {market} that solves one problem, with {product}.',
      ar: 'جلسة مباشرة مدتها \u206830\u2069 دقيقة لجمهور {market} تحل مشكلة واحدة، مع {product}.',
    },
    {
      en: 'An hour of attention qualifies a lead better than any form.',
      ar: 'ساعة من الانتباه تؤهل العميل المحتمل أفضل من أي نموذج.',
    },
  ),
  s(
    'account-based',
    'leads',
    [
      ['linkedin', 5],
      ['content_seo', 2],
      ['email', 1],
    ],
    { en: 'Account-based outreach', ar: 'التسويق الموجه للحسابات' },
    {
      en: 'A short report on the savings from {product}, written for the decision makers ({market}).',
      ar: 'تقرير قصير عن التوفير الذي يحققه {product}، موجه إلى صنّاع القرار ({market}).',
    },
    {
      en: 'Targeting by job title puts a high CPL on only the buyers who matter.',
      ar: 'الاستهداف بالمسمى الوظيفي يركز التكلفة على المشترين المهمين فقط.',
    },
  ),
  s(
    'bundle-repeat',
    'sales',
    [
      ['email', 4],
      ['whatsapp', 3],
      ['referral', 3],
      ['local_listings', 3],
    ],
    { en: 'Bundles and repeat orders', ar: 'الباقات والطلبات المتكررة' },
    {
      en: 'Bundles and regular orders: {product}, for {market}, at a better price per order.',
      ar: 'باقات وطلبات منتظمة: {product} لجمهور {market}، بسعر أفضل للطلب الأكبر.',
    },
    {
      en: 'At a low order value the profit is in the second and the tenth order and in a bigger basket, not in paying for the first one.',
      ar: 'حين تكون قيمة الطلب منخفضة يأتي الربح من الطلب الثاني والعاشر ومن سلة أكبر، لا من دفع ثمن الطلب الأول.',
    },
  ),
  s(
    'search-retarget',
    'sales',
    [
      ['search', 5],
      ['social_ads', 3],
      ['email', 1],
    ],
    { en: 'Search plus retargeting', ar: 'البحث مع إعادة الاستهداف' },
    {
      en: 'Ready to buy? One search away: {product}, for {market}.',
      ar: 'جاهز للشراء؟ على بعد بحث واحد: {product}، لجمهور {market}.',
    },
    {
      en: 'Captures existing demand and wins back the visitors who did not buy first time.',
      ar: 'يلتقط الطلب الموجود ويستعيد الزوار الذين لم يشتروا من أول مرة.',
    },
  ),
  s(
    'social-offer',
    'sales',
    [
      ['social_ads', 5],
      ['influencers', 2],
      ['email', 2],
    ],
    { en: 'Limited-time social offer', ar: 'عرض محدود على الشبكات الاجتماعية' },
    {
      en: 'This week only, for {market}: {product}, with a reason to buy now.',
      ar: 'هذا الأسبوع فقط لجمهور {market}: {product} مع سبب للشراء الآن.',
    },
    {
      en: 'A deadline and a clear offer turn attention into orders.',
      ar: 'الموعد النهائي والعرض الواضح يحولان الانتباه إلى طلبات.',
    },
    { maxWeeks: 4 },
  ),
  s(
    'always-on-offer',
    'sales',
    [
      ['social_ads', 5],
      ['email', 2],
    ],
    { en: 'Always-on social offer', ar: 'عرض دائم على الشبكات الاجتماعية' },
    {
      en: 'A clear offer on {product} for {market}, refreshed every few weeks.',
      ar: 'عرض واضح على {product} لجمهور {market}، يتجدد كل بضعة أسابيع.',
    },
    {
      en: 'A steady offer with fresh creative keeps the cost per sale down over a long plan.',
      ar: 'العرض الثابت مع تجديد الإعلانات يُبقي تكلفة البيع منخفضة طوال خطة طويلة.',
    },
    { minWeeks: 4 },
  ),
  s(
    'creator-codes',
    'sales',
    [
      ['influencers', 5],
      ['social_ads', 2],
      ['email', 1],
    ],
    { en: 'Creator discount codes', ar: 'رموز خصم صنّاع المحتوى' },
    {
      en: 'Creators followed by {market}, each with a personal discount code for {product}.',
      ar: 'صنّاع محتوى يتابعهم جمهور {market}، لكل منهم رمز خصم خاص على {product}.',
    },
    {
      en: 'Codes make every creator measurable: keep the ones that sell.',
      ar: 'الرموز تجعل كل صانع محتوى قابلًا للقياس: أبقِ من يبيع.',
    },
  ),
  s(
    'email-sequence',
    'sales',
    [
      ['email', 5],
      ['social_ads', 2],
      ['referral', 2],
    ],
    { en: 'Offer sequence to your list', ar: 'سلسلة عروض لقائمتك' },
    {
      en: 'Early access to {product} at a better price, for the people already on your list ({market}).',
      ar: 'وصول مبكر إلى {product} بسعر أفضل، للمسجلين في قائمتك ({market}).',
    },
    {
      en: 'People who already know you convert several times better than cold traffic.',
      ar: 'من يعرفك بالفعل يتحول أضعاف الجمهور البارد.',
    },
  ),
  s(
    'ugc-challenge',
    'engagement',
    [
      ['social_organic', 5],
      ['influencers', 3],
      ['social_ads', 1],
    ],
    { en: 'User-generated challenge', ar: 'تحدي المحتوى من المستخدمين' },
    {
      en: 'A challenge for {market}: show how you use {product}; the best entry wins.',
      ar: 'تحدٍّ لجمهور {market}: أرنا كيف تستخدم {product}، وأفضل مشاركة تفوز.',
    },
    {
      en: 'Participation is the deepest engagement and it creates content for free.',
      ar: 'المشاركة أعمق أشكال التفاعل وتصنع محتوى مجانيًا.',
    },
  ),
  s(
    'live-sessions',
    'engagement',
    [
      ['webinars', 4],
      ['social_organic', 3],
      ['email', 2],
    ],
    { en: 'Live sessions', ar: 'جلسات مباشرة' },
    {
      en: 'A weekly live Q&A for {market}: any question about {product}.',
      ar: 'جلسة أسئلة وأجوبة مباشرة كل أسبوع لجمهور {market}: أي سؤال عن {product}.',
    },
    {
      en: 'A recurring live slot builds a habit and a community.',
      ar: 'الموعد المباشر المتكرر يبني عادة ومجتمعًا.',
    },
  ),
  s(
    'video-series',
    'engagement',
    [
      ['video', 5],
      ['social_organic', 3],
    ],
    { en: 'Short video series', ar: 'سلسلة فيديو قصيرة' },
    {
      en: 'One tip a week for {market}, shown with {product}.',
      ar: 'نصيحة كل أسبوع لجمهور {market}، مع {product}.',
    },
    {
      en: 'Episodes give people a reason to come back and subscribe.',
      ar: 'الحلقات تمنح الناس سببًا للعودة والاشتراك.',
    },
  ),
  s(
    'newsletter',
    'engagement',
    [
      ['email', 5],
      ['social_organic', 2],
    ],
    { en: 'Newsletter worth opening', ar: 'نشرة تستحق الفتح' },
    {
      en: 'A weekly note worth opening, for {market}, about getting more from {product}.',
      ar: 'رسالة أسبوعية تستحق الفتح لجمهور {market}، عن الاستفادة أكثر من {product}.',
    },
    {
      en: 'Email is the channel you own: no algorithm between you and readers.',
      ar: 'البريد قناة تملكها: لا خوارزمية بينك وبين القراء.',
    },
  ),
  s(
    'loyalty-referral',
    'retention',
    [
      ['referral', 5],
      ['email', 3],
    ],
    { en: 'Loyalty and referral', ar: 'الولاء والإحالة' },
    {
      en: 'Share {product}, earn rewards: a referral programme for {market}.',
      ar: 'شارك {product} واكسب مكافآت: برنامج إحالة لجمهور {market}.',
    },
    {
      en: 'Keeping a customer costs far less than finding a new one.',
      ar: 'الاحتفاظ بعميل أرخص بكثير من إيجاد عميل جديد.',
    },
  ),
  s(
    'lifecycle-email',
    'retention',
    [
      ['email', 5],
      ['webinars', 2],
    ],
    { en: 'Lifecycle emails', ar: 'رسائل دورة حياة العميل' },
    {
      en: 'The right tip at the right moment after buying {product}, for {market}.',
      ar: 'النصيحة المناسبة في الوقت المناسب بعد شراء {product}، لجمهور {market}.',
    },
    {
      en: 'Customers who succeed early stay longer and buy again.',
      ar: 'العملاء الذين ينجحون مبكرًا يبقون أطول ويشترون مجددًا.',
    },
  ),
  s(
    'community',
    'retention',
    [
      ['social_organic', 5],
      ['webinars', 2],
      ['email', 2],
    ],
    { en: 'Customer community', ar: 'مجتمع العملاء' },
    {
      en: 'A members-only space for {market} to get more from {product}.',
      ar: 'مساحة للأعضاء فقط لجمهور {market} للاستفادة أكثر من {product}.',
    },
    {
      en: 'Belonging is the strongest switching cost.',
      ar: 'الانتماء أقوى ما يمنع العميل من الانتقال إلى منافس.',
    },
  ),
  s(
    'win-back',
    'retention',
    [
      ['email', 4],
      ['social_ads', 3],
    ],
    { en: 'Win-back campaign', ar: 'حملة استعادة العملاء' },
    {
      en: 'We miss you: a reason to come back to {product}, for lapsed customers ({market}).',
      ar: 'اشتقنا إليك: سبب للعودة إلى {product}، للعملاء المنقطعين ({market}).',
    },
    {
      en: 'Lapsed customers already trust you: the cheapest sales you can make.',
      ar: 'العملاء المنقطعون يثقون بك بالفعل: أرخص مبيعات ممكنة.',
    },
  ),
  s(
    'local-maps',
    'leads',
    [
      ['local_listings', 4],
      ['search', 4],
      ['whatsapp', 2],
    ],
    { en: 'Found on Google Maps', ar: 'الظهور في خرائط جوجل' },
    {
      en: 'Near me, open now, well reviewed: {product}, one tap from a call or a WhatsApp message ({market}).',
      ar: 'قريب ومفتوح الآن وبتقييمات جيدة: {product} على بعد لمسة من اتصال أو رسالة واتساب ({market}).',
    },
    {
      en: 'Most local searches end in a call or a visit within a day: the listing and local search ads catch them.',
      ar: 'أغلب عمليات البحث المحلي تنتهي باتصال أو زيارة خلال يوم، والملف التجاري وإعلانات البحث المحلي يلتقطانها.',
    },
  ),
  s(
    'local-reviews',
    'sales',
    [
      ['local_listings', 4],
      ['whatsapp', 3],
      ['social_ads', 3],
    ],
    { en: 'Reviews and WhatsApp bookings', ar: 'التقييمات والحجز عبر واتساب' },
    {
      en: 'Rated by the neighbours, booked on WhatsApp: {product} ({market}).',
      ar: 'بتقييمات الجيران وحجز عبر واتساب: {product} ({market}).',
    },
    {
      en: 'Reviews decide which local business people choose; WhatsApp turns the choice into a booking.',
      ar: 'التقييمات تحسم اختيار النشاط المحلي، وواتساب يحوّل الاختيار إلى حجز.',
    },
  ),
  s(
    'local-radius',
    'awareness',
    [
      ['social_ads', 5],
      ['local_listings', 3],
    ],
    { en: 'Neighbourhood reach', ar: 'الانتشار في الحي' },
    {
      en: 'Seen by everyone within a few kilometres: {product} ({market}).',
      ar: 'يراه كل من يسكن على بعد كيلومترات قليلة: {product} ({market}).',
    },
    {
      en: 'A local business only needs the people who can walk in; radius targeting pays for no one else.',
      ar: 'النشاط المحلي يحتاج فقط إلى من يستطيع الحضور، والاستهداف الجغرافي لا يدفع إلا مقابلهم.',
    },
  ),
  s(
    'local-regulars',
    'retention',
    [
      ['whatsapp', 5],
      ['local_listings', 2],
    ],
    { en: 'WhatsApp list for regulars', ar: 'قائمة واتساب للعملاء الدائمين' },
    {
      en: 'For regulars of {product} who opt in: first word of new services and quiet-hour offers ({market}).',
      ar: 'للعملاء الدائمين لدى {product} ممن يوافقون: أول من يعرف بالخدمات الجديدة وعروض أوقات الهدوء ({market}).',
    },
    {
      en: 'Regulars answer a personal message far more than an ad, and a quiet hour filled is pure margin.',
      ar: 'العملاء الدائمون يتجاوبون مع الرسالة الشخصية أكثر من الإعلان، وملء ساعة هادئة ربح صافٍ.',
    },
  ),
  s(
    'donor-stories',
    'awareness',
    [
      ['video', 4],
      ['social_ads', 4],
      ['social_organic', 2],
    ],
    { en: 'Donor stories', ar: 'قصص المتبرعين' },
    {
      en: 'One real story a week, told with consent, for {market}: the people behind {product}.',
      ar: 'قصة حقيقية كل أسبوع، تُروى بموافقة أصحابها، لجمهور {market}: الناس وراء {product}.',
    },
    {
      en: 'People give to people, not to programmes: a face and a result move donors more than figures.',
      ar: 'الناس يتبرعون لأناس لا لبرامج: الوجه والنتيجة يحركان المتبرعين أكثر من الأرقام.',
    },
  ),
  s(
    'monthly-giving',
    'sales',
    [
      ['social_ads', 5],
      ['email', 3],
      ['search', 2],
    ],
    { en: 'Monthly giving appeal', ar: 'نداء التبرع الشهري' },
    {
      en: 'Become a monthly supporter of {product}: one amount, one result you can see ({market}).',
      ar: 'تبرّع شهري ثابت: {product}، بمبلغ واحد ونتيجة تراها ({market}).',
    },
    {
      en: 'A monthly donor gives several times what a one-off donor does over a year.',
      ar: 'المتبرع الشهري يعطي خلال العام أضعاف ما يعطيه المتبرع لمرة واحدة.',
    },
  ),
  s(
    'grant-partners',
    'leads',
    [
      ['content_seo', 4],
      ['linkedin', 3],
      ['email', 3],
    ],
    { en: 'Grants and corporate partners', ar: 'المنح وشركاء الشركات' },
    {
      en: 'A one-page impact report on {product}, for foundations and companies that fund such causes ({market}).',
      ar: 'تقرير أثر في صفحة واحدة عن {product}، للمؤسسات المانحة والشركات التي تموّل قضايا مماثلة ({market}).',
    },
    {
      en: 'Grants and corporate giving fund a programme for a year; a clear impact report opens the door.',
      ar: 'المنح وعطاء الشركات يموّلان برنامجًا لعام كامل، وتقرير الأثر الواضح يفتح الباب.',
    },
  ),
  s(
    'volunteer-drive',
    'engagement',
    [
      ['social_organic', 5],
      ['email', 3],
    ],
    { en: 'Volunteer drive', ar: 'حملة تطوع' },
    {
      en: 'Volunteers wanted for {product}: one afternoon a month, for {market}.',
      ar: 'مطلوب متطوعون: {product}، أمسية واحدة في الشهر، لجمهور {market}.',
    },
    {
      en: 'Volunteers become the most loyal donors and bring their friends.',
      ar: 'المتطوعون يصبحون أوفى المتبرعين ويجلبون أصدقاءهم.',
    },
  ),
  s(
    'donor-renewal',
    'retention',
    [
      ['email', 5],
      ['social_ads', 2],
    ],
    { en: 'Thank and renew', ar: 'الشكر وتجديد العطاء' },
    {
      en: 'What your gift did this year, and an invitation to give again: {product} ({market}).',
      ar: 'ما حققه عطاؤك هذا العام، ودعوة للعطاء مجددًا: {product} ({market}).',
    },
    {
      en: 'Donors who hear what their gift did give again far more often than those who only get appeals.',
      ar: 'المتبرعون الذين يعرفون أثر عطائهم يعودون للتبرع أكثر بكثير ممن لا يتلقون إلا النداءات.',
    },
  ),
  s(
    'demo-offer',
    'sales',
    [
      ['search', 5],
      ['linkedin', 3],
      ['email', 2],
    ],
    { en: 'Demo for decision makers', ar: 'عرض توضيحي لصنّاع القرار' },
    {
      en: 'A 20-minute demo of {product} on your own data, for {market}.',
      ar: 'عرض توضيحي مدته \u206820\u2069 دقيقة على بياناتك: {product}، لجمهور {market}.',
    },
    {
      en: 'Business buyers decide after seeing their own case: a demo shortens the sales cycle.',
      ar: 'مشترو الشركات يقررون بعد رؤية حالتهم: العرض التوضيحي يختصر دورة البيع.',
    },
  ),
  s(
    'quiz-funnel',
    'leads',
    [
      ['social_ads', 4],
      ['email', 3],
      ['content_seo', 2],
    ],
    { en: 'Quiz with a recommendation', ar: 'اختبار قصير بتوصية شخصية' },
    {
      en: 'A 60-second quiz for {market} with a personal recommendation at the end: {product}.',
      ar: 'اختبار مدته \u206860\u2069 ثانية لجمهور {market} ينتهي بتوصية شخصية: {product}.',
    },
    {
      en: 'A quiz is worth finishing, so people leave their email for the result, and the answers segment them.',
      ar: 'الاختبار يستحق الإكمال، فيترك الناس بريدهم للحصول على النتيجة، وتقسّمهم إجاباتهم إلى شرائح.',
    },
  ),
  s(
    'whatsapp-ads',
    'leads',
    [
      ['social_ads', 5],
      ['whatsapp', 3],
    ],
    { en: 'Ads that open a WhatsApp chat', ar: 'إعلانات تفتح محادثة واتساب' },
    {
      en: 'Questions answered in minutes on WhatsApp, for {market}: {product}.',
      ar: 'إجابات خلال دقائق على واتساب لجمهور {market}: {product}.',
    },
    {
      en: 'In markets that live on WhatsApp, a chat converts better than a form, and the enquiry stays on the phone.',
      ar: 'في الأسواق التي تعيش على واتساب، المحادثة تحوّل أفضل من النموذج، ويبقى الاستفسار على الهاتف.',
    },
  ),
  s(
    'supporter-signups',
    'leads',
    [
      ['social_ads', 5],
      ['email', 3],
    ],
    { en: 'Supporter sign-ups', ar: 'تسجيل الداعمين' },
    {
      en: 'Add your name in support, for {market}: {product}, then one small way to help each month.',
      ar: 'سجّل اسمك داعمًا، لجمهور {market}: {product}، ثم طريقة صغيرة للمساعدة كل شهر.',
    },
    {
      en: 'A signature costs nothing to give; the welcome emails turn many signers into donors.',
      ar: 'التوقيع لا يكلف شيئًا، ورسائل الترحيب تحوّل كثيرًا من الموقّعين إلى متبرعين.',
    },
  ),
  s(
    'giving-day',
    'sales',
    [
      ['social_ads', 4],
      ['email', 4],
      ['social_organic', 2],
    ],
    { en: 'Giving day with a matched gift', ar: 'يوم عطاء بتبرع مضاعف' },
    {
      en: 'One day only, every gift doubled by a matching donor: {product} ({market}).',
      ar: 'ليوم واحد فقط، يتضاعف كل تبرع بفضل متبرع مقابل: {product} ({market}).',
    },
    {
      en: 'A deadline and a match give people a reason to give today rather than some day.',
      ar: 'الموعد المحدد والتبرع المقابل يمنحان الناس سببًا للعطاء اليوم لا يومًا ما.',
    },
    { maxWeeks: 4 },
  ),
  s(
    'peer-fundraising',
    'engagement',
    [
      ['social_organic', 4],
      ['email', 3],
      ['social_ads', 3],
    ],
    { en: 'Supporter fundraising pages', ar: 'صفحات جمع التبرعات من الداعمين' },
    {
      en: 'Supporters open their own page and ask their friends, for {market}: {product}.',
      ar: 'يفتح الداعمون صفحاتهم الخاصة ويدعون أصدقاءهم، لجمهور {market}: {product}.',
    },
    {
      en: 'A friend asking reaches people no ad can, and each page brings new donors.',
      ar: 'طلب الصديق يصل إلى من لا يصله أي إعلان، وكل صفحة تجلب متبرعين جددًا.',
    },
  ),
  s(
    'donation-search',
    'sales',
    [
      ['search', 5],
      ['email', 2],
    ],
    { en: 'Found when people look for a way to give', ar: 'الظهور لمن يبحث عن طريقة للعطاء' },
    {
      en: 'For people searching for a way to give: {product}, one page, one amount ({market}).',
      ar: 'لمن يبحث عن طريقة للعطاء: {product}، صفحة واحدة ومبلغ واحد ({market}).',
    },
    {
      en: 'People who search to give have already decided; a short donation page loses fewer of them.',
      ar: 'من يبحث ليتبرع قد قرر بالفعل، وصفحة التبرع القصيرة تخسر عددًا أقل منهم.',
    },
  ),
  s(
    'matched-giving',
    'sales',
    [
      ['email', 4],
      ['social_ads', 3],
      ['linkedin', 3],
    ],
    { en: 'Employer gift matching', ar: 'مضاعفة التبرع من جهة العمل' },
    {
      en: 'Ask your employer to match your gift: twice the help, for {market}: {product}.',
      ar: 'اطلب من جهة عملك مضاعفة تبرعك: ضعف العون، لجمهور {market}: {product}.',
    },
    {
      en: 'Many employers match their staff’s gifts; asking donors to claim it doubles gifts at no cost.',
      ar: 'كثير من جهات العمل تضاعف تبرعات موظفيها، وتذكير المتبرعين بذلك يضاعف العطاء دون تكلفة.',
    },
  ),
  s(
    'impact-updates',
    'retention',
    [
      ['email', 4],
      ['social_organic', 3],
    ],
    { en: 'Quarterly impact updates', ar: 'تقارير الأثر الفصلية' },
    {
      en: 'Every quarter, with names, numbers and photos: what {product} achieved ({market}).',
      ar: 'كل ثلاثة أشهر، بالأسماء والأرقام والصور: ما حققه {product} ({market}).',
    },
    {
      en: 'Donors who see results stay; silence between appeals is why most do not give a second time.',
      ar: 'المتبرعون الذين يرون النتائج يبقون، والصمت بين النداءات هو سبب عدم عودة أغلبهم للتبرع.',
    },
  ),
];

/** Goal-level benchmarks for when the chosen channels carry none (sources above CHANNEL_INFO). */
export const GOAL_DEFAULTS: Readonly<
  Record<Goal, ReadonlyArray<{ kpi: Kpi; target: number; direction: 'min' | 'max' }>>
> = {
  awareness: [
    { kpi: 'ctr', target: 1, direction: 'min' },
    { kpi: 'engagement_rate', target: 1, direction: 'min' },
  ],
  leads: [
    { kpi: 'conversion_rate', target: 6.6, direction: 'min' },
    { kpi: 'ctr', target: 1.57, direction: 'min' },
  ],
  // No ROAS here: it needs the average order value (never an implied one).
  sales: [
    { kpi: 'click_rate', target: 2.62, direction: 'min' },
    { kpi: 'conversion_rate', target: 6.6, direction: 'min' },
  ],
  engagement: [
    { kpi: 'engagement_rate', target: 1, direction: 'min' },
    { kpi: 'click_rate', target: 2.62, direction: 'min' },
  ],
  retention: [
    { kpi: 'repeat_purchase_rate', target: 27, direction: 'min' },
    { kpi: 'open_rate', target: 21.33, direction: 'min' },
  ],
};

/** Words that mark a business audience, in English and Arabic. */
export const B2B_WORDS = [
  'b2b',
  'saas',
  'software',
  'business',
  'businesses',
  'companies',
  'company',
  'enterprise',
  'smb',
  'startups',
  'agencies',
  'clinics',
  'hr',
  'crm',
  'erp',
  'شركات',
  'الشركات',
  'مؤسسات',
  'المؤسسات',
  'برمجيات',
  'الأعمال',
];

/**
 * Words that mark each business type when no brand profile says it, in English and Arabic; checked
 * in this order (a charity clinic is a charity; "HR software for clinics" sells to businesses).
 * Anything else reads as a consumer brand.
 */
export const BUSINESS_TYPE_WORDS: ReadonlyArray<readonly [BusinessType, readonly string[]]> = [
  [
    'ngo',
    [
      'charity',
      'charities',
      'nonprofit',
      'ngo',
      'donor',
      'donors',
      'donation',
      'donations',
      'donate',
      'sponsorship',
      'orphan',
      'orphans',
      'volunteer',
      'volunteers',
      'relief',
      'zakat',
      'جمعية',
      'خيرية',
      'الخيرية',
      'تبرع',
      'تبرعات',
      'التبرعات',
      'المتبرعين',
      'متبرعين',
      'كفالة',
      'أيتام',
      'الأيتام',
      'متطوعين',
      'زكاة',
    ],
  ],
  ['b2b', B2B_WORDS],
  [
    'local',
    [
      'clinic',
      'dentist',
      'dental',
      'salon',
      'barber',
      'restaurant',
      'cafe',
      'café',
      'gym',
      'bakery',
      'spa',
      'laundry',
      'pharmacy',
      'whitening',
      'nearby',
      'عيادة',
      'عيادات',
      'مطعم',
      'مقهى',
      'كافيه',
      'صالون',
      'مخبز',
      'صيدلية',
      'مغسلة',
      'تبييض',
    ],
  ],
  ['app', ['app', 'apps', 'ios', 'android', 'تطبيق', 'التطبيق']],
  ['ecommerce', ['ecommerce', 'commerce', 'store', 'shop', 'webshop', 'online', 'متجر', 'المتجر', 'أونلاين']],
];

/** Words that say a brief is aimed at people who already know the brand (no welcome sequence then). */
export const EXISTING_AUDIENCE_WORDS: readonly string[] = [
  'existing',
  'current',
  'subscribers',
  'subscriber',
  'returning',
  'loyal',
  'lapsed',
  'الحاليين',
  'الحاليون',
  'المشتركين',
  'مشتركين',
  'المشتركون',
  'الدائمين',
];
