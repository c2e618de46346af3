import { perBuilder } from '@gea/core';
import { scopes } from '../scopes.ts';

interface ProtocolSystemShape {
  name: string | null;
  token: { prefix: string; name: string; lastUsedAt: Date | null; revokedAt: Date | null; expiresAt: Date | null } | null;
}

/** What a registry office says of its protocol system; defined with the first type that shows it. */
export const protocolSystemType = perBuilder((builder) =>
  builder.objectRef<ProtocolSystemShape>('ProtocolSystem').implement({
    description: 'The protocol system that keeps a registry office\'s register, and the API token it uses (never its secret).',
    fields: (t) => ({
      name: t.exposeString('name', { nullable: true, authScopes: scopes.readSome }),
      tokenPrefix: t.string({
        nullable: true,
        description: 'Start of its token (`gea_<prefix>_...`).',
        authScopes: scopes.readSome,
        resolve: (system) => system.token?.prefix ?? null,
      }),
      tokenName: t.string({ nullable: true, authScopes: scopes.readSome, resolve: (system) => system.token?.name ?? null }),
      tokenLastUsedAt: t.field({
        type: 'DateTime',
        nullable: true,
        authScopes: scopes.readSome,
        resolve: (system) => system.token?.lastUsedAt ?? null,
      }),
      tokenUsable: t.boolean({
        description: 'Whether its token is neither revoked nor expired.',
        authScopes: scopes.readSome,
        resolve: (system) =>
          !!system.token && !system.token.revokedAt && (!system.token.expiresAt || system.token.expiresAt > new Date()),
      }),
    }),
  }),
);
