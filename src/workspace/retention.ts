/**
 * Tables that would otherwise grow forever: ProcessedEvent (one row per Slack or Discord delivery,
 * useful only while a platform may redeliver) and AuditLog (kept for AUDIT_RETENTION_DAYS). Rows go
 * in batches by their createdAt index, so a first run on a large table never holds a long write lock
 * (SQLite has one writer) and other work interleaves between batches.
 */
import type { Db } from '../db/client.js';
import { PROCESSED_EVENT_DAYS } from '../db/processed-events.js';

// Under the SQLite driver's limit on bound parameters per statement (the ids of a batch are bound).
const BATCH = 500;
const DAY_MS = 86_400_000;

export interface RetentionPolicy {
  /** 0 keeps the audit log forever. */
  auditDays: number;
}

export interface Pruned {
  processedEvents: number;
  auditEntries: number;
}

export async function pruneOldRows(db: Db, now: Date, policy: RetentionPolicy): Promise<Pruned> {
  const eventsBefore = new Date(now.getTime() - PROCESSED_EVENT_DAYS * DAY_MS);
  const processedEvents = await inBatches(async () => {
    const rows = await db.processedEvent.findMany({
      where: { createdAt: { lt: eventsBefore } },
      select: { key: true },
      take: BATCH,
    });
    if (rows.length === 0) return 0;
    return (await db.processedEvent.deleteMany({ where: { key: { in: rows.map((r) => r.key) } } })).count;
  });
  let auditEntries = 0;
  if (policy.auditDays > 0) {
    const auditBefore = new Date(now.getTime() - policy.auditDays * DAY_MS);
    // Per workspace, so each lookup uses the (workspaceId, createdAt) index.
    for (const { id: workspaceId } of await db.workspace.findMany({ select: { id: true } })) {
      auditEntries += await inBatches(async () => {
        const rows = await db.auditLog.findMany({
          where: { workspaceId, createdAt: { lt: auditBefore } },
          select: { id: true },
          take: BATCH,
        });
        if (rows.length === 0) return 0;
        return (await db.auditLog.deleteMany({ where: { id: { in: rows.map((r) => r.id) } } })).count;
      });
    }
  }
  return { processedEvents, auditEntries };
}

async function inBatches(deleteBatch: () => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await deleteBatch();
    total += n;
    if (n < BATCH) return total;
    // Lets queued commands and acks run between batches.
    await new Promise((resolve) => setImmediate(resolve));
  }
}
