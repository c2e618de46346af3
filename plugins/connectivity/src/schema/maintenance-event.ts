import { modelRef, versionDescription, type GeaBuilder } from '@gea/core';
import { scopes } from '../scopes.ts';
import { maintenanceImpactEnum, maintenanceStatusEnum } from './enums.ts';

export function addMaintenanceEventType(builder: GeaBuilder) {
  const MaintenanceImpact = maintenanceImpactEnum(builder);
  const MaintenanceStatus = maintenanceStatusEnum(builder);
  const Circuit = modelRef(builder, 'Circuit');

  builder.prismaNode('MaintenanceEvent', {
    description: 'Work announced by a provider (or planned by the office) on some circuits.',
    id: { field: 'id' },
    nullable: true,
    // Readable by whoever reads one of the affected circuits' bodies.
    select: { circuits: { select: { circuit: { select: { entityId: true } } } } },
    authScopes: (event) => scopes.readAny([...new Set(event.circuits.map((c) => c.circuit.entityId))]),
    fields: (t) => ({
      version: t.exposeInt('version', { description: versionDescription }),
      provider: t.relation('provider'),
      reference: t.exposeString('reference', { nullable: true, description: "The provider's ticket or notice reference." }),
      summary: t.exposeString('summary'),
      startsAt: t.expose('startsAt', { type: 'DateTime' }),
      endsAt: t.expose('endsAt', { type: 'DateTime' }),
      impact: t.expose('impact', { type: MaintenanceImpact }),
      status: t.expose('status', { type: MaintenanceStatus }),
      circuits: t.field({
        type: [Circuit],
        description: 'The affected circuits the reader may see.',
        select: (_args, context, nestedSelection) => ({
          circuits: { where: { circuit: { entity: scopes.readableEntities(context) } }, select: { circuit: nestedSelection(true) } },
        }),
        resolve: (event) => (event as unknown as { circuits: { circuit: never }[] }).circuits.map((c) => c.circuit),
      }),
    }),
  });
}
