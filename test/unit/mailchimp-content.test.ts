/** What a Mailchimp campaign's HTML says: the text escaped, each line a paragraph, links as links. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MailchimpPublisher } from '../../integrations/mailchimp/publisher.js';
import { FakeMailchimp } from '../fakes/mailchimp.js';

const KEY = 'k0123456789abcdef-us19';
let mc: FakeMailchimp;

beforeAll(async () => {
  mc = await new FakeMailchimp().start();
  mc.addKey(KEY);
  mc.addList('list1', 'Newsletter', 'Cold Brew Co', 'hello@coldbrew.example');
  mc.now = () => new Date('2026-11-26T11:40:00Z');
});
afterAll(() => mc.close());

async function htmlOf(content: string): Promise<string> {
  const publisher = new MailchimpPublisher(
    { apiKey: KEY, listId: 'list1', fromName: 'Cold Brew Co', replyTo: 'hello@coldbrew.example' },
    mc.url,
    () => mc.now(),
  );
  const r = await publisher.publish(
    {
      id: 1,
      channel: 'mailchimp',
      content,
      title: 'News',
      media: [],
      publishAt: new Date('2026-11-26T12:00:00Z'),
      idempotencyKey: 'k',
    },
    { state: {}, saveState: async () => {}, sending: async () => {}, now: () => mc.now(), sleep: async () => {} },
  );
  return mc.campaigns.get(r.externalId)?.html ?? '';
}

describe('Mailchimp campaign content', () => {
  it('makes each URL a link (Mailchimp tracks clicks on links), without the punctuation after it', async () => {
    const html = await htmlOf(
      'New menu: https://coldbrew.example/menu?utm_source=mailchimp&utm_medium=email.\nالقائمة: https://coldbrew.example/ar، تفضلوا',
    );
    expect(html).toContain(
      '<p>New menu: <a href="https://coldbrew.example/menu?utm_source=mailchimp&amp;utm_medium=email">https://coldbrew.example/menu?utm_source=mailchimp&amp;utm_medium=email</a>.</p>',
    );
    expect(html).toContain(
      '<p>القائمة: <a href="https://coldbrew.example/ar">https://coldbrew.example/ar</a>، تفضلوا</p>',
    );
  });

  it('escapes what people typed, inside and outside links', async () => {
    const html = await htmlOf('<b>Bold</b> & "quoted" https://x.example/a"onmouseover="alert(1)');
    expect(html).toContain('&lt;b&gt;Bold&lt;/b&gt; &amp; &quot;quoted&quot; <a href="https://x.example/a">');
    expect(html).not.toContain('"onmouseover');
  });
});
