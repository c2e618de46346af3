import { perBuilder } from '@gea/core';
import type { DaticertRecipient } from '../daticert/parse.ts';
import { scopes } from '../scopes.ts';
import { pecRecipientKindEnum } from './pec-recipient.ts';

export const pecReceiptRecipientType = perBuilder((builder) => {
  const PecRecipientKind = pecRecipientKindEnum(builder);
  return builder.objectRef<DaticertRecipient>('PecReceiptRecipient').implement({
    description: 'A recipient as a receipt lists it (`destinatari`).',
    fields: (t) => ({
      address: t.exposeString('address', { authScopes: scopes.readSome }),
      kind: t.field({ type: PecRecipientKind, authScopes: scopes.readSome, resolve: (r) => r.kind }),
    }),
  });
});
