import { perBuilder } from '@gea/core';
import { scopes } from '../scopes.ts';

export interface MailboxUserShape {
  userId: string;
  name: string;
  email: string;
}

export const pecMailboxUserType = perBuilder((builder) =>
  builder.objectRef<MailboxUserShape>('PecMailboxUser').implement({
    description: 'A person who may use a PEC mailbox.',
    fields: (t) => ({
      userId: t.id({
        description: 'The User id.',
        authScopes: scopes.readSome,
        resolve: (user) => Buffer.from(`User:${user.userId}`).toString('base64'),
      }),
      name: t.exposeString('name', { authScopes: scopes.readSome }),
      email: t.exposeString('email', { authScopes: scopes.readSome }),
    }),
  }),
);
