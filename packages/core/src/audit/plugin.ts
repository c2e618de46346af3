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
import type { AuditNote, GeaContext } from '../context.ts';
import { isUuid } from '../kit/uuid.ts';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  export namespace PothosSchemaTypes {
    interface Plugins<Types extends SchemaTypes> {
      geaAudit: GeaAuditPlugin<Types>;
    }
    interface SchemaBuilderOptions<Types extends SchemaTypes> {
      /** Field names the audit trail hides (secrets) or reduces to their size (file contents). */
      geaAudit?: AuditRedaction;
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

/** Field names the audit hides or reduces to their size: the core's, plus what plugins declare. */
export interface AuditRedaction {
  secretFields: ReadonlySet<string>;
  contentFields: ReadonlySet<string>;
}

/** The core's own secrets: credentials and their hashes, and the CSV of a body import. */
export const coreAuditRedaction = {
  secretFields: ['password', 'passwordHash', 'secret', 'token', 'tokenHash', 'hash', 'oidcSubject'],
  contentFields: ['csv'],
} as const;

/** What the audit keeps of arguments and records: secrets hidden, file contents reduced to their size. */
export function sanitizeInput(value: unknown, redaction: AuditRedaction, key = ''): unknown {
  if (value !== null && value !== undefined) {
    if (redaction.secretFields.has(key)) return '(hidden)';
    if (redaction.contentFields.has(key)) {
      if (typeof value === 'string') return `(${value.length} characters)`;
      const size = (value as { size?: unknown }).size;
      return typeof size === 'number' ? `(${size} bytes)` : '(hidden)';
    }
  }
  if (Array.isArray(value)) return value.map((item) => sanitizeInput(item, redaction, key));
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, sanitizeInput(v, redaction, k)]));
  }
  return value;
}

const isPlain = (value: unknown) => value === null || typeof value !== 'object' || value instanceof Date;

/**
 * A record's own fields only: whatever relations the client selected (a body's referent, its
 * users...) are other records with their own rules, and never belong in this one's trail. Lists of
 * plain values (the user ids of a mailbox, the asset ids a contract covers) are the record's own.
 */
export function snapshot(value: unknown, redaction: AuditRedaction): unknown {
  if (value === undefined || isPlain(value)) return sanitizeInput(value, redaction);
  if (Array.isArray(value)) return value.map((item) => snapshot(item, redaction));
  const own = Object.entries(value as object).filter(([, v]) => isPlain(v) || (Array.isArray(v) && v.every(isPlain)));
  return sanitizeInput(Object.fromEntries(own), redaction);
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

/** Names of arguments and record fields that hold bodies: `entityId`, `entityIds`, `contractingEntityId`... */
const BODY_KEY = /^(entityIds?|[a-z]+EntityIds?)$/;

/** The body ids in one value: a raw id, a decoded global id (`{ typename, id }`), or a list of them. */
function idsIn(value: unknown): string[] {
  if (typeof value === 'string') return isUuid(value) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(idsIn);
  const id = (value as { id?: unknown } | null | undefined)?.id;
  return isUuid(id) ? [id] : [];
}

/**
 * Every body an operation concerns, read from the fields named like bodies of the arguments (top
 * level and `input`) or of a record (the returned one, its before and after); a record's `entities`
 * relation rows (`{ entityId }`) too.
 */
export function bodiesIn(...sources: unknown[]): string[] {
  const found = new Set<string>();
  for (const source of sources) {
    if (!source || typeof source !== 'object' || Array.isArray(source)) continue;
    for (const [key, value] of Object.entries(source as Record<string, unknown>)) {
      if (BODY_KEY.test(key)) for (const id of idsIn(value)) found.add(id);
      else if (key === 'input' && value && typeof value === 'object') for (const id of bodiesIn(value)) found.add(id);
      else if (key === 'entities' && Array.isArray(value)) {
        for (const row of value) for (const id of idsIn((row as { entityId?: unknown } | null)?.entityId)) found.add(id);
      }
    }
  }
  return [...found];
}

// Money columns are BigInt: recorded as numbers (exact within ±(2^53 - 1), which the Cents scalar guarantees),
// as digits beyond.
const bigintAsJson = (_key: string, value: unknown) => (typeof value === 'bigint' ? (Number.isSafeInteger(Number(value)) ? Number(value) : value.toString()) : value);
const toJson = (value: unknown) => (value === undefined ? undefined : JSON.parse(JSON.stringify(value ?? null, bigintAsJson)));

const REFUSED_CODES = new Set(['UNAUTHENTICATED', 'INVALID_CREDENTIALS', 'FORBIDDEN', 'INSUFFICIENT_SCOPE', 'MODULE_DISABLED', 'RATE_LIMITED']);

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
    const redaction = (this.builder.options as { geaAudit?: AuditRedaction }).geaAudit ?? {
      secretFields: new Set(coreAuditRedaction.secretFields),
      contentFields: new Set(coreAuditRedaction.contentFields),
    };
    const transactional = (fieldConfig.pothosOptions as { audit?: { transaction?: boolean } }).audit?.transaction !== false;
    /**
     * The bodies of the record: the resolver's own word (an explicit `entityId: null` means "no
     * body", whatever the arguments say) and what `auditConcerns` added, else what the arguments,
     * the result and the before/after name.
     */
    const concerned = (args: Record<string, unknown>, note: AuditNote | null | undefined) => {
      const explicit = [...(typeof note?.entityId === 'string' ? [note.entityId] : []), ...(note?.entityIds ?? [])];
      const found = note?.entityId === null ? explicit : [...explicit, ...bodiesIn(args, note?.before, note?.after)];
      return [...new Set(found.filter(isUuid))];
    };
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
        entityIds: concerned(args as Record<string, unknown>, context.audit),
        operation,
        targetType: context.audit?.targetType ?? null,
        targetId: context.audit?.targetId ?? null,
        outcome,
        errorCode,
        input: toJson(sanitizeInput(args, redaction)),
        before: toJson(snapshot(context.audit?.before, redaction)),
        after: toJson(snapshot(context.audit?.after, redaction)),
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
          if (context.audit.entityId !== null) context.audit.entityIds = [...(context.audit.entityIds ?? []), ...bodiesIn(result)];
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
        if (code === 'RATE_LIMITED' && context.refusals) {
          // A client over its limit may keep trying: counted and summarised, not one row each.
          await context.refusals.note({
            requestId: context.requestId,
            operation,
            errorCode: code,
            clientAddress: context.clientAddress ?? 'unknown',
            actorId: context.actor.id,
            actorLabel: context.audit?.actorLabel ?? context.actor.label,
          });
        } else {
          await root.auditEvent.create({ data: record(REFUSED_CODES.has(code) ? 'REFUSED' : 'FAILED', code) });
        }
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
