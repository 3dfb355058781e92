/**
 * Buyer personas per workspace: built from a segment description by the model when configured, or
 * by the offline rules (an archetype matched on the segment's words, in English or Arabic), and
 * stored with a name unique in the workspace.
 */
import { createHash } from 'node:crypto';
import type { Persona, Prisma } from '@prisma/client';
import { z } from 'zod';
import { type L10n, LOCALES, type Locale } from '../core/i18n.js';
import type { Actor } from '../core/identity.js';
import type { Db } from '../db/client.js';
import { type Generated, generateWithFallback, type Llm, type OfflineGenerator } from '../lib/llm.js';
import type { Logger } from '../log.js';
import type { AuditService } from '../workspace/audit.js';
import { CHANNELS } from './catalog.js';

export const PersonaRequest = z.object({
  segment: z.string().min(1).max(500),
  product: z.string().max(200),
  market: z.string().max(200),
  locale: z.enum(LOCALES),
  /** Picks among names so two personas for one segment differ. */
  seed: z.number().int().min(0).max(1_000_000),
});
export type PersonaRequest = z.infer<typeof PersonaRequest>;

// No string length limits in the generation schema (OpenAI strict mode rejects them); trimmed on save.
const list = (min: number, max: number) => z.array(z.string()).min(min).max(max);
export const PersonaDraft = z.object({
  name: z.string(),
  demographics: z.string(),
  goals: list(1, 5),
  pains: list(1, 5),
  objections: list(1, 5),
  channels: z.array(z.enum(CHANNELS)).min(1).max(5),
  content: list(1, 5),
  messaging: list(1, 5),
  keywords: list(1, 10),
});
export type PersonaDraft = z.infer<typeof PersonaDraft>;

/** What is stored in Persona.data. */
export const PersonaData = PersonaDraft.omit({ name: true });
export type PersonaData = z.infer<typeof PersonaData>;

interface Archetype {
  id: string;
  /** Lower-case words (English and Arabic) that point to this archetype. */
  words: readonly string[];
  role: L10n;
  demographics: L10n;
  goals: readonly L10n[];
  pains: readonly L10n[];
  objections: readonly L10n[];
  channels: ReadonlyArray<(typeof CHANNELS)[number]>;
  content: readonly L10n[];
  messaging: readonly L10n[];
  keywords: L10n;
}

const ARCHETYPES: readonly Archetype[] = [
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

const NAMES: Record<Locale, readonly string[]> = {
  en: ['Sara', 'Maya', 'Lina', 'Nora', 'Dana', 'Hana', 'Rana', 'Leila'],
  ar: ['سارة', 'مايا', 'لينا', 'نورة', 'دانة', 'هناء', 'رنا', 'ليلى'],
};

function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** The archetype whose words appear most in the segment; the everyday shopper when none do. */
export function archetypeFor(segment: string): Archetype {
  const w = words(segment);
  let best = ARCHETYPES[ARCHETYPES.length - 1] as Archetype;
  let bestScore = 0;
  for (const a of ARCHETYPES) {
    const score = w.filter((x) => a.words.includes(x)).length;
    if (score > bestScore) {
      best = a;
      bestScore = score;
    }
  }
  return best;
}

function hash(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0);
}

/** The offline persona: an archetype's profile, the segment's own words as extra keywords. */
export function offlinePersona(r: PersonaRequest): PersonaDraft {
  const a = archetypeFor(r.segment);
  const names = NAMES[r.locale];
  const first = names[(hash(r.segment) + r.seed) % names.length] as string;
  const pick = (items: readonly L10n[]) => items.map((i) => i[r.locale]);
  const own = words(r.segment).filter((x) => x.length > 3);
  const keywords = [...new Set([...a.keywords[r.locale].split(/[,،]\s*/), ...own])].slice(0, 10);
  return {
    name: r.locale === 'ar' ? `${first}، ${a.role.ar}` : `${first}, ${a.role.en}`,
    demographics: a.demographics[r.locale],
    goals: pick(a.goals),
    pains: pick(a.pains),
    objections: pick(a.objections),
    channels: [...a.channels],
    content: pick(a.content),
    messaging: pick(a.messaging),
    keywords,
  };
}

export const personaGenerator: OfflineGenerator = (data) => offlinePersona(PersonaRequest.parse(data));

const INSTRUCTIONS = [
  'You are a senior digital marketer. Build one buyer persona for the customer segment described in',
  'the JSON data (with the product and market for context): a short memorable name, demographics,',
  'goals, pains, objections, the marketing channels that reach them, the content they prefer,',
  'messaging guidance and search keywords. Write every text in the language named by "language".',
].join(' ');

export interface CreatedPersona {
  persona: Persona;
  data: PersonaData;
  source: 'llm' | 'offline';
  fallback?: Generated<unknown>['fallback'];
}

const clip = (s: string, n: number) => {
  const chars = [...s.trim()];
  return chars.length > n ? `${chars.slice(0, n - 1).join('')}…` : chars.join('');
};

export class PersonaService {
  constructor(
    private readonly db: Db,
    private readonly online: Llm | undefined,
    private readonly log: Logger,
    private readonly offline: Llm,
    private readonly audit: AuditService,
  ) {}

  async create(ctx: Actor, request: PersonaRequest, name?: string): Promise<CreatedPersona> {
    const language = request.locale === 'ar' ? 'Arabic' : 'English';
    const out = await generateWithFallback(
      this.online,
      this.offline,
      PersonaDraft,
      { task: 'persona', instructions: INSTRUCTIONS, data: { ...request, language } },
      this.log,
    );
    const { name: proposed, ...rest } = out.value;
    const data = PersonaData.parse({
      ...rest,
      demographics: clip(rest.demographics, 300),
      channels: [...new Set(rest.channels)],
      ...Object.fromEntries(
        (['goals', 'pains', 'objections', 'content', 'messaging', 'keywords'] as const).map((k) => [
          k,
          rest[k].map((x) => clip(x, 200)).filter(Boolean),
        ]),
      ),
    });
    const base = clip(name ?? proposed, 80) || 'Persona';
    const persona = await this.insertUnique(ctx, base, request, data);
    await this.audit.record(ctx, 'persona.create', String(persona.id), { name: persona.name });
    return { persona, data, source: out.source, ...(out.fallback ? { fallback: out.fallback } : {}) };
  }

  /** Names are unique per workspace: "Sara, the founder" becomes "Sara, the founder (2)". */
  private async insertUnique(ctx: Actor, base: string, r: PersonaRequest, data: PersonaData): Promise<Persona> {
    for (let n = 1; n <= 50; n++) {
      const name = n === 1 ? base : `${base} (${n})`;
      const taken = await this.db.persona.findUnique({
        where: { workspaceId_name: { workspaceId: ctx.workspace.id, name } },
      });
      if (taken) continue;
      return this.db.persona.create({
        data: {
          workspaceId: ctx.workspace.id,
          name,
          segment: r.segment,
          data: data as Prisma.InputJsonValue,
          locale: r.locale,
          createdById: ctx.member.externalId,
        },
      });
    }
    throw new Error('could not find a free persona name');
  }

  list(workspaceId: number): Promise<Persona[]> {
    return this.db.persona.findMany({ where: { workspaceId }, orderBy: { id: 'asc' }, take: 100 });
  }

  find(workspaceId: number, id: number): Promise<Persona | null> {
    return this.db.persona.findFirst({ where: { workspaceId, id } });
  }

  async remove(ctx: Actor, id: number): Promise<boolean> {
    const { count } = await this.db.persona.deleteMany({ where: { workspaceId: ctx.workspace.id, id } });
    if (count > 0) await this.audit.record(ctx, 'persona.delete', String(id));
    return count > 0;
  }
}

/** A stored persona's profile, or undefined for a row written by an older version. */
export function personaData(p: Persona): PersonaData | undefined {
  const parsed = PersonaData.safeParse(p.data);
  return parsed.success ? parsed.data : undefined;
}
