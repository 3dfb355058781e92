import { describe, expect, it } from 'vitest';
import { minorDigits, splitExact, toMinor } from '../../src/lib/money.js';
import { CHANNEL_INFO } from '../../src/planning/catalog.js';
import {
  allocate,
  audienceOf,
  type BrainstormRequest,
  CHANNELS,
  channelMinimum,
  finalizeIdea,
  fitsAudience,
  fitsGoal,
  GOALS,
  offlineBrainstorm,
  rescaleSplit,
  timelineFor,
} from '../../src/planning/planner.js';

/** mulberry32: a small seeded generator, so every "random" case is reproducible. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PRODUCTS = [
  ['cold brew coffee', 'young professionals in Riyadh'],
  ['HR software for clinics', 'companies in the UAE'],
  ['قهوة باردة', 'الشباب في جدة'],
  ['برمجيات المحاسبة', 'الشركات الصغيرة في مصر'],
  ['running shoes', ''],
] as const;
const CURRENCIES = ['USD', 'SAR', 'JPY', 'KWD', 'EUR', 'EGP', 'CLP'];

function randomRequest(r: () => number, locale: 'en' | 'ar'): BrainstormRequest {
  const [product, market] = PRODUCTS[Math.floor(r() * PRODUCTS.length)] as readonly [string, string];
  // Budgets from one minor unit to a hundred million, spread over the orders of magnitude.
  const budgetMinor = Math.max(1, Math.floor(10 ** (r() * 8)) + Math.floor(r() * 97));
  return {
    product,
    market,
    goal: GOALS[Math.floor(r() * GOALS.length)] as BrainstormRequest['goal'],
    budgetMinor,
    currency: CURRENCIES[Math.floor(r() * CURRENCIES.length)] as string,
    weeks: 1 + Math.floor(r() * 52),
    locale,
    seed: Math.floor(r() * 10),
  };
}

const ISOLATED = /\u2068[^\u2069]*\u2069/g;

describe('splitExact', () => {
  it('sums exactly for many totals and weights, including tiny and odd ones', () => {
    const r = rng(1);
    for (let i = 0; i < 2000; i++) {
      const total = i < 50 ? i : Math.floor(r() * 10 ** (1 + Math.floor(r() * 9)));
      const weights = Array.from({ length: 1 + Math.floor(r() * 6) }, () => Math.floor(r() * 100) / (1 + r() * 3));
      const parts = splitExact(total, weights);
      expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
      for (const p of parts) expect(Number.isInteger(p) && p >= 0).toBe(true);
      // Each part is within one unit of its exact share.
      const sum = weights.reduce((a, b) => a + b, 0);
      parts.forEach((p, k) => {
        const exact = sum > 0 ? (total * (weights[k] as number)) / sum : total / weights.length;
        expect(Math.abs(p - exact)).toBeLessThan(1);
      });
    }
  });

  it('gives leftover units to the largest remainders', () => {
    expect(splitExact(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(splitExact(10, [0.5, 0.3, 0.2])).toEqual([5, 3, 2]);
    expect(splitExact(1, [1, 2])).toEqual([0, 1]);
    expect(splitExact(0, [1, 2])).toEqual([0, 0]);
  });

  it('rescales a stored split to a new budget exactly', () => {
    const split = [
      { channel: 'search' as const, amountMinor: 3333 },
      { channel: 'email' as const, amountMinor: 6667 },
    ];
    for (const total of [1, 7, 999, 123457, 80000]) {
      expect(rescaleSplit(split, total).reduce((a, l) => a + l.amountMinor, 0)).toBe(total);
    }
  });
});

describe('currencies', () => {
  it('uses each currency’s minor units', () => {
    expect(minorDigits('USD')).toBe(2);
    expect(minorDigits('JPY')).toBe(0);
    expect(minorDigits('KWD')).toBe(3);
    expect(toMinor(12.5, 'KWD')).toBe(12500);
  });
});

describe('offline planner rules', () => {
  it('holds its properties over many generated inputs', () => {
    const r = rng(42);
    for (let i = 0; i < 400; i++) {
      const req = randomRequest(r, i % 2 === 0 ? 'en' : 'ar');
      const audience = audienceOf(req.product, req.market);
      const drafts = offlineBrainstorm(req).ideas;
      expect(drafts.length).toBeGreaterThanOrEqual(3);
      expect(drafts.length).toBeLessThanOrEqual(5);
      expect(new Set(drafts.map((d) => d.title)).size).toBe(drafts.length);
      for (const d of drafts) {
        const idea = finalizeIdea(d, req);
        // The split sums to the budget exactly, in minor units.
        expect(idea.split.reduce((a, l) => a + l.amountMinor, 0)).toBe(req.budgetMinor);
        // Only channels that serve the goal and suit the audience.
        for (const l of idea.split) {
          expect(fitsGoal(l.channel, req.goal)).toBe(true);
          expect(fitsAudience(l.channel, audience)).toBe(true);
        }
        // No channel below its minimum, unless the whole budget is a flagged single-channel test.
        const below = idea.split.filter((l) => l.amountMinor < channelMinimum(l.channel, req.weeks, req.currency));
        if (below.length > 0) {
          expect(idea.belowMinimum).toBe(true);
          expect(idea.split).toHaveLength(1);
        }
        expect(idea.kpis.length).toBeGreaterThanOrEqual(2);
        for (const k of idea.kpis) expect(Number.isFinite(k.target) && k.target >= 0).toBe(true);
        if (req.locale === 'ar') {
          const texts = [idea.title, idea.hook, idea.reasoning, ...Object.values(idea.tactics).flat()];
          for (const t of texts) {
            // Product, market and amounts are isolated; nothing else may be left in Latin letters.
            const product = req.product;
            // KPI acronyms stay Latin, as Arabic-speaking marketers write them.
            const bare = t
              .replace(ISOLATED, '')
              .replaceAll(product, '')
              .replace(/\b(CTR|CPL|CPA|CPM|ROAS)\b/g, '');
            expect(bare, t).not.toMatch(/[A-Za-z]/);
          }
        }
      }
    }
  });

  it('is deterministic: the same request gives the same ideas', () => {
    const r = rng(7);
    for (let i = 0; i < 50; i++) {
      const req = randomRequest(r, 'en');
      expect(offlineBrainstorm({ ...req })).toEqual(offlineBrainstorm({ ...req }));
    }
  });

  it('maps goals to the channels that serve them', () => {
    const lead = (goal: BrainstormRequest['goal'], product: string, market: string) =>
      offlineBrainstorm({
        product,
        market,
        goal,
        budgetMinor: 2_000_000,
        currency: 'USD',
        weeks: 4,
        locale: 'en',
        seed: 0,
      }).ideas.map((d) =>
        finalizeIdea(d, {
          product,
          market,
          goal,
          budgetMinor: 2_000_000,
          currency: 'USD',
          weeks: 4,
          locale: 'en',
          seed: 0,
        }),
      );
    const retention = lead('retention', 'meal kits', 'families');
    expect(retention.flatMap((i) => i.split.map((l) => l.channel))).toContain('email');
    expect(retention.flatMap((i) => i.split.map((l) => l.channel))).not.toContain('search');
    const b2bLeads = lead('leads', 'payroll software', 'companies in Dubai');
    const channels = b2bLeads.flatMap((i) => i.split.map((l) => l.channel));
    expect(channels).toContain('linkedin');
    expect(channels).not.toContain('influencers');
    const b2cAwareness = lead('awareness', 'lipstick', 'women in Cairo');
    const b2c = b2cAwareness.flatMap((i) => i.split.map((l) => l.channel));
    expect(b2c).toContain('influencers');
    expect(b2c).not.toContain('linkedin');
    expect(b2c).not.toContain('search');
  });

  it('concentrates a small budget and spreads a large one', () => {
    const ranked = [
      { channel: 'social_ads' as const, weight: 5 },
      { channel: 'video' as const, weight: 3 },
      { channel: 'social_organic' as const, weight: 1 },
    ];
    expect(allocate(40_000, 'USD', 4, ranked).split).toHaveLength(1);
    expect(allocate(5_000_000, 'USD', 4, ranked).split).toHaveLength(3);
    // Below every minimum: the whole budget on the cheapest channel, flagged as a small test.
    const tiny = allocate(500, 'USD', 4, ranked);
    expect(tiny).toEqual({ split: [{ channel: 'social_organic', amountMinor: 500 }], belowMinimum: true });
  });

  it('converts minimums to the currency', () => {
    const usd = channelMinimum('search', 4, 'USD');
    expect(usd).toBe(toMinor(CHANNEL_INFO.search.minimum.weeklyUsd * 4, 'USD'));
    expect(channelMinimum('search', 4, 'SAR')).toBe(Math.round(usd * 3.75));
  });

  it('varies the ideas with the seed ("More ideas")', () => {
    const base: BrainstormRequest = {
      product: 'yoga classes',
      market: 'students',
      goal: 'engagement',
      budgetMinor: 300_000,
      currency: 'USD',
      weeks: 4,
      locale: 'en',
      seed: 0,
    };
    const a = offlineBrainstorm(base).ideas.map((i) => i.title);
    const b = offlineBrainstorm({ ...base, seed: 1 }).ideas.map((i) => i.title);
    expect(a).not.toEqual(b);
  });

  it('phases the timeline over the whole duration', () => {
    for (const weeks of [1, 2, 3, 4, 7, 12, 52]) {
      const req: BrainstormRequest = {
        product: 'x',
        market: '',
        goal: 'sales',
        budgetMinor: 100_000,
        currency: 'USD',
        weeks,
        locale: 'en',
        seed: 0,
      };
      const idea = finalizeIdea(offlineBrainstorm(req).ideas[0] as never, req);
      const phases = timelineFor(idea, weeks, 'en');
      expect(phases[0]?.fromWeek).toBe(1);
      expect(phases.at(-1)?.toWeek).toBe(weeks);
      for (let i = 1; i < phases.length; i++) expect(phases[i]?.fromWeek).toBe((phases[i - 1]?.toWeek ?? 0) + 1);
    }
  });

  it('knows every channel', () => {
    for (const c of CHANNELS) expect(CHANNEL_INFO[c].label.ar).not.toMatch(/[A-Za-z]/);
  });
});

describe('duration option', () => {
  it('reads weeks, days and months as whole weeks', async () => {
    const { parseWeeks } = await import('../../commands/shared/planning.js');
    expect(parseWeeks('4w')).toBe(4);
    expect(parseWeeks('4')).toBe(4);
    expect(parseWeeks('6 weeks')).toBe(6);
    expect(parseWeeks('30d')).toBe(5);
    expect(parseWeeks('7d')).toBe(1);
    expect(parseWeeks('2m')).toBe(9);
    expect(parseWeeks('12 months')).toBe(52);
    expect(parseWeeks('٣ أسابيع')).toBe(3);
    for (const bad of ['0w', '53w', '13m', 'soon', '-2w', '4x', '']) expect(parseWeeks(bad), bad).toBeUndefined();
  });
});
