import { InputError, modelRef, NotFoundError, today, type GeaBuilder } from '@gea/core';
import { z } from 'zod';
import { scopes, writeOnAssetBody } from '../scopes.ts';
import { statusChangeIssue } from '../rules/asset-status.ts';
import { assetStatusEnum } from './enums.ts';

export function addAssetStatusChangeType(builder: GeaBuilder) {
  const AssetStatus = assetStatusEnum(builder);
  const Asset = modelRef(builder, 'Asset');

  builder.prismaObject('AssetStatusChange', {
    description: 'One step of an asset\'s life.',
    // Loaded with the change itself, so the check costs no query per row.
    select: { asset: { select: { entityId: true } } },
    authScopes: (change) => scopes.readOn(change.asset.entityId),
    fields: (t) => ({
      status: t.expose('status', { type: AssetStatus }),
      effectiveOn: t.expose('effectiveOn', { type: 'Date' }),
      note: t.exposeString('note', { nullable: true }),
      recordedAt: t.expose('recordedAt', { type: 'DateTime' }),
    }),
  });

  builder.mutationField('changeAssetStatus', (t) =>
    t.prismaField({
      type: Asset,
      description: 'Records that an asset has a new status from a date (default today). History only moves forward.',
      errors: { types: [InputError, NotFoundError], directResult: true },
      args: {
        assetId: t.arg.globalID({ required: true, for: Asset }),
        status: t.arg({ type: AssetStatus, required: true }),
        effectiveOn: t.arg({ type: 'Date', required: false }),
        note: t.arg.string({ required: false, validate: z.string().trim().max(500) }),
      },
      authScopes: (_root, args, context) => writeOnAssetBody(args.assetId.id)(context),
      resolve: async (query, _root, args, context) => {
        const asset = await context.prisma.asset.findUnique({
          where: { id: args.assetId.id },
          include: { statusHistory: { orderBy: [{ effectiveOn: 'desc' }, { recordedAt: 'desc' }], take: 1 } },
        });
        if (!asset) throw new NotFoundError('Asset');
        const latest = asset.statusHistory[0];
        const effectiveOn = args.effectiveOn ?? today();
        const issue = statusChangeIssue({ latest, status: args.status, effectiveOn, today: today() });
        if (issue) throw new InputError([issue]);
        await context.prisma.assetStatusChange.create({
          data: {
            assetId: asset.id,
            status: args.status,
            effectiveOn,
            note: args.note?.trim() || null,
            changedById: context.actor.kind === 'user' ? context.actor.id : null,
          },
        });
        context.audit = {
          ...context.audit,
          entityId: asset.entityId,
          targetType: 'Asset',
          targetId: asset.id,
          before: { status: latest?.status ?? asset.status, since: latest?.effectiveOn ?? null },
          after: { status: args.status, effectiveOn },
        };
        return context.prisma.asset.update({ ...query, where: { id: asset.id }, data: { status: args.status } });
      },
    }),
  );
}
