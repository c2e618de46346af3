// One demo site's pages, in the order their references need: contact point, place, office,
// attachments, services, news, event, document, the site-wide pages.
import type { SeedContext } from '@gea/core';
import * as pages from './pages.ts';
import { onePagePdf, sha256Of } from './pdf.ts';
import { writePublishedPage } from './write.ts';

type Tx = SeedContext['prisma'];

export interface SeededSitePages {
  count: number;
  pages: { privacy: string; legalNotes: string; faq: string };
  bookingUrl: string;
}

export async function seedSitePages(
  prisma: Tx,
  { site, town, authorId, day }: { site: { id: string }; town: pages.Town; authorId: string; day: Date },
): Promise<SeededSitePages> {
  let count = 0;
  const publishedAt = new Date(day.getTime() - 14 * 86_400_000);
  const write = async (page: Parameters<typeof writePublishedPage>[2]) => {
    count++;
    return writePublishedPage(prisma, { siteId: site.id, authorId, publishedAt }, page);
  };
  const attach = async (fileName: string, line: string) => {
    const data = onePagePdf(line);
    const attachment = await prisma.contentAttachment.create({
      data: { siteId: site.id, fileName, mediaType: 'application/pdf', size: data.byteLength, sha256: sha256Of(data), data: new Uint8Array(data), uploadedById: authorId },
    });
    return attachment.id;
  };
  const bookingUrl = `https://servizi.${town.domain}/prenotazioni`;

  const contact = await write(pages.contactPoint(town));
  const place = await write(pages.townHall(town, contact));
  const unit = await write(pages.registryOffice(town, { contact, place }));
  const terms = await attach('condizioni-servizi-demografici.pdf', `Comune di ${town.name} - Condizioni dei servizi demografici`);
  const form = await attach('modulo-dichiarazione-residenza.pdf', `Comune di ${town.name} - Dichiarazione di residenza`);
  const refs = { unit, contact, terms };
  const cie = await write(pages.identityCard(town, refs, bookingUrl));
  await write(pages.changeOfResidence(town, refs, bookingUrl));
  await write(pages.schoolCanteen(town, refs));
  for (const item of pages.news(town, day, unit)) await write(item);
  await write(pages.festival(town, day, place, contact));
  const document = await write(pages.residenceForm(day, { file: form, unit }));
  await prisma.contentAttachment.update({ where: { id: terms }, data: { itemId: cie } });
  await prisma.contentAttachment.update({ where: { id: form }, data: { itemId: document } });
  const written: string[] = [];
  for (const page of pages.sitePages(town)) written.push(await write(page));
  return { count, pages: { privacy: written[0]!, legalNotes: written[1]!, faq: written[2]! }, bookingUrl };
}
