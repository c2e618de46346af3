// The oldest version of each CMS the office still supports and the newest released: sites below
// them raise CMS_UNSUPPORTED or CMS_OUTDATED. One policy per CMS, for the whole association.
import { defineLoader, InputError, type GeaBuilder } from '@gea/core';
import type { CmsKind, CmsVersionPolicy } from '@gea/db';
import { z } from 'zod';
import { policyProblems } from '../rules/site-alerts.ts';
import { siteScopes } from '../scopes.ts';
import { cmsKindEnum } from './enums.ts';

/** Every policy, read once per request (a handful of rows). */
export const cmsPolicies = defineLoader<'all', Map<CmsKind, CmsVersionPolicy>>('web-hosting.cmsPolicies', async (keys, context) => {
  const rows = await context.prisma.cmsVersionPolicy.findMany();
  const byCms = new Map(rows.map((row) => [row.cms, row]));
  return keys.map(() => byCms);
});

export function addCmsVersionPolicyType(builder: GeaBuilder) {
  const CmsKindEnum = cmsKindEnum(builder);
  const CmsVersionPolicyRef = builder.prismaObject('CmsVersionPolicy', {
    description: 'The oldest version of a CMS the ICT office still supports, and the newest released: hosted sites are compared with them.',
    authScopes: siteScopes.readSome,
    fields: (t) => ({
      cms: t.expose('cms', { type: CmsKindEnum }),
      minimumVersion: t.exposeString('minimumVersion', { description: 'Sites below it raise CMS_UNSUPPORTED.' }),
      latestVersion: t.exposeString('latestVersion', { nullable: true, description: 'Sites below it (and not below the minimum) raise CMS_OUTDATED.' }),
      note: t.exposeString('note', { nullable: true }),
      updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    }),
  });

  builder.queryField('cmsVersionPolicies', (t) =>
    t.prismaField({
      type: [CmsVersionPolicyRef],
      description: 'The CMS version policy of each CMS that has one.',
      authScopes: siteScopes.readSome,
      resolve: (query, _root, _args, context) => context.prisma.cmsVersionPolicy.findMany({ ...query, orderBy: { cms: 'asc' } }),
    }),
  );

  builder.mutationField('setCmsVersionPolicy', (t) =>
    t.prismaField({
      type: CmsVersionPolicyRef,
      description: 'Sets the supported and latest versions of a CMS for every site of the association. Versions are read loosely (6.4 is 6.4.0).',
      errors: { types: [InputError], directResult: true },
      authScopes: { permission: siteScopes.write },
      args: {
        cms: t.arg({ type: CmsKindEnum, required: true }),
        minimumVersion: t.arg.string({ required: true, validate: z.string().trim().min(1).max(50) }),
        latestVersion: t.arg.string({ required: false, validate: z.string().trim().max(50) }),
        note: t.arg.string({ required: false, validate: z.string().trim().max(1000) }),
      },
      resolve: async (query, _root, args, context) => {
        const row = {
          minimumVersion: args.minimumVersion.trim(),
          latestVersion: args.latestVersion?.trim() || null,
          note: args.note?.trim() || null,
        };
        const problems = policyProblems(row.minimumVersion, row.latestVersion);
        if (problems.length > 0) throw new InputError(problems.map((problem) => ({ path: [problem.field], message: problem.message, code: 'INVALID_FORMAT' as const })));
        const before = await context.prisma.cmsVersionPolicy.findUnique({ where: { cms: args.cms } });
        const after = await context.prisma.cmsVersionPolicy.upsert({ ...query, where: { cms: args.cms }, create: { cms: args.cms, ...row }, update: row });
        context.audit = { ...context.audit, targetType: 'CmsVersionPolicy', targetId: args.cms, entityId: null, before, after: { cms: args.cms, ...row } };
        return after;
      },
    }),
  );
}
