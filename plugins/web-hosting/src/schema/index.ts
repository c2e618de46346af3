import type { GeaBuilder } from '@gea/core';
import { addContentAttachmentType } from './content-attachment.ts';
import { addContentItemType } from './content-item.ts';
import { addContentRevisionType } from './content-revision.ts';
import { addHostedSiteContents } from './extends/hosted-site-contents.ts';
import { addHostedSiteType } from './hosted-site.ts';
import { addOnlineServiceType } from './online-service.ts';
import { addServiceProposalType } from './service-proposal.ts';
import { addRevisionDiffQuery } from './revision-diff.ts';
import { addPageFeedback } from './page-feedback.ts';
import { addPreviewLink } from './preview-link.ts';
import { addCmsVersionPolicyType } from './cms-version-policy.ts';
import { addSiteAlertType } from './site-alerts.ts';
import { addSiteLinkPageField, addSiteLinkType } from './site-link.ts';

/** One file per type; fields this plugin adds to other types go in ./extends/. */
export function addWebHostingSchema(builder: GeaBuilder) {
  addHostedSiteType(builder);
  addOnlineServiceType(builder);
  addServiceProposalType(builder);
  addContentRevisionType(builder);
  addContentItemType(builder);
  addContentAttachmentType(builder);
  addHostedSiteContents(builder);
  addRevisionDiffQuery(builder);
  addPreviewLink(builder);
  addPageFeedback(builder);
  addSiteLinkType(builder);
  addCmsVersionPolicyType(builder);
  addSiteAlertType(builder);
  addSiteLinkPageField(builder);
}
