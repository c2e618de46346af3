import { z } from 'zod';
import { verifyPassword } from '../auth/secrets.ts';
import { startSession } from '../auth/sessions.ts';
import type { GeaBuilder } from '../builder.ts';
import { GeaError, NotFoundError } from '../errors.ts';

export interface AuthSchemaOptions {
  /** How long a session lasts after sign-in. Guesses are limited by the API's rate limits (auth/rate-limit.ts). */
  sessionTtlMs: number;
}

export const defaultAuthOptions: AuthSchemaOptions = {
  sessionTtlMs: 12 * 60 * 60 * 1000,
};

interface LoginPayload {
  token: string;
  expiresAt: Date;
  userId: string;
}

export function addAuthSchema(builder: GeaBuilder, options: AuthSchemaOptions = defaultAuthOptions) {
  builder.prismaObject('Session', {
    description: 'A signed-in session (its token is never shown again).',
    authScopes: (session, context) =>
      context.actor.id === session.userId ? { authenticated: true } : { permission: 'core:users:read' },
    fields: (t) => ({
      id: t.exposeID('id'),
      method: t.exposeString('method'),
      createdAt: t.expose('createdAt', { type: 'DateTime' }),
      expiresAt: t.expose('expiresAt', { type: 'DateTime' }),
      lastUsedAt: t.expose('lastUsedAt', { type: 'DateTime', nullable: true }),
      revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true }),
      userAgent: t.exposeString('userAgent', { nullable: true }),
      current: t.boolean({ resolve: (session, _args, context) => session.id === context.actor.sessionId }),
    }),
  });

  const LoginPayloadRef = builder.objectRef<LoginPayload>('LoginPayload').implement({
    description: 'A new session: send `token` as `Authorization: Bearer <token>` until `expiresAt`.',
    fields: (t) => ({
      token: t.exposeString('token', { authScopes: { public: true } }),
      expiresAt: t.expose('expiresAt', { type: 'DateTime', authScopes: { public: true } }),
      user: t.prismaField({
        type: 'User',
        authScopes: { public: true },
        resolve: (query, payload, _args, context) =>
          context.prisma.user.findUniqueOrThrow({ ...query, where: { id: payload.userId } }),
      }),
    }),
  });

  builder.queryFields((t) => ({
    me: t.prismaField({
      type: 'User',
      nullable: true,
      description: 'The signed-in user; null for anonymous requests and API tokens.',
      authScopes: { public: true },
      resolve: (query, _root, _args, context) =>
        context.actor.kind === 'user' && context.actor.id
          ? context.prisma.user.findUnique({ ...query, where: { id: context.actor.id } })
          : null,
    }),
    mySessions: t.prismaField({
      type: ['Session'],
      description: 'The signed-in user\'s sessions that have not ended, newest first.',
      authScopes: { authenticated: true },
      resolve: (query, _root, _args, context) =>
        context.prisma.session.findMany({
          ...query,
          where: { userId: context.actor.id ?? '', revokedAt: null, expiresAt: { gt: new Date() } },
          orderBy: { createdAt: 'desc' },
        }),
    }),
  }));

  builder.mutationFields((t) => ({
    login: t.field({
      type: LoginPayloadRef,
      description: 'Signs in with e-mail and password. Refused with INVALID_CREDENTIALS whatever was wrong.',
      authScopes: { public: true },
      // Nothing to roll back: sign-in writes only the session.
      audit: { transaction: false },
      args: {
        email: t.arg.string({ required: true, validate: z.string().trim().min(1).max(320) }),
        password: t.arg.string({ required: true, validate: z.string().min(1).max(1000) }),
      },
      resolve: async (_root, args, context) => {
        const email = args.email.trim().toLowerCase();
        context.audit = { ...context.audit, actorLabel: email };
        // Per address and per (account, address), counted before the password is checked: guesses
        // slow down and stop for the address that makes them, never for the owner at their own.
        const address = context.clientAddress ?? 'unknown';
        await context.rateLimits?.signInAttempt(email, address);
        const user = await context.prisma.user.findUnique({ where: { email } });
        const valid = await verifyPassword(user?.passwordHash, args.password);
        if (!user || !valid || !user.active) {
          await context.rateLimits?.signInFailed(email);
          throw new GeaError('INVALID_CREDENTIALS', 'Wrong e-mail or password');
        }
        await context.rateLimits?.signInSucceeded(email, address);
        const { token, sessionId, expiresAt } = await startSession(context.prisma, user.id, 'password', options.sessionTtlMs);
        context.audit = { ...context.audit, targetType: 'Session', targetId: sessionId, after: { userId: user.id, expiresAt } };
        context.signedInUserId = user.id;
        return { token, expiresAt, userId: user.id };
      },
    }),

    logout: t.boolean({
      description: 'Ends the session this request was made with.',
      authScopes: { authenticated: true },
      resolve: async (_root, _args, context) => {
        if (!context.actor.sessionId) return false;
        await context.prisma.session.update({ where: { id: context.actor.sessionId }, data: { revokedAt: new Date() } });
        context.audit = { ...context.audit, targetType: 'Session', targetId: context.actor.sessionId };
        return true;
      },
    }),

    revokeSession: t.boolean({
      description: 'Ends one of your sessions, or (with core:users:write) anybody\'s.',
      errors: { types: [NotFoundError] },
      authScopes: { authenticated: true },
      args: { sessionId: t.arg.id({ required: true, validate: z.uuid() }) },
      resolve: async (_root, args, context) => {
        const session = await context.prisma.session.findUnique({ where: { id: String(args.sessionId) } });
        // Someone else's session is "not found" to whoever may not manage users.
        if (!session || (session.userId !== context.actor.id && !context.actor.can('core:users:write'))) {
          throw new NotFoundError('Session');
        }
        await context.prisma.session.update({ where: { id: session.id }, data: { revokedAt: new Date() } });
        context.audit = { ...context.audit, targetType: 'Session', targetId: session.id };
        return true;
      },
    }),
  }));
}
