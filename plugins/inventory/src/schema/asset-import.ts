import { ConflictError, coreRefs, InputError, isUniqueViolation, refusalFor, type GeaBuilder, type GeaContext } from '@gea/core';
import {
  AssetImportError,
  assetColumns,
  assetImportProgress,
  importAssets,
  MAX_CSV_CHARACTERS,
  MAX_ROWS,
  PROGRESS_ID,
  type AssetImportCounts,
  type AssetImportProgress,
} from '../asset-import/index.ts';
import { scopes } from '../scopes.ts';

interface AssetImportSummary extends AssetImportCounts {
  dryRun: boolean;
}

/** Who runs an import, as its progress events name them; null when nobody can be told apart. */
const actorKey = (context: GeaContext) => (context.actor.id && (context.actor.kind === 'user' || context.actor.kind === 'token') ? `${context.actor.kind}:${context.actor.id}` : null);

export function addAssetImportSchema(builder: GeaBuilder) {
  const { ImportIssue } = coreRefs(builder);

  builder.objectType(AssetImportError, {
    name: 'AssetImportError',
    description: 'The asset file cannot be imported as it is; nothing was written. Every problem found, by line and column.',
    // The Error interface is implemented in the core; Pothos also resolves a type by its name.
    interfaces: ['Error' as never],
    isTypeOf: (value) => value instanceof AssetImportError,
    fields: (t) => ({
      // The caller's own file: the messages name only what it names, so whoever got the error may read them.
      issues: t.field({ type: [ImportIssue], authScopes: { public: true }, resolve: (error) => error.issues }),
    }),
  });

  // Counts of the caller's own import, nothing stored beyond them.
  const AssetImportResult = builder.objectRef<AssetImportSummary>('AssetImportResult').implement({
    description: 'What an asset import wrote, or with `dryRun` would write.',
    authScopes: { authenticated: true },
    fields: (t) => ({
      dryRun: t.exposeBoolean('dryRun', { description: 'True when nothing was written.' }),
      rows: t.exposeInt('rows', { description: 'Data rows in the file.' }),
      created: t.exposeInt('created', { description: 'New assets (each with a first status-history entry).' }),
      updated: t.exposeInt('updated', { description: 'Existing assets of which the description or the status changed.' }),
      unchanged: t.exposeInt('unchanged', { description: 'Existing assets the file leaves as they are.' }),
      statusChanges: t.exposeInt('statusChanges', { description: 'Existing assets given a new status, effective today.' }),
    }),
  });

  builder.mutationField('importAssets', (t) =>
    t.field({
      type: AssetImportResult,
      description:
        `Creates or updates assets from a CSV file with the columns assetsCsv writes (${assetColumns.join(', ')}; any order; ` +
        'inventory_tag and body or body_istat_code required). A row matches the asset of its body with its inventory tag: an ' +
        'existing one gets the non-empty cells, and a new status from today; a new one is created. Each row needs inventory:write ' +
        `on its body and the module enabled there. At most ${MAX_ROWS.toLocaleString('en')} rows. ` +
        'All or nothing: any problem in the file and nothing is written.',
      errors: { types: [AssetImportError, ConflictError, InputError], directResult: true },
      // Rights are per body, so checked per row: someone limited to a few bodies may import theirs;
      // someone who may change no inventory at all is refused outright (FORBIDDEN).
      authScopes: { permissionOnSomeBody: scopes.write },
      args: {
        csv: t.arg.string({
          required: true,
          description: `The file content (UTF-8 text, at most ${MAX_CSV_CHARACTERS.toLocaleString('en')} characters).`,
        }),
        dryRun: t.arg.boolean({ required: false, defaultValue: false, description: 'Check and count, write nothing.' }),
        progressId: t.arg.string({
          required: false,
          description:
            'An id the client chooses (8-64 letters, digits, - or _): how far the import is goes to assetImportProgress(progressId) for the same caller.',
        }),
      },
      resolve: async (_root, args, context) => {
        context.audit = { ...context.audit, targetType: 'Asset' };
        if (args.progressId != null && !PROGRESS_ID.test(args.progressId)) {
          throw new InputError([{ path: ['progressId'], message: 'must be 8 to 64 letters, digits, - or _' }]);
        }
        const key = actorKey(context);
        const progressId = args.progressId;
        // Published only when someone listens (always on a shared bus: the listener may be on another process).
        const onProgress =
          progressId && key
            ? (progress: AssetImportProgress) => {
                if (context.events.hasAudience(assetImportProgress)) context.events.publish(assetImportProgress, { ...progress, progressId, actorKey: key });
              }
            : undefined;
        let outcome;
        try {
          outcome = await importAssets(context, args.csv, { dryRun: args.dryRun ?? false, onProgress });
        } catch (error) {
          // Another request added one of the file's tags between the check and the write.
          if (isUniqueViolation(error)) {
            throw new ConflictError('another change to the same assets was saved while importing; nothing was imported, try again');
          }
          throw error;
        }
        if (!outcome.ok) throw new AssetImportError(outcome.issues);
        const summary = { dryRun: outcome.dryRun, ...outcome.counts };
        context.audit = {
          ...context.audit,
          // One body: the import is on that body's trail; several: on the association's.
          entityId: outcome.entityIds.length === 1 ? outcome.entityIds[0]! : null,
          after: summary,
        };
        return summary;
      },
    }),
  );

  const Phase = builder.enumType('AssetImportPhase', {
    values: {
      CHECKING: { description: 'Reading and checking every row (done: rows checked).' },
      WRITING: { description: 'Writing assets and their history (done: rows written of total), in the import\'s one transaction.' },
    },
  });
  const Progress = builder.objectRef<AssetImportProgress>('AssetImportProgress').implement({
    description: 'How far an import is. The import is all or nothing: rows written are kept only if it ends without a problem.',
    // Counts of the caller's own import, which the subscription already checked.
    authScopes: { authenticated: true },
    fields: (t) => ({
      phase: t.field({ type: Phase, resolve: (progress) => progress.phase }),
      done: t.exposeInt('done'),
      total: t.exposeInt('total'),
    }),
  });

  builder.subscriptionField('assetImportProgress', (t) =>
    t.field({
      type: Progress,
      description:
        'How far the caller\'s own import with this progressId is (importAssets(progressId:)), over Server-Sent Events. Nothing of anyone else\'s import.',
      args: { progressId: t.arg.string({ required: true }) },
      authScopes: { permissionOnSomeBody: scopes.write },
      subscribe: (_root, args, context) => {
        const key = actorKey(context);
        if (!key) throw refusalFor(context.actor, [scopes.write]);
        const source = context.events.subscribe(assetImportProgress);
        return {
          async *[Symbol.asyncIterator]() {
            for await (const event of source) {
              if (event.progressId === args.progressId && event.actorKey === key) yield event;
            }
          },
        };
      },
      resolve: (event) => event,
    }),
  );
}
