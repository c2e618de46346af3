import { describe, expect, it } from 'vitest';
import { detectDelimiter, normalizeCsvText, readCsvRecords } from './records.ts';

describe('reading CSV records for imports', () => {
  it('keeps well-formed quoting, escaped quotes and multi-line fields, with the line each record starts on', () => {
    const text = normalizeCsvText('\uFEFFa,b,c\r\nA,"x ""quoted"" y",""\r\n\r\nB,"two\nlines",z\n');
    const read = readCsvRecords(text, detectDelimiter(text));
    expect(read.issues).toEqual([]);
    expect(read.records).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['A', 'x "quoted" y', ''] },
      { line: 4, fields: ['B', 'two\nlines', 'z'] },
    ]);
  });

  it('reports each badly quoted row on its own line and goes on with the others', () => {
    const read = readCsvRecords('a,b\nA,x"y\nB,"z"w\nC,ok\n', ',');
    expect(read.issues.map((issue) => issue.line)).toEqual([2, 3]);
    expect(read.issues[0]!.message).toMatch(/a quote in the middle of an unquoted field/);
    expect(read.issues[1]!.message).toMatch(/a closing quote must be followed by the separator/);
    expect(read.records.map((record) => record.fields[0])).toEqual(['a', 'C']);
  });

  it('reads semicolon files and stops at the record limit', () => {
    expect(detectDelimiter('a;b\n1;2')).toBe(';');
    expect(detectDelimiter('a,b;c\n')).toBe(',');
    expect(readCsvRecords('a\n1\n2\n3\n', ',', 3)).toMatchObject({ tooMany: true, records: [] });
    expect(readCsvRecords('a\n1\n2\n', ',', 3)).toMatchObject({ tooMany: false });
  });
});
