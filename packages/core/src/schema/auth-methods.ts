import type { GeaBuilder } from '../builder.ts';

export interface AuthMethodsOptions {
  /** Where a browser starts OpenID Connect sign-in; null when the server has no issuer configured. */
  oidcLoginUrl: string | null;
}

interface AuthMethods {
  password: boolean;
  oidc: boolean;
  oidcLoginUrl: string | null;
}

/** Tells a sign-in page, before anyone is signed in, which ways of signing in to offer. */
export function addAuthMethodsSchema(builder: GeaBuilder, options: AuthMethodsOptions) {
  const methods: AuthMethods = { password: true, oidc: options.oidcLoginUrl !== null, oidcLoginUrl: options.oidcLoginUrl };

  const AuthMethodsRef = builder.objectRef<AuthMethods>('AuthMethods').implement({
    description: 'The ways of signing in this server offers.',
    fields: (t) => ({
      password: t.exposeBoolean('password', {
        description: 'E-mail and password, with the `login` mutation.',
        authScopes: { public: true },
      }),
      oidc: t.exposeBoolean('oidc', {
        description: 'OpenID Connect (SPID, CIE or another identity provider) through `oidcLoginUrl`.',
        authScopes: { public: true },
      }),
      oidcLoginUrl: t.exposeString('oidcLoginUrl', {
        nullable: true,
        description:
          'Where to send the browser to sign in with OpenID Connect; a path is on the API\'s origin. It comes back with `#token=...&expiresAt=...`.',
        authScopes: { public: true },
      }),
    }),
  });

  builder.queryField('authMethods', (t) =>
    t.field({
      type: AuthMethodsRef,
      description: 'How users may sign in; public, for the sign-in page.',
      authScopes: { public: true },
      resolve: () => methods,
    }),
  );
}
