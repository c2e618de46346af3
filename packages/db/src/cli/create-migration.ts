// npm run db:migration -- --name <name>
// Creates prisma/migrations/<timestamp>_<name>/migration.sql from the difference between the
// migrations so far and the schema files (core + every plugin), with no network access.
import { parseArgs } from 'node:util';
import path from 'node:path';
import { createMigration } from '../migrations.ts';
import { repoRoot } from '../paths.ts';

const { values } = parseArgs({ options: { name: { type: 'string' } } });
if (!values.name) {
  console.error('usage: npm run db:migration -- --name <name>   (lowercase letters, digits, underscores)');
  process.exit(2);
}
try {
  const created = await createMigration(values.name);
  if (!created) {
    console.log('The schema matches the migrations: nothing to create.');
  } else {
    console.log(`Created ${path.relative(repoRoot, created.file)}\n\n${created.sql}`);
  }
} catch (error) {
  console.error(`db:migration failed: ${(error as Error).message}`);
  process.exit(1);
}
// The WASM engine keeps a timer alive for a while after it is freed; nothing is left to do.
process.exit(0);
