import { describe, expect, it } from 'vitest';
import { requiredLinks } from '../model/menus.ts';
import { cmsAlert, policyProblems, siteAlerts, tlsAlert } from './site-alerts.ts';

const TODAY = new Date('2027-03-01T00:00:00.000Z');
const day = (n: number) => new Date(TODAY.getTime() + n * 86_400_000);
const allLinks = new Set(requiredLinks.map((link) => link.kind));

describe('site alerts', () => {
  it('certificate: expiring within 30 days (today counts), expired the day after its last valid day', () => {
    expect(tlsAlert(day(31), TODAY)).toBeNull();
    expect(tlsAlert(day(30), TODAY)).toMatchObject({ kind: 'TLS_EXPIRING', dueOn: day(30) });
    expect(tlsAlert(day(0), TODAY)).toMatchObject({ kind: 'TLS_EXPIRING' });
    expect(tlsAlert(day(-1), TODAY)).toMatchObject({ kind: 'TLS_EXPIRED', message: 'the TLS certificate expired on 2027-02-28' });
    expect(tlsAlert(null, TODAY)).toBeNull();
  });

  it('CMS: below the minimum is unsupported, below the latest outdated; loose versions are read; unknown ones raise nothing', () => {
    const policy = { minimumVersion: '6.4', latestVersion: '6.7.1' };
    expect(cmsAlert('WORDPRESS', '6.3.2', policy)?.kind).toBe('CMS_UNSUPPORTED');
    expect(cmsAlert('WORDPRESS', '6.4', policy)?.kind).toBe('CMS_OUTDATED');
    expect(cmsAlert('WORDPRESS', 'v6.7.1', policy)).toBeNull();
    expect(cmsAlert('WORDPRESS', '6.10', policy)).toBeNull();
    expect(cmsAlert('WORDPRESS', 'ignota', policy)).toBeNull();
    expect(cmsAlert('WORDPRESS', '6.0', null)).toBeNull();
    expect(cmsAlert('DRUPAL', '9.5', { minimumVersion: '10', latestVersion: null })?.kind).toBe('CMS_UNSUPPORTED');
  });

  it('lists each missing required link in the model\'s order; switched-off sites raise nothing', () => {
    const site = { status: 'ACTIVE' as const, cms: 'GEA' as const, cmsVersion: null, tlsExpiresOn: day(-3), linkKinds: new Set(['PRIVACY', 'FAQ']) };
    const alerts = siteAlerts(site, null, TODAY);
    expect(alerts.map((alert) => alert.linkKind ?? alert.kind)).toEqual(['TLS_EXPIRED', 'ACCESSIBILITY_DECLARATION', 'LEGAL_NOTES', 'BOOKING', 'REPORT_PROBLEM']);
    expect(siteAlerts({ ...site, linkKinds: allLinks }, null, TODAY).map((alert) => alert.kind)).toEqual(['TLS_EXPIRED']);
    expect(siteAlerts({ ...site, status: 'SUSPENDED' }, null, TODAY)).toEqual([]);
    expect(siteAlerts({ ...site, status: 'DECOMMISSIONED' }, null, TODAY)).toEqual([]);
  });

  it('checks a policy\'s versions', () => {
    expect(policyProblems('6.4', '6.7')).toEqual([]);
    expect(policyProblems('nuova', null)).toMatchObject([{ field: 'minimumVersion' }]);
    expect(policyProblems('6.4', '6.3')).toMatchObject([{ field: 'latestVersion', message: /older than the oldest/ }]);
  });
});
