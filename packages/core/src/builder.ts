import SchemaBuilder from '@pothos/core';
import ErrorsPlugin from '@pothos/plugin-errors';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import ValidationPlugin from '@pothos/plugin-validation';
import { getDatamodel, type PrismaTypes } from '@gea/db';
import './audit/plugin.ts';
import { permissionsOfFailure, refusalFor } from './auth/refusal.ts';
import type { GeaContext } from './context.ts';
import { GeaError, InputError } from './errors.ts';
import { isModuleEnabledFor, isModuleEnabledForBodies, ModuleDisabledError } from './modules.ts';
import { moduleOfPermission, type PermissionName } from './permissions.ts';
import type { AuditRedaction } from './audit/plugin.ts';
import { fieldIssueOf } from './validation-issues.ts';
import { isUuid } from './kit/uuid.ts';

/**
 * The scopes every field chooses from (`authScopes: { permission: 'inventory:read' }`). Scope
 * functions ask the request's actor; body-scoped checks take the body id.
 */
export interface GeaAuthScopes {
  /** Anyone, signed in or not. */
  public: boolean;
  /** Any signed-in user or valid API token. */
  authenticated: boolean;
  /** The actor holds this permission for the whole association. */
  permission: PermissionName;
  /** The actor holds the permission for this body (or for the whole association). */
  entityPermission: { permission: PermissionName; entityId: string };
  /** For a record that serves several bodies: the permission (module on) for at least one of them. */
  someEntityPermission: { permission: PermissionName; entityIds: readonly string[] };
  /** For changing a record that serves several bodies: the permission (module on) for every one of them. */
  everyEntityPermission: { permission: PermissionName; entityIds: readonly string[] };
  /** The actor holds the permission for at least one body (catalogues shared by all bodies). */
  permissionOnSomeBody: PermissionName;
}

/**
 * Page sizes of every connection: `first`/`last` default to 20 and may be at most 1000. The API refuses a
 * larger page with PAGE_TOO_LARGE before anything runs (apps/api's query limits), rather than serving
 * less and answering `hasNextPage: true` as if that was what was asked. A large page counts in the
 * query's estimated cost like any other list, so the caller's budget (QUERY_TOO_COSTLY) decides how
 * much a page of 1000 may hold below it: the compiled read path serves such pages in one statement.
 */
export const connectionPageSize = { default: 20, max: 1000 } as const;

const pageArgDescription = (which: 'first' | 'last') =>
  `The ${which} items of the page (${which === 'first' ? 'after `after`' : 'before `before`'}): at most ${connectionPageSize.max}, ` +
  `or the request is refused with PAGE_TOO_LARGE; ${connectionPageSize.default} when neither \`first\` nor \`last\` is given. ` +
  'Each row counts in the estimated cost of the query, which the caller\'s budget bounds (QUERY_TOO_COSTLY).';

export interface GeaSchemaTypes {
  Context: GeaContext;
  PrismaTypes: PrismaTypes;
  AuthScopes: GeaAuthScopes;
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    Date: { Input: Date; Output: Date };
    /** Euro cents within ±(2^53 - 1): a number in the code, a bigint from BigInt columns. */
    Cents: { Input: number; Output: number | bigint };
    /** A file of a GraphQL multipart request (input only). */
    Upload: { Input: File; Output: never };
    /** A JSON object whose shape a field's description gives (a page's fields, checked by its content model). */
    JSONObject: { Input: Record<string, unknown>; Output: Record<string, unknown> };
  };
  DefaultFieldNullability: false;
  DefaultEdgesNullability: { list: false; items: false };
  DefaultNodeNullability: false;
}


/** Every GEA id is `base64("<Type>:<uuid>")`; anything else is bad input, never a database error. */
function decodeGlobalId(globalId: string): { typename: string; id: string } {
  const decoded = Buffer.from(globalId, 'base64').toString('utf8');
  const separator = decoded.indexOf(':');
  const typename = decoded.slice(0, separator);
  const id = decoded.slice(separator + 1);
  if (separator < 1 || !isUuid(id) || Buffer.from(decoded).toString('base64') !== globalId) {
    throw new GeaError('BAD_USER_INPUT', `"${globalId.slice(0, 60)}" is not a valid id`);
  }
  return { typename, id: id.toLowerCase() };
}

/**
 * Above this many bodies, a scope over several bodies checks their module switches in one statement
 * (isModuleEnabledForBodies); up to it, body by body through the request's cache, which the other
 * checks of the request share.
 */
const MANY_BODIES = 50;

export type GeaBuilder = PothosSchemaTypes.SchemaBuilder<PothosSchemaTypes.ExtendDefaultTypes<GeaSchemaTypes>>;

/**
 * A new builder for one schema composition. Not a module singleton (unlike Pothos' examples):
 * the API composes whichever plugins are installed, and tests compose several sets in one process.
 */
export function createBuilder(options: { audit?: AuditRedaction } = {}): GeaBuilder {
  const builder = new SchemaBuilder<GeaSchemaTypes>({
    geaAudit: options.audit,
    // audit outermost (it must see refusals and typed errors), then scope-auth around everything else
    plugins: ['geaAudit', ScopeAuthPlugin, ErrorsPlugin, ValidationPlugin, PrismaPlugin, RelayPlugin],
    defaultFieldNullability: false,
    scopeAuth: {
      authScopes: (context) => ({
        public: true,
        authenticated: context.actor.kind !== 'anonymous',
        permission: (permission) => context.actor.can(permission),
        // Allowed, then enabled: a body the actor may not see never reveals its modules.
        // Answered without a promise when no module switch applies (core permissions): a list of
        // thousands of bodies then costs no promise chain per body.
        entityPermission: ({ permission, entityId }) => {
          if (!context.actor.can(permission, entityId)) return false;
          const module = moduleOfPermission(permission);
          if (!context.installedModules.has(module)) return true;
          return isModuleEnabledFor(context, permission, entityId).then((enabled) => {
            if (!enabled) throw new ModuleDisabledError(module);
            return true;
          });
        },
        someEntityPermission: async ({ permission, entityIds }) => {
          const allowed = entityIds.filter((entityId) => context.actor.can(permission, entityId));
          if (allowed.length === 0) return false;
          const enabled =
            allowed.length > MANY_BODIES
              ? await isModuleEnabledForBodies(context, permission, allowed, 'some')
              : (await Promise.all(allowed.map((entityId) => isModuleEnabledFor(context, permission, entityId)))).includes(true);
          if (!enabled) throw new ModuleDisabledError(moduleOfPermission(permission));
          return true;
        },
        everyEntityPermission: async ({ permission, entityIds }) => {
          if (entityIds.length === 0) return context.actor.can(permission);
          if (!entityIds.every((entityId) => context.actor.can(permission, entityId))) return false;
          const enabled =
            entityIds.length > MANY_BODIES
              ? await isModuleEnabledForBodies(context, permission, entityIds, 'every')
              : !(await Promise.all(entityIds.map((entityId) => isModuleEnabledFor(context, permission, entityId)))).includes(false);
          if (!enabled) throw new ModuleDisabledError(moduleOfPermission(permission));
          return true;
        },
        permissionOnSomeBody: (permission) => {
          const scope = context.actor.entitiesWith(permission);
          return scope === 'all' || scope.length > 0;
        },
      }),
      // One error per kind of actor, naming the permission that was missing but never the body.
      unauthorizedError: (_parent, context, _info, result) => refusalFor(context.actor, permissionsOfFailure(result.failure)),
    },
    prisma: {
      client: (context) => context.prisma,
      dmmf: getDatamodel(),
      exposeDescriptions: true,
      filterConnectionTotalCount: true,
      defaultConnectionSize: connectionPageSize.default,
      maxConnectionSize: connectionPageSize.max,
      onUnusedQuery: null,
    },
    relay: {
      clientMutationId: 'omit',
      cursorType: 'String',
      nodeQueryOptions: { authScopes: { public: true } },
      decodeGlobalID: decodeGlobalId,
      nodesQueryOptions: { authScopes: { public: true } },
      edgesFieldOptions: { nullable: { list: false, items: false } },
      firstArgOptions: { description: pageArgDescription('first') },
      lastArgOptions: { description: pageArgDescription('last') },
      nodeFieldOptions: { nullable: false },
    },
    errors: {
      defaultTypes: [],
      // Validation failures come back as typed InputError results the client can show next to each
      // field. They are returned before field authorization runs: acceptable because validation
      // schemas only look at the caller's own input, never at stored data.
      unsafelyHandleInputErrors: true,
    },
    validation: {
      validationError: (failure) => new InputError(failure.issues.map(fieldIssueOf)),
    },
  });
  return builder as unknown as GeaBuilder;
}
