// Issue 17's safety net: every query the web client sends gives the same JSON through the compiled
// read path and through the resolvers, on the demo data, for every role, on both databases.
import { actorFromGrants, seedDemoData, type Actor } from '@gea/core';
import { clientDocuments } from '@gea/web/server';
import connectivity from '@gea/plugin-connectivity';
import costSharing from '@gea/plugin-cost-sharing';
import inventory from '@gea/plugin-inventory';
import pecSignatures from '@gea/plugin-pec-signatures';
import procurement from '@gea/plugin-procurement';
import webHosting from '@gea/plugin-web-hosting';
import { createTestApi, type TestApi } from '@gea/test-kit/api.ts';
import { createTestDatabase } from '@gea/test-kit/database.ts';
import { toGlobalId } from '@gea/test-kit/seed.ts';
import { sampleVariable } from '@gea/test-kit/sample-variables.ts';
import { actorForRoles } from '@gea/test-kit/users.ts';
import type { Database } from '@gea/db';
import {
  parse,
  typeFromAST,
  type GraphQLInputType,
  type OperationDefinitionNode,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const plugins = [inventory, procurement, costSharing, pecSignatures, connectivity, webHosting];
let db: Database;
let compiled: TestApi;
let resolvers: TestApi;
const outcomes: { kind: string; reason?: string }[] = [];
let actors: { name: string; actor: Actor }[];
let ids: Record<'entity' | 'asset' | 'contract', string>;

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemoData(db.prisma, plugins, { password: 'gea-demo-test', log: () => {} });
  // verify off here: this test compares the two paths itself, and says which operations compiled
  compiled = createTestApi(db, plugins, { compiledReads: { enabled: true, observe: (outcome) => outcomes.push(outcome) } });
  resolvers = createTestApi(db, plugins, { compiledReads: false });
  const body = await db.prisma.entity.findFirstOrThrow({ where: { assets: { some: {} } }, orderBy: { name: 'asc' }, select: { id: true } });
  const asset = await db.prisma.asset.findFirstOrThrow({ where: { entityId: body.id }, select: { id: true } });
  const contract = await db.prisma.contract.findFirst({ select: { id: true } });
  ids = { entity: toGlobalId('Entity', body.id), asset: toGlobalId('Asset', asset.id), contract: contract ? toGlobalId('Contract', contract.id) : toGlobalId('Contract', body.id) };
  const roles = (role: 'ICT_HEAD' | 'ICT_STAFF' | 'BOARD_MEMBER' | 'REFERENT' | 'WEB_EDITOR', own: boolean) =>
    actorForRoles(compiled.composed, role, [{ role, entityId: own ? body.id : null }]);
  actors = [
    { name: 'ICT head', actor: roles('ICT_HEAD', false) },
    { name: 'ICT staff', actor: roles('ICT_STAFF', false) },
    { name: 'board member', actor: roles('BOARD_MEMBER', false) },
    { name: 'referent', actor: roles('REFERENT', true) },
    { name: 'web editor', actor: roles('WEB_EDITOR', true) },
    {
      name: 'protocol token',
      actor: actorFromGrants({ kind: 'token', id: null, label: 'protocol' }, ['core:entities:read', 'inventory:read', 'pec-signatures:read'].map((permission) => ({ permission, entityId: body.id }))),
    },
  ];
}, 300_000);
afterAll(() => db?.close());

/** A value for a variable: ids of demo rows by the variable's name, small pages, the first enum value. */
function scalarSample(typeName: string, name: string): unknown {
  switch (typeName) {
    case 'Int':
      return name === 'first' || name === 'last' ? 20 : new Date().getUTCFullYear();
    case 'Boolean':
      return false;
    case 'Date':
      return '2025-12-31';
    case 'ID':
      return /asset/i.test(name) ? ids.asset : /contract/i.test(name) ? ids.contract : ids.entity;
    default:
      return undefined;
  }
}

const withoutRequestIds = (body: { errors?: { extensions?: Record<string, unknown> }[] }) => ({
  ...body,
  errors: body.errors?.map((error) => ({ ...error, extensions: { ...error.extensions, requestId: undefined } })),
});

describe("the web client's queries", () => {
  it('give the same JSON through the compiled path and the resolvers, for every role', async () => {
    const schema = compiled.composed.schema;
    const queries = (await clientDocuments()).flatMap(({ file, source }) => {
      const operation = parse(source).definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!;
      return operation.operation === 'query' ? [{ file, source, operation }] : [];
    });
    expect(queries.length).toBeGreaterThan(20);
    const compiledOperations = new Set<string>();
    let compared = 0;
    for (const { file, source, operation } of queries) {
      const variables = Object.fromEntries(
        (operation.variableDefinitions ?? []).map((v) => [v.variable.name.value, sampleVariable(typeFromAST(schema, v.type as never) as GraphQLInputType, v.variable.name.value, scalarSample)]),
      );
      for (const { name, actor } of actors) {
        outcomes.length = 0;
        const expected = await resolvers.gql(source, variables, actor);
        const actual = await compiled.gql(source, variables, actor);
        expect(withoutRequestIds(actual.body), `${file} ${operation.name?.value} as ${name}`).toEqual(withoutRequestIds(expected.body));
        expect(actual.status).toBe(expected.status);
        compared++;
        if (outcomes[0]?.kind === 'compiled') compiledOperations.add(operation.name?.value ?? file);
      }
    }
    console.info(`${queries.length} queries x ${actors.length} roles compared; compiled: ${[...compiledOperations].sort().join(', ')}`);
    expect(compared).toBe(queries.length * actors.length);
    // The everyday lists compile: a check that the comparison above covers the compiled path at all.
    expect(compiledOperations.size).toBeGreaterThanOrEqual(3);
  }, 600_000);
});
