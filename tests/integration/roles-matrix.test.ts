import { randomUUID } from 'node:crypto';
import { actorFromGrants } from '@gea/core';
import type { Role } from '@gea/db';
import inventory from '@gea/plugin-inventory';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '@gea/test-kit/api.ts';
import { seedBodies, toGlobalId } from '@gea/test-kit/seed.ts';
import { createActor } from '@gea/test-kit/users.ts';

/**
 * What each role may do, operation by operation: the table in the closing note of the core-domain
 * issue is this one. "own" is the body a referent or web editor belongs to, "other" any other body.
 */
const roles = ['ICT_HEAD', 'ICT_STAFF', 'REFERENT', 'WEB_EDITOR', 'BOARD_MEMBER', 'PROTOCOL_TOKEN'] as const;
/** A protocol system's API token for the own body: reads the body, reads and writes its inventory. */
const tokenScopes = ['core:entities:read', 'inventory:read', 'inventory:write'];
type Allowed = Record<(typeof roles)[number], boolean>;
const only = (...allowed: (typeof roles)[number][]): Allowed =>
  Object.fromEntries(roles.map((role) => [role, allowed.includes(role)])) as Allowed;

/** Records the operations name; the versions are read again before each operation (an update needs the current one). */
interface Ids {
  site: string;
  user: string;
  ownVersion: number;
  siteVersion: number;
}

interface Operation {
  name: string;
  query: string;
  variables: (own: string, other: string, n: number, ids: Ids) => Record<string, unknown>;
  /** The field whose value must be there when allowed. */
  field: string;
  allowed: Allowed;
  write?: boolean;
}

const operations: Operation[] = [
  { name: 'update own body', write: true, query: 'mutation ($own: ID!, $v: Int!, $n: String!) { updateEntity(id: $own, expectedVersion: $v, input: { kind: MUNICIPALITY, name: $n }) { __typename } }', variables: (own, _o, n, ids) => ({ own, v: ids.ownVersion, n: `Comune RM ${n}` }), field: 'updateEntity', allowed: only('ICT_HEAD', 'ICT_STAFF') },
  { name: 'update a site of own body', write: true, query: 'mutation ($site: ID!, $v: Int!, $n: String!) { updateSite(id: $site, expectedVersion: $v, input: { name: $n, address: "Via 2" }) { __typename } }', variables: (_own, _o, n, ids) => ({ site: ids.site, v: ids.siteVersion, n: `Sede ${n}` }), field: 'updateSite', allowed: only('ICT_HEAD', 'ICT_STAFF') },
  { name: 'grant a role', write: true, query: 'mutation ($user: ID!) { assignRole(userId: $user, role: BOARD_MEMBER) { __typename } }', variables: (_own, _o, _n, ids) => ({ user: ids.user }), field: 'assignRole', allowed: only('ICT_HEAD') },
  { name: 'name the referent of own body', write: true, query: 'mutation ($own: ID!, $user: ID!) { setReferent(entityId: $own, userId: $user) { __typename } }', variables: (own, _o, _n, ids) => ({ own, user: ids.user }), field: 'setReferent', allowed: only('ICT_HEAD') },
  { name: 'check a bodies CSV (dry run)', write: true, query: 'mutation ($csv: String!) { importEntities(csv: $csv, dryRun: true) { __typename } }', variables: (_own, _o, n) => ({ csv: `kind,name\nMUNICIPALITY,Nuovo ${n}\n` }), field: 'importEntities', allowed: only('ICT_HEAD', 'ICT_STAFF') },
  { name: 'check an ISTAT population file (dry run)', write: true, query: 'mutation ($csv: String!) { importPopulation(csv: $csv, dryRun: true) { __typename } }', variables: () => ({ csv: '"Bilancio demografico anno 2025"\n"Codice comune";"Comune";"Popolazione al 31 dicembre - Totale"\n"999999";"Altrove";100\n' }), field: 'importPopulation', allowed: only('ICT_HEAD', 'ICT_STAFF') },
  { name: 'create an association', write: true, query: 'mutation ($own: ID!, $n: String!) { createAssociation(input: { kind: CONVENTION, name: $n, leadEntityId: $own, startDate: "2025-01-01", durationYears: 5 }) { __typename } }', variables: (own, _o, n) => ({ own, n: `Convenzione ${n}` }), field: 'createAssociation', allowed: only('ICT_HEAD') },
  { name: 'read own body', query: 'query ($own: ID!) { node(id: $own) { ... on Entity { name } } }', variables: (own) => ({ own }), field: 'node', allowed: only('ICT_HEAD', 'ICT_STAFF', 'REFERENT', 'WEB_EDITOR', 'BOARD_MEMBER') },
  { name: 'read other body', query: 'query ($other: ID!) { node(id: $other) { ... on Entity { name } } }', variables: (_own, other) => ({ other }), field: 'node', allowed: only('ICT_HEAD', 'ICT_STAFF', 'BOARD_MEMBER') },
  { name: 'read own inventory', query: 'query ($own: ID!) { node(id: $own) { ... on Entity { assets(first: 3) { edges { cursor } } } } }', variables: (own) => ({ own }), field: 'node.assets', allowed: only('ICT_HEAD', 'ICT_STAFF', 'REFERENT', 'BOARD_MEMBER') },
  { name: 'read other inventory', query: 'query ($other: ID!) { node(id: $other) { ... on Entity { assets(first: 3) { edges { cursor } } } } }', variables: (_own, other) => ({ other }), field: 'node.assets', allowed: only('ICT_HEAD', 'ICT_STAFF', 'BOARD_MEMBER') },
  // Everyone with inventory read somewhere lists (the rows of their own bodies only: cross-body-isolation.test.ts).
  { name: 'list assets', query: '{ assets(first: 3) { edges { cursor } } }', variables: () => ({}), field: 'assets', allowed: only('ICT_HEAD', 'ICT_STAFF', 'REFERENT', 'BOARD_MEMBER', 'PROTOCOL_TOKEN') },
  { name: 'list associations', query: '{ associations { name } }', variables: () => ({}), field: 'associations', allowed: only('ICT_HEAD', 'ICT_STAFF', 'REFERENT', 'WEB_EDITOR', 'BOARD_MEMBER') },
  { name: 'list users', query: '{ users(first: 3) { edges { cursor } } }', variables: () => ({}), field: 'users', allowed: only('ICT_HEAD', 'ICT_STAFF') },
  // A referent reads the events concerning their own body (audit-event-bodies.test.ts).
  { name: 'read audit trail', query: '{ auditEvents(first: 3) { edges { cursor } } }', variables: () => ({}), field: 'auditEvents', allowed: only('ICT_HEAD', 'REFERENT') },
  { name: 'list API tokens', query: '{ apiTokens { prefix } }', variables: () => ({}), field: 'apiTokens', allowed: only('ICT_HEAD') },
  { name: 'add asset to own body', write: true, query: 'mutation ($own: ID!, $tag: String!) { createAsset(input: { entityId: $own, kind: LAPTOP, inventoryTag: $tag }) { __typename } }', variables: (own, _o, n) => ({ own, tag: `M-${n}` }), field: 'createAsset', allowed: only('ICT_HEAD', 'ICT_STAFF') },
  { name: 'add asset to other body', write: true, query: 'mutation ($other: ID!, $tag: String!) { createAsset(input: { entityId: $other, kind: LAPTOP, inventoryTag: $tag }) { __typename } }', variables: (_own, other, n) => ({ other, tag: `M-${n}` }), field: 'createAsset', allowed: only('ICT_HEAD', 'ICT_STAFF') },
  { name: 'record own population', write: true, query: 'mutation ($own: ID!, $n: Int!) { recordPopulation(entityId: $own, referenceDate: "2025-12-31", population: $n) { __typename } }', variables: (own, _o, n) => ({ own, n }), field: 'recordPopulation', allowed: only('ICT_HEAD', 'ICT_STAFF') },
  { name: 'add site to own body', write: true, query: 'mutation ($own: ID!, $name: String!) { createSite(entityId: $own, input: { name: $name, address: "Piazza 1" }) { __typename } }', variables: (own, _o, n) => ({ own, name: `Sede ${n}` }), field: 'createSite', allowed: only('ICT_HEAD', 'ICT_STAFF') },
  { name: 'enable a module', write: true, query: 'mutation ($own: ID!) { setModuleEnabled(entityId: $own, module: "inventory", enabled: true) { __typename } }', variables: (own) => ({ own }), field: 'setModuleEnabled', allowed: only('ICT_HEAD') },
  { name: 'create a user', write: true, query: 'mutation ($email: String!) { createUser(input: { email: $email, name: "N" }) { __typename } }', variables: (_own, _o, n) => ({ email: `u${n}@example.it` }), field: 'createUser', allowed: only('ICT_HEAD') },
  { name: 'create an API token', write: true, query: 'mutation { createApiToken(input: { name: "p", scopes: ["inventory:read"] }) { __typename } }', variables: () => ({}), field: 'createApiToken', allowed: only('ICT_HEAD') },
];

// What the protocol token may do, on top of the roles above.
const tokenMay = new Set(['read own body', 'read own inventory', 'list assets', 'add asset to own body']);
for (const operation of operations) operation.allowed.PROTOCOL_TOKEN = tokenMay.has(operation.name);

const t = useTestApi([inventory]);
let own: string;
let other: string;
let ownId: string;
let ids: Ids;
let siteId: string;

beforeAll(async () => {
  const [a, b] = await seedBodies(t.db, 2, 2, 'RM');
  ownId = a!.id;
  own = toGlobalId('Entity', a!.id);
  other = toGlobalId('Entity', b!.id);
  const site = await t.db.prisma.site.create({ data: { entityId: a!.id, name: 'Sede RM', address: 'Via 1' } });
  const user = await t.db.prisma.user.create({ data: { email: 'target@example.it', name: 'Target' } });
  siteId = site.id;
  ids = { site: toGlobalId('Site', site.id), user: toGlobalId('User', user.id), ownVersion: 1, siteVersion: 1 };
  await t.db.prisma.association.create({
    data: { kind: 'UNION', name: 'Unione di prova', leadEntityId: a!.id, startDate: new Date('2020-01-01') },
  });
});

const pick = (data: unknown, path: string) =>
  path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | null)?.[key], data);

describe('roles x operations', () => {
  let n = 0;
  for (const role of roles) {
    for (const operation of operations) {
      const allowed = operation.allowed[role];
      it(`${role} ${allowed ? 'may' : 'may not'} ${operation.name}`, async () => {
        const entityId = role === 'REFERENT' || role === 'WEB_EDITOR' ? ownId : null;
        const actor =
          role === 'PROTOCOL_TOKEN'
            ? actorFromGrants({ kind: 'token', id: randomUUID(), label: 'protocol token' }, tokenScopes.map((permission) => ({ permission, entityId: ownId })))
            : await createActor(t.db, t.api.composed, role.toLowerCase(), [{ role: role as Role, entityId }]);
        const audits = await t.db.prisma.auditEvent.count();
        ids.ownVersion = (await t.db.prisma.entity.findUniqueOrThrow({ where: { id: ownId } })).version;
        ids.siteVersion = (await t.db.prisma.site.findUniqueOrThrow({ where: { id: siteId } })).version;
        const response = await t.api.gql(operation.query, operation.variables(own, other, n++, ids), actor);
        const codes = (response.body.errors ?? []).map((error) => error.extensions?.code);
        if (allowed) {
          expect(codes).toEqual([]);
          expect(pick(response.body.data, operation.field)).toBeTruthy();
        } else {
          expect(codes).toContain(role === 'PROTOCOL_TOKEN' ? 'INSUFFICIENT_SCOPE' : 'FORBIDDEN');
          expect(pick(response.body.data, operation.field) ?? null).toBeNull();
        }
        if (operation.write) {
          const last = await t.db.prisma.auditEvent.findFirstOrThrow({ orderBy: { id: 'desc' } });
          expect(await t.db.prisma.auditEvent.count()).toBe(audits + 1);
          expect(last.outcome).toBe(allowed ? 'SUCCESS' : 'REFUSED');
        }
      });
    }
  }
});
