// Prisma CLI configuration. Only `prisma generate` runs through the CLI here (see
// packages/db/scripts/generate.mjs); migrations run through the WASM schema engine in
// packages/db/src/migrations.ts, which reads the same folders.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema',
  migrations: { path: 'prisma/migrations' },
});
