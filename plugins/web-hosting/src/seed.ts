// Demo data (synthetic): a site for each municipality of the union, on GEA's CMS, with its required
// links and published pages written in Italian by the body's demo web editor; the supported
// versions of the other CMSs. One certificate expires soon, to show the alert.
import { addDays, today, type SeedContext } from '@gea/core';
import { seedServiceProposals } from './seed/proposals.ts';
import { seedSitePages } from './seed/site-pages.ts';

type Tx = SeedContext['prisma'];

export const UNION_NAME = 'Unione di Comuni Valdarno e Valdisieve';
/** The municipality whose certificate expires within days. */
export const TLS_SOON_BODY = 'San Godenzo';

/** "Rignano sull'Arno" -> "rignano-sullarno": the site's path segment and the name in its domain. */
export function siteSlugOf(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** The body's demo web editor, with the referent's password (the demo's): found or created. */
async function demoEditor(prisma: Tx, entity: { id: string; name: string; referentId: string | null }, slug: string) {
  const email = `redazione@${slug}.gea.local`;
  const existing = await prisma.user.findUnique({ where: { email } });
  if (existing) return existing;
  const referent = entity.referentId ? await prisma.user.findUnique({ where: { id: entity.referentId } }) : null;
  return prisma.user.create({
    data: {
      email,
      name: `Redazione web ${entity.name}`,
      passwordHash: referent?.passwordHash ?? null,
      roles: { create: { role: 'WEB_EDITOR', entityId: entity.id } },
    },
  });
}

export async function seedWebHosting({ prisma, log }: SeedContext, day: Date = today()): Promise<void> {
  const union = await prisma.entity.findFirst({ where: { kind: 'UNION', name: UNION_NAME } });
  const association = union && (await prisma.association.findFirst({ where: { leadEntityId: union.id } }));
  if (!union || !association) {
    log('web hosting: no demo sites (the union of the demo organisation is missing)');
    return;
  }
  const members = await prisma.associationMember.findMany({
    where: { associationId: association.id, leftOn: null, entity: { kind: 'MUNICIPALITY' } },
    include: { entity: true },
    orderBy: { entity: { name: 'asc' } },
  });

  await prisma.cmsVersionPolicy.createMany({
    data: [
      { cms: 'WORDPRESS', minimumVersion: '6.6', latestVersion: '6.8.3', note: 'Tema Design Comuni Italia aggiornato' },
      { cms: 'DRUPAL', minimumVersion: '10.4', latestVersion: '11.2.5', note: 'Drupal 10 supportato fino a dicembre 2026' },
      { cms: 'JOOMLA', minimumVersion: '5.2', latestVersion: '5.3.4' },
    ],
  });

  let pages = 0;
  for (const [index, member] of members.entries()) {
    const entity = member.entity;
    const slug = siteSlugOf(entity.name);
    const province = (entity.province ?? 'fi').trim().toLowerCase();
    const domain = `comune.${slug}.${province}.it`;
    const editor = await demoEditor(prisma, entity, slug);
    const site = await prisma.hostedSite.create({
      data: {
        entityId: entity.id,
        slug,
        name: `Comune di ${entity.name}`,
        primaryDomain: domain,
        aliases: { create: { domain: `www.${domain}` } },
        server: 'web-01.ict.unione-valdarno-valdisieve.it',
        cms: 'GEA',
        tlsExpiresOn: addDays(day, entity.name === TLS_SOON_BODY ? 9 : 60 + index * 15),
        tlsIssuer: "Let's Encrypt",
        status: 'ACTIVE',
        publication: { create: { stamp: 1, changedAt: day } },
      },
    });
    const written = await seedSitePages(prisma, {
      site,
      town: { name: entity.name, domain, pec: entity.pecAddress },
      authorId: editor.id,
      day,
    });
    pages += written.count;
    const link = (kind: 'ACCESSIBILITY_DECLARATION' | 'PRIVACY' | 'LEGAL_NOTES' | 'BOOKING' | 'REPORT_PROBLEM' | 'FAQ', target: { url: string } | { page: string }) =>
      'url' in target ? { siteId: site.id, kind, url: target.url } : { siteId: site.id, kind, contentItemId: target.page };
    await prisma.siteLink.createMany({
      data: [
        // AgID's form of the accessibility declaration (synthetic id).
        link('ACCESSIBILITY_DECLARATION', { url: `https://form.agid.gov.it/view/${site.id}` }),
        link('PRIVACY', { page: written.pages.privacy }),
        link('LEGAL_NOTES', { page: written.pages.legalNotes }),
        link('FAQ', { page: written.pages.faq }),
        link('BOOKING', { url: written.bookingUrl }),
        link('REPORT_PROBLEM', { url: `https://servizi.${domain}/segnalazioni` }),
      ],
    });
  }
  const proposals = await seedServiceProposals(prisma);
  if (proposals) log('web hosting: an approved service proposal with its service, and an open one with votes');
  log(`web hosting: ${members.length} sites on GEA with ${pages} published pages, demo web editors redazione@<site>.gea.local (the referents' password)`);
}
