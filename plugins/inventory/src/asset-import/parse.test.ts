import { describe, expect, it } from 'vitest';
import { assetColumns, exportedColumns, MAX_CSV_CHARACTERS, MAX_ROWS, parseAssetCsv } from './parse.ts';

const HEADER = exportedColumns.join(',');
const csv = (...lines: string[]) => `${lines.join('\n')}\n`;
const issuesOf = (text: string) => parseAssetCsv(text).issues;

describe('header', () => {
  it('accepts the export header, floor and body_istat_code, in any order and any case', () => {
    const parsed = parseAssetCsv(csv([...assetColumns].reverse().map((c) => c.toUpperCase()).join(','), ',,,,,,,,,,,,,X-1,Comune A'));
    expect(parsed.issues).toEqual([]);
    expect(parsed.columns.get('body')).toBe(assetColumns.length - 1);
    expect(parsed.columns.get('body_istat_code')).toBe(0);
    expect(parsed.records).toEqual([{ line: 2, fields: expect.any(Array) }]);
  });

  it('names unknown columns on line 1, and still reads the rows', () => {
    const parsed = parseAssetCsv(csv('body,inventory_tag,colour,notes', 'Comune A,X-1,red,'));
    expect(parsed.issues).toEqual([
      { line: 1, column: null, message: expect.stringMatching(/^unknown columns "colour", "notes" \(known: body, inventory_tag, kind, /) },
    ]);
    expect(parsed.records).toHaveLength(1);
  });

  it('needs inventory_tag, and the body by name or ISTAT code', () => {
    expect(issuesOf(csv('kind,site', 'LAPTOP,Municipio'))).toEqual([
      { line: 1, column: 'inventory_tag', message: 'required column "inventory_tag" is missing' },
      { line: 1, column: 'body', message: 'a column "body" (the body\'s name) or "body_istat_code" is required' },
    ]);
    expect(issuesOf(csv('body_istat_code,inventory_tag', '048025,X-1'))).toEqual([]);
  });

  it('refuses a repeated column and an unnamed one', () => {
    expect(issuesOf(csv('body,inventory_tag,Body', 'A,1,A'))).toEqual([
      { line: 1, column: 'body', message: 'column "body" appears twice (columns 1 and 3)' },
    ]);
    expect(issuesOf(csv('body,inventory_tag,', 'A,1,'))).toEqual([{ line: 1, column: null, message: 'column 3 has no name' }]);
  });

  it('refuses an empty file and a file with only a header', () => {
    expect(issuesOf('')).toEqual([{ line: 1, column: null, message: 'the file is empty' }]);
    expect(issuesOf('\uFEFF\r\n  \r\n')).toEqual([{ line: 1, column: null, message: 'the file is empty' }]);
    expect(issuesOf(`${HEADER}\n,,,,,,,,,,,,\n\n`)).toEqual([{ line: 1, column: null, message: 'the file has a header but no data rows' }]);
  });
});

describe('lines', () => {
  it('tolerates a BOM, CRLF and blank lines, and counts the lines of multi-line quoted fields', () => {
    const text = `\uFEFF${HEADER}\r\nComune A,X-1,LAPTOP,,,,,,"Ufficio\r\nanagrafe",,,,\r\n\r\n,,,,,,,,,,,,\r\nComune A,X-2,LAPTOP,,,,,,,,,,\r\n`;
    const parsed = parseAssetCsv(text);
    expect(parsed.issues).toEqual([]);
    expect(parsed.records.map((r) => r.line)).toEqual([2, 6]);
    expect(parsed.records[0]!.fields[8]).toBe('Ufficio\nanagrafe');
    expect(parsed.recordCount).toBe(2);
  });

  it('reads files saved with semicolons', () => {
    const parsed = parseAssetCsv(csv('body;inventory_tag;price_eur', 'Comune A;X-1;1234,50'));
    expect(parsed.issues).toEqual([]);
    expect(parsed.records[0]!.fields).toEqual(['Comune A', 'X-1', '1234,50']);
  });

  it('reports each malformed row on its line and keeps reading the others', () => {
    const parsed = parseAssetCsv(csv('body,inventory_tag', 'A,"X-1"x', 'A,X-2', 'A,X"3', 'A,X-4,extra'));
    expect(parsed.issues).toEqual([
      { line: 2, column: null, message: expect.stringMatching(/^malformed CSV: a closing quote must be followed by the separator/) },
      { line: 4, column: null, message: expect.stringMatching(/^malformed CSV: a quote in the middle of an unquoted field/) },
      { line: 5, column: null, message: 'expected 2 fields as in the header, found 3' },
    ]);
    expect(parsed.records.map((r) => r.line)).toEqual([3]);
  });

  it('names the line inside a multi-line record where its quoting goes wrong', () => {
    expect(issuesOf(csv('body,inventory_tag,assigned_to', 'A,X-1,"Ufficio', 'anagrafe"x', 'A,X-2,""'))).toEqual([
      { line: 2, column: null, message: expect.stringMatching(/^malformed CSV: a closing quote must be followed by the separator.* \(at line 3\)$/) },
    ]);
  });

  it('reports an unclosed quote on the line where it starts', () => {
    expect(issuesOf(csv('body,inventory_tag', 'A,X-1', '', 'A,"X-2', 'A,X-3'))).toEqual([
      { line: 4, column: null, message: expect.stringMatching(/^malformed CSV: a quoted field starts on this line and is never closed/) },
    ]);
  });
});

describe('limits', () => {
  it('refuses a file over 10,000,000 characters before reading it', () => {
    const text = `body,inventory_tag\n${'x'.repeat(MAX_CSV_CHARACTERS)}`;
    expect(issuesOf(text)).toEqual([{ line: 1, column: null, message: expect.stringMatching(/^the file has 10,000,019 characters: at most 10,000,000/) }]);
  });

  it('refuses more than 200,000 data rows, and takes exactly 200,000', () => {
    const rows = (n: number) => `body,inventory_tag\n${Array.from({ length: n }, (_, i) => `A,${i}`).join('\n')}\n`;
    const atLimit = parseAssetCsv(rows(MAX_ROWS));
    expect(atLimit.issues).toEqual([]);
    expect(atLimit.recordCount).toBe(MAX_ROWS);
    expect(issuesOf(rows(MAX_ROWS + 1))).toEqual([
      { line: 1, column: null, message: 'the file has more than 200,000 rows: split it into smaller files' },
    ]);
  }, 30_000); // 1 to 2 s alone; much longer beside the rest of the suite
});
