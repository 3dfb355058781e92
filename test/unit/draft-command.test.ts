import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { actionsOf } from '../../src/core/reply.js';
import { createTestApp, identity, type TestApp, textOf } from '../helpers/app.js';

describe('/draft', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp();
  });
  afterEach(async () => {
    await app.cleanup();
  });

  it('writes an Instagram caption with hashtags, its size and a Schedule button', async () => {
    const r = await app.say(
      '/draft channel:instagram topic:"cold brew launch" keywords:"cold brew, summer drinks" tone:playful',
    );
    expect(r.title).toBe('Instagram draft');
    const shown = textOf(r);
    expect(shown).toContain('cold brew launch');
    expect(shown).toContain('#ColdBrew #SummerDrinks #ColdBrewLaunch');
    expect(shown).toMatch(/\d+\/2,200 characters · 3\/30 hashtags · written from templates/);
    const [button] = actionsOf(r);
    expect(button).toMatchObject({ id: 'draft.schedule', label: 'Schedule this' });
  });

  it('answers the Schedule button with the exact /schedule line, prefilled', async () => {
    const r = await app.say('/draft youtube topic:"barista tips" tone:professional');
    const [button] = actionsOf(r);
    const pressed = await app.router.press('draft.schedule', button?.payload, identity());
    const shown = textOf(pressed);
    expect(pressed.ephemeral).toBe(true);
    expect(shown).toContain('/schedule channel:youtube when:"tomorrow 9am" title:"Barista tips explained" | ');
    expect(shown).toContain('Subscribe for more insights');
    expect(shown).toContain('media:https://');
  });

  it('writes a Mailchimp subject and preview in Arabic for an Arabic workspace', async () => {
    await app.say('/config lang ar');
    const r = await app.say('/draft channel:mailchimp topic:"تخفيضات الربيع" tone:urgent');
    expect(r.rtl).toBe(true);
    const shown = textOf(r);
    expect(shown).toContain('سطر الموضوع: الفرصة الأخيرة: تخفيضات الربيع');
    expect(shown).toContain('نص المعاينة');
    expect(actionsOf(r)[0]?.label).toBe('جدولة هذا المنشور');
  });

  it('refuses a forged or foreign draft id', async () => {
    const r = await app.say('/draft facebook topic:"secret launch"');
    const id = actionsOf(r)[0]?.payload;
    const other = await app.router.press('draft.schedule', id, identity({ workspace: 'T-other' }));
    expect(other.tone).toBe('error');
    expect(textOf(other)).toContain('no longer available');
    expect(textOf(other)).not.toContain('secret launch');
    expect((await app.router.press('draft.schedule', '99999', identity())).tone).toBe('error');
    expect((await app.router.press('draft.schedule', '1 OR 1=1', identity())).tone).toBe('error');
  });

  it('records who drafted what', async () => {
    await app.say('/draft instagram topic:"cold brew"');
    const log = await app.services.db.auditLog.findMany({ where: { action: 'draft.create' } });
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ target: 'instagram', actorId: 'U1' });
  });

  it('names the channel choices when one is wrong', async () => {
    const r = await app.say('/draft tiktok topic:x');
    expect(r.tone).toBe('error');
    expect(textOf(r)).toContain('instagram, facebook, youtube, mailchimp');
  });
});
