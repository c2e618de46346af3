// The version of every updatable record is raised by the database itself, whatever writes the row.
import inventory from '@gea/plugin-inventory';
import { describe, expect, it } from 'vitest';
import { useTestApi } from '@gea/test-kit/api.ts';
import { seedBodies } from '@gea/test-kit/seed.ts';

const t = useTestApi([inventory]);

describe('record versions', () => {
  it('every table with a version column has the trigger that raises it', async () => {
    const versioned = await t.db.prisma.$queryRaw<{ table: string; triggered: boolean }[]>`
      select c.table_name as table,
        exists (
          select 1 from pg_trigger g join pg_class r on r.oid = g.tgrelid
          where r.relname = c.table_name and g.tgname = c.table_name || '_bump_version' and not g.tgisinternal
        ) as triggered
      from information_schema.columns c
      where c.table_schema = current_schema() and c.column_name = 'version'
      order by 1`;
    // Every record with an update or set mutation: see prisma/schema/*.prisma.
    expect(versioned.map((row) => row.table)).toEqual(
      expect.arrayContaining(['Asset', 'Contract', 'Entity', 'PecMailbox', 'Site', 'SignatureCertificate', 'SoftwareLicence', 'Supplier']),
    );
    // Columns named `version` that mean something else, written once and never concurrently changed.
    const otherMeanings: Record<string, string> = {
      PlanDocument: 'the number of an issued, frozen document',
      SoftwareInstallation: 'the version of the installed software',
    };
    expect(versioned.filter((row) => !row.triggered && !(row.table in otherMeanings))).toEqual([]);
  });

  it('starts at 1, rises by one on every UPDATE of the row, and cannot be set back by a writer', async () => {
    const [body] = await seedBodies(t.db, 1, 1, 'VR');
    const asset = await t.db.prisma.asset.findFirstOrThrow({ where: { entityId: body!.id } });
    expect(asset.version).toBe(1);
    // Raw SQL, as the import's batched statements: the trigger counts it all the same.
    await t.db.prisma.$executeRaw`update "Asset" set floor = 'Piano 1' where id = ${asset.id}::uuid`;
    await t.db.prisma.$executeRaw`update "Asset" set floor = 'Piano 2', version = 1 where id = ${asset.id}::uuid`;
    expect((await t.db.prisma.asset.findUniqueOrThrow({ where: { id: asset.id } })).version).toBe(3);
  });
});
