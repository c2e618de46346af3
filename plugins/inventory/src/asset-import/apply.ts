import { isModuleEnabledFor, type GeaContext, type ImportIssue } from '@gea/core';
import type { AssetKind, AssetStatus } from '@gea/db';
import { bodyColumn, describeBody, foldName, type AssetImportRow } from './validate.ts';
// Time-ordered ids like Prisma's uuid(7) default: rows inserted in batches by SQL get no Prisma default.
import { v7 as uuidv7 } from 'uuid';

/** What describes an asset, as the import compares and writes it (dates as `YYYY-MM-DD`). */
interface Description {
  kind: AssetKind;
  manufacturer: string | null;
  model: string | null;
  serialNumber: string | null;
  siteId: string | null;
  floor: string | null;
  assignedTo: string | null;
  supplier: string | null;
  purchaseDate: string | null;
  priceCents: number | null;
  warrantyEnd: string | null;
}
const describingFields = [
  'kind',
  'manufacturer',
  'model',
  'serialNumber',
  'siteId',
  'floor',
  'assignedTo',
  'supplier',
  'purchaseDate',
  'priceCents',
  'warrantyEnd',
] as const satisfies readonly (keyof Description)[];

interface StoredAsset extends Description {
  id: string;
  entityId: string;
  inventoryTag: string;
  status: AssetStatus;
  /** The latest entry of the status history: the asset's status as changeAssetStatus sees it. */
  latestStatus: AssetStatus | null;
  latestEffectiveOn: string | null;
}

export interface AssetCreation {
  entityId: string;
  inventoryTag: string;
  status: AssetStatus;
  /** First entry of the history: the purchase date, or today. */
  effectiveOn: string;
  description: Description;
}

export interface AssetUpdate {
  id: string;
  /** The whole description after the import: the file's values over the stored ones. */
  description: Description;
  status: AssetStatus;
}

export interface AssetImportPlan {
  creations: AssetCreation[];
  /** Existing assets of which the description or the status changes. */
  updates: AssetUpdate[];
  /** New statuses of existing assets, effective `today`. */
  statusChanges: { assetId: string; status: AssetStatus }[];
  unchanged: number;
  /** Bodies the file's rows belong to. */
  entityIds: string[];
  today: string;
  /** Problems only the database can tell: bodies, sites, rights, modules, stored statuses. */
  issues: ImportIssue[];
}

export interface AssetImportCounts {
  /** Data rows in the file. */
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  statusChanges: number;
}

const keyOf = (entityId: string, inventoryTag: string) => `${entityId}\u0000${inventoryTag}`;

/** The message and the rule of changeAssetStatus, so that both paths refuse the same changes. */
function statusChangeProblem(stored: StoredAsset, wanted: AssetStatus, today: string): string | null {
  const current = stored.latestStatus ?? stored.status;
  if (current === wanted) return null;
  if (current === 'DISPOSED') return `the asset is DISPOSED: a disposed asset is gone, its status no longer changes (to ${wanted})`;
  if (stored.latestEffectiveOn !== null && stored.latestEffectiveOn > today) {
    return `the status would change today, before ${stored.latestEffectiveOn}, the date of the asset's last change`;
  }
  return null;
}

/**
 * Matches the rows with bodies, sites and stored assets and works out every write, in a fixed
 * number of queries whatever the size of the file. Run it inside the transaction that applies it.
 * Bodies the actor cannot see are treated as absent, so the messages say nothing the file does not.
 */
export async function planAssetImport(context: GeaContext, rows: readonly AssetImportRow[], today: string): Promise<AssetImportPlan> {
  const { prisma, actor } = context;
  const issues: ImportIssue[] = [];
  const plan: AssetImportPlan = { creations: [], updates: [], statusChanges: [], unchanged: 0, entityIds: [], today, issues };
  if (rows.length === 0) return plan;

  const codes = [...new Set(rows.flatMap((r) => (r.body.by === 'istatCode' ? [r.body.istatCode] : [])))];
  const names = [...new Set(rows.flatMap((r) => (r.body.by === 'name' ? [foldName(r.body.name)] : [])))];
  // Only the bodies the file names; arrays as one parameter each, whatever their length.
  const bodies = await prisma.$queryRaw<{ id: string; name: string; istatCode: string | null }[]>`
    select id::text as id, name, "istatCode" from "Entity"
    where "istatCode" = any(${codes}::text[]) or lower(btrim(name)) = any(${names}::text[])`;
  const maySee = (id: string) => actor.can('core:entities:read', id) || actor.can('inventory:read', id);
  const seeAll = actor.entitiesWith('core:entities:read') === 'all';
  const visible = bodies.filter((body) => maySee(body.id));
  const byIstat = new Map(visible.flatMap((body) => (body.istatCode ? [[body.istatCode, body] as const] : [])));
  const byName = new Map<string, typeof visible>();
  for (const body of visible) byName.set(foldName(body.name), [...(byName.get(foldName(body.name)) ?? []), body]);

  const writable = [...new Set(visible.map((b) => b.id).filter((id) => actor.can('inventory:write', id)))];
  // One batched query through the request's loader, the one the scopes of other fields use.
  const flags = await Promise.all(writable.map((id) => isModuleEnabledFor(context, 'inventory:write', id)));
  const enabled = new Set(writable.filter((_, i) => flags[i]));

  // Rows whose body resolved and may be changed, for the next queries.
  const matched: { row: AssetImportRow; entityId: string; bodyName: string }[] = [];
  const firstLine = new Map<string, number>();
  for (const row of rows) {
    const column = bodyColumn(row.body);
    const problem = (message: string) => issues.push({ line: row.line, column, message });
    const candidates = row.body.by === 'istatCode' ? [byIstat.get(row.body.istatCode)].filter((b) => b !== undefined) : (byName.get(foldName(row.body.name)) ?? []);
    if (candidates.length === 0) {
      problem(`there is no body ${describeBody(row.body)}${seeAll ? '' : ' among the bodies you may see'}`);
      continue;
    }
    if (candidates.length > 1) {
      problem(`body ${describeBody(row.body)} matches ${candidates.length} bodies: add body_istat_code to say which one`);
      continue;
    }
    const body = candidates[0]!;
    if (!actor.can('inventory:write', body.id)) {
      problem(`you may not change the inventory of this body (${body.name})`);
      continue;
    }
    if (!enabled.has(body.id)) {
      problem(`the inventory module is not enabled for this body (${body.name})`);
      continue;
    }
    // The same body may be named by name on one line and by ISTAT code on another.
    const key = keyOf(body.id, row.inventoryTag);
    const first = firstLine.get(key);
    if (first !== undefined) {
      issues.push({ line: row.line, column: 'inventory_tag', message: `inventory_tag "${row.inventoryTag}" of body "${body.name}" is also on line ${first}` });
      continue;
    }
    firstLine.set(key, row.line);
    matched.push({ row, entityId: body.id, bodyName: body.name });
  }
  plan.entityIds = [...new Set(matched.map((m) => m.entityId))];
  if (matched.length === 0) return plan;

  const sites = matched.some((m) => m.row.site !== null)
    ? await prisma.site.findMany({ where: { entityId: { in: [...enabled] } }, select: { id: true, entityId: true, name: true } })
    : [];
  const sitesByName = new Map<string, string[]>();
  for (const site of sites) {
    const key = keyOf(site.entityId, foldName(site.name));
    sitesByName.set(key, [...(sitesByName.get(key) ?? []), site.id]);
  }

  // The stored assets the file names are locked first (in id order, as every locker of assets
  // does), then read: a concurrent changeAssetStatus or import of the same asset waits or is
  // waited for, and the statuses below are the ones the writes will follow.
  await prisma.$queryRaw`
    select a.id from unnest(${matched.map((m) => m.entityId)}::uuid[], ${matched.map((m) => m.row.inventoryTag)}::text[]) as wanted("entityId", tag)
    join "Asset" a on a."entityId" = wanted."entityId" and a."inventoryTag" = wanted.tag
    order by a.id
    for no key update of a`;
  // The pairs themselves, so the unique (entityId, inventoryTag) index does the matching.
  // priceCents is a bigint column: read as a number, exact since prices are at most MAX_PRICE_CENTS.
  const stored = await prisma.$queryRaw<StoredAsset[]>`
    select a.id::text as id, a."entityId"::text as "entityId", a."inventoryTag", a.kind::text as kind, a.status::text as status,
      a.manufacturer, a.model, a."serialNumber", a."siteId"::text as "siteId", a.floor, a."assignedTo", a.supplier,
      to_char(a."purchaseDate", 'YYYY-MM-DD') as "purchaseDate", a."priceCents"::float8 as "priceCents",
      to_char(a."warrantyEnd", 'YYYY-MM-DD') as "warrantyEnd",
      latest.status::text as "latestStatus", to_char(latest."effectiveOn", 'YYYY-MM-DD') as "latestEffectiveOn"
    from unnest(${matched.map((m) => m.entityId)}::uuid[], ${matched.map((m) => m.row.inventoryTag)}::text[]) as wanted("entityId", tag)
    join "Asset" a on a."entityId" = wanted."entityId" and a."inventoryTag" = wanted.tag
    left join lateral (
      select s.status, s."effectiveOn" from "AssetStatusChange" s
      where s."assetId" = a.id
      order by s."effectiveOn" desc, s."recordedAt" desc, s.id desc
      limit 1
    ) latest on true`;
  const storedByKey = new Map(stored.map((asset) => [keyOf(asset.entityId, asset.inventoryTag), asset]));

  for (const { row, entityId, bodyName } of matched) {
    const problem = (column: string, message: string) => issues.push({ line: row.line, column, message });
    let siteId: string | null = null;
    if (row.site !== null) {
      const found = sitesByName.get(keyOf(entityId, foldName(row.site))) ?? [];
      if (found.length === 1) siteId = found[0]!;
      else problem('site', found.length === 0 ? `"${bodyName}" has no site named "${row.site}"` : `"${bodyName}" has ${found.length} sites named "${row.site}"`);
    }
    const existing = storedByKey.get(keyOf(entityId, row.inventoryTag));
    if (!existing) {
      if (row.kind === null) problem('kind', 'kind is required for a new asset');
      if (row.kind === null || (row.site !== null && siteId === null)) continue;
      plan.creations.push({
        entityId,
        inventoryTag: row.inventoryTag,
        status: row.status ?? 'IN_SERVICE',
        effectiveOn: row.purchaseDate ?? today,
        description: {
          kind: row.kind,
          manufacturer: row.manufacturer,
          model: row.model,
          serialNumber: row.serialNumber,
          siteId,
          floor: row.floor,
          assignedTo: row.assignedTo,
          supplier: row.supplier,
          purchaseDate: row.purchaseDate,
          priceCents: row.priceCents,
          warrantyEnd: row.warrantyEnd,
        },
      });
      continue;
    }

    const description: Description = {
      kind: row.kind ?? existing.kind,
      manufacturer: row.manufacturer ?? existing.manufacturer,
      model: row.model ?? existing.model,
      serialNumber: row.serialNumber ?? existing.serialNumber,
      siteId: siteId ?? existing.siteId,
      floor: row.floor ?? existing.floor,
      assignedTo: row.assignedTo ?? existing.assignedTo,
      supplier: row.supplier ?? existing.supplier,
      purchaseDate: row.purchaseDate ?? existing.purchaseDate,
      priceCents: row.priceCents ?? existing.priceCents,
      warrantyEnd: row.warrantyEnd ?? existing.warrantyEnd,
    };
    let valid = !(row.site !== null && siteId === null);
    // Only when the file sets one of the two dates: a stored inconsistency is not the file's fault.
    if ((row.purchaseDate !== null || row.warrantyEnd !== null) && description.purchaseDate !== null && description.warrantyEnd !== null && description.warrantyEnd < description.purchaseDate) {
      problem(
        row.warrantyEnd !== null ? 'warranty_end' : 'purchase_date',
        `warranty_end ${description.warrantyEnd} would be before purchase_date ${description.purchaseDate}`,
      );
      valid = false;
    }
    const current = existing.latestStatus ?? existing.status;
    let status = existing.status;
    if (row.status !== null && row.status !== current) {
      const refusal = statusChangeProblem(existing, row.status, today);
      if (refusal) {
        problem('status', refusal);
        valid = false;
      } else {
        status = row.status;
        if (valid) plan.statusChanges.push({ assetId: existing.id, status });
      }
    }
    if (!valid) continue;
    const changed = status !== existing.status || describingFields.some((field) => description[field] !== existing[field]);
    if (changed) plan.updates.push({ id: existing.id, description, status });
    else plan.unchanged++;
  }
  return plan;
}

export function countsOf(plan: AssetImportPlan, rowCount: number): AssetImportCounts {
  return {
    rows: rowCount,
    created: plan.creations.length,
    updated: plan.updates.length,
    unchanged: plan.unchanged,
    statusChanges: plan.statusChanges.length,
  };
}

/**
 * Rows per statement. Each column travels as one array parameter (`unnest`), so a batch is bounded
 * by memory only, not by PostgreSQL's 65,535 parameters; and no per-row statements: Prisma's
 * createMany took about 0.6 ms per row on PGlite, ten times the same INSERT ... SELECT FROM unnest.
 */
const BATCH = 5_000;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}


/** Writes a plan without issues. Inside a transaction: a failure half-way must undo it all. */
export async function applyAssetImportPlan(
  context: GeaContext,
  plan: AssetImportPlan,
  /** After each statement: rows written so far, of all the rows (assets and history entries) to write. */
  onProgress?: (written: number, total: number) => void,
): Promise<void> {
  const { prisma } = context;
  const changedById = context.actor.kind === 'user' ? context.actor.id : null;
  const history: { assetId: string; status: AssetStatus; effectiveOn: string }[] = [];
  const total = plan.creations.length * 2 + plan.updates.length + plan.statusChanges.length;
  let written = 0;
  const wrote = (rows: number) => {
    written += rows;
    onProgress?.(written, total);
  };

  for (const batch of chunks(plan.creations, BATCH)) {
    const ids = batch.map(() => uuidv7());
    const column = <K extends keyof Description>(field: K) => batch.map((c) => c.description[field]);
    await prisma.$executeRaw`
      insert into "Asset" (id, "entityId", "inventoryTag", kind, status, manufacturer, model, "serialNumber", "siteId", floor,
        "assignedTo", supplier, "purchaseDate", "priceCents", "warrantyEnd", "updatedAt")
      select u.id, u."entityId", u."inventoryTag", u.kind::"AssetKind", u.status::"AssetStatus", u.manufacturer, u.model, u."serialNumber",
        u."siteId", u.floor, u."assignedTo", u.supplier, u."purchaseDate", u."priceCents", u."warrantyEnd", now()
      from unnest(
        ${ids}::uuid[], ${batch.map((c) => c.entityId)}::uuid[], ${batch.map((c) => c.inventoryTag)}::text[],
        ${column('kind')}::text[], ${batch.map((c) => c.status)}::text[], ${column('manufacturer')}::text[], ${column('model')}::text[],
        ${column('serialNumber')}::text[], ${column('siteId')}::uuid[], ${column('floor')}::text[], ${column('assignedTo')}::text[],
        ${column('supplier')}::text[], ${column('purchaseDate')}::date[], ${column('priceCents')}::bigint[], ${column('warrantyEnd')}::date[]
      ) as u(id, "entityId", "inventoryTag", kind, status, manufacturer, model, "serialNumber", "siteId", floor,
        "assignedTo", supplier, "purchaseDate", "priceCents", "warrantyEnd")`;
    batch.forEach((creation, i) => history.push({ assetId: ids[i]!, status: creation.status, effectiveOn: creation.effectiveOn }));
    wrote(batch.length);
  }

  for (const batch of chunks(plan.updates, BATCH)) {
    const column = <K extends keyof Description>(field: K) => batch.map((u) => u.description[field]);
    await prisma.$executeRaw`
      update "Asset" as a set
        kind = u.kind::"AssetKind",
        status = u.status::"AssetStatus",
        manufacturer = u.manufacturer,
        model = u.model,
        "serialNumber" = u."serialNumber",
        "siteId" = u."siteId",
        floor = u.floor,
        "assignedTo" = u."assignedTo",
        supplier = u.supplier,
        "purchaseDate" = u."purchaseDate",
        "priceCents" = u."priceCents",
        "warrantyEnd" = u."warrantyEnd",
        "updatedAt" = now()
      from unnest(
        ${batch.map((u) => u.id)}::uuid[], ${column('kind')}::text[], ${batch.map((u) => u.status)}::text[],
        ${column('manufacturer')}::text[], ${column('model')}::text[], ${column('serialNumber')}::text[],
        ${column('siteId')}::uuid[], ${column('floor')}::text[], ${column('assignedTo')}::text[], ${column('supplier')}::text[],
        ${column('purchaseDate')}::date[], ${column('priceCents')}::bigint[], ${column('warrantyEnd')}::date[]
      ) as u(id, kind, status, manufacturer, model, "serialNumber", "siteId", floor, "assignedTo", supplier, "purchaseDate", "priceCents", "warrantyEnd")
      where a.id = u.id`;
    wrote(batch.length);
  }

  for (const change of plan.statusChanges) history.push({ ...change, effectiveOn: plan.today });
  for (const batch of chunks(history, BATCH)) {
    await prisma.$executeRaw`
      insert into "AssetStatusChange" (id, "assetId", status, "effectiveOn", "changedById", "recordedAt")
      select u.id, u."assetId", u.status::"AssetStatus", u."effectiveOn", ${changedById}::uuid,
        -- strictly after the asset's latest step (now() is when the transaction began, maybe before a step it waited for)
        greatest(clock_timestamp(), (select max(s."recordedAt") from "AssetStatusChange" s where s."assetId" = u."assetId") + interval '1 millisecond')
      from unnest(
        ${batch.map(() => uuidv7())}::uuid[], ${batch.map((h) => h.assetId)}::uuid[], ${batch.map((h) => h.status)}::text[],
        ${batch.map((h) => h.effectiveOn)}::date[]
      ) as u(id, "assetId", status, "effectiveOn")`;
    wrote(batch.length);
  }
}
