// npm run population:import -- <file.csv> [--date YYYY-12-31] [--dry-run]
// Imports the resident population at 31 December per municipality from ISTAT's demographic balance
// ("Bilancio demografico", demo.istat.it, P2_<year>_it_Comuni.csv) as published, into DATABASE_URL or,
// when unset, the embedded database (GEA_DATA_DIR). All or nothing; a second import changes nothing;
// each changed figure is audited.
import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import { embeddedDatabaseExists, openDatabase, targetFromEnv } from '@gea/db';
import { CliError, fileArguments, readInputFile, runCommand } from '@gea/db/command';
import { assertFullyMigrated } from '@gea/db/migrations';
import { decodeImportBytes, formatIssue } from '../entity-import/index.ts';
import { GeaError } from '../errors.ts';
import { importPopulation } from '../population-import/index.ts';
import { progressBars } from './progress.ts';

const NAME = 'population:import';
const USAGE = 'usage: npm run population:import -- <file.csv> [--date YYYY-12-31] [--dry-run]';

function readArguments() {
  const parsed = fileArguments(USAGE, { date: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } });
  return { file: parsed.file, path: parsed.path, date: parsed.values.date, dryRun: parsed.values['dry-run'] ?? false };
}

async function run(): Promise<number> {
  const { file, path, date, dryRun } = readArguments();
  const bytes = await readInputFile(path);
  const { text, encoding } = decodeImportBytes(bytes);
  if (encoding !== 'UTF-8') console.error(`${NAME}: ${path} is not UTF-8 text; reading it as ${encoding}`);

  const target = targetFromEnv();
  if (target.kind === 'pglite' && !embeddedDatabaseExists(target.dataDir)) {
    throw new CliError(`there is no embedded database at ${target.dataDir}: import the bodies first (npm run entities:import -- <file>)`);
  }
  const db = await openDatabase(target);
  const bars = progressBars();
  try {
    await assertFullyMigrated(db);
    const audit = { requestId: `cli-${randomUUID()}`, actorKind: 'system', actorLabel: `command line (${userInfo().username})` };
    const outcome = await importPopulation(db.prisma, text, { date, dryRun, onProgress: bars.update, audit });
    bars.stop();
    if (!dryRun) {
      await db.prisma.auditEvent.create({
        data: {
          ...audit,
          operation: 'importPopulation',
          targetType: 'EntityPopulation',
          outcome: outcome.ok ? 'SUCCESS' : 'FAILED',
          errorCode: outcome.ok ? null : 'BAD_USER_INPUT',
          input: { file: path, characters: text.length, date: date ?? null },
          after: outcome.ok ? { referenceDate: outcome.referenceDate, ...outcome.counts } : { issues: outcome.issues.length },
        },
      });
    }
    if (!outcome.ok) {
      for (const issue of outcome.issues) console.error(`${file}: ${formatIssue(issue)}`);
      console.error(`${NAME}: ${outcome.issues.length} problem(s) in ${file}; nothing was imported.`);
      return 1;
    }
    const c = outcome.counts;
    console.log(
      [
        `${NAME}: ${dryRun ? 'dry run, nothing written; would import' : 'imported'} the resident population at ${outcome.referenceDate} ("${outcome.column}") from ${file} into ${db.describe()}`,
        `  ${c.rows} municipality row(s): ${c.created} figure(s) created, ${c.updated} updated, ${c.unchanged} unchanged, ${c.notInGea} municipality(ies) not in GEA`,
      ].join('\n'),
    );
    return 0;
  } finally {
    bars.stop();
    await db.close();
  }
}

await runCommand(NAME, run, (error) => error instanceof GeaError);
