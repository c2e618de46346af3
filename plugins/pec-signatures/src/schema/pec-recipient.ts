import { perBuilder, type GeaBuilder } from '@gea/core';
import { PecRecipientKind as PecRecipientKinds, PecRecipientState as PecRecipientStates } from '@gea/db';
import { scopes } from '../scopes.ts';

/** Certified or external: a message's recipients and a receipt's `destinatari` both say. */
export const pecRecipientKindEnum = perBuilder((builder) => builder.enumType(PecRecipientKinds, { name: 'PecRecipientKind' }));

export function addPecRecipient(builder: GeaBuilder) {
  const PecRecipientKind = pecRecipientKindEnum(builder);
  const PecRecipientState = builder.enumType(PecRecipientStates, { name: 'PecRecipientState' });

  builder.prismaObject('PecRecipient', {
    description: 'A recipient of a message and how far delivery to it went.',
    select: { message: { select: { entityId: true } } },
    authScopes: (recipient) => scopes.readOn(recipient.message.entityId),
    fields: (t) => ({
      address: t.exposeString('address'),
      kind: t.expose('kind', { type: PecRecipientKind, nullable: true, description: 'Null until a receipt says.' }),
      state: t.expose('state', { type: PecRecipientState }),
      deliveredAt: t.expose('deliveredAt', { type: 'DateTime', nullable: true }),
      error: t.exposeString('error', { nullable: true, description: 'Why delivery failed.' }),
    }),
  });
}
