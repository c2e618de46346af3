import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { repoRoot, type EntityKind, type GeaPrismaClient } from '@gea/db';
import type { GeaPlugin, SeedContext } from './plugin.ts';

interface ReferenceRow {
  kind: string;
  name: string;
  istat_code: string;
  cadastral_code: string;
  province: string;
  population_2021_01_01: string;
  member_of: string;
  notes: string;
}

const kinds: Record<string, EntityKind> = {
  UNION: 'UNION',
  PROVINCE: 'PROVINCE',
  MUNICIPALITY: 'MUNICIPALITY',
};

/**
 * Demo bodies from the project's copy of the reference data (data/entities.csv: real ISTAT codes and
 * the resident population on 1 January 2021, i.e. at 31 December 2020).
 */
export async function seedReferenceEntities({ prisma, log }: SeedContext): Promise<void> {
  const text = await readFile(path.join(repoRoot, 'data/entities.csv'), 'utf8');
  const rows = parse(text, { columns: true, skip_empty_lines: true, trim: true }) as ReferenceRow[];
  const referenceDate = new Date('2020-12-31T00:00:00Z');
  for (const row of rows) {
    const taxCode = /fiscal code (\d{11})/.exec(row.notes)?.[1] ?? null;
    const entity = await prisma.entity.create({
      data: {
        kind: kinds[row.kind] ?? 'OTHER',
        name: row.kind === 'MUNICIPALITY' ? `Comune di ${row.name}` : row.name,
        istatCode: row.istat_code || null,
        cadastralCode: row.cadastral_code || null,
        province: row.province || null,
        taxCode,
      },
    });
    if (row.population_2021_01_01) {
      await prisma.entityPopulation.create({
        data: {
          entityId: entity.id,
          referenceDate,
          population: Number.parseInt(row.population_2021_01_01, 10),
          source: 'ISTAT, resident population on 1 January 2021',
        },
      });
    }
  }
  log(`seeded ${rows.length} public bodies from data/entities.csv`);
}

/**
 * Seeds an empty database, in one transaction: reference bodies, then each plugin's demo data in
 * dependency order. A failure leaves the database empty, so the next start tries again.
 */
export async function seedDemoData(
  prisma: GeaPrismaClient,
  plugins: readonly GeaPlugin[],
  log: (message: string) => void,
): Promise<boolean> {
  if ((await prisma.entity.count()) > 0) return false;
  await prisma.$transaction(
    async (tx) => {
      const context: SeedContext = { prisma: tx, log };
      await seedReferenceEntities(context);
      for (const plugin of plugins) await plugin.seed?.(context);
    },
    { timeout: 300_000, maxWait: 10_000 },
  );
  return true;
}
