// Enums several web-hosting files use: defined once per builder.
import { perBuilder } from '@gea/core';
import { CmsKind, ContentStatus, ContentType, HostedSiteStatus, RevisionKind, ServiceProposalStatus, SiteLinkKind, VoteChoice } from '@gea/db';

export const hostedSiteStatusEnum = perBuilder((builder) => builder.enumType(HostedSiteStatus, { name: 'HostedSiteStatus' }));
export const cmsKindEnum = perBuilder((builder) =>
  builder.enumType(CmsKind, { name: 'CmsKind', description: 'The software a site runs on; GEA: its pages are written in GEA and served by the public API.' }),
);
export const siteLinkKindEnum = perBuilder((builder) =>
  builder.enumType(SiteLinkKind, { name: 'SiteLinkKind', description: 'The site-wide pages and links every municipal site must show.' }),
);
export const contentTypeEnum = perBuilder((builder) =>
  builder.enumType(ContentType, { name: 'ContentType', description: 'The content types of the Designers Italia model for municipal sites, and plain pages.' }),
);
export const contentStatusEnum = perBuilder((builder) => builder.enumType(ContentStatus, { name: 'ContentStatus' }));
export const revisionKindEnum = perBuilder((builder) => builder.enumType(RevisionKind, { name: 'RevisionKind' }));
export const serviceProposalStatusEnum = perBuilder((builder) => builder.enumType(ServiceProposalStatus, { name: 'ServiceProposalStatus' }));
export const voteChoiceEnum = perBuilder((builder) => builder.enumType(VoteChoice, { name: 'VoteChoice' }));
export const siteAlertKindEnum = perBuilder((builder) =>
  builder.enumType('SiteAlertKind', {
    description: 'What needs attention on a hosted site.',
    values: {
      TLS_EXPIRED: { description: 'The TLS certificate of the primary domain has expired.' },
      TLS_EXPIRING: { description: 'The TLS certificate expires within 30 days.' },
      CMS_UNSUPPORTED: { description: 'The CMS version is below the oldest the office supports.' },
      CMS_OUTDATED: { description: 'The CMS version is below the latest released.' },
      REQUIRED_LINK_MISSING: { description: 'A required site-wide link (linkKind) points nowhere.' },
    } as const,
  }),
);
