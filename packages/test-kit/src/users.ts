import { randomUUID } from 'node:crypto';
import { actorFromGrants, grantsForRoles, hashPassword, startSession, type Actor, type ComposedSchema } from '@gea/core';
import type { Database, Role } from '@gea/db';

let passwordHash: Promise<string> | undefined;
export const TEST_PASSWORD = 'correct horse battery staple';

/** A user with the given roles (entityId null: association-wide), password TEST_PASSWORD. */
export async function createUser(db: Database, email: string, roles: { role: Role; entityId: string | null }[] = []) {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  return db.prisma.user.create({
    data: { email, name: email.split('@')[0]!, passwordHash: await passwordHash, roles: { create: roles } },
  });
}

/** A real session for the user, as `login` would open: returns the bearer token. */
export async function sessionToken(db: Database, userId: string, ttlMs = 60 * 60 * 1000): Promise<string> {
  return (await startSession(db.prisma, userId, 'password', ttlMs)).token;
}

/** The actor a user with these roles becomes, for tests that exercise scopes rather than sign-in. */
export function actorForRoles(composed: ComposedSchema, label: string, roles: { role: Role; entityId: string | null }[]): Actor {
  return actorFromGrants({ kind: 'user', id: randomUUID(), label }, grantsForRoles(roles, composed.permissions));
}

/** A real user with these roles, and the actor they become once signed in. */
export async function createActor(db: Database, composed: ComposedSchema, label: string, roles: { role: Role; entityId: string | null }[]): Promise<Actor> {
  const user = await createUser(db, `${label}.${randomUUID().slice(0, 8)}@example.it`, roles);
  return actorFromGrants({ kind: 'user', id: user.id, label }, grantsForRoles(roles, composed.permissions));
}
