/**
 * The brand profile: what a workspace sells and how it speaks, stored once (Workspace.brand) so the
 * planner, personas, drafts, reply drafts and recommendations need not be told again. Every field is
 * optional: a brief's own options override the profile, and a missing field means "not known"
 * (never a guessed default such as an implied order value).
 */
import { z } from 'zod';
import type { L10n } from '../core/i18n.js';

export const BUSINESS_TYPES = ['b2b', 'consumer', 'local', 'ngo', 'ecommerce', 'app'] as const;
export type BusinessType = (typeof BUSINESS_TYPES)[number];

/** How each business type is named in replies (a noun phrase, no article). */
export const BUSINESS_TYPE_LABELS: Record<BusinessType, L10n> = {
  b2b: { en: 'B2B, selling to businesses', ar: 'بيع للشركات' },
  consumer: { en: 'consumer brand', ar: 'علامة استهلاكية' },
  local: { en: 'local business', ar: 'نشاط تجاري محلي' },
  ngo: { en: 'non-profit', ar: 'جهة غير ربحية' },
  ecommerce: { en: 'online store', ar: 'متجر إلكتروني' },
  app: { en: 'app', ar: 'تطبيق' },
};

const text = (max: number) => z.string().trim().min(1).max(max);

export const BrandProfileSchema = z
  .object({
    name: text(80),
    /** What it sells, in the team's words ("payroll software for HR teams"). */
    offer: text(200),
    businessType: z.enum(BUSINESS_TYPES),
    /** Country or market text ("Riyadh", "Egypt", "GCC"): picks the benchmark region. */
    market: text(120),
    /** ISO 4217. */
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .optional(),
    /** Average order or deal value in minor units of `currency`. */
    averageOrderMinor: z.number().int().positive().optional(),
    website: z.url().max(300),
    /** How it speaks ("warm, plain, no slang"). */
    voice: text(200),
    wordsToAvoid: z.array(text(60)).max(30),
    /** Without the '#'. */
    hashtags: z.array(text(60)).max(15),
    ctaLink: z.url().max(300),
  })
  .partial();
export type BrandProfile = z.infer<typeof BrandProfileSchema>;

/** The stored JSON as a profile: anything unreadable counts as no profile, never as an error. */
export function brandOf(stored: unknown): BrandProfile {
  const parsed = BrandProfileSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : {};
}

export function hasBrand(profile: BrandProfile): boolean {
  return Object.keys(profile).length > 0;
}

/** The fields of a profile, in the order /brand shows them. */
export const BRAND_FIELDS = [
  'name',
  'offer',
  'businessType',
  'market',
  'currency',
  'averageOrderMinor',
  'website',
  'voice',
  'wordsToAvoid',
  'hashtags',
  'ctaLink',
] as const satisfies ReadonlyArray<keyof BrandProfile>;
export type BrandField = (typeof BRAND_FIELDS)[number];
