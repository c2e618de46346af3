import type { GraphQLSchema } from 'graphql';
import { createBuilder, type GeaBuilder } from './builder.ts';
import type { GeaPlugin, PermissionDefinition } from './plugin.ts';
import { orderPlugins } from './plugin-graph.ts';
import { assertEveryFieldDeclaresScope } from './scope-check.ts';
import { coreAuditRedaction } from './audit/plugin.ts';
import { mergePermissions } from './permissions.ts';
import { addApiTokenSchema } from './schema/api-tokens.ts';
import { addAssociationSchema } from './schema/associations.ts';
import { addAuditSchema } from './schema/audit.ts';
import { addAuthSchema, defaultAuthOptions, type AuthSchemaOptions } from './schema/auth.ts';
import { addAuthMethodsSchema, type AuthMethodsOptions } from './schema/auth-methods.ts';
import { addEntitySchema } from './schema/entities.ts';
import { addModuleSchema } from './schema/modules.ts';
import { addNotificationSchema } from './schema/notifications.ts';
import { addSiteSchema } from './schema/sites.ts';
import { addUserSchema } from './schema/users.ts';
import { addEntityImportSchema } from './schema/entity-import.ts';
import { addPopulationImportSchema } from './schema/population-import.ts';
import { addErrorTypes } from './schema/errors.ts';
import { addPlatformSchema } from './schema/platform.ts';
import { addScalars } from './schema/scalars.ts';

export interface ComposedSchema {
  schema: GraphQLSchema;
  /** Installed plugins in dependency order. */
  plugins: GeaPlugin[];
  /** Core and plugin permissions by name. */
  permissions: ReadonlyMap<string, PermissionDefinition>;
}

/**
 * Notes whether any field is added to the Subscription root: GraphQL refuses an empty root type,
 * so the root is declared only when something subscribes.
 */
function watchSubscriptionFields(builder: GeaBuilder): { used: boolean } {
  const watch = { used: false };
  const addField = builder.subscriptionField.bind(builder);
  const addFields = builder.subscriptionFields.bind(builder);
  builder.subscriptionField = ((...args: Parameters<typeof addField>) => {
    watch.used = true;
    return addField(...args);
  }) as typeof addField;
  builder.subscriptionFields = ((...args: Parameters<typeof addFields>) => {
    watch.used = true;
    return addFields(...args);
  }) as typeof addFields;
  return watch;
}

/** Validates the plugin graph and builds one GraphQL schema from the core and the installed plugins. */
export function composeSchema(
  installed: readonly GeaPlugin[],
  auth: AuthSchemaOptions & Partial<AuthMethodsOptions> = defaultAuthOptions,
): ComposedSchema {
  const plugins = orderPlugins(installed);
  const permissions = mergePermissions(plugins);
  const builder = createBuilder({
    audit: {
      secretFields: new Set([...coreAuditRedaction.secretFields, ...plugins.flatMap((p) => p.audit?.secretFields ?? [])]),
      contentFields: new Set([...coreAuditRedaction.contentFields, ...plugins.flatMap((p) => p.audit?.contentFields ?? [])]),
    },
  });
  builder.queryType({});
  builder.mutationType({});
  // The core owns the Subscription root; it exists once some part of the schema subscribes.
  const subscriptions = watchSubscriptionFields(builder);
  addScalars(builder);
  addErrorTypes(builder);
  addEntitySchema(builder);
  addEntityImportSchema(builder);
  addPopulationImportSchema(builder);
  addSiteSchema(builder);
  addAssociationSchema(builder);
  addUserSchema(builder);
  addAuthSchema(builder, auth);
  addAuthMethodsSchema(builder, { oidcLoginUrl: auth.oidcLoginUrl ?? null });
  addApiTokenSchema(builder, permissions);
  addAuditSchema(builder);
  addModuleSchema(builder, plugins);
  addPlatformSchema(builder, plugins, permissions);
  addNotificationSchema(builder, plugins, permissions);
  for (const plugin of plugins) plugin.schema?.(builder);
  if (subscriptions.used) builder.subscriptionType({});

  const schema = builder.toSchema({ sortSchema: true });
  assertEveryFieldDeclaresScope(schema);
  return { schema, plugins, permissions };
}
