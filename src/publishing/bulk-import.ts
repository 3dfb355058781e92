/**
 * A CSV sent in chat (`/schedule import` with the file attached): checked by the same code as
 * `mktbot schedule-import` (checkScheduleCsv), shown as a preview, and scheduled only when someone
 * presses Confirm. The checked batch is kept here, under an unguessable id, until then: Confirm
 * schedules exactly what was previewed, never a file read again, and only once.
 */
import { randomBytes } from 'node:crypto';
import type { Workspace } from '@prisma/client';
import type { Db } from '../db/client.js';
import { decodeText } from '../lib/csv.js';
import { type BulkCheck, type BulkPost, checkScheduleCsv, scheduleChecked } from './bulk-schedule.js';

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

interface Pending {
  workspaceId: number;
  posts: BulkPost[];
  expiresAt: number;
}

export type Checked = { ok: true; id: string; posts: BulkPost[]; rows: number } | Extract<BulkCheck, { ok: false }>;

export type Confirmed = { ok: true; scheduled: number } | { ok: false; why: 'done' | 'expired' };

/** The key that records a confirmed batch, so a second press is told so instead of "expired". */
const doneKey = (id: string) => `bulk-import:${id}`;

export class BulkImportService {
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly db: Db) {}

  /** Checks the file all or nothing; a good one is kept for Confirm under a new id. */
  async check(workspace: Workspace, csv: string, now: Date): Promise<Checked> {
    this.sweep(now.getTime());
    const checked = await checkScheduleCsv(this.db, workspace, csv, now);
    if (!checked.ok) return checked;
    const id = randomBytes(18).toString('base64url');
    this.pending.set(id, {
      workspaceId: workspace.id,
      posts: checked.posts,
      expiresAt: now.getTime() + PREVIEW_TTL_MS,
    });
    return { ok: true, id, posts: checked.posts, rows: new Set(checked.posts.map((p) => p.line)).size };
  }

  /**
   * Schedules the previewed batch once. The batch leaves the map before the first await, so two
   * presses at once cannot both take it; the ProcessedEvent row tells a later press it was done.
   */
  async confirm(workspace: Workspace, id: string, by: string, now: Date): Promise<Confirmed> {
    const batch = this.pending.get(id);
    if (!batch || batch.workspaceId !== workspace.id || batch.expiresAt <= now.getTime()) {
      if (batch && batch.expiresAt <= now.getTime()) this.pending.delete(id);
      const done = await this.db.processedEvent.findUnique({ where: { key: doneKey(id) } });
      return { ok: false, why: done ? 'done' : 'expired' };
    }
    this.pending.delete(id);
    try {
      await this.db.processedEvent.create({ data: { key: doneKey(id), createdAt: now } });
      return { ok: true, scheduled: await scheduleChecked(this.db, workspace, batch.posts, by) };
    } catch (err) {
      // Nothing was scheduled (one transaction): the preview stays valid for another press.
      await this.db.processedEvent.deleteMany({ where: { key: doneKey(id) } }).catch(() => undefined);
      this.pending.set(id, batch);
      throw err;
    }
  }

  /** Cancel: the batch is dropped; true when there was one to drop. */
  drop(workspace: Workspace, id: string): boolean {
    const batch = this.pending.get(id);
    if (!batch || batch.workspaceId !== workspace.id) return false;
    return this.pending.delete(id);
  }

  private sweep(now: number): void {
    for (const [id, p] of this.pending) if (p.expiresAt <= now) this.pending.delete(id);
  }
}
