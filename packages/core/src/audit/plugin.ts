import SchemaBuilder, {
  BasePlugin,
  type FieldNullability,
  type InputFieldMap,
  type PothosOutputFieldConfig,
  type SchemaTypes,
  type TypeParam,
} from '@pothos/core';
import { LoaderRegistry } from '../loaders.ts';
import { errorTypeMap } from '@pothos/plugin-errors';
import type { GraphQLFieldResolver } from 'graphql';
import type { GeaPrismaClient } from '@gea/db';
import type { GeaContext } from '../context.ts';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  export namespace PothosSchemaTypes {
    interface Plugins<Types extends SchemaTypes> {
      geaAudit: GeaAuditPlugin<Types>;
    }
    interface MutationFieldOptions<Types extends SchemaTypes, Type extends TypeParam<Types>, Nullable extends FieldNullability<Type>, Args extends InputFieldMap, ResolveReturnShape> {
      /**
       * `transaction: false`: run without the mutation transaction (the record is still written).
       * For `login`, whose failed-attempt counter must survive the failure it counts.
       */
      audit?: { transaction?: boolean };
    }
  }
}

const SECRET_KEY = /password|secret|token|hash|oidcSubject|csv/i;

/** What the audit keeps of arguments and records: secrets hidden, files reduced to their size. */
export function sanitizeInput(value: unknown, key = ''): unknown {
  if (SECRET_KEY.test(key) && value !== null && value !== undefined) {
    return /csv/i.test(key) && typeof value === 'string' ? `(${value.length} characters)` : '(hidden)';
  }
  if (Array.isArray(value)) return value.map((item) => sanitizeInput(item, key));
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, sanitizeInput(v, k)]));
  }
  return value;
}

/**
 * A record's own fields only: whatever relations the client selected (a body's referent, its
 * users...) are other records with their own rules, and never belong in this one's trail.
 */
function snapshot(value: unknown): unknown {
  if (value === undefined || value === null || typeof value !== 'object' || value instanceof Date) return sanitizeInput(value);
  if (Array.isArray(value)) return value.map(snapshot);
  const own = Object.entries(value).filter(([, v]) => v === null || typeof v !== 'object' || v instanceof Date);
  return sanitizeInput(Object.fromEntries(own));
}

/** The body an operation is about, from its arguments (`entityId`, `input.entityId`), before anything runs. */
function entityIdFromArgs(args: Record<string, unknown>): string | undefined {
  const candidates = [args.entityId, (args.input as Record<string, unknown> | undefined)?.entityId];
  for (const candidate of candidates) {
    const id = (candidate as { id?: unknown } | undefined)?.id;
    if (typeof id === 'string') return id;
  }
  return undefined;
}

const toJson = (value: unknown) => (value === undefined ? undefined : JSON.parse(JSON.stringify(value ?? null)));

const REFUSED_CODES = new Set(['UNAUTHENTICATED', 'INVALID_CREDENTIALS', 'FORBIDDEN', 'INSUFFICIENT_SCOPE', 'MODULE_DISABLED']);

function codeOf(error: unknown): string {
  const code = (error as { extensions?: { code?: unknown }; code?: unknown })?.extensions?.code ?? (error as { code?: unknown })?.code;
  return typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR';
}

/** Rolls the mutation's transaction back when it ends in a typed error result, which is returned, not thrown. */
class RollBack extends Error {
  constructor(readonly result: unknown) {
    super('rolled back: the mutation returned an error result');
  }
}

/**
 * Every mutation runs in its own transaction and leaves exactly one audit record, whatever happens:
 * SUCCESS is written inside the transaction (the change and its record commit together); REFUSED
 * (authorization) and FAILED (typed error results, exceptions) are written after the rollback, so a
 * failed mutation changes nothing but is still on record. Listed first among the builder's plugins,
 * it wraps scope-auth and the errors plugin, so it sees their refusals and typed results.
 */
export class GeaAuditPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types['Context'], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> {
    if (fieldConfig.kind !== 'Mutation') return resolver;
    const operation = fieldConfig.name;
    const transactional = (fieldConfig.pothosOptions as { audit?: { transaction?: boolean } }).audit?.transaction !== false;
    return async (parent, args, rawContext, info) => {
      const context = rawContext as unknown as GeaContext;
      const root = context.db;
      context.audit = { entityId: entityIdFromArgs(args as Record<string, unknown>) };
      context.loaders = new LoaderRegistry();
      const record = (outcome: 'SUCCESS' | 'REFUSED' | 'FAILED', errorCode: string | null) => ({
        requestId: context.requestId,
        actorKind: context.actor.kind,
        actorId: context.actor.id,
        actorLabel: context.audit?.actorLabel ?? context.actor.label,
        entityId: context.audit?.entityId ?? null,
        operation,
        targetType: context.audit?.targetType ?? null,
        targetId: context.audit?.targetId ?? null,
        outcome,
        errorCode,
        input: toJson(sanitizeInput(args)),
        before: toJson(snapshot(context.audit?.before)),
        after: toJson(snapshot(context.audit?.after)),
      });
      const run = async (client: GeaPrismaClient) => {
        context.prisma = client;
        const result = await resolver(parent, args, rawContext, info);
        // A typed error result (plugin-errors hands back a proxy of the error, registered in errorTypeMap).
        if (result instanceof Error || (result !== null && typeof result === 'object' && errorTypeMap.has(result))) {
          throw new RollBack(result);
        }
        // Defaults from the result when the resolver did not say: the record it returned is the target.
        if (result && typeof result === 'object' && context.audit) {
          const row = result as { id?: unknown; entityId?: unknown };
          if (context.audit.targetId === undefined && typeof row.id === 'string') context.audit.targetId = row.id;
          if (context.audit.entityId === undefined && typeof row.entityId === 'string') context.audit.entityId = row.entityId;
          if (context.audit.after === undefined) context.audit.after = result;
        }
        await client.auditEvent.create({ data: record('SUCCESS', null) });
        return result;
      };
      try {
        if (!transactional) return await run(root);
        return await root.$transaction((tx) => run(tx as GeaPrismaClient), { timeout: 120_000, maxWait: 30_000 });
      } catch (error) {
        const failure = error instanceof RollBack ? error.result : error;
        const code = codeOf(failure);
        context.prisma = root;
        await root.auditEvent.create({ data: record(REFUSED_CODES.has(code) ? 'REFUSED' : 'FAILED', code) });
        if (error instanceof RollBack) return error.result;
        throw error;
      } finally {
        context.prisma = root;
        context.audit = null;
      }
    };
  }
}

SchemaBuilder.registerPlugin('geaAudit', GeaAuditPlugin);
