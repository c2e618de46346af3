// What the CMS adds to a hosted site: its pages, drafts included, for the editors of its body.
import type { GeaBuilder } from '@gea/core';
import { z } from 'zod';
import { contentScopes } from '../../scopes.ts';
import { contentStatusEnum, contentTypeEnum } from '../enums.ts';
import { containsText } from '@gea/core';

export function addHostedSiteContents(builder: GeaBuilder) {
  const ContentType = contentTypeEnum(builder);
  const ContentStatus = contentStatusEnum(builder);
  builder.prismaObjectFields('HostedSite', (t) => ({
    contents: t.relation('contents', {
      description: 'The pages of the site (the client builds the page tree from `parent`), by title; drafts included, for its body\'s editors.',
      authScopes: (site) => contentScopes.readOn(site.entityId),
      args: {
        type: t.arg({ type: ContentType, required: false }),
        status: t.arg({ type: ContentStatus, required: false }),
        search: t.arg.string({ required: false, validate: z.string().trim().max(100), description: 'Part of the title or of the address.' }),
      },
      query: (args) => ({
        where: {
          ...(args.type ? { type: args.type } : {}),
          ...(args.status ? { status: args.status } : {}),
          ...(args.search?.trim()
            ? { OR: [{ title: containsText(args.search.trim()) }, { slug: containsText(args.search.trim().toLowerCase(), { caseSensitive: true }) }] }
            : {}),
        },
        orderBy: [{ title: 'asc' as const }, { id: 'asc' as const }],
      }),
    }),
  }));

}
