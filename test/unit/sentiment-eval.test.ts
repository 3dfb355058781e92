import { describe, expect, it } from 'vitest';
import {
  ARSARCASM_TEST,
  arabicTestRows,
  englishLeaveOneSourceOut,
  englishRows,
  evaluate,
  meanF1,
  UCI_FIXTURES,
} from '../../src/listening/sentiment/evaluate.js';
import { SentimentClassifier } from '../../src/listening/sentiment/index.js';

// Measured on this commit (npm run eval:sentiment): P 0.693, R 0.820, F1 0.751 (the target is
// 0.75; naive Bayes with the first lexicon: 0.707; before the score leaned negative on mixed texts:
// 0.738). The floor is 0.70; this one sits just under the measured figure so that a change
// that loses what the model, the lexicon and the score gained fails here.
const ARABIC_F1_FLOOR = 0.745;

const rows = arabicTestRows();

describe('Arabic negative-class quality on ArSarcasm-v2 test (never trained on)', () => {
  it.skipIf(!rows)(`F1 >= ${ARABIC_F1_FLOOR}`, () => {
    const report = evaluate(SentimentClassifier.load(), rows ?? []);
    console.log(
      `ArSarcasm-v2 test: n=${report.n} P=${report.precision.toFixed(3)} R=${report.recall.toFixed(3)} F1=${report.f1.toFixed(3)}`,
    );
    expect(report.n).toBe(3000);
    expect(report.f1).toBeGreaterThanOrEqual(ARABIC_F1_FLOOR);
    // Recall first: most angry tweets must be caught.
    expect(report.recall).toBeGreaterThan(0.7);
  });

  it.skipIf(rows)('is skipped without ../shared/data', () => {
    console.log(`Skipped the Arabic evaluation: ${ARSARCASM_TEST} is absent.`);
  });
});

// The protocol: train on two of Amazon, Yelp and IMDB with the shipped model's procedure,
// test on the third, average the three F1s. Measured on this commit: 0.870 (odd rows only: 0.849).
// The floor is the issue's.
const ENGLISH_F1_FLOOR = 0.8;
const english = englishRows();

describe('English negative-class quality, leave one UCI source out (npm package `sentiment` fixtures)', () => {
  it.skipIf(!english)(`mean F1 >= ${ENGLISH_F1_FLOOR}, also on the rows never read while writing the rules`, () => {
    const folds = englishLeaveOneSourceOut(english ?? []);
    const line = (name: string, r: (typeof folds)[number]['all']) =>
      `${name}: n=${r.n} P=${r.precision.toFixed(3)} R=${r.recall.toFixed(3)} F1=${r.f1.toFixed(3)}`;
    console.log(folds.map((f) => `${line(f.source, f.all)}\n  ${line('odd rows', f.unread)}`).join('\n'));
    expect(folds.map((f) => f.source)).toEqual(['amazon', 'yelp', 'imdb']);
    for (const f of folds) expect(f.all.f1, f.source).toBeGreaterThan(0.75);
    expect(meanF1(folds.map((f) => f.all))).toBeGreaterThanOrEqual(ENGLISH_F1_FLOOR);
    expect(meanF1(folds.map((f) => f.unread))).toBeGreaterThanOrEqual(ENGLISH_F1_FLOOR);
  });

  it('the shipped English model is read for English text', () => {
    const c = SentimentClassifier.load();
    expect(c.evidence('The battery died after two days').model).toBeDefined();
    expect(c.evidence('el order et2a5ar gedan').model).toBeUndefined();
  });

  it.skipIf(english)('is skipped without the `sentiment` dev dependency', () => {
    console.log(`Skipped the English evaluation: ${UCI_FIXTURES} is absent (npm install --include=dev).`);
  });
});

// Plain neutral brand comments, written for this test and kept out of the training file
// (src/listening/sentiment/data/en-neutral.txt): the review sentences have no neutral class, and a
// model trained on them alone called 9 of these 30 negative; with the neutral file, none.
const NEUTRAL_COMMENTS = [
  'I ordered the blue one yesterday',
  'We tried the new menu today',
  'Tagging my sister here',
  'The store opens at 9 on Fridays',
  'My order number is 5521',
  'Just bought two of these for my kids',
  'It was delivered this morning',
  'see you at the launch event',
  'It arrived today',
  'When does the sale end',
  'Is there a branch in Riyadh',
  'I saw this on TV last night',
  'My husband picked the grey one',
  'Posting this for my friend who wants one',
  'We are going there this weekend',
  'The event starts at 7 pm',
  'Do you have it in blue',
  'I will check the store tomorrow',
  'Got mine on Tuesday',
  'This is the second one I bought',
  'My cousin works there',
  'Can I pay with cash',
  'The package came in a box',
  'Watched the video twice',
  'We had lunch there on Sunday',
  'Who else is going to the opening',
  'I used it on my trip to Dubai',
  'The new version comes out in March',
  'My son asked for this for his birthday',
  'It comes in three sizes',
];

describe('English neutral comments do not raise alerts', () => {
  it('at most 2 of 30 plain neutral comments are called negative', () => {
    const c = SentimentClassifier.load();
    const negative = NEUTRAL_COMMENTS.filter((t) => c.classify(t).label === 'negative');
    console.log(`neutral comments called negative: ${negative.length}/30 ${JSON.stringify(negative)}`);
    expect(negative.length).toBeLessThanOrEqual(2);
  });
});
