/**
 * What a network takes of each attached file (its provider's `publish.limits.files`), checked when
 * the post is scheduled so it does not fail at 9 am: how many items, which types, how large, which
 * aspect ratio, how long a video. Files from chat carry their facts (type from the magic bytes,
 * size, picture size, duration); a pasted URL carries only its kind, so only the count and the kind
 * are checked for it, and the network has the last word.
 */

import type { FileRules } from '../../../integrations/provider.js';
import type { MediaFacts, MediaItem } from '../../../integrations/publisher.js';
import { defineMessages, formatNumber, iso } from '../../core/i18n.js';
import type { Viewer } from '../../core/identity.js';
import { type CountedNoun, count } from '../../lib/plural.js';

export type FileProblem =
  | { kind: 'tooManyItems'; channel: string; max: number; got: number }
  | { kind: 'fileType'; channel: string; name: string; mime: string; takes: readonly string[] }
  | { kind: 'fileTooLarge'; channel: string; name: string; max: number; got: number }
  | { kind: 'aspect'; channel: string; name: string; width: number; height: number; min: number; max: number }
  | { kind: 'videoTooLong'; channel: string; name: string; maxMs: number; gotMs: number }
  | { kind: 'videoTooShort'; channel: string; name: string; minMs: number; gotMs: number }
  | { kind: 'tooManyPages'; channel: string; name: string; max: number; got: number }
  | { kind: 'alone'; channel: string; what: 'video' | 'document'; got: number }
  | { kind: 'needsPublicUrl'; channel: string };

/** The problems of `media` on a network with these rules (none when the network declares none). */
export function checkFiles(
  channel: string,
  media: readonly MediaItem[],
  rules: FileRules | undefined,
  publicUrl: boolean,
): FileProblem[] {
  if (!rules) return [];
  const problems: FileProblem[] = [];
  if (rules.maxItems !== undefined && media.length > rules.maxItems) {
    problems.push({ kind: 'tooManyItems', channel, max: rules.maxItems, got: media.length });
  }
  const alone = rules.alone?.find((k) => media.some((m) => m.kind === k));
  if (alone && media.length > 1) problems.push({ kind: 'alone', channel, what: alone, got: media.length });
  const files = media.filter((m): m is MediaItem & { file: MediaFacts } => m.file !== undefined);
  for (const { kind, file } of files) {
    const rule = rules[kind];
    if (!rule) continue;
    const name = file.name;
    if (rule.types && !rule.types.includes(file.mime)) {
      problems.push({ kind: 'fileType', channel, name, mime: file.mime, takes: rule.types });
      continue;
    }
    if (rule.maxBytes !== undefined && file.bytes > rule.maxBytes) {
      problems.push({ kind: 'fileTooLarge', channel, name, max: rule.maxBytes, got: file.bytes });
    }
    const maxPages = 'maxPages' in rule ? rule.maxPages : undefined;
    if (maxPages !== undefined && file.pages !== undefined && file.pages > maxPages) {
      problems.push({ kind: 'tooManyPages', channel, name, max: maxPages, got: file.pages });
    }
    const ratio = 'ratio' in rule ? rule.ratio : undefined;
    if (ratio && file.width && file.height) {
      const r = file.width / file.height;
      // Rounded as the networks print them (0.8, 1.91): a 1080×1350 picture is exactly 4:5.
      if (r < ratio.min - 0.005 || r > ratio.max + 0.005) {
        problems.push({ kind: 'aspect', channel, name, width: file.width, height: file.height, ...ratio });
      }
    }
    const length = 'maxDurationMs' in rule || 'minDurationMs' in rule ? rule : undefined;
    if (length && file.durationMs !== undefined) {
      if (length.maxDurationMs !== undefined && file.durationMs > length.maxDurationMs) {
        problems.push({ kind: 'videoTooLong', channel, name, maxMs: length.maxDurationMs, gotMs: file.durationMs });
      }
      if (length.minDurationMs !== undefined && file.durationMs < length.minDurationMs) {
        problems.push({ kind: 'videoTooShort', channel, name, minMs: length.minDurationMs, gotMs: file.durationMs });
      }
    }
  }
  // Said last: the files themselves come first, a setting the admin changes after.
  if (rules.byUrl && files.length > 0 && !publicUrl) problems.push({ kind: 'needsPublicUrl', channel });
  return problems;
}

export const PAGE: CountedNoun = {
  en: { one: 'page', other: 'pages' },
  ar: { one: 'صفحة واحدة', two: 'صفحتين', few: 'صفحات', many: 'صفحة', other: 'صفحة' },
};

const FILE: CountedNoun = {
  en: { one: 'file', other: 'files' },
  ar: { one: 'ملف واحد', two: 'ملفين', few: 'ملفات', many: 'ملفًا', other: 'ملف' },
};

/** Short type names people know ("JPEG"), from the stored MIME type. */
const TYPE_NAMES: Record<string, string> = {
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/gif': 'GIF',
  'image/webp': 'WebP',
  'video/mp4': 'MP4',
  'video/quicktime': 'MOV',
  'application/pdf': 'PDF',
};
export const typeName = (mime: string) => TYPE_NAMES[mime] ?? mime;

/** "8 MB" / «8 ميغابايت», to one decimal under 10. */
function megabytes(bytes: number, locale: 'en' | 'ar'): string {
  const mb = bytes / (1024 * 1024);
  const shown = formatNumber(mb, locale, mb < 10 && !Number.isInteger(mb) ? 1 : 0);
  return locale === 'en' ? `${shown} MB` : `${shown} ميغابايت`;
}

/** "1:1.25" style is hard to read; a ratio is shown as width:height with two decimals ("0.75:1"). */
const ratioText = (r: number, locale: 'en' | 'ar') => `${formatNumber(r, locale, 2)}:${formatNumber(1, locale)}`;

function durationText(ms: number, locale: 'en' | 'ar'): string {
  const s = Math.round(ms / 1000);
  // X's 140 seconds is not "2 minutes": short limits that are not whole minutes stay in seconds.
  if (s < 120 || (s < 600 && s % 60 !== 0)) return count(s, 'second', locale);
  return count(Math.round(s / 60), 'minute', locale);
}

const m = defineMessages(
  'media-rules',
  {
    tooManyItems: (p: { channel: string; max: string; got: string }) =>
      `${p.channel} takes at most ${p.max} on one post; this one has ${p.got}.`,
    fileType: (p: { channel: string; name: string; type: string; takes: string }) =>
      `${p.channel} does not take ${p.type} files here (${p.name}): use ${p.takes}.`,
    fileTooLarge: (p: { channel: string; name: string; max: string; got: string }) =>
      `${p.name} is ${p.got}; ${p.channel} takes files up to ${p.max}.`,
    aspect: (p: { channel: string; name: string; size: string; ratio: string; min: string; max: string }) =>
      `${p.name} is ${p.size} (${p.ratio}); ${p.channel} takes pictures from ${p.min} (portrait) to ${p.max} (landscape). Crop it and attach it again.`,
    videoTooLong: (p: { channel: string; name: string; max: string; got: string }) =>
      `${p.name} lasts ${p.got}; ${p.channel} takes videos up to ${p.max}.`,
    videoTooShort: (p: { channel: string; name: string; min: string; got: string }) =>
      `${p.name} lasts ${p.got}; ${p.channel} needs a video of at least ${p.min}.`,
    tooManyPages: (p: { channel: string; name: string; max: string; got: string }) =>
      `${p.name} has ${p.got}; ${p.channel} takes documents of up to ${p.max}.`,
    videoAlone: (p: { channel: string; got: string }) =>
      `${p.channel} takes a video on a post of its own, without other files; this one has ${p.got}. Schedule the other files in a separate post.`,
    documentAlone: (p: { channel: string; got: string }) =>
      `${p.channel} takes a PDF document on a post of its own, without other files; this one has ${p.got}. Schedule the other files in a separate post.`,
    needsPublicUrl: (p: { channel: string }) =>
      `${p.channel} downloads media from a public address, and PUBLIC_URL is not set on this bot: an admin sets it (docs/media.md), or use media:https://… instead of an attached file.`,
    or: 'or',
  },
  {
    tooManyItems: (p) => `يقبل ${iso(p.channel)} ${p.max} على الأكثر في المنشور الواحد، وهذا المنشور يحمل ${p.got}.`,
    fileType: (p) => `لا يقبل ${iso(p.channel)} هنا ملفات ${iso(p.type)} (${iso(p.name)}): استخدم ${iso(p.takes)}.`,
    fileTooLarge: (p) => `حجم ${iso(p.name)} ${p.got}، و${iso(p.channel)} يقبل ملفات حتى ${p.max}.`,
    aspect: (p) =>
      `أبعاد ${iso(p.name)} ${iso(p.size)} (${iso(p.ratio)})؛ و${iso(p.channel)} يقبل الصور من ${iso(p.min)} (طولية) إلى ${iso(p.max)} (عرضية). اقتصّها وأرفقها من جديد.`,
    videoTooLong: (p) => `مدة ${iso(p.name)} ${p.got}، و${iso(p.channel)} يقبل مقاطع حتى ${p.max}.`,
    videoTooShort: (p) => `مدة ${iso(p.name)} ${p.got}، و${iso(p.channel)} يحتاج مقطعًا لا تقل مدته عن ${p.min}.`,
    tooManyPages: (p) => `في ${iso(p.name)} ${p.got}، و${iso(p.channel)} يقبل مستندات حتى ${p.max}.`,
    videoAlone: (p) =>
      `يقبل ${iso(p.channel)} الفيديو في منشور خاص به دون ملفات أخرى، وهذا المنشور يحمل ${p.got}. جدوِل الملفات الأخرى في منشور منفصل.`,
    documentAlone: (p) =>
      `يقبل ${iso(p.channel)} مستند PDF في منشور خاص به دون ملفات أخرى، وهذا المنشور يحمل ${p.got}. جدوِل الملفات الأخرى في منشور منفصل.`,
    needsPublicUrl: (p) =>
      `ينزّل ${iso(p.channel)} الوسائط من عنوان عام، ولم يُضبط ${iso('PUBLIC_URL')} لهذا البوت: يضبطه المسؤول (${iso('docs/media.md')})، أو استخدم ${iso('media:https://…')} بدل الملف المرفق.`,
    or: 'أو',
  },
);

export function fileProblemText(p: FileProblem, channel: string, v: Viewer): string {
  const t = v.t(m);
  const loc = v.locale;
  switch (p.kind) {
    case 'tooManyItems':
      return t.tooManyItems({ channel, max: count(p.max, FILE, loc), got: count(p.got, FILE, loc) });
    case 'fileType': {
      const names = [...new Set(p.takes.map(typeName))];
      const takes = names.length > 1 ? `${names.slice(0, -1).join(', ')} ${t.or} ${names.at(-1)}` : (names[0] ?? '');
      return t.fileType({ channel, name: p.name, type: typeName(p.mime), takes });
    }
    case 'fileTooLarge':
      return t.fileTooLarge({ channel, name: p.name, max: megabytes(p.max, loc), got: megabytes(p.got, loc) });
    case 'aspect':
      return t.aspect({
        channel,
        name: p.name,
        size: `${p.width}×${p.height}`,
        ratio: ratioText(p.width / p.height, loc),
        min: ratioText(p.min, loc),
        max: ratioText(p.max, loc),
      });
    case 'videoTooLong':
      return t.videoTooLong({
        channel,
        name: p.name,
        max: durationText(p.maxMs, loc),
        got: durationText(p.gotMs, loc),
      });
    case 'videoTooShort':
      return t.videoTooShort({
        channel,
        name: p.name,
        min: durationText(p.minMs, loc),
        got: durationText(p.gotMs, loc),
      });
    case 'tooManyPages':
      return t.tooManyPages({ channel, name: p.name, max: count(p.max, PAGE, loc), got: count(p.got, PAGE, loc) });
    case 'alone': {
      const got = count(p.got, FILE, loc);
      return p.what === 'video' ? t.videoAlone({ channel, got }) : t.documentAlone({ channel, got });
    }
    case 'needsPublicUrl':
      return t.needsPublicUrl({ channel });
  }
}
