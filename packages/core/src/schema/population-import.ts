// `importPopulation`: the `npm run population:import` command over GraphQL, for the web client's
// upload. The same module reads the file (ISTAT's demographic balance as published, its editions
// recognised by their headers), reports the same problems by line, and writes all or nothing.
import { z } from 'zod';
import type { GeaBuilder } from '../builder.ts';
import { compareIssues, formatIssue, type ImportIssue } from '../entity-import/issues.ts';
import { GeaError, InputError } from '../errors.ts';
import { importPopulation, type PopulationImportCounts } from '../population-import/index.ts';
import { importIssueRef } from './import-issue.ts';

/** ISTAT's national file (about 7,900 municipalities) is under 2 MB. */
const MAX_FILE_LENGTH = 10_000_000;

/** The file cannot be imported as it is; nothing was written. */
export class PopulationImportError extends GeaError {
  readonly issues: ImportIssue[];
  constructor(issues: ImportIssue[]) {
    const sorted = [...issues].sort(compareIssues);
    const shown = sorted.slice(0, 3).map(formatIssue).join('; ');
    super('BAD_USER_INPUT', `the file has ${sorted.length} problem(s), nothing was imported: ${shown}${sorted.length > 3 ? '; ...' : ''}`);
    this.issues = sorted;
  }
}

interface PopulationImportSummary extends PopulationImportCounts {
  dryRun: boolean;
  referenceDate: Date;
  column: string;
}

const isThirtyFirstOfDecember = (date: Date) => date.getUTCMonth() === 11 && date.getUTCDate() === 31;

export function addPopulationImportSchema(builder: GeaBuilder) {
  const ImportIssueRef = importIssueRef(builder);

  builder.objectType(PopulationImportError, {
    name: 'PopulationImportError',
    description: 'The population file cannot be imported as it is; nothing was written. Every problem found, by line.',
    // The Error interface is implemented in schema/errors.ts; Pothos also resolves a type by its name.
    interfaces: ['Error' as never],
    isTypeOf: (value) => value instanceof PopulationImportError,
    fields: (t) => ({
      issues: t.field({ type: [ImportIssueRef], authScopes: { public: true }, resolve: (error) => error.issues }),
    }),
  });

  const PopulationImportResult = builder.objectRef<PopulationImportSummary>('PopulationImportResult').implement({
    description: 'What a population import wrote, or with `dryRun` would write.',
    authScopes: { permission: 'core:entities:write' },
    fields: (t) => ({
      dryRun: t.exposeBoolean('dryRun', { description: 'True when nothing was written.' }),
      referenceDate: t.field({ type: 'Date', description: 'The 31 December the figures are of.', resolve: (r) => r.referenceDate }),
      column: t.exposeString('column', { description: 'The header of the column the figures were read from.' }),
      rows: t.exposeInt('rows', { description: 'Municipality rows in the file.' }),
      created: t.exposeInt('created', { description: 'Figures recorded for the first time at that date.' }),
      updated: t.exposeInt('updated', { description: 'Figures that changed (each change is in the audit trail with what it was).' }),
      unchanged: t.exposeInt('unchanged', { description: 'Figures already recorded as in the file.' }),
      notInGea: t.exposeInt('notInGea', { description: 'Municipalities of the file that are not bodies of GEA (a national file lists all of them).' }),
    }),
  });

  builder.mutationField('importPopulation', (t) =>
    t.field({
      type: PopulationImportResult,
      description:
        'Imports the resident population at 31 December per municipality from ISTAT\'s demographic balance as published ' +
        '("Bilancio demografico", demo.istat.it, P2_<year>_it_Comuni.csv; the editions are recognised by their headers), ' +
        'matched to bodies by ISTAT code (or a former one). The year comes from the title line, or from `referenceDate` ' +
        '(which wins). What `npm run population:import` does: all or nothing; a second import changes nothing; each changed ' +
        'figure is audited with what it was.',
      errors: { types: [PopulationImportError, InputError], directResult: true },
      // The figures of every body in the file: the body-wide write permission, as the command's operator has.
      authScopes: { permission: 'core:entities:write' },
      args: {
        // Named as importEntities' argument: the audit keeps only the size of a `csv` argument.
        csv: t.arg.string({
          required: true,
          description: 'The file content as text (the client decodes Windows-1252 files).',
          validate: z.string().max(MAX_FILE_LENGTH, `the file must be at most ${MAX_FILE_LENGTH.toLocaleString('en')} characters`),
        }),
        referenceDate: t.arg({
          type: 'Date',
          required: false,
          description: 'The 31 December the figures are of, when the file does not say (the 2019 edition has no title line).',
          validate: z.date().refine(isThirtyFirstOfDecember, { message: 'the reference date must be 31 December', params: { code: 'INVALID_DATE' } }),
        }),
        dryRun: t.arg.boolean({ required: false, defaultValue: false, description: 'Check and count, write nothing.' }),
      },
      resolve: async (_root, args, context) => {
        const outcome = await importPopulation(context.prisma, args.csv, {
          date: args.referenceDate ? args.referenceDate.toISOString().slice(0, 10) : undefined,
          dryRun: args.dryRun ?? false,
          audit: {
            requestId: context.requestId,
            actorKind: context.actor.kind,
            actorId: context.actor.id,
            actorLabel: context.audit?.actorLabel ?? context.actor.label,
          },
          // Inside a mutation context.prisma is its transaction (the import and its audit record commit together).
          withinTransaction: context.prisma !== context.db,
        });
        if (!outcome.ok) throw new PopulationImportError(outcome.issues);
        context.audit = {
          ...context.audit,
          targetType: 'EntityPopulation',
          after: { referenceDate: outcome.referenceDate, column: outcome.column, dryRun: outcome.dryRun, ...outcome.counts },
        };
        return { ...outcome.counts, dryRun: outcome.dryRun, referenceDate: new Date(`${outcome.referenceDate}T00:00:00Z`), column: outcome.column };
      },
    }),
  );
}
