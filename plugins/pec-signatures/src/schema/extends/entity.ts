import type { GeaBuilder } from '@gea/core';
import { scopes } from '../../scopes.ts';

/** A body's registry offices, PEC mailboxes and signature certificates. */
export function extendEntity(builder: GeaBuilder) {
  builder.prismaObjectFields('Entity', (t) => ({
    registryOffices: t.relation('registryOffices', {
      nullable: true,
      description: 'Its registry offices (AOO), by code.',
      authScopes: (entity) => scopes.readOn(entity.id),
      query: { orderBy: { code: 'asc' } },
    }),
    pecMailboxes: t.relation('pecMailboxes', {
      nullable: true,
      description: 'Its PEC mailboxes, by address.',
      authScopes: (entity) => scopes.readOn(entity.id),
      query: { orderBy: { address: 'asc' } },
    }),
    signatureCertificates: t.relation('signatureCertificates', {
      nullable: true,
      description: 'Its signature certificates, soonest to expire first.',
      authScopes: (entity) => scopes.readOn(entity.id),
      query: { orderBy: [{ validTo: 'asc' }, { id: 'asc' }] },
    }),
  }));
}
