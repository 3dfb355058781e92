import { describe, expect, it } from 'vitest';
import { STRATEGIES } from '../../src/planning/catalog.js';
import { offlineProfile } from '../../src/planning/persona-profile.js';
import {
  type BrainstormRequest,
  finalizeIdea,
  GOALS,
  offlineBrainstorm,
  timelineFor,
} from '../../src/planning/planner.js';

/** 50 product and market strings: plural, singular, Arabic, with "in", very long. */
const PRODUCTS = [
  'payroll software for HR teams',
  'running shoes',
  'a running shoe',
  'frozen food',
  'teeth whitening',
  'sourdough bread',
  'pet food',
  'orphan sponsorship',
  'cold brew coffee',
  'yoga classes',
  'meal kits',
  'CRM for clinics',
  'accounting services in Dubai',
  'an online course',
  'LinkedIn ads training',
  'قهوة باردة',
  'برمجيات المحاسبة',
  'كفالة الأيتام',
  'أحذية رياضية',
  'تبييض الأسنان',
  'organic skincare products for sensitive skin made in small batches by a family business in Jordan',
  'B2B SaaS',
  'kids',
  'the best burgers in town',
  'insurance',
] as const;
const MARKETS = [
  'HR managers at mid-size companies in Riyadh',
  'young mothers in Cairo',
  'busy fathers in Doha who order pet food online',
  'existing subscribers',
  'existing subscribers in Riyadh',
  'students',
  'a student',
  'Riyadh',
  'in Riyadh',
  'الأمهات في الرياض',
  'مديرو الموارد البشرية في الشركات',
  'القاهرة',
  'everyone who loves coffee',
  'small business owners in the UAE',
  'women 25-40 in Jeddah and Dammam who care about clean ingredients and shop online at least twice a month',
  'donors in Kuwait',
  'the team',
  'clinics',
  'customers',
  'people',
  'families in Amman',
  'Gen Z',
  'teachers',
  'يحب القهوة',
  '',
] as const;

const VERBS_AFTER_USER_TEXT = /^\s*(knows|searches|uses|follows|looks|gets|shares|earns|is|has|does|wants)\b/;

function breakages(text: string, userTexts: readonly string[]): string[] {
  const found: string[] = [];
  const plain = text.replace(/[\u2066-\u2069]/g, '');
  const doubled = /\b(\p{L}+)\s+\1\b/iu.exec(plain);
  if (doubled && !userTexts.some((u) => u.toLowerCase().includes(doubled[0].toLowerCase()))) {
    found.push(`doubled word "${doubled[0]}"`);
  }
  if (/ {2,}/.test(plain)) found.push('double space');
  if (/\s[,.;:!?،؛]/.test(plain)) found.push('space before punctuation');
  if (/([,.;:،؛])\1/.test(plain.replace(/\.\.\.|…/g, ''))) found.push('doubled punctuation');
  if (/\(\s|\s\)|\(\)/.test(plain)) found.push('stray bracket space');
  if (/^\s|\s$/.test(plain)) found.push('leading or trailing space');
  for (const u of userTexts) {
    if (!u) continue;
    let at = plain.indexOf(u);
    while (at >= 0) {
      const after = plain.slice(at + u.length);
      if (VERBS_AFTER_USER_TEXT.test(after)) found.push(`verb conjugated after "${u}"`);
      const before = plain.slice(0, at);
      if (/\bin\s$/.test(before) && /^(in|at|HR|existing|young|busy|students|a |the )/i.test(u)) {
        found.push(`"in" glued before "${u}"`);
      }
      if (/لـ$/.test(before)) found.push(`"لـ" glued to "${u}"`);
      // "the decision makers of HR managers ...": a possessive glued to the user's words.
      if (/\b(of|to)\s$/.test(before) && /^(HR|existing|young|busy|students|everyone|people)/i.test(u)) {
        found.push(`"of"/"to" glued before "${u}"`);
      }
      at = plain.indexOf(u, at + 1);
    }
  }
  if (/Customers in existing subscribers|everyone in|the problem .* knows/i.test(plain)) found.push('known breakage');
  return found;
}

describe('sentences that cannot break (issue 17, item 5)', () => {
  it('every hook, in both languages, with 50 product and market strings', () => {
    const problems: string[] = [];
    for (const st of STRATEGIES) {
      for (const locale of ['en', 'ar'] as const) {
        for (let i = 0; i < PRODUCTS.length; i++) {
          for (let j = 0; j < MARKETS.length; j += 5) {
            const product = PRODUCTS[i] as string;
            const market = (MARKETS[(i + j) % MARKETS.length] as string) || 'your market';
            const text = st.hook[locale].replaceAll('{product}', product).replaceAll('{market}', market);
            for (const b of breakages(text, [product, market])) problems.push(`${st.id}/${locale}: ${b}: ${text}`);
          }
        }
      }
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });

  it('whole brainstorms and timelines, every goal, both languages', () => {
    const problems: string[] = [];
    for (let i = 0; i < 50; i++) {
      const product = PRODUCTS[i % PRODUCTS.length] as string;
      const market = MARKETS[(i * 7) % MARKETS.length] as string;
      for (const locale of ['en', 'ar'] as const) {
        const goal = GOALS[i % GOALS.length] as BrainstormRequest['goal'];
        const req: BrainstormRequest = {
          product,
          market,
          goal,
          budgetMinor: [15_000, 1_200_000, 25_000_000][i % 3] as number,
          currency: ['USD', 'SAR', 'EGP'][i % 3] as string,
          weeks: [2, 12, 52][i % 3] as number,
          locale,
          seed: i % 3,
        };
        for (const d of offlineBrainstorm(req).ideas) {
          const idea = finalizeIdea(d, req);
          const texts = [
            idea.title,
            idea.hook,
            idea.reasoning,
            ...Object.values(idea.tactics).flat(),
            ...timelineFor(idea, req.weeks, locale).map((p) => p.focus),
          ];
          for (const t of texts) for (const b of breakages(t, [product, market])) problems.push(`${b}: ${t}`);
          if (req.weeks > 4) expect(idea.hook).not.toMatch(/this week only|هذا الأسبوع فقط/i);
        }
      }
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });

  it('personas from the 50 strings as segments, both languages', () => {
    const problems: string[] = [];
    for (const segment of [...MARKETS, ...PRODUCTS].filter(Boolean)) {
      for (const locale of ['en', 'ar'] as const) {
        const p = offlineProfile({ segment, product: '', market: '', locale, seed: 0 });
        const texts = [p.name, p.demographics, ...p.goals, ...p.pains, ...p.objections, ...p.content, ...p.messaging];
        for (const t of texts)
          for (const b of breakages(t, [segment])) problems.push(`${segment}/${locale}: ${b}: ${t}`);
      }
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });
});
