import connectivity from '@gea/plugin-connectivity';
import inventory from '@gea/plugin-inventory';
import procurement from '@gea/plugin-procurement';
import { describe, expect, it } from 'vitest';
import { useTestApi } from '@gea/test-kit/api.ts';
import { enableModules, seedBodies } from '@gea/test-kit/seed.ts';

const t = useTestApi([inventory, procurement, connectivity]);

const LIST = `{ connectivityContracts {
  framework renewal termEndsOn noticeDate daysToNotice state tacitRenewals renewsTacitly
  contract { subject cig supplier { name } endsOn }
  shares { basisPoints entity { name } }
} }`;

let made = 0;
/** `count` SERVICES contracts, each serving two of the bodies, with connectivity terms. */
async function addContracts(bodies: { id: string }[], count: number) {
  const supplier = await t.db.prisma.supplier.create({ data: { name: `Operatore ${made}` } });
  for (let i = 0; i < count; i++) {
    const pair = [bodies[i % bodies.length]!.id, bodies[(i + 1) % bodies.length]!.id];
    const contract = await t.db.prisma.contract.create({
      data: {
        kind: 'SERVICES',
        subject: `Connettività ${++made}`,
        supplierId: supplier.id,
        contractingEntityId: pair[0]!,
        startsOn: new Date('2024-01-01'),
        endsOn: new Date('2027-12-31'),
        renewableUntil: new Date('2031-12-31'),
        valueCents: 100_00,
        entities: { create: pair.map((entityId) => ({ entityId })) },
      },
    });
    await t.db.prisma.connectivityContract.create({
      data: {
        contractId: contract.id,
        framework: 'REGIONAL',
        noticePeriodDays: 90,
        renewal: i % 2 === 0 ? 'TACIT' : 'EXPRESS',
        renewalMonths: 12,
        currentTermEndsOn: contract.endsOn,
        shares: { create: pair.map((entityId) => ({ entityId, basisPoints: 5000 })) },
      },
    });
  }
}

async function statementsFor(query: string) {
  const { result, statements } = await t.api.countStatements(() => t.api.gql(query));
  expect(result.body.errors).toBeUndefined();
  return { data: result.body.data!, statements };
}

describe('connectivityContracts costs the same statements for 2 or 20 contracts (no N+1)', () => {
  it('reads the terms, procurement facts, contracts, suppliers and shares in a fixed number of queries', async () => {
    const bodies = await seedBodies(t.db, 4, 0, 'S');
    await enableModules(t.db, bodies.map((b) => b.id), ['procurement', 'connectivity']);
    await addContracts(bodies, 2);
    const few = await statementsFor(LIST);
    expect(few.data.connectivityContracts).toHaveLength(2);
    await addContracts(bodies, 18);
    const many = await statementsFor(LIST);
    expect(many.data.connectivityContracts).toHaveLength(20);
    expect(many.data.connectivityContracts[0].shares).toHaveLength(2);
    expect(many.statements.length).toBe(few.statements.length);
  });
});
