import { Prisma } from '@prisma/client';
import type { Db } from './client.js';

/**
 * Claims a delivery key (a Slack trigger or event id, a Discord interaction id) the first time it
 * is seen. Platforms redeliver on timeouts and to several connections; only the caller that gets
 * `true` may act. The primary key makes this safe across processes sharing the database.
 */
export async function claimOnce(db: Db, key: string): Promise<boolean> {
  try {
    await db.processedEvent.create({ data: { key } });
    return true;
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') return false;
    throw err;
  }
}

/** Platforms redeliver within minutes; a week of keys is far more than any retry needs. */
export const PROCESSED_EVENT_DAYS = 7;
