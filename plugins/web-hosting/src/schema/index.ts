import type { GeaBuilder } from '@gea/core';
import { addCmsVersionPolicyType } from './cms-version-policy.ts';
import { addHostedSiteType } from './hosted-site.ts';
import { addSiteAlertType } from './site-alerts.ts';
import { addSiteLinkType } from './site-link.ts';

/** One file per type; fields this plugin adds to other types go in ./extends/. */
export function addWebHostingSchema(builder: GeaBuilder) {
  addHostedSiteType(builder);
  addSiteLinkType(builder);
  addCmsVersionPolicyType(builder);
  addSiteAlertType(builder);
}
