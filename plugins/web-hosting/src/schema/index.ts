import type { GeaBuilder } from '@gea/core';
import { addHostedSiteType } from './hosted-site.ts';
import { addPageFeedback } from './page-feedback.ts';
import { addPreviewLink } from './preview-link.ts';

/** One file per type; fields this plugin adds to other types go in ./extends/. */
export function addWebHostingSchema(builder: GeaBuilder) {
  addHostedSiteType(builder);
  addPreviewLink(builder);
  addPageFeedback(builder);
}
