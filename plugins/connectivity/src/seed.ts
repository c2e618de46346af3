// Demo data (synthetic, not real circuits or contracts): the union's seven municipalities linked to
// the central site in Rufina over the regional network RTRT (art. 5.2), each town hall on a fibre
// primary and, all but San Godenzo, a backup in a redundancy group; an intranet over RTRT with the
// central site as hub; the contracts behind the links, one of them with its notice date next month.
import { addDays, daysBetween, today, type SeedContext } from '@gea/core';
import type { CircuitTechnology, Prisma } from '@gea/db';
import { recordDemoAssets } from '@gea/plugin-inventory';
import { cigFor, recordDemoContract, recordDemoSuppliers } from '@gea/plugin-procurement';
import { addMonths, noticeDateOf } from './rules/contract-term.ts';

type Tx = SeedContext['prisma'];

/** Approximate WGS84 coordinates of each body's seat (town halls; the union's seat in Rufina). */
export const DEMO_COORDINATES: Readonly<Record<string, readonly [number, number]>> = {
  'Unione di Comuni Valdarno e Valdisieve': [43.8259, 11.4874],
  Pontassieve: [43.7749, 11.4371],
  Reggello: [43.6831, 11.5327],
  "Rignano sull'Arno": [43.7236, 11.4515],
  Pelago: [43.7717, 11.5033],
  Rufina: [43.8247, 11.4856],
  Londa: [43.8613, 11.5664],
  'San Godenzo': [43.9255, 11.6186],
  'Provincia di Prato': [43.8806, 11.0962],
  Prato: [43.8803, 11.0967],
  Cantagallo: [43.9707, 11.0788],
  Carmignano: [43.8103, 11.0138],
  Montemurlo: [43.9269, 11.0379],
  'Poggio a Caiano': [43.8162, 11.0577],
  Vaiano: [43.9686, 11.1222],
  Vernio: [44.0469, 11.1512],
};

export const UNION_NAME = 'Unione di Comuni Valdarno e Valdisieve';
export const CENTRAL_SITE = "Centro servizi ICT dell'Unione";
/** The municipality whose town hall is left on a single link (no backup). */
export const SINGLE_LINK_BODY = 'San Godenzo';
export const RTRT_SUBJECT = 'Connettività RTRT delle sedi comunali';

/** Each town hall's primary on RTRT (symmetric fibre, kbit/s) and its backup, if any. */
const LINKS: Readonly<Record<string, { fibreKbps: number; backup: { technology: CircuitTechnology; downKbps: number; upKbps: number } | null }>> = {
  Pontassieve: { fibreKbps: 1_000_000, backup: { technology: 'FTTC', downKbps: 200_000, upKbps: 20_000 } },
  Reggello: { fibreKbps: 1_000_000, backup: { technology: 'FWA', downKbps: 100_000, upKbps: 20_000 } },
  "Rignano sull'Arno": { fibreKbps: 500_000, backup: { technology: 'FTTC', downKbps: 200_000, upKbps: 20_000 } },
  Pelago: { fibreKbps: 500_000, backup: { technology: 'FWA', downKbps: 100_000, upKbps: 20_000 } },
  Rufina: { fibreKbps: 500_000, backup: { technology: 'FTTC', downKbps: 100_000, upKbps: 20_000 } },
  Londa: { fibreKbps: 200_000, backup: { technology: 'FWA', downKbps: 30_000, upKbps: 5_000 } },
  'San Godenzo': { fibreKbps: 200_000, backup: null },
};

/**
 * Largest-remainder split of 10000 basis points by weight: the shares add up to 10000 exactly.
 */
export function basisPointsBy(weights: readonly number[]): number[] {
  const total = weights.reduce((sum, w) => sum + w, 0);
  const exact = weights.map((w) => (total > 0 ? (w * 10_000) / total : 10_000 / weights.length));
  const shares = exact.map(Math.floor);
  let left = 10_000 - shares.reduce((sum, s) => sum + s, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    shares[i]! += 1;
  }
  return shares;
}

/**
 * The RTRT contract's term: it ends on the last day of the month four months on, and its notice
 * period is chosen so that the notice date is the 15th of next month, whatever day the seed runs.
 */
export function rtrtTerm(day: Date): { termEndsOn: Date; noticePeriodDays: number; noticeDate: Date } {
  const firstOfNext = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + 1, 1));
  const noticeDate = addDays(firstOfNext, 14);
  const termEndsOn = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + 5, 0));
  const noticePeriodDays = daysBetween(noticeDate, termEndsOn);
  return { termEndsOn, noticePeriodDays, noticeDate: noticeDateOf(termEndsOn, noticePeriodDays) };
}

export async function seedConnectivity({ prisma, log }: SeedContext, day: Date = today()): Promise<void> {
  const union = await prisma.entity.findFirst({ where: { kind: 'UNION', name: UNION_NAME } });
  const association = union && (await prisma.association.findFirst({ where: { leadEntityId: union.id } }));
  if (!union || !association) {
    log('connectivity: no demo data (the union of the demo organisation is missing)');
    return;
  }
  // Coordinates of every body's sites.
  const bodies = await prisma.entity.findMany({ select: { id: true, name: true, istatCode: true, cadastralCode: true } });
  for (const body of bodies) {
    const point = DEMO_COORDINATES[body.name];
    if (point) await prisma.site.updateMany({ where: { entityId: body.id }, data: { latitude: point[0], longitude: point[1] } });
  }
  const byName = (name: string) => {
    const body = bodies.find((b) => b.name === name);
    if (!body) throw new Error(`connectivity demo seed: body "${name}" missing`);
    return body;
  };
  const municipalities = Object.keys(LINKS).map(byName);

  const central = await prisma.site.create({
    data: {
      entityId: union.id,
      name: CENTRAL_SITE,
      address: 'Via XXV Aprile 10, 50068 Rufina (FI)',
      ictStaffPresent: true,
      latitude: 43.8261,
      longitude: 11.4879,
    },
  });
  await prisma.connectivityHub.create({ data: { associationId: association.id, siteId: central.id } });
  const townHalls = new Map(
    (await prisma.site.findMany({ where: { entityId: { in: municipalities.map((m) => m.id) }, name: 'Palazzo comunale' } })).map((s) => [s.entityId, s]),
  );
  for (const m of municipalities) if (!townHalls.has(m.id)) throw new Error(`connectivity demo seed: ${m.name} has no "Palazzo comunale"`);

  // Routers at each town hall and at the central site: the inventory's demo has no network devices there.
  const routerSites = [...municipalities.map((m) => ({ body: m, site: townHalls.get(m.id)! })), { body: byName(UNION_NAME), site: central }];
  const routers = await recordDemoAssets(
    { prisma },
    routerSites.map(({ body, site }) => ({
      entityId: body.id,
      kind: 'NETWORK_DEVICE' as const,
      manufacturer: 'Cisco',
      model: body.id === union.id ? 'Catalyst 8300' : 'ISR 1121',
      inventoryTag: `${(body.cadastralCode ?? 'UVV').trim()}-RTR-0001`,
      serialNumber: `FGL${(body.istatCode ?? '000000').trim()}A1`,
      purchaseDate: new Date('2021-02-15'),
      priceCents: body.id === union.id ? 540_000 : 95_000,
      siteId: site.id,
      floor: 'Locale tecnico',
      supplier: 'Regione Toscana - RTRT',
    })),
    new Date('2021-02-15'),
  );
  const routerAt = new Map(routers.map((r) => [r.siteId!, r.id]));

  // Suppliers (procurement) and providers.
  const [regione, wireless] = await recordDemoSuppliers({ prisma }, [
      { name: 'Regione Toscana - RTRT', vatNumber: '01386030488', pecAddress: 'regionetoscana@postacert.toscana.it' },
      { name: 'Valdisieve Wireless S.r.l.', pecAddress: 'valdisievewireless@pec.example.it' },
  ]);
  const [rtrt, fwa] = await prisma.connectivityProvider.createManyAndReturn({
    data: [
      { supplierId: regione!.id, name: 'Regione Toscana - RTRT', supportContact: 'Centro servizi RTRT: assistenza.rtrt@regione.toscana.it', note: 'Rete Telematica Regionale Toscana' },
      { supplierId: wireless!.id, name: 'Valdisieve Wireless', supportContact: '+39 055 000 0000 (demo)', note: 'Accessi FWA e FTTC di backup' },
    ],
  });
  const [rtrtNetwork, internet] = await prisma.providerNetwork.createManyAndReturn({
    data: [
      { providerId: rtrt!.id, name: 'RTRT', kind: 'REGIONAL', description: 'Rete Telematica Regionale Toscana: la rete delle pubbliche amministrazioni toscane' },
      { providerId: fwa!.id, name: 'Valdisieve Wireless - Internet', kind: 'INTERNET', description: 'Accesso a Internet; VPN IPsec verso il centro servizi' },
    ],
  });
  const payers = [...municipalities, byName(UNION_NAME)];
  const accounts = await prisma.providerAccount.createManyAndReturn({
    data: payers.flatMap((body) => [
      { providerId: rtrt!.id, entityId: body.id, accountNumber: `RTRT-${(body.istatCode ?? 'UNIONE').trim()}`, name: `Utenza RTRT ${body.name}` },
      ...(body.id === union.id || LINKS[body.name]?.backup
        ? [{ providerId: fwa!.id, entityId: body.id, accountNumber: `VW-${(body.istatCode ?? 'UNIONE').trim()}`, name: `Cliente ${body.name}` }]
        : []),
    ]),
  });
  const accountOf = (providerId: string, entityId: string) => accounts.find((a) => a.providerId === providerId && a.entityId === entityId)?.id ?? null;

  // Contracts: RTRT connectivity for the seven town halls, shares by population; backups for six and the centre.
  const populations = await prisma.entityPopulation.findMany({
    where: { entityId: { in: municipalities.map((m) => m.id) } },
    orderBy: { referenceDate: 'desc' },
    distinct: ['entityId'],
  });
  const population = (id: string) => populations.find((p) => p.entityId === id)?.population ?? 1;
  const term = rtrtTerm(day);
  const rtrtContract = await recordDemoContract({ prisma }, {
      kind: 'SERVICES',
      subject: RTRT_SUBJECT,
      supplierId: regione!.id,
      contractingEntityId: union.id,
      cig: cigFor(4_130_001),
      startsOn: addDays(addMonths(term.termEndsOn, -36), 1),
      endsOn: term.termEndsOn,
      renewableUntil: addMonths(term.termEndsOn, 24),
      valueCents: 25_200_000,
      entities: { createMany: { data: municipalities.map((m) => ({ entityId: m.id })) } },
  });
  const rtrtShares = basisPointsBy(municipalities.map((m) => population(m.id)));
  await prisma.connectivityContract.create({
    data: {
      contractId: rtrtContract.id,
      framework: 'REGIONAL',
      frameworkName: 'RTRT',
      frameworkEndsOn: addMonths(term.termEndsOn, 36),
      noticePeriodDays: term.noticePeriodDays,
      renewal: 'TACIT',
      renewalMonths: 12,
      currentTermEndsOn: term.termEndsOn,
      shares: { createMany: { data: municipalities.map((m, i) => ({ entityId: m.id, basisPoints: rtrtShares[i]! })) } },
    },
  });
  const backupBodies = [...municipalities.filter((m) => LINKS[m.name]!.backup), byName(UNION_NAME)];
  const backupContract = await recordDemoContract({ prisma }, {
      kind: 'SERVICES',
      subject: 'Connettività di backup FWA e FTTC delle sedi',
      supplierId: wireless!.id,
      contractingEntityId: union.id,
      cig: cigFor(4_130_002),
      mepaReference: 'MePA ODA 8123456',
      startsOn: new Date('2025-01-01'),
      endsOn: new Date('2027-12-31'),
      valueCents: 1_470_000,
      entities: { createMany: { data: backupBodies.map((b) => ({ entityId: b.id })) } },
  });
  const backupShares = basisPointsBy(backupBodies.map(() => 1));
  await prisma.connectivityContract.create({
    data: {
      contractId: backupContract.id,
      framework: 'MEPA',
      noticePeriodDays: 60,
      renewal: 'NONE',
      currentTermEndsOn: new Date('2027-12-31'),
      shares: { createMany: { data: backupBodies.map((b, i) => ({ entityId: b.id, basisPoints: backupShares[i]! })) } },
    },
  });

  // Circuits.
  type Planned = Prisma.CircuitCreateManyInput & { siteId: string; networkId: string; role: 'PRIMARY' | 'SECONDARY' };
  const planned: Planned[] = [];
  const primary = (body: (typeof bodies)[number], siteId: string, kbps: number, cid: string, cost: number): Planned => ({
    providerId: rtrt!.id,
    cid,
    type: 'NETWORK_ACCESS',
    technology: 'FTTH_FTTB',
    status: 'ACTIVE',
    entityId: body.id,
    providerAccountId: accountOf(rtrt!.id, body.id),
    contractId: body.id === union.id ? null : rtrtContract.id,
    downloadKbps: kbps,
    uploadKbps: kbps,
    guaranteedDownloadKbps: kbps / 2,
    guaranteedUploadKbps: kbps / 2,
    installedOn: new Date('2021-03-15'),
    slaAvailabilityHundredths: 9995,
    slaRestoreHours: 4,
    slaServiceWindow: 'H24_7',
    monthlyCostCents: BigInt(cost),
    oneOffCostCents: 50_000n,
    description: 'Accesso in fibra alla rete regionale RTRT',
    siteId,
    networkId: rtrtNetwork!.id,
    role: 'PRIMARY',
  });
  const backup = (body: (typeof bodies)[number], siteId: string, b: NonNullable<(typeof LINKS)[string]['backup']>, cid: string): Planned => ({
    providerId: fwa!.id,
    cid,
    type: 'BACKUP',
    technology: b.technology,
    status: 'ACTIVE',
    entityId: body.id,
    providerAccountId: accountOf(fwa!.id, body.id),
    contractId: backupContract.id,
    downloadKbps: b.downKbps,
    uploadKbps: b.upKbps,
    publicIpAddresses: [`198.51.100.${8 + planned.length}`],
    installedOn: new Date('2025-02-01'),
    slaAvailabilityHundredths: 9950,
    slaRestoreHours: 24,
    slaServiceWindow: 'BUSINESS_HOURS',
    monthlyCostCents: b.technology === 'FWA' ? 3_900n : 4_900n,
    description: 'Accesso di backup a Internet, VPN verso il centro servizi',
    siteId,
    networkId: internet!.id,
    role: 'SECONDARY',
  });
  const unionBody = byName(UNION_NAME);
  planned.push(primary(unionBody, central.id, 1_000_000, 'RTRT-UNIONE-CSI-01', 95_000));
  planned.push(backup(unionBody, central.id, { technology: 'FTTC', downKbps: 200_000, upKbps: 20_000 }, 'VW-FTTC-UNIONE-01'));
  for (const m of municipalities) {
    const link = LINKS[m.name]!;
    const site = townHalls.get(m.id)!.id;
    const istat = m.istatCode!.trim();
    planned.push(primary(m, site, link.fibreKbps, `RTRT-${istat}-01`, link.fibreKbps >= 1_000_000 ? 60_000 : link.fibreKbps >= 500_000 ? 42_000 : 30_000));
    if (link.backup) planned.push(backup(m, site, link.backup, `VW-${link.backup.technology}-${istat}-01`));
  }
  const circuits = await prisma.circuit.createManyAndReturn({
    data: planned.map(({ siteId: _s, networkId: _n, role: _r, ...circuit }) => circuit),
    select: { id: true, cid: true },
  });
  const idOf = new Map(circuits.map((c) => [c.cid, c.id]));
  await prisma.circuitTermination.createMany({
    data: planned.flatMap((p) => [
      { circuitId: idOf.get(p.cid)!, side: 'A' as const, siteId: p.siteId, cpeAssetId: routerAt.get(p.siteId) ?? null, portSpeedKbps: p.downloadKbps >= 1_000_000 ? 1_000_000 : p.downloadKbps, crossConnect: 'Armadio rack, pannello 1' },
      { circuitId: idOf.get(p.cid)!, side: 'Z' as const, providerNetworkId: p.networkId },
    ]),
  });
  // Redundancy groups: every site with a backup.
  const withBackup = [...new Set(planned.filter((p) => p.role === 'SECONDARY').map((p) => p.siteId))];
  for (const siteId of withBackup) {
    const members = planned.filter((p) => p.siteId === siteId);
    const group = await prisma.redundancyGroup.create({
      data: {
        entityId: members[0]!.entityId,
        siteId,
        name: siteId === central.id ? 'Accesso centro servizi' : 'Accesso palazzo comunale',
        members: { createMany: { data: members.map((p) => ({ circuitId: idOf.get(p.cid)!, priority: p.role })) } },
      },
    });
    void group;
  }
  // The intranet of the union over RTRT: the central site as hub, the town halls as spokes.
  await prisma.virtualCircuit.create({
    data: {
      providerNetworkId: rtrtNetwork!.id,
      name: "Intranet dell'Unione",
      identifier: 'VRF UNIONE-VALDISIEVE',
      status: 'ACTIVE',
      description: 'Rete privata virtuale tra le sedi comunali e il centro servizi ICT (art. 5.2)',
      terminations: {
        createMany: {
          data: planned
            .filter((p) => p.role === 'PRIMARY')
            .map((p) => ({ circuitId: idOf.get(p.cid)!, role: p.siteId === central.id ? ('HUB' as const) : ('SPOKE' as const) })),
        },
      },
    },
  });
  log(
    `connectivity: seeded ${circuits.length} circuits of ${municipalities.length} municipalities and the central site in Rufina (hub), ` +
      `2 providers, 2 contracts (RTRT notice date ${term.noticeDate.toISOString().slice(0, 10)})`,
  );
}
