import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { action, defineCommand, sub } from '../../src/core/command.js';
import { opt, required } from '../../src/core/options.js';
import { reply, text } from '../../src/core/reply.js';
import { Router } from '../../src/core/router.js';
import { createLogger } from '../../src/log.js';
import { createTestApp, identity, type TestApp, textOf } from '../helpers/app.js';

const echo = (input: Record<string, unknown>) => reply(undefined, [text(JSON.stringify(input))]);

const schedule = defineCommand({
  name: 'schedule',
  description: { en: 'Schedule a post', ar: 'جدولة منشور' },
  subcommands: {
    add: sub({
      description: { en: 'Add', ar: 'إضافة' },
      pipe: 'text',
      options: {
        channel: required(
          opt.choice(['instagram', 'facebook'], {
            label: { en: 'Channel', ar: 'القناة' },
            description: { en: 'c', ar: 'ق' },
            positional: true,
          }),
        ),
        when: opt.text({
          label: { en: 'When', ar: 'متى' },
          description: { en: 'w', ar: 'م' },
          positional: true,
          greedy: true,
        }),
        text: opt.text({ label: { en: 'Text', ar: 'النص' }, description: { en: 't', ar: 'ن' } }),
        budget: opt.number({
          label: { en: 'Budget', ar: 'الميزانية' },
          description: { en: 'b', ar: 'م' },
          min: 1,
          max: 1000,
        }),
      },
      handler: (input) => echo(input),
    }),
    cancel: sub({
      description: { en: 'Cancel', ar: 'إلغاء' },
      allow: ['manager'],
      options: {
        id: required(
          opt.integer({
            label: { en: 'Post', ar: 'المنشور' },
            description: { en: 'p', ar: 'م' },
            positional: true,
            min: 1,
          }),
        ),
      },
      handler: (input) => echo(input),
    }),
  },
  actions: {
    approve: action({
      payload: z.string().regex(/^\d+$/).transform(Number),
      allow: ['manager'],
      handler: (id) => reply(undefined, [text(`approved ${id}`)]),
    }),
    rename: action({
      payload: z.string().regex(/^\d+$/).transform(Number),
      fields: z.object({ title: z.string().trim().min(1).max(10) }),
      allow: ['manager'],
      handler: (id, _ctx, values) => reply(undefined, [text(`renamed ${id} to ${values.title}`)]),
    }),
  },
});

const boom = defineCommand({
  name: 'boom',
  description: { en: 'Fails', ar: 'يفشل' },
  options: {},
  handler: () => {
    throw new Error('database exploded at /secret/path');
  },
});

describe('router', () => {
  let app: TestApp;
  let router: Router;
  beforeAll(async () => {
    app = await createTestApp();
    router = new Router([schedule, boom], app.services, createLogger('silent'));
  });
  afterAll(() => app.cleanup());
  const run = (line: string, who = identity()) => router.handleText(line, who);

  it('binds positionals, a greedy option and the text after the pipe', async () => {
    const r = await run('/schedule add instagram next monday 10:00 | Hello, world');
    expect(JSON.parse(textOf(r))).toEqual({ channel: 'instagram', when: 'next monday 10:00', text: 'Hello, world' });
  });

  it('takes named options in any order and converts numbers', async () => {
    const r = await run('/schedule add budget:1,000 text:"hi there" channel:FACEBOOK');
    expect(JSON.parse(textOf(r))).toEqual({ channel: 'facebook', text: 'hi there', budget: 1000 });
  });

  it('names the option, the value and the allowed values when a value is wrong', async () => {
    const r = await run('/schedule add tiktok');
    expect(r.tone).toBe('error');
    expect(textOf(r)).toContain('Channel (channel): "tiktok" is not valid. Expected one of: instagram, facebook.');
    expect(textOf(r)).toContain('Usage: /schedule add instagram|facebook');
  });

  it('says which required option is missing', async () => {
    const r = await run('/schedule add');
    expect(textOf(r)).toContain('Channel (channel) is required');
  });

  it('suggests the closest option name for a typo', async () => {
    const r = await run('/schedule cancel 3 bugdet:4');
    expect(textOf(r)).toContain('There is no option "bugdet"');
  });

  it('refuses an option given twice', async () => {
    const r = await run('/schedule add instagram budget:1 budget:2');
    expect(textOf(r)).toContain('"budget" was given twice');
  });

  it('suggests a sub-action for a typo and lists them when none is given', async () => {
    expect(textOf(await run('/schedule cancl 4'))).toContain('Did you mean cancel?');
    expect(textOf(await run('/schedule'))).toContain('/schedule needs one of: add, cancel.');
  });

  it('answers an unknown command with a suggestion', async () => {
    const r = await run('/schedul add instagram');
    expect(textOf(r)).toBe('There is no command /schedul. Did you mean /schedule?');
  });

  it('rejects inputs over 4,000 characters before parsing them', async () => {
    const r = await run(`/schedule add instagram | ${'x'.repeat(4000)}`);
    expect(textOf(r)).toMatch(/too long \(4,0\d\d characters\)/);
  });

  it('survives hostile input: control characters, RTL marks, unbalanced quotes', async () => {
    for (const line of [
      '/schedule add "instagram',
      '\u202e/schedule\u202c add\u0007 instagram',
      '/schedule add \u200finstagram\u200f',
      '"""',
      '/',
      '| | |',
    ]) {
      const r = await run(line);
      expect(r.blocks.length).toBeGreaterThan(0);
    }
    const rtl = await run('/schedule add \u200finstagram\u200f');
    expect(JSON.parse(textOf(rtl))).toEqual({ channel: 'instagram' });
  });

  it('answers in Arabic for an Arabic workspace', async () => {
    const r = await run('/schedule add tiktok', identity({ workspace: 'T-ar', locale: 'ar' }));
    expect(textOf(r)).toContain('القناة (\u2068channel\u2069): القيمة «\u2068tiktok\u2069» غير صالحة');
    expect(r.rtl).toBe(true);
  });

  it('hides internal failures behind a reference id', async () => {
    const r = await run('/boom');
    expect(textOf(r)).toMatch(/Something went wrong on our side and nothing was changed\. .* reference: [0-9a-f]{8}\./);
    expect(textOf(r)).not.toContain('exploded');
    expect(textOf(r)).not.toContain('/secret/path');
  });

  it('enforces roles on sub-actions and buttons, naming who may do it', async () => {
    await run('/schedule cancel 1', identity({ workspace: 'T-roles', user: 'first' }));
    const member = identity({ workspace: 'T-roles', user: 'someone', admin: false });
    expect(textOf(await run('/schedule cancel 1', member))).toBe(
      'Only admins or managers can do this. Ask an admin to change your role if you need it.',
    );
    expect(textOf(await router.press('schedule.approve', '5', member))).toContain('Only admins or managers');
    expect(textOf(await router.press('schedule.approve', '5', identity({ workspace: 'T-roles', user: 'first' })))).toBe(
      'approved 5',
    );
  });

  it('refuses a forged or unknown button payload', async () => {
    expect(textOf(await router.press('schedule.approve', '5; drop table', identity()))).toContain('no longer valid');
    expect(textOf(await router.press('nope.nope', '1', identity()))).toContain('no longer valid');
  });

  it('submits a form only with a valid payload, role and values; a press cannot reach it', async () => {
    const owner = identity({ workspace: 'T-forms', user: 'first' });
    await run('/help', owner);
    const member = identity({ workspace: 'T-forms', user: 'someone', admin: false });
    expect(textOf(await router.submit('schedule.rename', '7', { title: ' Launch ' }, owner))).toBe(
      'renamed 7 to Launch',
    );
    expect(textOf(await router.submit('schedule.rename', '7; drop', { title: 'x' }, owner))).toContain(
      'no longer valid',
    );
    expect(textOf(await router.submit('schedule.approve', '7', { title: 'x' }, owner))).toContain('no longer valid');
    expect(textOf(await router.press('schedule.rename', '7', owner))).toContain('no longer valid');
    expect(textOf(await router.submit('schedule.rename', '7', { title: 'x' }, member))).toContain('Only admins');
    const long = await router.submit('schedule.rename', '7', { title: 'far too long a title' }, owner);
    expect(long.tone).toBe('error');
    expect(textOf(long)).toContain('at most 10 characters');
    expect(router.checkForm('schedule.rename', { title: '  ' }, 'en')).toEqual({ title: 'Fill this in.' });
    expect(router.checkForm('schedule.rename', { title: 'ok' }, 'en')).toBeUndefined();
  });

  it('validates structured options field by field for modals', () => {
    const add = schedule.subcommands.find((s) => s.name === 'add');
    if (!add) throw new Error('missing sub');
    const v = router.validate(add, { channel: 'x', budget: '5000' }, 'en');
    expect(v.ok).toBe(false);
    if (!v.ok) expect(Object.keys(v.errors).sort()).toEqual(['budget', 'channel']);
  });
});
