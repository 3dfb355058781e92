/**
 * Calendar days in replies are written as their reader writes dates, never as ISO (2026-11-30): the
 * report and digest headings, the calendar, goal scopes. Ranges write what both ends share once.
 */
import { describe, expect, it } from 'vitest';
import { settleFigures } from '../../src/lib/digits.js';
import { dayFigure, dayRange, dayText } from '../../src/lib/when.js';

describe('calendar days for a reader', () => {
  it('writes one day the way each language does', () => {
    expect(dayText('2026-11-30', 'en')).toBe('30 Nov 2026');
    expect(dayText('2026-11-30', 'ar')).toBe('30 نوفمبر 2026');
    expect(settleFigures(dayFigure('2026-11-30', 'ar'), 'arabic')).toBe('٣٠ نوفمبر ٢٠٢٦');
  });

  it('writes a range with the shared month and year once', () => {
    expect(dayRange('2026-11-01', '2026-11-30', 'en')).toBe('1 – 30 Nov 2026');
    expect(dayRange('2026-10-27', '2026-11-25', 'en')).toBe('27 Oct – 25 Nov 2026');
    expect(dayRange('2025-12-20', '2026-01-05', 'en')).toBe('20 Dec 2025 – 5 Jan 2026');
    expect(dayRange('2026-11-25', '2026-11-25', 'en')).toBe('25 Nov 2026');
    const ar = (from: string, to: string) => settleFigures(dayRange(from, to, 'ar'), 'arabic');
    expect(ar('2026-11-01', '2026-11-30')).toBe('من ١ إلى ٣٠ نوفمبر ٢٠٢٦');
    expect(ar('2026-10-27', '2026-11-25')).toBe('من ٢٧ أكتوبر إلى ٢٥ نوفمبر ٢٠٢٦');
    expect(ar('2025-12-20', '2026-01-05')).toBe('من ٢٠ ديسمبر ٢٠٢٥ إلى ٥ يناير ٢٠٢٦');
    expect(ar('2026-11-25', '2026-11-25')).toBe('٢٥ نوفمبر ٢٠٢٦');
    expect(settleFigures(dayRange('2026-11-01', '2026-11-30', 'ar'), 'latin')).toBe('من 1 إلى 30 نوفمبر 2026');
  });
});
