import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { eurosOfCents, writeCsv } from './write.ts';

describe('writing CSV exports in a dialect', () => {
  const header = ['name', 'price_eur', 'note'];
  const rows = [
    ['Comune di Pelago', { cents: 123456 }, 'a; b, "c"'],
    ['Àrea', { cents: null }, '1.5'],
  ];

  it('STANDARD is comma-separated with decimal points and no byte-order mark, as csv-stringify writes it', () => {
    const text = writeCsv(header, rows, 'STANDARD');
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    expect(text).toBe(stringify([header, ['Comune di Pelago', '1234.56', 'a; b, "c"'], ['Àrea', '', '1.5']]));
    expect(text).toBe('name,price_eur,note\nComune di Pelago,1234.56,"a; b, ""c"""\nÀrea,,1.5\n');
  });

  it('ITALIAN_EXCEL has the byte-order mark, semicolons and a decimal comma only in amounts', () => {
    const text = writeCsv(header, rows, 'ITALIAN_EXCEL');
    expect(text).toBe('\uFEFFname;price_eur;note\nComune di Pelago;1234,56;"a; b, ""c"""\nÀrea;;1.5\n');
    expect(parse(text, { delimiter: ';', bom: true })).toEqual([header, ['Comune di Pelago', '1234,56', 'a; b, "c"'], ['Àrea', '', '1.5']]);
  });

  it('writes cents exactly, small and negative amounts too', () => {
    expect(eurosOfCents(5)).toBe('0.05');
    expect(eurosOfCents(-12345, ',')).toBe('-123,45');
    expect(eurosOfCents(900_719_925_474_099, ',')).toBe('9007199254740,99');
  });
});
