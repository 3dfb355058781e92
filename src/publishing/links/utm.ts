/**
 * UTM tags on the links of a scheduled post, so the site's analytics (GA4) can tell which network,
 * campaign and post brought a visit. Added at scheduling time, so the confirmation shows the link
 * that will go out and the network's length rules count it. The link is edited as text, never
 * re-serialised: an Arabic path, an existing query and a #fragment stay exactly as typed, and a link
 * that already carries any utm_* parameter is left alone (someone tagged it on purpose).
 */
import { DateTime } from 'luxon';

export interface UtmTags {
  source: string;
  medium: string;
  campaign: string;
  content: string;
}

/** Used when the post belongs to no campaign: visits still group under one name in GA4. */
export const DEFAULT_CAMPAIGN = 'mktbot';

// A link runs to the first space or character that cannot be in one; trailing punctuation of the
// sentence around it is not part of it.
// Slack writes a link as <https://…|label>: the | and > end it.
const LINK = /\bhttps?:\/\/[^\s<>"'«»|]+/giu;
const TRAILING = /[.,;:!?)\]}،؛؟…]+$/u;

/** "Winter Sale 2027" -> "winter-sale-2027"; Arabic letters are kept (GA4 shows them as typed). */
export function campaignSlug(name: string | null | undefined): string {
  const slug = (name ?? '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return slug || DEFAULT_CAMPAIGN;
}

/** The tags of one post: the network, social or email, the campaign, and the post's own slot. */
export function utmFor(
  p: { channel: string; campaign?: string | null | undefined; publishAt: Date },
  zone: string,
): UtmTags {
  return {
    source: p.channel,
    medium: p.channel === 'mailchimp' ? 'email' : 'social',
    campaign: campaignSlug(p.campaign),
    // Per post: the network and its local time tell two posts of one campaign apart.
    content: `${p.channel}-${DateTime.fromJSDate(p.publishAt, { zone }).toFormat('yyyyMMdd-HHmm')}`,
  };
}

/**
 * A post's text with its links tagged, unless the workspace turned tagging off or the post is a
 * reminder (a person posts it by hand, on a network nobody named).
 */
export function tagPostText(
  text: string,
  post: { channel: string; campaign?: string | null | undefined; publishAt: Date },
  ws: { timezone: string; utmTagging: boolean },
): string {
  if (!ws.utmTagging || post.channel === 'reminder') return text;
  return tagLinks(text, utmFor(post, ws.timezone));
}

/** One link with the tags added, or as it was when it already has utm_* or is not a URL. */
export function tagLink(link: string, tags: UtmTags): string {
  try {
    new URL(link);
  } catch {
    return link;
  }
  const hashAt = link.indexOf('#');
  const beforeHash = hashAt === -1 ? link : link.slice(0, hashAt);
  const fragment = hashAt === -1 ? '' : link.slice(hashAt);
  const queryAt = beforeHash.indexOf('?');
  const query = queryAt === -1 ? '' : beforeHash.slice(queryAt + 1);
  if (query.split('&').some((kv) => /^utm_/i.test(kv))) return link;
  const added = (['source', 'medium', 'campaign', 'content'] as const)
    .map((k) => `utm_${k}=${encodeURIComponent(tags[k])}`)
    .join('&');
  const joiner = queryAt === -1 ? '?' : query === '' || query.endsWith('&') ? '' : '&';
  return `${beforeHash}${joiner}${added}${fragment}`;
}

/** Every http(s) link in `text` tagged (see tagLink); the rest of the text untouched. */
export function tagLinks(text: string, tags: UtmTags): string {
  return text.replace(LINK, (match) => {
    let link = match.replace(TRAILING, '');
    // A closing parenthesis belongs to the link when the link opened one (Wikipedia-style paths).
    while (match.length > link.length && match[link.length] === ')' && count(link, '(') > count(link, ')')) {
      link = match.slice(0, link.length + 1);
    }
    return tagLink(link, tags) + match.slice(link.length);
  });
}

function count(s: string, ch: string): number {
  return s.split(ch).length - 1;
}
