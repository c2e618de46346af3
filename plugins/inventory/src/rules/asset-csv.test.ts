import { describe, expect, it } from 'vitest';
import { exportedColumns } from '../asset-import/parse.ts';
import { assetCsvColumns, assetCsvRow, euros, type ExportedAsset } from './asset-csv.ts';

describe('asset CSV export', () => {
  it('writes cents as euros exactly', () => {
    expect(euros(0)).toBe('0.00');
    expect(euros(5)).toBe('0.05');
    expect(euros(65_010)).toBe('650.10');
    // 1,000,000,000 cents: the largest price an asset may have
    expect(euros(1_000_000_000)).toBe('10000000.00');
  });

  it('writes every column the import reads back', () => {
    expect(assetCsvColumns).toEqual(expect.arrayContaining([...exportedColumns]));
  });

  it('writes one cell per column, empty for what is unknown', () => {
    const asset: ExportedAsset = {
      id: 'a',
      entityId: 'e',
      kind: 'LAPTOP',
      status: 'IN_SERVICE',
      version: 1,
      bodyName: null,
      searchText: null,
      siteName: null,
      manufacturer: 'Lenovo',
      model: null,
      serialNumber: null,
      inventoryTag: 'PC-1',
      purchaseDate: new Date('2024-03-05'),
      priceCents: 79_999n,
      siteId: null,
      floor: null,
      assignedTo: null,
      supplier: null,
      warrantyEnd: null,
      createdAt: new Date(),
      updatedAt: new Date(),
      entity: { name: 'Comune di Pelago', istatCode: '048032' },
      site: null,
    };
    const row = assetCsvRow(asset);
    expect(row).toHaveLength(assetCsvColumns.length);
    expect(Object.fromEntries(assetCsvColumns.map((column, i) => [column, row[i]]))).toMatchObject({
      body: 'Comune di Pelago',
      body_istat_code: '048032',
      inventory_tag: 'PC-1',
      kind: 'LAPTOP',
      model: '',
      site: '',
      purchase_date: '2024-03-05',
      price_eur: { cents: 79_999 },
      warranty_end: '',
    });
  });
});
