import { expectedVersionDescription, InputError, lockForChange, modelRef, NotFoundError, StaleVersionError, today, type GeaBuilder } from '@gea/core';
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
      errors: { types: [InputError, NotFoundError, StaleVersionError], directResult: true },
      args: {
        assetId: t.arg.globalID({ required: true, for: Asset }),
        expectedVersion: t.arg.int({ required: false, description: `${expectedVersionDescription} Optional: without it the change applies to the asset as it is.` }),
        status: t.arg({ type: AssetStatus, required: true }),
        effectiveOn: t.arg({ type: 'Date', required: false }),
        note: t.arg.string({ required: false, validate: z.string().trim().max(500) }),
      },
      authScopes: (_root, args, context) => writeOnAssetBody(args.assetId.id)(context),
      resolve: async (query, _root, args, context) => {
        // Serialised per asset: the row lock first, then the latest step of the history as the
        // previous change left it, so concurrent changes validate one after another and the
        // current status is always the latest step.
        const asset = await lockForChange(context, {
          model: 'Asset',
          id: args.assetId.id,
          expectedVersion: args.expectedVersion,
          read: () =>
            context.prisma.asset.findUnique({
              where: { id: args.assetId.id },
              include: { statusHistory: { orderBy: [{ effectiveOn: 'desc' }, { recordedAt: 'desc' }, { id: 'desc' }], take: 1 } },
            }),
        });
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
            // Strictly after the step it follows, whatever the clocks: on the same day the history is
            // ordered by recordedAt, and the new step must be the latest one.
            recordedAt: new Date(Math.max(Date.now(), (latest?.recordedAt.getTime() ?? 0) + 1)),
          },
        });
        const updated = await context.prisma.asset.update({ ...query, where: { id: asset.id }, data: { status: args.status } });
        // Same shape before and after, so that consecutive records of an asset chain.
        context.audit = {
          ...context.audit,
          entityId: asset.entityId,
          targetType: 'Asset',
          targetId: asset.id,
          before: { status: latest?.status ?? asset.status, since: latest?.effectiveOn ?? null, version: asset.version },
          after: { status: args.status, since: effectiveOn, version: updated.version },
        };
        return updated;
      },
    }),
  );
}
