// The GraphQL client: urql with its document cache, and an auth exchange that, when the session
// has expired or was ended, asks the person to sign in again over the page they are on (nothing
// they typed is lost) and then retries what they were doing.
import { graphql, locale } from '@gea/web-kit';
import { trustedDocumentsExchange } from '@gea/web-kit/trusted-documents';
import { Client, cacheExchange, fetchExchange, type CombinedError, type Operation } from '@urql/core';
import { authExchange } from '@urql/exchange-auth';
import { createSignal } from 'solid-js';
import { clearSession, isExpired, saveSession, session } from './session.ts';

export const LoginMutation = graphql(`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      token
      expiresAt
      user {
        id
        email
      }
    }
  }
`);

/** Error codes meaning "this session is no good any more": sign in again. */
const SESSION_CODES = new Set(['UNAUTHENTICATED', 'SESSION_EXPIRED', 'TOKEN_REVOKED']);

export function hasSessionError(error: CombinedError | undefined): boolean {
  return !!error?.graphQLErrors.some((e) => SESSION_CODES.has(String(e.extensions?.code)));
}

/** What the re-login dialog shows and calls; null while nobody needs to sign in again. */
export interface ReloginRequest {
  email: string | null;
  /** Signs in; resolves with an error code or message to show, or null once signed in. */
  submit(email: string, password: string): Promise<CombinedError | 'INVALID_CREDENTIALS' | null>;
  /** Gives up: the session is dropped and pending operations fail. */
  cancel(): void;
}

const [relogin, setRelogin] = createSignal<ReloginRequest | null>(null);
export { relogin };

/** Operations sent without the stored token: sign-in itself, and the public sign-in options. */
const skipsAuth = (operation: Operation) => operation.context.skipAuth === true;

export function createClient(): Client {
  return new Client({
    url: '/graphql',
    // The API's CSRF check wants the first header on every request; the second asks for its
    // messages in the language of the interface (the language switch).
    fetchOptions: () => ({ headers: { 'x-gea-client': 'web', 'accept-language': locale() } }),
    requestPolicy: 'cache-and-network',
    exchanges: [
      cacheExchange,
      authExchange(async (utils) => ({
        addAuthToOperation(operation) {
          const token = session()?.token;
          return token && !skipsAuth(operation) ? utils.appendHeaders(operation, { authorization: `Bearer ${token}` }) : operation;
        },
        willAuthError: (operation) => !skipsAuth(operation) && isExpired(),
        didAuthError: (error, operation) => !skipsAuth(operation) && session() !== null && hasSessionError(error),
        refreshAuth: () =>
          new Promise<void>((resolve, reject) => {
            const previous = session();
            if (!previous) {
              reject(new Error('not signed in'));
              return;
            }
            setRelogin({
              email: previous.email ?? null,
              async submit(email, password) {
                const result = await utils.mutate(LoginMutation, { email, password }, { skipAuth: true });
                const payload = result.data?.login;
                if (!payload) {
                  const invalid = result.error?.graphQLErrors.some((e) => e.extensions?.code === 'INVALID_CREDENTIALS');
                  return invalid ? 'INVALID_CREDENTIALS' : (result.error ?? null);
                }
                saveSession({ token: payload.token, expiresAt: payload.expiresAt, userId: payload.user.id, email: payload.user.email });
                setRelogin(null);
                if (previous.userId && previous.userId !== payload.user.id) {
                  // Someone else signed in: nothing of the previous person's page may stay on screen.
                  location.assign('/');
                  return null;
                }
                resolve();
                return null;
              },
              cancel() {
                setRelogin(null);
                clearSession();
                reject(new Error('signed out'));
                location.assign('/login');
              },
            });
          }),
      })),
      // Documents go by hash: a server may accept only the client's own (GEA_TRUSTED_DOCUMENTS=only).
      trustedDocumentsExchange,
      fetchExchange,
    ],
  });
}
