import type { SeedContext } from '@gea/core';

/** Demo data: the union's municipalities' sites, with pages written in GEA. */
export async function seedWebHosting({ log, prisma }: SeedContext): Promise<void> {
  const body = await prisma.entity.findFirstOrThrow({ where: { kind: 'MUNICIPALITY' }, orderBy: { name: 'asc' } });
  await prisma.hostedSite.create({ data: { entityId: body.id, slug: 'dev', name: 'Sito di prova', primaryDomain: 'www.comune.dev.po.it', cms: 'GEA' } });
  log('web hosting: no demo sites yet');
}
