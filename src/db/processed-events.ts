import type { Db } from './client.js';

/**
 * Claims a delivery key (a Slack trigger or event id, a Discord interaction id) the first time it
 * is seen. Platforms redeliver on timeouts and to several connections; only the caller that gets
 * `true` may act. The primary key makes this safe across processes sharing the database.
 * One plain statement: every Slack command and button press runs it, and Prisma compiles each of
 * its own queries on the main thread, where the next acks wait (bench/slack-ack).
 */
export async function claimOnce(db: Db, key: string, now = new Date()): Promise<boolean> {
  const claimed = await db.$queryRaw<Array<{ key: string }>>`INSERT INTO "ProcessedEvent" ("key", "createdAt")
    VALUES (${key}, ${now}) ON CONFLICT DO NOTHING RETURNING "key"`;
  return claimed.length > 0;
}

/** Platforms redeliver within minutes; a week of keys is far more than any retry needs. */
export const PROCESSED_EVENT_DAYS = 7;
