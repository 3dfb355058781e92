/**
 * A CSV sent in chat (`/schedule import` with the file attached): checked by the same code as
 * `mktbot schedule-import` (checkScheduleCsv), shown as a preview, and scheduled only when someone
 * presses Confirm. The checked posts are kept in the preview's audit row, under an unguessable id,
 * until then: Confirm schedules exactly what was previewed, never a file read again, and only once.
 */
import { randomBytes } from 'node:crypto';
import { Prisma, type Workspace } from '@prisma/client';
import { z } from 'zod';
import type { Actor } from '../core/identity.js';
import type { Db } from '../db/client.js';
import { decodeText } from '../lib/csv.js';
import {
  type BulkCheck,
  type BulkPost,
  type BulkProblem,
  checkScheduleCsv,
  duplicates,
  scheduleChecked,
} from './bulk-schedule.js';
import { CHANNELS, mediaFromUrl, PostOptionsSchema } from './scheduler.js';

/** A month of posts is a few hundred kilobytes; a bigger file is a mistake (or not a schedule). */
export const MAX_CSV_BYTES = 2 * 1024 * 1024;

/** How long a preview waits for Confirm: long enough to read it, short enough that it is still fresh. */
export const PREVIEW_TTL_MS = 30 * 60_000;

/** Why a file's bytes are not a CSV text, whatever its name says. */
export type NotCsv = 'spreadsheet' | 'binary';

/**
 * The text of a CSV file: UTF-8 or UTF-16 (src/lib/csv.ts decodeText). An Excel workbook (a ZIP) or
 * anything with bytes no text has (NUL, invalid UTF-8) is refused with what it is.
 */
export async function csvTextOf(bytes: Uint8Array): Promise<{ ok: true; text: string } | { ok: false; why: NotCsv }> {
  // .xlsx and .ods are ZIP archives; old .xls files are OLE compound documents.
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  const ole = bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
  if (zip || ole) return { ok: false, why: 'spreadsheet' };
  let text = '';
  for await (const part of decodeText(once(bytes))) text += part;
  // U+FFFD marks bytes that were not valid text in the encoding read; a NUL never appears in a CSV.
  if (/[\u0000\uFFFD]/.test(text)) return { ok: false, why: 'binary' };
  return { ok: true, text };
}

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

/** The audit action of a preview; its details hold the checked posts until Confirm or expiry. */
export const PREVIEW_ACTION = 'post.import.preview';

/** A checked post as kept between the preview and Confirm (JSON in the preview's audit row). */
const keptPost = z.object({
  line: z.number().int(),
  campaign: z.string().nullable(),
  channel: z.enum(CHANNELS),
  content: z.string(),
  title: z.string().nullable(),
  media: z.array(z.url()),
  publishAt: z.iso.datetime(),
  accountId: z.string().nullable(),
  options: PostOptionsSchema.optional(),
});
const keptBatch = z.object({ file: z.string(), expiresAt: z.iso.datetime(), posts: z.array(keptPost) });

export type Checked = { ok: true; id: string; posts: BulkPost[]; rows: number } | Extract<BulkCheck, { ok: false }>;

export type Confirmed =
  | { ok: true; scheduled: number }
  | { ok: false; why: 'done' | 'cancelled' | 'expired' }
  /** Rows whose time went by while the preview waited: scheduling them would publish at once. */
  | { ok: false; why: 'passed'; lines: number[] }
  /** Posts scheduled since the preview (the same file previewed twice and confirmed twice). */
  | { ok: false; why: 'problems'; file: string; problems: BulkProblem[] };

/** The key that claims a batch: created once, so two presses (on any replica) cannot both schedule it. */
const doneKey = (id: string) => `bulk-import:${id}`;
const target = (id: string) => `import:${id}`;

/**
 * The batch lives in the database, not in this process's memory, so Confirm works on whichever
 * replica Slack or Discord delivers the press to, and after a restart within the half hour.
 */
export class BulkImportService {
  constructor(private readonly db: Db) {}

  /** Checks the file all or nothing; a good one is kept for Confirm under a new, unguessable id. */
  async check(actor: Actor, file: string, csv: string, now: Date): Promise<Checked> {
    const checked = await checkScheduleCsv(this.db, actor.workspace, csv, now);
    if (!checked.ok) return checked;
    const id = randomBytes(18).toString('base64url');
    const details = {
      file,
      expiresAt: new Date(now.getTime() + PREVIEW_TTL_MS).toISOString(),
      posts: checked.posts.map(({ line, campaign, draft }) => ({
        line,
        campaign,
        channel: draft.channel,
        content: draft.content,
        title: draft.title,
        media: draft.media.map((m) => m.url),
        publishAt: draft.publishAt.toISOString(),
        accountId: draft.accountId ?? null,
        ...(draft.options ? { options: draft.options } : {}),
      })),
    } satisfies z.input<typeof keptBatch>;
    await this.db.auditLog.create({
      data: {
        workspaceId: actor.workspace.id,
        actorId: actor.member.externalId,
        actorName: actor.member.name,
        action: PREVIEW_ACTION,
        target: target(id),
        details,
        createdAt: now,
      },
    });
    return { ok: true, id, posts: checked.posts, rows: new Set(checked.posts.map((p) => p.line)).size };
  }

  /** Schedules the previewed batch, exactly once. */
  async confirm(workspace: Workspace, id: string, by: string, now: Date): Promise<Confirmed> {
    const row = await this.preview(workspace.id, id);
    const kept = keptBatch.safeParse(row?.details);
    if (!row || !kept.success) return { ok: false, why: await this.settled(row?.details) };
    if (new Date(kept.data.expiresAt) <= now) {
      await this.slim(row.id, { expired: true, posts: kept.data.posts.length });
      return { ok: false, why: 'expired' };
    }
    const passed = kept.data.posts.filter((p) => new Date(p.publishAt) <= now).map((p) => p.line);
    if (passed.length > 0) return { ok: false, why: 'passed', lines: [...new Set(passed)] };
    const posts = kept.data.posts.map(bulkPostOf);
    const clash = (await duplicates(this.db, workspace.id, posts)).filter((p) => p.kind === 'alreadyScheduled');
    if (clash.length > 0) return { ok: false, why: 'problems', file: kept.data.file, problems: clash };
    try {
      await this.db.processedEvent.create({ data: { key: doneKey(id), createdAt: now } });
    } catch (err) {
      if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002')
        return { ok: false, why: 'done' };
      throw err;
    }
    let scheduled: number;
    try {
      scheduled = await scheduleChecked(this.db, workspace, posts, by);
    } catch (err) {
      // Nothing was scheduled (one transaction): the preview stays valid for another press.
      await this.db.processedEvent.deleteMany({ where: { key: doneKey(id) } });
      throw err;
    }
    // The posts are in ScheduledPost now: the audit row keeps only how many.
    await this.slim(row.id, { confirmed: true, posts: scheduled });
    return { ok: true, scheduled };
  }

  /** Cancel: the kept posts are dropped; a later Confirm says the import was cancelled. */
  async drop(workspace: Workspace, id: string): Promise<void> {
    const row = await this.preview(workspace.id, id);
    const kept = keptBatch.safeParse(row?.details);
    if (row && kept.success) await this.slim(row.id, { cancelled: true, posts: kept.data.posts.length });
  }

  private preview(workspaceId: number, id: string) {
    return this.db.auditLog.findFirst({ where: { workspaceId, action: PREVIEW_ACTION, target: target(id) } });
  }

  private async settled(details: Prisma.JsonValue | undefined): Promise<'done' | 'cancelled' | 'expired'> {
    const d = z.object({ confirmed: z.boolean().optional(), cancelled: z.boolean().optional() }).safeParse(details);
    if (d.success && d.data.confirmed) return 'done';
    if (d.success && d.data.cancelled) return 'cancelled';
    return 'expired';
  }

  private async slim(rowId: number, details: Prisma.InputJsonValue): Promise<void> {
    await this.db.auditLog.update({ where: { id: rowId }, data: { details } });
  }
}

function bulkPostOf(p: z.output<typeof keptPost>): BulkPost {
  return {
    line: p.line,
    campaign: p.campaign,
    draft: {
      channel: p.channel,
      content: p.content,
      title: p.title,
      media: p.media.map(mediaFromUrl),
      publishAt: new Date(p.publishAt),
      accountId: p.accountId,
      ...(p.options ? { options: p.options } : {}),
    },
  };
}
