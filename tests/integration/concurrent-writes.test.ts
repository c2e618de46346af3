// No acknowledged write is lost and no history contradicts its record, under concurrency: many
// clients at once over real HTTP (a loopback port), on PGlite and on PostgreSQL (where the
// requests really run side by side, on a pool of connections).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApi } from '@gea/api';
import type { Database } from '@gea/db';
import costSharing from '@gea/plugin-cost-sharing';
import inventory from '@gea/plugin-inventory';
import pecSignatures from '@gea/plugin-pec-signatures';
import procurement from '@gea/plugin-procurement';
import { superuser } from '@gea/test-kit/api.ts';
import { createTestDatabase, testDatabaseKind } from '@gea/test-kit/database.ts';
import { enableModules, toGlobalId } from '@gea/test-kit/seed.ts';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const MODULES = ['inventory', 'procurement', 'cost-sharing', 'pec-signatures'];
let db: Database;
let server: Server;
let base: string;
let entity: { id: string; gid: string };

interface Answer {
  status: number;
  body: { data?: Record<string, any> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

/** One request over HTTP, as a client would send it. */
async function post(query: string, variables: Record<string, unknown>): Promise<Answer> {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

/** The typed result of a mutation field, with no GraphQL error around it. */
async function mutate(field: string, query: string, variables: Record<string, unknown>): Promise<Record<string, any>> {
  const answer = await post(query, variables);
  expect(answer.body.errors, JSON.stringify(answer.body.errors)).toBeUndefined();
  return answer.body.data![field];
}

beforeAll(async () => {
  db = await createTestDatabase();
  // Every request is the same superuser: this file is about concurrency, not rights.
  const { yoga } = createApi({ db, plugins: [inventory, procurement, costSharing, pecSignatures], authenticate: () => superuser });
  server = createServer(yoga);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // A population at 31 December 2025: allocations of 2026 need it (art. 13).
  const created = await db.prisma.entity.create({
    data: { kind: 'MUNICIPALITY', name: 'Comune Concorrente', populations: { create: { referenceDate: new Date('2025-12-31'), population: 3000 } } },
  });
  await enableModules(db, [created.id], MODULES);
  entity = { id: created.id, gid: toGlobalId('Entity', created.id) };
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await db?.close();
});

let tags = 0;
async function newAsset(): Promise<{ id: string; gid: string }> {
  const asset = await db.prisma.asset.create({
    data: {
      entityId: entity.id,
      kind: 'DESKTOP_PC',
      inventoryTag: `CC-${++tags}`,
      status: 'IN_SERVICE',
      statusHistory: { create: { status: 'IN_SERVICE', effectiveOn: new Date('2020-01-01') } },
    },
  });
  return { id: asset.id, gid: toGlobalId('Asset', asset.id) };
}

const CHANGE_STATUS = `mutation ($id: ID!, $status: AssetStatus!) {
  changeAssetStatus(assetId: $id, status: $status) {
    __typename
    ... on Asset { status version }
    ... on InputError { issues { path message } }
  }
}`;

/** The history as the PC count reads it (latest last), the asset row, and the audit records of its status changes. */
async function statusRecords(assetId: string) {
  const history = await db.prisma.assetStatusChange.findMany({
    where: { assetId },
    orderBy: [{ effectiveOn: 'asc' }, { recordedAt: 'asc' }, { id: 'asc' }],
  });
  const asset = await db.prisma.asset.findUniqueOrThrow({ where: { id: assetId } });
  const audits = await db.prisma.auditEvent.findMany({ where: { operation: 'changeAssetStatus', targetId: assetId, outcome: 'SUCCESS' } });
  return { history, asset, audits };
}

/** What must hold after any set of concurrent status changes of one asset, `accepted` of them acknowledged. */
async function expectConsistentStatus(assetId: string, accepted: number) {
  const { history, asset, audits } = await statusRecords(assetId);
  // Every acknowledged change is one row of history, and nothing else is.
  expect(history.length).toBe(1 + accepted);
  expect(audits.length).toBe(accepted);
  // The current status is the latest step of the history; the version counts the changes.
  expect(asset.status).toBe(history.at(-1)!.status);
  expect(asset.version).toBe(1 + accepted);
  // Nothing after DISPOSED, and no step repeats the one before it.
  const disposedAt = history.findIndex((step) => step.status === 'DISPOSED');
  if (disposedAt >= 0) expect(disposedAt).toBe(history.length - 1);
  for (let i = 1; i < history.length; i++) expect(history[i]!.status).not.toBe(history[i - 1]!.status);
  // The audit records chain: each one's before is the previous one's after.
  const chain = audits
    .map((audit) => ({ before: audit.before as { version: number }, after: audit.after as { version: number } }))
    .sort((x, y) => x.after.version - y.after.version);
  chain.forEach((link, i) => {
    expect(link.before).toEqual(i === 0 ? { status: 'IN_SERVICE', since: '2020-01-01T00:00:00.000Z', version: 1 } : chain[i - 1]!.after);
  });
  expect(chain.at(-1)?.after ?? { status: 'IN_SERVICE' }).toMatchObject({ status: asset.status });
}

describe(`concurrent writes on ${testDatabaseKind()}`, () => {
  it('50 concurrent changeAssetStatus, RETIRED and DISPOSED mixed: accepted == history rows added, nothing after DISPOSED, status == latest step', async () => {
    const asset = await newAsset();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => mutate('changeAssetStatus', CHANGE_STATUS, { id: asset.gid, status: i % 3 === 2 ? 'DISPOSED' : 'RETIRED' })),
    );
    const accepted = results.filter((result) => result.__typename === 'Asset');
    const refused = results.filter((result) => result.__typename === 'InputError');
    expect(accepted.length + refused.length).toBe(50);
    // IN_SERVICE -> RETIRED -> DISPOSED at most; everything else is refused with a reason.
    expect(accepted.length).toBeGreaterThanOrEqual(1);
    expect(accepted.length).toBeLessThanOrEqual(2);
    await expectConsistentStatus(asset.id, accepted.length);
    // Each acknowledged change saw the one before it: their versions are 2, 3, ...
    expect(accepted.map((result) => result.version).sort()).toEqual(Array.from({ length: accepted.length }, (_, i) => i + 2));
  });

  it('for any interleaving of status changes, the final status is the latest step of the history (property)', async () => {
    const statuses = ['IN_SERVICE', 'SPARE', 'UNDER_REPAIR', 'RETIRED', 'DISPOSED'] as const;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ status: fc.constantFrom(...statuses), delay: fc.nat(3) }), { minLength: 2, maxLength: 10 }), async (changes) => {
        const asset = await newAsset();
        const results = await Promise.all(
          changes.map(async ({ status, delay }) => {
            await new Promise((resolve) => setTimeout(resolve, delay));
            return mutate('changeAssetStatus', CHANGE_STATUS, { id: asset.gid, status });
          }),
        );
        await expectConsistentStatus(asset.id, results.filter((result) => result.__typename === 'Asset').length);
      }),
      { numRuns: 8 },
    );
  });

  it('asset imports and changeAssetStatus on one asset at once: every acknowledged status is one step of the history, the status is the latest', async () => {
    const asset = await newAsset();
    const IMPORT = `mutation ($csv: String!) { importAssets(csv: $csv) { __typename ... on AssetImportResult { statusChanges } ... on AssetImportError { issues { message } } } }`;
    const statuses = ['RETIRED', 'SPARE', 'UNDER_REPAIR', 'DISPOSED', 'IN_SERVICE'];
    const results = await Promise.all(
      Array.from({ length: 30 }, async (_, i) => {
        const status = statuses[i % statuses.length]!;
        if (i % 2 === 0) {
          const result = await mutate('importAssets', IMPORT, { csv: `body,inventory_tag,status\nComune Concorrente,CC-${tags},${status}\n` });
          return result.__typename === 'AssetImportResult' ? result.statusChanges : 0;
        }
        return (await mutate('changeAssetStatus', CHANGE_STATUS, { id: asset.gid, status })).__typename === 'Asset' ? 1 : 0;
      }),
    );
    const accepted = results.reduce((sum, n) => sum + n, 0);
    const history = await db.prisma.assetStatusChange.findMany({ where: { assetId: asset.id }, orderBy: [{ effectiveOn: 'asc' }, { recordedAt: 'asc' }, { id: 'asc' }] });
    const row = await db.prisma.asset.findUniqueOrThrow({ where: { id: asset.id } });
    expect(history).toHaveLength(1 + accepted);
    expect(row.status).toBe(history.at(-1)!.status);
    expect(row.version).toBe(1 + accepted);
    const disposedAt = history.findIndex((step) => step.status === 'DISPOSED');
    if (disposedAt >= 0) expect(disposedAt).toBe(history.length - 1);
    for (let i = 1; i < history.length; i++) expect(history[i]!.status).not.toBe(history[i - 1]!.status);
  });

  const UPDATE_ASSET = `mutation ($id: ID!, $v: Int!, $input: UpdateAssetInput!) {
    updateAsset(id: $id, expectedVersion: $v, input: $input) {
      __typename
      ... on Asset { version assignedTo floor }
      ... on StaleVersionError { code currentVersion expectedVersion message }
    }
  }`;

  it('50 concurrent updateAsset with the same expectedVersion: one succeeds, 49 get STALE_VERSION, the row holds the winner\'s values', async () => {
    const asset = await newAsset();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        mutate('updateAsset', UPDATE_ASSET, { id: asset.gid, v: 1, input: { kind: 'DESKTOP_PC', inventoryTag: `CC-${tags}`, assignedTo: `Ufficio ${i}`, floor: `${i}` } }),
      ),
    );
    const winners = results.filter((result) => result.__typename === 'Asset');
    const stale = results.filter((result) => result.__typename === 'StaleVersionError');
    expect(winners).toHaveLength(1);
    expect(stale).toHaveLength(49);
    for (const refusal of stale) expect(refusal).toMatchObject({ code: 'STALE_VERSION', currentVersion: 2, expectedVersion: 1 });
    const row = await db.prisma.asset.findUniqueOrThrow({ where: { id: asset.id } });
    expect(row).toMatchObject({ version: 2, assignedTo: winners[0]!.assignedTo, floor: winners[0]!.floor });
    // One success and 49 failures on record, the failures with their code; nothing written by them.
    const audits = await db.prisma.auditEvent.findMany({ where: { operation: 'updateAsset', targetId: asset.id } });
    expect(audits.filter((audit) => audit.outcome === 'SUCCESS')).toHaveLength(1);
    expect((await db.prisma.auditEvent.findMany({ where: { operation: 'updateAsset', outcome: 'FAILED', errorCode: 'STALE_VERSION' } })).length).toBeGreaterThanOrEqual(49);
  });

  it('clients that reload and retry after STALE_VERSION all get their change in, one after another, and the audit before-values chain', async () => {
    const asset = await newAsset();
    const clients = 12;
    const acknowledged = await Promise.all(
      Array.from({ length: clients }, async (_, i) => {
        let version = 1;
        for (let attempt = 0; attempt <= clients; attempt++) {
          const result = await mutate('updateAsset', UPDATE_ASSET, {
            id: asset.gid,
            v: version,
            input: { kind: 'DESKTOP_PC', inventoryTag: `CC-${tags}`, assignedTo: `Cliente ${i}` },
          });
          if (result.__typename === 'Asset') return result.version as number;
          version = result.currentVersion;
        }
        throw new Error(`client ${i} never got its change in`);
      }),
    );
    // Every acknowledged write is a distinct version: none overwrote another unseen.
    expect([...acknowledged].sort((x, y) => x - y)).toEqual(Array.from({ length: clients }, (_, i) => i + 2));
    const audits = await db.prisma.auditEvent.findMany({ where: { operation: 'updateAsset', targetId: asset.id, outcome: 'SUCCESS' } });
    const chain = audits
      .map((audit) => ({ before: audit.before as Record<string, unknown>, after: audit.after as Record<string, unknown> }))
      .sort((x, y) => (x.after.version as number) - (y.after.version as number));
    expect(chain).toHaveLength(clients);
    for (let i = 1; i < chain.length; i++) expect(chain[i]!.before).toEqual(chain[i - 1]!.after);
    const row = await db.prisma.asset.findUniqueOrThrow({ where: { id: asset.id } });
    expect(chain.at(-1)!.after).toMatchObject({ version: row.version, assignedTo: row.assignedTo });
  });

  it('core: 20 concurrent updateEntity of one body with the same version: exactly one is written', async () => {
    const body = await db.prisma.entity.create({ data: { kind: 'MUNICIPALITY', name: 'Comune Versione' } });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        mutate(
          'updateEntity',
          'mutation ($id: ID!, $n: String!) { updateEntity(id: $id, expectedVersion: 1, input: { kind: MUNICIPALITY, name: $n }) { __typename ... on Entity { name version } ... on StaleVersionError { currentVersion } } }',
          { id: toGlobalId('Entity', body.id), n: `Comune Versione ${i}` },
        ),
      ),
    );
    const winners = results.filter((result) => result.__typename === 'Entity');
    expect(winners).toHaveLength(1);
    expect(results.filter((result) => result.__typename === 'StaleVersionError')).toHaveLength(19);
    expect(await db.prisma.entity.findUniqueOrThrow({ where: { id: body.id } })).toMatchObject({ name: winners[0]!.name, version: 2 });
  });

  it('procurement: 20 concurrent updateSupplier with the same version: exactly one is written', async () => {
    const supplier = await db.prisma.supplier.create({ data: { name: 'Fornitore Concorrente' } });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        mutate(
          'updateSupplier',
          'mutation ($id: ID!, $n: String!) { updateSupplier(id: $id, expectedVersion: 1, input: { name: $n }) { __typename ... on Supplier { name version } ... on StaleVersionError { currentVersion } } }',
          { id: toGlobalId('Supplier', supplier.id), n: `Fornitore ${i}` },
        ),
      ),
    );
    const winners = results.filter((result) => result.__typename === 'Supplier');
    expect(winners).toHaveLength(1);
    expect(results.filter((result) => result.__typename === 'StaleVersionError')).toHaveLength(19);
    expect(await db.prisma.supplier.findUniqueOrThrow({ where: { id: supplier.id } })).toMatchObject({ name: winners[0]!.name, version: 2 });
  });

  it('pec-signatures: 30 concurrent setSignatureCertificateStatus: nothing after REVOKED, and the status is the last change on record', async () => {
    const certificate = await db.prisma.signatureCertificate.create({
      data: {
        entityId: entity.id,
        holderName: 'Mario Rossi',
        holderTaxCode: 'RSSMRA80A01H501U',
        deviceType: 'SMART_CARD',
        issuer: 'QTSP di prova',
        serialNumber: `CONC-${Date.now()}`,
        validFrom: new Date('2025-01-01'),
        validTo: new Date('2099-01-01'),
      },
    });
    const statuses = ['SUSPENDED', 'ACTIVE', 'SUSPENDED', 'ACTIVE', 'REVOKED'] as const;
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        mutate(
          'setSignatureCertificateStatus',
          'mutation ($id: ID!, $s: SignatureCertificateStoredStatus!) { setSignatureCertificateStatus(id: $id, status: $s) { __typename ... on SignatureCertificate { version } ... on ConflictError { message } } }',
          { id: toGlobalId('SignatureCertificate', certificate.id), s: statuses[i % statuses.length] },
        ),
      ),
    );
    const accepted = results.filter((result) => result.__typename === 'SignatureCertificate');
    const row = await db.prisma.signatureCertificate.findUniqueOrThrow({ where: { id: certificate.id } });
    expect(row.status).toBe('REVOKED');
    expect(row.version).toBe(1 + accepted.length);
    const chain = (await db.prisma.auditEvent.findMany({ where: { operation: 'setSignatureCertificateStatus', targetId: certificate.id, outcome: 'SUCCESS' } }))
      .map((audit) => ({ before: audit.before as { status: string; version: number }, after: audit.after as { status: string; version: number } }))
      .sort((x, y) => x.after.version - y.after.version);
    expect(chain).toHaveLength(accepted.length);
    chain.forEach((link, i) => expect(link.before).toEqual(i === 0 ? { status: 'ACTIVE', version: 1 } : chain[i - 1]!.after));
    // Once revoked, every later change was refused (a revoked certificate may only be "revoked" again).
    const revokedAt = chain.findIndex((link) => link.after.status === 'REVOKED');
    expect(revokedAt).toBeGreaterThanOrEqual(0);
    for (const link of chain.slice(revokedAt + 1)) expect(link.after.status).toBe('REVOKED');
    expect(chain.at(-1)!.after.status).toBe(row.status);
  });

  it('cost-sharing: 10 concurrent setCostSharingRule of one year all succeed, and the correctives stored are one request\'s, never a mix', async () => {
    const association = await db.prisma.association.create({
      data: {
        kind: 'CONVENTION',
        name: 'Convenzione Concorrente',
        leadEntityId: entity.id,
        startDate: new Date('2020-01-01'),
        members: { create: [{ entityId: entity.id, joinedOn: new Date('2020-01-01') }] },
      },
    });
    const SET_RULE = `mutation ($a: ID!, $w: Int!, $c: [CorrectiveInput!]) {
      setCostSharingRule(association: $a, year: 2026, pcWeightBasisPoints: $w, correctives: $c) { __typename ... on CostAllocation { ruleVersion } }
    }`;
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        mutate('setCostSharingRule', SET_RULE, {
          a: toGlobalId('Association', association.id),
          w: 1000 + i,
          c: Array.from({ length: 1 + (i % 3) }, (_, j) => ({ kind: 'MIN_POPULATION', label: `richiesta ${i} correttivo ${j}`, minimumPopulation: 1000 + j, populationBelow: 5000 })),
        }),
      ),
    );
    expect(results.map((result) => result.__typename)).toEqual(Array(10).fill('CostAllocation'));
    const rule = await db.prisma.costSharingRule.findUniqueOrThrow({ where: { associationId_year: { associationId: association.id, year: 2026 } } });
    const winner = rule.pcWeightBasisPoints - 1000;
    const correctives = await db.prisma.costSharingCorrective.findMany({ where: { associationId: association.id, year: 2026 }, orderBy: { position: 'asc' } });
    expect(correctives.map((c) => c.label)).toEqual(Array.from({ length: 1 + (winner % 3) }, (_, j) => `richiesta ${winner} correttivo ${j}`));
    // Created once, then changed nine times; each change saw the one before it (the audit chains).
    expect(rule.version).toBe(10);
    type RuleRecord = { pcWeightBasisPoints: number; correctives: string; version: number };
    const chain = (await db.prisma.auditEvent.findMany({ where: { operation: 'setCostSharingRule', targetId: association.id, outcome: 'SUCCESS' } }))
      .map((audit) => ({ before: audit.before as RuleRecord, after: audit.after as RuleRecord }))
      .sort((x, y) => x.after.version - y.after.version);
    expect(chain.map((link) => link.after.version)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
    chain.forEach((link, i) => expect(link.before).toEqual(i === 0 ? { year: 2026, pcWeightBasisPoints: 5000, pcReferenceDate: null, correctives: '', version: 0 } : chain[i - 1]!.after));
  });
});
