import { describe, expect, it } from 'vitest';
import { isAnotherProtocolSystem, protocolTokenProblem } from './protocol-system.ts';

describe('isAnotherProtocolSystem', () => {
  it('refuses only a token other than the one the office names', () => {
    expect(isAnotherProtocolSystem({ kind: 'token', id: 'other' }, 'bound')).toBe(true);
    expect(isAnotherProtocolSystem({ kind: 'token', id: 'bound' }, 'bound')).toBe(false);
  });

  it('lets any token in while the office names none', () => {
    expect(isAnotherProtocolSystem({ kind: 'token', id: 'any' }, null)).toBe(false);
    expect(isAnotherProtocolSystem({ kind: 'token', id: 'any' }, undefined)).toBe(false);
  });

  it('never refuses people', () => {
    expect(isAnotherProtocolSystem({ kind: 'user', id: 'someone' }, 'bound')).toBe(false);
  });
});

describe('protocolTokenProblem', () => {
  const live = { revokedAt: null, entityId: 'body', scopes: ['pec-signatures:read', 'pec-signatures:write'] };

  it('accepts a live token of the office body holding the permission', () => {
    expect(protocolTokenProblem(live, 'body', 'pec-signatures:write')).toBeNull();
  });

  it('names what is wrong, first problem first', () => {
    expect(protocolTokenProblem(null, 'body', 'pec-signatures:write')).toBe('is not an API token');
    expect(protocolTokenProblem({ ...live, revokedAt: new Date(), entityId: 'other' }, 'body', 'pec-signatures:write')).toBe('the token has been revoked');
    expect(protocolTokenProblem({ ...live, entityId: null }, 'body', 'pec-signatures:write')).toBe('the token must act for the registry office\'s body only');
    expect(protocolTokenProblem({ ...live, scopes: ['pec-signatures:read'] }, 'body', 'pec-signatures:write')).toBe('the token must hold pec-signatures:write');
  });
});
