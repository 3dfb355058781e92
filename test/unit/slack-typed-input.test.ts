import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { readSlackInput } from '../../src/adapters/slack/typed-input.js';

const router = { find: (name: string) => commands.find((c) => c.name === name) };
const bound = (line: string) => {
  const input = readSlackInput(router, line);
  if (input.kind !== 'bound') throw new Error(`not bound: ${input.line}`);
  return input;
};

describe('Slack escaped text as router input', () => {
  it('keeps person and channel mentions for their options, whatever the label', () => {
    expect(bound('/roles set <@U0SARA|Sara Lee> manager').raw).toEqual({ user: '<@U0SARA>', role: 'manager' });
    expect(bound('/roles set <@W0ENT> member').raw.user).toBe('<@W0ENT>');
    expect(bound('/config channel team <#C0MKT|marketing team>').raw).toEqual({ role: 'team', channel: '<#C0MKT>' });
  });

  it('accepts a bare id (what Slack pickers answer) and reports a plain name', () => {
    expect(bound('/roles set U0SARA manager').plain).toBeUndefined();
    expect(bound('/roles set @sara manager').plain).toEqual({ kind: 'user', value: '@sara' });
    expect(bound('/config channel team #general').plain).toEqual({ kind: 'channel', value: '#general' });
    expect(bound('/alerts config channel:<@U0SARA|sara>').plain).toBeUndefined();
  });

  it('gives other options the text as seen: names, links as typed, special mentions, entities once', () => {
    const raw = bound(
      '/alerts reply 3 Hi <@U0SARA|sara>, <!here> <!subteam^S1|@design> see <https://x.io/?a=1&amp;b=2> or <mailto:a@b.co|a@b.co> &amp;lt;3 &lt;b&gt;',
    ).raw;
    expect(raw.text).toBe('Hi @sara, @here @design see https://x.io/?a=1&b=2 or a@b.co &lt;3 <b>');
    expect(bound('/alerts reply 3 ask <@U0OMAR> in <#C0MKT>').raw.text).toBe('ask @U0OMAR in #C0MKT');
  });

  it('leaves what does not bind to the router, readable', () => {
    expect(readSlackInput(router, '/nosuch <@U1|sara>')).toEqual({ kind: 'text', line: '/nosuch @sara' });
    expect(readSlackInput(router, '/roles frobnicate <#C1|x>')).toEqual({ kind: 'text', line: '/roles frobnicate #x' });
  });
});
