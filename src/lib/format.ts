/**
 * How figures are shown: money from minor units in the workspace currency, rates as percentages,
 * multiples (ROAS) with an "x", durations in seconds, and "n/a" where a formula has no answer.
 * Figures are Western-digit and isolated in Arabic; lib/digits shows them in the workspace's digits.
 */
import { defineMessages, formatNumber, iso, isoIn, type Locale, plainNumber } from '../core/i18n.js';
import { type KpiKind, NA, type Ratio } from '../reporting/kpi.js';
import { formatAmount, minorDigits } from './money.js';

/** Amounts of a thousand or more drop the minor unit; `whole` drops it always (chart axes). */
export function formatMoney(minor: number | Ratio, currency: string, locale: Locale, whole = false): string {
  if (minor === NA) return naText(locale);
  const digits = minorDigits(currency);
  const shown = whole || Math.abs(minor) >= 1000 * 10 ** digits ? 0 : digits;
  return formatAmount(minor / 10 ** digits, currency, locale, shown);
}

export function formatCount(n: number, locale: Locale): string {
  return formatNumber(n, locale, 0);
}

export function formatPercent(r: Ratio, locale: Locale, digits?: number): string {
  if (r === NA) return naText(locale);
  const pct = r * 100;
  // Small rates (CTR 0.99%, click rate 2.75%) need two decimals or they all read "1%".
  return isoIn(`${plainNumber(pct, locale, digits ?? (Math.abs(pct) < 10 ? 2 : 1))}%`, locale);
}

/**
 * Decimals that keep a rate apart from its goal: 1.4962% against 1.5% reads "1.496%", not "1.5%
 * against a goal of 1.5%: at risk". At most four; the usual two (one from 10% up) otherwise.
 */
export function percentDigits(actual: number, goal: number): number {
  const usual = Math.abs(actual * 100) < 10 ? 2 : 1;
  for (let d = usual; d <= 4; d++) {
    if (Math.round(actual * 100 * 10 ** d) !== Math.round(goal * 100 * 10 ** d)) return d;
  }
  return usual;
}

/** ROAS-style multiples always with two decimals: 3.70x, and 3.70× in Arabic (no Latin letter). */
export function formatMultiple(r: Ratio, locale: Locale): string {
  if (r === NA) return naText(locale);
  const s = plainNumber(r, locale, 2, true);
  return locale === 'ar' ? iso(`${s}×`) : `${s}x`;
}

export function formatSeconds(r: Ratio, locale: Locale): string {
  if (r === NA) return naText(locale);
  return locale === 'ar' ? `${formatNumber(r, locale, 0)} ث` : `${formatNumber(r, locale, 0)} s`;
}

export function naText(locale: Locale): string {
  return locale === 'ar' ? 'غير متاح' : 'n/a';
}

/** "+12.5%" / "-3.0%" change between two values; n/a when the base is zero (issue 8: "new"). */
export function formatChange(change: Ratio, locale: Locale): string {
  if (change === NA) return naText(locale);
  const sign = change > 0 ? '+' : change < 0 ? '−' : '±';
  return isoIn(`${sign}${plainNumber(Math.abs(change) * 100, locale, 1)}%`, locale);
}

/** ▲ rising, ▼ falling, ▬ flat (within half a percent) or unknown. */
export function arrow(change: Ratio): string {
  if (change === NA || Math.abs(change) < 0.005) return '▬';
  return change > 0 ? '▲' : '▼';
}

/** Display names of KPIs and totals (targets use both). */
export const kpiNames = defineMessages(
  'kpi-names',
  {
    roi: 'ROI',
    roas: 'ROAS',
    ctr: 'CTR',
    cpc: 'CPC',
    cpm: 'CPM',
    cpl: 'CPL (cost per lead)',
    cpa: 'CPA (cost per conversion)',
    conversion_rate: 'Ad conversion rate',
    site_conversion_rate: 'Site conversion rate',
    open_rate: 'Email open rate',
    click_rate: 'Email click rate',
    engagement_rate: 'Social engagement rate',
    web_engagement_rate: 'Web engagement rate',
    avg_engagement_time: 'Avg engagement time per user',
    dwell_time: 'Dwell time per session',
    returning_rate: 'Returning visitors',
    avg_position: 'Average search position',
    revenue: 'Revenue',
    spend: 'Spend',
    conversions: 'Conversions',
    site_conversions: 'Site conversions',
    leads: 'Leads',
    clicks: 'Clicks',
    impressions: 'Impressions',
    reach: 'Reach',
    engagements: 'Engagements',
    sessions: 'Sessions',
    followers: 'Followers',
    cost: 'Cost',
    conversion_value: 'Conversion value',
  },
  {
    roi: 'العائد على الاستثمار ROI',
    roas: 'العائد على الإنفاق الإعلاني ROAS',
    ctr: 'نسبة النقر CTR',
    cpc: 'تكلفة النقرة CPC',
    cpm: 'تكلفة الألف ظهور CPM',
    cpl: 'تكلفة العميل المحتمل CPL',
    cpa: 'تكلفة التحويل CPA',
    conversion_rate: 'معدل التحويل من الإعلانات',
    site_conversion_rate: 'معدل التحويل في الموقع',
    open_rate: 'معدل فتح البريد',
    click_rate: 'معدل النقر في البريد',
    engagement_rate: 'معدل التفاعل الاجتماعي',
    web_engagement_rate: 'معدل تفاعل الموقع',
    avg_engagement_time: 'متوسط وقت التفاعل لكل مستخدم',
    dwell_time: 'مدة البقاء لكل جلسة',
    returning_rate: 'الزوار العائدون',
    avg_position: 'متوسط الترتيب في البحث',
    revenue: 'الإيرادات',
    spend: 'الإنفاق',
    conversions: 'التحويلات',
    site_conversions: 'التحويلات في الموقع',
    leads: 'العملاء المحتملون',
    clicks: 'النقرات',
    impressions: 'مرات الظهور',
    reach: 'الوصول',
    engagements: 'التفاعلات',
    sessions: 'الجلسات',
    followers: 'المتابعون',
    cost: 'التكلفة',
    conversion_value: 'قيمة التحويلات',
  },
);
export type NamedFigure = keyof (typeof kpiNames)['en'];

export type FigureKind = KpiKind | 'count';

/** One figure in its kind's format: money from minor units, rates as %, multiples, seconds, counts. */
export function formatFigure(kind: FigureKind, v: Ratio, currency: string, locale: Locale): string {
  switch (kind) {
    case 'money':
      return formatMoney(v, currency, locale);
    case 'percent':
      return formatPercent(v, locale);
    case 'multiple':
      return formatMultiple(v, locale);
    case 'seconds':
      return formatSeconds(v, locale);
    case 'position':
      // Always one decimal (4.0, 12.3): Search Console shows positions so, and 4 would read as exact.
      return v === NA
        ? naText(locale)
        : new Intl.NumberFormat(locale === 'ar' ? 'ar-u-nu-latn' : 'en-US', {
            minimumFractionDigits: 1,
            maximumFractionDigits: 1,
          }).format(v);
    case 'count':
      return v === NA ? naText(locale) : formatCount(v, locale);
  }
}
