import { assertReadableThrough, fileResponse, NotFoundError, type PluginHttpRoute } from '@gea/core';
import { scopes } from '../scopes.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The receipt's daticert.xml exactly as it was registered: what the protocol system files. */
export const receiptOriginalRoute: PluginHttpRoute = {
  method: 'GET',
  path: '/receipts/:id/daticert.xml',
  async handle(_request, { params, context }) {
    const id = params.id ?? '';
    const receipt = UUID.test(id)
      ? await context.prisma.pecReceipt.findUnique({
          where: { id: id.toLowerCase() },
          select: { xml: true, message: { select: { entityId: true } } },
        })
      : null;
    if (!receipt) throw new NotFoundError('PecReceipt');
    await assertReadableThrough(context, scopes.read, [receipt.message.entityId], 'PecReceipt');
    return fileResponse(receipt.xml, { name: 'daticert.xml', contentType: 'application/xml; charset=utf-8' });
  },
};
