import { textQueryOf, type GeaPrismaClient } from '@gea/db';
import { actorFromGrants, anonymousActor, type Actor } from '../actor.ts';
import { GeaError, type GeaErrorCode } from '../errors.ts';
import { grantsForRoles, type PermissionDefinition, type RoleAssignmentLike } from '../permissions.ts';
import type { RefusalLog } from './refusal-log.ts';
import { hashToken } from './secrets.ts';
import { createSessionCache } from './session-cache.ts';

/** API tokens read `gea_<prefix>_<secret>`; session tokens are a bare secret. */
export const API_TOKEN_PATTERN = /^gea_([A-Za-z0-9]{8})_[A-Za-z0-9_-]{43}$/;

/** A refused credential: HTTP 401 with a code saying why, before any operation runs. */
export class AuthenticationError extends GeaError {
  constructor(code: GeaErrorCode, message: string) {
    super(code, message, { http: { status: 401, headers: { 'www-authenticate': 'Bearer' } } });
  }
}

export interface AuthenticatorOptions {
  permissions: ReadonlyMap<string, PermissionDefinition>;
  now?: () => Date;
  /** Where refusals are counted and summarised; none: one audit row each. */
  refusals?: RefusalLog;
}

export interface AuthenticationAttempt {
  request: Request;
  prisma: GeaPrismaClient;
  requestId: string;
  /** The client's address (see clientAddressOf), for the audit of refusals. */
  clientAddress?: string;
}

// Writing lastUsedAt on every request would turn reads into writes; once a minute is enough.
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Turns `Authorization: Bearer <token>` into an actor: a session's user with the grants of their
 * roles, or an API token with its scopes for its body. No header: anonymous. A token that is
 * unknown, expired or revoked is refused (and audited: through `refusals`, summarised), never
 * silently treated as anonymous.
 */
export function createAuthenticator({ permissions, now = () => new Date(), refusals }: AuthenticatorOptions) {
  const sessions = createSessionCache<FoundSession>();
  const apiTokens = createSessionCache<FoundApiToken>();
  async function refuse(attempt: AuthenticationAttempt, code: GeaErrorCode, message: string, actorId?: string): Promise<never> {
    if (refusals) {
      await refusals.note({
        requestId: attempt.requestId,
        operation: 'authenticate',
        errorCode: code,
        clientAddress: attempt.clientAddress ?? 'unknown',
        actorId: actorId ?? null,
        actorLabel: 'bearer token',
      });
      throw new AuthenticationError(code, message);
    }
    await attempt.prisma.auditEvent.create({
      data: {
        requestId: attempt.requestId,
        actorKind: 'anonymous',
        actorId: actorId ?? null,
        actorLabel: 'bearer token',
        operation: 'authenticate',
        outcome: 'REFUSED',
        errorCode: code,
      },
    });
    throw new AuthenticationError(code, message);
  }

  return async function authenticate(attempt: AuthenticationAttempt): Promise<Actor> {
    const header = attempt.request.headers.get('authorization');
    if (!header) return anonymousActor;
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) return refuse(attempt, 'UNAUTHENTICATED', 'The Authorization header must read "Bearer <token>"');
    const token = match[1]!;
    const tokenHash = hashToken(token);
    const at = now();

    if (API_TOKEN_PATTERN.test(token)) {
      const apiToken = await apiTokens.get(attempt.prisma, tokenHash, () => findApiToken(attempt.prisma, tokenHash));
      if (!apiToken) return refuse(attempt, 'UNAUTHENTICATED', 'Unknown API token');
      if (apiToken.revokedAt) return refuse(attempt, 'TOKEN_REVOKED', 'This API token has been revoked', apiToken.id);
      if (apiToken.expiresAt && apiToken.expiresAt <= at) {
        return refuse(attempt, 'TOKEN_EXPIRED', 'This API token has expired', apiToken.id);
      }
      // A token holds no more than its creator could grant on its body today: a creator who is
      // disabled or removed takes the token down with them, and a role taken away takes away the
      // scopes it gave, on the next request (the token works again when the role comes back).
      if (!apiToken.createdBy?.active) {
        return refuse(
          attempt,
          'TOKEN_CREATOR_DISABLED',
          'The person who created this API token is disabled or was removed: ask the ICT office for a new token',
          apiToken.id,
        );
      }
      const scopes = tokenScopesNow(apiToken.scopes, apiToken.entityId, apiToken.createdBy.roles, permissions);
      if (!apiToken.lastUsedAt || at.getTime() - apiToken.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
        await attempt.prisma.apiToken.update({ where: { id: apiToken.id }, data: { lastUsedAt: at } });
        apiToken.lastUsedAt = at;
      }
      return actorFromGrants(
        { kind: 'token', id: apiToken.id, label: `token ${apiToken.prefix} (${apiToken.name})` },
        scopes.map((permission) => ({ permission, entityId: apiToken.entityId })),
      );
    }

    const session = await sessions.get(attempt.prisma, tokenHash, () => findSession(attempt.prisma, tokenHash));
    if (!session) return refuse(attempt, 'UNAUTHENTICATED', 'Unknown session token: sign in again');
    if (session.revokedAt) return refuse(attempt, 'TOKEN_REVOKED', 'This session has ended: sign in again', session.userId);
    if (session.expiresAt <= at) return refuse(attempt, 'SESSION_EXPIRED', 'This session has expired: sign in again', session.userId);
    if (!session.user.active) return refuse(attempt, 'UNAUTHENTICATED', 'This account is disabled', session.userId);
    if (!session.lastUsedAt || at.getTime() - session.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      await attempt.prisma.session.update({ where: { id: session.id }, data: { lastUsedAt: at } });
      // The session kept in memory too, or every request after a minute would write again.
      session.lastUsedAt = at;
    }
    return actorFromGrants(
      { kind: 'user', id: session.userId, label: session.user.email, sessionId: session.id },
      grantsForRoles(session.user.roles, permissions),
    );
  };
}

/**
 * The scopes a token holds now: those it was given that its creator, with their roles of today,
 * could still give it for its body (the same rule createApiToken applies when it is made).
 */
export function tokenScopesNow(
  scopes: readonly string[],
  entityId: string | null,
  creatorRoles: readonly RoleAssignmentLike[],
  permissions: ReadonlyMap<string, PermissionDefinition>,
): string[] {
  const creator = actorFromGrants({ kind: 'user', id: null, label: 'token creator' }, grantsForRoles(creatorRoles, permissions));
  return scopes.filter(
    (scope) => permissions.has(scope) && !permissions.get(scope)?.notForTokens && creator.can(scope, entityId ?? undefined),
  );
}

export type Authenticator = ReturnType<typeof createAuthenticator>;

const findApiToken = (prisma: GeaPrismaClient, tokenHash: string) =>
  prisma.apiToken.findUnique({
    where: { tokenHash },
    include: { createdBy: { select: { active: true, roles: { select: { role: true, entityId: true } } } } },
  });
type FoundApiToken = NonNullable<Awaited<ReturnType<typeof findApiToken>>>;

interface FoundSession {
  id: string;
  userId: string;
  expiresAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  user: { email: string; active: boolean; roles: RoleAssignmentLike[] };
}

// Every request authenticates: on PostgreSQL the lookup is one prepared statement through the
// driver (textQueryOf), which spares Prisma's per-query work on the path every request takes. The
// same rows as the Prisma query below, which serves PGlite; the authentication tests run on both.
const SESSION_SQL = `SELECT json_build_object(
    'id', s."id", 'userId', s."userId", 'expiresAt', s."expiresAt", 'lastUsedAt', s."lastUsedAt", 'revokedAt', s."revokedAt",
    'user', json_build_object('email', u."email", 'active', u."active",
      'roles', coalesce((SELECT json_agg(json_build_object('role', r."role", 'entityId', r."entityId")) FROM "RoleAssignment" r WHERE r."userId" = u."id"), '[]'::json))
  )::text FROM "Session" s JOIN "User" u ON u."id" = s."userId" WHERE s."tokenHash" = $1`;

async function findSession(prisma: GeaPrismaClient, tokenHash: string): Promise<FoundSession | null> {
  const direct = textQueryOf(prisma);
  if (!direct) {
    return prisma.session.findUnique({
      where: { tokenHash },
      select: {
        id: true,
        userId: true,
        expiresAt: true,
        lastUsedAt: true,
        revokedAt: true,
        user: { select: { email: true, active: true, roles: { select: { role: true, entityId: true } } } },
      },
    });
  }
  const text = await direct(SESSION_SQL, [tokenHash]);
  if (text === null) return null;
  const row = JSON.parse(text) as Omit<FoundSession, 'expiresAt' | 'lastUsedAt' | 'revokedAt'> & Record<'expiresAt' | 'lastUsedAt' | 'revokedAt', string | null>;
  const date = (value: string | null) => (value === null ? null : new Date(value));
  return { ...row, expiresAt: new Date(row.expiresAt!), lastUsedAt: date(row.lastUsedAt), revokedAt: date(row.revokedAt) };
}
