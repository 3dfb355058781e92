/**
 * The gate on the sentiment model's quality: the figures `npm run train:sentiment` committed in
 * src/listening/sentiment/model/report.json, which must describe the model file shipped beside it.
 * On the fifth of every training source held back from training (and on the cross-validated
 * development rows): negative F1 above the previous model's and above always answering "negative",
 * at most 20 % of neutral and positive comments alerting, urgent alerts right at least 85 % of the
 * time. There is no gate on the ArSarcasm-v2 test figure: it is reported once (docs/alerts.md),
 * never tuned against. `npm run eval:sentiment` recomputes the held-back figures from the data.
 */
import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MODEL_FILE, SentimentClassifier } from '../../src/listening/sentiment/index.js';
import { DONE, missedTargets, readReport, sha256 } from '../../src/listening/sentiment/report.js';

const report = readReport();
const SOURCES = [
  'goemotions',
  'uci-sentences',
  'project-neutral',
  'arsarcasm-v2',
  'afrisenti-ary',
  'afrisenti-arq',
  'saudi-tourism',
];

describe('the shipped sentiment model (model/report.json)', () => {
  it('the committed figures describe the model file shipped beside them', () => {
    expect(report.model.sha256).toBe(sha256(MODEL_FILE));
  });

  it('is small: the model file is under 20 MB', () => {
    expect(statSync(MODEL_FILE).size).toBeLessThan(20 * 1024 * 1024);
  });

  it('names every training source with its licence', () => {
    expect(report.sources.map((s) => s.name)).toEqual(SOURCES);
    for (const s of report.sources) expect(s.licence, s.name).not.toBe('');
  });

  it('meets every target on the held-back fifth of every source', () => {
    expect(report.heldBack.map((f) => f.source)).toEqual(SOURCES);
    expect(missedTargets(report.heldBack, report.baseline.figures)).toEqual([]);
  });

  it('meets them in cross-validation too, against the previous model cross-validated on the same rows', () => {
    expect(missedTargets(report.crossValidated, report.baseline.development)).toEqual([]);
  });

  it('alerts on at most a fifth of neutral and positive comments in every source, where the previous model reached 71 %', () => {
    const worst = Math.max(...report.heldBack.map((f) => f.falseAlarm));
    expect(worst).toBeLessThanOrEqual(DONE.maxFalseAlarm);
    expect(Math.max(...report.baseline.figures.map((f) => f.falseAlarm))).toBeGreaterThan(0.5);
  });

  it('is the file the classifier loads, and it reads English, Arabic and Arabizi', () => {
    const c = SentimentClassifier.load();
    expect(c.model?.sources.map((s) => s.name)).toEqual(SOURCES);
    for (const text of ['The battery died after two days', 'البطارية خلصت بعد يومين', 'el battery 5elset ba3d yomen']) {
      expect(c.evidence(text).probabilities, text).toBeDefined();
    }
  });
});

// Plain neutral brand comments, written for this test and kept out of the training file
// (src/listening/sentiment/data/en-neutral.txt). Questions among them go to review (someone should
// answer), but none is called negative.
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

describe('English neutral comments do not raise negative alerts', () => {
  it('at most 2 of 30 plain neutral comments are called negative; only questions go to review', () => {
    const c = SentimentClassifier.load();
    const negative = NEUTRAL_COMMENTS.filter((t) => c.classify(t).label === 'negative');
    console.log(`neutral comments called negative: ${negative.length}/30 ${JSON.stringify(negative)}`);
    expect(negative.length).toBeLessThanOrEqual(2);
    const alerting = NEUTRAL_COMMENTS.filter((t) => c.classify(t).alert !== null);
    for (const t of alerting) expect(c.classify(t), t).toMatchObject({ alert: 'review', asks: true });
  });
});
