import { describe, expect, it } from 'vitest';
import { installationIssue, licenceIssue, removalIssue, type LicenceForInstallation } from './software-installation.ts';

const today = new Date('2025-06-10');
const licence: LicenceForInstallation = {
  productId: 'office',
  validFrom: new Date('2025-01-01'),
  validUntil: new Date('2025-12-31'),
  seats: 2,
  seatsUsed: 1,
  servesBody: true,
};

describe('installing software', () => {
  it('refuses the future and equipment out of use', () => {
    expect(installationIssue({ status: 'IN_SERVICE' }, today, today)).toBeNull();
    expect(installationIssue({ status: 'SPARE' }, today, today)).toBeNull();
    expect(installationIssue({ status: 'IN_SERVICE' }, new Date('2025-06-11'), today)).toEqual({ field: 'installedOn', message: 'cannot be in the future' });
    expect(installationIssue({ status: 'DISPOSED' }, today, today)).toEqual({
      field: 'assetId',
      message: 'the asset is disposed: nothing can be installed on it',
    });
  });

  it('takes a free seat of a licence of the body and product, valid that day', () => {
    expect(licenceIssue(licence, 'office', today)).toBeNull();
    expect(licenceIssue({ ...licence, seats: null, seatsUsed: 500 }, 'office', today)).toBeNull();
    expect(licenceIssue(null, 'office', today)).toEqual({ field: 'licenceId', message: 'is not a licence of this body' });
    expect(licenceIssue({ ...licence, servesBody: false }, 'office', today)).toEqual({ field: 'licenceId', message: 'is not a licence of this body' });
    expect(licenceIssue(licence, 'cad', today)).toEqual({ field: 'licenceId', message: 'is a licence of another product' });
    expect(licenceIssue(licence, 'office', new Date('2024-12-31'))).toEqual({ field: 'installedOn', message: 'the licence is valid from 2025-01-01' });
    expect(licenceIssue(licence, 'office', new Date('2026-01-01'))).toEqual({ field: 'installedOn', message: 'the licence ended on 2025-12-31' });
    expect(licenceIssue({ ...licence, seatsUsed: 2 }, 'office', today)).toEqual({ conflict: 'all 2 seats of the licence are in use' });
  });
});

describe('removing software', () => {
  const installation = { installedOn: new Date('2025-03-01'), removedOn: null };
  it('happens once, between the installation and today', () => {
    expect(removalIssue(installation, new Date('2025-03-01'), today)).toBeNull();
    expect(removalIssue({ ...installation, removedOn: new Date('2025-04-01') }, today, today)).toBe('already removed on 2025-04-01');
    expect(removalIssue(installation, new Date('2025-06-11'), today)).toBe('cannot be in the future');
    expect(removalIssue(installation, new Date('2025-02-28'), today)).toBe('cannot be before the installation, 2025-03-01');
  });
});
