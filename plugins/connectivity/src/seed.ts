import type { SeedContext } from '@gea/core';

/** Demo data: the union's municipalities linked to the central site in Rufina (filled in below). */
export async function seedConnectivity({ log }: SeedContext): Promise<void> {
  log('connectivity: no demo data yet');
}
