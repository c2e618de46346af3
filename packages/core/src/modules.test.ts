import { describe, expect, it } from 'vitest';
import type { GeaContext } from './context.ts';
import { onBodyOf } from './modules.ts';

// onBodyOf only reads the record through the lookup it is given: a plain context stands in here
// (the database test of the same rule is in tests/integration/permission-rules.test.ts).
const context = {} as GeaContext;

describe('onBodyOf', () => {
  it('asks for the permission on the body of an existing record', async () => {
    const scope = onBodyOf('core:entities:write', async (c) => {
      expect(c).toBe(context);
      return { entityId: 'b7' };
    });
    expect(await scope(context)).toEqual({ entityPermission: { permission: 'core:entities:write', entityId: 'b7' } });
  });

  it('asks for the association-wide permission when the record does not exist', async () => {
    // Not mere authentication: a body-scoped holder must not learn that an id does not exist.
    expect(await onBodyOf('core:entities:read', async () => null)(context)).toEqual({ permission: 'core:entities:read' });
  });
});
