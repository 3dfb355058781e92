import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, identity, type TestApp, textOf } from '../helpers/app.js';

describe('/config', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp();
  });
  afterEach(async () => {
    await app.cleanup();
  });

  it('shows the defaults', async () => {
    const r = await app.say('/config');
    expect(textOf(r)).toContain('Language: English');
    expect(textOf(r)).toContain('UTC');
  });

  it('switches every later reply to Arabic and records who did it', async () => {
    const r = await app.say('/config lang ar');
    expect(r.tone).toBe('success');
    expect(textOf(r)).toContain('العربية');
    const shown = await app.say('/config');
    expect(shown.title).toBe('الإعدادات');
    expect(shown.rtl).toBe(true);
    const audit = await app.services.db.auditLog.findMany();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'config.set', target: 'lang', actorId: 'U1' });
  });

  it('stores a canonical IANA zone and shows the local time there', async () => {
    app.clock.set('2026-11-26T09:00:00Z');
    const r = await app.say('/config timezone asia/riyadh');
    expect(textOf(r)).toContain('Asia/Riyadh');
    expect(textOf(r)).toContain('12:00');
    const ws = await app.services.db.workspace.findFirstOrThrow();
    expect(ws.timezone).toBe('Asia/Riyadh');
  });

  it('refuses an unknown zone, names the option and changes nothing', async () => {
    const r = await app.say('/config timezone Mars/Olympus');
    expect(r.tone).toBe('error');
    expect(textOf(r)).toMatch(/Time zone \(value\): "Mars\/Olympus" is not valid. Expected an IANA time zone/);
    const ws = await app.services.db.workspace.findFirstOrThrow();
    expect(ws.timezone).toBe('UTC');
  });

  it('changes nothing and records nothing when a setting already has the value, and says so in either language', async () => {
    await app.say('/config currency SAR');
    await app.say('/config channel alerts #social');
    const before = await app.services.db.workspace.findFirstOrThrow();
    app.clock.advance(60_000);
    const same = await app.say('/config currency SAR');
    expect(same.tone).not.toBe('success');
    expect(textOf(same)).toBe('Currency: SAR\nThis setting already has that value, so nothing changed.');
    expect(textOf(await app.say('/config approval off'))).toBe(
      'Posts need approval: no\nThis setting already has that value, so nothing changed.',
    );
    expect(textOf(await app.say('/config digits latin'))).toContain('Digits in Arabic replies: Western (0123456789)');
    expect(textOf(await app.say('/config channel alerts #social'))).toContain('Alerts channel: social');
    expect(textOf(await app.say('/config lang en'))).toContain('Language: English');
    await app.say('/config lang ar');
    const ar = await app.say('/config assignee-minutes 120');
    expect(textOf(ar)).toBe(
      'تصعيد التنبيهات المُسندة وتذكير من تولّاها بعد: 120 دقيقة\nهذا الإعداد مضبوط على هذه القيمة من قبل، فلم يتغير شيء.',
    );
    // Someone whose client is in English reads the workspace's language, in English.
    const english = await app.say('/config lang ar', identity({ locale: 'en' }));
    expect(textOf(english)).toBe('Language: Arabic\nThis setting already has that value, so nothing changed.');
    const after = await app.services.db.workspace.findFirstOrThrow();
    expect(after.updatedAt.getTime()).toBeGreaterThan(before.updatedAt.getTime()); // only the lang change wrote
    const audit = await app.services.db.auditLog.findMany({ orderBy: { id: 'asc' } });
    expect(audit.map((a) => a.target)).toEqual(['currency', 'channel.alerts', 'lang']);
  });

  it('lets only admins change settings', async () => {
    await app.say('/config', identity({ user: 'U-first' }));
    const r = await app.say('/config lang ar', identity({ user: 'U2', admin: false }));
    expect(r.tone).toBe('error');
    expect(textOf(r)).toContain('Only admins can do this');
    const ws = await app.services.db.workspace.findFirstOrThrow();
    expect(ws.locale).toBe('en');
  });
});
