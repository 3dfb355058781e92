import { describe, expect, it } from 'vitest';
import {
  adapt,
  buildAdaptation,
  EMPTY_ADAPTATION,
  type FeedbackExample,
  MAX_RELIEF,
  type Scale,
  settle,
  textKey,
} from '../../src/listening/sentiment/adapt.js';
import type { Sentiment } from '../../src/listening/sentiment/index.js';
import { labelOf, UNCERTAIN_MARGIN } from '../../src/listening/sentiment/index.js';

/** Fixed cuts keep these tests independent of the shipped models and the lexicon. */
const CUTS = { negative: -0.2, positive: 0.25, ruleWeight: 0.3 };
const scale: Scale = { cutsFor: () => CUTS };
/** Words as a classifier would read them alone. */
const LEXICON: Record<string, number> = {
  sick: -0.46,
  killer: -0.4,
  disgusting: -0.8,
  terrible: -0.7,
  late: -0.5,
  mid: -0.3,
  love: 0.6,
};
const wordScore = (w: string) => LEXICON[w] ?? 0;

const s = (score: number, extra: Partial<Sentiment> = {}): Sentiment => ({
  label: labelOf(score, CUTS),
  score,
  lang: 'en',
  arabizi: false,
  question: false,
  asks: false,
  complaint: undefined,
  urgency: undefined,
  sure: false,
  alert: null,
  ...extra,
});
const notNeg = (text: string): FeedbackExample => ({ text, label: 'not-negative' });
const correct = (text: string): FeedbackExample => ({ text, label: 'negative' });

describe('sentiment adaptation from feedback', () => {
  it('changes nothing without feedback', () => {
    const base = s(-0.46);
    expect(adapt(EMPTY_ADAPTATION, 'these are sick', base, scale)).toBe(base);
    expect(buildAdaptation([], wordScore)).toBe(EMPTY_ADAPTATION);
  });

  it('gives a text already judged the same verdict, whatever its case or spacing', () => {
    const a = buildAdaptation([notNeg('These are SICK!!'), correct('meh, mid again')], wordScore);
    const again = adapt(a, '  these   ARE sick!! ', s(-0.46), scale);
    expect(again).toMatchObject({ label: 'neutral', adaptedBy: 'exact' });
    expect(again.score).toBeGreaterThan(CUTS.negative);
    const confirmed = adapt(a, 'Meh, mid again', s(-0.1), scale);
    expect(confirmed).toMatchObject({ label: 'negative', adaptedBy: 'exact' });
    expect(confirmed.score).toBeCloseTo(CUTS.negative - UNCERTAIN_MARGIN);
    expect(textKey(' A  b ')).toBe('a b');
  });

  it('"Not negative" on the very text also clears its urgency (a person read it)', () => {
    const a = buildAdaptation([notNeg('you clowns 🤡 I love you')], wordScore);
    const adapted = adapt(a, 'you clowns 🤡 I love you', s(-0.6, { urgency: 'abuse' }), scale);
    expect(adapted).toMatchObject({ urgency: undefined, adaptedBy: 'exact', label: 'neutral' });
    // Words alone never clear it.
    const b = buildAdaptation([notNeg('sick clowns'), notNeg('sick clowns again')], wordScore);
    expect(adapt(b, 'sick clowns 🤡', s(-0.6, { urgency: 'abuse' }), scale).urgency).toBe('abuse');
  });

  it('the latest verdict on a text wins', () => {
    const a = buildAdaptation([notNeg('sick'), correct('sick')], wordScore);
    expect(adapt(a, 'sick', s(-0.46), scale).label).toBe('negative');
  });

  it('learns a word from two "Not negative" presses and stops calling it negative', () => {
    const one = buildAdaptation([notNeg('these kicks are sick')], wordScore);
    expect(one.words.size).toBe(0);
    expect(adapt(one, 'the new drop is sick', s(-0.46), scale).label).toBe('negative');

    const two = buildAdaptation([notNeg('these kicks are sick'), notNeg('sick colourway')], wordScore);
    expect([...two.words.keys()]).toEqual(['sick']);
    const r = adapt(two, 'the new drop is sick', s(-0.46), scale);
    expect(r).toMatchObject({ label: 'neutral', adaptedBy: 'words' });
    // Never past neutral: relief cancels the word, it does not turn it into praise.
    expect(r.score).toBe(0);
  });

  it('ignores words the classifier reads as neutral or positive (function words stay out)', () => {
    const a = buildAdaptation([notNeg('these are sick'), notNeg('these are killer'), notNeg('love these')], wordScore);
    expect([...a.words.keys()].sort()).toEqual([]);
    const b = buildAdaptation([notNeg('these are sick'), notNeg('sick, these are')], wordScore);
    expect([...b.words.keys()]).toEqual(['sick']);
  });

  it('ignores a word the feedback disagrees about', () => {
    const a = buildAdaptation(
      [notNeg('these kicks are sick'), notNeg('sick colourway'), correct('you are sick people')],
      wordScore,
    );
    expect(a.words.has('sick')).toBe(false);
    expect(adapt(a, 'the drop is sick', s(-0.46), scale).label).toBe('negative');
  });

  it('never relieves a complaint, and cannot lift strong negative evidence to neutral', () => {
    const a = buildAdaptation(
      [notNeg('sick kicks'), notNeg('sick drop'), notNeg('killer sick'), notNeg('killer fit')],
      wordScore,
    );
    const complaint = adapt(a, 'sick of waiting, order is late', s(-0.93, { complaint: 'delivery' }), scale);
    expect(complaint).toMatchObject({ label: 'negative', score: -0.93 });
    const angry = adapt(a, 'this is sick and disgusting, killer prices', s(-0.95), scale);
    expect(angry.label).toBe('negative');
    expect(angry.score).toBeCloseTo(-0.95 + MAX_RELIEF);
    expect(angry.adaptedBy).toBeUndefined();
  });

  it('confirmed words only deepen comments that already lean negative', () => {
    const a = buildAdaptation([correct('so mid'), correct('mid and late')], wordScore);
    expect(a.words.get('mid')).toMatchObject({ label: 'negative', examples: 2 });
    expect(adapt(a, 'kinda mid tbh', s(-0.1), scale)).toMatchObject({ label: 'negative', adaptedBy: 'words' });
    const positive = s(0.3);
    expect(adapt(a, 'not mid at all, love it', positive, scale)).toBe(positive);
  });

  it('works on Arabic words through the same normalisation', () => {
    const a = buildAdaptation([notNeg('الحذاء خطير'), notNeg('لون خطيــــر')], (w) => (w === 'خطير' ? -0.5 : 0));
    expect(a.words.has('خطير')).toBe(true);
    expect(adapt(a, 'التصميم الجديد خطير', s(-0.5, { lang: 'ar' }), scale).label).toBe('neutral');
  });

  it('settle puts a score on the side of the cuts a verdict names', () => {
    expect(settle(s(-0.15), 'negative', scale)).toMatchObject({ label: 'negative', score: -0.35 });
    expect(settle(s(-0.3), 'neutral', scale).label).toBe('neutral');
    expect(settle(s(0.4), 'neutral', scale).label).toBe('neutral');
    expect(settle(s(-0.3), 'positive', scale)).toMatchObject({ label: 'positive', score: 0.25 });
    expect(settle(s(-0.3), 'not-negative', scale).label).toBe('neutral');
    expect(settle(s(0.4), 'not-negative', scale)).toMatchObject({ label: 'positive', score: 0.4 });
    expect(settle(s(-0.9), 'negative', scale).score).toBe(-0.9);
  });
});
