import inventory from '@gea/plugin-inventory';
import { describe, expect, it } from 'vitest';
import { postWithRealAuth, useTestApi } from '@gea/test-kit/api.ts';
import { seedBodies, toGlobalId } from '@gea/test-kit/seed.ts';
import { createUser, sessionToken } from '@gea/test-kit/users.ts';

// Finding 3 of issue 12: a token kept reading and writing after its creator was disabled or lost
// the role that let them create it. A token's power is now its scopes intersected with what its
// creator could grant on its body at the time of each request.
const t = useTestApi([inventory]);
const post = (query: string, variables: Record<string, unknown> = {}, token?: string) =>
  postWithRealAuth(t.db, [inventory], query, variables, token);

const CREATE = `mutation ($input: CreateApiTokenInput!) {
  createApiToken(input: $input) { __typename ... on CreatedApiToken { token apiToken { id } } ... on InputError { issues { message } } }
}`;
const READ = 'query ($id: ID!) { node(id: $id) { ... on Entity { assets(first: 5) { edges { node { inventoryTag } } } } } }';
const WRITE = 'mutation ($input: CreateAssetInput!) { createAsset(input: $input) { __typename } }';

describe('an API token has no more power than its creator has today', () => {
  it('creator disabled: refused with TOKEN_CREATOR_DISABLED; role removed: its scopes gone at once; restored: works again', async () => {
    const [body] = await seedBodies(t.db, 1, 2, 'RV');
    const bodyGid = toGlobalId('Entity', body!.id);
    const creator = await createUser(t.db, 'creator@example.it', [
      { role: 'ICT_HEAD', entityId: null },
      { role: 'REFERENT', entityId: body!.id },
    ]);
    const created = await post(
      CREATE,
      { input: { name: 'Protocollo', scopes: ['core:entities:read', 'inventory:read', 'inventory:write'], entityId: bodyGid } },
      await sessionToken(t.db, creator.id),
    );
    const token = created.body.data.createApiToken.token as string;
    const write = () => post(WRITE, { input: { entityId: bodyGid, kind: 'LAPTOP' } }, token);
    const read = () => post(READ, { id: bodyGid }, token);

    expect((await write()).body.data.createAsset.__typename).toBe('Asset');
    expect((await read()).body.data.node.assets.edges.length).toBeGreaterThan(0);

    // The creator loses the ICT head role: as a referent they could grant inventory:read on this
    // body, not inventory:write, so the token keeps reading and stops writing on its next request.
    await t.db.prisma.roleAssignment.deleteMany({ where: { userId: creator.id, role: 'ICT_HEAD' } });
    const refusedWrite = await write();
    expect(refusedWrite.body.errors![0].extensions).toMatchObject({ code: 'INSUFFICIENT_SCOPE', permission: 'inventory:write' });
    expect((await read()).body.data.node.assets.edges.length).toBeGreaterThan(0);

    // The creator is disabled: the token is refused outright, with a code of its own.
    await t.db.prisma.user.update({ where: { id: creator.id }, data: { active: false } });
    for (const response of [await read(), await write()]) {
      expect(response.status).toBe(401);
      expect(response.body.errors![0].extensions.code).toBe('TOKEN_CREATOR_DISABLED');
    }

    // Enabled again with the role back: the token works again (it was never revoked).
    await t.db.prisma.user.update({ where: { id: creator.id }, data: { active: true } });
    await t.db.prisma.roleAssignment.create({ data: { userId: creator.id, role: 'ICT_HEAD', entityId: null } });
    expect((await write()).body.data.createAsset.__typename).toBe('Asset');
  });

  it('a token whose creator was removed is refused', async () => {
    const [body] = await seedBodies(t.db, 1, 1, 'RD');
    const creator = await createUser(t.db, 'leaving@example.it', [{ role: 'ICT_HEAD', entityId: null }]);
    const created = await post(
      CREATE,
      { input: { name: 'Orfano', scopes: ['core:entities:read', 'inventory:read'], entityId: toGlobalId('Entity', body!.id) } },
      await sessionToken(t.db, creator.id),
    );
    const token = created.body.data.createApiToken.token as string;
    await t.db.prisma.user.delete({ where: { id: creator.id } });
    const response = await post(READ, { id: toGlobalId('Entity', body!.id) }, token);
    expect(response.status).toBe(401);
    expect(response.body.errors![0].extensions.code).toBe('TOKEN_CREATOR_DISABLED');
  });
});
