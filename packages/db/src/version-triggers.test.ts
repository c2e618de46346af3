import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { versionTriggersFor } from './migrations.ts';
import { repoRoot } from './paths.ts';

describe('db:migration adds the version trigger of every new versioned table', () => {
  it('for a new table and for a column added to an existing one, not for other columns named version', () => {
    const sql = [
      'CREATE TABLE "ParkingPermit" (\n    "id" UUID NOT NULL,\n    "version" INTEGER NOT NULL DEFAULT 1,\n\n    CONSTRAINT "ParkingPermit_pkey" PRIMARY KEY ("id")\n);',
      'CREATE TABLE "Release" (\n    "id" UUID NOT NULL,\n    "version" TEXT NOT NULL,\n\n    CONSTRAINT "Release_pkey" PRIMARY KEY ("id")\n);',
      'ALTER TABLE "Asset" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;',
    ].join('\n\n');
    expect(versionTriggersFor(sql).trim().split('\n').slice(1)).toEqual([
      'CREATE TRIGGER "ParkingPermit_bump_version" BEFORE UPDATE ON "ParkingPermit" FOR EACH ROW EXECUTE FUNCTION "gea_bump_version"();',
      'CREATE TRIGGER "Asset_bump_version" BEFORE UPDATE ON "Asset" FOR EACH ROW EXECUTE FUNCTION "gea_bump_version"();',
    ]);
    expect(versionTriggersFor('ALTER TABLE "Asset" ADD COLUMN "floor" TEXT;')).toBe('');
  });

  it('finds the same triggers in the record_versions migration as were written there', async () => {
    const dir = path.join(repoRoot, 'prisma/migrations');
    const name = (await readdir(dir)).find((entry) => entry.endsWith('_record_versions'))!;
    const sql = await readFile(path.join(dir, name, 'migration.sql'), 'utf8');
    const expected = versionTriggersFor(sql).trim().split('\n').slice(1);
    expect(expected).toHaveLength(16);
    for (const line of expected) expect(sql).toContain(line);
  });
});
