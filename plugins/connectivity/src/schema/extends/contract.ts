// What connectivity adds to procurement's contracts: their connectivity terms, for the contract page.
import { modelRef, type GeaBuilder } from '@gea/core';
import type { Prisma } from '@gea/db';

export function addContractConnectivityFields(builder: GeaBuilder) {
  const ConnectivityContract = modelRef(builder, 'ConnectivityContract');
  builder.prismaObjectFields('Contract', (t) => ({
    connectivityTerms: t.field({
      type: ConnectivityContract,
      nullable: true,
      description:
        'Its connectivity terms (framework, notice, renewal, shares, effective term); null when it has none or the reader may not read ' +
        'connectivity for any body it serves.',
      select: (_args, _context, nestedSelection) => ({ connectivityContract: nestedSelection(true) }),
      resolve: (contract, _args, context) => {
        const terms = (contract as unknown as { connectivityContract: (Prisma.ConnectivityContractGetPayload<object> & { shares: { entityId: string }[] }) | null })
          .connectivityContract;
        return terms && terms.shares.some((share) => context.actor.can('connectivity:read', share.entityId)) ? (terms as never) : null;
      },
    }),
  }));
}
