// npm run trust:import -- <file.xml> [--dry-run]
// Loads an EU trusted list (ETSI TS 119 612 XML, e.g. AgID's) into DATABASE_URL or, when unset, the
// embedded database (GEA_DATA_DIR): the certificates of its granted qualified CA services become
// trust anchors for signature verification, replacing those of the same territory's earlier import.
// Prints how many were loaded and which services were skipped, and why. On the audit trail.
import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import { embeddedDatabaseExists, openDatabase, targetFromEnv, type Database } from '@gea/db';
import { fileArguments, readInputFile, runCommand } from '@gea/db/command';
import { applyMigrations, assertFullyMigrated } from '@gea/db/migrations';
import { describeSkipped, importTrustList } from '../signature/trust-import.ts';
import { TrustListError } from '../signature/trust-list.ts';

const NAME = 'trust:import';
const USAGE = 'usage: npm run trust:import -- <file.xml> [--dry-run]';

function readArguments() {
  const parsed = fileArguments(USAGE, { 'dry-run': { type: 'boolean', default: false } });
  return { file: parsed.file, path: parsed.path, dryRun: parsed.values['dry-run'] ?? false };
}

async function run(): Promise<number> {
  const { file, path, dryRun } = readArguments();
  const bytes = await readInputFile(path);
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

await runCommand(NAME, run);
