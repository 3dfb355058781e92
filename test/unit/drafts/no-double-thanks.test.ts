/**
 * A draft thanks its reader once: where a kind's proof line already says «شكرًا لأنكم جزء من قصتنا» /
 * "Thank you for being part of our story", no opening of that kind thanks them too.
 */
import { describe, expect, it } from 'vitest';
import { BOOKS } from '../../../src/publishing/drafts/templates.js';
import { TOPIC_KINDS } from '../../../src/publishing/drafts/topic.js';

const slots = {
  topic: 'cold brew',
  Topic: 'Cold brew',
  label: undefined,
  brand: 'Cold Brew Co',
  kw: '',
  end: '.',
  link: '',
};
const THANKS = /thank|شكر/i;

describe('a draft thanks its reader once', () => {
  it.each(Object.keys(BOOKS) as Array<keyof typeof BOOKS>)('%s', (locale) => {
    const book = BOOKS[locale];
    for (const kind of TOPIC_KINDS) {
      if (!book.proof[kind].some((line) => THANKS.test(line(slots)))) continue;
      for (const lines of Object.values(book.openings[kind])) {
        for (const line of lines ?? []) expect(line(slots), `${locale} ${kind}`).not.toMatch(THANKS);
      }
    }
  });
});
