// Which protocol system may register messages of a registry office's mailboxes.
import type { Actor } from '@gea/core';

/**
 * Once a registry office names its protocol system's token, only that token registers messages and
 * receipts for the office's mailboxes: another token is refused (people with the write permission
 * still may).
 */
export function isAnotherProtocolSystem(actor: Pick<Actor, 'kind' | 'id'>, officeTokenId: string | null | undefined): boolean {
  return actor.kind === 'token' && !!officeTokenId && officeTokenId !== actor.id;
}

export interface CandidateToken {
  revokedAt: Date | null;
  entityId: string | null;
  scopes: readonly string[];
}

/**
 * Why a token cannot be the protocol system of a registry office, or null when it can: it must be a
 * live token acting for the office's body only, holding the permission to register messages.
 */
export function protocolTokenProblem(token: CandidateToken | null, officeEntityId: string, writePermission: string): string | null {
  if (!token) return 'is not an API token';
  if (token.revokedAt) return 'the token has been revoked';
  if (token.entityId !== officeEntityId) return 'the token must act for the registry office\'s body only';
  if (!token.scopes.includes(writePermission)) return `the token must hold ${writePermission}`;
  return null;
}
