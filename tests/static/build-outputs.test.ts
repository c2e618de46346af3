import { readFile } from 'node:fs/promises';
import { loadInstalledPlugins, printedSchemaPath, printSchemaFor } from '@gea/api';
import { diffSchemaAgainstMigrations } from '@gea/db/migrations';
import { describe, expect, it } from 'vitest';

describe('committed build outputs are current', () => {
  it('apps/api/schema.graphql matches the schema the configured plugins compose (run npm run schema:print)', async () => {
    const committed = await readFile(printedSchemaPath, 'utf8');
    const printed = printSchemaFor(await loadInstalledPlugins({}));
    expect(committed === printed, 'apps/api/schema.graphql is stale: run npm run schema:print').toBe(true);
  }, 60_000); // composing every plugin's schema takes seconds on a busy two-core machine

  it(
    'prisma/migrations produce exactly the models in prisma/schema (run npm run db:migration -- --name <name>)',
    async () => {
      const drift = await diffSchemaAgainstMigrations();
      expect(drift, `schema changes without a migration:\n${drift}`).toBeNull();
    },
    60_000,
  );
});
