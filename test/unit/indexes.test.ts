import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { usePostgres } from '../helpers/pg.js';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.cleanup();
  app = undefined;
});

/**
 * The alert-retry job runs twice a minute over every comment that never alerted; without createdAt
 * in the index it reads all of them (250-300 ms at a million comments) instead of the last hour's.
 */
describe.skipIf(usePostgres)('indexes of hot periodic queries (SQLite query plans)', () => {
  it('the missed-alert query seeks on status, alertedAt and the createdAt window', async () => {
    app = await createTestApp();
    const plan = await app.services.db.$queryRawUnsafe<Array<{ detail: string }>>(
      `EXPLAIN QUERY PLAN SELECT id FROM "Comment" WHERE "status" = 'new' AND "alertedAt" IS NULL
       AND "createdAt" >= ? AND "createdAt" <= ?`,
      1,
      2,
    );
    const details = plan.map((p) => p.detail).join('\n');
    expect(details).toMatch(
      /USING (COVERING )?INDEX Comment_status_alertedAt_createdAt_idx \(status=\? AND alertedAt=\? AND createdAt>\? AND createdAt<\?\)/,
    );
  });
});
