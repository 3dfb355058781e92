// Delivery keys: exactly one claim wins, and the time is stored as Prisma stores times (the
// retention job compares it). Runs on PostgreSQL too with `npm run test:pg`.
import { afterEach, describe, expect, it } from 'vitest';
import { claimOnce } from '../../src/db/processed-events.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.cleanup();
  app = undefined;
});

describe('claimOnce', () => {
  it('lets one of many concurrent claims of a key win, and keeps the time it was claimed', async () => {
    app = await createTestApp();
    const db = app.services.db;
    const at = new Date('2026-12-01T10:00:00.250Z');
    const wins = await Promise.all(Array.from({ length: 10 }, () => claimOnce(db, 'slack:command:T1', at)));
    expect(wins.filter(Boolean)).toHaveLength(1);
    expect(await claimOnce(db, 'slack:command:T2')).toBe(true);
    const stored = await db.processedEvent.findUniqueOrThrow({ where: { key: 'slack:command:T1' } });
    expect(stored.createdAt).toEqual(at);
    expect(await db.processedEvent.count({ where: { createdAt: { lt: new Date('2026-12-01T10:00:01Z') } } })).toBe(1);
  });
});
