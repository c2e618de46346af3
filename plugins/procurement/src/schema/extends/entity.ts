// What procurement adds to the core's public bodies.
import { modelRef, type GeaBuilder } from '@gea/core';
import type { Prisma } from '@gea/db';
import { scopes } from '../../scopes.ts';
import { contractFilterInput, contractWhere } from '../contract-filter.ts';

type LoadedContract = Prisma.ContractGetPayload<object>;

export function extendEntity(builder: GeaBuilder) {
  builder.prismaObjectFields('Entity', (t) => ({
    // A list, not a connection: a body has tens of contracts, and a list loads with its parent page.
    contracts: t.field({
      type: [modelRef(builder, 'Contract')],
      nullable: true,
      description: 'Contracts serving this body, soonest to end first.',
      authScopes: (entity) => scopes.readOn(entity.id),
      args: { filter: t.arg({ type: contractFilterInput(builder), required: false }) },
      select: (args, context, nestedSelection) => ({
        contracts: {
          where: { contract: contractWhere(context, args.filter) },
          orderBy: [{ contract: { endsOn: 'asc' } }, { contractId: 'asc' }],
          select: { contract: nestedSelection(true) },
        },
      }),
      resolve: (entity) => (entity as unknown as { contracts: { contract: LoadedContract }[] }).contracts.map((row) => row.contract),
    }),
  }));
}
