/**
 * Arabic money reads as an Arabic writer counts: where Intl's sign would be Latin letters (US$, UK£),
 * the currency's name agrees with the number before it, never «5 دولار أمريكي».
 */
import { describe, expect, it } from 'vitest';
import { aboutAmount, formatAmount, formatPlanMoney } from '../../src/lib/money.js';

const clean = (s: string) => s.replace(/[\u2068\u2069]/g, '');

describe('Arabic currency names agree with their number', () => {
  it.each([
    [500, 'USD', '5 دولارات'],
    [1000, 'USD', '10 دولارات'],
    [2500, 'USD', '25 دولارًا'],
    [10_000, 'USD', '100 دولار'],
    [25_000, 'USD', '250 دولارًا'],
    [1_500_000, 'USD', '15,000 دولار'],
    [10_300, 'USD', '103 دولارات'],
    [250, 'USD', '2.50 دولار'],
    [800, 'USD', '8 دولارات'],
    [500, 'GBP', '5 جنيهات إسترلينية'],
    [1500, 'CAD', '15 دولارًا كنديًا'],
    [700, 'TRY', '7 ليرات تركية'],
    [1_500_000, 'SAR', '15,000 ر.س.'],
  ])('%i minor %s -> %s', (minor, currency, shown) => {
    expect(clean(formatPlanMoney(minor, currency, 'ar'))).toBe(shown);
  });

  it('agrees with the figure shown, not the unrounded amount', () => {
    expect(clean(formatAmount(9944.37, 'USD', 'ar', 0))).toBe('9,944 دولارًا');
    expect(clean(formatAmount(4.6, 'USD', 'ar', 0))).toBe('5 دولارات');
  });

  it('English keeps the code first', () => {
    expect(formatPlanMoney(500, 'USD', 'en')).toBe('USD 5');
  });

  it('no reply writes «دولار أمريكي» or Latin letters for the dollar', () => {
    for (const amount of [1, 2, 5, 11, 99, 100, 250.5, 1_000_000]) {
      const shown = clean(formatAmount(amount, 'USD', 'ar', 2));
      expect(shown).not.toContain('أمريكي');
      expect(shown).not.toMatch(/[A-Za-z]/);
    }
  });
});

describe('an amount said with "about"', () => {
  it('keeps two significant figures in whole units', () => {
    expect(aboutAmount(46_162, 'USD')).toBe(46_000);
    expect(aboutAmount(10_503, 'USD')).toBe(11_000);
    expect(aboutAmount(740, 'USD')).toBe(700);
    expect(aboutAmount(2_304_000, 'USD')).toBe(2_300_000);
    expect(aboutAmount(1_234, 'KWD')).toBe(1_000);
    expect(formatPlanMoney(aboutAmount(46_162, 'USD'), 'USD', 'en')).toBe('USD 460');
  });
});
