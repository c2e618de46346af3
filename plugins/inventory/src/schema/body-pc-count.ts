import type { GeaBuilder } from '@gea/core';
import { scopes } from '../scopes.ts';
import { personalComputersInServicePerReadableBody } from '../services.ts';

// Every body's figure in one list behind one scope check: the cost-sharing overview and reports
// ask for all bodies at once, which as a field of each Entity page cost a check per body.
export function addBodyPcCountType(builder: GeaBuilder) {
  const BodyPcCount = builder.objectRef<{ entityId: string; count: number }>('BodyPcCount').implement({
    description: 'Desktops and laptops in service in a body at a date.',
    // Rows exist only for bodies the resolver found readable; this check is the cheap guard for any other path.
    authScopes: scopes.readSome,
    fields: (t) => ({
      entityId: t.id({ description: 'The body (an Entity id).', resolve: (row) => Buffer.from(`Entity:${row.entityId}`).toString('base64') }),
      count: t.exposeInt('count'),
    }),
  });

  builder.queryField('personalComputersInService', (t) =>
    t.field({
      type: [BodyPcCount],
      description:
        'PCs in service at a date (default today) of every body whose inventory the reader may see, from the status history: the PC half of the cost sharing (art. 13).',
      authScopes: scopes.readSome,
      args: { at: t.arg({ type: 'Date', required: false }) },
      // One statement for every readable body (not a count per body): scoping and module enablement are predicates in it.
      resolve: (_root, args, context) => personalComputersInServicePerReadableBody(context, args.at ?? undefined),
    }),
  );
}
