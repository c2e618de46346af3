import type { SeedContext } from '@gea/core';

/** Demo data: the union's municipalities' sites, with pages written in GEA. */
export async function seedWebHosting({ log }: SeedContext): Promise<void> {
  log('web hosting: no demo sites yet');
}
