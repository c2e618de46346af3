import { Prisma } from '@gea/db';
import type { GeaContext } from './context.ts';
import { GeaError } from './errors.ts';
import { defineLoader } from './loaders.ts';
import { moduleOfPermission, type PermissionName } from './permissions.ts';

/** Enabled modules per body (null: no such body), one query per request for all the bodies asked about. */
const enabledModules = defineLoader<string, ReadonlySet<string> | null>('core.enabledModules', async (entityIds, context) => {
  const entities = await context.prisma.entity.findMany({
    where: { id: { in: [...entityIds] } },
    select: { id: true, modules: { where: { enabled: true }, select: { moduleKey: true } } },
  });
  const byId = new Map(entities.map((entity) => [entity.id, new Set(entity.modules.map((m) => m.moduleKey))]));
  return entityIds.map((id) => byId.get(id) ?? null);
});

export async function enabledModulesOf(context: GeaContext, entityId: string): Promise<ReadonlySet<string>> {
  return (await enabledModules(context).load(entityId)) ?? new Set();
}

/**
 * Whether the module a permission belongs to is on for the body (core permissions always are). A
 * body that does not exist is let through, so the operation itself can say NOT_FOUND.
 */
export async function isModuleEnabledFor(context: GeaContext, permission: string, entityId: string): Promise<boolean> {
  const module = moduleOfPermission(permission);
  if (!context.installedModules.has(module)) return true;
  const enabled = await enabledModules(context).load(entityId);
  return enabled === null || enabled.has(module);
}

/**
 * isModuleEnabledFor over many bodies in ONE statement: whether the permission's module is on for
 * some of them (`some`) or for every one (`every`), a body that does not exist counting as on, as
 * there. For scopes over thousands of bodies (an association's members), where one lookup per body
 * through the per-request cache would list every id as a parameter and build a set per body.
 */
export async function isModuleEnabledForBodies(
  context: GeaContext,
  permission: string,
  entityIds: readonly string[],
  quantifier: 'some' | 'every',
): Promise<boolean> {
  const module = moduleOfPermission(permission);
  // Nothing to look up: a module that is not installed is on for every body; an empty list has none.
  if (!context.installedModules.has(module)) return quantifier === 'every' || entityIds.length > 0;
  if (entityIds.length === 0) return quantifier === 'every';
  const on = Prisma.sql`(not exists (select 1 from "Entity" e where e."id" = b."id")
    or exists (select 1 from "ModuleEnablement" m where m."entityId" = b."id" and m."moduleKey" = ${module} and m."enabled"))`;
  const ids = [...new Set(entityIds)];
  const [row] = await context.prisma.$queryRaw<{ answer: boolean }[]>`
    select ${quantifier === 'some' ? Prisma.sql`exists` : Prisma.sql`not exists`} (
      select 1 from unnest(${ids}::uuid[]) as b("id") where ${quantifier === 'some' ? on : Prisma.sql`not ${on}`}
    ) as "answer"`;
  return row!.answer;
}

export class ModuleDisabledError extends GeaError {
  constructor(module: string) {
    super('MODULE_DISABLED', `The module "${module}" is not enabled for this body`, { module });
  }
}

/**
 * Where-clause for the bodies whose data the actor may see under `permission`: the bodies the
 * actor holds it for, minus those where the permission's module is disabled. For list queries.
 */
export function readableEntitiesWhere(context: GeaContext, permission: string): Prisma.EntityWhereInput {
  const scope = context.actor.entitiesWith(permission);
  const module = moduleOfPermission(permission);
  const where = {
    ...(scope === 'all' ? {} : { id: { in: [...scope] } }),
    ...(context.installedModules.has(module) ? { modules: { some: { moduleKey: module, enabled: true } } } : {}),
  };
  readableFilters.set(where, permission);
  return where;
}

// The where-clauses made by readableEntitiesWhere, with their permission: the compiled read path
// writes such a filter as the body check it stands for, and knows the rows it keeps pass that
// check already (an asset of a list of readable bodies' assets needs no second look).
const readableFilters = new WeakMap<object, string>();

/** The permission of a where-clause made by readableEntitiesWhere (the object itself, not a copy). */
export const permissionOfReadableFilter = (where: unknown): string | undefined =>
  typeof where === 'object' && where !== null ? readableFilters.get(where) : undefined;

/**
 * readableEntitiesWhere as an SQL predicate on a body id (`entityId`, e.g. Prisma.sql`e."id"`), for
 * statements written by hand that cover every readable body at once: the same two conditions, the
 * actor's bodies (unless they hold the permission association-wide) and the module switched on.
 */
export function readableEntitiesSql(context: GeaContext, permission: string, entityId: Prisma.Sql): Prisma.Sql {
  const scope = context.actor.entitiesWith(permission);
  const module = moduleOfPermission(permission);
  const conditions: Prisma.Sql[] = [];
  if (scope !== 'all') conditions.push(Prisma.sql`${entityId} = any(${[...scope]}::uuid[])`);
  if (context.installedModules.has(module)) {
    conditions.push(
      // An alias no caller's statement uses: a caller's own `m` would otherwise be shadowed in here.
      Prisma.sql`exists (select 1 from "ModuleEnablement" gea_switch where gea_switch."entityId" = ${entityId} and gea_switch."moduleKey" = ${module} and gea_switch."enabled")`,
    );
  }
  return conditions.length ? Prisma.join(conditions, ' and ') : Prisma.sql`true`;
}

/**
 * Scope of an operation on an existing record: the permission for the record's own body, looked up
 * first. A record that does not exist needs the association-wide permission, so that nobody learns
 * of its absence without the right to see it.
 */
export function onBodyOf(permission: PermissionName, entityIdOf: (context: GeaContext) => Promise<{ entityId: string } | null>) {
  return async (
    context: GeaContext,
  ): Promise<{ entityPermission: { permission: PermissionName; entityId: string } } | { permission: PermissionName }> => {
    const record = await entityIdOf(context);
    return record ? { entityPermission: { permission, entityId: record.entityId } } : { permission };
  };
}
