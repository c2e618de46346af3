// npm run entities:import -- <file.csv> [--dry-run]
// Imports public bodies from a CSV file (the layout of data/entities.csv, or ISTAT's "Elenco dei
// comuni italiani" or IPA's "Enti" export as published) into DATABASE_URL or, when
// unset, the embedded database (GEA_DATA_DIR). All or nothing: a file with any problem writes nothing.
import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import { embeddedDatabaseExists, openDatabase, targetFromEnv, type Database } from '@gea/db';
import { fileArguments, readInputFile, runCommand } from '@gea/db/command';
import { applyMigrations, assertFullyMigrated } from '@gea/db/migrations';
import { decodeImportBytes } from '../entity-import/decode.ts';
import { formatIssue, importEntities } from '../entity-import/index.ts';
import { progressBars } from './progress.ts';
import { GeaError } from '../errors.ts';

const NAME = 'entities:import';
const USAGE = 'usage: npm run entities:import -- <file.csv> [--dry-run]';

function readArguments() {
  const parsed = fileArguments(USAGE, { 'dry-run': { type: 'boolean', default: false } });
  return { file: parsed.file, path: parsed.path, dryRun: parsed.values['dry-run'] ?? false };
}

/** Spreadsheets on Italian Windows often save CSV as Windows-1252: read it as such rather than garbling accents. */
async function readText(path: string): Promise<string> {
  const bytes = await readInputFile(path);
  const { text, encoding } = decodeImportBytes(bytes);
  if (encoding !== 'UTF-8') console.error(`${NAME}: ${path} is not UTF-8 text; reading it as ${encoding}`);
  return text;
}

async function run(): Promise<number> {
  const { file, path, dryRun } = readArguments();
  const csv = await readText(path);

  const target = targetFromEnv();
  // A dry run writes nothing, not even a new data folder: without an embedded database yet, the
  // file is checked against an empty, migrated scratch database in memory.
  const scratch = dryRun && target.kind === 'pglite' && !embeddedDatabaseExists(target.dataDir);
  // A fresh clone has no embedded database yet: the import creates it, so one command loads the bodies.
  // An existing one with pending migrations is refused instead (it may hold data: migrate it knowingly).
  const fresh = !dryRun && target.kind === 'pglite' && !embeddedDatabaseExists(target.dataDir);
  const db: Database = scratch ? await openDatabase({ kind: 'pglite-memory' }) : await openDatabase(target);
  const bars = progressBars();
  try {
    if (fresh) {
      console.log(`${NAME}: there is no embedded database at ${target.dataDir} yet; creating it`);
      await applyMigrations(db);
    }
    if (scratch) {
      console.log(`${NAME}: there is no embedded database at ${target.dataDir} yet; checking ${file} against an empty one`);
      await applyMigrations(db);
    }
    await assertFullyMigrated(db);
    const outcome = await importEntities(db.prisma, csv, { dryRun, onProgress: bars.update });
    bars.stop();
    if (!dryRun) {
      // A change made from the command line is on record like one made through the API.
      await db.prisma.auditEvent.create({
        data: {
          requestId: `cli-${randomUUID()}`,
          actorKind: 'system',
          actorLabel: `command line (${userInfo().username})`,
          operation: 'importEntities',
          targetType: 'Entity',
          outcome: outcome.ok ? 'SUCCESS' : 'FAILED',
          errorCode: outcome.ok ? null : 'BAD_USER_INPUT',
          input: { file: path, characters: csv.length },
          after: outcome.ok ? { ...outcome.counts } : { issues: outcome.issues.length },
        },
      });
    }
    if (!outcome.ok) {
      for (const issue of outcome.issues) console.error(`${file}: ${formatIssue(issue)}`);
      console.error(`${NAME}: ${outcome.issues.length} problem(s) in ${file}; nothing was imported.`);
      return 1;
    }
    const c = outcome.counts;
    const layouts = {
      GEA: 'GEA layout',
      ISTAT_MUNICIPALITIES: 'ISTAT, Elenco dei comuni italiani',
      IPA_BODIES: 'IPA open data, Enti',
      ISTAT_CHANGES: 'ISTAT, Variazioni amministrative e territoriali',
    } as const;
    console.log(
      [
        `${NAME}: ${dryRun ? 'dry run, nothing written; would import' : 'imported'} ${file} (${layouts[outcome.layout]}) into ${scratch ? 'an empty database' : db.describe()}`,
        `  ${c.rows} row(s): ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged${c.skipped ? `, ${c.skipped} skipped (bodies GEA does not keep)` : ''}`,
        ...(c.codeChanges ? [`  ${c.codeChanges} ISTAT code change(s) kept as history`] : []),
        ...(c.ceased ? [`  ${c.ceased} body(ies) recorded as ceased into a successor`] : []),
        `  ${c.populationsRecorded} population figure(s) recorded`,
        `  ${c.membershipsAdded} membership(s) added`,
      ].join('\n'),
    );
    return 0;
  } finally {
    bars.stop();
    await db.close();
  }
}

await runCommand(NAME, run, (error) => error instanceof GeaError);
