import type { Prisma } from '@gea/db';
import type { GeaContext } from '../context.ts';
import { onBodyOf, readableEntitiesSql, readableEntitiesWhere } from '../modules.ts';
import { moduleOfPermission, type PermissionName } from '../permissions.ts';

type BodyLookup = (context: GeaContext) => Promise<{ entityId: string } | null>;

/**
 * The scopes a plugin's fields choose from, for its read and write permissions: one set per plugin
 * instead of a copy in every schema file.
 */
export function pluginScopes<Read extends PermissionName, Write extends PermissionName>(read: Read, write: Write) {
  const readOn = (entityId: string) => ({ entityPermission: { permission: read, entityId } });
  return {
    read,
    write,
    /** Read the data of this body. */
    readOn,
    /**
     * readOn for a type's check of each row: `true` at once when the actor holds the permission for
     * the body and the permission's module has no switch (the core's own data), so a list of
     * thousands of bodies evaluates no scope map per row; otherwise readOn itself (module switch,
     * and a refusal that names the permission).
     */
    readOnRow: (context: GeaContext, entityId: string) =>
      context.actor.can(read, entityId) && !context.installedModules.has(moduleOfPermission(read)) ? (true as const) : readOn(entityId),
    /** Change the data of this body. */
    writeOn: (entityId: string) => ({ entityPermission: { permission: write, entityId } }),
    /** A list: for one body when it names one, else for whichever bodies the reader may see. */
    readList: (entityId: { id: string } | null | undefined) => (entityId ? readOn(entityId.id) : { permissionOnSomeBody: read }),
    /** A list or catalogue over every body the reader may see. */
    readSome: { permissionOnSomeBody: read },
    /**
     * readSome for a type's check of each row (thousands of computed lines): `true` at once when the
     * reader holds the permission for some body, otherwise readSome itself (and its refusal).
     */
    readSomeRow: (_row: unknown, context: GeaContext) => {
      const bodies = context.actor.entitiesWith(read);
      return bodies === 'all' || bodies.length > 0 ? (true as const) : { permissionOnSomeBody: read };
    },
    /** A record serving several bodies: readable through any one of them. */
    readAny: (entityIds: readonly string[]) => ({ someEntityPermission: { permission: read, entityIds } }),
    /** A record serving several bodies: changed only with rights on every one of them. */
    writeEvery: (entityIds: readonly string[]) => ({ everyEntityPermission: { permission: write, entityIds } }),
    /** Read scope on the body of an existing record (association-wide when it does not exist). */
    readOnBodyOf: (lookup: BodyLookup) => onBodyOf(read, lookup),
    /** Write scope on the body of an existing record (association-wide when it does not exist). */
    writeOnBodyOf: (lookup: BodyLookup) => onBodyOf(write, lookup),
    /** Where-clause for the bodies whose data the reader may see (module on). */
    readableEntities: (context: GeaContext) => readableEntitiesWhere(context, read),
    /** The same as an SQL predicate on a body id column, for one hand-written statement over every readable body. */
    readableEntitiesSql: (context: GeaContext, entityId: Prisma.Sql) => readableEntitiesSql(context, read, entityId),
  } as const;
}

export type PluginScopes = ReturnType<typeof pluginScopes>;

/** The core's scopes on public bodies and their sites. */
export const entityScopes = pluginScopes('core:entities:read', 'core:entities:write');
