import { describe, expect, it } from 'vitest';
import { businessTypeOf, CHANNEL_INFO, STRATEGIES } from '../../src/planning/catalog.js';
import {
  type BrainstormRequest,
  finalizeIdea,
  GOALS,
  type Idea,
  offlineBrainstorm,
  offlineExhausted,
} from '../../src/planning/planner.js';
import { BUSINESS_TYPES, type BusinessType } from '../../src/workspace/brand.js';

const ideas = (req: BrainstormRequest): Idea[] => offlineBrainstorm(req).ideas.map((d) => finalizeIdea(d, req));

/** Every idea the catalog has for a brief: pages of "More ideas" until it says it is exhausted. */
function allIdeas(req: BrainstormRequest): Idea[] {
  const out: Idea[] = [];
  for (let seed = 0; seed < 12; seed++) {
    out.push(...ideas({ ...req, seed }));
    if (offlineExhausted({ ...req, seed })) break;
  }
  return out;
}

const brief = (over: Partial<BrainstormRequest>): BrainstormRequest => ({
  product: 'x',
  goal: 'leads',
  budgetMinor: 1_500_000,
  currency: 'USD',
  weeks: 8,
  market: '',
  locale: 'en',
  seed: 0,
  ...over,
});

const channels = (list: Idea[]) => new Set(list.flatMap((i) => i.split.map((l) => l.channel)));
const text = (i: Idea) =>
  [i.title, i.hook, i.reasoning, ...i.tactics.attract, ...i.tactics.engage, ...i.tactics.delight].join(' ');

describe('ideas that fit the business type (issue 17, item 4)', () => {
  it('reads the business type from the brief’s words when no brand says it', () => {
    expect(businessTypeOf('orphan sponsorship', 'donors in Doha')).toBe('ngo');
    expect(businessTypeOf('كفالة الأيتام', 'المتبرعين في الدوحة')).toBe('ngo');
    expect(businessTypeOf('payroll software for HR teams', 'Riyadh')).toBe('b2b');
    expect(businessTypeOf('HR software for clinics', 'UAE')).toBe('b2b');
    expect(businessTypeOf('teeth whitening', 'a dental clinic in Dubai')).toBe('local');
    expect(businessTypeOf('تبييض الأسنان', 'عيادة في جدة')).toBe('local');
    expect(businessTypeOf('budgeting app', 'students')).toBe('app');
    expect(businessTypeOf('sourdough bread', 'Brooklyn')).toBe('consumer');
  });

  it('says in the reasoning which business type was planned for, and where it came from', () => {
    const inferred = ideas(brief({ product: 'teeth whitening', market: 'Dubai' }))[0] as Idea;
    expect(inferred.reasoning).toContain('Business type: local business, read from the brief');
    const branded = ideas(brief({ product: 'teeth whitening', businessType: 'consumer', businessTypeFrom: 'brand' }));
    expect(branded[0]?.reasoning).toContain('Business type: consumer brand (from the brand profile).');
    const ar = ideas(brief({ product: 'كفالة الأيتام', locale: 'ar' }))[0] as Idea;
    expect(ar.reasoning).toContain('نوع النشاط: جهة غير ربحية، استُنتج من كلمات الطلب');
  });

  it('gives a local business Google Business Profile, Maps, reviews and WhatsApp', () => {
    for (const goal of ['leads', 'sales', 'retention'] as const) {
      const list = allIdeas(brief({ product: 'teeth whitening', market: 'Dubai', goal }));
      const found = channels(list);
      expect(found.has('local_listings') || found.has('whatsapp'), goal).toBe(true);
    }
    const leads = allIdeas(brief({ product: 'dental clinic', market: 'Jeddah', goal: 'leads' }));
    expect(leads.map((i) => i.title)).toContain('Found on Google Maps');
    expect(leads.map(text).join(' ')).toMatch(/review/i);
    expect(leads.map(text).join(' ')).toMatch(/WhatsApp/);
  });

  it('no webinar funnel for teeth whitening, whatever the budget or page', () => {
    for (const businessType of [undefined, 'local', 'consumer'] as const) {
      for (const budgetMinor of [50_000, 500_000, 5_000_000]) {
        const list = allIdeas(brief({ product: 'teeth whitening', market: 'Dubai', budgetMinor, businessType }));
        expect(list.map((i) => i.title)).not.toContain('Webinar funnel');
      }
    }
  });

  it('gives B2B LinkedIn, search, webinars and account-based tactics', () => {
    const list = allIdeas(
      brief({ product: 'payroll software', market: 'HR managers in Riyadh', budgetMinor: 3_000_000 }),
    );
    const found = channels(list);
    for (const c of ['linkedin', 'search', 'webinars'] as const) expect(found.has(c), c).toBe(true);
    expect(list.map((i) => i.title)).toContain('Account-based outreach');
    expect(found.has('influencers')).toBe(false);
  });

  it('account-based outreach only with the budget to reach each account more than once', () => {
    const small = allIdeas(brief({ product: 'payroll software', budgetMinor: 150_000 }));
    expect(small.map((i) => i.title)).not.toContain('Account-based outreach');
  });

  it('gives a charity donor stories, volunteers and grants, and never discount codes or "ready to buy"', () => {
    const all = GOALS.flatMap((goal) =>
      [4, 12, 52].flatMap((weeks) =>
        allIdeas(brief({ product: 'orphan sponsorship', market: 'donors in Doha', goal, weeks })),
      ),
    );
    const titles = new Set(all.map((i) => i.title));
    for (const t of ['Donor stories', 'Volunteer drive', 'Grants and corporate partners']) expect(titles).toContain(t);
    const words = all.map(text).join(' ');
    expect(words).not.toMatch(/discount code|ready to buy|lookalikes of your best customers/i);
  });

  it('an approach on channels another idea already uses keeps its whole mix, not the whole budget on one', () => {
    const list = ideas(
      brief({
        product: 'orphan sponsorship',
        market: 'donors in Doha',
        goal: 'sales',
        weeks: 52,
        currency: 'QAR',
        budgetMinor: 2_000_000,
      }),
    );
    expect(list.map((i) => i.title)).toContain('Employer gift matching');
    for (const idea of list) expect(idea.split.length, idea.title).toBeGreaterThanOrEqual(2);
  });

  it('a welcome sequence is never aimed at people already on the list', () => {
    for (const st of STRATEGIES.filter((s) => s.existing)) {
      for (const type of BUSINESS_TYPES) {
        if (st.types && !st.types.includes(type)) continue;
        const list = allIdeas(brief({ goal: st.goal, businessType: type, budgetMinor: 5_000_000 }));
        for (const idea of list.filter((i) => i.title === st.title.en)) {
          expect(text(idea), `${st.id} ${type}`).not.toMatch(/welcome/i);
        }
      }
    }
    // Nor at a market that is the list itself, whatever the approach.
    for (const market of ['existing subscribers', 'existing subscribers in Riyadh', 'العملاء الحاليين في جدة']) {
      for (const goal of GOALS) {
        for (const locale of ['en', 'ar'] as const) {
          for (const idea of allIdeas(brief({ goal, market, locale, budgetMinor: 5_000_000 }))) {
            expect(text(idea), `${market} ${goal}`).not.toMatch(/welcome|ترحيب/i);
          }
        }
      }
    }
    // The general email tactic still welcomes new sign-ups.
    expect(CHANNEL_INFO.email.tactics.engage.en).toMatch(/welcome/);
  });

  it('time-limited wording only in plans of 4 weeks or less, for every business type', () => {
    for (const businessType of BUSINESS_TYPES) {
      for (const goal of GOALS) {
        for (const weeks of [5, 12, 52]) {
          for (const idea of allIdeas(brief({ goal, weeks, businessType }))) {
            expect(text(idea), `${businessType} ${goal} ${weeks}`).not.toMatch(/this week only|one day only|limited/i);
          }
        }
      }
    }
  });

  it('every business type gets 3 or more distinct ideas for every goal, and "More ideas" repeats none until exhausted', () => {
    for (const businessType of BUSINESS_TYPES as readonly BusinessType[]) {
      for (const goal of GOALS) {
        for (const budgetMinor of [40_000, 600_000, 5_000_000]) {
          const base = brief({ goal, businessType, budgetMinor });
          expect(ideas(base).length, `${businessType} ${goal} ${budgetMinor}`).toBeGreaterThanOrEqual(3);
          const seen: string[] = [];
          for (let seed = 0; seed < 12; seed++) {
            const titles = ideas({ ...base, seed }).map((i) => i.title);
            const exhausted = offlineExhausted({ ...base, seed });
            const fresh = titles.filter((t) => !seen.includes(t));
            if (!exhausted) expect(fresh, `${businessType} ${goal} ${seed}`).toEqual(titles);
            seen.push(...fresh);
            if (exhausted) break;
          }
        }
      }
    }
  });
});
