import { modelRef, versionDescription, type GeaBuilder } from '@gea/core';
import { scopes } from '../scopes.ts';
import { terminationSideEnum } from './enums.ts';

export function addCircuitTerminationType(builder: GeaBuilder) {
  const TerminationSide = terminationSideEnum(builder);
  const Asset = modelRef(builder, 'Asset');
  builder.prismaNode('CircuitTermination', {
    description: "One end of a circuit (A or Z): a body's site or a provider network, with the port and the CPE.",
    id: { field: 'id' },
    nullable: true,
    // A termination is its circuit's: readable where the circuit's body is.
    select: { circuit: { select: { entityId: true } } },
    authScopes: (termination) => scopes.readOn(termination.circuit.entityId),
    fields: (t) => ({
      version: t.exposeInt('version', { description: versionDescription }),
      side: t.expose('side', { type: TerminationSide }),
      circuit: t.relation('circuit'),
      site: t.relation('site', { nullable: true, description: "The body's site, when this end is on a site." }),
      providerNetwork: t.relation('providerNetwork', { nullable: true, description: 'The provider network, when this end is on one.' }),
      portSpeedKbps: t.exposeInt('portSpeedKbps', { nullable: true, description: 'Speed of the hand-over port, kbit/s.' }),
      crossConnect: t.exposeString('crossConnect', { nullable: true, description: 'Patch panel, cross-connect or rack position.' }),
      cpe: t.field({
        type: Asset,
        nullable: true,
        description: 'The customer premises equipment (router, ONT) from the inventory; null when the reader may not read the inventory of its body.',
        select: (_args, _context, nestedSelection) => ({ cpe: nestedSelection(true) }),
        resolve: (termination, _args, context) => {
          const cpe = (termination as unknown as { cpe: { entityId: string } | null }).cpe;
          return cpe && context.actor.can('inventory:read', cpe.entityId) ? (cpe as never) : null;
        },
      }),
    }),
  });
}
