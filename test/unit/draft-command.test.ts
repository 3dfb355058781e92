import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runConsole } from '../../src/adapters/console/console.js';
import { actionsOf, type Reply } from '../../src/core/reply.js';
import { createTestApp, identity, type TestApp, textOf } from '../helpers/app.js';

describe('/draft', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp();
  });
  afterEach(async () => {
    await app.cleanup();
  });

  /** The text of the draft as it will be published (the reply's longest text block). */
  const draftText = (r: Reply) =>
    r.blocks.flatMap((b) => (b.kind === 'text' ? [b.text] : [])).sort((a, b) => b.length - a.length)[0] ?? '';

  it('writes an Instagram caption that reads the topic, with 3 to 10 hashtags and a Schedule button', async () => {
    const r = await app.say(
      '/draft channel:instagram topic:"free dental check-up for kids this Saturday" keywords:"kids dentist, Jeddah"',
    );
    expect(r.title).toBe('Instagram draft');
    const shown = textOf(r);
    expect(shown).toContain('free dental check-up for kids this Saturday');
    expect(shown).toContain('kids dentist in Jeddah');
    expect(shown).not.toMatch(/Have you tried|It's all about|is here/);
    expect(shown).toContain('link in our bio');
    expect(shown).toMatch(/#KidsDentist #Jeddah #DentalCheckUp/);
    expect(shown).toMatch(/\d+\/2,200 characters · ([3-9]|10)\/10 hashtags · written by the built-in copywriter/);
    expect(shown).toContain('Read as an event, written in a friendly tone');
    const [button] = actionsOf(r);
    expect(button).toMatchObject({ id: 'draft.schedule', label: 'Schedule this' });
  });

  it('counts hashtags as Arabic counts them: «وسوم» after 3 to 10, «وسمًا» after 11 to 99', async () => {
    await app.say('/config lang ar');
    const shown = textOf(await app.say('/draft channel:instagram topic:"فحص أسنان مجاني للأطفال يوم السبت"'));
    expect(shown.replace(/[\u2066-\u2069]/g, '')).toMatch(/\d+\/10 وسوم ·/);
    const many = Array.from({ length: 31 }, (_, i) => `#t${i}`).join(' ');
    const refused = await app.say(`/schedule instagram tomorrow 9am media:https://x.example/a.jpg | ${many}`);
    expect(textOf(refused).replace(/[\u2066-\u2069]/g, '')).toContain('إنستغرام يسمح بـ30 وسمًا؛ وهنا 31.');
    await app.say('/config lang en');
  });

  it('accepts tone:formal (refused before) and its Arabic name, and says when urgency does not fit', async () => {
    const formal = await app.say('/draft facebook topic:"how to file VAT returns" tone:formal');
    expect(formal.tone).not.toBe('error');
    expect(textOf(formal)).toContain('written in a formal tone');
    const arabic = await app.say('/draft facebook topic:"how to file VAT returns" tone:رسمي');
    expect(textOf(arabic)).toContain('written in a formal tone');
    const urgent = await app.say('/draft facebook topic:"how to file VAT returns" tone:urgent');
    expect(textOf(urgent)).toContain('Urgency is for offers and events; this topic reads as a how-to');
    const sale = await app.say('/draft facebook topic:"30% off winter coats" tone:urgent');
    expect(textOf(sale)).toContain('Read as an offer');
    expect(textOf(sale)).not.toContain('Urgency is for offers');
  });

  it('answers Schedule this with a form that asks only for the time, and a one-line command', async () => {
    const r = await app.say('/draft youtube topic:"barista tips" tone:professional');
    const pressed = await app.router.press('draft.schedule', actionsOf(r)[0]?.payload, identity());
    expect(pressed.ephemeral).toBe(true);
    expect(pressed.form?.action).toBe('draft.at');
    expect(pressed.form?.fields.map((f) => f.key)).toEqual(['when', 'media']);
    expect(pressed.form?.typed).toMatch(/^\/schedule channel:youtube when:"tomorrow 9am" draft:\d+ media:https:\/\/…$/);
    expect(pressed.form?.typed).not.toContain('\n');
  });

  it('schedules the exact draft from the form, title and all', async () => {
    const r = await app.say(
      '/draft youtube topic:"how to choose a toothbrush for your child" keywords:"kids toothbrush"',
    );
    const id = actionsOf(r)[0]?.payload;
    const answer = await app.router.submit(
      'draft.at',
      id,
      { when: 'tomorrow 9am', media: 'https://example.com/v.mp4' },
      identity(),
    );
    expect(answer.tone).toBe('success');
    const [post] = await app.services.db.scheduledPost.findMany();
    expect(post?.content).toBe(draftText(r));
    expect(post?.content).toContain('\n\n');
    expect(post?.title).toBe('Kids toothbrush: how to choose a toothbrush for your child');
    expect(post?.publishAt.toISOString()).toBe('2026-11-27T09:00:00.000Z');
  });

  it('carries a Mailchimp subject into the post title', async () => {
    const r = await app.say('/draft mailchimp topic:"spring sale" tone:urgent');
    const subject = textOf(r)
      .split('\n')
      .find((l) => l.startsWith('Subject line: '))
      ?.slice('Subject line: '.length);
    expect(subject?.length).toBeGreaterThanOrEqual(30);
    await app.router.submit('draft.at', actionsOf(r)[0]?.payload, { when: 'tomorrow 9am' }, identity());
    const [post] = await app.services.db.scheduledPost.findMany();
    expect(post).toMatchObject({ channel: 'mailchimp', title: subject, content: draftText(r) });
  });

  it('pasting the console command schedules the whole draft, not its first paragraph', async () => {
    // The console shows the form as a command to type; a person copies it and pastes it back.
    const out: string[] = [];
    const who = identity({ platform: 'console' });
    const session = async (lines: string[]) => {
      const input = new PassThrough();
      const done = runConsole({
        router: app.router,
        identity: who,
        input,
        write: (s) => out.push(s),
        interactive: false,
      });
      input.end(`${lines.join('\n')}\n`);
      await done;
    };
    await session(['/draft facebook topic:"autumn menu launch" keywords:"pumpkin"', '1']);
    const printed = out.join('');
    const typed = printed.split('\n').find((l) => l.trim().startsWith('/schedule '));
    expect(typed).toBeDefined();
    await session([typed?.trim() ?? '']);
    const posts = await app.services.db.scheduledPost.findMany();
    expect(posts).toHaveLength(1);
    const draft = await app.services.audit.details(
      (await app.services.db.workspace.findFirstOrThrow()).id,
      1,
      'draft.create',
    );
    expect(posts[0]?.content).toBe((draft as { text: string }).text);
    expect(posts[0]?.content.split('\n\n').length).toBeGreaterThan(2);
    expect(out.join('')).not.toContain('There is no command');
  });

  it('writes one post per network with its own preview, and Schedule everywhere schedules them as a group', async () => {
    const r = await app.say('/draft channels:instagram,facebook,mailchimp topic:"20% off all cold brew this weekend"');
    expect(r.title).toBe('Drafts for Instagram, Facebook, Mailchimp');
    const shown = textOf(r);
    expect(shown).toContain('*Instagram*');
    expect(shown).toContain('*Facebook*');
    expect(shown).toContain('Subject line: ');
    const [button] = actionsOf(r);
    expect(button?.label).toBe('Schedule everywhere');
    const pressed = await app.router.press('draft.schedule', button?.payload, identity());
    expect(pressed.form?.typed).toMatch(/^\/schedule when:"tomorrow 9am" draft:\d+ media:https:\/\/…$/);
    const done = await app.router.submit(
      'draft.at',
      button?.payload,
      { when: 'tomorrow 9am', media: 'https://example.com/cup.jpg' },
      identity(),
    );
    expect(done.title).toBe('Scheduled on 3 networks as one group');
    const posts = await app.services.db.scheduledPost.findMany({ orderBy: { id: 'asc' } });
    expect(posts.map((p) => p.channel)).toEqual(['instagram', 'facebook', 'mailchimp']);
    expect(new Set(posts.map((p) => p.groupId)).size).toBe(1);
    expect(posts[0]?.groupId).toBeTruthy();
    expect(posts[2]?.media).toEqual([]);
    expect(posts[0]?.content).not.toBe(posts[1]?.content);

    const group = textOf(await app.say(`/schedule show ${posts[0]?.id}`));
    expect(group).toContain(
      `Drafted together with #${posts[1]?.id} (Facebook, scheduled), #${posts[2]?.id} (Mailchimp, scheduled).`,
    );
    // Cancelling one offers the rest of the group; each keeps its own status.
    const cancel = await app.say(`/schedule cancel ${posts[1]?.id}`);
    const offer = actionsOf(cancel)[0];
    expect(offer?.id).toBe('schedule.cancelGroup');
    expect(offer?.label).toContain(`#${posts[0]?.id}, #${posts[2]?.id}`);
    await app.say(`/schedule edit ${posts[0]?.id} when:"friday 5pm"`).then(async (edited) => {
      const move = actionsOf(edited).find((a) => a.id === 'schedule.moveGroup');
      expect(move?.label).toContain(`#${posts[2]?.id}`);
      await app.router.press('schedule.moveGroup', move?.payload, identity());
    });
    let after = await app.services.db.scheduledPost.findMany({ orderBy: { id: 'asc' } });
    expect(after.map((p) => p.status)).toEqual(['pending', 'cancelled', 'pending']);
    expect(after[2]?.publishAt.toISOString()).toBe(after[0]?.publishAt.toISOString());
    await app.router.press('schedule.cancelGroup', offer?.payload, identity());
    after = await app.services.db.scheduledPost.findMany({ orderBy: { id: 'asc' } });
    expect(after.map((p) => p.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
  });

  it('schedules one network of a group draft by name', async () => {
    const r = await app.say('/draft channels:facebook,mailchimp topic:"our clinic was voted best in Sharjah"');
    const id = actionsOf(r)[0]?.payload;
    const answer = await app.say(`/schedule channel:facebook when:"tomorrow 9am" draft:${id}`);
    expect(answer.tone).toBe('success');
    const posts = await app.services.db.scheduledPost.findMany();
    expect(posts.map((p) => p.channel)).toEqual(['facebook']);
    expect(posts[0]?.groupId).toBeNull();
    const wrong = await app.say(`/schedule channel:youtube when:"tomorrow 9am" draft:${id}`);
    expect(textOf(wrong)).toContain(`Draft #${id} is for Facebook, Mailchimp.`);
  });

  it('writes in Arabic for an Arabic workspace, with the digits it uses', async () => {
    await app.say('/config lang ar');
    await app.services.db.workspace.updateMany({ data: { digits: 'arabic' } });
    const r = await app.say('/draft channel:mailchimp topic:"خصم 20% على تبييض الأسنان" tone:عاجل');
    expect(r.rtl).toBe(true);
    const shown = textOf(r);
    expect(shown).toContain('سطر الموضوع');
    expect(shown).toContain('٢٠٪');
    expect(shown).toContain('بنبرة عاجلة');
    expect(actionsOf(r)[0]?.label).toBe('جدولة هذا المنشور');
    const tip = textOf(await app.say('/draft channel:instagram topic:"كيف تختار فرشاة أسنان لطفلك"'));
    expect(tip).toContain('كيف تختار فرشاة أسنان لطفلك');
    expect(tip).not.toContain('لطفلك وصل');
  });

  it('uses the brand profile when one is set', async () => {
    await app.say('/config');
    await app.services.db.workspace.updateMany({
      data: { brand: { name: 'PayRight', businessType: 'b2b', ctaLink: 'https://payright.example/demo' } },
    });
    const shown = textOf(await app.say('/draft facebook topic:"payroll reports for HR teams"'));
    expect(shown).toContain('https://payright.example/demo');
    expect(shown).toContain('written in a formal tone');
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
    const foreign = await app.router.submit(
      'draft.at',
      id,
      { when: 'tomorrow 9am' },
      identity({ workspace: 'T-other' }),
    );
    expect(textOf(foreign)).toContain('There is no draft');
  });

  it('records who drafted what', async () => {
    await app.say('/draft instagram topic:"cold brew"');
    const log = await app.services.db.auditLog.findMany({ where: { action: 'draft.create' } });
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ target: 'instagram', actorId: 'U1' });
  });

  it('names the channel choices when one is wrong, and asks for one when none is given', async () => {
    const r = await app.say('/draft snapchat topic:x');
    expect(r.tone).toBe('error');
    expect(textOf(r)).toContain('instagram, facebook, linkedin, x, tiktok, youtube, mailchimp');
    const list = await app.say('/draft channels:instagram,myspace topic:x');
    expect(list.tone).toBe('error');
    expect(textOf(list)).toContain('networks separated by commas');
    const none = await app.say('/draft topic:x');
    expect(textOf(none)).toContain('Say which network');
  });
});
