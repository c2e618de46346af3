import PDFDocument from 'pdfkit';
import { explainAllocation } from '../allocation/index.ts';
import type { ComputedAllocation } from '../allocation-context.ts';
import { populationLine } from '../population-figures.ts';
import type { VisibleBody } from '../schema/body-allocation.ts';
import { isoDate } from '@gea/core';
import { money, winAnsi, int, date } from './pdf-format.ts';

type TableWithData = PDFKit.Mixins.TableOptionsWithData;

const SIMULATION_BANNER = 'SIMULAZIONE - pesi non in vigore, nulla è stato salvato: non è la ripartizione approvata';

/**
 * The allocation of a year as the web client shows it: the weights (in force, or the simulated
 * ones), the totals, the quota of each body the reader may see and how it is obtained. A body-scoped
 * reader sees their bodies and the rest of the members as one line, so the quotas still add up to
 * the net total. A simulation says so at the top of every page.
 */
export function allocationPdf(computed: ComputedAllocation, visible: readonly VisibleBody[], associationName: string): Promise<Buffer> {
  const simulation = computed.scenario;
  const title = `${simulation ? 'Simulazione della ripartizione' : 'Ripartizione'} dei costi ${computed.year}`;
  const doc = new PDFDocument({
    size: 'A4',
    margin: 48,
    info: {
      Title: `${title} - ${associationName}`,
      Author: associationName,
      Subject: 'Ufficio ICT associato, ripartizione dei costi (art. 13 del regolamento)',
      Creator: 'GEA - Gestione Associata',
      // A simulation has no date of its own: printed now.
      CreationDate: new Date(),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const banner = () => {
    if (!simulation) return;
    const { x, y } = doc;
    doc.save().rect(48, 20, doc.page.width - 96, 20).fill('#fde8c8').restore();
    doc.font('Helvetica-Bold').fontSize(9).fillColor('#7a3e00').text(winAnsi(SIMULATION_BANNER), 54, 26, { width: doc.page.width - 108, lineBreak: false });
    doc.fillColor('black').font('Helvetica').fontSize(8);
    doc.x = x;
    doc.y = Math.max(y, 48);
  };
  banner();
  doc.on('pageAdded', banner);

  const weights = computed.input.weights;
  doc.font('Helvetica-Bold').fontSize(15).text(winAnsi(associationName));
  doc.fontSize(13).text(title);
  doc.font('Helvetica').fontSize(9).fillColor('#333333')
    .text(
      `${simulation ? 'Pesi simulati' : 'Pesi in vigore'} (art. 13): ${weights.pcBasisPoints / 100}% per PC in servizio al ${date(isoDate(computed.pcReferenceDate))}, ` +
        `${weights.populationBasisPoints / 100}% per abitanti al ${date(isoDate(computed.populationReferenceDate))}; spese al netto dei contributi.`,
    )
    .text(`Stampata il ${date(new Date().toISOString())}.`)
    .fillColor('black')
    .moveDown();

  const result = computed.result;
  doc.font('Helvetica-Bold').fontSize(11).text('Totali').moveDown(0.3);
  doc.font('Helvetica').fontSize(8);
  doc.table(<TableWithData>{
    columnStyles: [200, '*'],
    data: [
      ['Spese (IVA inclusa)', { text: money(result.grossTotalCents), align: { x: 'right' } }],
      ['Contributi', { text: money(result.grantsCents), align: { x: 'right' } }],
      ['Personale assegnato all\'ufficio', { text: money(result.staffCostsCents), align: { x: 'right' } }],
      [{ text: 'Totale netto da ripartire', font: { src: 'Helvetica-Bold' } }, { text: money(result.netTotalCents), align: { x: 'right' } }],
    ],
  });
  doc.moveDown();

  const visibleIds = new Set(visible.map((body) => body.entityId));
  const others = result.bodies.filter((body) => !visibleIds.has(body.entityId));
  doc.font('Helvetica-Bold').fontSize(11).text('Quote degli enti').moveDown(0.3);
  doc.font('Helvetica').fontSize(8);
  const percent = (cents: number) => (result.netTotalCents > 0 ? `${winAnsi(((cents * 100) / result.netTotalCents).toLocaleString('it-IT', { maximumFractionDigits: 2 }))}%` : '');
  doc.table(<TableWithData>{
    columnStyles: [110, 35, 50, 60, 60, 60, 65, '*'],
    rowStyles: (row: number) => (row === 0 ? { backgroundColor: '#e8e8e8' } : {}),
    data: [
      ['Ente', 'PC', 'Abitanti', 'Quota PC', 'Quota abitanti', 'Altre voci', 'Totale', 'Quota %'],
      ...visible.map((q) => [
        winAnsi(q.name),
        { text: winAnsi(int.format(q.pcs)), align: { x: 'right' } },
        { text: winAnsi(int.format(q.population)), align: { x: 'right' } },
        { text: money(q.pcQuotaCents), align: { x: 'right' } },
        { text: money(q.populationQuotaCents), align: { x: 'right' } },
        {
          text: money(q.correctives.reduce((s, l) => s + l.amountCents, 0) + q.projects.reduce((s, l) => s + l.amountCents, 0) + q.staffReimbursementCents),
          align: { x: 'right' },
        },
        { text: money(q.totalCents), align: { x: 'right' } },
        { text: percent(q.totalCents), align: { x: 'right' } },
      ]),
      // The bodies the reader may not see, together: their sum and nothing more.
      ...(others.length > 0
        ? [[
            `Altri ${others.length} enti`,
            '', '', '', '', '',
            { text: money(others.reduce((s, b) => s + b.totalCents, 0)), align: { x: 'right' } },
            { text: percent(others.reduce((s, b) => s + b.totalCents, 0)), align: { x: 'right' } },
          ]]
        : []),
      [
        { text: 'Totale', font: { src: 'Helvetica-Bold' } },
        '', '', '', '', '',
        { text: money(result.bodies.reduce((s, b) => s + b.totalCents, 0)), align: { x: 'right' } },
        { text: '100%', align: { x: 'right' } },
      ],
    ],
  });
  doc.moveDown();

  doc.font('Helvetica-Bold').fontSize(11).text('Come si ottiene ogni quota').moveDown(0.3);
  doc.font('Helvetica').fontSize(8);
  for (const body of visible) {
    const lines = [populationLine('it', computed.populations.get(body.entityId)!, computed.populationReferenceDate), ...explainAllocation(body, result, 'it')];
    doc.font('Helvetica-Bold').text(winAnsi(body.name));
    doc.font('Helvetica').list(lines.map(winAnsi), { bulletRadius: 1.2, textIndent: 8 });
    doc.moveDown(0.4);
  }
  doc.end();
  return done;
}
