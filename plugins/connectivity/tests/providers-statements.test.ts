import connectivity from '@gea/plugin-connectivity';
import inventory from '@gea/plugin-inventory';
import procurement from '@gea/plugin-procurement';
import { describe, expect, it } from 'vitest';
import { useTestApi } from '@gea/test-kit/api.ts';
import { enableModules } from '@gea/test-kit/seed.ts';
import { actorForRoles } from '@gea/test-kit/users.ts';

const t = useTestApi([inventory, procurement, connectivity]);

const tree = `{
  connectivityProviders {
    name
    accounts { accountNumber entity { name } }
    networks { name virtualCircuits { name terminations { role circuit { cid } } } }
  }
}`;

let progressive = 0;
/** Providers, each with an account and a circuit per body, one network and a mesh virtual circuit over every circuit. */
async function addProviders(count: number, bodies: number) {
  const entities = [];
  for (let i = 0; i < bodies; i++) entities.push(await t.db.prisma.entity.create({ data: { kind: 'MUNICIPALITY', name: `Comune S${++progressive}` } }));
  await enableModules(t.db, entities.map((e) => e.id), ['inventory', 'procurement', 'connectivity']);
  for (let p = 0; p < count; p++) {
    const n = ++progressive;
    const supplier = await t.db.prisma.supplier.create({ data: { name: `Operatore ${n}` } });
    const provider = await t.db.prisma.connectivityProvider.create({ data: { supplierId: supplier.id, name: `Operatore ${n}` } });
    const network = await t.db.prisma.providerNetwork.create({ data: { providerId: provider.id, name: `Rete ${n}`, kind: 'MPLS' } });
    const vc = await t.db.prisma.virtualCircuit.create({ data: { providerNetworkId: network.id, name: `VPN ${n}`, status: 'ACTIVE' } });
    await t.db.prisma.providerAccount.createMany({ data: entities.map((e, i) => ({ providerId: provider.id, entityId: e.id, accountNumber: `${n}-${i}` })) });
    for (const [i, entity] of entities.entries()) {
      const circuit = await t.db.prisma.circuit.create({
        data: { providerId: provider.id, cid: `C${n}-${i}`, type: 'NETWORK_ACCESS', technology: 'FTTC', status: 'ACTIVE', entityId: entity.id, downloadKbps: 1, uploadKbps: 1 },
      });
      await t.db.prisma.circuitTermination.create({ data: { circuitId: circuit.id, side: 'Z', providerNetworkId: network.id } });
      await t.db.prisma.virtualCircuitTermination.create({ data: { virtualCircuitId: vc.id, circuitId: circuit.id, role: 'PEER' } });
    }
  }
  return entities;
}

async function statementsFor(actor?: Parameters<typeof t.api.gql>[2]) {
  const { result, statements } = await t.api.countStatements(() => t.api.gql(tree, {}, actor));
  expect(result.body.errors).toBeUndefined();
  return { data: result.body.data!, statements };
}

describe('connectivityProviders -> accounts, networks -> virtual circuits -> members: statements do not grow with the rows', () => {
  it('costs the same for 2 providers x 2 bodies as for 12 providers x 6 bodies, for staff and for a referent', async () => {
    const firstBodies = await addProviders(2, 2);
    const referent = actorForRoles(t.api.composed, 'ref', [{ role: 'REFERENT', entityId: firstBodies[0]!.id }]);
    const small = await statementsFor();
    const smallReferent = await statementsFor(referent);
    expect(small.data.connectivityProviders).toHaveLength(2);
    expect(small.data.connectivityProviders[0].networks[0].virtualCircuits[0].terminations).toHaveLength(2);

    await addProviders(10, 6);
    const large = await statementsFor();
    const largeReferent = await statementsFor(referent);
    expect(large.data.connectivityProviders).toHaveLength(12);
    const last = large.data.connectivityProviders.find((p: { name: string }) => p.name === `Operatore ${progressive}`);
    expect(last.accounts).toHaveLength(6);
    expect(last.networks[0].virtualCircuits[0].terminations).toHaveLength(6);
    // the referent of one of the first bodies sees one account and one member of each of the first providers, none of the others
    const seen = largeReferent.data.connectivityProviders.flatMap((p: { accounts: unknown[] }) => p.accounts);
    expect(seen).toHaveLength(2);

    expect(large.statements.length).toBe(small.statements.length);
    expect(largeReferent.statements.length).toBe(smallReferent.statements.length);
    expect(large.statements.length).toBeLessThanOrEqual(8);
  });
});
