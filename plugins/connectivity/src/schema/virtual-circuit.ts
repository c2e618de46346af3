import { versionDescription, type GeaBuilder } from '@gea/core';
import { scopes } from '../scopes.ts';
import { circuitStatusEnum, virtualCircuitRoleEnum } from './enums.ts';

export function addVirtualCircuitType(builder: GeaBuilder) {
  const CircuitStatus = circuitStatusEnum(builder);
  const VirtualCircuitRole = virtualCircuitRoleEnum(builder);
  builder.prismaNode('VirtualCircuit', {
    description: 'A virtual circuit over a provider network: the intranet between bodies (hub and spoke).',
    id: { field: 'id' },
    nullable: true,
    authScopes: scopes.readSome,
    fields: (t) => ({
      version: t.exposeInt('version', { description: versionDescription }),
      name: t.exposeString('name'),
      identifier: t.exposeString('identifier', { nullable: true, description: 'VPN, VRF or VLAN identifier at the provider.' }),
      status: t.expose('status', { type: CircuitStatus }),
      description: t.exposeString('description', { nullable: true }),
      providerNetwork: t.relation('providerNetwork'),
      // Only the circuits of bodies the reader may see.
      terminations: t.relation('terminations', {
        query: (_args, context) => ({ where: { circuit: { entity: scopes.readableEntities(context) } }, orderBy: [{ role: 'asc' }, { circuitId: 'asc' }] }),
      }),
    }),
  });
  builder.prismaObject('VirtualCircuitTermination', {
    description: 'A circuit that takes part in a virtual circuit, as hub, spoke or peer.',
    select: { circuit: { select: { entityId: true } } },
    authScopes: (termination) => scopes.readOn(termination.circuit.entityId),
    fields: (t) => ({
      role: t.expose('role', { type: VirtualCircuitRole }),
      circuit: t.relation('circuit'),
      virtualCircuit: t.relation('virtualCircuit'),
    }),
  });
}
