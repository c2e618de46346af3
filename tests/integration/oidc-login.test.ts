import { generateKeyPairSync } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, start } from '@gea/api';
import type { Database } from '@gea/db';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '@gea/test-kit/api.ts';
import { createTestDatabase } from '@gea/test-kit/database.ts';

// Accounts at the identity provider, by subject.
const accounts: Record<string, { email: string; email_verified: boolean }> = {
  'sub-mario': { email: 'Mario.Rossi@comune.example.it', email_verified: true },
  'sub-stranger': { email: 'nobody@elsewhere.example.it', email_verified: true },
  'sub-retired': { email: 'retired@comune.example.it', email_verified: true },
  'sub-unverified': { email: 'unverified@comune.example.it', email_verified: false },
};
const CLIENT_ID = 'gea';
const CLIENT_SECRET = 'a-test-client-secret-that-is-long-enough';

let db: Database;
let api: TestApi;
let issuer: string;
let apiOrigin: string;
let mario: { id: string };
const servers: Server[] = [];
// Whom the provider signs in at its next login prompt.
let signInAs = 'sub-mario';

async function listen(): Promise<{ server: Server; origin: string }> {
  const server = createServer();
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return { server, origin: `http://127.0.0.1:${address.port}` };
}

/**
 * The provider's login and consent pages, answered programmatically: the login prompt signs in
 * `signInAs`, the consent prompt grants what the client asked for.
 */
function interactions(provider: Provider) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const details = await provider.interactionDetails(req, res);
    if (details.prompt.name === 'login') {
      await provider.interactionFinished(req, res, { login: { accountId: signInAs } }, { mergeWithLastSubmission: false });
      return;
    }
    const grant = details.grantId
      ? (await provider.Grant.find(details.grantId))!
      : new provider.Grant({ accountId: details.session!.accountId, clientId: details.params.client_id as string });
    const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
  };
}

beforeAll(async () => {
  // Both ports first: the provider must know the callback, the API the issuer.
  const idp = await listen();
  const gea = await listen();
  issuer = idp.origin;
  apiOrigin = gea.origin;

  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: [`${apiOrigin}/auth/oidc/callback`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    pkce: { required: () => true },
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    findAccount: (_ctx, sub) =>
      accounts[sub] ? { accountId: sub, claims: async () => ({ sub, ...accounts[sub]! }) } : undefined,
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    cookies: { keys: ['a-test-cookie-signing-key'] },
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 600, Grant: 600 },
    jwks: { keys: [{ ...(privateKey.export({ format: 'jwk' }) as object), kid: 'test', use: 'sig', alg: 'RS256' }] },
  });
  const providerHandler = provider.callback();
  const interactionHandler = interactions(provider);
  idp.server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (req.url?.startsWith('/interaction/')) {
      interactionHandler(req, res).catch((error: unknown) => {
        res.statusCode = 500;
        res.end(String(error));
      });
    } else {
      void providerHandler(req, res);
    }
  });

  db = await createTestDatabase();
  // No redirectUri: the callback is derived from the URL the login request came to.
  api = createTestApi(db, [], { realAuth: true, oidc: { issuer, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, postLoginUrl: '/app/' } });
  gea.server.on('request', api.yoga);

  mario = await db.prisma.user.create({ data: { email: 'mario.rossi@comune.example.it', name: 'Mario Rossi' } });
  await db.prisma.user.create({ data: { email: 'retired@comune.example.it', name: 'Retired', active: false } });
  await db.prisma.user.create({ data: { email: 'unverified@comune.example.it', name: 'Unverified' } });
});

afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  await db?.close();
});

/** A browser with its own cookies: follows redirects by hand until the API's callback, and returns that URL. */
async function signInUntilCallback(account: string): Promise<{ callbackUrl: URL; authorizationUrl: URL; cookie: string }> {
  signInAs = account;
  const cookies = new Map<string, Map<string, string>>();
  let url = new URL('/auth/oidc/login', apiOrigin);
  let authorizationUrl: URL | undefined;
  for (let hop = 0; hop < 20; hop++) {
    if (url.origin === apiOrigin && url.pathname === '/auth/oidc/callback') {
      const jar = cookies.get(apiOrigin) ?? new Map<string, string>();
      return { callbackUrl: url, authorizationUrl: authorizationUrl!, cookie: [...jar].map(([n, v]) => `${n}=${v}`).join('; ') };
    }
    const jar = cookies.get(url.origin) ?? new Map<string, string>();
    cookies.set(url.origin, jar);
    const response = await fetch(url, {
      redirect: 'manual',
      headers: { cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; ') },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const [name, value] = [pair!.slice(0, pair!.indexOf('=')).trim(), pair!.slice(pair!.indexOf('=') + 1).trim()];
      const expired = attributes.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a) || /^\s*max-age=0\b/i.test(a));
      if (expired) jar.delete(name);
      else jar.set(name, value);
    }
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location) {
      throw new Error(`${url.href} answered ${response.status}: ${await response.text()}`);
    }
    const next = new URL(location, url);
    if (url.origin === apiOrigin && url.pathname === '/auth/oidc/login') authorizationUrl = next;
    url = next;
  }
  throw new Error('too many redirects');
}

const callback = (url: URL, headers: Record<string, string> = {}) => fetch(url, { redirect: 'manual', headers });

const auditOf = (requestId: string | null) => db.prisma.auditEvent.findMany({ where: { operation: 'oidcLogin', requestId: requestId ?? '' } });

describe('OpenID Connect sign-in', () => {
  it('redirects to the issuer with the authorization code flow, PKCE (S256), state and nonce', async () => {
    const response = await fetch(`${apiOrigin}/auth/oidc/login`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    const target = new URL(response.headers.get('location')!);
    expect(target.origin).toBe(issuer);
    expect(Object.fromEntries(target.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: CLIENT_ID,
      redirect_uri: `${apiOrigin}/auth/oidc/callback`,
      scope: 'openid email',
      code_challenge_method: 'S256',
      code_challenge: expect.stringMatching(/^[\w-]{43}$/),
      state: expect.any(String),
      nonce: expect.any(String),
    });
  });

  it('signs a known user in, links the identity, and the token works as a bearer token', async () => {
    const { callbackUrl, cookie } = await signInUntilCallback('sub-mario');
    const response = await callback(callbackUrl, { cookie });
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get('location')!, apiOrigin);
    expect(location.pathname).toBe('/app/');
    expect(location.search).toBe('');
    const fragment = new URLSearchParams(location.hash.slice(1));
    const token = fragment.get('token')!;
    expect(token).toMatch(/^[\w-]{43}$/);
    expect(new Date(fragment.get('expiresAt')!).getTime()).toBeGreaterThan(Date.now());

    const me = await api.gql('{ me { email } }', {}, undefined, { authorization: `Bearer ${token}` });
    expect(me.body).toEqual({ data: { me: { email: 'mario.rossi@comune.example.it' } } });

    const user = await db.prisma.user.findUniqueOrThrow({ where: { id: mario.id } });
    expect(user.oidcSubject).toBe(`${issuer}|sub-mario`);
    const sessions = await db.prisma.session.findMany({ where: { userId: mario.id } });
    expect(sessions.map((session) => session.method)).toEqual(['oidc']);

    const [audit, ...more] = await auditOf(response.headers.get('x-request-id'));
    expect(more).toEqual([]);
    expect(audit).toMatchObject({
      outcome: 'SUCCESS',
      errorCode: null,
      actorId: mario.id,
      actorLabel: 'mario.rossi@comune.example.it',
      targetType: 'Session',
      targetId: sessions[0]!.id,
    });
  });

  it('answers JSON with the token when asked, finding the user by the linked identity', async () => {
    const { callbackUrl, cookie } = await signInUntilCallback('sub-mario');
    const response = await callback(callbackUrl, { accept: 'application/json', cookie });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { token: string; expiresAt: string };
    expect(body).toEqual({ token: expect.any(String), expiresAt: expect.any(String) });
    const me = await api.gql('{ me { email } }', {}, undefined, { authorization: `Bearer ${body.token}` });
    expect(me.body.data).toEqual({ me: { email: 'mario.rossi@comune.example.it' } });
  });

  it('refuses an e-mail address no GEA account has, and opens no session', async () => {
    const sessionsBefore = await db.prisma.session.count();
    const { callbackUrl, cookie } = await signInUntilCallback('sub-stranger');
    const response = await callback(callbackUrl, { accept: 'application/json', cookie });
    expect(response.status).toBe(403);
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe('OIDC_UNKNOWN_USER');
    expect(body.errors[0]!.message).toMatch(/No GEA account has the e-mail address nobody@elsewhere\.example\.it/);
    expect(await db.prisma.session.count()).toBe(sessionsBefore);
    expect(await auditOf(response.headers.get('x-request-id'))).toMatchObject([
      { outcome: 'REFUSED', errorCode: 'OIDC_UNKNOWN_USER', actorLabel: 'nobody@elsewhere.example.it' },
    ]);
  });

  it('refuses a disabled account and an unverified e-mail address', async () => {
    const sessionsBefore = await db.prisma.session.count();
    for (const [account, code] of [
      ['sub-retired', 'ACCOUNT_DISABLED'],
      ['sub-unverified', 'OIDC_EMAIL_UNVERIFIED'],
    ] as const) {
      const { callbackUrl, cookie } = await signInUntilCallback(account);
      const response = await callback(callbackUrl, { cookie });
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ errors: [{ extensions: { code } }] });
      expect(await auditOf(response.headers.get('x-request-id'))).toMatchObject([{ outcome: 'REFUSED', errorCode: code }]);
    }
    expect(await db.prisma.session.count()).toBe(sessionsBefore);
    expect((await db.prisma.user.findUniqueOrThrow({ where: { email: 'retired@comune.example.it' } })).oidcSubject).toBeNull();
  });

  it('refuses a state used already or never issued', async () => {
    const { callbackUrl, cookie } = await signInUntilCallback('sub-mario');
    expect((await callback(callbackUrl, { accept: 'application/json', cookie })).status).toBe(200);

    const reused = await callback(callbackUrl, { accept: 'application/json', cookie });
    expect(reused.status).toBe(400);
    expect(await reused.json()).toMatchObject({
      errors: [{ message: expect.stringMatching(/unknown, expired or already used/), extensions: { code: 'OIDC_STATE_INVALID' } }],
    });
    expect(await auditOf(reused.headers.get('x-request-id'))).toMatchObject([
      { outcome: 'REFUSED', errorCode: 'OIDC_STATE_INVALID', actorLabel: 'unknown' },
    ]);

    const unknown = await callback(new URL(`/auth/oidc/callback?code=whatever&state=never-issued`, apiOrigin));
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ errors: [{ extensions: { code: 'OIDC_STATE_INVALID' } }] });
  });

  it('refuses a callback in a browser that did not start the sign-in (login CSRF, leaked callback URL)', async () => {
    const { callbackUrl } = await signInUntilCallback('sub-mario');
    const sessions = await db.prisma.session.count();
    const elsewhere = await callback(callbackUrl, { accept: 'application/json' });
    expect(elsewhere.status).toBe(400);
    expect(await elsewhere.json()).toMatchObject({
      errors: [{ message: expect.stringMatching(/not started in this browser/), extensions: { code: 'OIDC_STATE_INVALID' } }],
    });
    expect(await db.prisma.session.count()).toBe(sessions);
  });

  it('tells clients OpenID Connect is available', async () => {
    const response = await api.gql('{ authMethods { password oidc oidcLoginUrl } }');
    expect(response.body).toEqual({ data: { authMethods: { password: true, oidc: true, oidcLoginUrl: '/auth/oidc/login' } } });
  });

  it('answers 502 JSON when the issuer cannot be reached', async () => {
    const closed = await listen();
    await new Promise((resolve) => closed.server.close(resolve));
    const offline = createTestApi(db, [], {
      realAuth: true,
      oidc: { issuer: closed.origin, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
    });
    const response = await offline.yoga.fetch(`${apiOrigin}/auth/oidc/login`, { redirect: 'manual' });
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({
      errors: [{ message: expect.stringMatching(/cannot be reached/), extensions: { code: 'OIDC_ISSUER_UNREACHABLE' } }],
    });
  });

  it('without an issuer configured the routes do not exist and clients are told so', async () => {
    const plain = createTestApi(db, [], { realAuth: true });
    expect((await plain.yoga.fetch('http://127.0.0.1/auth/oidc/login')).status).toBe(404);
    expect((await plain.yoga.fetch('http://127.0.0.1/auth/oidc/callback?code=x&state=y')).status).toBe(404);
    const response = await plain.gql('{ authMethods { password oidc oidcLoginUrl } }');
    expect(response.body).toEqual({ data: { authMethods: { password: true, oidc: false, oidcLoginUrl: null } } });
  });

  it('start refuses an issuer without client credentials, before opening any database', async () => {
    const env = { GEA_PLUGINS: 'none', GEA_DATA_DIR: path.join(os.tmpdir(), 'gea-oidc-never-created'), PORT: '0' };
    await expect(start({ ...env, GEA_OIDC_ISSUER: 'https://id.example.it' })).rejects.toThrow(ConfigError);
    await expect(start({ ...env, GEA_OIDC_ISSUER: 'https://id.example.it' })).rejects.toThrow(/GEA_OIDC_CLIENT_ID and GEA_OIDC_CLIENT_SECRET/);
    await expect(
      start({ ...env, GEA_OIDC_ISSUER: 'http://id.example.it', GEA_OIDC_CLIENT_ID: 'gea', GEA_OIDC_CLIENT_SECRET: 's' }),
    ).rejects.toThrow(/must be an https URL/);
  });
});
