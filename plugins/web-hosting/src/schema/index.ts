import type { GeaBuilder } from '@gea/core';
import { addHostedSiteType } from './hosted-site.ts';

/** One file per type; fields this plugin adds to other types go in ./extends/. */
export function addWebHostingSchema(builder: GeaBuilder) {
  addHostedSiteType(builder);
}
