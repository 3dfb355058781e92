/**
 * One digit style per workspace, and isolates only where the layout needs them (issue 21): figures
 * the formatters mark are shown in the workspace's digits; a plain figure loses its isolates, a range,
 * a signed change or a Latin name keeps them; English replies and files carry none.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatNumber, iso } from '../../src/core/i18n.js';
import { fields, forLocale, reply, text } from '../../src/core/reply.js';
import { arabicDigits, imageFigure, settleFigures } from '../../src/lib/digits.js';
import { formatChange, formatMoney, formatMultiple, formatPercent } from '../../src/lib/format.js';
import { formatPlanMoney as planMoney } from '../../src/lib/money.js';
import { count } from '../../src/lib/plural.js';

const FSI = '\u2068';
const PDI = '\u2069';

describe('digits', () => {
  it('writes a figure in Arabic-Indic digits with the Arabic separators and percent sign', () => {
    expect(arabicDigits('15,000.5')).toBe('١٥٬٠٠٠٫٥');
    expect(arabicDigits('41.2%')).toBe('٤١٫٢٪');
    expect(arabicDigits('2026-10-01 09:00')).toBe('٢٠٢٦-١٠-٠١ ٠٩:٠٠');
  });

  it('a plain figure loses its isolates; one the bidi algorithm would reorder keeps them', () => {
    expect(settleFigures(`الإنفاق ${iso('15,000')} هذا الشهر`, 'latin')).toBe('الإنفاق 15,000 هذا الشهر');
    expect(settleFigures(`${iso('41.2%')} و${iso('2026-10-01')}`, 'latin')).toBe('41.2% و2026-10-01');
    // A leading sign, a ".." range and a Latin name would move in right-to-left text.
    expect(settleFigures(`${iso('−3.0%')}`, 'latin')).toBe(`${FSI}−3.0%${PDI}`);
    expect(settleFigures(`${iso('2026-10-01..2026-10-31')}`, 'latin')).toBe(`${FSI}2026-10-01..2026-10-31${PDI}`);
    expect(settleFigures(`${iso('Asia/Riyadh')}`, 'latin')).toBe(`${FSI}Asia/Riyadh${PDI}`);
  });

  it('in the Arabic style every marked figure takes Arabic-Indic digits, and names keep theirs', () => {
    const line = `${count(7, 'day', 'ar')}، ${formatPercent(0.412, 'ar')}، ${formatMoney(1500000, 'SAR', 'ar')}، ${iso('Promo 2026')}`;
    expect(settleFigures(line, 'arabic')).toBe(`٧ أيام، ٤١٫٢٪، ١٥٬٠٠٠ ر.س.، ${FSI}Promo 2026${PDI}`);
    expect(settleFigures(line, 'latin')).toBe(`7 أيام، 41.2%، 15,000 ر.س.، ${FSI}Promo 2026${PDI}`);
    // Nested marks settle innermost first: the time inside a Latin zone name still changes.
    expect(settleFigures(iso(`${iso('09:00')} (Asia/Riyadh)`), 'arabic')).toBe(`${FSI}٠٩:٠٠ (Asia/Riyadh)${PDI}`);
  });

  it('a catalog figure written in Arabic-Indic digits follows a Latin-digit workspace', () => {
    expect(settleFigures(`أكثر من ${iso('١٠٪')}`, 'latin')).toBe('أكثر من 10%');
  });

  it('forLocale applies the style to every text of an Arabic reply, and English replies carry no isolates', () => {
    const r = reply(`آخر ${count(3, 'change', 'ar')}`, [
      fields([{ label: 'الإنفاق', value: formatMoney(25000, 'USD', 'ar') }]),
      text(`${formatChange(-0.03, 'ar')} و${formatMultiple(3.7, 'ar')}`),
      { kind: 'file', filename: 'report.csv', mime: 'text/csv', content: 'spend\n250.00' },
    ]);
    const shown = forLocale(r, 'ar', 'arabic');
    expect(shown.title).toBe('آخر ٣ تغييرات');
    expect(shown.blocks[0]).toEqual({ kind: 'fields', fields: [{ label: 'الإنفاق', value: '٢٥٠٫٠٠ دولار' }] });
    expect(shown.blocks[1]).toEqual({ kind: 'text', text: `${FSI}−٣٪${PDI} و${FSI}٣٫٧٠×${PDI}` });
    expect(shown.blocks[2]).toEqual(r.blocks[2]);
    const english = forLocale(reply(undefined, [text(`${formatNumber(1500, 'en')} ${iso('x')}`)]), 'en', 'arabic');
    expect(english.blocks[0]).toEqual({ kind: 'text', text: '1,500 x' });
  });

  it('currency follows the locale: code first in English, the Arabic sign after the number in Arabic', () => {
    expect(planMoney(1500000, 'SAR', 'en')).toBe('SAR 15,000');
    expect(settleFigures(planMoney(1500000, 'SAR', 'ar'), 'latin')).toBe('15,000 ر.س.');
    expect(settleFigures(planMoney(82080, 'EUR', 'ar'), 'latin')).toBe('820.80 €');
    expect(formatMoney(1500000, 'SAR', 'en')).toBe('SAR 15,000');
  });

  it('a chart axis label takes the workspace digits and carries no isolates', () => {
    expect(imageFigure(formatMoney(150000, 'SAR', 'ar', true), true, 'arabic')).toBe('١٬٥٠٠ ر.س.');
    expect(imageFigure('11-26', true, 'arabic')).toBe('١١-٢٦');
    expect(imageFigure(formatMoney(150000, 'SAR', 'ar', true), true, 'latin')).toBe('1,500 ر.س.');
    expect(imageFigure(formatMoney(150000, 'SAR', 'en', true), false, 'arabic')).toBe('SAR 1,500');
  });
});

describe('no Arabic text fixes its digits', () => {
  // Where Eastern digits are the point: the digit tables, what people may type, the /config choice.
  const ABOUT_DIGITS = new Set([
    'src/lib/digits.ts',
    'src/lib/text.ts',
    'src/lib/arabic-values.ts',
    'src/publishing/drafts/copy-text.ts',
    'src/reporting/metrics.ts',
    'src/adapters/console/console.ts',
    'commands/config.ts',
    'commands/shared/planning.ts',
  ]);
  function sources(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
      const file = path.join(dir, name);
      if (statSync(file).isDirectory()) return sources(file);
      return file.endsWith('.ts') ? [file] : [];
    });
  }

  it('catalogs and data write figures with Western digits, marked, so the workspace style applies', () => {
    const fixed: string[] = [];
    for (const file of ['src', 'commands', 'integrations'].flatMap(sources)) {
      if (ABOUT_DIGITS.has(file)) continue;
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (/[\u0660-\u0669]/.test(line) && !/^\s*(\*|\/\/)/.test(line)) fixed.push(`${file}:${i + 1}`);
        });
    }
    // «من ١٠ إلى ٥٠ موظفًا» stayed Eastern in a Latin-digit workspace, beside 41.2% (issue 21).
    expect(fixed).toEqual([]);
  });
});

describe('an Arabic amount at the end of a sentence', () => {
  it('keeps one dot: «8,750 ر.س.» then the next sentence, never «ر.س..»', () => {
    const shown = settleFigures('مقابل هدف \u20688,750 ر.س.\u2069. ركّز الجهد القادم هناك.', 'latin');
    expect(shown.replace(/[\u2068\u2069]/g, '')).toBe('مقابل هدف 8,750 ر.س. ركّز الجهد القادم هناك.');
    expect(settleFigures('الميزانية \u2068500 ر.س.\u2069.', 'arabic').replace(/[\u2068\u2069]/g, '')).toBe(
      'الميزانية ٥٠٠ ر.س.',
    );
  });
});
