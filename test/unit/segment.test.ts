import { describe, expect, it } from 'vitest';
import { countWords, graphemes } from '../../src/core/segment.js';

const whole = (text: string, granularity: 'grapheme' | 'word') => [
  ...new Intl.Segmenter('en', { granularity }).segment(text),
];

describe('segments in slices', () => {
  const samples = [
    'plain words '.repeat(400),
    'قهوة باردة، وأقل حموضة. '.repeat(300),
    '👩🏽‍💻 🇸🇦 é\u0301 '.repeat(500),
    `${'x'.repeat(5000)} tail`,
    '😀'.repeat(3000),
    'line\r\nbreak '.repeat(400),
  ];

  it.each(samples.map((s, i) => [i, s] as const))('matches unsliced segmentation (sample %i)', (_i, text) => {
    expect(graphemes(text)).toEqual(whole(text, 'grapheme').map((g) => g.segment));
    expect(countWords(text)).toBe(whole(text, 'word').filter((w) => w.isWordLike).length);
  });

  it('counts the words of a 2 MB text quickly', () => {
    const text = 'Cold brew coffee is smooth. '.repeat(80_000);
    const started = performance.now();
    expect(countWords(text)).toBe(400_000);
    // Generous bound: sliced counting is linear; unsliced took minutes at this size.
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});

describe('countWords', () => {
  it.each([
    'Cold brew, for well-known coffee lovers: 1,000 cups (and more)!',
    "Don't stop — it's 9:30 a.m. in the U.S.",
    'القهوة الباردة، أنعم وأقل حموضة! «جرّبها» الآن.',
    '我喜欢喝冷萃咖啡。 ภาษาไทยไม่มีช่องว่าง',
    '👩🏽‍💻 ... — 🇸🇦 #hashtag @mention https://example.com/path?q=1',
    'é\u0301t\u0301é café ـــقهوة',
  ])('agrees with the Unicode word breaker on "%s"', (text) => {
    expect(countWords(text)).toBe(whole(text, 'word').filter((w) => w.isWordLike).length);
  });
});
