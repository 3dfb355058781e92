/**
 * LinkedIn's "little text" format, which the Posts API reads `commentary` in. Its reserved
 * characters (`| { } @ [ ] ( ) < > # \ * _ ~`) start templates (mentions, hashtags), so each one a
 * person typed is escaped with a backslash; left bare, LinkedIn cuts the text or drops the post.
 * A hashtag a person typed (`#coffee`) becomes the hashtag template `{hashtag|\#|coffee}`, so it
 * stays a clickable tag. Hashtags are found the way the scheduler counts them.
 */
const RESERVED = /[|{}@[\]()<>#\\*_~]/g;
const HASHTAG = /(^|[^\p{L}\p{N}_&])#([\p{L}\p{N}_]+)/gu;

const escapeReserved = (s: string): string => s.replace(RESERVED, (c) => `\\${c}`);

/** Plain text to little text: reserved characters escaped, hashtags as templates. */
export function toLittleText(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(HASHTAG)) {
    const start = (m.index ?? 0) + (m[1]?.length ?? 0);
    out += `${escapeReserved(text.slice(last, start))}{hashtag|\\#|${escapeReserved(m[2] ?? '')}}`;
    last = start + 1 + (m[2]?.length ?? 0);
  }
  return out + escapeReserved(text.slice(last));
}
