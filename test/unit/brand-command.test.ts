import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, identity, type TestApp, textOf } from '../helpers/app.js';

const SET =
  '/brand set name:"Qahwa" offer:"specialty coffee" type:local market:"Riyadh" currency:SAR order_value:45 website:https://qahwa.example voice:"warm, plain" avoid:"cheap, guaranteed" hashtags:"#coffee riyadh" cta:https://qahwa.example/order';

describe('/brand (issue 17, item 1)', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp();
  });
  afterEach(async () => {
    await app.cleanup();
  });

  const stored = async () => (await app.services.db.workspace.findFirstOrThrow()).brand as Record<string, unknown>;

  it('shows an empty profile with how to set it, then sets, shows and audits every field', async () => {
    const empty = await app.say('/brand');
    expect(textOf(empty)).toContain('No brand profile yet');
    const r = await app.say(SET);
    expect(r.tone).toBe('success');
    expect(await stored()).toMatchObject({
      name: 'Qahwa',
      offer: 'specialty coffee',
      businessType: 'local',
      market: 'Riyadh',
      currency: 'SAR',
      averageOrderMinor: 4500,
      website: 'https://qahwa.example',
      voice: 'warm, plain',
      wordsToAvoid: ['cheap', 'guaranteed'],
      hashtags: ['coffee', 'riyadh'],
      ctaLink: 'https://qahwa.example/order',
    });
    const shown = textOf(await app.say('/brand'));
    expect(shown).toContain('Business type: local business');
    expect(shown).toContain('Average order value: SAR 45');
    expect(shown).toContain('Default hashtags: #coffee #riyadh');
    expect(shown).toContain('Words to avoid: cheap, guaranteed');
    const audit = await app.services.db.auditLog.findFirstOrThrow({ where: { action: 'brand.set' } });
    expect((audit.details as { fields: string[] }).fields).toContain('averageOrderMinor');
  });

  it('keeps the fields not given, and clears one field (the order value goes with the currency)', async () => {
    await app.say(SET);
    await app.say('/brand set voice:"formal"');
    expect(await stored()).toMatchObject({ name: 'Qahwa', voice: 'formal' });
    const cleared = await app.say('/brand clear hashtags');
    expect(cleared.tone).toBe('success');
    expect(await stored()).not.toHaveProperty('hashtags');
    await app.say('/brand clear currency');
    const after = await stored();
    expect(after).not.toHaveProperty('currency');
    expect(after).not.toHaveProperty('averageOrderMinor');
    expect(await app.services.db.auditLog.count({ where: { action: 'brand.clear' } })).toBe(2);
  });

  it('refuses bad values with the option named, and changes nothing', async () => {
    await app.say(SET);
    const badUrl = await app.say('/brand set website:not-a-url');
    expect(badUrl.tone).toBe('error');
    expect(textOf(badUrl)).toContain('website');
    const badType = await app.say('/brand set type:shop');
    expect(textOf(badType)).toContain('b2b, consumer, local, ngo, ecommerce, app');
    const longWord = await app.say(`/brand set avoid:"${'x'.repeat(61)}"`);
    expect(longWord.tone).toBe('error');
    expect(textOf(longWord)).toContain('check avoid');
    const currency = await app.say('/brand set currency:USD');
    expect(textOf(currency)).toContain('order_value');
    expect(await stored()).toMatchObject({
      website: 'https://qahwa.example',
      currency: 'SAR',
      wordsToAvoid: ['cheap', 'guaranteed'],
    });
    const none = await app.say('/brand set');
    expect(none.tone).toBe('error');
  });

  it('lets only admins and managers change it; everyone may read it', async () => {
    await app.say('/brand');
    const member = identity({ user: 'U2', admin: false });
    const refused = await app.say('/brand set name:"Other"', member);
    expect(textOf(refused)).toContain('Only admins or managers');
    expect(textOf(await app.say('/brand', member))).toContain('Brand profile');
    expect((await stored())?.name).toBeUndefined();
  });

  it('speaks Arabic', async () => {
    await app.say('/config lang ar');
    await app.say(SET);
    const shown = textOf(await app.say('/brand'));
    expect(shown).toContain('ملف العلامة التجارية');
    expect(shown).toContain('نوع النشاط: نشاط تجاري محلي');
  });
});

describe('the planner reads the brand profile (issue 17, item 1)', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp();
  });
  afterEach(async () => {
    await app.cleanup();
  });

  it('asks once, on the first /brainstorm or /plan of a workspace without a profile', async () => {
    const first = textOf(await app.say('/brainstorm product:"teeth whitening" goal:leads budget:5000'));
    expect(first).toContain('Tip: tell the bot about your business once');
    const second = textOf(await app.say('/brainstorm product:"teeth whitening" goal:leads budget:5000'));
    expect(second).not.toContain('Tip: tell the bot');
    const plan = textOf(await app.say('/plan create "teeth whitening" goal:leads budget:5000'));
    expect(plan).not.toContain('Tip: tell the bot');
    expect(await app.services.brand.get(1)).toEqual({});
  });

  it('never asks in a workspace that has a profile', async () => {
    await app.say('/brand set type:b2b');
    const r = textOf(await app.say('/plan create "payroll software" goal:leads budget:5000'));
    expect(r).not.toContain('Tip: tell the bot');
  });

  it('uses its business type, market, currency and order value; the brief’s options override them', async () => {
    await app.say(SET);
    const r = textOf(await app.say('/brainstorm product:"teeth whitening" goal:sales budget:5000'));
    expect(r).toContain('Budget: SAR 5,000');
    expect(r).toContain('Market: Riyadh');
    expect(r).toContain('Business type: local business (from the brand profile).');
    expect(r).toContain('Google Business Profile and Maps');
    expect(r).not.toContain('A ROAS target needs your average order value');
    // SAR 45 orders against a benchmark cost per sale far above it: the plan says so, with the
    // brand's order value, and puts the unpaid local approaches first.
    expect(r).toMatch(/At an average order of SAR 45, paid ads (would )?lose money/);
    const row = await app.services.db.brainstorm.findFirstOrThrow({ orderBy: { id: 'desc' } });
    expect(row.request).toMatchObject({
      currency: 'SAR',
      market: 'Riyadh',
      orderValueMinor: 4500,
      businessTypeFrom: 'brand',
    });
    // The brief's currency wins, and the SAR order value is not carried into USD.
    const usd = textOf(
      await app.say('/brainstorm product:"teeth whitening" goal:sales budget:5000 currency:USD market:"Cairo"'),
    );
    expect(usd).toContain('Budget: USD 5,000');
    expect(usd).toContain('Market: Cairo');
    expect(usd).not.toMatch(/ROAS\): at least/);
    expect(usd).toContain('A ROAS target needs your average order value');
  });

  it('a charity’s purchases are donations, in its brainstorms and its plans', async () => {
    const r = textOf(
      await app.say(
        '/brainstorm product:"orphan sponsorship" goal:sales budget:20000 currency:QAR duration:52w market:"donors in Doha"',
      ),
    );
    expect(r).toMatch(/Donations: at least \d/);
    expect(r).toMatch(/Cost per donation \(CPA\): at most QAR/);
    expect(r).not.toContain('Purchases:');
    expect(r).toContain('A return target needs your average gift');
    const plan = textOf(
      await app.say('/plan create "orphan sponsorship" goal:sales budget:20000 currency:QAR market:"donors in Doha"'),
    );
    expect(plan).toMatch(/Donations: at least \d/);
    const shop = textOf(await app.say('/brainstorm product:"sourdough bread" goal:sales budget:2000 currency:USD'));
    expect(shop).toMatch(/Purchases: at least \d/);
  });
});
