import type { Prisma } from '@gea/db';
import { hashToken, newSecret } from './secrets.ts';

export interface StartedSession {
  /** The bearer secret: given to the client once, stored only as its hash. */
  token: string;
  sessionId: string;
  expiresAt: Date;
}

/** Opens a session for a user who has just proved who they are (password or OpenID Connect). */
export async function startSession(
  prisma: Prisma.TransactionClient,
  userId: string,
  method: 'password' | 'oidc',
  ttlMs: number,
  userAgent?: string | null,
): Promise<StartedSession> {
  const token = newSecret();
  const expiresAt = new Date(Date.now() + ttlMs);
  const session = await prisma.session.create({
    data: { userId, tokenHash: hashToken(token), method, expiresAt, userAgent: userAgent?.slice(0, 300) ?? null },
  });
  return { token, sessionId: session.id, expiresAt };
}
