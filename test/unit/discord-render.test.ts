import type { APIEmbed } from 'discord.js';
import { describe, expect, it } from 'vitest';
import {
  clip,
  customId,
  type DiscordMessage,
  ELLIPSIS,
  forRest,
  LIMITS,
  parseCustomId,
  renderMessage,
} from '../../src/adapters/discord/render.js';
import type { Action, Reply } from '../../src/core/reply.js';
import { messageProblem } from '../fakes/discord.js';

const chars = (embeds: APIEmbed[]) =>
  embeds.reduce(
    (n, e) =>
      n +
      (e.title?.length ?? 0) +
      (e.description?.length ?? 0) +
      (e.footer?.text.length ?? 0) +
      (e.fields ?? []).reduce((m, f) => m + f.name.length + f.value.length, 0),
    0,
  );

/** The fake applies Discord's own checks: a rendered message must pass them. */
/** A button's custom id, or the address of a link button. */
const idOf = (c: DiscordMessage['components'][number]['components'][number] | undefined) =>
  c === undefined ? undefined : 'custom_id' in c ? c.custom_id : c.url;

function expectAccepted(r: Reply) {
  const m = renderMessage(r);
  expect(messageProblem(forRest(m).body, m.files.length)).toBeUndefined();
  return m;
}

describe('Reply -> Discord message', () => {
  it('renders a link button as style 5 with its address and no custom id', () => {
    const m = expectAccepted({
      blocks: [
        {
          kind: 'actions',
          actions: [
            { id: 'connect.link', label: 'Connect', url: 'https://bot.example/oauth/x/start?state=abc' },
            { id: 'x.b', label: 'B', payload: '1' },
          ],
        },
      ],
    });
    expect(m.components[0]?.components[0]).toMatchObject({
      style: 5,
      url: 'https://bot.example/oauth/x/start?state=abc',
    });
    expect(m.components[0]?.components[0]).not.toHaveProperty('custom_id');
    expect(idOf(m.components[0]?.components[1])).toBe('x.b|1');
  });

  it('renders title, tone, text, fields, list, table and context into one embed', () => {
    const m = expectAccepted({
      title: 'Report',
      tone: 'success',
      blocks: [
        { kind: 'text', text: 'Hello' },
        { kind: 'list', items: ['a', 'b'], ordered: true },
        { kind: 'table', columns: ['ch', 'clicks'], rows: [['fb', '10']] },
        { kind: 'context', text: 'small print' },
      ],
    });
    expect(m.embeds).toHaveLength(1);
    expect(m.embeds[0]?.title).toBe('Report');
    expect(m.embeds[0]?.color).toBe(0x57f287);
    expect(m.embeds[0]?.description).toContain('1. a\n2. b');
    expect(m.embeds[0]?.description).toContain('```\nch  clicks');
    expect(m.embeds[0]?.description).toContain('-# small print');
  });

  it('keeps reading order: text after fields starts a new embed', () => {
    const m = expectAccepted({
      blocks: [
        { kind: 'fields', fields: [{ label: 'A', value: '1' }] },
        { kind: 'text', text: 'after' },
      ],
    });
    expect(m.embeds.map((e) => [e.fields?.length ?? 0, e.description])).toEqual([
      [1, undefined],
      [0, 'after'],
    ]);
  });

  it('splits more than 25 fields over embeds', () => {
    const fields = Array.from({ length: 30 }, (_, i) => ({ label: `L${i}`, value: `v${i}` }));
    const m = expectAccepted({ blocks: [{ kind: 'fields', fields }] });
    expect(m.embeds.map((e) => e.fields?.length)).toEqual([LIMITS.fields, 5]);
  });

  it('clips long field names and values, and stops at 6,000 characters with a visible "…"', () => {
    const fields = Array.from({ length: 30 }, (_, i) => ({ label: `L${i}`.padEnd(300, 'x'), value: 'v'.repeat(2000) }));
    const m = expectAccepted({ blocks: [{ kind: 'fields', fields }] });
    expect(m.embeds[0]?.fields?.[0]?.name).toHaveLength(LIMITS.fieldName);
    expect(m.embeds[0]?.fields?.[0]?.value).toHaveLength(LIMITS.fieldValue);
    expect(m.embeds[0]?.fields?.[0]?.value.endsWith(ELLIPSIS)).toBe(true);
    expect(chars(m.embeds)).toBeLessThanOrEqual(LIMITS.totalEmbedChars);
    expect(m.embeds.at(-1)?.description?.endsWith(ELLIPSIS)).toBe(true);
  });

  it('keeps an oversized digest within 10 embeds and 6,000 characters, ending in a visible "…"', () => {
    const blocks: Reply['blocks'] = [];
    for (let i = 0; i < 40; i++) blocks.push({ kind: 'text', text: `Section ${i} ${'word '.repeat(300)}` });
    const m = expectAccepted({ title: 'Weekly digest', blocks });
    expect(m.embeds.length).toBeLessThanOrEqual(LIMITS.embeds);
    expect(chars(m.embeds)).toBeLessThanOrEqual(LIMITS.totalEmbedChars);
    expect(m.embeds.at(-1)?.description?.endsWith(ELLIPSIS)).toBe(true);
  });

  it('splits one text longer than a description at line breaks', () => {
    const long = Array.from({ length: 100 }, (_, i) => `line ${i} ${'x'.repeat(50)}`).join('\n');
    const m = expectAccepted({ blocks: [{ kind: 'text', text: long }] });
    expect(m.embeds.length).toBeGreaterThan(1);
    for (const e of m.embeds) expect(e.description?.length ?? 0).toBeLessThanOrEqual(LIMITS.description);
    expect(m.embeds[1]?.description?.startsWith('line ')).toBe(true);
  });

  it('never cuts inside a surrogate pair', () => {
    expect(clip('😀😀😀', 4)).toBe('😀…');
    expect(clip('short', 10)).toBe('short');
  });

  it('puts at most 5 buttons in a row and 5 rows, marks the overflow, and drops ids over 100 characters', () => {
    const buttons: Action[] = Array.from({ length: 27 }, (_, i) => ({
      id: `x.b${i}`,
      label: `B${i}`,
      payload: `${i}`,
    }));
    buttons.push({ id: 'x.long', label: 'Long', payload: 'p'.repeat(120) });
    const m = expectAccepted({
      blocks: [
        { kind: 'text', text: 'pick' },
        { kind: 'actions', actions: buttons },
      ],
    });
    expect(m.components).toHaveLength(LIMITS.rows);
    for (const row of m.components) expect(row.components.length).toBeLessThanOrEqual(LIMITS.buttonsPerRow);
    expect(idOf(m.components[0]?.components[0])).toBe('x.b0|0');
    expect(m.dropped).toEqual(['x.long']);
    expect(m.embeds.at(-1)?.footer?.text).toBe(ELLIPSIS);
  });

  it('starts each actions block on its own row (an alert: four actions, then the two feedback buttons)', () => {
    const group = (names: string[]): Action[] => names.map((n) => ({ id: `alerts.${n}`, label: n, payload: '7' }));
    const m = expectAccepted({
      blocks: [
        { kind: 'text', text: 'alert' },
        { kind: 'actions', actions: group(['send', 'edit', 'handle', 'assign', 'ignore']) },
        { kind: 'actions', actions: group(['notnegative', 'correct']) },
      ],
    });
    expect(m.components.map((row) => row.components.map(idOf))).toEqual([
      ['alerts.send|7', 'alerts.edit|7', 'alerts.handle|7', 'alerts.assign|7', 'alerts.ignore|7'],
      ['alerts.notnegative|7', 'alerts.correct|7'],
    ]);
  });

  it('round-trips button ids with and without payloads', () => {
    expect(parseCustomId(customId({ id: 'plan.save', payload: 'a|b' }))).toEqual({
      actionId: 'plan.save',
      payload: 'a|b',
    });
    expect(parseCustomId(customId({ id: 'plan.save' }))).toEqual({ actionId: 'plan.save', payload: undefined });
  });

  it('attaches images and files, and the embed shows the image', () => {
    const png = new Uint8Array([137, 80, 78, 71]);
    const m = expectAccepted({
      blocks: [
        { kind: 'image', png, alt: 'KPI chart', filename: 'kpi chart.png' },
        { kind: 'image', png, alt: 'second', filename: 'kpi chart.png' },
        { kind: 'file', filename: 'data.csv', mime: 'text/csv', content: 'a,b\n1,2' },
      ],
    });
    expect(m.files.map((f) => f.name)).toEqual(['kpi_chart.png', 'kpi_chart-2.png', 'data.csv']);
    expect(m.embeds.map((e) => e.image?.url)).toEqual(['attachment://kpi_chart.png', 'attachment://kpi_chart-2.png']);
    expect(forRest(m).body.attachments).toEqual([
      // An image's alt text goes with its attachment (Discord's `description`): screen readers read it.
      { id: 0, filename: 'kpi_chart.png', description: 'KPI chart' },
      { id: 1, filename: 'kpi_chart-2.png', description: 'second' },
      { id: 2, filename: 'data.csv' },
    ]);
  });

  it('marks ephemeral replies and never lets a reply ping anyone', () => {
    const m = renderMessage({ blocks: [{ kind: 'text', text: '@everyone hi' }], ephemeral: true });
    expect(forRest(m).body).toMatchObject({ flags: 64, allowed_mentions: { parse: [] } });
  });

  it('an empty reply still sends something valid', () => {
    const m = expectAccepted({ blocks: [] });
    expect(m.content).toBe(ELLIPSIS);
  });
});
