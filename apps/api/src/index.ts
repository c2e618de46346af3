export { createApi, type Api, type ApiOptions, type Authenticate } from './server.ts';
export { loadInstalledPlugins, ConfigError, type GeaConfig } from './config.ts';
export { start, isStartupError, type StartedServer } from './start.ts';
export { printSchemaFor, printedSchemaPath } from './schema-file.ts';
export { defaultQueryLimits, queryCost, useQueryLimits, type QueryLimits } from './yoga/use-query-limits.ts';
export { callerKindOf, createCallers, useCaller, type CallerKind, type Callers } from './yoga/use-caller.ts';
export { useIntrospectionPolicy, type IntrospectionPolicy } from './yoga/use-introspection-policy.ts';
export { queryLimitsFromEnv, introspectionFromEnv, trustedDocumentsFromEnv, idempotencyFromEnv } from './start.ts';
export type { CompiledReadOutcome } from './yoga/use-compiled-reads.ts';
