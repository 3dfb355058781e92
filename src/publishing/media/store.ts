/**
 * Files attached in chat, kept by the bot (docs/media.md): each is checked by its magic bytes (never
 * its name), written under MEDIA_DIR with a name of our own, and recorded as a MediaFile row whose
 * id is unguessable (144 random bits). Networks that download media get PUBLIC_URL/media/<id>;
 * networks that take bytes get the file read from disk. A file no waiting post uses is removed once
 * it is older than the retention (housekeeping).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { MediaFile } from '@prisma/client';
import type { MediaFacts, MediaItem } from '../../../integrations/publisher.js';
import type { Db } from '../../db/client.js';
import { sniff } from './sniff.js';

/** The largest file the bot stores: YouTube's download cap, the largest any network here takes from it. */
export const MAX_MEDIA_BYTES = 256 * 1024 * 1024;
export const DEFAULT_MEDIA_RETENTION_DAYS = 7;
const DAY_MS = 86_400_000;

/** Posts that may still send their media: waiting, being sent, or failed and retryable. */
const USING: readonly string[] = ['pending', 'awaiting_approval', 'publishing', 'failed', 'unknown'];

export type StoreProblem =
  | { kind: 'notMedia'; name: string }
  | { kind: 'tooLarge'; name: string; max: number }
  | { kind: 'empty'; name: string }
  | { kind: 'unreadable'; name: string };

export type Stored = { ok: true; item: MediaItem } | { ok: false; problem: StoreProblem };

/** An id is 24 url-safe characters; anything else is not ours (and never reaches the file system). */
const ID = /^[A-Za-z0-9_-]{24}$/;

export interface MediaOptions {
  dir: string;
  /** PUBLIC_URL without a trailing slash; undefined when the bot has no public address. */
  publicUrl: string | undefined;
  retentionDays: number;
  now: () => Date;
}

export class MediaService {
  constructor(
    private readonly db: Db,
    readonly o: MediaOptions,
  ) {}

  /** Checks and keeps one file; what it is comes from its bytes alone. */
  async save(workspaceId: number, by: string, name: string, bytes: Uint8Array): Promise<Stored> {
    const shown = cleanName(name);
    if (bytes.length === 0) return { ok: false, problem: { kind: 'empty', name: shown } };
    if (bytes.length > MAX_MEDIA_BYTES)
      return { ok: false, problem: { kind: 'tooLarge', name: shown, max: MAX_MEDIA_BYTES } };
    const facts = sniff(bytes);
    if (!facts) return { ok: false, problem: { kind: 'notMedia', name: shown } };
    const id = randomBytes(18).toString('base64url');
    const file = `${id}.${facts.ext}`;
    await mkdir(this.o.dir, { recursive: true });
    await writeFile(path.join(this.o.dir, file), bytes, { mode: 0o640, flag: 'wx' });
    const now = this.o.now();
    const row = await this.db.mediaFile.create({
      data: {
        id,
        workspaceId,
        kind: facts.kind,
        mime: facts.mime,
        bytes: bytes.length,
        name: shown,
        path: file,
        width: facts.width ?? null,
        height: facts.height ?? null,
        durationMs: facts.durationMs ?? null,
        createdById: by,
        expiresAt: new Date(now.getTime() + this.o.retentionDays * DAY_MS),
      },
    });
    // The page count has no column of its own: it travels with the post's media (MediaFacts.pages).
    return { ok: true, item: this.itemOf(row, facts.pages) };
  }

  /** A file on the server's disk (console mode: the person at the terminal runs the bot). */
  async saveFromPath(workspaceId: number, by: string, file: string): Promise<Stored> {
    const name = path.basename(file);
    try {
      const info = await stat(file);
      if (!info.isFile()) return { ok: false, problem: { kind: 'unreadable', name } };
      if (info.size > MAX_MEDIA_BYTES) return { ok: false, problem: { kind: 'tooLarge', name, max: MAX_MEDIA_BYTES } };
      return this.save(workspaceId, by, name, await readFile(file));
    } catch {
      return { ok: false, problem: { kind: 'unreadable', name } };
    }
  }

  itemOf(row: MediaFile, pages?: number): MediaItem {
    const file: MediaFacts = {
      id: row.id,
      name: row.name,
      mime: row.mime,
      bytes: row.bytes,
      ...(row.width ? { width: row.width } : {}),
      ...(row.height ? { height: row.height } : {}),
      ...(row.durationMs ? { durationMs: row.durationMs } : {}),
      ...(pages ? { pages } : {}),
    };
    const kind = row.kind === 'video' || row.kind === 'document' ? row.kind : 'image';
    return { url: this.urlOf(row.id), kind, file };
  }

  /** PUBLIC_URL/media/<id>, or `media:<id>` when the bot has no public address (read from disk only). */
  urlOf(id: string): string {
    return this.o.publicUrl ? `${this.o.publicUrl}/media/${id}` : `media:${id}`;
  }

  /** The id of one of our URLs (either form), or undefined for any other URL. */
  idOf(url: string): string | undefined {
    const prefix = this.o.publicUrl ? `${this.o.publicUrl}/media/` : undefined;
    const id = url.startsWith('media:')
      ? url.slice('media:'.length)
      : prefix && url.startsWith(prefix)
        ? url.slice(prefix.length)
        : undefined;
    return id && ID.test(id) ? id : undefined;
  }

  /** The row and the file's absolute path; undefined for an unknown id or a file gone from disk. */
  async find(id: string): Promise<{ row: MediaFile; file: string; size: number } | undefined> {
    if (!ID.test(id)) return undefined;
    const row = await this.db.mediaFile.findUnique({ where: { id } });
    if (!row) return undefined;
    const file = path.join(this.o.dir, path.basename(row.path));
    try {
      return { row, file, size: (await stat(file)).size };
    } catch {
      return undefined;
    }
  }

  /** Bytes [start, end] of a stored file (HTTP range requests). */
  async slice(file: string, start: number, end: number): Promise<Buffer> {
    const handle = await open(file, 'r');
    try {
      const buf = Buffer.alloc(end - start + 1);
      const { bytesRead } = await handle.read(buf, 0, buf.length, start);
      return buf.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  }

  /**
   * Removes files past their retention that no post still waiting, sending or failed uses. A file
   * some post still needs is kept and looked at again next time.
   */
  async removeUnused(): Promise<number> {
    const now = this.o.now();
    const due = await this.db.mediaFile.findMany({ where: { expiresAt: { lt: now } }, take: 500 });
    if (due.length === 0) return 0;
    const used = new Set<string>();
    for (const workspaceId of new Set(due.map((f) => f.workspaceId))) {
      const posts = await this.db.scheduledPost.findMany({
        where: { workspaceId, status: { in: [...USING] } },
        select: { media: true },
      });
      for (const p of posts) for (const id of mediaIds(p.media)) used.add(id);
    }
    let removed = 0;
    for (const f of due) {
      if (used.has(f.id)) continue;
      await rm(path.join(this.o.dir, path.basename(f.path)), { force: true });
      removed += (await this.db.mediaFile.deleteMany({ where: { id: f.id } })).count;
    }
    return removed;
  }
}

/** The MediaFile ids a post's media JSON names. */
function mediaIds(media: unknown): string[] {
  if (!Array.isArray(media)) return [];
  return media.flatMap((m) => {
    const id = (m as { file?: { id?: unknown } } | null)?.file?.id;
    return typeof id === 'string' ? [id] : [];
  });
}

/** A name for people: no folders, no control characters, at most 120 characters. */
function cleanName(name: string): string {
  const base = path
    .basename(name.replace(/\\/g, '/'))
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim();
  return [...(base || 'file')].slice(0, 120).join('');
}
