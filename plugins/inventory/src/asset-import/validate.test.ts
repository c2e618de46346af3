import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportedColumns } from './parse.ts';
import { checkAssetCsv, isCalendarDate, parseEuroCents } from './validate.ts';

const HEADER = exportedColumns.join(',');
const csv = (...lines: string[]) => `${lines.join('\n')}\n`;
const issuesOf = (text: string) => checkAssetCsv(text).issues;

describe('prices', () => {
  it('reads euros with a point, a comma or no decimals as integer cents', () => {
    expect(parseEuroCents('1234.50')).toEqual({ cents: 123450 });
    expect(parseEuroCents('1234,50')).toEqual({ cents: 123450 });
    expect(parseEuroCents('1234,5')).toEqual({ cents: 123450 });
    expect(parseEuroCents('1234')).toEqual({ cents: 123400 });
    expect(parseEuroCents('0.07')).toEqual({ cents: 7 });
    expect(parseEuroCents('0019.99')).toEqual({ cents: 1999 });
    expect(parseEuroCents('10000000.00')).toEqual({ cents: 1_000_000_000 });
  });

  it('gives exactly the cents written, where floating point would not (0.29 * 100 = 28.999...)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000 }), fc.constantFrom('.', ','), (cents, separator) => {
        const text = `${Math.trunc(cents / 100)}${separator}${String(cents % 100).padStart(2, '0')}`;
        expect(parseEuroCents(text)).toEqual({ cents });
      }),
    );
  });

  it('refuses negatives, more than 2 decimals, thousands separators and anything else', () => {
    expect(parseEuroCents('-5')).toEqual({ problem: 'price_eur "-5" must not be negative' });
    expect(parseEuroCents('12.345')).toEqual({ problem: 'price_eur "12.345" has more than 2 decimals (write no thousands separator: 1234.50)' });
    expect(parseEuroCents('1.234,50')).toEqual({
      problem: 'price_eur "1.234,50" must have at most one decimal separator and no thousands separator, like 1234.50 or 1234,50',
    });
    expect(parseEuroCents('1,234.50')).toMatchObject({ problem: expect.stringContaining('no thousands separator') });
    for (const text of ['€ 10', '10 EUR', '1e3', '.50', '12.', ' ', '+5', '0x10']) {
      expect(parseEuroCents(text)).toEqual({ problem: `price_eur "${text}" must be an amount in euros like 1234.50, 1234,50 or 1234` });
    }
    expect(parseEuroCents('10000000.01')).toEqual({ problem: 'price_eur "10000000.01" is more than 10,000,000 euros' });
    expect(parseEuroCents('123456789012345678901')).toMatchObject({ problem: expect.stringContaining('more than 10,000,000 euros') });
  });
});

describe('dates', () => {
  it('accepts real calendar days written YYYY-MM-DD only', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2000-02-29')).toBe(true);
    expect(isCalendarDate('2023-12-31')).toBe(true);
    for (const text of ['2023-02-29', '1900-02-29', '2024-04-31', '2024-13-01', '2024-00-10', '2024-01-00', '2024-1-5', '05/01/2024', '2024-01-01T00:00']) {
      expect(isCalendarDate(text)).toBe(false);
    }
  });
});

describe('rows', () => {
  it('reads every column, with empty cells as null', () => {
    const checked = checkAssetCsv(
      csv(
        `${HEADER},floor`,
        ' Comune A ,PC-1,laptop,spare,Lenovo,T14,SN1,Municipio,Anagrafe,Rossi srl,2023-02-01,"950,5",2026-02-01,piano 1',
        'Comune A,PC-2,,,,,,,,,,,,',
      ),
    );
    expect(checked.issues).toEqual([]);
    expect(checked.rows).toEqual([
      {
        line: 2,
        body: { by: 'name', name: 'Comune A' },
        inventoryTag: 'PC-1',
        kind: 'LAPTOP',
        status: 'SPARE',
        manufacturer: 'Lenovo',
        model: 'T14',
        serialNumber: 'SN1',
        site: 'Municipio',
        floor: 'piano 1',
        assignedTo: 'Anagrafe',
        supplier: 'Rossi srl',
        purchaseDate: '2023-02-01',
        priceCents: 95050,
        warrantyEnd: '2026-02-01',
      },
      expect.objectContaining({ line: 3, inventoryTag: 'PC-2', kind: null, status: null, priceCents: null, purchaseDate: null }),
    ]);
  });

  it('takes the body by ISTAT code when the row gives one', () => {
    const checked = checkAssetCsv(csv('body,body_istat_code,inventory_tag', 'Londa,048025,X-1', 'Vernio,,X-1'));
    expect(checked.rows.map((r) => r.body)).toEqual([
      { by: 'istatCode', istatCode: '048025' },
      { by: 'name', name: 'Vernio' },
    ]);
  });

  it('explains each wrong value with its line and column', () => {
    const text = csv(
      HEADER,
      'Comune A,PC-1,TOWER,BROKEN,,,,,,,2024-02-30,"1.234,50",2020-01-01',
      ',PC-2,LAPTOP,,,,,,,,2024-05-01,-3,2024-04-30',
      'Comune A,,LAPTOP,,,,,,,,,,',
      `Comune A,${'T'.repeat(51)},LAPTOP,,,,,,,,,,`,
      'Comune A,PC-5,LAPTOP,,,,,,,,2024-05-01,,2024-05-01',
    );
    expect(issuesOf(text)).toEqual([
      { line: 2, column: 'kind', message: 'kind "TOWER" must be one of DESKTOP_PC, LAPTOP, SERVER, PRINTER, MULTIFUNCTION_PRINTER, NETWORK_DEVICE, PHONE_OR_TABLET, OTHER' },
      { line: 2, column: 'status', message: 'status "BROKEN" must be one of ORDERED, IN_SERVICE, UNDER_REPAIR, SPARE, RETIRED, DISPOSED' },
      { line: 2, column: 'purchase_date', message: 'purchase_date "2024-02-30" must be a date written YYYY-MM-DD' },
      { line: 2, column: 'price_eur', message: expect.stringContaining('no thousands separator') },
      { line: 3, column: 'body', message: 'body is required (the name of the body, or its body_istat_code)' },
      { line: 3, column: 'price_eur', message: 'price_eur "-3" must not be negative' },
      { line: 3, column: 'warranty_end', message: 'warranty_end 2024-04-30 is before purchase_date 2024-05-01' },
      { line: 4, column: 'inventory_tag', message: 'inventory_tag is required: it tells the assets of a body apart' },
      { line: 5, column: 'inventory_tag', message: 'inventory_tag must be at most 50 characters' },
    ]);
    expect(checkAssetCsv(text).rows.map((r) => r.line)).toEqual([6]);
  });

  it('refuses a body_istat_code that is not 6 digits', () => {
    expect(issuesOf(csv('body_istat_code,inventory_tag', '48025,X-1'))).toEqual([
      { line: 2, column: 'body_istat_code', message: 'body_istat_code "48025" must be 6 digits' },
    ]);
  });

  it('reports a tag repeated for the same body, naming the line it first appears on', () => {
    const text = csv('body,inventory_tag,kind', 'Comune A,PC-1,LAPTOP', 'Comune B,PC-1,LAPTOP', ' comune a ,PC-1,SERVER', 'Comune A,pc-1,LAPTOP');
    expect(issuesOf(text)).toEqual([
      { line: 4, column: 'inventory_tag', message: 'inventory_tag "PC-1" of body "comune a" is also on line 2' },
    ]);
  });
});
