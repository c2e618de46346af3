import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { repoRoot, type GeaPrismaClient, type Role } from '@gea/db';
import { applyEntityImportPlan, checkEntityCsv, italianToday, planEntityImport } from './entity-import/index.ts';
import { hashPassword } from './auth/secrets.ts';
import type { GeaPlugin, SeedContext } from './plugin.ts';

/**
 * Demo bodies from the project's copy of the reference data (data/entities.csv: real ISTAT codes and
 * the resident population on 1 January 2021, i.e. at 31 December 2020), read by the same importer as
 * `npm run entities:import`. Memberships are left to seedDemoOrganisation, which creates the
 * associations they name.
 */
export async function seedReferenceEntities({ prisma, log }: SeedContext): Promise<void> {
  const text = await readFile(path.join(repoRoot, 'data/entities.csv'), 'utf8');
  const checked = checkEntityCsv(text);
  if (checked.issues.length > 0) {
    throw new Error(`data/entities.csv: ${checked.issues.map((i) => `line ${i.line}: ${i.message}`).join('; ')}`);
  }
  const rows = checked.rows.map((row) => ({ ...row, memberOf: null }));
  const plan = await planEntityImport(prisma, rows, italianToday());
  if (plan.issues.length > 0) throw new Error(`data/entities.csv: ${plan.issues.map((i) => i.message).join('; ')}`);
  await applyEntityImportPlan(prisma, plan);
  // The union's fiscal code is only in the file's notes column.
  const unionTaxCode = /fiscal code (\d{11})/.exec(text)?.[1];
  if (unionTaxCode) await prisma.entity.updateMany({ where: { kind: 'UNION', taxCode: null }, data: { taxCode: unionTaxCode } });
  log(`seeded ${rows.length} public bodies from data/entities.csv`);
}

/** Allocation years the demo shows (procurement's demo year and the one before): figures at 31 December of the year before each. */
export const DEMO_ALLOCATION_YEARS = [2025, 2026] as const;

/**
 * Demo population figures at 31 December of the years before the demo's allocation years (art. 13),
 * DERIVED from data/entities.csv, not published ones: each body's latest figure in the file carried
 * forward, and a province without one (Provincia di Prato) given the sum of its municipalities. Real
 * figures come from ISTAT's file through `npm run population:import`.
 */
export async function seedDemoPopulations({ prisma, log }: SeedContext, allocationYears: readonly number[] = DEMO_ALLOCATION_YEARS): Promise<void> {
  const bodies = await prisma.entity.findMany({
    select: { id: true, kind: true, province: true, populations: { orderBy: { referenceDate: 'desc' }, take: 1, select: { population: true, referenceDate: true } } },
  });
  const latest = new Map(bodies.flatMap((body) => (body.populations[0] ? [[body.id, body.populations[0]] as const] : [])));
  const figureOf = (body: (typeof bodies)[number]): number | null => {
    const own = latest.get(body.id);
    if (own) return own.population;
    if (body.kind !== 'PROVINCE' || !body.province) return null;
    const municipalities = bodies.filter((other) => other.kind === 'MUNICIPALITY' && other.province === body.province && latest.has(other.id));
    return municipalities.length > 0 ? municipalities.reduce((sum, other) => sum + latest.get(other.id)!.population, 0) : null;
  };
  const data = bodies.flatMap((body) => {
    const population = figureOf(body);
    if (population === null) return [];
    const source = latest.has(body.id)
      ? `demo: carried forward from data/entities.csv (${latest.get(body.id)!.referenceDate.toISOString().slice(0, 10)})`
      : 'demo: sum of the municipalities of the province in data/entities.csv';
    return allocationYears.map((year) => ({ entityId: body.id, referenceDate: new Date(Date.UTC(year - 1, 11, 31)), population, source }));
  });
  await prisma.entityPopulation.createMany({ data, skipDuplicates: true });
  log(`seeded ${data.length} demo population figures at 31 December ${allocationYears.map((year) => year - 1).join(' and ')} (derived from data/entities.csv)`);
}

const slug = (name: string) =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

export interface DemoAccount {
  email: string;
  role: string;
  body: string | null;
}

/**
 * The two associations of the source documents, their members and committee, demo users (the ICT
 * office head, one staff member, one board member, one referent per municipality) and every
 * installed module enabled for every body. Start dates and people are invented for the demo.
 */
export async function seedDemoOrganisation(
  { prisma, log }: SeedContext,
  options: { password: string; modules: readonly string[] },
): Promise<DemoAccount[]> {
  const entities = await prisma.entity.findMany({ orderBy: { name: 'asc' } });
  const byName = (name: string) => {
    const entity = entities.find((e) => e.name === name);
    if (!entity) throw new Error(`demo seed: body "${name}" missing from data/entities.csv`);
    return entity;
  };
  const union = byName('Unione di Comuni Valdarno e Valdisieve');
  const unionMembers = ['Pontassieve', 'Reggello', "Rignano sull'Arno", 'Pelago', 'Rufina', 'Londa', 'San Godenzo'].map(
    (name) => byName(name),
  );
  const prato = byName('Prato');
  const province = byName('Provincia di Prato');

  await prisma.association.create({
    data: {
      kind: 'UNION',
      name: union.name,
      leadEntityId: union.id,
      legalBasis: "Regolamento per la gestione associata del servizio ICT dell'Unione di Comuni Valdarno e Valdisieve",
      startDate: new Date('2012-01-01'),
      members: {
        create: [union, ...unionMembers].map((entity) => ({ entityId: entity.id, joinedOn: new Date('2012-01-01') })),
      },
    },
  });
  await prisma.association.create({
    data: {
      kind: 'CONVENTION',
      name: 'Convenzione ICT Comune di Prato - Provincia di Prato',
      leadEntityId: prato.id,
      legalBasis: 'Convenzione ex art. 30 D.Lgs. 267/2000 per la gestione associata dei servizi informatici e telematici',
      startDate: new Date('2019-01-01'),
      durationYears: 5,
      maxRenewals: 1,
      renewalYears: 5,
      members: { create: [prato, province].map((entity) => ({ entityId: entity.id, joinedOn: new Date('2019-01-01') })) },
      committee: {
        create: [
          { name: 'Dirigente Servizio Sistema Informativo', role: 'Presidente', entityId: prato.id, fromDate: new Date('2019-01-01') },
          { name: 'Funzionario designato dalla Provincia', role: 'Componente', entityId: province.id, fromDate: new Date('2019-01-01') },
          { name: 'Funzionario analista informatico', role: 'Componente', entityId: prato.id, fromDate: new Date('2019-01-01') },
        ],
      },
    },
  });

  const passwordHash = await hashPassword(options.password);
  const accounts: DemoAccount[] = [];
  const addUser = async (email: string, name: string, role: Role, entity: { id: string; name: string } | null) => {
    const user = await prisma.user.create({
      data: { email, name, passwordHash, roles: { create: { role, entityId: entity?.id ?? null } } },
    });
    accounts.push({ email, role, body: entity?.name ?? null });
    return user;
  };
  await addUser('admin@gea.local', 'Responsabile servizio ICT', 'ICT_HEAD', null);
  await addUser('tecnico@gea.local', 'Tecnico ufficio ICT', 'ICT_STAFF', null);
  await addUser('giunta@gea.local', 'Componente della Giunta', 'BOARD_MEMBER', null);
  for (const entity of entities.filter((e) => e.kind === 'MUNICIPALITY')) {
    const referent = await addUser(`referente@${slug(entity.name)}.gea.local`, `Referente ${entity.name}`, 'REFERENT', entity);
    await prisma.entity.update({ where: { id: entity.id }, data: { referentId: referent.id } });
  }

  // One seat per body (synthetic addresses).
  await prisma.site.createMany({
    data: entities.map((entity) => ({
      entityId: entity.id,
      name: entity.kind === 'MUNICIPALITY' ? 'Palazzo comunale' : 'Sede',
      address: `Piazza del Municipio 1, ${entity.name}`,
      ictStaffPresent: entity.id === union.id || entity.id === prato.id,
    })),
  });
  await prisma.moduleEnablement.createMany({
    data: entities.flatMap((entity) => options.modules.map((moduleKey) => ({ entityId: entity.id, moduleKey, enabled: true }))),
  });
  log(`seeded 2 associations, ${accounts.length} users, ${options.modules.length} module(s) enabled for ${entities.length} bodies`);
  return accounts;
}

export interface DemoSeedOptions {
  /** Password of every demo account. */
  password: string;
  log: (message: string) => void;
}

/**
 * Seeds an empty database, in one transaction: reference bodies, the demo organisation and users,
 * then each plugin's demo data in dependency order. A failure leaves the database empty, so the next
 * start tries again. Returns the demo accounts, or null when the database was not empty.
 */
export async function seedDemoData(
  prisma: GeaPrismaClient,
  plugins: readonly GeaPlugin[],
  { password, log }: DemoSeedOptions,
): Promise<DemoAccount[] | null> {
  if ((await prisma.entity.count()) > 0) return null;
  return prisma.$transaction(
    async (tx) => {
      const context: SeedContext = { prisma: tx, log };
      await seedReferenceEntities(context);
      // The demo's years, and the current one: the web client opens on it.
      await seedDemoPopulations(context, [...new Set([...DEMO_ALLOCATION_YEARS, new Date().getUTCFullYear()])].sort());
      const accounts = await seedDemoOrganisation(context, { password, modules: plugins.map((plugin) => plugin.key) });
      for (const plugin of plugins) await plugin.seed?.(context);
      return accounts;
    },
    { timeout: 300_000, maxWait: 10_000 },
  );
}
