import type { EntityKind, Prisma } from '@gea/db';
import type { EntityImportCounts, EntityImportRow, ImportIssue, ImportProgress } from './issues.ts';
// Time-ordered ids like Prisma's uuid(7) default: rows inserted in batches by SQL get no Prisma default.
import { v7 as uuidv7 } from 'uuid';

/** A client to read and write with: the root client or an interactive transaction. */
export type ImportClient = Prisma.TransactionClient;

interface StoredEntity {
  id: string;
  ceasedOn?: Date | null;
  successorId?: string | null;
  kind: EntityKind;
  name: string;
  istatCode: string | null;
  cadastralCode: string | null;
  taxCode: string | null;
  ipaCode: string | null;
  province: string | null;
  pecAddress: string | null;
}

type EntityFields = Omit<StoredEntity, 'id'>;

interface PlannedBody {
  row: EntityImportRow;
  id: string;
  /** Null: a new body. */
  existing: StoredEntity | null;
  /** Fields of an existing body that the file changes. */
  changes: Partial<EntityFields>;
}

export interface EntityImportPlan {
  bodies: PlannedBody[];
  populationsToCreate: Prisma.EntityPopulationCreateManyInput[];
  populationsToUpdate: { entityId: string; referenceDate: Date; population: number; source: string }[];
  membershipsToAdd: Prisma.AssociationMemberCreateManyInput[];
  /** ISTAT codes that changed (same cadastral code, new ISTAT code): history rows to add. */
  codeChanges: Prisma.EntityCodeChangeCreateManyInput[];
  /** Bodies that ceased (mergers), with their successor; only those not already recorded so. */
  successions: { entityId: string; successorId: string; ceasedOn: Date }[];
  /** Problems that depend on the database: unknown associations, codes of other bodies, ambiguous matches. */
  issues: ImportIssue[];
}


/** Today's date in Italy, as stored in a `@db.Date` column. */
export function italianToday(now = new Date()): Date {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(now);
  return new Date(`${day}T00:00:00Z`);
}

const asDate = (day: string) => new Date(`${day}T00:00:00Z`);
const sourceOf = (column: string) => {
  const [, year] = /^population_(\d{4})_/.exec(column) ?? [];
  return `import: resident population on 1 January ${year} (${column})`;
};

const selectStored = {
  id: true,
  kind: true,
  name: true,
  istatCode: true,
  cadastralCode: true,
  taxCode: true,
  ipaCode: true,
  province: true,
  pecAddress: true,
  ceasedOn: true,
  successorId: true,
} as const;

/** What the file's row sets; null values leave the stored field as it is. */
function fieldsOf(row: EntityImportRow): Partial<EntityFields> {
  const given: Partial<EntityFields> = { kind: row.kind, name: row.name };
  if (row.istatCode !== null) given.istatCode = row.istatCode;
  if (row.cadastralCode !== null) given.cadastralCode = row.cadastralCode;
  if (row.taxCode !== null) given.taxCode = row.taxCode;
  if (row.ipaCode !== null) given.ipaCode = row.ipaCode;
  if (row.province !== null) given.province = row.province;
  if (row.pec !== null) given.pecAddress = row.pec;
  return given;
}

const describeBody = (entity: StoredEntity) => `"${entity.name}"${entity.istatCode ? ` (ISTAT ${entity.istatCode})` : ''}`;

/**
 * Matches the rows with the stored bodies (by ISTAT code, or by name and kind without one) and works
 * out every write, reading the database a fixed number of times whatever the size of the file.
 * Run it inside the transaction that applies it, so what it read still holds when writing.
 */
export async function planEntityImport(
  prisma: ImportClient,
  rows: readonly EntityImportRow[],
  today: Date = italianToday(),
): Promise<EntityImportPlan> {
  const issues: ImportIssue[] = [];
  const distinct = <T>(values: (T | null)[]) => [...new Set(values.filter((v): v is T => v !== null))];
  const istatCodes = distinct(rows.map((r) => r.istatCode));
  const cadastralCodes = distinct(rows.map((r) => r.cadastralCode));
  const ipaCodes = distinct(rows.map((r) => r.ipaCode));
  const names = distinct(rows.map((r) => r.name));
  const associationNames = distinct(rows.map((r) => r.memberOf));

  // Sequential reads: an interactive transaction runs one statement at a time anyway.
  const stored = await prisma.entity.findMany({
    where: {
      OR: [
        { istatCode: { in: istatCodes } },
        { cadastralCode: { in: cadastralCodes } },
        { ipaCode: { in: ipaCodes } },
        { name: { in: names } },
      ],
    },
    select: selectStored,
  });
  const associations = await prisma.association.findMany({
    where: { name: { in: associationNames } },
    select: { id: true, name: true },
  });
  const byIstat = new Map(stored.flatMap((e) => (e.istatCode ? [[e.istatCode, e] as const] : [])));
  const byCadastral = new Map(stored.flatMap((e) => (e.cadastralCode ? [[e.cadastralCode, e] as const] : [])));
  const byIpa = new Map(stored.flatMap((e) => (e.ipaCode ? [[e.ipaCode, e] as const] : [])));
  const associationByName = new Map(associations.map((a) => [a.name, a.id]));
  const byKindAndName = new Map<string, StoredEntity[]>();
  for (const entity of stored) {
    const key = `${entity.kind}\u0000${entity.name}`;
    byKindAndName.set(key, [...(byKindAndName.get(key) ?? []), entity]);
  }
  const unionsInFile = new Set(rows.filter((r) => r.kind === 'UNION').map((r) => r.name));

  const bodies: PlannedBody[] = [];
  const codeChanges: Prisma.EntityCodeChangeCreateManyInput[] = [];
  const lineOfMatch = new Map<string, number>();
  for (const row of rows) {
    let existing: StoredEntity | null = row.istatCode === null ? null : (byIstat.get(row.istatCode) ?? null);
    if (!existing && row.istatCode !== null && row.cadastralCode !== null) {
      // A municipality that moved to another province or region keeps its cadastral code and name and
      // gets a new ISTAT code: the same body, its old code kept as history instead of a refused row.
      const holder = byCadastral.get(row.cadastralCode);
      // Same name too: a different name with a held cadastral code is a mistake in the file, reported below.
      const sameName = holder !== undefined && holder.name.localeCompare(row.name, 'it', { sensitivity: 'accent' }) === 0;
      if (holder && sameName && holder.kind === row.kind && holder.istatCode !== null && holder.istatCode !== row.istatCode) {
        existing = holder;
        codeChanges.push({ entityId: holder.id, kind: 'ISTAT', oldCode: holder.istatCode, newCode: row.istatCode, changedOn: today, source: `import, line ${row.line}` });
      }
    }
    if (!existing) {
      // By kind and name: rows without an ISTAT code, and bodies stored without one (entered by
      // hand before the reference data), which the row's code then completes instead of duplicating.
      const sameName = byKindAndName.get(`${row.kind}\u0000${row.name}`) ?? [];
      const candidates = row.istatCode === null ? sameName : sameName.filter((e) => e.istatCode === null);
      if (candidates.length > 1) {
        issues.push({
          line: row.line,
          column: 'name',
          message:
            row.istatCode === null
              ? `${row.kind} "${row.name}" matches ${candidates.length} existing bodies; add istat_code to say which one`
              : `${row.kind} "${row.name}" matches ${candidates.length} existing bodies without an ISTAT code; set it on the right one first`,
        });
        continue;
      }
      existing = candidates[0] ?? null;
    }
    if (existing) {
      const first = lineOfMatch.get(existing.id);
      if (first !== undefined) {
        issues.push({
          line: row.line,
          column: null,
          message: `matches the same existing body as line ${first} (${describeBody(existing)})`,
        });
        continue;
      }
      lineOfMatch.set(existing.id, row.line);
    }
    // A code held by another stored body would break its uniqueness when written.
    const holders: [string, string | null, Map<string, StoredEntity>][] = [
      ['cadastral_code', row.cadastralCode, byCadastral],
      ['ipa_code', row.ipaCode, byIpa],
    ];
    let conflict = false;
    for (const [column, code, index] of holders) {
      const holder = code === null ? undefined : index.get(code);
      if (holder && holder.id !== existing?.id) {
        issues.push({ line: row.line, column, message: `${column} "${code}" already belongs to ${describeBody(holder)}` });
        conflict = true;
      }
    }
    if (row.memberOf !== null && !associationByName.has(row.memberOf)) {
      issues.push({
        line: row.line,
        column: 'member_of',
        message: unionsInFile.has(row.memberOf)
          ? `member_of "${row.memberOf}" is a body of this file, but there is no association with that name: create the association first`
          : `member_of "${row.memberOf}": there is no association with that name`,
      });
      conflict = true;
    }
    if (conflict) continue;

    const changes: Partial<EntityFields> = {};
    if (existing) {
      for (const [field, value] of Object.entries(fieldsOf(row)) as [keyof EntityFields, string][]) {
        if (existing[field] !== value) (changes as Record<string, string>)[field] = value;
      }
    }
    bodies.push({ row, id: existing?.id ?? uuidv7(), existing, changes });
  }

  const existingIds = bodies.flatMap((b) => (b.existing ? [b.existing.id] : []));
  const referenceDates = distinct(rows.flatMap((r) => r.populations.map((p) => p.referenceDate))).map(asDate);
  const figures = await prisma.entityPopulation.findMany({
    where: { entityId: { in: existingIds }, referenceDate: { in: referenceDates } },
    select: { entityId: true, referenceDate: true, population: true },
  });
  const memberships = await prisma.associationMember.findMany({
    where: { entityId: { in: existingIds }, associationId: { in: associations.map((a) => a.id) } },
    select: { entityId: true, associationId: true, joinedOn: true, leftOn: true },
  });
  const storedFigure = new Map(figures.map((f) => [`${f.entityId}@${f.referenceDate.toISOString().slice(0, 10)}`, f.population]));

  const plan: EntityImportPlan = { bodies, populationsToCreate: [], populationsToUpdate: [], membershipsToAdd: [], codeChanges, successions: [], issues };
  // Mergers: the successor is a stored body or one of this file (by ISTAT code).
  const successorCodes = distinct(bodies.map((b) => b.row.successorIstatCode ?? null));
  const storedSuccessors = successorCodes.length === 0 ? [] : await prisma.entity.findMany({ where: { istatCode: { in: successorCodes } }, select: { id: true, istatCode: true } });
  const successorByCode = new Map<string, string>(storedSuccessors.map((e) => [e.istatCode!, e.id]));
  for (const body of bodies) if (body.row.istatCode !== null) successorByCode.set(body.row.istatCode, body.id);
  for (const body of bodies) {
    const code = body.row.successorIstatCode;
    if (!code || !body.row.ceasedOn) continue;
    const successorId = successorByCode.get(code);
    if (!successorId) {
      issues.push({ line: body.row.line, column: 'successor_istat_code', message: `successor_istat_code "${code}": no body has that ISTAT code, in the file or stored` });
      continue;
    }
    const ceasedOn = asDate(body.row.ceasedOn);
    if (body.existing?.successorId === successorId && body.existing.ceasedOn?.getTime() === ceasedOn.getTime()) continue;
    plan.successions.push({ entityId: body.id, successorId, ceasedOn });
  }
  for (const body of bodies) {
    for (const figure of body.row.populations) {
      const current = storedFigure.get(`${body.id}@${figure.referenceDate}`);
      const write = { entityId: body.id, referenceDate: asDate(figure.referenceDate), population: figure.population, source: sourceOf(figure.column) };
      if (current === undefined) plan.populationsToCreate.push(write);
      else if (current !== figure.population) plan.populationsToUpdate.push(write);
    }
    if (body.row.memberOf !== null) {
      const associationId = associationByName.get(body.row.memberOf)!;
      // A current membership, or one recorded today (the key includes the day), is left alone.
      const member = memberships.some(
        (m) =>
          m.entityId === body.id &&
          m.associationId === associationId &&
          (m.leftOn === null || m.leftOn > today || m.joinedOn.getTime() === today.getTime()),
      );
      if (!member) plan.membershipsToAdd.push({ associationId, entityId: body.id, joinedOn: today });
    }
  }
  return plan;
}

export function countsOf(plan: EntityImportPlan, rowCount: number, skipped = 0): EntityImportCounts {
  const updated = plan.bodies.filter((b) => b.existing && Object.keys(b.changes).length > 0).length;
  const matched = plan.bodies.filter((b) => b.existing).length;
  return {
    rows: rowCount,
    created: plan.bodies.length - matched,
    updated,
    unchanged: matched - updated,
    populationsRecorded: plan.populationsToCreate.length + plan.populationsToUpdate.length,
    membershipsAdded: plan.membershipsToAdd.length,
    codeChanges: plan.codeChanges.length,
    ceased: plan.successions.length,
    skipped,
  };
}

const BATCH = 500;

/** Writes a plan without issues. Call it inside a transaction: a failure half-way must undo it all. */
export async function applyEntityImportPlan(tx: ImportClient, plan: EntityImportPlan, onProgress?: ImportProgress): Promise<void> {
  const created = plan.bodies.filter((b) => !b.existing);
  const updated = plan.bodies.filter((b) => b.existing && Object.keys(b.changes).length > 0);
  const total =
    created.length + updated.length + plan.populationsToCreate.length + plan.populationsToUpdate.length + plan.membershipsToAdd.length +
    plan.codeChanges.length + plan.successions.length;
  let done = 0;
  const advance = (steps: number) => {
    done += steps;
    onProgress?.('apply', done, total);
  };
  onProgress?.('apply', 0, total);

  // Batched inserts: one statement per batch instead of one per row (PGlite is slow per statement).
  for (let i = 0; i < created.length; i += BATCH) {
    const batch = created.slice(i, i + BATCH);
    await tx.entity.createMany({
      data: batch.map(({ id, row }) => ({
        id,
        kind: row.kind,
        name: row.name,
        istatCode: row.istatCode,
        cadastralCode: row.cadastralCode,
        taxCode: row.taxCode,
        ipaCode: row.ipaCode,
        province: row.province,
        pecAddress: row.pec,
      })),
    });
    advance(batch.length);
  }
  for (const body of updated) {
    await tx.entity.update({ where: { id: body.id }, data: body.changes });
    advance(1);
  }
  for (let i = 0; i < plan.populationsToCreate.length; i += BATCH) {
    const batch = plan.populationsToCreate.slice(i, i + BATCH);
    await tx.entityPopulation.createMany({ data: batch });
    advance(batch.length);
  }
  for (const figure of plan.populationsToUpdate) {
    const { entityId, referenceDate, population, source } = figure;
    await tx.entityPopulation.upsert({
      where: { entityId_referenceDate: { entityId, referenceDate } },
      create: figure,
      update: { population, source },
    });
    advance(1);
  }
  if (plan.codeChanges.length > 0) {
    await tx.entityCodeChange.createMany({ data: plan.codeChanges, skipDuplicates: true });
    advance(plan.codeChanges.length);
  }
  for (const succession of plan.successions) {
    await tx.entity.update({ where: { id: succession.entityId }, data: { ceasedOn: succession.ceasedOn, successorId: succession.successorId } });
    advance(1);
  }
  for (let i = 0; i < plan.membershipsToAdd.length; i += BATCH) {
    const batch = plan.membershipsToAdd.slice(i, i + BATCH);
    await tx.associationMember.createMany({ data: batch });
    advance(batch.length);
  }
}
