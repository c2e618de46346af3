import { assertReadableThrough, fileResponse, NotFoundError, type PluginHttpRoute, isUuid } from '@gea/core';
import type { PlanDocumentContent } from '../documents/content.ts';
import { planDocumentCsv } from '../documents/csv.ts';
import { planDocumentPdf } from '../documents/pdf.ts';
import { planDocumentFileName } from '../documents/file-names.ts';
import { scopes } from '../scopes.ts';


const formats = {
  pdf: { contentType: 'application/pdf', render: async (content: PlanDocumentContent) => new Uint8Array(await planDocumentPdf(content)) },
  // Italian Excel opens UTF-8 only with a byte order mark
  csv: { contentType: 'text/csv; charset=utf-8', render: async (content: PlanDocumentContent) => `\ufeff${planDocumentCsv(content)}` },
} as const;

/**
 * An issued annual document as a file (`/cost-sharing/documents/<id>.pdf` or `.csv`), readable by
 * whoever reads the cost sharing of one of the association's members, as the document itself.
 */
export const planDocumentFileRoute: PluginHttpRoute = {
  method: 'GET',
  path: '/documents/:id.:format',
  async handle(_request, { params, context }) {
    const id = params.id ?? '';
    const format = formats[params.format as keyof typeof formats];
    const document =
      isUuid(id) && format
        ? await context.prisma.planDocument.findUnique({ where: { id: id.toLowerCase() }, select: { associationId: true, plan: true, year: true, version: true, content: true } })
        : null;
    if (!document || !format) throw new NotFoundError('PlanDocument');
    const members = await context.prisma.associationMember.findMany({ where: { associationId: document.associationId }, select: { entityId: true } });
    await assertReadableThrough(context, scopes.read, members.map((m) => m.entityId), 'PlanDocument');
    const body = await format.render(document.content as unknown as PlanDocumentContent);
    const name = planDocumentFileName(document.plan, document.year, document.version, params.format as 'pdf' | 'csv');
    return fileResponse(body, { name, contentType: format.contentType });
  },
};
