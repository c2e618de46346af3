import { ConflictError, InputError, modelRef, NotFoundError, save, today, type GeaBuilder, lockRow } from '@gea/core';
import { z } from 'zod';
import { scopes, writeOnAssetBody } from '../scopes.ts';
import { holdingSeat, installationIssue, licenceIssue, removalIssue, type InstallationRefusal } from '../rules/software-installation.ts';

const writeOnInstallationBody = (installationId: string) =>
  scopes.writeOnBodyOf(async (context) => {
    const installation = await context.prisma.softwareInstallation.findUnique({
      where: { id: installationId },
      select: { asset: { select: { entityId: true } } },
    });
    return installation?.asset ?? null;
  });

const refusal = (refused: InstallationRefusal) =>
  'conflict' in refused ? new ConflictError(refused.conflict) : new InputError([{ path: ['input', refused.field], message: refused.message }]);

export function addSoftwareInstallationType(builder: GeaBuilder) {
  const SoftwareProduct = modelRef(builder, 'SoftwareProduct');
  const SoftwareLicence = modelRef(builder, 'SoftwareLicence');

  const SoftwareInstallation = builder.prismaNode('SoftwareInstallation', {
    description: 'A product installed on an asset; a removed one keeps its record.',
    id: { field: 'id' },
    nullable: true,
    select: { asset: { select: { entityId: true } } },
    authScopes: (installation) => scopes.readOn(installation.asset.entityId),
    fields: (t) => ({
      asset: t.relation('asset'),
      product: t.relation('product'),
      licence: t.relation('licence', { nullable: true }),
      version: t.exposeString('version', { nullable: true }),
      installedOn: t.expose('installedOn', { type: 'Date' }),
      removedOn: t.expose('removedOn', { type: 'Date', nullable: true }),
    }),
  });

  const InstallInput = builder.inputType('InstallSoftwareInput', {
    fields: (t) => ({
      assetId: t.globalID({ required: true, description: 'The asset (an Asset id).' }),
      productId: t.globalID({ required: true, for: SoftwareProduct }),
      licenceId: t.globalID({ required: false, for: SoftwareLicence, description: 'Leave out for software that needs no licence.' }),
      version: t.string({ required: false, validate: z.string().trim().min(1).max(50) }),
      installedOn: t.field({ type: 'Date', required: false, description: 'Default today.' }),
    }),
  });

  builder.mutationFields((t) => ({
    installSoftware: t.prismaField({
      type: SoftwareInstallation,
      description:
        'Records a product installed on an asset, under a licence that serves its body, is valid that day and has a free seat.',
      errors: { types: [InputError, NotFoundError, ConflictError], directResult: true },
      args: { input: t.arg({ type: InstallInput, required: true }) },
      authScopes: (_root, { input }, context) => writeOnAssetBody(input.assetId.id)(context),
      resolve: async (query, _root, { input }, context) => {
        const asset = await context.prisma.asset.findUnique({ where: { id: input.assetId.id } });
        if (!asset || input.assetId.typename !== 'Asset') throw new NotFoundError('Asset');
        context.audit = { ...context.audit, targetType: 'SoftwareInstallation', entityId: asset.entityId };
        const installedOn = input.installedOn ?? today();
        const onAsset = installationIssue(asset, installedOn, today());
        if (onAsset) throw refusal(onAsset);
        if (input.licenceId) {
          // Locked until the transaction ends: two installations cannot both take the last seat.
          await lockRow(context.prisma, 'SoftwareLicence', input.licenceId.id);
          const licence = await context.prisma.softwareLicence.findUnique({
            where: { id: input.licenceId.id },
            include: { entities: { where: { entityId: asset.entityId } }, _count: { select: { installations: { where: holdingSeat } } } },
          });
          const underLicence = licenceIssue(
            licence && { ...licence, seatsUsed: licence._count.installations, servesBody: licence.entities.length > 0 },
            input.productId.id,
            installedOn,
          );
          if (underLicence) throw refusal(underLicence);
        }
        const already = await context.prisma.softwareInstallation.findFirst({
          where: { assetId: asset.id, productId: input.productId.id, ...holdingSeat },
          select: { id: true },
        });
        if (already) throw new ConflictError('the product is already installed on this asset');
        return save({ missing: 'SoftwareProduct' }, () =>
          context.prisma.softwareInstallation.create({
            ...query,
            data: {
              assetId: asset.id,
              productId: input.productId.id,
              licenceId: input.licenceId?.id ?? null,
              version: input.version?.trim() ?? null,
              installedOn,
            },
          }),
        );
      },
    }),

    removeSoftware: t.prismaField({
      type: SoftwareInstallation,
      description: 'Records that software was removed from an asset (its seat is freed; the record stays).',
      errors: { types: [InputError, NotFoundError], directResult: true },
      args: {
        installationId: t.arg.globalID({ required: true, for: SoftwareInstallation }),
        removedOn: t.arg({ type: 'Date', required: false, description: 'Default today.' }),
      },
      authScopes: (_root, args, context) => writeOnInstallationBody(args.installationId.id)(context),
      resolve: async (query, _root, args, context) => {
        const installation = await context.prisma.softwareInstallation.findUnique({
          where: { id: args.installationId.id },
          include: { asset: { select: { entityId: true } } },
        });
        if (!installation) throw new NotFoundError('SoftwareInstallation');
        const removedOn = args.removedOn ?? today();
        const issue = removalIssue(installation, removedOn, today());
        if (issue) throw new InputError([{ path: ['removedOn'], message: issue }]);
        context.audit = {
          ...context.audit,
          targetType: 'SoftwareInstallation',
          targetId: installation.id,
          entityId: installation.asset.entityId,
          before: { removedOn: null },
          after: { removedOn },
        };
        return context.prisma.softwareInstallation.update({ ...query, where: { id: installation.id }, data: { removedOn } });
      },
    }),
  }));
}
