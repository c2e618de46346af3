import PDFDocument from 'pdfkit';
import { PLAN_TITLES, type PlanDocumentContent } from './content.ts';
import { date, int, money, winAnsi } from './pdf-format.ts';

type TableWithData = PDFKit.Mixins.TableOptionsWithData;

/**
 * The date(s) of the population figures the quotas rest on, as used: normally one, the reference
 * date. Documents issued before the date was kept per body fall back to the reference date.
 */
export function populationDatesText(content: Pick<PlanDocumentContent, 'populationReferenceDate' | 'quotas'>): string {
  const used = [...new Set(content.quotas.map((quota) => quota.populationDate ?? content.populationReferenceDate))].sort();
  if (used.length === 0) return `al ${date(content.populationReferenceDate)}`;
  if (used.length === 1) return `al ${date(used[0]!)}`;
  return `alle date ${used.map((day) => date(day)).join(', ')} (dato di riferimento al ${date(content.populationReferenceDate)})`;
}
const CATEGORY = { CURRENT: 'Corrente', CAPITAL: 'Capitale' } as Record<string, string>;

/**
 * The document a ragioneria files: title and version, the expenses with their grants, each body's
 * quota and the explanation of it. A4, the standard Helvetica font (no font files to ship).
 */
export function planDocumentPdf(content: PlanDocumentContent): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 48,
    info: {
      Title: `${PLAN_TITLES[content.plan].it} ${content.year} - versione ${content.version}`,
      Author: content.associationName,
      Subject: 'Ufficio ICT associato (art. 10 e 13 del regolamento)',
      Creator: 'GEA - Gestione Associata',
      CreationDate: new Date(content.issuedAt),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font('Helvetica-Bold').fontSize(15).text(content.associationName);
  doc.fontSize(13).text(`${PLAN_TITLES[content.plan].it} ${content.year}`);
  doc.font('Helvetica').fontSize(9).fillColor('#333333')
    .text(`Versione ${content.version}${content.version > 1 ? ' (revisione)' : ''}, emessa il ${date(content.issuedAt)}.`)
    .text(
      `Ripartizione (art. 13): ${content.pcWeightBasisPoints / 100}% per PC in servizio al ${date(content.pcReferenceDate)}, ` +
        `${(10_000 - content.pcWeightBasisPoints) / 100}% per abitanti ${populationDatesText(content)}; spese al netto dei contributi.`,
    )
    .fillColor('black')
    .moveDown();

  doc.font('Helvetica-Bold').fontSize(11).text('Spese').moveDown(0.3);
  doc.font('Helvetica').fontSize(8);
  doc.table(<TableWithData>{
    columnStyles: [190, 50, 70, 70, 70, '*'],
    rowStyles: (row: number) => (row === 0 ? { backgroundColor: '#e8e8e8' } : {}),
    data: [
      ['Descrizione', 'Natura', 'Importo (IVA incl.)', 'Contributi', 'Netto', 'CIG / CUP'],
      ...content.expenses.map((e) => [
        e.description,
        CATEGORY[e.category] ?? e.category,
        { text: money(e.grossCents), align: { x: 'right' } },
        { text: money(e.grantsCents), align: { x: 'right' } },
        { text: money(e.netCents), align: { x: 'right' } },
        [e.cig, e.cup].filter(Boolean).join(' / '),
      ]),
      ...content.staff.map((s) => [`Personale assegnato: ${s.personName} (${s.lendingBody})`, 'Personale', { text: money(s.costCents), align: { x: 'right' } }, '', { text: money(s.costCents), align: { x: 'right' } }, '']),
      [
        { text: 'Totale', font: { src: 'Helvetica-Bold' } },
        '',
        { text: money(content.totals.grossCents + content.totals.staffCostsCents), align: { x: 'right' } },
        { text: money(content.totals.grantsCents), align: { x: 'right' } },
        { text: money(content.totals.netCents + content.totals.staffCostsCents), align: { x: 'right' } },
        '',
      ],
    ],
  });
  doc.moveDown();

  doc.font('Helvetica-Bold').fontSize(11).text('Quote degli enti').moveDown(0.3);
  doc.font('Helvetica').fontSize(8);
  doc.table(<TableWithData>{
    columnStyles: [120, 40, 55, 65, 65, 60, '*'],
    rowStyles: (row: number) => (row === 0 ? { backgroundColor: '#e8e8e8' } : {}),
    data: [
      ['Ente', 'PC', 'Abitanti', 'Quota PC', 'Quota abitanti', 'Altre voci', 'Totale'],
      ...content.quotas.map((q) => [
        q.name,
        { text: winAnsi(int.format(q.pcs)), align: { x: 'right' } },
        { text: winAnsi(int.format(q.population)), align: { x: 'right' } },
        { text: money(q.pcQuotaCents), align: { x: 'right' } },
        { text: money(q.populationQuotaCents), align: { x: 'right' } },
        { text: money(q.correctivesCents + q.projectsCents + q.staffReimbursementCents), align: { x: 'right' } },
        { text: money(q.totalCents), align: { x: 'right' } },
      ]),
      [
        { text: 'Totale', font: { src: 'Helvetica-Bold' } },
        '', '', '', '', '',
        { text: money(content.quotas.reduce((sum, q) => sum + q.totalCents, 0)), align: { x: 'right' } },
      ],
    ],
  });
  doc.moveDown();

  doc.font('Helvetica-Bold').fontSize(11).text('Come si ottiene ogni quota').moveDown(0.3);
  doc.font('Helvetica').fontSize(8);
  for (const quota of content.quotas) {
    doc.font('Helvetica-Bold').text(quota.name);
    doc.font('Helvetica').list(quota.explanation.map(winAnsi), { bulletRadius: 1.2, textIndent: 8 });
    doc.moveDown(0.4);
  }
  doc.end();
  return done;
}
