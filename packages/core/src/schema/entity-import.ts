import { z } from 'zod';
import type { GeaBuilder } from '../builder.ts';
import { EntityImportError, importEntities, type EntityImportCounts, type ImportIssue } from '../entity-import/index.ts';
import { ConflictError, InputError } from '../errors.ts';
import { importIssueRef } from './import-issue.ts';

/** About 8,000 Italian municipalities with a few population columns take under 1 MB. */
const MAX_CSV_LENGTH = 10_000_000;

interface EntityImportSummary extends EntityImportCounts {
  dryRun: boolean;
}

export function addEntityImportSchema(builder: GeaBuilder) {
  const ImportIssueRef = importIssueRef(builder);


  builder.objectType(EntityImportError, {
    name: 'EntityImportError',
    description: 'The file cannot be imported as it is; nothing was written. Every problem found, by line.',
    // The Error interface is implemented in schema/errors.ts; Pothos also resolves a type by its name.
    interfaces: ['Error' as never],
    isTypeOf: (value) => value instanceof EntityImportError,
    fields: (t) => ({
      issues: t.field({ type: [ImportIssueRef], authScopes: { public: true }, resolve: (error) => error.issues }),
    }),
  });

  const EntityImportResult = builder.objectRef<EntityImportSummary>('EntityImportResult').implement({
    description: 'What an import wrote, or with `dryRun` would write.',
    authScopes: { permission: 'core:entities:write' },
    fields: (t) => ({
      dryRun: t.exposeBoolean('dryRun', { description: 'True when nothing was written.' }),
      rows: t.exposeInt('rows', { description: 'Data rows in the file.' }),
      created: t.exposeInt('created', { description: 'New bodies.' }),
      updated: t.exposeInt('updated', { description: 'Existing bodies of which at least one field changed.' }),
      unchanged: t.exposeInt('unchanged', { description: 'Existing bodies whose fields the file leaves as they are.' }),
      populationsRecorded: t.exposeInt('populationsRecorded', {
        description: 'Population figures created or changed (one per body and reference date).',
      }),
      membershipsAdded: t.exposeInt('membershipsAdded', { description: 'Bodies that joined an association.' }),
      codeChanges: t.exposeInt('codeChanges', {
        description: 'ISTAT codes that changed (same cadastral code, new ISTAT code: a move to another province), kept as history.',
      }),
      ceased: t.exposeInt('ceased', { description: 'Bodies recorded as ceased into a successor (mergers).' }),
      skipped: t.exposeInt('skipped', { description: 'Rows of a published file about bodies GEA does not keep (IPA: schools, agencies, ...).' }),
    }),
  });

  builder.mutationField('importEntities', (t) =>
    t.field({
      type: EntityImportResult,
      description:
        'Creates or updates public bodies from a CSV file like data/entities.csv (columns kind, name, istat_code, ' +
        'cadastral_code, province, tax_code, ipa_code, pec, member_of, notes, ceased_on, successor_istat_code, ' +
        'population_YYYY_01_01), or from ISTAT\'s "Elenco dei comuni italiani" or IPA\'s "Enti" export as published ' +
        '(recognised by their headers). Rows match stored bodies by ISTAT code, by cadastral code when the ISTAT code ' +
        'changed (kept as history), or by name and kind without one; empty cells keep stored values. ' +
        'All or nothing: any problem in the file and nothing is written.',
      errors: { types: [EntityImportError, InputError, ConflictError], directResult: true },
      authScopes: { permission: 'core:entities:write' },
      args: {
        csv: t.arg.string({
          required: true,
          description: 'The file content (UTF-8 text).',
          validate: z.string().max(MAX_CSV_LENGTH, `the file must be at most ${MAX_CSV_LENGTH.toLocaleString('en')} characters`),
        }),
        dryRun: t.arg.boolean({ required: false, defaultValue: false, description: 'Check and count, write nothing.' }),
      },
      resolve: async (_root, args, context) => {
        const outcome = await importEntities(context.prisma, args.csv, {
          dryRun: args.dryRun ?? false,
          // Inside a mutation context.prisma is its transaction (the import and its audit record commit together).
          withinTransaction: context.prisma !== context.db,
        });
        if (!outcome.ok) throw new EntityImportError(outcome.issues);
        return { ...outcome.counts, dryRun: outcome.dryRun };
      },
    }),
  );
  return { ImportIssue: ImportIssueRef };
}
