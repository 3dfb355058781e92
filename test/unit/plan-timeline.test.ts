import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../src/planning/catalog.js';
import { channelInSentence, timelineOn } from '../../src/planning/ideas.js';
import { createTestApp, identity, type TestApp, textOf } from '../helpers/app.js';

/** The timeline lines of a plan view: "Weeks 1-2: …" / «الأسابيع …». */
const timelineLines = (text: string) => text.split('\n').filter((l) => /^(Weeks?|الأسبوع|الأسابيع) /.test(l));

describe('the plan timeline reads as sentences (issue 17, timeline capitals)', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp();
  });
  afterEach(async () => {
    await app.cleanup();
  });

  it('English: each line starts with a capital, channel names are lower-case mid-sentence, brands keep theirs', async () => {
    await app.say('/plan create "meal kits" goal:sales budget:5000 currency:SAR duration:8w market:"Jeddah"');
    const lines = timelineLines(textOf(await app.say('/plan show 1')));
    expect(lines).toEqual([
      'Weeks 1-2: Attract: set up tracking and launch search ads (Google)',
      'Weeks 3-6: Engage: retarget, nurture and answer; keep what performs best on search ads (Google)',
      'Weeks 7-8: Delight: thank, onboard and ask for reviews and referrals; report against the KPIs',
    ]);
    // Brands keep their capital; other names do not start with one mid-sentence.
    expect(channelInSentence('linkedin', 'en')).toBe('LinkedIn ads');
    expect(channelInSentence('whatsapp', 'en')).toBe('WhatsApp Business');
    expect(channelInSentence('local_listings', 'en')).toBe('Google Business Profile and Maps');
    expect(channelInSentence('social_ads', 'en')).toBe('paid social (Meta)');
    for (const c of CHANNELS) {
      for (const weeks of [1, 2, 3, 8, 52]) {
        for (const phase of timelineOn(c, weeks, 'en')) {
          expect(phase.focus).toMatch(/^[A-Z]/);
          // No capital after a lower-case word except a brand's.
          const caps =
            phase.focus
              .replace(/Google Business Profile and Maps|WhatsApp Business/g, 'brand')
              .match(/(?<=[a-z,;] )[A-Z]\w*/g) ?? [];
          for (const w of caps)
            expect(['Google', 'LinkedIn', 'WhatsApp', 'YouTube', 'SEO', 'KPIs', 'Delight', 'Meta']).toContain(w);
        }
      }
    }
  });

  it('a one- and a two-week plan: no "Attract: …; Delight: …" seam, and Arabic has its own punctuation', async () => {
    await app.say('/plan create "meal kits" goal:sales budget:5000 currency:SAR duration:2w market:"Jeddah"');
    await app.say('/plan create "meal kits" goal:sales budget:5000 currency:SAR duration:1w market:"Jeddah"');
    expect(timelineLines(textOf(await app.say('/plan show 1')))).toEqual([
      'Week 1: Attract: set up tracking and launch search ads (Google)',
      'Week 2: Delight: thank, onboard and ask for reviews and referrals; report against the KPIs',
    ]);
    expect(timelineLines(textOf(await app.say('/plan show 2')))).toEqual([
      'Week 1: Attract: set up tracking and launch search ads (Google). Delight: thank, onboard and ask for reviews and referrals; report against the KPIs',
    ]);
    const ar = identity({ locale: 'ar', user: 'U2' });
    await app.say('/plan create "وجبات جاهزة" goal:sales budget:5000 currency:SAR duration:1w market:"جدة"', ar);
    const arabic = timelineLines(textOf(await app.say('/plan show 3', ar)));
    expect(arabic).toHaveLength(1);
    expect(arabic[0]).toContain('الجذب: إعداد التتبع وإطلاق إعلانات محركات البحث. الإسعاد:');
    expect(arabic.join('')).not.toMatch(/[;A-Za-z]/);
  });

  it('edit focus: the timeline names the new focus channel, in the language it was written in', async () => {
    await app.say('/plan create "meal kits" goal:sales budget:5000 currency:SAR duration:8w market:"Jeddah"');
    const r = await app.say('/plan edit 1 focus:social_ads');
    expect(r.tone).toBe('success');
    const lines = timelineLines(textOf(await app.say('/plan show 1')));
    expect(lines[0]).toBe('Weeks 1-2: Attract: set up tracking and launch paid social (Meta)');
    expect(lines[1]).toContain('keep what performs best on paid social (Meta)');
  });

  it('a stored line that starts lower-case (an older plan) is shown with a capital', async () => {
    await app.say('/plan create "meal kits" goal:sales budget:5000 currency:SAR duration:8w market:"Jeddah"');
    await app.services.db.plan.updateMany({
      data: { timeline: [{ fromWeek: 1, toWeek: 8, focus: 'launch the offer for busy parents' }] },
    });
    expect(timelineLines(textOf(await app.say('/plan show 1')))).toEqual([
      'Weeks 1-8: Launch the offer for busy parents',
    ]);
  });
});
