// A small connectivity world for the maintenance, risk and alert tests, written straight to the
// database (other parts of the plugin own the mutations of circuits and contracts).
import type { CircuitStatus, Database } from '@gea/db';
import { enableModules, toGlobalId } from '@gea/test-kit/seed.ts';

export interface MaintenanceWorld {
  a: { id: string; gid: string };
  b: { id: string; gid: string };
  providerGid: string;
  otherProviderGid: string;
  providerId: string;
  sites: { aMain: string; aLibrary: string; bMain: string };
  /** a1, a2: both legs of A's main site; a3: A's library alone; a4: OFFLINE on the library; b1: B's main site alone; x1: other provider, A. */
  circuits: Record<'a1' | 'a2' | 'a3' | 'a4' | 'b1' | 'x1', { id: string; gid: string }>;
  supplierId: string;
}

let counter = 0;

export async function seedMaintenanceWorld(db: Database, prefix = 'M'): Promise<MaintenanceWorld> {
  counter += 1;
  const tag = `${prefix}${counter}`;
  const body = async (name: string) => {
    const entity = await db.prisma.entity.create({ data: { kind: 'MUNICIPALITY', name: `Comune ${tag} ${name}` } });
    await enableModules(db, [entity.id], ['inventory', 'procurement', 'connectivity']);
    return { id: entity.id, gid: toGlobalId('Entity', entity.id) };
  };
  const a = await body('A');
  const b = await body('B');
  const supplier = await db.prisma.supplier.create({ data: { name: `Rete ${tag}` } });
  const other = await db.prisma.supplier.create({ data: { name: `Altro ${tag}` } });
  const provider = await db.prisma.connectivityProvider.create({ data: { supplierId: supplier.id, name: `Rete ${tag}` } });
  const otherProvider = await db.prisma.connectivityProvider.create({ data: { supplierId: other.id, name: `Altro ${tag}` } });
  const site = (entityId: string, name: string) => db.prisma.site.create({ data: { entityId, name, address: `Via ${name} 1` } });
  const aMain = await site(a.id, `Municipio ${tag} A`);
  const aLibrary = await site(a.id, `Biblioteca ${tag} A`);
  const bMain = await site(b.id, `Municipio ${tag} B`);
  const circuit = async (cid: string, entityId: string, siteId: string, status: CircuitStatus = 'ACTIVE', providerId = provider.id) => {
    const row = await db.prisma.circuit.create({
      data: {
        providerId,
        cid: `${tag}-${cid}`,
        type: 'INTERNET',
        technology: 'FTTH_FTTB',
        status,
        entityId,
        downloadKbps: 1_000_000,
        uploadKbps: 300_000,
        terminations: { create: [{ side: 'A', siteId }] },
      },
    });
    return { id: row.id, gid: toGlobalId('Circuit', row.id) };
  };
  const circuits = {
    a1: await circuit('a1', a.id, aMain.id),
    a2: await circuit('a2', a.id, aMain.id),
    a3: await circuit('a3', a.id, aLibrary.id),
    a4: await circuit('a4', a.id, aLibrary.id, 'OFFLINE'),
    b1: await circuit('b1', b.id, bMain.id),
    x1: await circuit('x1', a.id, aMain.id, 'PLANNED', otherProvider.id),
  };
  const group = await db.prisma.redundancyGroup.create({ data: { entityId: a.id, siteId: aMain.id, name: `Ridondanza ${tag}` } });
  await db.prisma.redundancyGroupMember.createMany({
    data: [
      { groupId: group.id, circuitId: circuits.a1.id, priority: 'PRIMARY' },
      { groupId: group.id, circuitId: circuits.a2.id, priority: 'SECONDARY' },
    ],
  });
  return {
    a,
    b,
    providerId: provider.id,
    providerGid: toGlobalId('ConnectivityProvider', provider.id),
    otherProviderGid: toGlobalId('ConnectivityProvider', otherProvider.id),
    sites: { aMain: aMain.id, aLibrary: aLibrary.id, bMain: bMain.id },
    circuits,
    supplierId: supplier.id,
  };
}
