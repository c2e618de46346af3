import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EntityImportRow } from './issues.ts';
import { checkEntityCsv } from './validate.ts';

// Files are generated from rows, then read back: what is read must be exactly the rows, each with
// the line the generator put it on (quoted fields spanning lines, blank lines, CRLF, a BOM...).

const YEARS = [2019, 2020, 2021, 2022, 2023, 2024, 2025];
const kinds = ['UNION', 'PROVINCE', 'MUNICIPALITY', 'OTHER'] as const;

/** The check digit of a numeric codice fiscale, so generated tax codes are valid. */
function withCheckDigit(ten: string): string {
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const digit = Number(ten[i]);
    sum += i % 2 === 0 ? digit : digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
  }
  return `${ten}${(10 - (sum % 10)) % 10}`;
}

const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const digits = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });
/** Text with what trips CSV writers up: commas, semicolons, quotes, apostrophes, accents. */
const text = (maxLength: number, extra: string[] = []) =>
  fc
    .string({ unit: fc.constantFrom(...'abcXYZ àèéìòù', ',', ';', '"', "'", '-', '.', ...extra), minLength: 1, maxLength })
    .map((s) => s.trim())
    .filter((s) => s !== '');

interface Spec {
  kind: (typeof kinds)[number];
  name: string;
  hasIstat: boolean;
  hasCadastral: boolean;
  hasIpa: boolean;
  province: string | null;
  taxCode: string | null;
  pec: boolean;
  memberOf: string | null;
  populations: (number | null)[];
  notes: string;
  random: string;
}

const specArb = (populationColumns: number) =>
  fc.record({
    kind: fc.constantFrom(...kinds),
    name: text(30),
    hasIstat: fc.boolean(),
    hasCadastral: fc.boolean(),
    hasIpa: fc.boolean(),
    province: fc.option(fc.string({ unit: fc.constantFrom(...letters), minLength: 2, maxLength: 2 }), { nil: null }),
    taxCode: fc.option(digits(10).map(withCheckDigit), { nil: null }),
    pec: fc.boolean(),
    memberOf: fc.option(text(40), { nil: null }),
    populations: fc.array(fc.option(fc.integer({ min: 0, max: 10_000_000 }), { nil: null }), {
      minLength: populationColumns,
      maxLength: populationColumns,
    }),
    notes: fc.oneof(fc.constant(''), text(40, ['\n', '\r\n'])),
    random: digits(3),
  });

const OPTIONAL_COLUMNS = ['istat_code', 'cadastral_code', 'province', 'tax_code', 'ipa_code', 'pec', 'member_of', 'notes'];
const ALL_COLUMNS = ['kind', 'name', ...OPTIONAL_COLUMNS, ...YEARS.map((year) => `population_${year}_01_01`)];

const fileArb = fc
  .record({
    years: fc.uniqueArray(fc.constantFrom(...YEARS), { maxLength: 3 }),
    optional: fc.subarray(OPTIONAL_COLUMNS),
    /** A weight per possible column: the header lists the file's columns in weight order. */
    order: fc.array(fc.nat(), { minLength: ALL_COLUMNS.length, maxLength: ALL_COLUMNS.length }),
    upperHeader: fc.boolean(),
    delimiter: fc.constantFrom(',', ';'),
    eol: fc.constantFrom('\n', '\r\n'),
    bom: fc.boolean(),
    finalNewline: fc.boolean(),
  })
  .chain((shape) =>
    fc.record({
      shape: fc.constant(shape),
      // Names are unique so that rows without an ISTAT code never collide on kind and name.
      specs: fc.uniqueArray(specArb(shape.years.length), { minLength: 1, maxLength: 25, selector: (s) => s.name }),
      blankBefore: fc.array(fc.nat(2), { minLength: 25, maxLength: 25 }),
      quoteAll: fc.array(fc.boolean(), { minLength: 25, maxLength: 25 }),
    }),
  );

type Generated = typeof fileArb extends fc.Arbitrary<infer T> ? T : never;
/** Rewrites the fields of one row as written (already quoted); null when it does not apply to this file. */
type Corruption = (fields: string[], columns: string[]) => string[] | null;

/** Rows as the file states them (codes unique by construction: they embed the row's index). */
function rowsOf({ shape, specs }: Generated): Omit<EntityImportRow, 'line'>[] {
  const has = (column: string) => shape.optional.includes(column);
  return specs.map((spec, i) => ({
    kind: spec.kind,
    name: spec.name,
    istatCode: has('istat_code') && spec.hasIstat ? `${String(i).padStart(3, '0')}${spec.random}` : null,
    cadastralCode: has('cadastral_code') && spec.hasCadastral ? `${letters[i % 26]}${String(i).padStart(3, '0')}` : null,
    province: has('province') ? spec.province : null,
    taxCode: has('tax_code') ? spec.taxCode : null,
    ipaCode: has('ipa_code') && spec.hasIpa ? `c_${i}_${spec.random}` : null,
    pec: has('pec') && spec.pec ? `protocollo${i}@pec.comune.example.it` : null,
    memberOf: has('member_of') ? spec.memberOf : null,
    populations: shape.years
      .flatMap((year, y) => {
        const population = spec.populations[y];
        return population == null ? [] : [{ referenceDate: `${year - 1}-12-31`, population, column: `population_${year}_01_01` }];
      })
      .sort((a, b) => a.referenceDate.localeCompare(b.referenceDate)),
  }));
}

function quote(value: string, delimiter: string, always: boolean): string {
  const needs = value.includes(delimiter) || value.includes('"') || value.includes('\n') || value.includes('\r');
  return needs || always ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Writes the file, one row possibly corrupted; returns it with the line each row starts on. */
function writeFile(generated: Generated, rows: Omit<EntityImportRow, 'line'>[], corrupt?: { index: number; how: Corruption }) {
  const { shape, specs, blankBefore, quoteAll } = generated;
  const columns = ['kind', 'name', ...shape.optional, ...shape.years.map((year) => `population_${year}_01_01`)];
  const weight = (column: string) => shape.order[ALL_COLUMNS.indexOf(column)]!;
  columns.sort((a, b) => weight(a) - weight(b) || a.localeCompare(b));
  const cellsOf = (row: Omit<EntityImportRow, 'line'>, i: number): Record<string, string> => ({
    kind: row.kind,
    name: row.name,
    istat_code: row.istatCode ?? '',
    cadastral_code: row.cadastralCode ?? '',
    province: row.province ?? '',
    tax_code: row.taxCode ?? '',
    ipa_code: row.ipaCode ?? '',
    pec: row.pec ?? '',
    member_of: row.memberOf ?? '',
    notes: specs[i]!.notes,
    ...Object.fromEntries(shape.years.map((year, y) => [`population_${year}_01_01`, String(specs[i]!.populations[y] ?? '')])),
  });
  const { delimiter, eol } = shape;
  let textOut = `${shape.bom ? '\uFEFF' : ''}${columns.map((c) => (shape.upperHeader ? c.toUpperCase() : c)).join(delimiter)}`;
  let line = 1;
  const lines: number[] = [];
  let applies = true;
  rows.forEach((row, i) => {
    const cells = cellsOf(row, i);
    for (let b = 0; b < blankBefore[i]!; b++) {
      textOut += eol;
      line++;
    }
    let fields = columns.map((c) => quote(cells[c]!, delimiter, quoteAll[i]!));
    if (corrupt?.index === i) {
      const corrupted = corrupt.how(fields, columns);
      if (corrupted) fields = corrupted;
      else applies = false;
    }
    textOut += eol;
    line++;
    lines.push(line);
    const record = fields.join(delimiter);
    textOut += record;
    line += (record.match(/\r\n|\n|\r/g) ?? []).length;
  });
  return { text: shape.finalNewline ? `${textOut}${eol}` : textOut, lines, applies };
}

describe('reading a generated file back', () => {
  it('any valid file reads back as exactly its rows, each with its own line number', () => {
    fc.assert(
      fc.property(fileArb, (generated) => {
        const rows = rowsOf(generated);
        const file = writeFile(generated, rows);
        const checked = checkEntityCsv(file.text);
        expect(checked.issues).toEqual([]);
        expect(checked.rowCount).toBe(rows.length);
        expect(checked.rows).toEqual(rows.map((row, i) => ({ ...row, line: file.lines[i] })));
      }),
      { numRuns: 300 },
    );
    // 300 files take about 5 s on a loaded two-core machine.
  }, 30_000);

  const set = (column: string, value: string): Corruption => (fields, columns) => {
    const index = columns.indexOf(column);
    if (index === -1) return null;
    const copy = [...fields];
    copy[index] = value;
    return copy;
  };
  const corruptions: Record<string, Corruption> = {
    'unknown kind': set('kind', 'COMUNE'),
    'no name': set('name', ''),
    'istat code without its leading zero': set('istat_code', '48033'),
    'cadastral code of 3 characters': set('cadastral_code', 'G82'),
    'province spelled out': set('province', 'Firenze'),
    'wrong check digit': set('tax_code', '06096360488'),
    'pec without @': set('pec', 'protocollo.pec.it'),
    'population with a thousands separator': (fields, columns) => {
      const index = columns.findIndex((c) => c.startsWith('population_'));
      return index === -1 ? null : set(columns[index]!, '"20.436"')(fields, columns);
    },
    'negative population': (fields, columns) => {
      const index = columns.findIndex((c) => c.startsWith('population_'));
      return index === -1 ? null : set(columns[index]!, '-1')(fields, columns);
    },
    'one field too many': (fields) => [...fields, 'extra'],
    'one field too few': (fields) => fields.slice(1),
    'stray quote after a quoted field': (fields) => [`"${fields[0]!.replace(/^"|"$/g, '')}"x`, ...fields.slice(1)],
  };

  it('a single corrupted row is always reported, and only with its own line number', () => {
    fc.assert(
      fc.property(fileArb, fc.nat(), fc.constantFrom(...Object.keys(corruptions)), (generated, pick, name) => {
        const rows = rowsOf(generated);
        const target = pick % rows.length;
        const file = writeFile(generated, rows, { index: target, how: corruptions[name]! });
        fc.pre(file.applies);
        const checked = checkEntityCsv(file.text);
        expect(checked.issues.length).toBeGreaterThan(0);
        expect(checked.issues.map((issue) => issue.line)).toEqual(checked.issues.map(() => file.lines[target]));
        expect(checked.rows.map((row) => row.line)).toEqual(file.lines.filter((_, i) => i !== target));
      }),
      { numRuns: 300 },
    );
  }, 30_000);
});
