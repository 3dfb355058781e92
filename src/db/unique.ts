import { Prisma } from '@prisma/client';

/** A unique constraint refused a write (Prisma P2002), on either database. */
export function isUniqueViolation(err: unknown): boolean {
  return err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002';
}

/**
 * Runs a find-or-create (an upsert) again when a concurrent one created the same row first. On
 * PostgreSQL several connections (or replicas) really do race here; the second attempt finds the
 * row. Only for idempotent work: the retry repeats it once.
 */
export async function retryOnUniqueViolation<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    return work();
  }
}
