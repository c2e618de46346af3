import type { Asset } from '@gea/db';
import { describe, expect, it } from 'vitest';
import { assetsToRenewCount, criteriaKey, hasWork, renewalPlan, replacementValueCents, yearsBefore, type RenewalCriteria } from './renewal.ts';

let next = 0;
const asset = (fields: Partial<Asset>): Asset => ({
  id: `asset-${++next}`,
  entityId: 'body-a',
  kind: 'DESKTOP_PC',
  status: 'IN_SERVICE',
  version: 1,
  bodyName: null,
  searchText: null,
  siteName: null,
  manufacturer: null,
  model: null,
  serialNumber: null,
  inventoryTag: null,
  purchaseDate: null,
  priceCents: null,
  siteId: null,
  floor: null,
  assignedTo: null,
  supplier: null,
  warrantyEnd: null,
  createdAt: new Date(),
  updatedAt: new Date(),
  ...fields,
});

const criteria: RenewalCriteria = { at: new Date('2025-06-10'), maxAgeYears: 5, ages: new Map([['SERVER', 8]]), warrantyWithinDays: 30 };

describe('renewal plan', () => {
  it('counts years on the calendar, including 29 February', () => {
    expect(yearsBefore(new Date('2025-06-10'), 5)).toEqual(new Date('2020-06-10'));
    expect(yearsBefore(new Date('2024-02-29'), 1)).toEqual(new Date('2023-03-01'));
  });

  it('lists equipment past its age (per kind) or its warranty (within the days asked), each asset priced once', () => {
    const old = asset({ purchaseDate: new Date('2020-06-10'), priceCents: 80_000n, warrantyEnd: new Date('2025-07-01') });
    const young = asset({ purchaseDate: new Date('2020-06-11'), priceCents: 50_000n });
    const server = asset({ kind: 'SERVER', purchaseDate: new Date('2018-01-01'), priceCents: 900_000n });
    const oldServer = asset({ kind: 'SERVER', purchaseDate: new Date('2017-06-10'), priceCents: 700_000n });
    const warrantyLater = asset({ warrantyEnd: new Date('2025-07-11') });
    const otherBody = asset({ entityId: 'body-b', purchaseDate: new Date('2010-01-01') });
    const plan = renewalPlan('body-a', criteria, [old, young, server, oldServer, warrantyLater, otherBody], []);
    expect(plan.pastAge).toEqual([old, oldServer]);
    expect(plan.warrantyEnding).toEqual([old]);
    expect(assetsToRenewCount(plan)).toBe(2);
    expect(replacementValueCents(plan)).toBe(780_000);
    expect(hasWork(plan)).toBe(true);
  });

  it('pairs a personal printer with a multifunction printer on the same site and floor (floor names compared loosely)', () => {
    const mfp = asset({ kind: 'MULTIFUNCTION_PRINTER', siteId: 'town-hall', floor: 'Piano 1' });
    const sameFloor = asset({ kind: 'PRINTER', siteId: 'town-hall', floor: ' piano 1 ' });
    const otherFloor = asset({ kind: 'PRINTER', siteId: 'town-hall', floor: 'Piano 2' });
    const otherBody = asset({ kind: 'PRINTER', entityId: 'body-b', siteId: 'town-hall', floor: 'Piano 1' });
    const plan = renewalPlan('body-a', criteria, [], [mfp, sameFloor, otherFloor, otherBody]);
    expect(plan.replaceablePrinters).toEqual([{ printer: sameFloor, multifunctionPrinter: mfp }]);
    expect(assetsToRenewCount(plan)).toBe(0);
    expect(hasWork(renewalPlan('body-a', criteria, [], [otherFloor]))).toBe(false);
  });

  it('gives equal criteria the same key, whatever the order of the ages', () => {
    const a = { ...criteria, ages: new Map([['SERVER', 8], ['LAPTOP', 4]] as const) };
    const b = { ...criteria, ages: new Map([['LAPTOP', 4], ['SERVER', 8]] as const) };
    expect(criteriaKey(a)).toBe(criteriaKey(b));
    expect(criteriaKey({ ...a, warrantyWithinDays: 0 })).not.toBe(criteriaKey(a));
  });
});
