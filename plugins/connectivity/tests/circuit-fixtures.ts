// The bodies, sites, providers, accounts, contracts and assets the circuit tests build on: created
// directly in the database (providers are another part of the plugin), the same in every file.
import type { Database } from '@gea/db';
import { enableModules, toGlobalId } from '@gea/test-kit/seed.ts';

export const MODULES = ['inventory', 'procurement', 'connectivity'];

export interface Body {
  id: string;
  gid: string;
  name: string;
  istatCode: string;
  /** Site ids by name. */
  sites: Record<string, string>;
  /** An inventory asset of the body (a router). */
  routerId: string;
}

export interface World {
  alfa: Body;
  beta: Body;
  union: Body;
  provider: { id: string; gid: string; networkId: string };
  other: { id: string; gid: string; networkId: string };
  /** Accounts at the provider: alfa's and beta's. */
  accounts: { alfa: string; beta: string; otherAlfa: string };
  /** Contracts: one serving alfa, one serving beta only. */
  contracts: { alfa: string; beta: string };
}

let tags = 0;

async function body(db: Database, name: string, istatCode: string, kind: 'MUNICIPALITY' | 'UNION', siteNames: string[]): Promise<Body> {
  const entity = await db.prisma.entity.create({
    data: { kind, name, istatCode, sites: { create: siteNames.map((site) => ({ name: site, address: `${site}, ${name}` })) } },
    include: { sites: true },
  });
  await enableModules(db, [entity.id], MODULES);
  const router = await db.prisma.asset.create({ data: { entityId: entity.id, kind: 'NETWORK_DEVICE', inventoryTag: `R-${++tags}`, model: `Router ${name}` } });
  return {
    id: entity.id,
    gid: toGlobalId('Entity', entity.id),
    name,
    istatCode,
    sites: Object.fromEntries(entity.sites.map((site) => [site.name, site.id])),
    routerId: router.id,
  };
}

async function provider(db: Database, name: string) {
  const supplier = await db.prisma.supplier.create({ data: { name: `${name} S.p.A.` } });
  const created = await db.prisma.connectivityProvider.create({
    data: { name, supplierId: supplier.id, networks: { create: { name: `Rete ${name}`, kind: 'MPLS' } } },
    include: { networks: true },
  });
  return { id: created.id, gid: toGlobalId('ConnectivityProvider', created.id), networkId: created.networks[0]!.id, supplierId: supplier.id };
}

export async function createWorld(db: Database, prefix = ''): Promise<World> {
  const alfa = await body(db, `${prefix}Comune Alfa`, `${prefix ? '1' : '0'}48001`, 'MUNICIPALITY', ['Municipio', 'Biblioteca']);
  const beta = await body(db, `${prefix}Comune Beta`, `${prefix ? '1' : '0'}48002`, 'MUNICIPALITY', ['Municipio']);
  const union = await body(db, `${prefix}Unione`, `${prefix ? '1' : '0'}48900`, 'UNION', ['Sede centrale']);
  const main = await provider(db, `${prefix}Regione Toscana - RTRT`);
  const other = await provider(db, `${prefix}Altro Operatore`);
  const account = (providerId: string, entityId: string, accountNumber: string) =>
    db.prisma.providerAccount.create({ data: { providerId, entityId, accountNumber } }).then((row) => row.id);
  const contract = (entityId: string, subject: string) =>
    db.prisma.contract
      .create({
        data: {
          kind: 'SERVICES',
          subject,
          supplierId: main.supplierId,
          contractingEntityId: entityId,
          startsOn: new Date('2025-01-01'),
          endsOn: new Date('2028-12-31'),
          valueCents: 100_000,
          entities: { create: { entityId } },
        },
      })
      .then((row) => row.id);
  return {
    alfa,
    beta,
    union,
    provider: main,
    other,
    accounts: { alfa: await account(main.id, alfa.id, 'C-ALFA'), beta: await account(main.id, beta.id, 'C-BETA'), otherAlfa: await account(other.id, alfa.id, 'X-ALFA') },
    contracts: { alfa: await contract(alfa.id, 'Connettività Alfa'), beta: await contract(beta.id, 'Connettività Beta') },
  };
}
