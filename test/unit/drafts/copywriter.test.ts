import { describe, expect, it } from 'vitest';
import type { Locale } from '../../../src/core/i18n.js';
import { composeText, DRAFT_CHANNELS, type Draft, problems } from '../../../src/publishing/drafts/channels.js';
import { doubledWord, fold } from '../../../src/publishing/drafts/copy-text.js';
import { DraftService } from '../../../src/publishing/drafts/service.js';
import { BOOKS, TemplateDraftWriter } from '../../../src/publishing/drafts/templates.js';
import { classifyTopic, TOPIC_KINDS, type TopicKind } from '../../../src/publishing/drafts/topic.js';
import type { DraftInput } from '../../../src/publishing/drafts/writer.js';
import type { BrandProfile } from '../../../src/workspace/brand.js';

const CHANNELS = ['instagram', 'facebook', 'youtube', 'mailchimp'] as const;

interface Case {
  topic: string;
  kind: TopicKind;
  keywords?: string[];
}

const TOPICS: Record<Locale, Case[]> = {
  en: [
    { topic: 'free dental check-up for kids this Saturday', kind: 'event', keywords: ['kids dentist', 'Jeddah'] },
    { topic: '20% off all teeth whitening until the end of the month', kind: 'offer' },
    { topic: 'our online booking app', kind: 'launch', keywords: ['online booking'] },
    { topic: 'how to choose a toothbrush for your child', kind: 'howto', keywords: ['kids toothbrush'] },
    { topic: 'our clinic was voted best in Sharjah', kind: 'news' },
    { topic: 'Which flavour should we add to the menu next?', kind: 'question' },
    { topic: 'December newsletter: 3 HR compliance changes in KSA', kind: 'newsletter', keywords: ['HR compliance'] },
    { topic: "we're hiring a dental hygienist in Riyadh", kind: 'hiring' },
    { topic: 'Payroll webinar on 12 January', kind: 'event', keywords: ['payroll', 'Saudi Arabia'] },
    { topic: 'two cold brews for the price of one', kind: 'offer', keywords: ['cold brew'] },
  ],
  ar: [
    { topic: 'فحص أسنان مجاني للأطفال هذا السبت', kind: 'event', keywords: ['طبيب أسنان أطفال', 'جدة'] },
    { topic: 'خصم 20% على تبييض الأسنان حتى نهاية الشهر', kind: 'offer' },
    { topic: 'إطلاق تطبيق الحجز الإلكتروني', kind: 'launch', keywords: ['الحجز الإلكتروني'] },
    { topic: 'كيف تختار فرشاة أسنان لطفلك', kind: 'howto', keywords: ['فرشاة أسنان'] },
    { topic: 'اختيرت عيادتنا الأفضل في الشارقة', kind: 'news' },
    { topic: 'أي نكهة تفضلون أن نضيفها إلى القائمة؟', kind: 'question' },
    { topic: 'نشرة ديسمبر: 3 تغييرات في أنظمة الموارد البشرية', kind: 'newsletter' },
    { topic: 'وظيفة شاغرة: أخصائي صحة فم في الرياض', kind: 'hiring' },
    { topic: 'ورشة عمل عن الرواتب يوم 12 يناير', kind: 'event', keywords: ['الرواتب', 'الرياض'] },
    { topic: 'عرض الجمعة البيضاء: كوبان من القهوة بسعر واحد', kind: 'offer', keywords: ['قهوة باردة'] },
  ],
};

const BRAND: BrandProfile = { name: 'Smile Clinic', ctaLink: 'https://smile.example/book' };
const SEAMS = [/have you tried/i, /it'?s all about/i, /\bis here\b/i, /just dropped/i, /::/, /[?!؟]\./, /\.\./];

/** Everything a draft shows: head fields and the published text. */
const shown = (d: Draft) => [d.title, d.subject, d.preview, composeText(d)].filter(Boolean).join('\n');

/** The words of a phrase that carry meaning (not "the", «في»), folded. */
function meaningful(phrase: string, locale: Locale): string[] {
  return (phrase.match(/[\p{L}\p{M}\p{N}'-]+/gu) ?? [])
    .filter((w) => w.length > 2 && !BOOKS[locale].stopwords.has(w.toLowerCase()))
    .map(fold);
}

describe('the offline copywriter', () => {
  for (const locale of ['en', 'ar'] as const) {
    it(`writes 40 publishable drafts in ${locale === 'en' ? 'English' : 'Arabic'} (10 topics x 4 channels)`, async () => {
      const service = new DraftService(new TemplateDraftWriter());
      let written = 0;
      for (const c of TOPICS[locale]) {
        expect(classifyTopic(c.topic, c.keywords), c.topic).toBe(c.kind);
        for (const channel of CHANNELS) {
          const input: DraftInput = { channel, topic: c.topic, keywords: c.keywords ?? [], locale, brand: BRAND };
          const { draft: d, kind } = await service.write(input);
          const label = `${locale} ${channel} "${c.topic}"`;
          const text = shown(d);
          expect(kind, label).toBe(c.kind);
          expect(problems(d), label).toEqual([]);
          // The topic's words sit inside a sentence of the body (a line with more than the topic).
          const body = fold(d.body);
          const subject = c.topic.replace(/^[^:]+:\s*/, '');
          for (const w of meaningful(subject, locale)) expect(body, `${label}: ${w}`).toContain(w);
          const last = meaningful(subject, locale).at(-1) ?? '';
          const topicLine = d.body.split('\n').find((l) => fold(l).includes(last));
          expect((topicLine?.length ?? 0) > subject.length, `${label}: "${topicLine}"`).toBe(true);
          // Keywords appear in a sentence of the body, not only as hashtags.
          for (const k of c.keywords ?? []) expect(fold(composeText(d)), `${label}: ${k}`).toContain(fold(k));
          for (const seam of SEAMS) expect(text, `${label}: ${seam}`).not.toMatch(seam);
          expect(doubledWord(text), label).toBeUndefined();
          const tags = d.hashtags.length;
          if (channel === 'instagram') {
            expect(tags, label).toBeGreaterThanOrEqual(3);
            expect(tags, label).toBeLessThanOrEqual(10);
            expect(composeText(d), label).not.toMatch(/https?:\/\//);
          }
          if (channel === 'facebook' || channel === 'youtube') {
            expect(tags, label).toBeGreaterThanOrEqual(1);
            expect(tags, label).toBeLessThanOrEqual(3);
          }
          if (channel === 'youtube') {
            expect(d.title?.length, label).toBeLessThanOrEqual(100);
            expect(d.body, label).toMatch(/00:00|٠٠:٠٠/);
            expect(d.tags?.length, label).toBeGreaterThan(0);
            if (c.keywords?.[0]) expect(fold(d.title ?? '').startsWith(fold(c.keywords[0])), label).toBe(true);
          }
          if (channel === 'mailchimp') {
            expect(tags, label).toBe(0);
            const n = [...(d.subject ?? '')].length;
            expect(n >= 30 && n <= 60, `${label}: subject "${d.subject}" is ${n}`).toBe(true);
            expect(d.preview && fold(d.preview) !== fold(d.subject ?? ''), label).toBe(true);
            expect(d.body, label).not.toMatch(/https?:\/\//);
            // One call to action, with the brand's link (a question asks for a reply instead).
            if (c.kind !== 'question') expect(d.cta, label).toContain(BRAND.ctaLink);
          }
          if (locale === 'ar') {
            // No English other than the brand's name and links: every sentence is Arabic.
            const latin = text
              .replace(/https?:\/\/\S+/g, '')
              .replace(/#[\p{L}\p{M}\p{N}_]+/gu, '')
              .replaceAll(BRAND.name ?? '', '')
              .match(/\p{Script=Latin}+/gu);
            expect(latin, label).toBeNull();
            expect(text, label).not.toMatch(/[?,;]/);
            // «كيف تختار فرشاة أسنان لطفلك وصل»: no verb glued to the topic.
            expect(text, label).not.toMatch(/ وصل|وصلت/);
          }
          written++;
        }
      }
      expect(written).toBe(40);
    });
  }

  it('covers every kind in both languages with at least five openings per tone, urgency only for offers and events', () => {
    for (const locale of ['en', 'ar'] as const) {
      for (const kind of TOPIC_KINDS) {
        const tones = BOOKS[locale].openings[kind];
        for (const tone of ['friendly', 'formal', 'playful', 'inspirational'] as const) {
          expect(tones[tone]?.length ?? 0, `${locale} ${kind} ${tone}`).toBeGreaterThanOrEqual(5);
        }
        if (kind === 'offer' || kind === 'event') expect(tones.urgent?.length ?? 0).toBeGreaterThanOrEqual(5);
        else expect(tones.urgent).toBeUndefined();
      }
    }
  });

  it('opens consecutive drafts of one topic differently', async () => {
    const service = new DraftService(new TemplateDraftWriter());
    const input: DraftInput = { channel: 'instagram', topic: 'spring sale', keywords: [], locale: 'en' };
    const hooks: string[] = [];
    for (let i = 0; i < 5; i++) hooks.push((await service.draft(input)).body.split('\n')[0] ?? '');
    for (let i = 1; i < hooks.length; i++) expect(hooks[i]).not.toBe(hooks[i - 1]);
    expect(new Set(hooks).size).toBe(5);
  });

  it('gives the same draft for the same request and variant', async () => {
    const service = new DraftService(new TemplateDraftWriter());
    const input: DraftInput = { channel: 'youtube', topic: 'cold brew', keywords: ['summer'], locale: 'en' };
    expect(await service.write(input, 3)).toEqual(await service.write(input, 3));
  });

  it('writes formal, playful and inspirational, and refuses urgency for a how-to (saying so)', async () => {
    const service = new DraftService(new TemplateDraftWriter());
    const base = { channel: 'facebook', keywords: [], locale: 'en' } as const;
    const formal = await service.write({ ...base, topic: 'how to file VAT returns', tone: 'formal' });
    expect(formal.tone).toBe('formal');
    expect(formal.toneRefused).toBeUndefined();
    const urgentTip = await service.write({ ...base, topic: 'how to file VAT returns', tone: 'urgent' });
    expect(urgentTip).toMatchObject({ tone: 'friendly', toneRefused: 'urgentNeedsOfferOrEvent', kind: 'howto' });
    const urgentSale = await service.write({ ...base, topic: '30% off winter coats', tone: 'urgent' });
    expect(urgentSale).toMatchObject({ tone: 'urgent', kind: 'offer' });
    expect((await service.write({ ...base, topic: 'x launch', tone: 'professional' })).tone).toBe('formal');
  });

  it('follows the brand profile: voice, B2B formality, link, words to avoid, hashtags', async () => {
    const service = new DraftService(new TemplateDraftWriter());
    const b2b: BrandProfile = { name: 'PayRight', businessType: 'b2b', website: 'https://payright.example' };
    const written = await service.write({
      channel: 'facebook',
      topic: 'new payroll reports',
      keywords: [],
      locale: 'en',
      brand: b2b,
    });
    expect(written.tone).toBe('formal');
    expect(written.draft.cta).toContain('https://payright.example');
    const playful = await service.write({
      channel: 'instagram',
      topic: 'new payroll reports',
      keywords: [],
      locale: 'en',
      brand: { voice: 'fun and witty', hashtags: ['PayDay'] },
    });
    expect(playful.tone).toBe('playful');
    expect(playful.draft.hashtags).toContain('#PayDay');
    // Avoiding "team" removes every line that says it, whatever the variant.
    for (let v = 0; v < 6; v++) {
      const d = await service.write(
        {
          channel: 'mailchimp',
          topic: 'new payroll reports',
          keywords: [],
          locale: 'en',
          brand: { wordsToAvoid: ['team', 'simple'] },
        },
        v,
      );
      expect(shown(d.draft)).not.toMatch(/\bteam\b|\bsimple\b/i);
    }
  });

  it('writes Arabic digits and punctuation when the workspace uses them', async () => {
    const service = new DraftService(new TemplateDraftWriter());
    const d = await service.draft({
      channel: 'instagram',
      topic: 'خصم 20% على القهوة, لمدة 3 أيام?',
      keywords: [],
      locale: 'ar',
      digits: 'arabic',
    });
    expect(d.body).toContain('٢٠٪');
    expect(d.body).toContain('٣');
    expect(d.body).not.toMatch(/[0-9?,]/);
    const western = await service.draft({
      channel: 'instagram',
      topic: 'خصم ٢٠٪ على القهوة',
      keywords: [],
      locale: 'ar',
    });
    expect(western.body).toContain('20%');
  });

  it('makes Arabic hashtags with underscores', async () => {
    const service = new DraftService(new TemplateDraftWriter());
    const d = await service.draft({
      channel: 'instagram',
      topic: 'فحص مجاني',
      keywords: ['عيادة أسنان جدة'],
      locale: 'ar',
    });
    expect(d.hashtags[0]).toBe('#عيادة_أسنان_جدة');
    // Verbs with their prefixes and suffixes make poor hashtags; a question keeps its mark in the subject.
    const q = { topic: 'أي نكهة تفضلون أن نضيفها إلى القائمة؟', keywords: [], locale: 'ar' } as const;
    const poll = await service.draft({ ...q, channel: 'instagram' });
    expect(poll.hashtags).not.toContain('#نضيفها');
    expect(poll.hashtags.join(' ')).not.toContain('تفضلون');
    const mail = await service.write({ ...q, channel: 'mailchimp' }, 0);
    expect(mail.draft.subject).toMatch(/؟$/);
  });

  it('starts an English topic in lower case after the colon unless it starts with a name, and tags its phrases', async () => {
    const service = new DraftService(new TemplateDraftWriter());
    const poll = await service.draft({
      channel: 'instagram',
      topic: 'Which flavour should we add to the menu next?',
      keywords: [],
      locale: 'en',
    });
    expect(poll.body.split('\n')[0]).toMatch(/: which flavour should we add to the menu next\?/);
    expect(poll.hashtags.slice(0, 2)).toEqual(['#Flavour', '#Menu']);
    const webinar = await service.draft({
      channel: 'facebook',
      topic: 'Payroll webinar on 12 January',
      keywords: [],
      locale: 'en',
    });
    expect(webinar.body).toContain(': Payroll webinar on 12 January.');
    const sale = await service.draft({
      channel: 'instagram',
      topic: '20% off all teeth whitening until the end of the month',
      keywords: [],
      locale: 'en',
    });
    expect(sale.hashtags[0]).toBe('#TeethWhitening');
  });

  it('every channel a provider publishes to gets a draft within its rules', async () => {
    const service = new DraftService(new TemplateDraftWriter());
    for (const channel of DRAFT_CHANNELS) {
      const d = await service.draft({ channel, topic: 'summer menu launch', keywords: ['iced tea'], locale: 'en' });
      expect(problems(d), channel).toEqual([]);
    }
  });
});
