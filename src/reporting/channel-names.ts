/**
 * Channel ids as a reader says them in a report: `google_ads` is "Google Ads" and «إعلانات Google»,
 * `web` is "Website" and «الموقع». An id the team made up (a CSV's own channel) is shown as typed.
 * Exports (CSV) keep the ids, so a spreadsheet joins on them.
 */
import type { Locale } from '../core/i18n.js';

const NAMES = new Map<string, { en: string; ar: string }>([
  ['google_ads', { en: 'Google Ads', ar: 'إعلانات Google' }],
  ['google-ads', { en: 'Google Ads', ar: 'إعلانات Google' }],
  ['organic-search', { en: 'Organic search', ar: 'البحث المجاني' }],
  ['facebook', { en: 'Facebook', ar: 'فيسبوك' }],
  ['instagram', { en: 'Instagram', ar: 'إنستغرام' }],
  ['youtube', { en: 'YouTube', ar: 'يوتيوب' }],
  ['email', { en: 'Email', ar: 'البريد الإلكتروني' }],
  ['mailchimp', { en: 'Mailchimp', ar: 'Mailchimp' }],
  ['web', { en: 'Website', ar: 'الموقع' }],
  ['linkedin', { en: 'LinkedIn', ar: 'لينكدإن' }],
  ['tiktok', { en: 'TikTok', ar: 'تيك توك' }],
  ['x', { en: 'X', ar: 'إكس' }],
  ['snapchat', { en: 'Snapchat', ar: 'سناب شات' }],
]);

export function channelLabel(id: string, locale: Locale): string {
  return NAMES.get(id)?.[locale] ?? id;
}
