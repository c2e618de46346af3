// Idempotency keys for machine clients (issue 12): a protocol system that retries a mutation after a
// lost answer must not register it twice. On PostgreSQL too, with concurrent repeats.
import { randomUUID } from 'node:crypto';
import { actorFromGrants, type Actor } from '@gea/core';
import inventory from '@gea/plugin-inventory';
import { createTestApi, type TestApi } from '@gea/test-kit/api.ts';
import { createTestDatabase } from '@gea/test-kit/database.ts';
import { enableModules, seedBodies, toGlobalId } from '@gea/test-kit/seed.ts';
import type { Database } from '@gea/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let db: Database;
let api: TestApi;
let entityId: string;
const tokenActor = (label: string): Actor =>
  actorFromGrants({ kind: 'token', id: randomUUID(), label }, [
    { permission: 'inventory:write', entityId: null },
    { permission: 'core:entities:read', entityId: null },
  ]);
const protocol = tokenActor('protocol system');

const createAsset = `mutation CreateAsset($input: CreateAssetInput!) {
  createAsset(input: $input) { __typename ... on Asset { id inventoryTag } ... on Error { code message } }
}`;
const inputFor = (tag: string) => ({ input: { entityId: toGlobalId('Entity', entityId), kind: 'PRINTER', inventoryTag: tag } });
const withKey = (key: string) => ({ 'idempotency-key': key });

const assetsTagged = (tag: string) => db.prisma.asset.count({ where: { inventoryTag: tag } });
const auditedCreations = (tag: string) =>
  db.prisma.auditEvent.count({ where: { operation: 'createAsset', outcome: 'SUCCESS', after: { path: ['inventoryTag'], equals: tag } } });

beforeAll(async () => {
  db = await createTestDatabase();
  api = createTestApi(db, [inventory]);
  const [body] = await seedBodies(db, 1, 0, 'I');
  entityId = body!.id;
  await enableModules(db, [entityId]);
});
afterAll(() => db?.close());

describe('Idempotency-Key on a mutation', () => {
  it('a repeat replays the first answer without running the mutation again (no second asset, no second audit record)', async () => {
    const key = `key-${randomUUID()}`;
    const first = await api.gql(createAsset, inputFor('IDEM-1'), protocol, withKey(key));
    expect(first.status).toBe(200);
    expect(first.body.data?.createAsset.__typename).toBe('Asset');
    const repeat = await api.gql(createAsset, inputFor('IDEM-1'), protocol, withKey(key));
    expect(repeat.status).toBe(200);
    expect(repeat.body).toEqual(first.body);
    expect(repeat.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(await assetsTagged('IDEM-1')).toBe(1);
    expect(await auditedCreations('IDEM-1')).toBe(1);
    // Without a key the same mutation runs again, as before: the tag is taken now.
    const unkeyed = await api.gql(createAsset, inputFor('IDEM-1'), protocol);
    expect(unkeyed.body.data?.createAsset.__typename).toBe('ConflictError');
  });

  it('the same key with other variables or another operation is refused with 422', async () => {
    const key = `key-${randomUUID()}`;
    await api.gql(createAsset, inputFor('IDEM-2'), protocol, withKey(key));
    const otherVariables = await api.gql(createAsset, inputFor('IDEM-2b'), protocol, withKey(key));
    expect(otherVariables.status).toBe(422);
    expect(otherVariables.body.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const otherOperation = await api.gql('mutation { logout }', {}, protocol, withKey(key));
    expect(otherOperation.status).toBe(422);
    expect(await assetsTagged('IDEM-2b')).toBe(0);
  });

  it('keys belong to their caller: another token may use the same key', async () => {
    const key = `key-${randomUUID()}`;
    await api.gql(createAsset, inputFor('IDEM-3'), protocol, withKey(key));
    const other = await api.gql(createAsset, inputFor('IDEM-3'), tokenActor('another system'), withKey(key));
    expect(other.headers.get('idempotent-replayed')).toBeNull();
    // It ran: the tag was taken by the first system's asset.
    expect(other.body.data?.createAsset.__typename).toBe('ConflictError');
  });

  it('concurrent repeats never run twice: one runs, the others wait for its answer (409 with Retry-After) or replay it', async () => {
    const key = `key-${randomUUID()}`;
    const responses = await Promise.all(Array.from({ length: 12 }, () => api.gql(createAsset, inputFor('IDEM-4'), protocol, withKey(key))));
    expect(await assetsTagged('IDEM-4')).toBe(1);
    expect(await auditedCreations('IDEM-4')).toBe(1);
    const answered = responses.filter((response) => response.status === 200);
    const busy = responses.filter((response) => response.status === 409);
    expect(answered.length + busy.length).toBe(responses.length);
    expect(answered.length).toBeGreaterThanOrEqual(1);
    expect(new Set(answered.map((response) => response.body.data?.createAsset.id)).size).toBe(1);
    for (const response of busy) {
      expect(response.body.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_KEY_IN_PROGRESS');
      expect(response.headers.get('retry-after')).toBe('1');
    }
    // Retrying after the answer always replays it.
    const retried = await api.gql(createAsset, inputFor('IDEM-4'), protocol, withKey(key));
    expect(retried.body.data?.createAsset.id).toBe(answered[0]!.body.data?.createAsset.id);
  });

  it('a request refused before it ran frees its key; a bad key and a key on a query are handled', async () => {
    const key = `key-${randomUUID()}`;
    const invalid = await api.gql(createAsset.replace('inventoryTag }', 'inventoryTag nope }'), inputFor('IDEM-5'), protocol, withKey(key));
    expect(invalid.status).toBe(400);
    const valid = await api.gql(createAsset, inputFor('IDEM-5'), protocol, withKey(key));
    expect(valid.body.data?.createAsset.__typename).toBe('Asset');

    const short = await api.gql(createAsset, inputFor('IDEM-6'), protocol, withKey('short'));
    expect(short.status).toBe(400);
    expect(short.body.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_KEY_INVALID');
    expect(await assetsTagged('IDEM-6')).toBe(0);

    const query = await api.gql('{ installedPlugins { key } }', {}, protocol, withKey(key));
    expect(query.body.data?.installedPlugins).toEqual([{ key: 'inventory' }]);
  });

  it('an expired key runs again, and expired keys are deleted on the next write', async () => {
    const key = `key-${randomUUID()}`;
    await api.gql(createAsset, inputFor('IDEM-7'), protocol, withKey(key));
    await db.prisma.idempotencyKey.updateMany({ where: { key }, data: { expiresAt: new Date('2020-01-01T00:00:00Z') } });
    const again = await api.gql(createAsset, inputFor('IDEM-7'), protocol, withKey(key));
    expect(again.headers.get('idempotent-replayed')).toBeNull();
    expect(again.body.data?.createAsset.__typename).toBe('ConflictError');

    const stale = `stale-${randomUUID()}`;
    await db.prisma.idempotencyKey.create({ data: { actorKey: 'token:gone', key: stale, fingerprint: 'x', expiresAt: new Date('2020-01-01T00:00:00Z') } });
    const fresh = createTestApi(db, [inventory]); // a new process: its first write cleans up
    await fresh.gql(createAsset, inputFor('IDEM-8'), protocol, withKey(`key-${randomUUID()}`));
    expect(await db.prisma.idempotencyKey.count({ where: { key: stale } })).toBe(0);
    expect(await db.prisma.idempotencyKey.count({ where: { expiresAt: { lt: new Date() } } })).toBe(0);
  });
});
