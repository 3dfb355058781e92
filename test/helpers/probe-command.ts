/**
 * A test-only command that exercises every answering path of a platform adapter: quick, slow
 * (declared), late (over the defer budget), failing, buttons that replace or post, an image.
 */
import { z } from 'zod';
import { action, defineCommand, sub } from '../../src/core/command.js';
import { UserError } from '../../src/core/errors.js';
import { opt, required } from '../../src/core/options.js';
import { actions, reply, text } from '../../src/core/reply.js';
import { suggestPersonas } from '../../src/workspace/suggest.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const l = (en: string) => ({ en, ar: `${en} (ar)` });

/** A 1x1 PNG. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

export function probeCommand(lateMs: number) {
  const counter = { runs: 0 };
  const command = defineCommand({
    name: 'probe',
    description: l('Exercises the adapter'),
    subcommands: {
      fast: sub({
        description: l('Answers at once'),
        options: {
          n: required(opt.integer({ label: l('Number'), description: l('A number'), max: 100 })),
          flag: opt.boolean({ label: l('Flag'), description: l('A flag') }),
          where: opt.channel({ label: l('Where'), description: l('A channel') }),
          who: opt.string({ label: l('Persona'), description: l('A persona'), suggest: suggestPersonas }),
        },
        handler: ({ n, flag, where }) =>
          reply('Fast', [
            text(`n=${n} flag=${flag} where=${where}`),
            actions([
              { id: 'probe.again', label: 'Again', payload: '7' },
              { id: 'probe.replace', label: 'Replace', payload: 'x' },
            ]),
          ]),
      }),
      slow: sub({
        description: l('Declared slow'),
        options: {},
        slow: true,
        handler: async () => {
          await sleep(50);
          return reply('Slow done', [text('after thinking')]);
        },
      }),
      late: sub({
        description: l('Slower than the budget'),
        options: {},
        handler: async () => {
          await sleep(lateMs);
          return reply('Late done', [text('took a while')]);
        },
      }),
      boom: sub({
        description: l('Fails'),
        options: {},
        handler: () => {
          throw new Error('kaboom');
        },
      }),
      refuse: sub({
        description: l('Slow, then a user error'),
        options: {},
        slow: true,
        handler: async () => {
          await sleep(20);
          throw new UserError('You cannot do that here.');
        },
      }),
      count: sub({
        description: l('Counts runs'),
        options: {},
        handler: () => {
          counter.runs += 1;
          return reply(undefined, [text(`run ${counter.runs}`)]);
        },
      }),
      chart: sub({
        description: l('Sends an image'),
        options: {},
        handler: () => reply('Chart', [{ kind: 'image', png: PNG, alt: 'a chart', filename: 'chart.png' }]),
      }),
    },
    actions: {
      again: action({
        payload: z.string().regex(/^\d+$/),
        handler: (p) => reply('Again', [text(`payload ${p}`)]),
      }),
      replace: action({
        payload: z.string(),
        handler: () => reply('Replaced', [text('in place')], { replaceOriginal: true }),
      }),
      ask: action({
        payload: z.string().regex(/^\d+$/),
        handler: (p) =>
          reply('Asked', [text(`Type /probe fast n:${p}`)], {
            form: {
              action: 'probe.answer',
              payload: p,
              title: 'Tell me',
              submit: 'Send',
              fields: [
                { key: 'name', label: 'Name', value: 'Rana' },
                { key: 'note', label: 'Note', multiline: true, maxLength: 200 },
              ],
            },
          }),
      }),
      answer: action({
        payload: z.string().regex(/^\d+$/),
        fields: z.object({ name: z.string().min(1).max(20), note: z.string().max(200).optional() }),
        handler: (p, _ctx, v) =>
          reply('Answered', [text(`form ${p}: ${v.name} / ${v.note ?? '-'}`)], { replaceOriginal: true }),
      }),
      slowreplace: action({
        payload: z.string(),
        handler: async () => {
          await sleep(lateMs);
          return reply('Slowly replaced', [text('in place')], { replaceOriginal: true });
        },
      }),
    },
  });
  return { command, counter };
}
