import { createInterface } from 'node:readline';
import { SentimentClassifier } from '../listening/sentiment/index.js';
import { defineVerb } from './verb.js';

/**
 * `mktbot sentiment` (docs/architecture.md §6): one JSON object per stdin line, printed as soon as the line is
 * read (a caller may wait for each answer before sending the next line). Needs no database.
 */
export const sentimentVerb = defineVerb({
  name: 'sentiment',
  summary: 'classify each stdin line: {"label","score","lang","alert"} per line (offline, English and Arabic)',
  details: [
    'Each answer is printed as soon as its line is read; needs no database.',
    'alert is "urgent" (posted at once), "review" (into the periodic summary) or null, at the default threshold.',
  ],
  async run({ stdin, stdout }) {
    const classifier = SentimentClassifier.load();
    const lines = createInterface({ input: stdin, crlfDelay: Number.POSITIVE_INFINITY });
    for await (const line of lines) {
      const { label, score, lang, alert } = classifier.classify(line.replace(/^\uFEFF/, ''));
      stdout(`${JSON.stringify({ label, score, lang, alert })}\n`);
    }
    return 0;
  },
});
