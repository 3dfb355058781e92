import { describe, expect, it } from 'vitest';
import { campaignSlug, tagLink, tagLinks, tagPostText, utmFor } from '../../src/publishing/links/utm.js';
import { checkRules } from '../../src/publishing/scheduler.js';

const tags = { source: 'instagram', medium: 'social', campaign: 'winter-sale', content: 'instagram-20261207-0900' };
const Q = 'utm_source=instagram&utm_medium=social&utm_campaign=winter-sale&utm_content=instagram-20261207-0900';

describe('UTM tags on links', () => {
  it.each([
    ['https://shop.example.com/menu', `https://shop.example.com/menu?${Q}`],
    ['https://shop.example.com/menu?size=l', `https://shop.example.com/menu?size=l&${Q}`],
    ['https://shop.example.com/menu?', `https://shop.example.com/menu?${Q}`],
    ['https://shop.example.com/menu#drinks', `https://shop.example.com/menu?${Q}#drinks`],
    ['https://shop.example.com/a?x=1#top?no', `https://shop.example.com/a?x=1&${Q}#top?no`],
    ['https://متجر.example/قائمة/مشروبات', `https://متجر.example/قائمة/مشروبات?${Q}`],
    ['https://shop.example.com/%D9%82', `https://shop.example.com/%D9%82?${Q}`],
  ])('%s', (link, want) => {
    expect(tagLink(link, tags)).toBe(want);
    expect(() => new URL(tagLink(link, tags))).not.toThrow();
  });

  it('leaves a link that already has utm_ tags exactly as typed', () => {
    const link = 'https://shop.example.com/menu?utm_source=newsletter&x=1';
    expect(tagLink(link, tags)).toBe(link);
    expect(tagLink('https://shop.example.com/?UTM_campaign=x', tags)).toBe('https://shop.example.com/?UTM_campaign=x');
  });

  it('tags every link in a text and keeps the sentence around them', () => {
    const text =
      'New menu: https://shop.example.com/menu. Also (https://en.wikipedia.org/wiki/Coffee_(drink)) and «https://a.example/ب»، yes';
    expect(tagLinks(text, tags)).toBe(
      `New menu: https://shop.example.com/menu?${Q}. Also (https://en.wikipedia.org/wiki/Coffee_(drink)?${Q}) and «https://a.example/ب?${Q}»، yes`,
    );
    expect(tagLinks('no links here', tags)).toBe('no links here');
    // Slack's own link markup keeps its shape.
    expect(tagLinks('See <https://shop.example.com/m|the menu>', tags)).toBe(
      `See <https://shop.example.com/m?${Q}|the menu>`,
    );
  });

  it('source is the network, medium social or email, campaign the slug or a default, content per post', () => {
    const at = new Date('2026-12-07T06:00:00Z');
    expect(utmFor({ channel: 'mailchimp', campaign: 'Winter Sale 2027!', publishAt: at }, 'Asia/Riyadh')).toEqual({
      source: 'mailchimp',
      medium: 'email',
      campaign: 'winter-sale-2027',
      content: 'mailchimp-20261207-0900',
    });
    expect(campaignSlug(null)).toBe('mktbot');
    expect(campaignSlug('تخفيضات الشتاء')).toBe('تخفيضات-الشتاء');
    const ar = tagLink(
      'https://a.example/',
      utmFor({ channel: 'x', campaign: 'تخفيضات الشتاء', publishAt: at }, 'UTC'),
    );
    expect(new URL(ar).searchParams.get('utm_campaign')).toBe('تخفيضات-الشتاء');
  });

  it('is off when the workspace turned it off, and a reminder is never tagged', () => {
    const post = { channel: 'facebook', publishAt: new Date('2026-12-07T06:00:00Z') };
    expect(tagPostText('https://a.example/', post, { timezone: 'UTC', utmTagging: false })).toBe('https://a.example/');
    expect(
      tagPostText('https://a.example/', { ...post, channel: 'reminder' }, { timezone: 'UTC', utmTagging: true }),
    ).toBe('https://a.example/');
    expect(tagPostText('https://a.example/', post, { timezone: 'UTC', utmTagging: true })).toContain(
      'utm_source=facebook',
    );
  });

  it('lengths are counted after tagging: a caption that fits untagged can be too long tagged (TikTok), X counts any link as 23', () => {
    const at = new Date('2026-12-07T06:00:00Z');
    const ws = { timezone: 'UTC', utmTagging: true };
    const base = (channel: 'tiktok' | 'x', text: string) => ({
      channel,
      content: tagPostText(text, { channel, publishAt: at }, ws),
      title: null,
      media: channel === 'tiktok' ? [{ url: 'https://cdn.example.com/v.mp4', kind: 'video' as const }] : [],
      publishAt: at,
    });
    const link = 'https://shop.example.com/p';
    const tiktokMax = 2200;
    const fits = `${'a'.repeat(tiktokMax - link.length - 1)} ${link}`;
    expect(checkRules({ ...base('tiktok', fits), content: fits })).toEqual([]);
    expect(checkRules(base('tiktok', fits)).map((p) => p.kind)).toContain('tooLong');
    const tweet = `${'a'.repeat(280 - 24)} ${link}`;
    expect(base('x', tweet).content.length).toBeGreaterThan(280);
    expect(checkRules(base('x', tweet))).toEqual([]);
  });
});
