// How the asset list is written as CSV: the columns assetsCsv writes and importAssets reads back.
import { centsOf, isoDate, type CsvCell } from '@gea/core';
import type { Asset } from '@gea/db';

export const assetCsvColumns = [
  'body', 'body_istat_code', 'inventory_tag', 'kind', 'status', 'manufacturer', 'model', 'serial_number',
  'site', 'floor', 'assigned_to', 'supplier', 'purchase_date', 'price_eur', 'warranty_end',
] as const;

export type ExportedAsset = Asset & { entity: { name: string; istatCode: string | null }; site: { name: string } | null };

/** Integer cents as euros with two decimals, never through floating point. */
export const euros = (cents: number): string => `${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

/** One asset's cells, in the order of assetCsvColumns; empty cells for what is not known; the price as an amount (the dialect writes its decimals). */
export function assetCsvRow(asset: ExportedAsset): CsvCell[] {
  const date = (value: Date | null) => (value ? isoDate(value) : '');
  return [
    asset.entity.name,
    asset.entity.istatCode ?? '',
    asset.inventoryTag ?? '',
    asset.kind,
    asset.status,
    asset.manufacturer ?? '',
    asset.model ?? '',
    asset.serialNumber ?? '',
    asset.site?.name ?? '',
    asset.floor ?? '',
    asset.assignedTo ?? '',
    asset.supplier ?? '',
    date(asset.purchaseDate),
    { cents: asset.priceCents === null ? null : centsOf(asset.priceCents) },
    date(asset.warrantyEnd),
  ];
}
