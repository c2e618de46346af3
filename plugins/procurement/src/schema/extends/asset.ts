// What procurement adds to the inventory's assets: the contracts that cover them (through the
// contracts' own join table, never the inventory's tables).
import { modelRef, today, type GeaBuilder } from '@gea/core';
import type { Prisma } from '@gea/db';
import { scopes } from '../../scopes.ts';

type LoadedContract = Prisma.ContractGetPayload<object>;

/** A maintenance contract in force on a date covers an asset on that date. */
const inForce = (on: Date): Prisma.ContractWhereInput => ({ kind: 'MAINTENANCE', startsOn: { lte: on }, endsOn: { gte: on } });

export function extendAsset(builder: GeaBuilder) {
  const Contract = modelRef(builder, 'Contract');
  builder.prismaObjectFields('Asset', (t) => ({
    maintenanceContract: t.field({
      type: Contract,
      nullable: true,
      description: 'The maintenance contract in force today that covers it (the one that lasts longest, if several).',
      authScopes: (asset) => scopes.readOn(asset.entityId),
      select: (_args, _context, nestedSelection) => ({
        contractCoverage: {
          where: { contract: inForce(today()) },
          orderBy: { contract: { endsOn: 'desc' } },
          take: 1,
          select: { contract: nestedSelection(true) },
        },
      }),
      resolve: (asset) =>
        (asset as unknown as { contractCoverage: { contract: LoadedContract }[] }).contractCoverage[0]?.contract ?? null,
    }),
    contracts: t.field({
      type: [Contract],
      description: 'Every contract that covers or covered it, latest first.',
      authScopes: (asset) => scopes.readOn(asset.entityId),
      select: (_args, _context, nestedSelection) => ({
        contractCoverage: { orderBy: { contract: { endsOn: 'desc' } }, select: { contract: nestedSelection(true) } },
      }),
      resolve: (asset) => (asset as unknown as { contractCoverage: { contract: LoadedContract }[] }).contractCoverage.map((row) => row.contract),
    }),
  }));
}
