/**
 * Paid-media and email benchmarks by region: what a plan's funnel (../funnel.ts) is computed from.
 * Money figures are in USD as the sources publish them, for that region's own auctions; the funnel
 * converts them into the plan's currency. Sources and year are listed under SOURCES and in
 * docs/planner.md ("Benchmarks by region"). A figure no source gives for a region is derived, and
 * says how (`via`): a region's Meta CPM relative to the US one scales its other paid costs.
 */
import type { L10n } from '../../core/i18n.js';

export const REGIONS = ['us_ca', 'western_europe', 'gcc', 'egypt', 'levant', 'north_africa', 'south_asia'] as const;
export type Region = (typeof REGIONS)[number];

export const REGION_LABELS: Record<Region, L10n> = {
  us_ca: { en: 'US and Canada', ar: 'الولايات المتحدة وكندا' },
  western_europe: { en: 'Western Europe', ar: 'أوروبا الغربية' },
  gcc: { en: 'the Gulf (GCC)', ar: 'دول الخليج' },
  egypt: { en: 'Egypt', ar: 'مصر' },
  levant: { en: 'the Levant', ar: 'بلاد الشام' },
  north_africa: { en: 'North Africa', ar: 'شمال أفريقيا' },
  south_asia: { en: 'South Asia', ar: 'جنوب آسيا' },
};

/** Where each figure comes from (cited by id below; the same list is in docs/planner.md). */
export const SOURCES = {
  localiq2024:
    'LocaliQ/WordStream, Search Advertising Benchmarks 2024 (all industries): CPC 4.66 USD, CTR 6.42%, CVR 6.96%',
  wordstreamMeta2024: 'WordStream, Facebook Ads Benchmarks 2024: traffic CTR 1.57%, CPL 21.98 USD',
  revealbot2024: 'Revealbot 2024, Meta CPM about 8 USD (worldwide average, used for US/Canada)',
  catalog: 'carried over from the earlier catalog, source not recorded (Meta CPA 38 USD): to verify',
  googleVideo: 'Google Ads video benchmarks: YouTube CPM about 9 USD, view rate about 30%, CTR 0.65%',
  linkedin: 'LinkedIn Marketing Solutions: sponsored content CTR 0.44-0.65%, CPL about 75 USD, CPM about 33 USD',
  mailchimp: 'Mailchimp, Email Marketing Benchmarks (all industries): open rate 21.33%, click rate 2.62%',
  digitalBoom2025:
    'Digital Boom, "What Is CPM? MENA Benchmarks", June-July 2025: Meta CPM UAE 5-12, KSA 4-9, Qatar 4.5-10, Kuwait 3.5-8, Egypt 1.0-2.5 (June table), Jordan 2-4.5, Morocco 1.8-4 USD; YouTube UAE 8-15, KSA 6-12, Qatar 7-13, Kuwait 5.5-11, Egypt 3-6, Jordan 3.5-7, Morocco 3.2-6.5 USD',
  twoowls2024:
    'Two Owls, "CPM in Facebook Ads" 2024 (from Statista, Hootsuite): Meta CPM UK 5.98, Germany 5.33, France 4.75 USD',
  superads2025: 'Superads, Facebook Ads CPM benchmarks, India, 2025 average: 1.81 USD',
  wordstreamCpcCountry2015:
    'WordStream, "Average Cost per Click by Country" 2015 (index vs the US): UAE 108%, UK 87%, Germany 69%, Italy 75%, Lebanon ~53%, Algeria ~43%',
  worldmetricsPpc: 'WorldMetrics, PPC statistics: Google Ads CPC 2.69 USD in the US, 0.59 USD in India (index 22%)',
} as const;
export type SourceId = keyof typeof SOURCES;

/** A figure and where it comes from; `via` says how a derived figure was computed. */
export interface Figure {
  value: number;
  source: SourceId;
  via?: string;
}

export interface RegionBenchmarks {
  /** Meta: CPM (USD), CTR (%), CPL and CPA (USD). */
  social_ads: { cpm: Figure; ctr: Figure; cpl: Figure; cpa: Figure };
  /** Google search: CPC (USD), CTR (%), conversion rate per click (%): CPL = CPC / CVR. */
  search: { cpc: Figure; ctr: Figure; cvr: Figure };
  /** YouTube: CPM (USD), CTR and view rate (%). */
  video: { cpm: Figure; ctr: Figure; view_rate: Figure };
  /** LinkedIn: CPM and CPL (USD), CTR (%). */
  linkedin: { cpm: Figure; ctr: Figure; cpl: Figure };
  /** Email: open and click rates (%). */
  email: { open_rate: Figure; click_rate: Figure };
}

const US_META_CPM = 8;
const f = (value: number, source: SourceId, via?: string): Figure => (via ? { value, source, via } : { value, source });
const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * A region's table from its own Meta CPM, YouTube CPM and search CPC index; what no source gives
 * (Meta CPL and CPA, and any missing CPM or CPC) is scaled from the US by the Meta CPM ratio, with
 * CTR, conversion and email rates kept at their global values (no regional source found).
 */
function region(p: { metaCpm: Figure; videoCpm?: Figure; searchIndex?: Figure }): RegionBenchmarks {
  const k = p.metaCpm.value / US_META_CPM;
  const via = `US figure x ${round2(k)} (Meta CPM ${p.metaCpm.value} / ${US_META_CPM} USD)`;
  const scaled = (us: number, source: SourceId) => f(round2(us * k), source, via);
  return {
    social_ads: {
      cpm: p.metaCpm,
      ctr: f(1.57, 'wordstreamMeta2024'),
      cpl: k === 1 ? f(21.98, 'wordstreamMeta2024') : scaled(21.98, 'wordstreamMeta2024'),
      cpa: k === 1 ? f(38, 'catalog') : scaled(38, 'catalog'),
    },
    search: {
      cpc: p.searchIndex
        ? f(round2(4.66 * p.searchIndex.value), p.searchIndex.source, `4.66 USD x ${p.searchIndex.value}`)
        : k === 1
          ? f(4.66, 'localiq2024')
          : scaled(4.66, 'localiq2024'),
      ctr: f(6.42, 'localiq2024'),
      cvr: f(6.96, 'localiq2024'),
    },
    video: {
      cpm: p.videoCpm ?? (k === 1 ? f(9, 'googleVideo') : scaled(9, 'googleVideo')),
      ctr: f(0.65, 'googleVideo'),
      view_rate: f(30, 'googleVideo'),
    },
    linkedin: { cpm: f(33, 'linkedin'), ctr: f(0.55, 'linkedin'), cpl: f(75, 'linkedin') },
    email: { open_rate: f(21.33, 'mailchimp'), click_rate: f(2.62, 'mailchimp') },
  };
}

/** The table: midpoints of the published ranges (see SOURCES). */
export const BENCHMARKS: Record<Region, RegionBenchmarks> = {
  us_ca: region({ metaCpm: f(US_META_CPM, 'revealbot2024') }),
  western_europe: region({
    metaCpm: f(5.35, 'twoowls2024', 'mean of UK, Germany, France'),
    searchIndex: f(0.82, 'wordstreamCpcCountry2015', 'mean index of UK, Germany, Italy, Austria, Switzerland'),
  }),
  gcc: region({
    metaCpm: f(7, 'digitalBoom2025', 'mean of the UAE, KSA, Qatar and Kuwait midpoints'),
    videoCpm: f(9.69, 'digitalBoom2025', 'mean of the UAE, KSA, Qatar and Kuwait midpoints'),
    searchIndex: f(1.08, 'wordstreamCpcCountry2015', 'UAE index'),
  }),
  egypt: region({
    metaCpm: f(1.75, 'digitalBoom2025', 'midpoint of 1.0-2.5'),
    videoCpm: f(4.5, 'digitalBoom2025', 'midpoint of 3-6'),
  }),
  levant: region({
    metaCpm: f(3.25, 'digitalBoom2025', 'Jordan, midpoint of 2-4.5'),
    videoCpm: f(5.25, 'digitalBoom2025', 'Jordan, midpoint of 3.5-7'),
    searchIndex: f(0.53, 'wordstreamCpcCountry2015', 'Lebanon index'),
  }),
  north_africa: region({
    metaCpm: f(2.9, 'digitalBoom2025', 'Morocco, midpoint of 1.8-4'),
    videoCpm: f(4.85, 'digitalBoom2025', 'Morocco, midpoint of 3.2-6.5'),
    searchIndex: f(0.43, 'wordstreamCpcCountry2015', 'Algeria index'),
  }),
  south_asia: region({
    metaCpm: f(1.81, 'superads2025', 'India'),
    searchIndex: f(0.22, 'worldmetricsPpc', 'India 0.59 / US 2.69'),
  }),
};

/**
 * Place names (English and Arabic) that point to a region, matched as whole words or phrases in
 * the market text; the first region named wins. Ambiguous names are left out ("عمان" is both Oman
 * and Amman; "us" is a pronoun).
 */
export const REGION_PLACES: Record<Region, readonly string[]> = {
  gcc: [
    'gcc',
    'gulf',
    'saudi',
    'saudi arabia',
    'ksa',
    'riyadh',
    'jeddah',
    'jedda',
    'dammam',
    'khobar',
    'mecca',
    'makkah',
    'medina',
    'madinah',
    'uae',
    'emirates',
    'dubai',
    'abu dhabi',
    'sharjah',
    'ajman',
    'qatar',
    'doha',
    'kuwait',
    'bahrain',
    'manama',
    'oman',
    'muscat',
    'الخليج',
    'السعودية',
    'المملكة',
    'الرياض',
    'جدة',
    'الدمام',
    'الخبر',
    'مكة',
    'المدينة المنورة',
    'الإمارات',
    'دبي',
    'أبوظبي',
    'أبو ظبي',
    'الشارقة',
    'عجمان',
    'قطر',
    'الدوحة',
    'الكويت',
    'البحرين',
    'المنامة',
    'مسقط',
    'سلطنة عمان',
  ],
  egypt: ['egypt', 'cairo', 'alexandria', 'giza', 'mansoura', 'مصر', 'القاهرة', 'الإسكندرية', 'الجيزة', 'المنصورة'],
  levant: [
    'levant',
    'jordan',
    'amman',
    'lebanon',
    'beirut',
    'syria',
    'damascus',
    'aleppo',
    'palestine',
    'ramallah',
    'الشام',
    'الأردن',
    'عمّان',
    'لبنان',
    'بيروت',
    'سوريا',
    'دمشق',
    'حلب',
    'فلسطين',
    'رام الله',
  ],
  north_africa: [
    'morocco',
    'casablanca',
    'rabat',
    'marrakech',
    'algeria',
    'algiers',
    'tunisia',
    'tunis',
    'libya',
    'tripoli',
    'المغرب',
    'الدار البيضاء',
    'الرباط',
    'مراكش',
    'الجزائر',
    'تونس',
    'ليبيا',
    'طرابلس',
  ],
  south_asia: [
    'india',
    'mumbai',
    'delhi',
    'new delhi',
    'bangalore',
    'bengaluru',
    'chennai',
    'hyderabad',
    'pakistan',
    'karachi',
    'lahore',
    'islamabad',
    'bangladesh',
    'dhaka',
    'sri lanka',
    'colombo',
    'nepal',
    'kathmandu',
    'الهند',
    'باكستان',
    'بنغلاديش',
    'كراتشي',
  ],
  western_europe: [
    'europe',
    'uk',
    'britain',
    'england',
    'london',
    'manchester',
    'germany',
    'berlin',
    'munich',
    'france',
    'paris',
    'spain',
    'madrid',
    'barcelona',
    'italy',
    'rome',
    'milan',
    'netherlands',
    'amsterdam',
    'belgium',
    'brussels',
    'ireland',
    'dublin',
    'portugal',
    'lisbon',
    'switzerland',
    'zurich',
    'austria',
    'vienna',
    'sweden',
    'stockholm',
    'denmark',
    'copenhagen',
    'norway',
    'oslo',
    'أوروبا',
    'بريطانيا',
    'لندن',
    'ألمانيا',
    'برلين',
    'فرنسا',
    'باريس',
    'إسبانيا',
    'إيطاليا',
    'هولندا',
  ],
  us_ca: [
    'usa',
    'u.s.',
    'united states',
    'america',
    'new york',
    'california',
    'texas',
    'florida',
    'chicago',
    'los angeles',
    'san francisco',
    'seattle',
    'boston',
    'canada',
    'toronto',
    'vancouver',
    'montreal',
    'أمريكا',
    'أميركا',
    'الولايات المتحدة',
    'كندا',
    'نيويورك',
    'تورونتو',
  ],
};

/** The region a currency points to when the market names no place. */
export const CURRENCY_REGIONS: Readonly<Record<string, Region>> = {
  USD: 'us_ca',
  CAD: 'us_ca',
  EUR: 'western_europe',
  GBP: 'western_europe',
  CHF: 'western_europe',
  SEK: 'western_europe',
  NOK: 'western_europe',
  DKK: 'western_europe',
  SAR: 'gcc',
  AED: 'gcc',
  QAR: 'gcc',
  KWD: 'gcc',
  BHD: 'gcc',
  OMR: 'gcc',
  EGP: 'egypt',
  JOD: 'levant',
  LBP: 'levant',
  SYP: 'levant',
  MAD: 'north_africa',
  DZD: 'north_africa',
  TND: 'north_africa',
  LYD: 'north_africa',
  INR: 'south_asia',
  PKR: 'south_asia',
  BDT: 'south_asia',
  LKR: 'south_asia',
  NPR: 'south_asia',
};
