import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '@gea/db';
import { describe, expect, it } from 'vitest';
import { parseEntityCsv, populationReferenceDate } from './parse.ts';
import { checkEntityCsv, isValidNumericTaxCode } from './validate.ts';

const HEADER = 'kind,name,istat_code,cadastral_code,province,population_2021_01_01,member_of,notes';
const csv = (...lines: string[]) => `${lines.join('\n')}\n`;
const issuesOf = (text: string) => checkEntityCsv(text).issues.map(({ line, column, message }) => ({ line, column, message }));

describe('the project reference file (data/entities.csv)', () => {
  const checked = checkEntityCsv(readFileSync(path.join(repoRoot, 'data/entities.csv'), 'utf8'));

  it('is valid: 16 bodies, each with the line it is on', () => {
    expect(checked.issues).toEqual([]);
    expect(checked.rowCount).toBe(16);
    expect(checked.rows.map((row) => row.line)).toEqual(Array.from({ length: 16 }, (_, i) => i + 2));
  });

  it('reads codes with leading zeros, the union membership and the population at 31 December 2020', () => {
    expect(checked.rows[1]).toEqual({
      line: 3,
      kind: 'MUNICIPALITY',
      name: 'Pontassieve',
      istatCode: '048033',
      cadastralCode: 'G825',
      province: 'FI',
      taxCode: null,
      ipaCode: null,
      pec: null,
      memberOf: 'Unione di Comuni Valdarno e Valdisieve',
      populations: [{ referenceDate: '2020-12-31', population: 20436, column: 'population_2021_01_01' }],
    });
    expect(checked.rows[0]).toMatchObject({ kind: 'UNION', istatCode: null, populations: [], memberOf: null });
    expect(checked.rows.find((row) => row.name === "Rignano sull'Arno")?.istatCode).toBe('048036');
  });
});

describe('header', () => {
  it('is case-insensitive and accepts tax_code, ipa_code, pec and several population columns', () => {
    const checked = checkEntityCsv(
      csv(
        'Kind,NAME,Istat_Code,TAX_CODE,ipa_code,PEC,Population_2021_01_01,population_2024_01_01',
        'UNION,Unione di Comuni Valdarno e Valdisieve,,06096360489,ucvv,protocollo@pec.uc-valdarnoevaldisieve.fi.it,,61000',
        'MUNICIPALITY,Londa,048025,,c_e668,,1841,1800',
      ),
    );
    expect(checked.issues).toEqual([]);
    expect(checked.rows[0]).toMatchObject({
      taxCode: '06096360489',
      ipaCode: 'ucvv',
      pec: 'protocollo@pec.uc-valdarnoevaldisieve.fi.it',
      populations: [{ referenceDate: '2023-12-31', population: 61000, column: 'population_2024_01_01' }],
    });
    expect(checked.rows[1]!.populations.map((p) => [p.referenceDate, p.population])).toEqual([
      ['2020-12-31', 1841],
      ['2023-12-31', 1800],
    ]);
  });

  it('names unknown columns, and still checks the rows', () => {
    expect(issuesOf(csv('kind,name,istat,comune', 'MUNICIPALITY,Londa,x,y', 'TOWN,Vernio,,'))).toEqual([
      { line: 1, column: null, message: expect.stringMatching(/^unknown columns "istat", "comune" \(known: kind, name, /) },
      { line: 3, column: 'kind', message: 'kind "TOWN" must be one of UNION, PROVINCE, MUNICIPALITY, OTHER' },
    ]);
  });

  it('takes a population column as the population on 1 January, kept at 31 December of the year before', () => {
    expect(populationReferenceDate('population_2021_01_01')).toBe('2020-12-31');
    expect(populationReferenceDate('population_2000_01_01')).toBe('1999-12-31');
    expect(populationReferenceDate('population_2021_12_31')).toBeNull();
    expect(issuesOf(csv('kind,name,population_2021_06_30', 'MUNICIPALITY,Londa,1841'))).toEqual([
      { line: 1, column: 'population_2021_06_30', message: expect.stringContaining('population_YYYY_01_01') },
    ]);
  });

  it('refuses a missing required column, a repeated one and an unnamed one, without checking rows', () => {
    expect(issuesOf(csv('kind,istat_code', 'MUNICIPALITY,048025'))).toEqual([
      { line: 1, column: 'name', message: 'required column "name" is missing' },
    ]);
    expect(issuesOf(csv('kind,name,Name', 'MUNICIPALITY,Londa,Londa'))).toEqual([
      { line: 1, column: 'name', message: 'column "name" appears twice (columns 2 and 3)' },
    ]);
    expect(issuesOf(csv('kind,name,', 'MUNICIPALITY,Londa,'))).toEqual([{ line: 1, column: null, message: 'column 3 has no name' }]);
  });

  it('refuses an empty file and a file with only a header', () => {
    expect(issuesOf('')).toEqual([{ line: 1, column: null, message: 'the file is empty' }]);
    expect(issuesOf('\n  \n')).toEqual([{ line: 1, column: null, message: 'the file is empty' }]);
    expect(issuesOf(`${HEADER}\n`)).toEqual([{ line: 1, column: null, message: 'the file has a header but no data rows' }]);
    expect(issuesOf(`${HEADER}\n,,,,,,,\n\n`)).toEqual([{ line: 1, column: null, message: 'the file has a header but no data rows' }]);
  });
});

describe('line numbers and malformed CSV', () => {
  it('counts lines of quoted fields that span several lines, CRLF line breaks, blank lines and a BOM', () => {
    const text = `\uFEFF${HEADER}\r\nUNION,U,,,FI,,,"seat: Rufina;\r\nsecond line\r\nthird"\r\n\r\nMUNICIPALITY,Londa,48025,,FI,,,\r\n`;
    expect(issuesOf(text)).toEqual([{ line: 6, column: 'istat_code', message: 'istat_code "48025" must be 6 digits' }]);
  });

  it('reports an unclosed quote on the line where the quoted field starts', () => {
    const text = csv(HEADER, 'MUNICIPALITY,Londa,048025,E668,FI,1841,,', '', 'MUNICIPALITY,"Vernio,100007,,PO,6067,,', 'MUNICIPALITY,Vaiano,100006,,PO,9966,,');
    expect(issuesOf(text)).toEqual([{ line: 4, column: null, message: expect.stringMatching(/^malformed CSV: a quoted field starts on this line and is never closed/) }]);
  });

  it('reports every line with a stray quote and keeps checking the lines after it', () => {
    const text = csv(
      HEADER,
      'MUNICIPALITY,"Londa"x,048025,E668,FI,1841,,',
      'MUNICIPALITY,Vernio,100007,,PO,-1,,',
      'MUNICIPALITY,Va"iano,100006,,PO,9966,,',
      'MUNICIPALITY,Prato,100005,G999,PO,193568,,',
    );
    expect(issuesOf(text)).toEqual([
      { line: 2, column: null, message: expect.stringMatching(/^malformed CSV: a closing quote must be followed by the separator/) },
      { line: 3, column: 'population_2021_01_01', message: 'population_2021_01_01 "-1" must be a non-negative integer (digits only)' },
      { line: 4, column: null, message: expect.stringMatching(/^malformed CSV: a quote in the middle of an unquoted field/) },
    ]);
  });

  it('reports a row with a wrong number of fields', () => {
    expect(issuesOf(csv(HEADER, 'MUNICIPALITY,Londa,048025,E668,FI,1841,,', 'MUNICIPALITY,Vernio,100007,PO,6067,,'))).toEqual([
      { line: 3, column: null, message: 'expected 8 fields as in the header, found 7' },
    ]);
    expect(parseEntityCsv(csv(HEADER, 'MUNICIPALITY,Vernio,100007,,PO,6067,,,x')).issues).toEqual([
      { line: 2, column: null, message: 'expected 8 fields as in the header, found 9' },
    ]);
  });

  it('reads files saved with semicolons (spreadsheets set to Italian)', () => {
    const checked = checkEntityCsv(csv(HEADER.replaceAll(',', ';'), 'MUNICIPALITY;Londa;048025;E668;FI;1841;;"a, b; c"'));
    expect(checked.issues).toEqual([]);
    expect(checked.rows[0]).toMatchObject({ name: 'Londa', istatCode: '048025', populations: [{ population: 1841 }] });
  });
});

describe('values', () => {
  it('explains each wrong value with its line and column', () => {
    const text = csv(
      HEADER,
      'MUNICIPALITY,Pontassieve,048033,G825,FI,20436,,',
      ',,48033,G82,Firenze,20.436,,',
      'municipality,Reggello,04803X,h222,fi,-5,,',
    );
    expect(issuesOf(text)).toEqual([
      { line: 3, column: 'kind', message: 'kind is required' },
      { line: 3, column: 'name', message: 'name is required' },
      { line: 3, column: 'istat_code', message: 'istat_code "48033" must be 6 digits' },
      { line: 3, column: 'cadastral_code', message: 'cadastral_code "G82" must be one letter and 3 digits' },
      { line: 3, column: 'province', message: 'province "Firenze" must be 2 letters' },
      { line: 3, column: 'population_2021_01_01', message: 'population_2021_01_01 "20.436" must be a non-negative integer (digits only)' },
      { line: 4, column: 'istat_code', message: 'istat_code "04803X" must be 6 digits' },
      { line: 4, column: 'population_2021_01_01', message: 'population_2021_01_01 "-5" must be a non-negative integer (digits only)' },
    ]);
  });

  it('normalises case of kind, cadastral code and province', () => {
    const [row] = checkEntityCsv(csv(HEADER, 'municipality,Reggello,048035,h222,fi,16593,,')).rows;
    expect(row).toMatchObject({ kind: 'MUNICIPALITY', cadastralCode: 'H222', province: 'FI' });
  });

  it('reports a code repeated in the file on the later line, naming the first', () => {
    const text = csv(
      'kind,name,istat_code,cadastral_code,ipa_code',
      'MUNICIPALITY,Pelago,048032,G420,c_g420',
      'MUNICIPALITY,Rufina,048037,H635,c_h635',
      'MUNICIPALITY,Pelago bis,048032,G420,c_g420',
      'UNION,Unione,,,',
      'UNION,Unione,,,',
    );
    expect(issuesOf(text)).toEqual([
      { line: 4, column: 'istat_code', message: 'istat_code "048032" is also on line 2' },
      { line: 4, column: 'cadastral_code', message: 'cadastral_code "G420" is also on line 2' },
      { line: 4, column: 'ipa_code', message: 'ipa_code "c_g420" is also on line 2' },
      { line: 6, column: 'name', message: expect.stringMatching(/^UNION "Unione" without istat_code is also on line 5/) },
    ]);
  });

  it('checks the check digit of a numeric codice fiscale, and PEC addresses', () => {
    expect(isValidNumericTaxCode('06096360489')).toBe(true); // Unione di Comuni Valdarno e Valdisieve
    expect(isValidNumericTaxCode('06096360488')).toBe(false);
    expect(issuesOf(csv('kind,name,tax_code,pec', 'UNION,U,06096360488,protocollo.pec.it', 'UNION,V,0609636048,'))).toEqual([
      { line: 2, column: 'tax_code', message: 'tax_code "06096360488" has a wrong check digit' },
      { line: 2, column: 'pec', message: 'pec "protocollo.pec.it" is not an e-mail address' },
      { line: 3, column: 'tax_code', message: expect.stringMatching(/^tax_code "0609636048" must be 11 digits/) },
    ]);
  });

  it('refuses a population above ten million', () => {
    expect(issuesOf(csv('kind,name,population_2021_01_01', 'MUNICIPALITY,X,10000001'))).toEqual([
      { line: 2, column: 'population_2021_01_01', message: 'population_2021_01_01 10000001 is more than 10,000,000' },
    ]);
  });

  it('reports progress row by row', () => {
    const seen: [string, number, number][] = [];
    checkEntityCsv(csv(HEADER, 'UNION,U,,,FI,,,', 'UNION,V,,,FI,,,'), (phase, done, total) => seen.push([phase, done, total]));
    expect(seen).toEqual([
      ['validate', 1, 2],
      ['validate', 2, 2],
    ]);
  });
});
