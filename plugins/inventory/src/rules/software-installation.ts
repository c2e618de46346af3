// When a product may be installed on an asset under a licence, and when it may be removed.
import type { AssetStatus, Prisma } from '@gea/db';
import { isoDate } from '@gea/core';

/** Installations that hold a seat: not removed. */
export const holdingSeat = { removedOn: null } satisfies Prisma.SoftwareInstallationWhereInput;

/** A refusal: bad input on one field, or a conflict with what is recorded. */
export type InstallationRefusal = { field: string; message: string } | { conflict: string };

export interface LicenceForInstallation {
  productId: string;
  validFrom: Date | null;
  validUntil: Date | null;
  seats: number | null;
  /** Installations holding a seat now. */
  seatsUsed: number;
  /** Whether it serves the asset's body. */
  servesBody: boolean;
}

/** Nothing is installed in the future or on equipment that is out of use. */
export function installationIssue(asset: { status: AssetStatus }, installedOn: Date, today: Date): InstallationRefusal | null {
  if (installedOn > today) return { field: 'installedOn', message: 'cannot be in the future' };
  if (asset.status === 'RETIRED' || asset.status === 'DISPOSED') {
    return { field: 'assetId', message: `the asset is ${asset.status.toLowerCase()}: nothing can be installed on it` };
  }
  return null;
}

/**
 * The licence must serve the asset's body (another body's licence is refused like a missing one),
 * be of the product, be valid on the day and have a free seat.
 */
export function licenceIssue(licence: LicenceForInstallation | null, productId: string, installedOn: Date): InstallationRefusal | null {
  if (!licence || !licence.servesBody) return { field: 'licenceId', message: 'is not a licence of this body' };
  if (licence.productId !== productId) return { field: 'licenceId', message: 'is a licence of another product' };
  if (licence.validFrom && installedOn < licence.validFrom) {
    return { field: 'installedOn', message: `the licence is valid from ${isoDate(licence.validFrom)}` };
  }
  if (licence.validUntil && installedOn > licence.validUntil) {
    return { field: 'installedOn', message: `the licence ended on ${isoDate(licence.validUntil)}` };
  }
  if (licence.seats !== null && licence.seatsUsed >= licence.seats) return { conflict: `all ${licence.seats} seats of the licence are in use` };
  return null;
}

/** A removal happens once, not in the future, not before the installation. */
export function removalIssue(installation: { installedOn: Date; removedOn: Date | null }, removedOn: Date, today: Date): string | null {
  if (installation.removedOn) return `already removed on ${isoDate(installation.removedOn)}`;
  if (removedOn > today) return 'cannot be in the future';
  if (removedOn < installation.installedOn) return `cannot be before the installation, ${isoDate(installation.installedOn)}`;
  return null;
}
