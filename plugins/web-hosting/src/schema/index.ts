import type { GeaBuilder } from '@gea/core';
import { addContentStub } from './content-stub.ts';
import { addHostedSiteType } from './hosted-site.ts';

/** One file per type; fields this plugin adds to other types go in ./extends/. */
export function addWebHostingSchema(builder: GeaBuilder) {
  addHostedSiteType(builder);
  addContentStub(builder); // TEMPORARY: helper 6's stub of helper 2's API, deleted at merge
}
