// What makes an asset's description acceptable, whether it is registered or edited.
import type { FieldIssue } from '@gea/core';

export interface AssetDates {
  purchaseDate?: Date | null;
  warrantyEnd?: Date | null;
}

/** A warranty cannot end before the asset was bought. */
export function warrantyIssue(dates: AssetDates): FieldIssue | null {
  return dates.warrantyEnd && dates.purchaseDate && dates.warrantyEnd < dates.purchaseDate
    ? { path: ['input', 'warrantyEnd'], message: 'cannot end before the purchase date', code: 'INVALID_DATE_RANGE' as const }
    : null;
}

/**
 * A site must be a site of the asset's own body: another body's site is refused like a missing one
 * (`site` null), so nobody learns which sites other bodies have.
 */
export function siteIssue(site: { entityId: string } | null, entityId: string): FieldIssue | null {
  return site?.entityId === entityId ? null : { path: ['input', 'siteId'], message: 'is not a site of this body' };
}
