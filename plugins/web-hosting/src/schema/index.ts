import type { GeaBuilder } from '@gea/core';
import { addHostedSiteType } from './hosted-site.ts';
import { addOnlineServiceType } from './online-service.ts';
import { addServiceProposalType } from './service-proposal.ts';

/** One file per type; fields this plugin adds to other types go in ./extends/. */
export function addWebHostingSchema(builder: GeaBuilder) {
  addHostedSiteType(builder);
  addOnlineServiceType(builder);
  addServiceProposalType(builder);
}
