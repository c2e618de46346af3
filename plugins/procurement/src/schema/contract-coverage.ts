import { expectedVersionDescription, InputError, lockForChange, modelRef, NotFoundError, StaleVersionError, type GeaBuilder } from '@gea/core';
import { bodiesOfAssets, bodiesOfLicences } from '@gea/plugin-inventory';
import { contractBodies } from '../bodies.ts';
import { scopes } from '../scopes.ts';
import { coverageIssues } from '../rules/contract.ts';

type NamedIds = readonly { id: string; typename: string }[] | null | undefined;

/** The ids of one type in a list of global ids, each once. */
const idsOf = (list: NamedIds, typename: string) => [...new Set((list ?? []).filter((item) => item.typename === typename).map((item) => item.id))];

export function addContractCoverageMutation(builder: GeaBuilder) {
  const Contract = modelRef(builder, 'Contract');

  builder.mutationField('setContractCoverage', (t) =>
    t.prismaField({
      type: Contract,
      description:
        'Adds assets and licences to what a contract covers, or removes them. Each must belong to a body the contract serves.',
      errors: { types: [InputError, NotFoundError, StaleVersionError], directResult: true },
      args: {
        contractId: t.arg.globalID({ required: true, for: Contract }),
        expectedVersion: t.arg.int({ required: false, description: `${expectedVersionDescription} (of the contract) Optional.` }),
        addAssetIds: t.arg.globalIDList({ required: false }),
        removeAssetIds: t.arg.globalIDList({ required: false }),
        addLicenceIds: t.arg.globalIDList({ required: false }),
        removeLicenceIds: t.arg.globalIDList({ required: false }),
      },
      authScopes: async (_root, { contractId }, context) => {
        const bodies = await contractBodies(context).load(contractId.id);
        return bodies.length > 0 ? scopes.writeEvery(bodies) : ({ permission: scopes.write } as const);
      },
      resolve: async (query, _root, args, context) => {
        // Locked: a concurrent updateContract cannot drop a body whose asset is being added here.
        const contract = await lockForChange(context, {
          model: 'Contract',
          id: args.contractId.id,
          expectedVersion: args.expectedVersion,
          read: () => context.prisma.contract.findUnique({ where: { id: args.contractId.id }, include: { entities: true } }),
        });
        const addAssets = idsOf(args.addAssetIds, 'Asset');
        const addLicences = idsOf(args.addLicenceIds, 'SoftwareLicence');
        // Assets and licences are the inventory's: their bodies come from what it exports.
        const assetBodies = await bodiesOfAssets(context, addAssets);
        const licenceBodies = await bodiesOfLicences(context, addLicences);
        const issues = coverageIssues({
          served: new Set(contract.entities.map((row) => row.entityId)),
          addAssets,
          addLicences,
          repeated: addAssets.length !== (args.addAssetIds?.length ?? 0) || addLicences.length !== (args.addLicenceIds?.length ?? 0),
          assetBodies,
          licenceBodies,
        });
        if (issues.length > 0) throw new InputError(issues);
        const removeAssets = idsOf(args.removeAssetIds, 'Asset');
        const removeLicences = idsOf(args.removeLicenceIds, 'SoftwareLicence');
        await context.prisma.contractAsset.createMany({ data: addAssets.map((assetId) => ({ contractId: contract.id, assetId })), skipDuplicates: true });
        await context.prisma.contractLicence.createMany({ data: addLicences.map((licenceId) => ({ contractId: contract.id, licenceId })), skipDuplicates: true });
        await context.prisma.contractAsset.deleteMany({ where: { contractId: contract.id, assetId: { in: removeAssets } } });
        await context.prisma.contractLicence.deleteMany({ where: { contractId: contract.id, licenceId: { in: removeLicences } } });
        context.audit = {
          ...context.audit,
          targetType: 'Contract',
          targetId: contract.id,
          after: { addAssets, removeAssets, addLicences, removeLicences },
        };
        return context.prisma.contract.findUniqueOrThrow({ ...query, where: { id: contract.id } });
      },
    }),
  );
}
