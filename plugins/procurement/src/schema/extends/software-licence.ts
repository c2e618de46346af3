// What procurement adds to the inventory's licences: the contracts they were bought or are maintained under.
import { modelRef, type GeaBuilder } from '@gea/core';
import type { Prisma } from '@gea/db';
import { scopes } from '../../scopes.ts';

type LoadedContract = Prisma.ContractGetPayload<object>;

export function extendSoftwareLicence(builder: GeaBuilder) {
  builder.prismaObjectFields('SoftwareLicence', (t) => ({
    contracts: t.field({
      type: [modelRef(builder, 'Contract')],
      description: 'The contracts it was bought or is maintained under, among those the reader may see.',
      select: (_args, context, nestedSelection) => ({
        contracts: {
          where: { contract: { entities: { some: { entity: scopes.readableEntities(context) } } } },
          select: { contract: nestedSelection(true) },
        },
      }),
      resolve: (licence) => (licence as unknown as { contracts: { contract: LoadedContract }[] }).contracts.map((row) => row.contract),
    }),
  }));
}
