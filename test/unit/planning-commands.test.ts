import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { actionsOf, type Reply } from '../../src/core/reply.js';
import { createTestApp, identity, type TestApp, textOf } from '../helpers/app.js';

/** Amounts in a reply's split tables, parsed back from "USD 1,234.5". */
function tableAmounts(r: Reply): number[][] {
  return r.blocks
    .filter((b) => b.kind === 'table')
    .map((b) =>
      (b.kind === 'table' ? b.rows : []).map((row) => Math.round(Number((row[1] ?? '').replace(/[^\d.]/g, '')) * 100)),
    );
}

const BRAINSTORM =
  '/brainstorm product:"cold brew coffee" goal:awareness budget:2000.37 currency:USD duration:6w market:"young professionals in Riyadh"';

describe('/brainstorm', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp();
  });
  afterEach(async () => {
    await app.cleanup();
  });

  it('returns 3-5 ideas whose splits sum to the budget, with the offline note and buttons', async () => {
    const r = await app.say(BRAINSTORM);
    expect(r.tone).not.toBe('error');
    const tables = tableAmounts(r);
    expect(tables.length).toBeGreaterThanOrEqual(3);
    expect(tables.length).toBeLessThanOrEqual(5);
    for (const amounts of tables) expect(amounts.reduce((a, b) => a + b, 0)).toBe(200037);
    const shown = textOf(r);
    expect(shown).toContain('Attract:');
    expect(shown).toContain('Delight:');
    expect(shown).toMatch(/CTR: at least \d/);
    expect(shown).toContain('Offline planner: no OpenAI key is set');
    const ids = actionsOf(r).map((a) => a.id);
    expect(ids).toContain('brainstorm.save');
    expect(ids).toContain('brainstorm.more');
    expect(ids).toContain('brainstorm.personas');
    const row = await app.services.db.brainstorm.findFirstOrThrow();
    expect(row.request).toMatchObject({ weeks: 6, budgetMinor: 200037, goal: 'awareness' });
  });

  it('refuses a bad goal and a bad duration and stores nothing', async () => {
    const bad = await app.say('/brainstorm product:x goal:fame budget:100');
    expect(bad.tone).toBe('error');
    expect(textOf(bad)).toContain('one of: awareness, leads, sales, engagement, retention');
    const badDuration = await app.say('/brainstorm product:x goal:sales budget:100 duration:forever');
    expect(textOf(badDuration)).toContain('4w, 30d or 2m');
    expect(await app.services.db.brainstorm.count()).toBe(0);
  });

  it('saves the chosen idea as a plan with everything it showed', async () => {
    const r = await app.say(BRAINSTORM);
    const save = actionsOf(r).find((a) => a.id === 'brainstorm.save' && a.payload?.endsWith(':1'));
    const saved = await app.router.press('brainstorm.save', save?.payload, identity());
    expect(saved.tone).toBe('success');
    const plan = await app.services.db.plan.findFirstOrThrow();
    const split = plan.budgetSplit as Array<{ channel: string; amountMinor: number }>;
    expect(split.reduce((a, l) => a + l.amountMinor, 0)).toBe(200037);
    expect(plan).toMatchObject({ goal: 'awareness', targetMarket: 'young professionals in Riyadh', currency: 'USD' });
    expect(plan.focusChannel).toBe(split[0]?.channel);
    expect((plan.kpiTargets as Array<{ unit: string }>).every((k) => k.unit)).toBe(true);
    expect((plan.timeline as Array<{ toWeek: number }>).at(-1)?.toWeek).toBe(6);
    expect(textOf(saved)).toContain(`Saved as plan #${plan.id}`);
    // The second idea, not the first.
    const ideas = (await app.services.db.brainstorm.findFirstOrThrow()).ideas as Array<{ title: string }>;
    expect(plan.bestMethod.startsWith(ideas[1]?.title ?? '?')).toBe(true);
    // Title and hook joined by a dash: the hook's own colon made "Title: Hook: …" a chain of labels.
    expect(plan.bestMethod).toMatch(/^[^:]+ — /);
  });

  it('refuses forged payloads and brainstorms of another workspace', async () => {
    await app.say(BRAINSTORM);
    const forged = await app.router.press('brainstorm.save', '1:0;DROP', identity());
    expect(textOf(forged)).toContain('no longer valid');
    const elsewhere = await app.router.press('brainstorm.save', '1:0', identity({ workspace: 'T2', user: 'U9' }));
    expect(elsewhere.tone).toBe('error');
    expect(textOf(elsewhere)).toContain('no longer available');
    const badIdea = await app.router.press('brainstorm.save', '1:7', identity());
    expect(badIdea.tone).toBe('error');
    expect(await app.services.db.plan.count()).toBe(0);
  });

  it('"More ideas" gives a different set for the same request', async () => {
    const first = await app.say('/brainstorm product:"yoga classes" goal:engagement budget:3000 market:students');
    const more = await app.router.press('brainstorm.more', '1', identity());
    const titles = (r: Reply) => r.blocks.flatMap((b) => (b.kind === 'text' && /^\d\. /.test(b.text) ? [b.text] : []));
    expect(titles(more).length).toBeGreaterThanOrEqual(3);
    expect(titles(more)).not.toEqual(titles(first));
    const rows = await app.services.db.brainstorm.findMany({ orderBy: { id: 'asc' } });
    expect(rows.map((x) => (x.request as { seed: number }).seed)).toEqual([0, 1]);
  });

  it('"Personas for this" stores a persona for the market', async () => {
    await app.say(BRAINSTORM);
    const r = await app.router.press('brainstorm.personas', '1', identity());
    expect(r.tone).toBe('success');
    const persona = await app.services.db.persona.findFirstOrThrow();
    expect(persona.segment).toBe('young professionals in Riyadh');
    expect(textOf(r)).toContain(persona.name);
  });

  it('answers in Arabic with Arabic templates', async () => {
    await app.say('/config lang ar');
    const r = await app.say('/brainstorm product:"قهوة باردة" goal:sales budget:4000 currency:SAR market:"جدة"');
    expect(r.rtl).toBe(true);
    const shown = textOf(r).replace(/\u2068[^\u2069]*\u2069/g, '');
    // Only the KPI acronyms and the OpenAI name stay in Latin letters.
    const latin = shown.match(/[A-Za-z]+/g) ?? [];
    expect(latin.filter((w) => !['CTR', 'CPL', 'CPA', 'CPM', 'ROAS', 'ROI', 'OpenAI'].includes(w))).toEqual([]);
    expect(shown).toContain('الجذب');
    // Targets read «X على الأقل» / «X على الأكثر», right whatever the KPI name's gender: «لا يقل» after
    // a feminine name («نسبة النقر») was a grammar slip.
    const targets = textOf(r)
      .split('\n')
      .filter((l) => /CTR|CPA|CPM|ROAS|CPL/.test(l) && /الأقل|الأكثر|يقل|يزيد/.test(l));
    expect(targets.length).toBeGreaterThan(0);
    expect(targets.filter((l) => /لا (يقل|يزيد|تقل|تزيد)/.test(l))).toEqual([]);
    expect(textOf(r)).toMatch(/نسبة النقر CTR: \S+ على الأقل/);
  });

  it('says that impressions and their CPM count the paid channels only, with the figures', async () => {
    // "Impressions: at least 68,571" beside "CPM: at most USD 7" on USD 2,000 read as a CPM of 29.
    const r = textOf(
      await app.say(
        '/brainstorm product:"cold brew coffee" goal:awareness budget:2000 currency:USD duration:4w market:"young professionals in Riyadh"',
      ),
    );
    const idea = r.split(/\n(?=\d\. )/).find((part) => part.includes('Creators and influencers')) ?? '';
    const impressions = Number(/Impressions: at least ([\d,]+)/.exec(idea)?.[1]?.replace(/,/g, ''));
    const cpm = Number(/\(CPM\): at most USD ([\d.]+)/.exec(idea)?.[1]);
    const paid =
      /deliver \(paid social \(Meta\): USD ([\d,]+) of USD 2,000\); results from creators and influencers, and organic social come on top\./.exec(
        idea,
      );
    expect(paid).not.toBeNull();
    // The figures agree: the paid spend over the impressions is the CPM target.
    expect(Math.abs((1000 * Number(paid?.[1]?.replace(/,/g, ''))) / impressions - cpm)).toBeLessThan(0.01);
    await app.say('/config lang ar');
    const ar = textOf(
      await app.say(
        '/brainstorm product:"قهوة باردة" goal:awareness budget:2000 currency:SAR duration:4w market:"الرياض"',
      ),
    );
    expect(ar).toMatch(
      /تحسب المستهدفات الكمية ما تحققه القنوات المدفوعة وحدها \([^)]*: [\d,]+ ر\.س\. من 2,000 ر\.س\.\)؛ وما يأتي من /,
    );
  });
});

describe('/plan', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp();
  });
  afterEach(async () => {
    await app.cleanup();
  });

  it('creates, lists, shows, edits and deletes a plan', async () => {
    await app.say('/persona create busy parents in Jeddah who order groceries online');
    const created = await app.say(
      '/plan create "meal kits" goal:retention budget:1500 currency:SAR duration:8w market:"Jeddah" segment:"busy parents" personas:1 name:"Ramadan retention"',
    );
    expect(created.tone).toBe('success');
    const plan = await app.services.db.plan.findFirstOrThrow({ include: { personas: true } });
    expect(plan).toMatchObject({ name: 'Ramadan retention', goal: 'retention', budgetMinor: 150000, currency: 'SAR' });
    expect(plan.personas.map((p) => p.personaId)).toEqual([1]);
    expect(textOf(created)).toContain('Offline planner');

    const listed = await app.say('/plan list');
    expect(textOf(listed)).toContain('Ramadan retention');
    expect(textOf(listed)).toContain('SAR 1,500');

    const shown = await app.say(`/plan show ${plan.id}`);
    expect(textOf(shown)).toContain('Target segment: busy parents');
    expect(textOf(shown)).toMatch(/Weeks? \d/);

    const edited = await app.say(`/plan edit ${plan.id} budget:999.99 market:"Riyadh"`);
    expect(edited.tone).toBe('success');
    const after = await app.services.db.plan.findFirstOrThrow();
    expect(after.budgetMinor).toBe(99999);
    expect(after.targetMarket).toBe('Riyadh');
    const split = after.budgetSplit as Array<{ amountMinor: number }>;
    expect(split.reduce((a, l) => a + l.amountMinor, 0)).toBe(99999);

    const badFocus = await app.say(`/plan edit ${plan.id} focus:linkedin`);
    expect(badFocus.tone).toBe('error');
    const nothing = await app.say(`/plan edit ${plan.id}`);
    expect(textOf(nothing)).toContain('Say what to change');

    const deleted = await app.say(`/plan delete ${plan.id}`);
    expect(deleted.tone).toBe('success');
    expect(await app.services.db.plan.count()).toBe(0);
    const audit = await app.services.db.auditLog.findMany({ where: { action: { startsWith: 'plan.' } } });
    expect(audit.map((a) => a.action)).toEqual(['plan.create', 'plan.edit', 'plan.delete']);
  });

  it('edits the focus and relinks personas in one change, recording the options given', async () => {
    await app.say('/persona create busy parents in Jeddah who order groceries online');
    await app.say('/persona create HR managers at clinics');
    await app.say('/plan create "meal kits" goal:retention budget:20000 currency:SAR personas:1');
    const plan = await app.services.db.plan.findFirstOrThrow();
    const split = plan.budgetSplit as Array<{ channel: string }>;
    const focus = split[split.length - 1]?.channel ?? '';
    const edited = await app.say(`/plan edit ${plan.id} focus:${focus} personas:2,1`);
    expect(edited.tone).toBe('success');
    const after = await app.services.db.plan.findFirstOrThrow({ include: { personas: true } });
    expect(after.focusChannel).toBe(focus);
    expect(after.personas.map((p) => p.personaId).sort()).toEqual([1, 2]);
    const unknown = await app.say(`/plan edit ${plan.id} personas:3`);
    expect(textOf(unknown)).toContain('3');
    const audit = await app.services.db.auditLog.findMany({ where: { action: 'plan.edit' } });
    expect(audit.map((a) => a.details)).toEqual([{ fields: ['focus', 'personas'] }]);
  });

  it('edit budget: recomputes the split, the funnel targets and the reasoning, and shows what changed', async () => {
    await app.say('/plan create "payroll software for companies" goal:leads budget:9000 currency:AED market:"Dubai"');
    const before = await app.services.db.plan.findFirstOrThrow();
    const target = (p: typeof before, kpi: string) =>
      (p.kpiTargets as Array<{ kpi: string; target: number }>).find((k) => k.kpi === kpi)?.target ?? 0;
    expect(before.reasoning).toContain('AED 9,000');
    const edited = await app.say(`/plan edit ${before.id} budget:12000`);
    const after = await app.services.db.plan.findFirstOrThrow();
    // The targets follow the new budget: leads x CPL is the new budget, not the old one.
    expect(target(after, 'leads')).toBeGreaterThan(target(before, 'leads'));
    expect(Math.abs(target(after, 'leads') * target(after, 'cpl') - 12_000)).toBeLessThanOrEqual(
      target(after, 'leads') * 0.005,
    );
    expect(after.reasoning).toContain('AED 12,000');
    expect(after.reasoning).not.toContain('AED 9,000');
    const shown = textOf(edited);
    expect(shown).toContain('What changed');
    expect(shown).toContain('Budget: AED 9,000 → AED 12,000');
    expect(shown).toMatch(new RegExp(`Leads: ${target(before, 'leads')} → ${target(after, 'leads')}`));
  });

  it('edit market: the region, the targets and the method’s wording follow, and the change is listed', async () => {
    await app.say('/plan create "frozen food" goal:leads budget:40000 currency:EGP market:"Dubai"');
    const before = await app.services.db.plan.findFirstOrThrow();
    expect(before.bestMethod).toContain('Dubai');
    const shown = textOf(await app.say(`/plan edit ${before.id} market:"Cairo"`));
    const after = await app.services.db.plan.findFirstOrThrow();
    expect(after.bestMethod).toContain('Cairo');
    expect(after.bestMethod).not.toContain('Dubai');
    expect(shown).toContain('Target market: Dubai → Cairo');
    expect(shown).toMatch(/Best method: .*Dubai.* → .*Cairo/);
    // Egypt's costs are far below the Gulf's: the same EGP buys more leads.
    const leads = (p: typeof before) =>
      (p.kpiTargets as Array<{ kpi: string; target: number }>).find((k) => k.kpi === 'leads')?.target ?? 0;
    expect(leads(before)).toBeGreaterThan(0);
    expect(leads(after)).toBeGreaterThan(leads(before) * 2);
  });

  it('refuses personas that do not exist and stores nothing', async () => {
    const r = await app.say('/plan create "meal kits" goal:sales budget:1500 personas:7');
    expect(r.tone).toBe('error');
    expect(textOf(r)).toContain('7');
    expect(await app.services.db.plan.count()).toBe(0);
  });

  it('lets only managers and admins delete, and keeps plans per workspace', async () => {
    await app.say('/plan create "meal kits" goal:sales budget:1500');
    const member = identity({ user: 'U2', admin: false });
    const refused = await app.say('/plan delete 1', member);
    expect(textOf(refused)).toContain('Only admins or managers');
    const other = await app.say('/plan show 1', identity({ workspace: 'T2', user: 'U5' }));
    expect(textOf(other)).toContain('There is no plan #1');
    expect(await app.services.db.plan.count()).toBe(1);
  });
});

describe('/persona', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp();
  });
  afterEach(async () => {
    await app.cleanup();
  });

  it('creates from a segment, lists, shows and deletes', async () => {
    const r = await app.say('/persona create founders of small online shops in Cairo');
    expect(r.tone).toBe('success');
    const p = await app.services.db.persona.findFirstOrThrow();
    expect(p.segment).toBe('founders of small online shops in Cairo');
    expect(p.data).toMatchObject({ channels: expect.arrayContaining(['linkedin']) });
    expect(textOf(r)).toMatch(/Objections: .+/);
    expect(textOf(r)).toMatch(/Keywords: .*cairo/);

    // The same segment again gets a distinct name, not a crash on the unique index.
    await app.say('/persona create founders of small online shops in Cairo');
    const names = (await app.services.db.persona.findMany()).map((x) => x.name);
    expect(new Set(names).size).toBe(2);

    expect(textOf(await app.say('/persona list'))).toContain(p.name);
    expect(textOf(await app.say(`/persona show ${p.id}`))).toContain('Demographics');
    const member = identity({ user: 'U2', admin: false });
    expect((await app.say(`/persona delete ${p.id}`, member)).tone).toBe('error');
    expect((await app.say(`/persona delete ${p.id}`)).tone).toBe('success');
    expect(await app.services.db.persona.count()).toBe(1);
  });

  it('writes Arabic personas from Arabic templates', async () => {
    await app.say('/config lang ar');
    // A missing option: «الخيار … مطلوب» agrees whatever the option's name (not «الشريحة … مطلوب»).
    const missing = textOf(await app.say('/persona create')).replace(/[\u2066-\u2069]/g, '');
    expect(missing).toContain('الخيار «الشريحة» (segment) مطلوب: نص لا يزيد عن 500 حرف.');
    const r = await app.say('/persona create الأمهات في الرياض');
    expect(r.tone).toBe('success');
    // A question among the objections is not followed by «؛» («…يناسبني؟؛ لم أسمع…» was a seam).
    expect(textOf(r)).not.toMatch(/[?؟!][;؛]/);
    const p = await app.services.db.persona.findFirstOrThrow();
    expect(p.locale).toBe('ar');
    const data = p.data as Record<string, unknown>;
    const texts = JSON.stringify([p.name, data.demographics, data.goals, data.pains, data.messaging]);
    expect(texts).not.toMatch(/[A-Za-z]/);
  });
});
