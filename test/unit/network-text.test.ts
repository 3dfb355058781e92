/**
 * How text is measured and written for the new networks: X's weighted length (twitter-text v3:
 * URLs 23, CJK and emoji 2, Latin and Arabic 1), thread splitting, and LinkedIn's little text.
 */
import { describe, expect, it } from 'vitest';
import { toLittleText } from '../../integrations/linkedin/little-text.js';
import { threadParts, xWeight } from '../../integrations/x/weight.js';
import { decodeLittleText } from '../fakes/linkedin.js';

describe("X's weighted length", () => {
  it('counts Latin and Arabic letters 1, CJK 2, an emoji 2 whatever its code points', () => {
    expect(xWeight('hello')).toBe(5);
    expect(xWeight('قهوة باردة')).toBe(10);
    expect(xWeight('日本語')).toBe(6);
    expect(xWeight('😀')).toBe(2);
    // A family emoji is seven code points but one emoji.
    expect(xWeight('👨‍👩‍👧‍👦')).toBe(2);
    expect(xWeight('🇸🇦')).toBe(2);
  });

  it('counts every URL as 23, and punctuation after it as text', () => {
    expect(xWeight('https://example.com')).toBe(23);
    expect(xWeight(`see https://example.com/${'a'.repeat(200)}.`)).toBe(4 + 23 + 1);
    expect(xWeight('www.example.com/menu')).toBe(23);
  });

  it('normalises first: a decomposed é weighs like the composed one', () => {
    expect(xWeight('e\u0301')).toBe(xWeight('é'));
  });

  it('splits a thread on lines holding only ---', () => {
    expect(threadParts('one\n---\ntwo\n  ---  \nthree')).toEqual(['one', 'two', 'three']);
    expect(threadParts('a --- b')).toEqual(['a --- b']);
  });
});

describe("LinkedIn's little text", () => {
  it('escapes reserved characters and turns hashtags into templates, which read back as typed', () => {
    const text = 'Cold brew (new!) [50%] <b> @team *wow* _x_ ~y~ a|b {c} \\ #ColdBrew #قهوة_باردة';
    const little = toLittleText(text);
    expect(little).toContain('{hashtag|\\#|ColdBrew}');
    expect(little).toContain('\\(new!\\)');
    expect(decodeLittleText(little)).toBe(text);
    // Left unescaped, the fake refuses it as LinkedIn would cut it.
    expect(decodeLittleText('a (b)')).toBeUndefined();
  });

  it('leaves a # that is not a hashtag escaped', () => {
    expect(toLittleText('C# and #1')).toBe('C\\# and {hashtag|\\#|1}');
  });
});
