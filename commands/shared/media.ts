/**
 * The media of a post, from what came with the command: `media:` links (several separated by spaces
 * or `;`), files attached to the message (a Slack file share, Discord's file options), and in console
 * mode a path on the machine running the bot (`media:./photo.jpg`). Attached files are checked by
 * their magic bytes and kept by the bot (src/publishing/media/store.ts); any problem stops the
 * command with the file's name and the reason, and nothing is scheduled.
 */
import { z } from 'zod';
import type { MediaItem } from '../../integrations/publisher.js';
import type { Context } from '../../src/core/context.js';
import { UserError } from '../../src/core/errors.js';
import { defineMessages, formatNumber, iso } from '../../src/core/i18n.js';
import { type Attachment, AttachmentError } from '../../src/core/identity.js';
import { PUBLISHABLE_TYPES } from '../../src/publishing/media/sniff.js';
import { MAX_MEDIA_BYTES, type Stored, type StoreProblem } from '../../src/publishing/media/store.js';
import { mediaFromUrl } from '../../src/publishing/scheduler.js';

const m = defineMessages(
  'media',
  {
    notMedia: (p: { name: string; types: string }) =>
      `${p.name} is not a ${p.types} file, whatever its name says, so it was not kept. Nothing was scheduled.`,
    tooLarge: (p: { name: string; max: string }) =>
      `${p.name} is larger than ${p.max} MB, the most the bot keeps. Nothing was scheduled.`,
    empty: (p: { name: string }) => `${p.name} is empty. Nothing was scheduled.`,
    unreadable: (p: { name: string }) =>
      `${p.name} cannot be read: check the path (it is read on the machine running the bot). Nothing was scheduled.`,
    unreachable: (p: { name: string }) =>
      `${p.name} could not be fetched from the chat. Attach it again in a minute. Nothing was scheduled.`,
    noPermission: (p: { name: string }) =>
      `${p.name} could not be fetched: the Slack app needs the files:read permission (an admin adds it and reinstalls the app, docs/slack.md). Nothing was scheduled.`,
    pathHere: (p: { value: string }) =>
      `"${p.value}" is not an https:// link. To use a file from your computer, attach it to the message (docs/media.md).`,
    badLink: (p: { value: string }) => `"${p.value}" is not a link that can be read: use https://…`,
  },
  {
    notMedia: (p) => `الملف ${iso(p.name)} ليس بصيغة ${p.types} مهما قال اسمه، فلم يُحفظ. لم يُجدول شيء.`,
    tooLarge: (p) => `حجم ${iso(p.name)} أكبر من ${iso(p.max)} ميغابايت، وهو أقصى ما يحفظه البوت. لم يُجدول شيء.`,
    empty: (p) => `الملف ${iso(p.name)} فارغ. لم يُجدول شيء.`,
    unreadable: (p) => `تعذّرت قراءة ${iso(p.name)}: تحقّق من المسار (يُقرأ على الجهاز الذي يشغّل البوت). لم يُجدول شيء.`,
    unreachable: (p) => `تعذّر جلب ${iso(p.name)} من المحادثة. أرفقه من جديد بعد دقيقة. لم يُجدول شيء.`,
    noPermission: (p) =>
      `تعذّر جلب ${iso(p.name)}: يحتاج تطبيق Slack إلى صلاحية files:read (يضيفها المسؤول ويعيد تثبيت التطبيق، docs/slack.md). لم يُجدول شيء.`,
    pathHere: (p) => `«${iso(p.value)}» ليس رابط https://. لاستخدام ملف من جهازك، أرفقه بالرسالة (docs/media.md).`,
    badLink: (p) => `«${iso(p.value)}» ليس رابطًا يمكن قراءته: استخدم https://…`,
  },
);

const link = z.url({ protocol: /^https?$/ });

/** Whether anything came with the command that would become media (links, paths or attached files). */
export function hasMedia(value: string | undefined, ctx: Context): boolean {
  return Boolean(value?.trim()) || (ctx.identity.attachments?.length ?? 0) > 0;
}

/** Every media item of the command, links first, then attached files in the order they came. */
export async function collectMedia(value: string | undefined, ctx: Context): Promise<MediaItem[]> {
  const t = ctx.t(m);
  const items: MediaItem[] = [];
  const by = ctx.member.externalId;
  const workspaceId = ctx.workspace.id;
  for (const part of (value ?? '').split(/[\s;]+/).filter(Boolean)) {
    if (/^https?:\/\//i.test(part)) {
      if (!link.safeParse(part).success) throw new UserError(t.badLink({ value: part }));
      items.push(mediaFromUrl(part));
      continue;
    }
    // A path is read from the machine running the bot: only its operator, at the terminal, may name one.
    if (ctx.platform !== 'console') throw new UserError(t.pathHere({ value: part }));
    items.push(kept(await ctx.services.media.saveFromPath(workspaceId, by, part), ctx));
  }
  for (const a of ctx.identity.attachments ?? []) {
    const bytes = await readAttachment(a, MAX_MEDIA_BYTES, ctx);
    items.push(kept(await ctx.services.media.save(workspaceId, by, a.name, bytes), ctx));
  }
  return items;
}

/** An attached file's bytes; a file too large, unreachable or forbidden stops the command with the reason. */
export async function readAttachment(a: Attachment, max: number, ctx: Context): Promise<Uint8Array> {
  const t = ctx.t(m);
  try {
    return await a.read(max);
  } catch (err) {
    if (!(err instanceof AttachmentError)) throw err;
    ctx.log.warn({ err, file: a.name }, 'attachment not fetched');
    if (err.code === 'too_large') throw new UserError(problemText({ kind: 'tooLarge', name: a.name, max }, ctx));
    throw new UserError(
      err.code === 'no_permission' ? t.noPermission({ name: a.name }) : t.unreachable({ name: a.name }),
    );
  }
}

function kept(stored: Stored, ctx: Context): MediaItem {
  if (!stored.ok) throw new UserError(problemText(stored.problem, ctx));
  return stored.item;
}

function problemText(p: StoreProblem, ctx: Context): string {
  const t = ctx.t(m);
  switch (p.kind) {
    case 'notMedia':
      return t.notMedia({ name: p.name, types: orList(PUBLISHABLE_TYPES, ctx.locale) });
    case 'tooLarge':
      return t.tooLarge({ name: p.name, max: formatNumber(p.max / (1024 * 1024), ctx.locale) });
    case 'empty':
      return t.empty({ name: p.name });
    case 'unreadable':
      return t.unreadable({ name: p.name });
  }
}

/** "JPEG, PNG or GIF" / «JPEG أو PNG أو GIF». */
function orList(items: readonly string[], locale: 'en' | 'ar'): string {
  if (locale === 'ar') return items.map((x) => iso(x)).join(' أو ');
  return items.length > 1 ? `${items.slice(0, -1).join(', ')} or ${items.at(-1)}` : (items[0] ?? '');
}
