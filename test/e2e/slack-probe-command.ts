/**
 * A command that exists only in the Slack end-to-end tests: buttons, a slow sub-action, a long
 * reply, a chart and a failure, so the adapter's paths can be exercised before feature commands
 * that use them exist.
 */
import { z } from 'zod';
import { action, defineCommand, sub } from '../../src/core/command.js';
import { opt, required } from '../../src/core/options.js';
import { actions, fields, reply, table, text } from '../../src/core/reply.js';

/** A 1x1 transparent PNG. */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

export const probe = defineCommand({
  name: 'probe',
  description: { en: 'Test probe', ar: 'مسبار اختبار' },
  subcommands: {
    buttons: sub({
      description: { en: 'Reply with buttons', ar: 'رد مع أزرار' },
      options: {},
      handler: () =>
        reply('Pick one', [
          actions([
            { id: 'probe.pick', label: 'First', payload: '1', style: 'primary' },
            { id: 'probe.pick', label: 'Second', payload: '2' },
          ]),
        ]),
    }),
    slow: sub({
      description: { en: 'Slow work', ar: 'عمل بطيء' },
      slow: true,
      options: { private: opt.boolean({ label: { en: 'Private', ar: 'خاص' }, description: { en: 'x', ar: 'x' } }) },
      async handler({ private: only }) {
        await new Promise((r) => setTimeout(r, 300));
        return reply('Slow result', [text('done after a while')], { ephemeral: only === true });
      },
    }),
    long: sub({
      description: { en: 'A very long reply', ar: 'رد طويل جدًا' },
      options: {
        rows: opt.integer({ label: { en: 'Rows', ar: 'صفوف' }, description: { en: 'x', ar: 'x' }, max: 5000 }),
      },
      handler: ({ rows }) =>
        reply('Long <report> & more', [
          text('intro <@U123> & <!channel>'),
          fields(Array.from({ length: 25 }, (_, i) => ({ label: `Metric ${i}`, value: 'v'.repeat(2500) }))),
          table(
            ['date', 'channel', 'spend'],
            Array.from({ length: rows ?? 400 }, (_, i) => [
              `2026-01-${String((i % 28) + 1).padStart(2, '0')}`,
              'instagram',
              `${i}`,
            ]),
          ),
          text('x'.repeat(20_000)),
        ]),
    }),
    chart: sub({
      description: { en: 'A chart', ar: 'رسم بياني' },
      options: {},
      handler: () =>
        reply('Chart', [
          text('see the chart'),
          { kind: 'image', png: TINY_PNG, alt: 'spend by week', filename: 'spend.png' },
        ]),
    }),
    boom: sub({
      description: { en: 'Fails', ar: 'يفشل' },
      options: {},
      handler: () => {
        throw new Error('database on fire');
      },
    }),
    note: sub({
      description: { en: 'Multiline note', ar: 'ملاحظة' },
      options: {
        body: required(
          opt.text({ label: { en: 'Body', ar: 'النص' }, description: { en: 'x', ar: 'x' }, positional: true }),
        ),
      },
      handler: ({ body }) => reply(undefined, [text(`noted: ${body}`)]),
    }),
  },
  actions: {
    pick: action({
      payload: z.enum(['1', '2']),
      handler: (choice) => reply(undefined, [text(`picked ${choice}`)], { replaceOriginal: true }),
    }),
  },
});
