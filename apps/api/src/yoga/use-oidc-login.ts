import { defaultAuthOptions, startSession } from '@gea/core';
import type { GeaPrismaClient } from '@gea/db';
import type { Plugin } from 'graphql-yoga';
import * as client from 'openid-client';
import { memoryPendingSignIns, PENDING_TTL_MS, type PendingSignIn, type PendingSignInStore } from './oidc-pending.ts';
import { requestIdOf } from './use-request-id.ts';

export const OIDC_LOGIN_PATH = '/auth/oidc/login';
export const OIDC_CALLBACK_PATH = '/auth/oidc/callback';

export interface OidcLoginOptions {
  /** Issuer identifier; its metadata is discovered on first use, so the API starts even if the issuer is down. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /**
   * Public URL of the callback, as registered at the issuer. Default: the callback on the URL the
   * login request came to, which is wrong behind a proxy that terminates TLS or rewrites paths.
   */
  redirectUri?: string;
  /** Where the browser goes after sign-in, with `#token=...&expiresAt=...`; default `/`. */
  postLoginUrl?: string;
  sessionTtlMs?: number;
  /** Where sign-ins in progress wait for their callback; default this process's memory (see oidc-pending.ts). */
  pendingSignIns?: PendingSignInStore;
}

/** What clients are told to open to sign in: next to the configured callback, else on the API's own origin. */
export function oidcLoginUrlFor(options: OidcLoginOptions): string {
  return options.redirectUri ? new URL('login', options.redirectUri).href : OIDC_LOGIN_PATH;
}

const SCOPE = 'openid email';
const DISCOVERY_TIMEOUT_SECONDS = 10;

type Refusal =
  | 'OIDC_STATE_INVALID'
  | 'OIDC_PROVIDER_REFUSED'
  | 'OIDC_CODE_INVALID'
  | 'OIDC_EMAIL_MISSING'
  | 'OIDC_EMAIL_UNVERIFIED'
  | 'OIDC_UNKNOWN_USER'
  | 'OIDC_SUBJECT_MISMATCH'
  | 'ACCOUNT_DISABLED';
type Failure = 'OIDC_ISSUER_UNREACHABLE' | 'OIDC_EXCHANGE_FAILED' | 'INTERNAL_SERVER_ERROR';

/** Ends a sign-in attempt with an answer; `outcome` and `code` go to the audit trail. */
class SignInError extends Error {
  constructor(
    readonly status: number,
    readonly code: Refusal | Failure,
    message: string,
    readonly actor: { label?: string; id?: string } = {},
  ) {
    super(message);
  }
  get outcome(): 'REFUSED' | 'FAILED' {
    return this.status < 500 ? 'REFUSED' : 'FAILED';
  }
}

const noStore = { 'cache-control': 'no-store' };

function errorResponse(error: SignInError, requestId: string): Response {
  // Same shape as GraphQL errors, so clients handle both alike.
  return Response.json(
    { errors: [{ message: error.message, extensions: { code: error.code, requestId } }] },
    { status: error.status, headers: noStore },
  );
}

/** No answer, or no valid answer, from the issuer (as opposed to a protocol error it answered with). */
function isUnreachable(error: unknown): boolean {
  const name = (error as Error | undefined)?.name;
  return (
    name === 'TimeoutError' ||
    name === 'AbortError' ||
    (error instanceof TypeError && (error as { code?: unknown }).code === undefined)
  );
}

function explain(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } })?.cause;
  const detail = cause?.code ?? cause?.message;
  return `${(error as Error)?.message ?? String(error)}${typeof detail === 'string' ? ` (${detail})` : ''}`;
}

const STATE_COOKIE = 'gea_oidc_state';

function cookieValue(request: Request, name: string): string | undefined {
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

/** `email_verified` as some providers send it, boolean or string. */
function isVerified(value: unknown): boolean {
  return value === true || value === 'true';
}

/**
 * OpenID Connect sign-in (authorization code flow with PKCE, state and nonce):
 * `GET /auth/oidc/login` sends the browser to the issuer; `GET /auth/oidc/callback` takes it back,
 * validates the answer, finds the GEA user by linked identity or e-mail address (accounts are never
 * created here: the ICT office head creates them) and opens a session. Every callback leaves one
 * audit record (`oidcLogin`), whatever its outcome.
 */
export function useOidcLogin(prisma: GeaPrismaClient, options: OidcLoginOptions): Plugin {
  const issuer = new URL(options.issuer);
  const postLoginUrl = options.postLoginUrl || '/';
  const sessionTtlMs = options.sessionTtlMs ?? defaultAuthOptions.sessionTtlMs;
  const pending = options.pendingSignIns ?? memoryPendingSignIns();
  let discovered: Promise<client.Configuration> | undefined;

  function configuration(requestId: string): Promise<client.Configuration> {
    discovered ??= client
      .discovery(
        issuer,
        options.clientId,
        options.clientSecret,
        // Basic is the method every OAuth server must support for clients with a secret (RFC 6749 2.3.1).
        client.ClientSecretBasic(options.clientSecret),
        {
          // start() accepts plain http only for loopback issuers (local development and tests).
          execute: issuer.protocol === 'http:' ? [client.allowInsecureRequests] : [],
          timeout: DISCOVERY_TIMEOUT_SECONDS,
        },
      )
      .catch((error: unknown) => {
        // Not cached: the next sign-in tries again.
        discovered = undefined;
        console.error(`request ${requestId}: OpenID Connect discovery at ${issuer.href} failed: ${explain(error)}`);
        throw new SignInError(502, 'OIDC_ISSUER_UNREACHABLE', 'The sign-in service cannot be reached: try again later');
      });
    return discovered;
  }

  async function login(request: Request, url: URL): Promise<Response> {
    const config = await configuration(requestIdOf(request));
    const state = client.randomState();
    const nonce = client.randomNonce();
    const codeVerifier = client.randomPKCECodeVerifier();
    const redirectUri = options.redirectUri ?? new URL(OIDC_CALLBACK_PATH, url).href;
    await pending.add(state, { nonce, codeVerifier, redirectUri });
    const target = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: SCOPE,
      state,
      nonce,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
    });
    // The state is also kept in this browser's cookie: a callback from another browser (a login
    // CSRF, or a leaked callback URL) does not match it.
    const secure = url.protocol === 'https:' ? '; Secure' : '';
    return new Response(null, {
      status: 302,
      headers: {
        location: target.href,
        'set-cookie': `${STATE_COOKIE}=${state}; Path=/auth/oidc; HttpOnly; SameSite=Lax; Max-Age=${PENDING_TTL_MS / 1000}${secure}`,
        ...noStore,
      },
    });
  }

  async function exchange(config: client.Configuration, signIn: PendingSignIn, url: URL, state: string, requestId: string) {
    // The URL the issuer redirected to, as registered, whatever host or proxy the request came through.
    const currentUrl = new URL(signIn.redirectUri);
    currentUrl.search = url.search;
    try {
      const tokens = await client.authorizationCodeGrant(config, currentUrl, {
        pkceCodeVerifier: signIn.codeVerifier,
        expectedState: state,
        expectedNonce: signIn.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims()!;
      // Providers that follow OpenID Connect strictly put scope claims in userinfo only, not in the ID token.
      const source =
        typeof claims.email === 'string' ? claims : await client.fetchUserInfo(config, tokens.access_token, claims.sub);
      return { issuer: claims.iss, subject: claims.sub, email: source.email, emailVerified: source.email_verified };
    } catch (error) {
      if (error instanceof client.AuthorizationResponseError) {
        throw new SignInError(403, 'OIDC_PROVIDER_REFUSED', `The sign-in service did not sign you in (${error.error})`);
      }
      if (error instanceof client.ResponseBodyError && error.error === 'invalid_grant') {
        throw new SignInError(400, 'OIDC_CODE_INVALID', 'This sign-in has expired or was already used: sign in again');
      }
      console.error(`request ${requestId}: OpenID Connect code exchange failed: ${explain(error)}`);
      if (isUnreachable(error)) {
        throw new SignInError(502, 'OIDC_ISSUER_UNREACHABLE', 'The sign-in service cannot be reached: try again later');
      }
      throw new SignInError(502, 'OIDC_EXCHANGE_FAILED', 'The answer of the sign-in service could not be verified: sign in again');
    }
  }

  async function callback(request: Request, url: URL, requestId: string): Promise<Response> {
    const state = url.searchParams.get('state');
    if (!state || cookieValue(request, STATE_COOKIE) !== state) {
      throw new SignInError(400, 'OIDC_STATE_INVALID', 'This sign-in was not started in this browser: sign in again');
    }
    const signIn = await pending.take(state);
    if (!signIn) {
      throw new SignInError(400, 'OIDC_STATE_INVALID', 'This sign-in link is unknown, expired or already used: sign in again');
    }
    const config = await configuration(requestId);
    const identity = await exchange(config, signIn, url, state, requestId);
    if (typeof identity.email !== 'string' || identity.email.trim() === '') {
      throw new SignInError(403, 'OIDC_EMAIL_MISSING', 'The sign-in service did not give an e-mail address');
    }
    const email = identity.email.trim().toLowerCase();
    const subject = `${identity.issuer}|${identity.subject}`;
    const linked = await prisma.user.findUnique({ where: { oidcSubject: subject } });
    // Matching an account by e-mail hands it over: only on an address the provider says it verified
    // (a missing claim is not a yes).
    if (!linked && !isVerified(identity.emailVerified)) {
      throw new SignInError(403, 'OIDC_EMAIL_UNVERIFIED', `The sign-in service has not verified the e-mail address ${email}`, {
        label: email,
      });
    }

    const user = linked ?? (await prisma.user.findUnique({ where: { email } }));
    if (!user) {
      throw new SignInError(403, 'OIDC_UNKNOWN_USER', `No GEA account has the e-mail address ${email}: ask the ICT office`, {
        label: email,
      });
    }
    const actor = { label: email, id: user.id };
    // Another identity already linked to this account: the address may have been given to someone else.
    if (!linked && user.oidcSubject !== null) {
      throw new SignInError(403, 'OIDC_SUBJECT_MISMATCH', `The GEA account ${email} is linked to another identity: ask the ICT office`, actor);
    }
    if (!user.active) throw new SignInError(403, 'ACCOUNT_DISABLED', 'This account is disabled', actor);

    // The link, the session and the audit record are written together or not at all.
    const session = await prisma.$transaction(async (tx) => {
      if (!linked) await tx.user.update({ where: { id: user.id }, data: { oidcSubject: subject } });
      const started = await startSession(tx, user.id, 'oidc', sessionTtlMs, request.headers.get('user-agent'));
      await tx.auditEvent.create({
        data: {
          requestId,
          actorKind: 'anonymous',
          actorId: user.id,
          actorLabel: email,
          operation: 'oidcLogin',
          targetType: 'Session',
          targetId: started.sessionId,
          outcome: 'SUCCESS',
          input: { issuer: options.issuer },
          after: { userId: user.id, expiresAt: started.expiresAt.toISOString(), linked: !linked },
        },
      });
      return started;
    });

    const expiresAt = session.expiresAt.toISOString();
    if (request.headers.get('accept')?.includes('application/json')) {
      return Response.json({ token: session.token, expiresAt }, { headers: noStore });
    }
    // In the fragment: browsers never send it, so the token stays out of server and proxy logs.
    const fragment = new URLSearchParams({ token: session.token, expiresAt }).toString();
    return new Response(null, {
      status: 303,
      headers: { location: `${postLoginUrl.split('#')[0]}#${fragment}`, 'referrer-policy': 'no-referrer', ...noStore },
    });
  }

  async function audited(request: Request, url: URL): Promise<Response> {
    const requestId = requestIdOf(request);
    try {
      return await callback(request, url, requestId);
    } catch (caught) {
      let error = caught;
      if (!(error instanceof SignInError)) {
        console.error(`request ${requestId}: OpenID Connect callback failed:`, error);
        error = new SignInError(500, 'INTERNAL_SERVER_ERROR', 'Unexpected error.');
      }
      const refusal = error as SignInError;
      await prisma.auditEvent
        .create({
          data: {
            requestId,
            actorKind: 'anonymous',
            actorId: refusal.actor.id ?? null,
            actorLabel: refusal.actor.label ?? 'unknown',
            operation: 'oidcLogin',
            outcome: refusal.outcome,
            errorCode: refusal.code,
            input: { issuer: options.issuer },
          },
        })
        .catch((auditError: unknown) => console.error(`request ${requestId}: audit record not written:`, auditError));
      return errorResponse(refusal, requestId);
    }
  }

  return {
    async onRequest({ request, url, endResponse }) {
      if (url.pathname !== OIDC_LOGIN_PATH && url.pathname !== OIDC_CALLBACK_PATH) return;
      if (request.method !== 'GET') {
        endResponse(new Response(null, { status: 405, headers: { allow: 'GET' } }));
        return;
      }
      if (url.pathname === OIDC_CALLBACK_PATH) {
        endResponse(await audited(request, url));
        return;
      }
      try {
        endResponse(await login(request, url));
      } catch (error) {
        const requestId = requestIdOf(request);
        if (!(error instanceof SignInError)) console.error(`request ${requestId}: OpenID Connect login failed:`, error);
        endResponse(
          errorResponse(error instanceof SignInError ? error : new SignInError(500, 'INTERNAL_SERVER_ERROR', 'Unexpected error.'), requestId),
        );
      }
    },
  };
}
