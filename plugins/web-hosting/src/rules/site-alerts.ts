// What needs attention on a hosted site today: its TLS certificate, its CMS version against the
// office's policy, and the site-wide links every municipal site must show. Pure: the GraphQL
// fields, the dashboard and the daily notifications compute the same alerts.
import type { CmsKind, HostedSiteStatus, SiteLinkKind } from '@gea/db';
import semver from 'semver';
import { requiredLinks } from '../model/menus.ts';

/** A certificate expiring within this many days is TLS_EXPIRING. */
export const TLS_WARNING_DAYS = 30;
const DAY = 86_400_000;

export type SiteAlertKind = 'TLS_EXPIRED' | 'TLS_EXPIRING' | 'CMS_UNSUPPORTED' | 'CMS_OUTDATED' | 'REQUIRED_LINK_MISSING';
export const siteAlertKinds: readonly SiteAlertKind[] = ['TLS_EXPIRED', 'TLS_EXPIRING', 'CMS_UNSUPPORTED', 'CMS_OUTDATED', 'REQUIRED_LINK_MISSING'];

export interface SiteAlert {
  kind: SiteAlertKind;
  /** In English, for API clients and logs; the web client words it from the other fields. */
  message: string;
  /** The day it concerns: the certificate's last valid day. */
  dueOn: Date | null;
  /** For REQUIRED_LINK_MISSING: the link that is missing. */
  linkKind: SiteLinkKind | null;
}

export interface SiteFacts {
  status: HostedSiteStatus;
  cms: CmsKind;
  cmsVersion: string | null;
  tlsExpiresOn: Date | null;
  /** The kinds of required link the site has a target for. */
  linkKinds: ReadonlySet<string>;
}

export interface CmsPolicy {
  minimumVersion: string;
  latestVersion: string | null;
}

/** A version as semver reads it, loosely ("6.4" is 6.4.0, "Drupal 10.2.3" is 10.2.3); null when it has no number. */
export const coerceVersion = (text: string | null | undefined): semver.SemVer | null => (text ? semver.coerce(text, { loose: true }) : null);

/** Sites switched off (or for good) raise nothing: nobody is served by them. */
export const alertsApply = (status: HostedSiteStatus) => status === 'ACTIVE' || status === 'MAINTENANCE';

const isoDay = (day: Date) => day.toISOString().slice(0, 10);

/** Whole days from `today` to `day` (both calendar days at UTC midnight). */
export const daysUntil = (today: Date, day: Date) => Math.round((day.getTime() - today.getTime()) / DAY);

/** The certificate alert, if any: expired once its last valid day has passed. */
export function tlsAlert(tlsExpiresOn: Date | null, today: Date): SiteAlert | null {
  if (!tlsExpiresOn) return null;
  const days = daysUntil(today, tlsExpiresOn);
  if (days < 0) return { kind: 'TLS_EXPIRED', message: `the TLS certificate expired on ${isoDay(tlsExpiresOn)}`, dueOn: tlsExpiresOn, linkKind: null };
  if (days <= TLS_WARNING_DAYS) {
    return { kind: 'TLS_EXPIRING', message: `the TLS certificate expires on ${isoDay(tlsExpiresOn)} (in ${days} days)`, dueOn: tlsExpiresOn, linkKind: null };
  }
  return null;
}

/** The CMS alert, if any: below the supported minimum, or else below the latest release. Unknown versions raise nothing. */
export function cmsAlert(cms: CmsKind, cmsVersion: string | null, policy: CmsPolicy | null | undefined): SiteAlert | null {
  const version = coerceVersion(cmsVersion);
  if (!policy || !version) return null;
  const minimum = coerceVersion(policy.minimumVersion);
  if (minimum && semver.lt(version, minimum)) {
    return { kind: 'CMS_UNSUPPORTED', message: `${cms} ${cmsVersion} is below the oldest supported version ${policy.minimumVersion}`, dueOn: null, linkKind: null };
  }
  const latest = coerceVersion(policy.latestVersion);
  if (latest && semver.lt(version, latest)) {
    return { kind: 'CMS_OUTDATED', message: `${cms} ${cmsVersion} is older than the latest version ${policy.latestVersion}`, dueOn: null, linkKind: null };
  }
  return null;
}

/** Every alert of a site on `today` (a calendar day, UTC midnight), most urgent kinds first, links in the model's order. */
export function siteAlerts(site: SiteFacts, policy: CmsPolicy | null | undefined, today: Date): SiteAlert[] {
  if (!alertsApply(site.status)) return [];
  const alerts: SiteAlert[] = [];
  const tls = tlsAlert(site.tlsExpiresOn, today);
  if (tls) alerts.push(tls);
  const cms = cmsAlert(site.cms, site.cmsVersion, policy);
  if (cms) alerts.push(cms);
  for (const link of requiredLinks) {
    if (!site.linkKinds.has(link.kind)) {
      alerts.push({ kind: 'REQUIRED_LINK_MISSING', message: `the site has no "${link.label.en}" link`, dueOn: null, linkKind: link.kind });
    }
  }
  return alerts;
}

export interface VersionProblem {
  field: 'minimumVersion' | 'latestVersion';
  message: string;
}

/** Problems of a CMS policy's versions: each must read as a version, the latest not below the minimum. */
export function policyProblems(minimumVersion: string, latestVersion: string | null): VersionProblem[] {
  const problems: VersionProblem[] = [];
  const minimum = coerceVersion(minimumVersion);
  if (!minimum) problems.push({ field: 'minimumVersion', message: `"${minimumVersion}" is not a version number (e.g. 6.4 or 10.2.3)` });
  if (latestVersion !== null) {
    const latest = coerceVersion(latestVersion);
    if (!latest) problems.push({ field: 'latestVersion', message: `"${latestVersion}" is not a version number (e.g. 6.4 or 10.2.3)` });
    else if (minimum && semver.lt(latest, minimum)) problems.push({ field: 'latestVersion', message: 'cannot be older than the oldest supported version' });
  }
  return problems;
}
