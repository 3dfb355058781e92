/**
 * Channel names: one spelling per channel at every entry (CSV import, webhook push, API pull,
 * /report's filter), and how a reader sees it. `google_ads`, `Google Ads` and `google-ads` are the
 * channel `google-ads`; `ga4` and `website` are `web`. A name that is neither known nor declared
 * by the team (`/config channels add tiktok-shop`, Workspace.customChannels) is refused with the
 * nearest known name, so a typo such as `facebok` never becomes a channel of its own.
 * Labels: `google-ads` is "Google Ads" and «إعلانات Google», `web` is "Website" and «الموقع»; a
 * channel the team named itself is shown as typed. Exports (CSV) keep the ids.
 */
import { defineMessages, iso, type Locale } from '../core/i18n.js';

/** An import's message for a refused channel name (metrics.ts describeError). */
export const channelMessages = defineMessages(
  'channel-names',
  {
    unknownChannel: (p: { value: string; suggestion?: string | undefined }) =>
      `channel "${p.value}" is unknown${p.suggestion ? `: did you mean "${p.suggestion}"?` : '.'} A channel of your own must be declared first: /config channels add ${p.value}`,
  },
  {
    unknownChannel: (p) =>
      `القناة «${iso(p.value)}» غير معروفة${p.suggestion ? `؛ هل تقصد «${iso(p.suggestion)}»؟` : '.'} أعلِن قناتك الخاصة أولًا بالأمر /config channels add ${iso(p.value)}`,
  },
);

const NAMES = new Map<string, { en: string; ar: string }>([
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

/** Channels every workspace knows without declaring them. */
export const KNOWN_CHANNELS: readonly string[] = [...NAMES.keys()];

/** Other names people and tools use for a known channel (after folding, see foldChannel). */
const ALIASES = new Map<string, string>([
  ['adwords', 'google-ads'],
  ['google', 'google-ads'],
  ['ga4', 'web'],
  ['website', 'web'],
  ['site', 'web'],
  ['search-console', 'organic-search'],
  ['seo', 'organic-search'],
  ['twitter', 'x'],
  ['fb', 'facebook'],
  ['ig', 'instagram'],
]);

/** The channel holding the site's own figures (GA4 sessions and web conversions). */
export const SITE_CHANNEL = 'web';

/** A channel name as stored: lower case, separators (space, _, -) as one hyphen, no edge spaces. */
export function foldChannel(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The one id of a channel, whatever spelling of a known one was used; other names are folded. */
export function normalizeChannel(name: string): string {
  const folded = foldChannel(name);
  return ALIASES.get(folded) ?? folded;
}

/** Stored spellings a channel may have from before names were normalised (`google_ads`). */
export function channelSpellings(id: string): string[] {
  return [...new Set([id, id.replace(/-/g, '_'), id.replace(/-/g, ' ')])];
}

/** The channels a workspace declared beyond the known ones (Workspace.customChannels). */
export function customChannelsOf(ws: { customChannels: unknown }): string[] {
  const list = Array.isArray(ws.customChannels) ? ws.customChannels : [];
  return list.filter((x): x is string => typeof x === 'string').map(normalizeChannel);
}

export type ChannelCheck = { ok: true; id: string } | { ok: false; suggestion: string | undefined };

/**
 * Whether a channel name may be stored: its id when it is known or declared, else the nearest
 * name (known or declared) when one is close enough to be a typo.
 */
export function checkChannel(name: string, custom: readonly string[]): ChannelCheck {
  // Most rows already carry a known id: no folding for them (an import checks every row).
  if (NAMES.has(name)) return { ok: true, id: name };
  const id = normalizeChannel(name);
  if (NAMES.has(id) || custom.includes(id)) return { ok: true, id };
  const suggestion = nearest(id, [...KNOWN_CHANNELS, ...custom]);
  return { ok: false, suggestion };
}

/** The closest name within a third of its length in edits (at least 1, at most 3). */
function nearest(typed: string, names: readonly string[]): string | undefined {
  let best: { name: string; d: number } | undefined;
  for (const name of names) {
    const d = editDistance(typed, name);
    if (d <= Math.min(3, Math.max(1, Math.floor(name.length / 3))) && (!best || d < best.d)) best = { name, d };
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      next.push(Math.min((row[j] as number) + 1, (next[j - 1] as number) + 1, (row[j - 1] as number) + cost));
    }
    row = next;
  }
  return row[b.length] as number;
}

export function channelLabel(id: string, locale: Locale): string {
  return NAMES.get(normalizeChannel(id))?.[locale] ?? id;
}

/**
 * A connected service by name: a network as its channel is named in the reader's language
 * («فيسبوك»), any other (Google Analytics, whose figures are the Website channel) by its own name.
 */
export function serviceLabel(provider: { id: string; name: string }, locale: Locale): string {
  return KNOWN_CHANNELS.includes(provider.id) ? channelLabel(provider.id, locale) : provider.name;
}
