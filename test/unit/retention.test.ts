import { afterEach, describe, expect, it } from 'vitest';
import { claimOnce } from '../../src/db/processed-events.js';
import { RETENTION_JOB } from '../../src/workspace/feature.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.cleanup();
  app = undefined;
});

const DAY = 86_400_000;

async function seed(t: TestApp, now: Date) {
  const ws = await t.services.db.workspace.create({ data: { platform: 'slack', externalId: 'T-ret' } });
  const at = (days: number) => new Date(now.getTime() - days * DAY);
  await t.services.db.processedEvent.createMany({
    data: [
      { key: 'slack:event:old', createdAt: at(8) },
      { key: 'slack:event:recent', createdAt: at(6) },
    ],
  });
  await t.services.db.auditLog.createMany({
    data: [
      { workspaceId: ws.id, actorId: 'U1', action: 'config.set', target: 'old', createdAt: at(401) },
      { workspaceId: ws.id, actorId: 'U1', action: 'config.set', target: 'kept', createdAt: at(399) },
    ],
  });
  return ws;
}

describe('retention job', () => {
  it('drops delivery keys after 7 days and audit entries after 400 days, keeping the rest', async () => {
    app = await createTestApp();
    const now = app.clock.now();
    await seed(app, now);
    await app.jobs.runNow(RETENTION_JOB);
    const keys = (await app.services.db.processedEvent.findMany()).map((r) => r.key);
    expect(keys).toEqual(['slack:event:recent']);
    const targets = (await app.services.db.auditLog.findMany()).map((r) => r.target);
    expect(targets).toEqual(['kept']);
    // A key that was pruned may be claimed again; one still kept may not.
    expect(await claimOnce(app.services.db, 'slack:event:recent')).toBe(false);
    expect(await claimOnce(app.services.db, 'slack:event:old')).toBe(true);
  });

  it('keeps the audit log forever with AUDIT_RETENTION_DAYS=0, and honours another period', async () => {
    app = await createTestApp({ AUDIT_RETENTION_DAYS: '0' });
    await seed(app, app.clock.now());
    await app.jobs.runNow(RETENTION_JOB);
    expect(await app.services.db.auditLog.count()).toBe(2);
    await app.cleanup();
    app = await createTestApp({ AUDIT_RETENTION_DAYS: '30' });
    await seed(app, app.clock.now());
    await app.jobs.runNow(RETENTION_JOB);
    expect(await app.services.db.auditLog.count()).toBe(0);
  });

  it('deletes more rows than one batch holds', async () => {
    app = await createTestApp();
    const old = new Date(app.clock.now().getTime() - 30 * DAY);
    await app.services.db.processedEvent.createMany({
      data: Array.from({ length: 4500 }, (_, i) => ({ key: `discord:interaction:${i}`, createdAt: old })),
    });
    await app.jobs.runNow(RETENTION_JOB);
    expect(await app.services.db.processedEvent.count()).toBe(0);
  });

  it('refuses a retention period that is not a number of days', async () => {
    await expect(createTestApp({ AUDIT_RETENTION_DAYS: 'a year' })).rejects.toThrow(/number of days/);
  });
});
