import { describe, expect, it } from 'vitest';
import {
  actionIdOf,
  blockSize,
  clip,
  escapeMrkdwn,
  LIMITS,
  plainFallback,
  renderReply,
  splitText,
} from '../../src/adapters/slack/render.js';
import { actions, fields, list, type Reply, reply, table, text } from '../../src/core/reply.js';
import { blocksProblem, type Wire } from '../fakes/slack.js';

const messageSize = (blocks: Wire[]) => blocks.reduce((n, b) => n + blockSize(b as never), 0);

/** Every message must pass the same checks Slack makes (the fake encodes them). */
function expectAccepted(r: Reply, maxMessages = 4) {
  const out = renderReply(r, { maxMessages });
  expect(out.messages.length).toBeLessThanOrEqual(maxMessages);
  for (const m of out.messages) {
    expect(blocksProblem(m.blocks)).toBeUndefined();
    expect(m.blocks.length).toBeLessThanOrEqual(LIMITS.blocksPerMessage);
    expect(messageSize(m.blocks as Wire[])).toBeLessThanOrEqual(LIMITS.charsPerMessage);
    expect(m.text.length).toBeLessThanOrEqual(LIMITS.fallback);
  }
  return out;
}

describe('Slack renderer', () => {
  it('escapes mrkdwn control characters so user text cannot mention or link', () => {
    expect(escapeMrkdwn('a <@U1> & <!here> > b')).toBe('a &lt;@U1&gt; &amp; &lt;!here&gt; &gt; b');
    const out = renderReply(reply(undefined, [text('<!channel> & co')]));
    expect(JSON.stringify(out.messages[0]?.blocks)).toContain('&lt;!channel&gt; &amp; co');
  });

  it('clips visibly and never splits an escape sequence', () => {
    const cut = clip('&'.repeat(10), 12);
    expect(cut).toBe('&amp;&amp;…');
    expect(cut.length).toBeLessThanOrEqual(12);
    expect(clip('short', 12)).toBe('short');
  });

  it('splits long text into sections that each fit, losing nothing', () => {
    const long = Array.from({ length: 400 }, (_, i) => `line ${i} ${'word '.repeat(10)}`).join('\n');
    const pieces = splitText(long, LIMITS.sectionText);
    expect(pieces.length).toBeGreaterThan(1);
    for (const p of pieces) expect(escapeMrkdwn(p).length).toBeLessThanOrEqual(LIMITS.sectionText);
    expect(pieces.join('\n')).toBe(long);
    const oneLine = 'x'.repeat(7000);
    expect(splitText(oneLine, 3000).join('')).toBe(oneLine);
  });

  it('keeps sections under 10 fields and under the message budget', () => {
    const many = Array.from({ length: 35 }, (_, i) => ({ label: `KPI ${i}`, value: `${i}` }));
    const out = expectAccepted(reply('KPIs', [fields(many)]));
    const sections = out.messages.flatMap((m) => m.blocks).filter((b) => b.type === 'section');
    expect(sections).toHaveLength(4);
    const huge = Array.from({ length: 30 }, (_, i) => ({ label: `KPI ${i}`, value: 'v'.repeat(5000) }));
    expectAccepted(reply('Huge', [fields(huge)]), 10);
  });

  it('splits an oversized digest over messages and marks what was left out', () => {
    const r = reply('Weekly digest', [
      text('x'.repeat(30_000)),
      table(
        ['date', 'channel', 'spend'],
        Array.from({ length: 2000 }, (_, i) => [`d${i}`, 'instagram', `${i}`]),
      ),
      list(Array.from({ length: 500 }, (_, i) => `item ${i}`)),
    ]);
    const out = expectAccepted(r, 3);
    expect(out.messages).toHaveLength(3);
    const last = out.messages[2]?.blocks.at(-1) as Wire;
    expect(last.type).toBe('context');
    expect(last.elements[0].text).toMatch(/^… The reply was too long for Slack; \d+ part(s)? left out\./);
  });

  it('says it in Arabic for Arabic replies', () => {
    const out = renderReply(reply('ملخص', [text('x'.repeat(60_000))], { rtl: true }), { maxMessages: 1 });
    const last = out.messages[0]?.blocks.at(-1) as Wire;
    expect(last.elements[0].text).toContain('أطول مما يقبله Slack');
  });

  it('more than 50 small blocks become several messages', () => {
    const blocks = Array.from({ length: 120 }, (_, i) => text(`para ${i}`));
    const out = expectAccepted(reply(undefined, blocks));
    expect(out.messages).toHaveLength(3);
    expect(out.messages.reduce((n, m) => n + m.blocks.length, 0)).toBe(120);
  });

  it('renders buttons with the action id and payload, unique within a block', () => {
    const many = Array.from({ length: 30 }, (_, i) => ({
      id: 'post.approve',
      label: `Approve ${i}`,
      payload: String(i),
    }));
    const out = expectAccepted(reply(undefined, [actions(many)]));
    const blocks = (out.messages[0]?.blocks ?? []).filter((b) => b.type === 'actions') as Wire[];
    const first = blocks[0] as Wire;
    expect(blocks).toHaveLength(2);
    expect(first.elements).toHaveLength(25);
    expect(first.elements[0]).toMatchObject({ action_id: 'post.approve', value: '0' });
    expect(first.elements[1].action_id).toBe('post.approve#2');
    expect(actionIdOf(first.elements[1].action_id)).toBe('post.approve');
    expect(actionIdOf('plan.save')).toBe('plan.save');
  });

  it('puts images and files aside for upload', () => {
    const png = new Uint8Array([137, 80, 78, 71]);
    const out = renderReply(
      reply('Chart', [
        { kind: 'image', png, alt: 'spend', filename: 'spend.png' },
        { kind: 'file', filename: 'data.csv', mime: 'text/csv', content: 'a,b\n1,2' },
      ]),
    );
    expect(out.uploads.map((u) => u.filename)).toEqual(['spend.png', 'data.csv']);
    expect(out.uploads[1]?.content.toString()).toBe('a,b\n1,2');
    expect(out.messages[0]?.blocks[0]?.type).toBe('header');
  });

  it('marks the tone and never produces an empty message', () => {
    const out = renderReply({ tone: 'error', blocks: [text('Nope')] });
    expect(JSON.stringify(out.messages[0]?.blocks)).toContain('❌ Nope');
    expect(out.messages[0]?.text).toBe('❌ Nope');
    expect(renderReply({ blocks: [] }).messages[0]?.blocks).toHaveLength(1);
  });

  it('has a plain-text last resort within the text limit', () => {
    const f = plainFallback(reply('T', [text('y'.repeat(10_000))]));
    expect(f.blocks).toEqual([]);
    expect(f.text.length).toBeLessThanOrEqual(LIMITS.fallback);
    expect(f.text.endsWith('…')).toBe(true);
  });
});

describe('Slack link buttons', () => {
  it('renders a link button as a URL button that keeps its address', () => {
    const url = 'https://bot.example/oauth/linkedin/start?state=abc';
    const out = renderReply(
      reply(undefined, [actions([{ id: 'connect.link', label: 'Connect', url, style: 'primary' }])]),
    );
    const blocks = out.messages[0]?.blocks ?? [];
    const button = blocks.flatMap((b) => ('elements' in b ? (b.elements as unknown[]) : []))[0];
    expect(button).toMatchObject({ type: 'button', action_id: 'connect.link', url, style: 'primary' });
  });
});
