/**
 * The audit log's entries are written with one plain statement (src/workspace/audit.ts); what /audit,
 * a draft's Schedule button and a CSV import's Confirm read back must be exactly what was recorded,
 * on SQLite and on PostgreSQL (where the details column is jsonb).
 */
import { afterEach, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';

let app: TestApp;
afterEach(() => app.cleanup());

it('records who did what with its details, read back unchanged, without a Prisma query to compile', async () => {
  app = await createTestApp();
  await app.say('/config');
  const db = app.services.db;
  const workspace = await db.workspace.findFirstOrThrow();
  const member = await db.member.findFirstOrThrow();
  const actor = { workspace, member };
  const details = {
    text: 'عرض خاص على القهوة الباردة 😍 "quoted"',
    posts: [{ channel: 'instagram', at: '2026-11-26T09:00:00Z', n: 3.5 }],
    none: null,
    ok: true,
  };
  const create = vi.spyOn(db.auditLog, 'create');
  const first = await app.services.audit.record(actor, 'draft.create', 'instagram', details);
  const second = await app.services.audit.record(actor, 'config.set', 'currency=EUR');
  expect(create).not.toHaveBeenCalled();
  expect(second).toBeGreaterThan(first);

  expect(await app.services.audit.details(workspace.id, first, 'draft.create')).toEqual(details);
  expect(await app.services.audit.details(workspace.id, second, 'config.set')).toBeUndefined();
  expect(await app.services.audit.details(workspace.id, first, 'config.set')).toBeUndefined();
  const latest = await app.services.audit.latest(workspace.id, 2);
  expect(latest.map((r) => [r.action, r.target, r.actorId, r.actorName])).toEqual([
    ['config.set', 'currency=EUR', member.externalId, member.name],
    ['draft.create', 'instagram', member.externalId, member.name],
  ]);
  expect(Math.abs((latest[0]?.createdAt.getTime() ?? 0) - Date.now())).toBeLessThan(60_000);
});
