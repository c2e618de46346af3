// A cost allocation's lines written as JSON by the plugin (body-lines-json.ts, spliced into the
// response by the API server) must be the executor's answer byte for byte: for random selections of
// the line's fields and of its body, with aliases, __typename, fragments, directives and fields
// that keep the executor, for readers who see every body, one body, or may not read the bodies.
import { actorFromGrants, actorWithPermissions, type Actor } from '@gea/core';
import costSharing from '@gea/plugin-cost-sharing';
import inventory from '@gea/plugin-inventory';
import procurement from '@gea/plugin-procurement';
import { createTestApi, type TestApi } from '@gea/test-kit/api.ts';
import { createTestDatabase } from '@gea/test-kit/database.ts';
import { enableModules, seedBodies, toGlobalId } from '@gea/test-kit/seed.ts';
import type { Database } from '@gea/db';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const YEAR = 2025;
let db: Database;
let spliced: TestApi;
let executed: TestApi;
let gid: string;
let bodyIds: string[];
let executorData: unknown;

beforeAll(async () => {
  db = await createTestDatabase();
  const plugins = [inventory, procurement, costSharing];
  // What the executor itself completed, before the response is written: an empty list where the plugin wrote the lines.
  spliced = createTestApi(db, plugins, {
    yogaPlugins: [{ onExecute: () => ({ onExecuteDone: ({ result }) => void (executorData = (result as { data?: unknown }).data) }) }],
  });
  executed = createTestApi(db, plugins, { splicedJson: false });
  const bodies = await seedBodies(db, 12, 3, 'L');
  bodyIds = bodies.map((body) => body.id);
  await enableModules(db, bodyIds, ['inventory', 'procurement', 'cost-sharing']);
  const association = await db.prisma.association.create({
    data: {
      kind: 'CONVENTION',
      name: 'Convenzione righe',
      leadEntityId: bodyIds[0]!,
      startDate: new Date('2020-01-01'),
      members: { create: bodyIds.map((entityId) => ({ entityId, joinedOn: new Date('2020-01-01') })) },
    },
  });
  for (const [i, category] of (['CURRENT', 'CAPITAL'] as const).entries()) {
    await db.prisma.expense.create({
      data: { associationId: association.id, year: YEAR, description: `Spesa ${i}`, plan: 'PURCHASES', category, amountCents: 1_234_567 + i * 98_765, vatCents: 271_604 },
    });
  }
  await db.prisma.staffSecondment.create({
    data: { associationId: association.id, year: YEAR, lendingEntityId: bodyIds[2]!, personName: 'Persona', timeShareBasisPoints: 5000, costCents: 180_000 },
  });
  gid = toGlobalId('Association', association.id);
});
afterAll(() => db?.close());

const PLAIN = ['name', 'pcs', 'population', 'pcShare', 'populationShare', 'pcQuotaCents', 'populationQuotaCents', 'staffReimbursementCents', 'totalCents', '__typename'];
// Fields that keep the executor: arguments, lists of objects, more of the body, a fragment, a directive.
const OTHER = ['explanation(locale: EN)', 'correctives { label amountCents }', 'populationDate', 'entity { name }', '... on BodyAllocation { pcs }', 'pcs @include(if: true)'];
const field = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.constantFrom(...PLAIN), fc.option(fc.constantFrom('a', 'b', 'c'), { nil: undefined })).map(([name, alias]) => (alias ? `${alias}_${name === '__typename' ? 't' : name}: ${name}` : name)) },
  { weight: 2, arbitrary: fc.subarray(['id', '__typename', 'kind: __typename'], { minLength: 1 }).map((inner) => `entity { ${inner.join(' ')} }`) },
  { weight: 1, arbitrary: fc.constantFrom(...OTHER) },
);
const selection = fc.uniqueArray(field, { minLength: 1, maxLength: 6, selector: (text) => text.replace(/\(.*|\{.*|@.*/, '').split(':')[0]!.trim() });

const asText = (body: unknown) => JSON.stringify(body, (key, value) => (key === 'requestId' ? undefined : value));

const readers: [string, Actor][] = [
  ['office', actorWithPermissions('office', ['*'], 'user')],
  ['referent', actorFromGrants({ kind: 'user', id: null, label: 'referent' }, [
    { permission: 'cost-sharing:read', entityId: null },
    { permission: 'core:entities:read', entityId: null },
  ])],
  ['cost sharing without the bodies', actorFromGrants({ kind: 'user', id: null, label: 'no bodies' }, [{ permission: 'cost-sharing:read', entityId: null }])],
];

describe('cost allocation lines written as JSON', () => {
  it('are the executor\'s answer, byte for byte, for any selection and reader', async () => {
    await fc.assert(
      fc.asyncProperty(selection, fc.constantFrom(...readers), async (fields, [, actor]) => {
        const query = `query ($a: ID!, $year: Int!) { costAllocation(association: $a, year: $year) { ... on CostAllocation { memberCount lines: bodies { ${fields.join(' ')} } } } }`;
        const [mine, theirs] = await Promise.all([spliced.gql(query, { a: gid, year: YEAR }, actor), executed.gql(query, { a: gid, year: YEAR }, actor)]);
        // As text, so that the order of the keys counts too; request ids differ by nature.
        expect(asText(mine.body)).toBe(asText(theirs.body));
      }),
      { numRuns: 80 },
    );
  });

  it('are written by the plugin for plain figures, and the same as the executor\'s', async () => {
    const query = `query ($a: ID!, $year: Int!) { costAllocation(association: $a, year: $year) { ... on CostAllocation { bodies { entity { id } pcs population pcQuotaCents populationQuotaCents totalCents } } } }`;
    const mine = await spliced.gql(query, { a: gid, year: YEAR });
    const theirs = await executed.gql(query, { a: gid, year: YEAR });
    expect(asText(mine.body)).toBe(asText(theirs.body));
    expect(mine.body.data!.costAllocation.bodies).toHaveLength(12);
    expect(executorData).toEqual({ costAllocation: { bodies: [] } });
    // Asked for more than plain figures, the executor completes the lines itself.
    await spliced.gql(query.replace('pcs population', 'pcs explanation population'), { a: gid, year: YEAR });
    expect((executorData as { costAllocation: { bodies: unknown[] } }).costAllocation.bodies).toHaveLength(12);
    expect(new Set(mine.body.data!.costAllocation.bodies.map((line: { entity: { id: string } }) => line.entity.id))).toEqual(new Set(bodyIds.map((id) => toGlobalId('Entity', id))));
  });
});
