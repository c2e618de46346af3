import inventory from '@gea/plugin-inventory';
import procurement from '@gea/plugin-procurement';
import { describe, expect, it } from 'vitest';
import { useTestApi } from '@gea/test-kit/api.ts';
import connectivity from '../src/index.ts';
import { seedMaintenanceWorld, type MaintenanceWorld } from './maintenance-world.ts';

const t = useTestApi([inventory, procurement, connectivity]);

const RISKS = `query ($from: DateTime!, $to: DateTime!) {
  connectivityRisks(from: $from, to: $to) {
    isolatedSites { site { name } entity { name } from to maintenanceEvents { summary circuits { cid } } }
    singleLinkSites { site { name } circuit { cid } }
    offlineCircuits { cid status }
  }
}`;
const DEADLINES = `query ($from: Date!, $to: Date!) { connectivityDeadlines(from: $from, to: $to) { kind on subject cig } }`;
const range = { from: '2027-03-01T00:00:00.000Z', to: '2027-04-01T00:00:00.000Z' };

/** Both legs of A's main site and A's library in maintenance at once; a connectivity contract for A. */
async function addWorld(): Promise<MaintenanceWorld> {
  const w = await seedMaintenanceWorld(t.db, 'S');
  await t.db.prisma.maintenanceEvent.create({
    data: {
      providerId: w.providerId,
      summary: 'Dorsale',
      startsAt: new Date('2027-03-05T00:00:00Z'),
      endsAt: new Date('2027-03-05T03:00:00Z'),
      impact: 'OUTAGE',
      status: 'CONFIRMED',
      circuits: { create: [{ circuitId: w.circuits.a1.id }, { circuitId: w.circuits.a2.id }, { circuitId: w.circuits.a3.id }] },
    },
  });
  const contract = await t.db.prisma.contract.create({
    data: {
      kind: 'SERVICES', subject: 'Connettività', supplierId: w.supplierId, contractingEntityId: w.a.id,
      startsOn: new Date('2024-01-01'), endsOn: new Date('2027-04-30'), valueCents: 100, entities: { create: { entityId: w.a.id } },
    },
  });
  await t.db.prisma.connectivityContract.create({
    data: { contractId: contract.id, framework: 'NONE', noticePeriodDays: 30, renewal: 'NONE', currentTermEndsOn: new Date('2027-04-30'), shares: { create: { entityId: w.a.id, basisPoints: 10_000 } } },
  });
  return w;
}

async function statementsFor(query: string, variables: Record<string, unknown>) {
  const { result, statements } = await t.api.countStatements(() => t.api.gql(query, variables));
  expect(result.body.errors).toBeUndefined();
  return { data: result.body.data!, statements: statements.length };
}

describe('connectivity risks and deadlines read with a fixed number of statements', () => {
  it('the same count for one world and for eight', async () => {
    await addWorld();
    const small = await statementsFor(RISKS, range);
    const smallDeadlines = await statementsFor(DEADLINES, { from: '2027-03-01', to: '2027-05-31' });
    expect(small.data.connectivityRisks.isolatedSites).toHaveLength(2);
    expect(smallDeadlines.data.connectivityDeadlines).toHaveLength(2);
    for (let i = 0; i < 7; i += 1) await addWorld();
    const large = await statementsFor(RISKS, range);
    const largeDeadlines = await statementsFor(DEADLINES, { from: '2027-03-01', to: '2027-05-31' });
    expect(large.data.connectivityRisks.isolatedSites).toHaveLength(16);
    expect(large.data.connectivityRisks.singleLinkSites).toHaveLength(16);
    expect(large.data.connectivityRisks.offlineCircuits).toHaveLength(8);
    expect(largeDeadlines.data.connectivityDeadlines).toHaveLength(16);
    expect(large.statements).toBe(small.statements);
    expect(largeDeadlines.statements).toBe(smallDeadlines.statements);
    expect(large.statements).toBeLessThanOrEqual(12);
    expect(largeDeadlines.statements).toBeLessThanOrEqual(4);
  });
});
