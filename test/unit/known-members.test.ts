// Who is asking, resolved on every command: kept rows are reused only while the database says
// neither changed (issue 25). Runs on PostgreSQL too with `npm run test:pg`.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Identity } from '../../src/core/identity.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

let app: TestApp | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await app?.cleanup();
  app = undefined;
});

const who: Identity = {
  platform: 'slack',
  workspace: { externalId: 'T-known', name: 'acme' },
  user: { externalId: 'U-1', name: 'Lina', platformAdmin: false },
};
const settle = () => new Promise((r) => setTimeout(r, 20));

describe('resolving who is asking', () => {
  it('reuses the rows while unchanged, and sees every change made since, by whatever path', async () => {
    app = await createTestApp();
    const { workspaces, db } = app.services;
    const first = await workspaces.resolve(who);
    await settle();
    const read = await workspaces.resolve(who); // read again, now settled: kept
    const reads = vi.spyOn(db.workspace, 'findUnique');
    const again = await workspaces.resolve(who);
    expect(reads).not.toHaveBeenCalled();
    expect(again).toEqual(read);
    expect(again.role).toBe('admin');

    // A copy each time: changing what one caller got changes nothing for the next.
    again.workspace.currency = 'XXX';
    expect((await workspaces.resolve(who)).workspace.currency).toBe(first.workspace.currency);

    // A setting changed through the service: the workspace is read again, the member row still kept.
    await workspaces.update(first.workspace.id, { currency: 'SAR' });
    await settle();
    const memberReads = vi.spyOn(db.member, 'findUnique');
    expect((await workspaces.resolve(who)).workspace.currency).toBe('SAR');
    expect([reads.mock.calls.length, memberReads.mock.calls.length]).toEqual([1, 0]);
    // Then a role changed straight in the database: the member is read again, not the workspace.
    await db.member.update({ where: { id: first.member.id }, data: { role: 'member' } });
    await settle();
    expect((await workspaces.resolve(who)).role).toBe('member');
    expect([reads.mock.calls.length, memberReads.mock.calls.length]).toEqual([1, 1]);
    // The platform's own admin flag is read from the request, never from what was kept.
    expect((await workspaces.resolve({ ...who, user: { ...who.user, platformAdmin: true } })).role).toBe('admin');
  });

  it('does not keep a row written a moment ago, so a second write in the same millisecond cannot hide', async () => {
    app = await createTestApp();
    const { workspaces, db } = app.services;
    const { workspace } = await workspaces.resolve(who);
    await settle();
    const written = await workspaces.update(workspace.id, { currency: 'EUR' });
    // Read right after the write, 1 ms later by the clock (not left to the machine's speed: on a
    // loaded one, 5 ms pass between two statements and the row is rightly kept).
    const clock = vi.spyOn(Date, 'now').mockReturnValue(written.updatedAt.getTime() + 1);
    await workspaces.resolve(who); // read, not kept
    clock.mockRestore();
    const reads = vi.spyOn(db.workspace, 'findUnique');
    const memberReads = vi.spyOn(db.member, 'findUnique');
    await workspaces.resolve(who);
    expect(reads).toHaveBeenCalledTimes(1);
    // The member row was not written: it stays kept while the workspace settles.
    expect(memberReads).not.toHaveBeenCalled();
  });

  it('sees a person who left (their row deleted) as new, while the workspace stays kept', async () => {
    app = await createTestApp();
    const { workspaces, db } = app.services;
    const first = await workspaces.resolve(who);
    await settle();
    await workspaces.resolve(who);
    await db.member.delete({ where: { id: first.member.id } });
    const reads = vi.spyOn(db.workspace, 'findUnique');
    const again = await workspaces.resolve(who);
    expect(again.member.id).not.toBe(first.member.id);
    expect(reads).not.toHaveBeenCalled();
  });
});
