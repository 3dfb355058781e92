import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, identity, type TestApp, textOf } from '../helpers/app.js';

describe('/roles and /audit', () => {
  let app: TestApp;
  const admin = identity({ user: 'U0ADMIN', admin: false });
  const sara = identity({ user: 'U0SARA', name: 'Sara', admin: false });
  beforeEach(async () => {
    app = await createTestApp();
    await app.say('/roles', admin); // first person in a workspace becomes its admin
    await app.say('/roles', sara);
  });
  afterEach(() => app.cleanup());

  it('lists people with their roles', async () => {
    const r = await app.say('/roles', sara);
    expect(textOf(r)).toContain('Sara (U0SARA) | member');
    expect(textOf(r)).toContain('Test User (U0ADMIN) | admin');
  });

  it('lets an admin change a role by mention, audited, and then the role counts', async () => {
    expect(textOf(await app.say('/audit', sara))).toContain('Only admins or managers');
    const r = await app.say('/roles set <@U0SARA|sara> manager', admin);
    expect(textOf(r)).toBe('Sara is now manager.');
    const audit = await app.say('/audit', sara);
    expect(textOf(audit)).toContain('role.set | U0SARA');
  });

  it('refuses members, and never leaves a workspace without an admin', async () => {
    expect(textOf(await app.say('/roles set @U0ADMIN member', sara))).toContain('Only admins can do this');
    expect(textOf(await app.say('/roles set @U0ADMIN member', admin))).toContain('without an admin');
    const me = await app.services.db.member.findFirstOrThrow({ where: { externalId: 'U0ADMIN' } });
    expect(me.role).toBe('admin');
  });

  it('keeps each workspace to its own people and history', async () => {
    const other = identity({ workspace: 'T-other', user: 'U-x', admin: false });
    await app.say('/config lang ar', admin);
    const r = await app.say('/roles', other);
    expect(textOf(r)).not.toContain('Sara');
    expect(textOf(await app.say('/audit', other))).toBe('Nothing has been changed yet.');
  });
});
