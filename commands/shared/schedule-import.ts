/**
 * `/schedule import` with a CSV attached (Discord's file option, a Slack DM or mention with the file,
 * `path:./posts.csv` in the console): the file is checked all or nothing by the code behind
 * `mktbot schedule-import`, answered with the line-numbered problems or a preview, and scheduled
 * only when someone presses Confirm (src/publishing/bulk-import.ts keeps the previewed batch).
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { action, sub } from '../../src/core/command.js';
import type { Context } from '../../src/core/context.js';
import { UserError } from '../../src/core/errors.js';
import { defineMessages, formatNumber, iso } from '../../src/core/i18n.js';
import { opt } from '../../src/core/options.js';
import { actions, context, type Reply, reply, text } from '../../src/core/reply.js';
import { count } from '../../src/lib/plural.js';
import { type Confirmed, csvTextOf, MAX_CSV_BYTES, PREVIEW_TTL_MS } from '../../src/publishing/bulk-import.js';
import { doneText, previewText, refusedText } from '../../src/publishing/bulk-schedule-view.js';
import { readAttachment } from './media.js';

const m = defineMessages(
  'schedule-import',
  {
    noFile:
      'Attach the CSV file to the command: on Discord in its file option, on Slack by sending the file to the bot in a direct message (or a message that mentions it) with the text "schedule import". Columns: when, channels, text (docs/scheduling.md).',
    noPath:
      'Name the CSV file with path:, e.g. /schedule import path:./january.csv (a file on the machine running the bot). Columns: when, channels, text (docs/scheduling.md).',
    oneFile: 'Attach one CSV file at a time.',
    pathHere: (p: { value: string }) =>
      `"${p.value}" is a path on the machine running the bot, which only the console may read: attach the file instead.`,
    unreadable: (p: { name: string }) =>
      `${p.name} cannot be read: check the path (it is read on the machine running the bot). Nothing was scheduled.`,
    tooLarge: (p: { name: string; max: string }) =>
      `${p.name} is larger than ${p.max} MB, the most an import takes: split it into smaller files. Nothing was scheduled.`,
    spreadsheet: (p: { name: string }) =>
      `${p.name} is a spreadsheet workbook, not a CSV: save it as "CSV UTF-8" and attach that file. Nothing was scheduled.`,
    notCsv: (p: { name: string }) =>
      `${p.name} is not a CSV text file (UTF-8 or UTF-16), whatever its name says. Nothing was scheduled.`,
    confirmHint: (p: { minutes: string }) =>
      `Nothing is scheduled yet: press Confirm to schedule exactly these posts, or Cancel. This preview is kept for ${p.minutes}.`,
    confirm: 'Confirm',
    cancel: 'Cancel',
    done: 'This import was already scheduled by an earlier Confirm; nothing was added. See the posts with /schedule list.',
    expired: (p: { minutes: string }) =>
      `This preview has expired (previews are kept for ${p.minutes}): nothing was scheduled. Attach the file again with /schedule import.`,
    cancelled: 'Import cancelled: nothing was scheduled.',
    passedOne: (p: { line: string }) =>
      `The time on line ${p.line} passed while the preview waited, so nothing was scheduled: change it and attach the file again.`,
    passedMany: (p: { lines: string }) =>
      `The times on lines ${p.lines} passed while the preview waited, so nothing was scheduled: change them and attach the file again.`,
    wasCancelled:
      'This import was cancelled, so nothing was scheduled. To schedule it after all, attach the file again with /schedule import.',
  },
  {
    noFile:
      'أرفق ملف CSV بالأمر: في ديسكورد في خيار الملف، وفي سلاك بإرسال الملف إلى البوت في رسالة مباشرة (أو رسالة تذكره) نصّها «schedule import». الأعمدة: when وchannels وtext (docs/scheduling.md).',
    noPath:
      'اذكر ملف CSV بالخيار path:، مثل /schedule import path:./january.csv (ملف على الجهاز الذي يشغّل البوت). الأعمدة: when وchannels وtext (docs/scheduling.md).',
    oneFile: 'أرفق ملف CSV واحدًا في كل مرة.',
    pathHere: (p) => `«${iso(p.value)}» مسار على الجهاز الذي يشغّل البوت، ولا تقرؤه إلا الطرفية: أرفق الملف بدلًا منه.`,
    unreadable: (p) => `تعذّرت قراءة ${iso(p.name)}: تحقّق من المسار (يُقرأ على الجهاز الذي يشغّل البوت). لم يُجدول شيء.`,
    tooLarge: (p) =>
      `حجم ${iso(p.name)} أكبر من ${iso(p.max)} ميغابايت، وهو أقصى ما يقبله الاستيراد: قسّمه إلى ملفات أصغر. لم يُجدول شيء.`,
    spreadsheet: (p) =>
      `الملف ${iso(p.name)} مصنّف جداول وليس ملف CSV: احفظه بصيغة «CSV UTF-8» وأرفق ذلك الملف. لم يُجدول شيء.`,
    notCsv: (p) => `الملف ${iso(p.name)} ليس ملف CSV نصيًا (UTF-8 أو UTF-16) مهما قال اسمه. لم يُجدول شيء.`,
    confirmHint: (p) =>
      `لم يُجدول شيء بعد: اضغط «تأكيد» لجدولة هذه المنشورات نفسها، أو «إلغاء». تبقى هذه المعاينة ${p.minutes}.`,
    confirm: 'تأكيد',
    cancel: 'إلغاء',
    done: 'جُدول هذا الاستيراد بتأكيد سابق، ولم يُضف شيء. اعرض المنشورات بالأمر /schedule list.',
    expired: (p) =>
      `انتهت صلاحية هذه المعاينة (تبقى المعاينات ${p.minutes}): لم يُجدول شيء. أرفق الملف من جديد مع /schedule import.`,
    cancelled: 'أُلغي الاستيراد: لم يُجدول شيء.',
    passedOne: (p) => `فات الموعد في السطر ${p.line} أثناء انتظار المعاينة، فلم يُجدول شيء: عدّله وأرفق الملف من جديد.`,
    passedMany: (p) =>
      `فاتت المواعيد في الأسطر ${p.lines} أثناء انتظار المعاينة، فلم يُجدول شيء: عدّلها وأرفق الملف من جديد.`,
    wasCancelled: 'أُلغي هذا الاستيراد، فلم يُجدول شيء. لجدولته رغم ذلك، أرفق الملف من جديد مع /schedule import.',
  },
);

/** Problems shown in one message; the rest are counted (chat messages have a length limit). */
const SHOWN_PROBLEMS = 25;

/** The file's name and bytes: the attached file, or in the console a path on this machine. */
async function theFile(value: string | undefined, ctx: Context): Promise<{ name: string; bytes: Uint8Array }> {
  const t = ctx.t(m);
  const files = ctx.identity.attachments ?? [];
  if (value) {
    // A path is read from the machine running the bot: only its operator, at the terminal, may name one.
    if (ctx.platform !== 'console') throw new UserError(t.pathHere({ value }));
    const name = path.basename(value);
    const size = await stat(value).then(
      (s) => (s.isFile() ? s.size : undefined),
      () => undefined,
    );
    if (size === undefined) throw new UserError(t.unreadable({ name }));
    if (size > MAX_CSV_BYTES) throw new UserError(t.tooLarge({ name, max: megabytes(ctx) }));
    return { name, bytes: await readFile(value) };
  }
  const [file, ...more] = files;
  if (!file) throw new UserError(ctx.platform === 'console' ? t.noPath : t.noFile);
  if (more.length > 0) throw new UserError(t.oneFile);
  if (file.size !== undefined && file.size > MAX_CSV_BYTES)
    throw new UserError(t.tooLarge({ name: file.name, max: megabytes(ctx) }));
  return { name: file.name, bytes: await readAttachment(file, MAX_CSV_BYTES, ctx) };
}

const MINUTE = {
  en: { one: 'minute', other: 'minutes' },
  ar: { one: 'دقيقة واحدة', two: 'دقيقتين', few: 'دقائق', many: 'دقيقةً', other: 'دقيقة' },
};
const previewMinutes = (ctx: Context) => count(PREVIEW_TTL_MS / 60_000, MINUTE, ctx.locale);

const megabytes = (ctx: Context) => formatNumber(MAX_CSV_BYTES / (1024 * 1024), ctx.locale);

async function importFile(value: string | undefined, ctx: Context): Promise<Reply> {
  const t = ctx.t(m);
  const { name, bytes } = await theFile(value?.trim(), ctx);
  const read = await csvTextOf(bytes);
  if (!read.ok) throw new UserError(read.why === 'spreadsheet' ? t.spreadsheet({ name }) : t.notCsv({ name }));
  const checked = await ctx.services.bulkImport.check(ctx, name, read.text, ctx.now());
  if (!checked.ok) {
    return reply(undefined, [text(refusedText(name, checked.problems, ctx, SHOWN_PROBLEMS))], { tone: 'error' });
  }
  const minutes = previewMinutes(ctx);
  return reply(undefined, [
    text(previewText(checked.posts, checked.rows, ctx)),
    context(t.confirmHint({ minutes })),
    actions([
      { id: 'schedule.importConfirm', label: t.confirm, payload: checked.id, style: 'primary' },
      { id: 'schedule.importCancel', label: t.cancel, payload: checked.id },
    ]),
  ]);
}

export const importCommand = sub({
  description: {
    en: 'Schedule many posts from an attached CSV file: a preview first, then Confirm',
    ar: 'جدولة منشورات كثيرة من ملف CSV مرفق: معاينة أولًا ثم تأكيد',
  },
  allow: ['manager', 'social'],
  slow: true,
  // Discord asks for the file as an option; Slack sends the file shared with the message (docs/media.md).
  attachments: 1,
  fileDescription: {
    en: 'The CSV file: when, channels, text (checked by its content)',
    ar: 'ملف CSV: when وchannels وtext (يُفحص بمحتواه)',
  },
  examples: ['import'],
  options: {
    path: opt.string({
      label: { en: 'Path', ar: 'المسار' },
      description: {
        en: 'Console only: the CSV file on the machine running the bot; elsewhere attach the file',
        ar: 'للطرفية فقط: ملف CSV على الجهاز الذي يشغّل البوت؛ وفي غيرها أرفق الملف',
      },
      maxLength: 500,
    }),
  },
  handler: ({ path: value }, ctx) => importFile(value, ctx),
});

/** The id BulkImportService gave the preview (24 url-safe characters). */
const batchId = z.string().regex(/^[A-Za-z0-9_-]{24}$/);

export const importConfirmAction = action({
  payload: batchId,
  allow: ['manager', 'social'],
  async handler(id, ctx) {
    const result = await ctx.services.bulkImport.confirm(ctx.workspace, id, ctx.member.externalId, ctx.now());
    if (!result.ok) return reply(undefined, [text(notConfirmedText(result, ctx))], { tone: 'warning' });
    await ctx.services.audit.record(ctx, 'post.import', `import:${id}`, { posts: result.scheduled });
    return reply(undefined, [text(doneText(result.scheduled, ctx.workspace.requireApproval, ctx))], {
      tone: 'success',
      replaceOriginal: true,
    });
  },
});

function notConfirmedText(result: Exclude<Confirmed, { ok: true }>, ctx: Context): string {
  const t = ctx.t(m);
  switch (result.why) {
    case 'done':
      return t.done;
    case 'cancelled':
      return t.wasCancelled;
    case 'expired':
      return t.expired({ minutes: previewMinutes(ctx) });
    case 'problems':
      return refusedText(result.file, result.problems, ctx, SHOWN_PROBLEMS);
    case 'passed': {
      const lines = result.lines.map((n) => formatNumber(n, ctx.locale));
      return lines.length === 1
        ? t.passedOne({ line: lines[0] ?? '' })
        : t.passedMany({ lines: lines.join(ctx.locale === 'ar' ? '، ' : ', ') });
    }
  }
}

export const importCancelAction = action({
  payload: batchId,
  allow: ['manager', 'social'],
  async handler(id, ctx) {
    await ctx.services.bulkImport.drop(ctx.workspace, id);
    return reply(undefined, [text(ctx.t(m).cancelled)], { tone: 'info', replaceOriginal: true });
  },
});
