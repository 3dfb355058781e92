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
    expect(shown).toMatch(/\d+\/2,200 characters · 3\/30 hashtags · written from the built-in templates/);
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

  /** Drafts, presses Schedule this, and types the line it answers with, as a person would. */
  async function scheduleFromDraft(line: string, extra = '') {
    const r = await app.say(line);
    const pressed = await app.router.press('draft.schedule', actionsOf(r)[0]?.payload, identity());
    const prefilled = pressed.blocks
      .map((b) => (b.kind === 'text' ? b.text : ''))
      .find((l) => l.startsWith('/schedule '));
    expect(prefilled).toBeDefined();
    const typed = extra ? (prefilled as string).replace(' | ', ` ${extra} | `) : (prefilled as string);
    const answer = await app.say(typed);
    const posts = await app.services.db.scheduledPost.findMany();
    return { draft: r, answer, posts };
  }

  it('prefills a /schedule line that schedules the drafted post as it is', async () => {
    const { draft, answer, posts } = await scheduleFromDraft('/draft facebook topic:"autumn menu" keywords:"pumpkin"');
    expect(answer.tone).not.toBe('error');
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({ channel: 'facebook', status: 'pending' });
    // The text scheduled is the text drafted, hashtags and all.
    const body = textOf(draft)
      .split('\n')
      .find((l) => l.includes('autumn menu')) as string;
    expect(posts[0]?.content).toContain(body);
    expect(posts[0]?.publishAt.toISOString()).toBe('2026-11-27T09:00:00.000Z');
  });

  it('carries a Mailchimp subject into /schedule title, and an Instagram draft once media is added', async () => {
    const mail = await scheduleFromDraft('/draft mailchimp topic:"spring sale" tone:urgent');
    expect(mail.answer.tone).not.toBe('error');
    const subject = textOf(mail.draft)
      .split('\n')
      .find((l) => l.startsWith('Subject line: '))
      ?.slice('Subject line: '.length);
    expect(subject).toBeTruthy();
    expect(mail.posts[0]).toMatchObject({ channel: 'mailchimp', title: subject });
    await app.services.db.scheduledPost.deleteMany();
    const insta = await scheduleFromDraft('/draft instagram topic:"cold brew"', 'media:https://example.com/cup.jpg');
    expect(insta.answer.tone).not.toBe('error');
    expect(insta.posts[0]).toMatchObject({ channel: 'instagram' });
    expect(insta.posts[0]?.content).toContain('#ColdBrew');
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
