import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTIONS, targetOf } from '../../commands/audit.js';
import { dropIsolates } from '../../src/core/i18n.js';
import { JOB_ROLES } from '../../src/workspace/job-roles.js';
import { createTestApp, identity, type TestApp, textOf } from '../helpers/app.js';

/** Every action code the program records, read from its source (the quoted ones and the chosen ones). */
const root = join(import.meta.dirname, '../..');
const sources = (dir: string): string[] =>
  readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
const texts = () => [...sources('src'), ...sources('commands')].map((f) => readFileSync(join(root, f), 'utf8'));

function recordedActions(): string[] {
  const codes = new Set<string>();
  for (const text of texts()) {
    for (const m of text.matchAll(/audit\.record\(\s*\w+,\s*([^,]+),/g)) {
      for (const q of (m[1] ?? '').matchAll(/'([a-z-]+\.[a-z-]+)'/g)) codes.add(q[1] as string);
    }
  }
  return [...codes, 'alert.correct', 'alert.not-negative', 'alert.handle', 'alert.ignore'].sort();
}

/** The settings a `config.set` row names by a fixed key. */
function recordedSettings(): string[] {
  const keys = new Set<string>();
  for (const text of texts()) {
    for (const m of text.matchAll(/audit\.record\(\s*\w+,\s*'config\.set',\s*'([^']+)'/g)) keys.add(m[1] as string);
    // Settings declared through commands/shared/config-setting.ts name theirs as `audit: '...'`.
    for (const m of text.matchAll(/^\s+audit: '([^']+)',$/gm)) keys.add(m[1] as string);
    // A job role's own digest is recorded as `roleDigest.${role}`: each role's key.
    if (/'config\.set',\s*`roleDigest\.\$\{role\}`/.test(text)) {
      for (const role of JOB_ROLES) keys.add(`roleDigest.${role}`);
    }
  }
  return [...keys].sort();
}

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
    expect(textOf(audit)).toContain('changed a role | U0SARA');
  });

  it('/audit says what was done in words, in English and Arabic, never an action code', async () => {
    await app.say('/config timezone Asia/Riyadh', admin);
    await app.say('/roles set <@U0SARA|sara> manager', admin);
    await app.say('/schedule reminder tomorrow 9am | Call the printer', admin);
    // Two changes: setting the language it already has would change nothing and record nothing.
    await app.say('/config lang ar', admin);
    await app.say('/config lang en', admin);
    const en = textOf(await app.say('/audit', admin));
    expect(en).toContain('changed a setting | time zone');
    expect(en).toContain('changed a setting | language');
    expect(en).toMatch(/scheduled a post \| post \d+/);
    const ar = textOf(await app.say('/audit', identity({ user: 'U0ADMIN', locale: 'ar', admin: false })));
    expect(ar).toContain('غيّر إعدادًا | المنطقة الزمنية');
    // Setting keys ("lang") are not words a reader knows: the setting is named.
    expect(ar).toContain('غيّر إعدادًا | اللغة');
    expect(ar).not.toMatch(/\b(lang|timezone)\b/);
    expect(ar).toMatch(/جدول منشورًا \| منشور \d+/);
    for (const shown of [en, ar]) expect(shown).not.toMatch(/\b(config|role|post)\.[a-z]/);
  });

  it('every action the program records has words in both languages', () => {
    const codes = recordedActions();
    expect(codes.length).toBeGreaterThan(15);
    for (const code of codes) {
      expect(ACTIONS[code]?.en, code).toBeTruthy();
      expect(ACTIONS[code]?.ar, code).toBeTruthy();
    }
  });

  it('every setting a change is recorded under has a name in both languages, never its key', () => {
    const keys = recordedSettings();
    expect(keys.length).toBeGreaterThan(10);
    for (const key of keys) {
      // A key with capitals, dashes or dots is code ("postingSlots"), not the setting's name.
      if (/[A-Z.-]/.test(key)) expect(targetOf(key, 'en'), key).not.toBe(key);
      expect(targetOf(key, 'ar'), key).toMatch(/[\u0621-\u064a]/);
    }
  });

  it('refuses members, and never leaves a workspace without an admin', async () => {
    expect(textOf(await app.say('/roles set @U0ADMIN member', sara))).toContain('Only admins can do this');
    // «لـ» joins the noun: «للمشرفين», never «لـالمشرفين».
    const ar = dropIsolates(textOf(await app.say('/roles set @U0ADMIN member', { ...sara, locale: 'ar' })));
    expect(ar).toContain('هذا الإجراء متاح فقط للمشرفين.');
    expect(ar).not.toContain('لـال');
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
