// Renewal planning (art. 2: plan replacements before equipment fails), as plain functions over the
// assets a body has: which are past their age or warranty, which printers a shared one could replace.
import { addDays, centsOf } from '@gea/core';
import type { AssetKind, Asset } from '@gea/db';

/** Equipment still in use: what renewal planning is about. */
export const IN_USE = ['IN_SERVICE', 'UNDER_REPAIR'] as const;

export interface RenewalCriteria {
  at: Date;
  maxAgeYears: number;
  /** Per kind, overriding maxAgeYears (servers last longer than laptops). */
  ages: ReadonlyMap<AssetKind, number>;
  warrantyWithinDays: number;
}

export interface PrinterReplacement {
  printer: Asset;
  multifunctionPrinter: Asset;
}

export interface RenewalPlan {
  entityId: string;
  criteria: RenewalCriteria;
  pastAge: Asset[];
  warrantyEnding: Asset[];
  replaceablePrinters: PrinterReplacement[];
}

/** The same calendar day some years earlier. */
export const yearsBefore = (date: Date, years: number): Date => {
  const shifted = new Date(date);
  shifted.setUTCFullYear(shifted.getUTCFullYear() - years);
  return shifted;
};

/** Bought on or before this day, an asset of this kind is past its age. */
export const ageLimit = (criteria: RenewalCriteria, kind: AssetKind): Date => yearsBefore(criteria.at, criteria.ages.get(kind) ?? criteria.maxAgeYears);

/** A warranty ending on or before this day is due. */
export const warrantyLimit = (criteria: RenewalCriteria): Date => addDays(criteria.at, criteria.warrantyWithinDays);

/** Equal for equal criteria: plans under the same criteria are computed together. */
export const criteriaKey = (criteria: RenewalCriteria): string =>
  JSON.stringify([criteria.at.toISOString(), criteria.maxAgeYears, [...criteria.ages].sort(), criteria.warrantyWithinDays]);

// Same site, same floor as people write it: a shared printer there can serve a personal one.
const placeKey = (asset: Asset) => `${asset.siteId}|${(asset.floor ?? '').trim().toLowerCase()}`;

/**
 * A body's plan from its candidates (in use and past an age or warranty limit, oldest first) and
 * its printers and multifunction printers in service with a site. Other bodies' rows are ignored.
 */
export function renewalPlan(entityId: string, criteria: RenewalCriteria, candidates: readonly Asset[], printing: readonly Asset[]): RenewalPlan {
  const mine = candidates.filter((asset) => asset.entityId === entityId);
  const multifunction = new Map<string, Asset>();
  for (const asset of printing) {
    if (asset.entityId === entityId && asset.kind === 'MULTIFUNCTION_PRINTER' && !multifunction.has(placeKey(asset))) {
      multifunction.set(placeKey(asset), asset);
    }
  }
  const warrantyDue = warrantyLimit(criteria);
  return {
    entityId,
    criteria,
    pastAge: mine.filter((asset) => asset.purchaseDate && asset.purchaseDate <= ageLimit(criteria, asset.kind)),
    warrantyEnding: mine.filter((asset) => asset.warrantyEnd && asset.warrantyEnd <= warrantyDue),
    replaceablePrinters: printing
      .filter((asset) => asset.entityId === entityId && asset.kind === 'PRINTER' && multifunction.has(placeKey(asset)))
      .map((printer) => ({ printer, multifunctionPrinter: multifunction.get(placeKey(printer))! })),
  };
}

const assetsToRenew = (plan: RenewalPlan) => new Map([...plan.pastAge, ...plan.warrantyEnding].map((asset) => [asset.id, asset]));

/** Distinct assets past their age or warranty. */
export const assetsToRenewCount = (plan: RenewalPlan): number => assetsToRenew(plan).size;

/** What those assets cost when bought, in euro cents: a first estimate of the renewal budget. */
export const replacementValueCents = (plan: RenewalPlan): number =>
  [...assetsToRenew(plan).values()].reduce((sum, asset) => sum + centsOf(asset.priceCents ?? 0), 0);

/** Whether there is anything to plan. */
export const hasWork = (plan: RenewalPlan): boolean => plan.pastAge.length + plan.warrantyEnding.length + plan.replaceablePrinters.length > 0;
