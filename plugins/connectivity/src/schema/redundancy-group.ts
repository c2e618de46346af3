import { versionDescription, type GeaBuilder } from '@gea/core';
import { scopes } from '../scopes.ts';
import { redundancyPriorityEnum } from './enums.ts';

export function addRedundancyGroupType(builder: GeaBuilder) {
  const RedundancyPriority = redundancyPriorityEnum(builder);
  builder.prismaNode('RedundancyGroup', {
    description: 'Circuits that back each other up for one site: primary, secondary, tertiary.',
    id: { field: 'id' },
    nullable: true,
    authScopes: (group) => scopes.readOn(group.entityId),
    fields: (t) => ({
      version: t.exposeInt('version', { description: versionDescription }),
      name: t.exposeString('name'),
      entity: t.relation('entity', { nullable: true }),
      site: t.relation('site'),
      members: t.relation('members', { query: { orderBy: { priority: 'asc' } } }),
    }),
  });
  builder.prismaObject('RedundancyGroupMember', {
    description: 'A circuit of a redundancy group and its priority.',
    select: { group: { select: { entityId: true } } },
    authScopes: (member) => scopes.readOn(member.group.entityId),
    fields: (t) => ({
      priority: t.expose('priority', { type: RedundancyPriority }),
      circuit: t.relation('circuit'),
      group: t.relation('group'),
    }),
  });
}
