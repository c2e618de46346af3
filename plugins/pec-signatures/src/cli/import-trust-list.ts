// npm run trust:import -- <file.xml> [--dry-run]
// Loads an EU trusted list (ETSI TS 119 612 XML, e.g. AgID's) into DATABASE_URL or, when unset, the
// embedded database (GEA_DATA_DIR): the certificates of its granted qualified CA services become
// trust anchors for signature verification, replacing those of the same territory's earlier import.
// Prints how many were loaded and which services were skipped, and why. On the audit trail.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { DatabaseStartupError, embeddedDatabaseExists, openDatabase, resolveUserPath, targetFromEnv, type Database } from '@gea/db';
import { applyMigrations, assertFullyMigrated } from '@gea/db/migrations';
import { describeSkipped, importTrustList } from '../signature/trust-import.ts';
import { TrustListError } from '../signature/trust-list.ts';

const NAME = 'trust:import';
const USAGE = 'usage: npm run trust:import -- <file.xml> [--dry-run]';

/** A failure the person running the command can fix from one line (no stack trace). */
class CliError extends Error {}

function readArguments(): { file: string; dryRun: boolean } {
  let parsed;
  try {
    parsed = parseArgs({ allowPositionals: true, options: { 'dry-run': { type: 'boolean', default: false } } });
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${USAGE}`);
  }
  if (parsed.positionals.length !== 1) throw new CliError(USAGE);
  return { file: parsed.positionals[0]!, dryRun: parsed.values['dry-run'] ?? false };
}

async function run(): Promise<number> {
  const { file, dryRun } = readArguments();
  const path = resolveUserPath(file);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(`cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  const target = targetFromEnv();
  const scratch = dryRun && target.kind === 'pglite' && !embeddedDatabaseExists(target.dataDir);
  const db: Database = scratch ? await openDatabase({ kind: 'pglite-memory' }) : await openDatabase(target);
  try {
    if (scratch) await applyMigrations(db);
    await assertFullyMigrated(db);
    let outcome;
    try {
      outcome = await db.prisma.$transaction((tx) => importTrustList(tx as typeof db.prisma, new Uint8Array(bytes), { dryRun }), { timeout: 120_000 });
    } catch (error) {
      if (error instanceof TrustListError) {
        console.error(`${NAME}: ${file}: ${error.message}; nothing was imported.`);
        if (!dryRun) await audit(db, path, bytes.length, { outcome: 'FAILED', error: error.message });
        return 1;
      }
      throw error;
    }
    if (!dryRun) {
      await audit(db, path, bytes.length, {
        outcome: 'SUCCESS',
        after: {
          territory: outcome.territory,
          sequenceNumber: outcome.sequenceNumber,
          loaded: outcome.loaded,
          replaced: outcome.replaced,
          skipped: outcome.skipped.map(describeSkipped).join('; '),
        },
      });
    }
    console.log(
      [
        `${NAME}: ${dryRun ? 'dry run, nothing written; would load' : 'loaded'} the trusted list of ${outcome.territory} (${outcome.operator}, sequence ${outcome.sequenceNumber ?? '?'}, issued ${outcome.issuedAt?.toISOString() ?? '?'}) into ${scratch ? 'an empty database' : db.describe()}`,
        `  ${outcome.loaded} service certificate(s) loaded as trust anchors${outcome.replaced > 0 ? `, replacing ${outcome.replaced} from the earlier import` : ''}`,
        `  ${outcome.skipped.length} skipped${outcome.skipped.length > 0 ? ':' : ''}`,
        ...outcome.skipped.map((s) => `    - ${describeSkipped(s)}`),
      ].join('\n'),
    );
    return 0;
  } finally {
    await db.close();
  }
}

/** A change made from the command line is on record like one made through the API. */
async function audit(db: Database, file: string, size: number, result: { outcome: 'SUCCESS' | 'FAILED'; after?: Record<string, unknown>; error?: string }) {
  await db.prisma.auditEvent.create({
    data: {
      requestId: `cli-${randomUUID()}`,
      actorKind: 'system',
      actorLabel: `command line (${userInfo().username})`,
      operation: 'importTrustedList',
      targetType: 'TrustedListCertificate',
      outcome: result.outcome,
      errorCode: result.outcome === 'FAILED' ? 'BAD_USER_INPUT' : null,
      input: { file, bytes: size },
      after: (result.after ?? { error: result.error }) as object,
    },
  });
}

let code: number;
try {
  code = await run();
} catch (error) {
  if (error instanceof CliError || error instanceof DatabaseStartupError) {
    console.error(`${NAME}: ${error.message}`);
  } else {
    console.error(`${NAME}:`, error);
  }
  code = 1;
}
// Explicitly: the WASM engine and database drivers may keep timers alive, and nothing is left to do.
process.exit(code);
