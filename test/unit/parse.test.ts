import { describe, expect, it } from 'vitest';
import { closest, editDistance, splitCommand, tokenize } from '../../src/core/parse.js';

describe('tokenize', () => {
  it('reads key:value, quoted values and bare words', () => {
    const t = tokenize('product:"cold brew" budget:2000 goal:awareness extra');
    expect(t.tokens.map((x) => [x.key, x.value])).toEqual([
      ['product', 'cold brew'],
      ['budget', '2000'],
      ['goal', 'awareness'],
      [undefined, 'extra'],
    ]);
  });

  it('accepts key=value, single, curly and guillemet quotes', () => {
    const t = tokenize(`a='x y' b=“p q” c:«ع ر»`);
    expect(t.tokens.map((x) => [x.key, x.value])).toEqual([
      ['a', 'x y'],
      ['b', 'p q'],
      ['c', 'ع ر'],
    ]);
  });

  it('keeps the text after an unquoted pipe verbatim', () => {
    const t = tokenize('instagram tomorrow 9am | Caption: with | pipes\nand lines');
    expect(t.tokens.map((x) => x.value)).toEqual(['instagram', 'tomorrow', '9am']);
    expect(t.piped).toBe('Caption: with | pipes\nand lines');
  });

  it('does not split on a pipe inside quotes or inside a word', () => {
    const t = tokenize('text:"a | b" x|y');
    expect(t.tokens.map((x) => x.value)).toEqual(['a | b', 'x|y']);
    expect(t.piped).toBeUndefined();
  });

  it('lets an unbalanced quote run to the end of the line instead of failing', () => {
    const t = tokenize('product:"cold brew budget:2000');
    expect(t.tokens).toHaveLength(1);
    expect(t.tokens[0]).toMatchObject({ key: 'product', value: 'cold brew budget:2000', quoted: true });
  });

  it('keeps Arabic and emoji text intact', () => {
    const t = tokenize('product:"قهوة باردة ☕️🔥" market:السعودية');
    expect(t.tokens.map((x) => x.value)).toEqual(['قهوة باردة ☕️🔥', 'السعودية']);
  });

  it('removes control characters but keeps newlines and tabs', () => {
    const t = tokenize('a:"x\u0000y\u001b[31m" b:"1\t2\n3"');
    expect(t.tokens.map((x) => x.value)).toEqual(['xy[31m', '1\t2\n3']);
  });

  it('treats a colon in a URL or a time as part of a word, not a key', () => {
    const t = tokenize('https://example.com/a?b=c 9:30');
    expect(t.tokens.map((x) => [x.key, x.raw])).toEqual([
      ['https', 'https://example.com/a?b=c'],
      [undefined, '9:30'],
    ]);
  });

  it('survives a 10,000-character argument', () => {
    const long = 'x'.repeat(10_000);
    const t = tokenize(`text:"${long}"`);
    expect(t.tokens[0]?.value).toHaveLength(10_000);
  });
});

describe('splitCommand', () => {
  it('splits the command word, with or without slash, ignoring direction marks and case', () => {
    expect(splitCommand('/Config lang ar')).toEqual({ name: 'config', rest: 'lang ar' });
    expect(splitCommand('config')).toEqual({ name: 'config', rest: '' });
    expect(splitCommand('\u200f/config\u200f  timezone UTC')).toEqual({ name: 'config', rest: 'timezone UTC' });
    expect(splitCommand('   ')).toEqual({ name: '', rest: '' });
  });
});

describe('closest', () => {
  it('suggests near names and prefixes, not distant ones', () => {
    expect(editDistance('confg', 'config')).toBe(1);
    expect(closest('confg', ['config', 'help', 'report'])).toEqual(['config']);
    expect(closest('rep', ['report', 'help'])).toEqual(['report']);
    expect(closest('zzzzzz', ['config', 'help'])).toEqual([]);
  });
});
