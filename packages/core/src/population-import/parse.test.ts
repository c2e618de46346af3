import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeImportBytes } from '../entity-import/decode.ts';
import { encodeUtf8WithBom, encodeWindows1252, populationBalance2019File, populationBalanceFile } from '../entity-import/fixtures/published-files.ts';
import { checkPopulationFile } from './index.ts';

const rows = [
  { istatCode: '048033', name: 'Pontassieve', population: 20_512 },
  { istatCode: '048025', name: 'Londa', population: 1_799 },
  { istatCode: '100005', name: 'Prato', population: 198_326 },
];

describe('ISTAT demographic balance (P2), as published', () => {
  it('reads the year from the title and the "Popolazione al 31 dicembre - Totale" column, skipping title and header', () => {
    const checked = checkPopulationFile(populationBalanceFile(2025, rows));
    expect(checked.issues).toEqual([]);
    expect(checked.referenceDate).toBe('2025-12-31');
    expect(checked.column).toBe('Popolazione al 31 dicembre - Totale');
    expect(checked.rows).toEqual([
      { line: 3, istatCode: '048033', name: 'Pontassieve', population: 20_512 },
      { line: 4, istatCode: '048025', name: 'Londa', population: 1_799 },
      { line: 5, istatCode: '100005', name: 'Prato', population: 198_326 },
    ]);
  });

  it('lets --date name the year, and refuses a date that is not 31 December', () => {
    expect(checkPopulationFile(populationBalanceFile(2025, rows), { date: '2024-12-31' }).referenceDate).toBe('2024-12-31');
    expect(checkPopulationFile(populationBalanceFile(2025, rows), { date: '2025-01-01' }).issues).toEqual([
      { line: 1, column: null, message: '--date 2025-01-01: the resident population is counted at 31 December (YYYY-12-31)' },
    ]);
  });

  it('reads the 2019 edition ("da censimento", no title), asking for the year when the file does not say it', () => {
    const text = populationBalance2019File(rows);
    expect(checkPopulationFile(text).issues).toEqual([
      { line: 1, column: null, message: 'the title does not say which year the figures are of: give it with --date YYYY-12-31' },
    ]);
    const dated = checkPopulationFile(text, { date: '2019-12-31' });
    expect(dated.issues).toEqual([]);
    expect(dated.column).toBe('Popolazione al 31 dicembre da censimento - Totale');
    expect(dated.rows.map((r) => [r.line, r.istatCode, r.population])).toEqual([
      [2, '048033', 20_512],
      [3, '048025', 1_799],
      [4, '100005', 198_326],
    ]);
  });

  it('reports placeholders, bad codes, bad numbers and repeated municipalities by line and column', () => {
    const lines = populationBalanceFile(2025, [...rows, { istatCode: '048033', name: 'Pontassieve', population: 1 }]).split('\r\n');
    lines[2] = lines[2]!.replace(/;20512;""$/, ';N.D.;""');
    lines[3] = lines[3]!.replace('"048025"', '"48025"');
    lines[4] = lines[4]!.replace(/;198326;""$/, ';19x;""');
    const checked = checkPopulationFile(lines.join('\r\n'));
    expect(checked.issues).toEqual([
      { line: 3, column: 'Popolazione al 31 dicembre - Totale', message: '"Popolazione al 31 dicembre - Totale" holds the placeholder "N.D." instead of a value' },
      { line: 4, column: 'Codice comune', message: '"Codice comune" "48025" must be 6 digits' },
      { line: 5, column: 'Popolazione al 31 dicembre - Totale', message: '"Popolazione al 31 dicembre - Totale" "19x" must be a whole number' },
    ]);
    // the repeated Pontassieve (line 6) is reported only once the first one is valid
    const repeated = checkPopulationFile(populationBalanceFile(2025, [...rows, { istatCode: '048033', name: 'Pontassieve', population: 1 }]));
    expect(repeated.issues).toEqual([{ line: 6, column: 'Codice comune', message: 'municipality 048033 is also on line 3' }]);
  });

  it('refuses a file that is not a population file, saying why', () => {
    expect(checkPopulationFile('kind,name\nMUNICIPALITY,Londa\n').issues).toEqual([
      { line: 1, column: null, message: 'no header with a "Codice comune" column in the first 10 lines: not an ISTAT demographic balance file' },
    ]);
    expect(checkPopulationFile('').issues).toEqual([{ line: 1, column: null, message: 'the file is empty' }]);
  });

  it('reads the same figures whatever the encoding and the Italian digit grouping (property)', () => {
    const row = fc.record({
      code: fc.integer({ min: 1, max: 999_999 }).map((n) => String(n).padStart(6, '0')),
      name: fc.array(fc.constantFrom(...'abcdeèéìòù’ '.split('')), { minLength: 1, maxLength: 12 }).map((c) => `C${c.join('')}`.trim()),
      population: fc.integer({ min: 0, max: 9_999_999 }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(row, { selector: (r) => r.code, minLength: 1, maxLength: 15 }), (list) => {
        const figures = list.map((r) => ({ istatCode: r.code, name: r.name, population: r.population }));
        const text = populationBalanceFile(2024, figures);
        const grouped = text.replace(/;(\d+);""\r\n/g, (_m, n: string) => `;${Number(n).toLocaleString('it-IT', { useGrouping: 'always' } as Intl.NumberFormatOptions)};""\r\n`);
        const a = checkPopulationFile(decodeImportBytes(encodeWindows1252(text)).text);
        const b = checkPopulationFile(decodeImportBytes(encodeUtf8WithBom(grouped)).text);
        expect(a.issues).toEqual([]);
        expect(b.rows).toEqual(a.rows);
        expect(a.rows.map((r) => r.population)).toEqual(figures.map((f) => f.population));
      }),
      { numRuns: 50 },
    );
  });
});
