import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, csvField, parseCsv, toCsv } from '../../src/lib/csv.js';

describe('parseCsv', () => {
  it('splits plain records and numbers their lines', () => {
    expect(parseCsv('a,b\n1,2\n3,4\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
      { line: 3, fields: ['3', '4'] },
    ]);
  });

  it('reads quoted commas, doubled quotes and line breaks inside quotes', () => {
    const rows = parseCsv('name,note\r\n"Acme, Inc","say ""hi"""\r\n"two\r\nlines",x\r\nlast,y');
    expect(rows.map((r) => r.fields)).toEqual([
      ['name', 'note'],
      ['Acme, Inc', 'say "hi"'],
      ['two\r\nlines', 'x'],
      ['last', 'y'],
    ]);
    // The record after a two-line field starts on line 5.
    expect(rows[3]?.line).toBe(5);
  });

  it('skips blank lines and a byte-order mark, keeps empty fields', () => {
    const rows = parseCsv('\ufeffa,b\n\n1,\n,\n');
    expect(rows).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 3, fields: ['1', ''] },
      { line: 4, fields: ['', ''] },
    ]);
  });

  it('reports an unclosed quote and text after a closing quote by line', () => {
    expect(() => parseCsv('a\n"open\nstill')).toThrow(CsvSyntaxError);
    try {
      parseCsv('a,b\n1,2\n"x"y,3');
    } catch (err) {
      expect((err as CsvSyntaxError).line).toBe(3);
      return;
    }
    throw new Error('expected a syntax error');
  });

  it('writes what it reads back unchanged and defuses spreadsheet formulas', () => {
    const csv = toCsv(
      ['a', 'b'],
      [
        ['x, y', 'say "hi"'],
        ['=SUM(A1)', '-12.5'],
      ],
    );
    expect(csv).toBe('a,b\r\n"x, y","say ""hi"""\r\n\'=SUM(A1),-12.5\r\n');
    expect(parseCsv(csv).map((r) => r.fields)[1]).toEqual(['x, y', 'say "hi"']);
  });

  it('defuses every cell that starts like a formula and is not a plain number', () => {
    const attacks = [
      '-1+HYPERLINK("http://evil.example","click")',
      "-2+3+cmd|' /C calc'!A0",
      '+1+1',
      '@SUM(1)',
      '\t=1',
      '\r=1',
      '=1',
      '-',
    ];
    for (const a of attacks) expect(csvField(a).replace(/^"/, '')).toMatch(/^'/);
    for (const n of ['-12.5', '+27.3%', '-16.2%', '-1,234.5', '-.5', '42'])
      expect(csvField(n).replace(/"/g, '')).toBe(n);
  });

  it('reads a NUL out of a cell (PostgreSQL text cannot hold one)', () => {
    expect(parseCsv('a,b\nx\u0000y,2\n').map((r) => r.fields)).toEqual([
      ['a', 'b'],
      ['xy', '2'],
    ]);
  });
});
