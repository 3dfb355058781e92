import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { settleFigures } from '../../src/lib/digits.js';
import { offlineProfile, type PersonaBrief, segmentPhrases, traitsOf } from '../../src/planning/persona-profile.js';
import { createTestApp, type TestApp, textOf } from '../helpers/app.js';

const brief = (segment: string, over: Partial<PersonaBrief> = {}): PersonaBrief => ({
  segment,
  product: '',
  market: '',
  locale: 'en',
  seed: 0,
  ...over,
});

describe('personas that follow the segment’s words (issue 17, item 7)', () => {
  it('busy fathers who order pet food: a man, a father, pet objections, the place from the words', () => {
    const p = offlineProfile(brief('busy fathers in Doha who order pet food online'));
    expect(p.name).toMatch(/^(Omar|Khalid|Yousef|Faisal|Karim|Sami|Tariq|Adam), the busy father$/);
    expect(p.demographics).toBe('28-45; man; Doha');
    expect(p.objections.join(' ')).toMatch(/pet/);
    expect(p.objections.join(' ')).not.toContain('Can I return it');
    expect(p.name).not.toContain('everyday shopper');
  });

  it('gender and age follow the words, in English and Arabic', () => {
    expect(traitsOf(brief('young mothers in Cairo'))).toMatchObject({ gender: 'f', genderFromWords: true });
    expect(traitsOf(brief('young mothers in Cairo')).age[0]).toBeLessThan(28);
    expect(traitsOf(brief('students in Amman')).age).toEqual([18, 24]);
    expect(traitsOf(brief('طلاب الجامعة في عمّان')).age).toEqual([18, 24]);
    expect(traitsOf(brief('retirees in Dubai')).age).toEqual([60, 0]);
    const girls = offlineProfile(brief('طالبات الجامعة في جدة', { locale: 'ar' }));
    expect(girls.name).toMatch(/، الطالبة$/);
    // Figures are marked, so a reply shows them in the workspace's digits (here the Arabic style).
    expect(settleFigures(girls.demographics, 'arabic')).toBe('من ١٨ إلى ٢٤ عامًا؛ امرأة؛ جدة');
    expect(settleFigures(girls.demographics, 'latin')).toBe('من 18 إلى 24 عامًا؛ امرأة؛ جدة');
    const fathers = offlineProfile(brief('آباء مشغولون في الدوحة', { locale: 'ar' }));
    expect(fathers.name).toMatch(/، الأب المشغول$/);
    expect(fathers.demographics).toContain('رجل');
  });

  it('HR managers are business buyers: job title, company size, buying role, price, integration and risk', () => {
    const p = offlineProfile(brief('HR managers at mid-size companies in Riyadh'));
    expect(p.name).toMatch(/, the HR manager$/);
    expect(p.demographics).toContain('company of 50-500 employees');
    expect(p.demographics).toContain('champion');
    expect(p.demographics).toContain('Riyadh');
    expect(p.objections).toHaveLength(3);
    expect(p.objections[0]).toMatch(/cost/);
    expect(p.objections[1]).toMatch(/work with the payroll/);
    expect(p.objections[2]).toMatch(/rollout/);
    expect(p.channels).toContain('linkedin');
    const directors = traitsOf(brief('HR directors at enterprises'));
    expect(directors.job?.buying).toBe('decision');
  });

  it('an Arabic HR-managers segment is a business buyer too, with a title that agrees with the persona', () => {
    for (let seed = 0; seed < 4; seed++) {
      const p = offlineProfile(brief('مديرو الموارد البشرية في الشركات المتوسطة بالرياض', { locale: 'ar', seed }));
      const t = traitsOf(brief('مديرو الموارد البشرية في الشركات المتوسطة بالرياض', { seed }));
      expect(t.job?.role.id).toBe('hr');
      expect(p.name).toMatch(t.gender === 'f' ? /، مديرة الموارد البشرية$/ : /، مدير الموارد البشرية$/);
      expect(settleFigures(p.demographics, 'arabic')).toContain('شركة من ٥٠ إلى ٥٠٠ موظف');
      expect(p.demographics).toContain('الرياض');
      expect(p.demographics).toContain(t.gender === 'f' ? 'امرأة' : 'رجل');
      expect(p.objections.join(' ')).toContain('هل يعمل مع');
    }
  });

  it('a B2B brand makes its segments buyers at work', () => {
    expect(traitsOf(brief('clinic owners in Jeddah')).job?.role.id).toBe('founder');
    expect(traitsOf(brief('dentists in Jeddah', { businessType: 'b2b' })).job).toBeDefined();
    expect(traitsOf(brief('dentists in Jeddah')).job).toBeUndefined();
  });

  it('consumer objections and channels fit the category', () => {
    const teeth = offlineProfile(brief('women in Dubai who want whiter teeth', { product: 'teeth whitening' }));
    expect(teeth.objections.join(' ')).toMatch(/safe|cost/);
    expect(teeth.channels).toContain('search');
    const beauty = offlineProfile(brief('young women who buy skincare online'));
    expect(beauty.channels[0]).toBe('influencers');
  });

  it('two different segments never yield the same persona', () => {
    const segments = [
      'busy fathers in Doha who order pet food online',
      'busy mothers in Doha who order pet food online',
      'busy parents in Doha',
      'busy parents in Riyadh',
      'HR managers at mid-size companies in Riyadh',
      'HR directors at mid-size companies in Riyadh',
      'finance managers at startups',
      'marketing managers at agencies',
      'IT managers at banks',
      'clinic owners in Jeddah',
      'students in Cairo',
      'students in Amman who want cheap phones',
      'young professionals in Dubai',
      'retirees in Muscat',
      'yoga lovers',
      'coffee lovers in Riyadh',
      'طلاب الجامعة في جدة',
      'طالبات الجامعة في جدة',
      'مديرو الموارد البشرية في الشركات المتوسطة بالرياض',
      'آباء مشغولون في الدوحة',
      'أمهات في القاهرة',
    ];
    for (const locale of ['en', 'ar'] as const) {
      const seen = new Map<string, string>();
      for (const segment of segments) {
        const { name: _name, ...profile } = offlineProfile(brief(segment, { locale }));
        const key = JSON.stringify(profile);
        expect(seen.get(key), `${segment} = ${seen.get(key)}`).toBeUndefined();
        seen.set(key, segment);
      }
    }
  });
});

describe('/persona through the console (issue 17, item 7)', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp();
  });
  afterEach(async () => {
    await app.cleanup();
  });

  it('busy fathers in Doha who order pet food online is no longer "Hana, the everyday shopper"', async () => {
    const r = textOf(await app.say('/persona create busy fathers in Doha who order pet food online'));
    expect(r).toContain('the busy father');
    expect(r).not.toContain('everyday shopper');
    expect(r).not.toContain('Can I return it?');
    expect(r).toContain('Demographics: 28-45; man; Doha');
  });

  it('reads the brand: a B2B brand’s segment is a buyer at work', async () => {
    await app.say('/brand set type:b2b offer:"scheduling software" market:"UAE"');
    const r = textOf(await app.say('/persona create dentists'));
    expect(r).toMatch(/Objections: Will it cost less/);
    expect(r).toContain('UAE');
  });

  it('writes the Arabic HR-managers segment as a business buyer, with Arabic punctuation', async () => {
    await app.say('/config lang ar');
    const r = textOf(await app.say('/persona create مديرو الموارد البشرية في الشركات المتوسطة بالرياض'));
    expect(r).toMatch(/مدير(ة)? الموارد البشرية/);
    expect(r).toContain('الاعتراضات: هل ستكون تكلفته أقل');
    expect(r).toContain('؛ ');
    expect(r).not.toContain('المتسوقة');
  });
});

describe('a persona’s keywords are phrases a searcher types', () => {
  it('splits the segment at joining words, never into lone words', () => {
    expect(segmentPhrases('مديرو الموارد البشرية في العيادات')).toEqual(['مديرو الموارد البشرية', 'العيادات']);
    expect(segmentPhrases('busy fathers in Doha who order pet food online')).toEqual([
      'busy fathers',
      'doha',
      'order pet food online',
    ]);
    expect(segmentPhrases('HR managers, clinics')).toEqual(['hr managers', 'clinics']);
  });

  it('an Arabic B2B persona lists «مديرو الموارد البشرية», not «مديرو» and «البشرية» apart', () => {
    const p = offlineProfile(brief('مديرو الموارد البشرية في العيادات', { locale: 'ar' }));
    expect(p.keywords).toContain('مديرو الموارد البشرية');
    expect(p.keywords).not.toContain('مديرو');
    expect(p.keywords).not.toContain('البشرية');
  });
});
